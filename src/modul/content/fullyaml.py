"""YAML read by ruamel.yaml: any file, every mistake at its line and column.

ruamel keeps the position of each key and value; they are copied onto `Node`s, so a
problem found later (by validation, by an overlay merge, in a cross-file check) can be
reported at its place in the file the trainer edits. Ordinary files are read faster by
`quickyaml`; this reads the rest, and says where a mistake is.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, merge_attrib
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from modul.content.tree import Node, Origin
from modul.errors import Problem, ProblemList
from modul.i18n import _, ngettext

MAX_NODES = 200_000  # far above any real content file; stops alias bombs
MAX_DEPTH = 40  # content nests five levels deep at most
LONG_NUMBER = re.compile(r"\d{1000,}")  # Python refuses to read an int of over 4300 digits
DATE = re.compile(r"(?<![\w.-])([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?![\w.-])")  # as YAML reads one


def parse_fully(name: str, text: str) -> Node:
    """The tree as ruamel reads it: any YAML, every mistake at its line and column."""
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    try:
        data = yaml.load(text)
    except RecursionError:  # the parser itself recurses: brackets nested hundreds deep
        raise ProblemList([_deepest(name, text)]) from None
    except ValueError as err:  # what the parser raises: a number too long, a date that is none
        problem = _long_number(name, text) or _impossible_date(name, text)
        if problem is None:
            raise
        raise ProblemList([problem]) from err
    except MarkedYAMLError as err:
        raise ProblemList([_syntax_problem(name, err)]) from None
    except YAMLError as err:
        raise ProblemList(
            [Problem(name, message=_("YAML error: {error}").format(error=err))]
        ) from None
    if data is None:
        raise ProblemList.one(
            name,
            message=_("the file is empty"),
            hint=_("add the keys this file needs: see docs/content-and-regions.md"),
        )
    if not isinstance(data, CommentedMap):
        raise ProblemList.one(
            name,
            1,
            1,
            _("expected keys with values (key: value) at the top of the file"),
            _("start the file with `key: value`"),
        )
    counter = [0]
    return _to_node(data, Origin(name, data.lc.line + 1, data.lc.col + 1), None, counter)


def _to_node(
    data: Any, origin: Origin, key_origin: Origin | None, counter: list[int], depth: int = 0
) -> Node:
    _guard(data, origin, counter, depth)

    def at(position: tuple[int, int] | None) -> Origin:
        if position is None:
            return origin
        return Origin(origin.file, position[0] + 1, position[1] + 1)

    if isinstance(data, CommentedMap):
        return Node(
            {
                str(k) if isinstance(k, str) else k: _to_node(
                    v,
                    at(_written(data, k, "value")),
                    at(_written(data, k, "key")),
                    counter,
                    depth + 1,
                )
                for k, v in data.items()
            },
            origin,
            key_origin,
        )
    if isinstance(data, CommentedSeq):
        return Node(
            [
                _to_node(v, at(data.lc.item(i)), None, counter, depth + 1)
                for i, v in enumerate(data)
            ],
            origin,
            key_origin,
        )
    return Node(_builtin(data), origin, key_origin)


def _guard(data: Any, origin: Origin, counter: list[int], depth: int) -> None:
    """Refuse what no content file holds: too many values (aliases that expand), lists
    and keys nested too deep, and YAML tags (`!!python/object` is not plain data)."""
    counter[0] += 1
    if counter[0] > MAX_NODES:
        raise ProblemList.one(
            origin.file,
            message=_(
                "the file is too large, or uses YAML aliases (*name) that expand to too much text"
            ),
            hint=_("write the text out instead of repeating aliases"),
        )
    if depth > MAX_DEPTH:
        raise ProblemList(
            [
                _at(
                    origin,
                    ngettext(
                        "lists and keys nested more than {depth} deep",
                        "lists and keys nested more than {depth} deep",
                        MAX_DEPTH,
                    ).format(depth=MAX_DEPTH),
                    _("no content file needs that: check the brackets and the indentation here"),
                )
            ]
        )
    if tag := getattr(getattr(data, "tag", None), "value", None):
        written = tag.replace("tag:yaml.org,2002:", "!!")  # as it is written
        raise ProblemList(
            [
                _at(
                    origin,
                    _("the YAML tag `{tag}` is not allowed").format(tag=written),
                    _("delete it: content is text, numbers, lists and keys"),
                )
            ]
        )


def _written(data: CommentedMap, key: Any, part: str) -> tuple[int, int] | None:
    """Where a mapping's key (or its value) is written. A key a merge key (`<<: *name`)
    brought in is written in the mapping it came from: the first that has it, as YAML
    merges."""
    if key in data.lc.data:
        position: tuple[int, int] = getattr(data.lc, part)(key)
        return position
    for merged in getattr(data, merge_attrib, ()):
        merged = merged[1] if isinstance(merged, tuple) else merged  # (index, map) before 0.18
        if isinstance(merged, CommentedMap) and key in merged:
            return _written(merged, key, part)
    return None


def _long_number(name: str, text: str) -> Problem | None:
    found = LONG_NUMBER.search(text)
    if found is None:
        return None
    line, column = position(text, found.start())
    digits = len(found.group())
    return Problem(
        name,
        line,
        column,
        ngettext("a number of {count} digit", "a number of {count} digits", digits).format(
            count=digits
        ),
        _("shorten it, or put it in quotes if it is text"),
    )


def _impossible_date(name: str, text: str) -> Problem | None:
    """A value written as a date (2026-13-45) that no calendar has."""
    for found in DATE.finditer(text):
        try:
            datetime.date(*(int(part) for part in found.groups()))
        except ValueError:
            line, column = position(text, found.start())
            return Problem(
                name,
                line,
                column,
                _("{date} is not a date").format(date=found.group()),
                _("write the date as year-month-day, e.g. 2026-06-08, or put it in quotes"),
            )
    return None


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character of `text`."""
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _deepest(name: str, text: str) -> Problem:
    """Where brackets first nest deeper than any content needs."""
    depth = 0
    for offset, char in enumerate(text):
        depth += (char in "[{") - (char in "]}")
        if depth > MAX_DEPTH:
            line, column = position(text, offset)
            return Problem(
                name,
                line,
                column,
                ngettext(
                    "brackets nested more than {depth} deep",
                    "brackets nested more than {depth} deep",
                    MAX_DEPTH,
                ).format(depth=MAX_DEPTH),
                _("no content file needs that: check the brackets here"),
            )
    return Problem(
        name,
        message=_("lists and keys nested too deeply"),
        hint=_("check the brackets and the indentation"),
    )


