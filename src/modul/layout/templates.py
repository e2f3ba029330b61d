"""Find layout templates and render them, with the content, into document markup.

Templates run in Jinja2's sandbox with autoescaping (content text can never become
markup) and StrictUndefined (a typo in a variable name is an error, not a blank).
"""

from __future__ import annotations

import traceback
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import Any, ClassVar

from jinja2 import (
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateRuntimeError,
    TemplateSyntaxError,
)
from jinja2.bccache import Bucket, BytecodeCache
from jinja2.sandbox import SandboxedEnvironment

from modul.content.source import ProblemList
from modul.errors import relative
from modul.i18n import _

# A document's template counts (`range`) to this many in all, and writes at most this
# much markup: far above any real document, and a loop in a loop of a million is refused
# at once instead of running for hours.
MAX_COUNTED = 100_000
MAX_MARKUP = 20_000_000  # characters
_COUNTED: ContextVar[int] = ContextVar("counted", default=0)


class TooMuch(TemplateRuntimeError):
    """A template that counts or writes far more than any document; its message is the
    whole sentence shown to the trainer."""


class _Compiled(BytecodeCache):
    """Compiled templates kept for the process by file, with the checksum of the source
    they were compiled from: a later build (`modul serve`, `watch`) compiles only what
    was edited. By content, not by time of change: a file system that keeps times to
    two seconds (FAT) would otherwise hide an edit made within them."""

    def __init__(self) -> None:
        self.stored: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if (code := self.stored.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)  # left empty if the checksum differs

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.stored[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _Compiled()


def environment(search_path: tuple[Path, ...]) -> SandboxedEnvironment:
    """One Jinja2 environment, for one build; templates are looked up along
    `search_path` in order."""
    env = _Sandbox(
        loader=FileSystemLoader([str(p) for p in search_path]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=_COMPILED,
    )
    env.globals["range"] = _counted_range
    return env


class _Sandbox(SandboxedEnvironment):
    """Jinja2's sandbox, its verdict on an attribute remembered per type of object and
    name: the rules look only at those two, and a national build asks millions of times."""

    _verdicts: ClassVar[dict[tuple[type, str], bool]] = {}

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        key = (type(obj), attr)
        if (safe := self._verdicts.get(key)) is None:
            safe = self._verdicts[key] = super().is_safe_attribute(obj, attr, value)
        return safe

    def getattr(self, obj: Any, attribute: str) -> Any:
        """An attribute found safe before is read at once; str.format and anything
        new go through the sandbox's own checks."""
        if attribute not in _FORMATS and self._verdicts.get((type(obj), attribute)):
            try:
                return getattr(obj, attribute)
            except AttributeError:
                pass  # an item of that name, or undefined: as the sandbox says
        return super().getattr(obj, attribute)


_FORMATS = {"format", "format_map"}  # the sandbox wraps a string's own


def _counted_range(*args: int) -> range:
    numbers = range(*args)
    counted = _COUNTED.get() + len(numbers)
    if counted > MAX_COUNTED:
        raise TooMuch(
            _(
                "the template counts to more than {limit:,} with range(): "
                "a loop that runs for hours"
            ).format(limit=MAX_COUNTED)
        )
    _COUNTED.set(counted)
    return numbers


def render(env: SandboxedEnvironment, name: str, context: dict[str, Any], root: Path) -> str:
    """Render template `name`; any template error becomes a Problem at its file and line."""
    try:
        _COUNTED.set(0)
        return _bounded(env.get_template(name).generate(**context))
    except RecursionError as err:
        file, line = _template_frame(err, name, root)
        raise ProblemList.one(
            file,
            line,
            0,
            _("a macro calls itself without end"),
            _("give the macro a condition to stop"),
        ) from None
    except TemplateSyntaxError as err:
        raise ProblemList.one(
            _shown(err.filename, root) or name,
            err.lineno or 0,
            0,
            _("template syntax error: {reason}").format(reason=err.message),
            _("check the {statement} and {expression} tags on this line").format(
                statement="{% %}", expression="{{ }}"
            ),
        ) from None
    except TemplateNotFound as err:
        file, line = _template_frame(err, name, root)  # the {% include %} that names it
        raise ProblemList.one(
            file,
            line,
            0,
            message=_("template `{template}` not found").format(template=err.name),
            hint=_(
                "check the name in {include_tag} / {import_tag}, "
                "or add the file to the layout folder"
            ).format(include_tag="{% include %}", import_tag="{% import %}"),
        ) from None
    except TooMuch as err:
        file, line = _template_frame(err, name, root)
        if not line:  # raised outside the template's own frames: name its file
            file = _shown(env.get_template(name).filename, root) or name
        raise ProblemList.one(
            file,
            line,
            0,
            err.message or "",
            _(
                "loop over the content's lists, not over large "
                "range() numbers, and not in a loop inside a loop"
            ),
        ) from None
    except TemplateError as err:
        file, line = _template_frame(err, name, root)
        raise ProblemList.one(
            file,
            line,
            0,
            _("template error: {reason}").format(reason=err.message or err),
            _("check the variable names on this line against layouts/README.md"),
        ) from None


def _bounded(pieces: Iterator[str]) -> str:
    written, parts = 0, []
    for piece in pieces:
        written += len(piece)
        if written > MAX_MARKUP:
            raise TooMuch(
                _(
                    "the template writes more than {limit:,} characters: a loop that runs for hours"
                ).format(limit=MAX_MARKUP)
            )
        parts.append(piece)
    return "".join(parts)


def _template_frame(err: Exception, name: str, root: Path) -> tuple[str, int]:
    """The innermost template file and line in the traceback (Jinja2 rewrites it so)."""
    for frame in reversed(traceback.extract_tb(err.__traceback__)):
        if frame.filename.endswith(".j2"):
            return _shown(frame.filename, root) or name, frame.lineno or 0
    return name, 0


def _shown(filename: str | None, root: Path) -> str | None:
    return relative(Path(filename), root) if filename else None
