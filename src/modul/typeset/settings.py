"""ReportLab's settings for every PDF modul writes (documents and the roster's stamps),
made when this module is first imported: each module that makes a canvas imports it.

A module-wide setting, not a canvas option: ReportLab reads these where it writes a
stream or a font, long after the canvas is made."""

from __future__ import annotations

import re

from reportlab import rl_config
from reportlab.pdfbase import ttfonts

# Binary streams instead of ASCII85 text: files a fifth smaller, written faster, and
# read by every viewer and printer of this century.
rl_config.useA85 = 0


def _to_unicode_cmap(font_name: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode map, with characters beyond U+FFFF (emoji) written as UTF-16
    pairs: ReportLab writes <1F600>, which makes copying or searching such text fail."""
    return BEYOND_BMP.sub(
        lambda m: f"<{m[1]}> <{chr(int(m[2], 16)).encode('utf-16-be').hex().upper()}>",
        _reportlab_to_unicode_cmap(font_name, subset),
    )


BEYOND_BMP = re.compile(r"^<([0-9A-F]{2})> <([0-9A-F]{5,6})>$", re.MULTILINE)
_reportlab_to_unicode_cmap = ttfonts.makeToUnicodeCMap
ttfonts.makeToUnicodeCMap = _to_unicode_cmap
