"""The building blocks of the content model: texts that must be printable, ids, minutes."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from modul.i18n import _

# Control characters, lone surrogates and non-characters: typed as YAML escapes such as
# "\x07", they have no glyph and cannot pass through the document markup (XML).
UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _printable(text: str) -> str:
    if found := UNPRINTABLE.search(text):
        raise ValueError(
            _("the character U+{code} cannot be printed").format(code=f"{ord(found.group()):04X}")
        )
    return text


# Strict: a number or date where text belongs is an error, not silently converted.
Text = Annotated[
    str,
    StringConstraints(strict=True, strip_whitespace=True, min_length=1),
    AfterValidator(_printable),
]
Slug = Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Minutes = Annotated[int, Field(strict=True, gt=0)]
Texts = list[Text]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
