"""The words of the document markup: each element, the attributes it accepts, and the
values those may take. `markup` checks rendered templates against them; layouts/README.md
documents them, one example per element."""

from __future__ import annotations

import re
from collections.abc import Callable

from modul.i18n import _

# Element → the attributes it accepts. Inline elements may appear inside text elements.
BLOCKS: dict[str, set[str]] = {
    "document": {
        "title",
        "subject",
        "author",
        "keywords",
        "lang",
        "header",
        "footer",
        "page-label",
        "fit-pages",
        "nearly-empty",
        "orientation",
        "border",
        "cover-page",
    },
    "cover": {"kind", "title", "subtitle", "detail", "logo", "form"},
    "h1": {"id"},
    "h2": {"id"},
    "h3": set(),
    "p": {"style", "align", "max-lines"},
    "list": {"style"},
    "item": {"score-note"},
    "table": {"widths", "header", "shade", "border", "row-mm"},
    "row": set(),
    "cell": {"align", "indent"},
    "lines": {"n", "name", "fill"},
    "fields": set(),
    "field": {"label", "name"},
    "digits": {"label", "name", "rows"},  # in <fields>: a number ticked digit by digit
    "choices": {"options", "head", "number", "name", "score", "values"},
    "box": {"title"},
    "banner": {"text", "note", "align"},
    "columns": {"n"},
    "quiz": {"name"},
    "question": set(),
    "option": set(),
    "keep": {"foot"},
    "spacer": {"mm", "fill"},
    "sheet": set(),
    "image": {"src", "mm"},
    "pagebreak": set(),
    "tags": {
        "event",
        "detail",
        "logo",
        "name-label",
        "origin-label",
        "fill",
    },  # name tags, on a grid
    "tag": {"role", "call", "name", "origin"},  # one tag of <tags>; no name: a blank one
    "toc": set(),  # a table of contents with dot leaders, kept on one page
    "entry": {"page", "level"},
    "band": {"mm"},  # text reversed out of the theme's accent colour
    "bottom": set(),  # blocks set at the foot of the page
    "bars": {"max"},  # a bar chart (the report's): each <bar/> a figure from 0 to max
    "bar": {"label", "value", "text"},  # text: the value as printed ("37,5")
}
INLINE = {"b", "i", "u", "br"}
PICTURES = {"cover": "logo", "image": "src", "tags": "logo"}  # the attribute naming a picture
TEXT_ELEMENTS = {"h1", "h2", "h3", "p", "item", "cell", "question", "option", "b", "i", "u"}
PARAGRAPH_STYLES = {"body", "small", "title", "kind", "display", "name"}
ALIGNMENTS = {"left", "center", "right"}
LIST_STYLES = {"bullet", "number"}
# ASCII digits only: str.isdigit() also takes "²", which int() refuses.
_NUMBER = re.compile(r"^[0-9]+(\.[0-9]+)?$")
_WHOLE = re.compile(r"^[0-9]+$")
_WIDTH = re.compile(r"^[0-9]+(\.[0-9]+)?(mm)?$")  # a weight, or millimetres: "9mm"
_INDENT = re.compile(r"^[0-9]+(\.[0-9]+)?%?$")  # millimetres, or a share of the cell: "50%"
_SHARE = re.compile(r"^(0(\.[0-9]+)?|1(\.0+)?)$")

