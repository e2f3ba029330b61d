"""The document markup: a small XML vocabulary for training material.

Templates emit it, this module parses and checks it, `typeset` turns it into PDF. The
vocabulary is documented, one example per element, in `layouts/README.md`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

from modul.content.images import image_problem
from modul.content.source import ProblemList
from modul.errors import Problem, relative
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
    "choices": {"options", "head", "number", "name", "score"},
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
    "tags": {"event", "detail", "logo", "name-label", "origin-label"},  # name tags, on a grid
    "tag": {"role", "call", "name", "origin"},  # one tag of <tags>; no name: a blank one
    "toc": set(),  # a table of contents with dot leaders, kept on one page
    "entry": {"page", "level"},
    "band": {"mm"},  # text reversed out of the theme's accent colour
    "bottom": set(),  # blocks set at the foot of the page
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


def parse(text: str, template: Path, root: Path) -> ET.Element:
    """Parse rendered markup and check it against the vocabulary."""
    try:
        document = ET.fromstring(text)
    except ET.ParseError as err:
        line, col = err.position
        lines = text.splitlines()
        near = lines[line - 1].strip()[:80] if line <= len(lines) else ""
        reason = str(err).split(":")[0]
        raise ProblemList.one(
            relative(template, root),
            0,
            0,
            _("the template produced invalid markup ({reason})").format(reason=reason),
            _(
                "near {text}: check that every element opened in the template is closed and "
                "that text is written with {expression} so that it is escaped"
            ).format(text=repr(near), expression="{{ }}"),
        ) from None
    problems: list[Problem] = []
    if document.tag != "document":
        problems.append(
            _problem(template, root, document.tag, _("the markup must start with <document>"))
        )
    problems += _stray_tags(document, template, root)
    for element in document.iter():
        problems += _check(element, template, root)
        if (attribute := PICTURES.get(element.tag)) and element.get(attribute):
            problems += _check_image(element, attribute, template, root)
    if problems:
        raise ProblemList(problems)
    return document


def _stray_tags(document: ET.Element, template: Path, root: Path) -> list[Problem]:
    """A <tag> stands only in <tags>, which holds nothing else."""
    inside = [child for tags in document.iter("tags") for child in tags]
    if all(c.tag == "tag" for c in inside) and len(inside) == len(list(document.iter("tag"))):
        return []
    hint = _("write each <tag/> inside <tags>, and nothing else there")
    return [_problem(template, root, "tag", _("<tag> stands only inside <tags>"), hint)]


def _check(element: ET.Element, template: Path, root: Path) -> list[Problem]:
    tag = element.tag
    allowed = BLOCKS.get(tag)
    if allowed is None:
        return [] if tag in INLINE else [_unknown(tag, template, root)]
    problems = []
    if element.attrib and not allowed.issuperset(element.attrib):
        problems += [
            _problem(
                template,
                root,
                tag,
                _("<{element}> has no attribute `{attribute}`").format(element=tag, attribute=name),
                _("allowed: {attributes}").format(attributes=", ".join(sorted(allowed)))
                if allowed
                else _("allowed: none"),
            )
            for name in element.attrib
            if name not in allowed
        ]
    if tag not in _HOLDS_INLINE and len(element):
        problems += [
            _problem(
                template,
                root,
                child.tag,
                _("<{element}> may not stand inside <{parent}>").format(
                    element=child.tag, parent=tag
                ),
                _("put it inside a <p>, <item> or <cell>"),
            )
            for child in element
            if child.tag in INLINE
        ]
    for attribute, default, valid, message in _VALUES.get(tag, ()):
        if not valid(element.get(attribute, default)):
            problems.append(_problem(template, root, tag, message(), _("see layouts/README.md")))
            break  # one wrong value per element is reported
    return problems


def _unknown(tag: str, template: Path, root: Path) -> Problem:
    return _problem(
        template,
        root,
        tag,
        _("unknown element <{element}>").format(element=tag),
        _("use one of: {elements} (see layouts/README.md)").format(
            elements=", ".join(sorted(BLOCKS))
        ),
    )


_HOLDS_INLINE = {*TEXT_ELEMENTS, "document"}

# Element → its attributes' values to check: (attribute, value when absent, test, message).
# A table: the markup of a national build has millions of elements.
_VALUES: dict[str, list[tuple[str, str, Callable[[str], object], Callable[[], str]]]] = {
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
    "choices": [
        ("options", "", bool, lambda: _('<choices> needs options, e.g. options="Benar,Salah"'))
    ],
}


def _check_image(element: ET.Element, attribute: str, template: Path, root: Path) -> list[Problem]:
    """An image named in the markup must be a PNG or JPEG file inside the project."""
    name, tag = element.get(attribute, ""), element.tag
    path = (root / name).resolve()
    if path.is_relative_to(root.resolve()) and path.is_file():
        problem = image_problem(path, name)
        return [_problem(template, root, tag, *problem)] if problem else []
    return [
        _problem(
            template,
            root,
            tag,
            _(
                "<{element} {attribute}> names `{name}`, which is not an image file inside "
                "the project"
            ).format(element=tag, attribute=attribute, name=name),
            _("give a path relative to the project folder, e.g. content/regions/ntt/logo.png"),
        )
    ]


def _problem(template: Path, root: Path, tag: str, message: str, hint: str = "") -> Problem:
    """A problem located at the first line of the layout that writes `<tag`."""
    for path in [template, *sorted(template.parent.glob("*.j2"))]:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError:
            continue
        for number, line in enumerate(lines, 1):
            if f"<{tag}" in line:
                return Problem(
                    relative(path, root), number, line.index(f"<{tag}") + 1, message, hint
                )
    return Problem(relative(template, root), 0, 0, message, hint)
