"""The document markup: a small XML vocabulary for training material.

Templates emit it, this module parses and checks it, `typeset` turns it into PDF. The
vocabulary is documented, one example per element, in `layouts/README.md`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from modul.content.images import image_problem
from modul.content.source import ProblemList
from modul.errors import Problem, relative
from modul.i18n import _
from modul.layout.vocabulary import (
    BLOCKS,
    INLINE,
    PICTURES,
    TEXT_ELEMENTS,
    VALUES,
)


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


# An element that stands only in its holder, which holds nothing else.
HELD = {"tag": "tags", "bar": "bars"}


def _stray_tags(document: ET.Element, template: Path, root: Path) -> list[Problem]:
    """A <tag> stands only in <tags>, a <bar> only in <bars>; each holds nothing else."""
    problems = []
    for child, holder in HELD.items():
        inside = [c for held in document.iter(holder) for c in held]
        if all(c.tag == child for c in inside) and len(inside) == len(list(document.iter(child))):
            continue
        hint = _("write each <{child}/> inside <{holder}>, and nothing else there").format(
            child=child, holder=holder
        )
        message = _("<{child}> stands only inside <{holder}>").format(child=child, holder=holder)
        problems.append(_problem(template, root, child, message, hint))
    return problems


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
    for attribute, default, valid, message in VALUES.get(tag, ()):
        if not valid(element.get(attribute, default)):
            problems.append(_problem(template, root, tag, message(), _("see layouts/README.md")))
            break  # one wrong value per element is reported
    if (
        tag == "choices"
        and element.get("values")
        and _count(element, "values") != _count(element, "options")
    ):
        wrong = _("<choices values> needs one value for each of its options")
        problems.append(_problem(template, root, tag, wrong, _("see layouts/README.md")))
    return problems


def _count(element: ET.Element, attribute: str) -> int:
    return len(element.get(attribute, "").split(","))


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