# Element → its attributes' values to check: (attribute, value when absent, test, message).
# A table: the markup of a national build has millions of elements.
VALUES: dict[str, list[tuple[str, str, Callable[[str], object], Callable[[], str]]]] = {
    "document": [
        (
            "orientation",
            "portrait",
            {"portrait", "landscape"}.__contains__,
            lambda: _('<document orientation> must be "portrait" or "landscape"'),
        ),
        (
            "border",
            "0",
            {"0", "1"}.__contains__,
            lambda: _('<document border> must be "0" or "1" (the theme\'s `certificate:` border)'),
        ),
        (
            "cover-page",
            "no",
            {"yes", "no"}.__contains__,
            lambda: _('<document cover-page> must be "yes" (the first page is a cover) or "no"'),
        ),
        (
            "fit-pages",
            "1",
            lambda pages: pages == "auto" or _WHOLE.match(pages),
            lambda: _('<document fit-pages> must be a whole number of pages, e.g. "1"'),
        ),
        (
            "nearly-empty",
            "0",
            _SHARE.match,
            lambda: _('<document nearly-empty> must be a share of a page from 0 to 1, e.g. "0.2"'),
        ),
    ],
    "cover": [
        (
            "form",
            "false",
            {"true", "false"}.__contains__,
            lambda: _('<cover form> must be "true" or "false"'),
        )
    ],
    "table": [
        (
            "border",
            "1",
            {"0", "1"}.__contains__,
            lambda: _('<table border> must be "0" (no lines) or "1"'),
        ),
        (
            "widths",
            "1",
            lambda widths: all(_WIDTH.match(w.strip()) for w in widths.split(",")),
            lambda: _('<table widths> must be weights or millimetres, e.g. "1,4,2" or "9mm,4,2"'),
        ),
        ("row-mm", "0", _NUMBER.match, lambda: _("<table row-mm> must be a number of millimetres")),
    ],
    "p": [
        (
            "align",
            "left",
            ALIGNMENTS.__contains__,
            lambda: _("<p align> must be one of {allowed}").format(allowed=sorted(ALIGNMENTS)),
        ),
        (
            "max-lines",
            "1",
            lambda n: _WHOLE.match(n) and 1 <= int(n) <= 9,
            lambda: _("<p max-lines> must be a whole number from 1 to 9"),
        ),
        (
            "style",
            "body",
            PARAGRAPH_STYLES.__contains__,
            lambda: _("<p style> must be one of {allowed}").format(
                allowed=sorted(PARAGRAPH_STYLES)
            ),
        ),
    ],
    "list": [
        (
            "style",
            "bullet",
            LIST_STYLES.__contains__,
            lambda: _("<list style> must be one of {allowed}").format(allowed=sorted(LIST_STYLES)),
        )
    ],
    "lines": [
        (
            "n",
            "3",
            lambda n: _WHOLE.match(n) and 1 <= int(n) <= 40,
            lambda: _("<lines n> must be a whole number from 1 to 40"),
        ),
        (
            "fill",
            "0",
            {"0", "1"}.__contains__,
            lambda: _('<lines fill> must be "1" (grow to the foot of the page) or "0"'),
        ),
    ],
    "columns": [
        (
            "n",
            "2",
            lambda n: _WHOLE.match(n) and 2 <= int(n) <= 4,
            lambda: _("<columns n> must be a whole number from 2 to 4"),
        )
    ],
    "banner": [
        (
            "align",
            "left",
            {"left", "right"}.__contains__,
            lambda: _('<banner align> must be "left" or "right"'),
        )
    ],
    "cell": [
        (
            "indent",
            "0",
            _INDENT.match,
            lambda: _('<cell indent> must be millimetres or a share, "50%"'),
        )
    ],
    "spacer": [
        ("mm", "5", _NUMBER.match, lambda: _("<spacer mm> must be a number")),
        ("fill", "0", {"0", "1"}.__contains__, lambda: _('<spacer fill> must be "0" or "1"')),
    ],
    "band": [("mm", "0", _NUMBER.match, lambda: _("<band mm> must be a number of millimetres"))],
    "entry": [
        ("level", "1", {"1", "2"}.__contains__, lambda: _('<entry level> must be "1" or "2"'))
    ],
    "image": [
        (
            "src",
            "",
            bool,
            lambda: _("<image> needs src, a picture in the project, e.g. {example}").format(
                example='src="{{ logo }}"'
            ),
        ),
        (
            "mm",
            "30",
            lambda mm: _NUMBER.match(mm) and 0 < float(mm) <= 100,
            lambda: _("<image mm> must be a number of millimetres from 1 to 100"),
        ),
    ],
    "bars": [("max", "100", _NUMBER.match, lambda: _("<bars max> must be a number"))],
    "bar": [("value", "0", _NUMBER.match, lambda: _("<bar value> must be a number from 0"))],
    "choices": [
        ("options", "", bool, lambda: _('<choices> needs options, e.g. options="Benar,Salah"'))
    ],
}