def _at(origin: Origin, message: str, hint: str) -> Problem:
    return Problem(origin.file, origin.line, origin.column, message, hint)


def _builtin(value: Any) -> Any:
    """ruamel's scalar subclasses (folded strings, …) as plain str, int and float."""
    for kind in (bool, str, int, float):
        if isinstance(value, kind):
            return kind(value)
    return value


def _merge_key(mapping: Any) -> tuple[int, int]:
    """Line and column of the `<<` key of the block mapping that starts at the mark
    `mapping` (ruamel marks the mapping's start and the merged value); the mapping's
    start if it is not found (a flow mapping `{<<: *name}`)."""
    text, column = mapping.buffer or "", mapping.column
    key = re.compile(rf"^(?:[ -]{{{column}}})<<[ \t]*:", re.MULTILINE)  # `- ` starts an item
    found = key.search(text, mapping.index - column)
    if found is None:
        return mapping.line + 1, column + 1
    return position(text, found.end() - len(found.group().lstrip(" -")))


def _syntax_problem(name: str, err: MarkedYAMLError) -> Problem:
    mark = err.problem_mark or err.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    problem = err.problem or _("invalid YAML")
    if "\\t" in problem or "\t" in problem:
        return Problem(
            name,
            line,
            col,
            _("a tab character is used for indentation"),
            _("indent with spaces only (two spaces per level)"),
        )
    if "for merging" in problem and err.context_mark:  # `<<: *name` of a list or a text
        line, col = _merge_key(err.context_mark)
        return Problem(
            name,
            line,
            col,
            _("`<<:` can only bring in keys with values (key: value), not a list or a text"),
            _("mark a block of `key: value` lines with `&name` and write `<<: *name`"),
        )
    if "duplicate key" in problem:
        return Problem(
            name,
            line,
            col,
            problem,
            _("each key may appear once per block: remove or rename one of them"),
        )
    message = _("YAML syntax error: {problem}")
    opened = err.context_mark if err.context and err.context_mark else None
    sign, opened_line = "", 0
    if opened and opened.line + 1 != line:  # a bracket or quote left open further up
        text = opened.buffer or ""
        pointer = getattr(opened, "pointer", -1)
        sign, opened_line = (text[pointer] if 0 <= pointer < len(text) else ""), opened.line + 1
        message = (
            _("YAML syntax error: {problem} (the {sign} on line {line} is not closed)")
            if sign in "[{'\"" and sign
            else _("YAML syntax error: {problem} (in the part that starts on line {line})")
        )
    return Problem(
        name,
        line,
        col,
        message.format(problem=problem, sign=sign, line=opened_line),
        _("check indentation and that text containing ': ' or '#' is in quotes"),
    )
