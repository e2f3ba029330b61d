"""Read YAML files into trees whose every value knows the file, line and column it came from.

ruamel.yaml keeps the position of each key and value; they are copied onto `Node`s, so a
problem found later (by validation, by an overlay merge, in a cross-file check) can be
reported at its place in the file the trainer edits, and `modul show` can say where a
printed sentence came from.
"""

from __future__ import annotations

import datetime
import functools
import re
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, merge_attrib
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from modul.content.quickyaml import GiveUp, quick_tree
from modul.content.tree import Node, Origin
from modul.errors import ModulError, Problem, relative
from modul.i18n import _, ngettext

MAX_BYTES = 1_000_000
# Characters YAML does not allow in a file (tab, CR, LF and NEL are fine): looked for
# first, so that the message can say where.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
MAX_NODES = 200_000  # far above any real content file; stops alias bombs
MAX_DEPTH = 40  # content nests five levels deep at most
LONG_NUMBER = re.compile(r"\d{1000,}")  # Python refuses to read an int of over 4300 digits
DATE = re.compile(r"(?<![\w.-])([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?![\w.-])")  # as YAML reads one


class ProblemList(ModulError):
    """Problems collected while loading; callers gather them into one ModulError (one
    that escapes is reported like any other)."""


def read_yaml(path: Path, root: Path) -> Node:
    """Parse one YAML file whose top level is a mapping; raise ProblemList if it is not.

    One rule for every file of the project: it must stay inside the project folder once
    links are followed, so a link cannot print a file from elsewhere on the computer."""
    name = relative(path, root)
    target = path.resolve()
    if path.exists() and not target.is_relative_to(root.resolve()):
        raise ProblemList.one(
            name,
            message=_("the file links outside the project, to {target}").format(target=target),
            hint=_("copy the file into the project instead of linking to it"),
        )
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ProblemList.one(
            name,
            message=_("file not found"),
            hint=_("create it, or check the spelling of its name"),
        ) from None
    except OSError as err:
        raise ProblemList.one(
            name,
            message=_("cannot read file ({reason})").format(reason=err.strerror),
            hint=_(
                "check that you may read it (its permissions), and that it is a file, not a folder"
            ),
        ) from None
    if len(raw) > MAX_BYTES:  # parsing 30 MB of YAML takes minutes and is never meant
        raise ProblemList.one(
            name,
            message=_("the file is {size} MB; a content file is a few KB of text").format(
                size=f"{len(raw) / 1e6:.0f}"
            ),
            hint=_("check that this is the right file; put images beside it, not in it"),
        )
    try:
        text = raw.decode("utf-8-sig")  # a BOM from Notepad is harmless
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise ProblemList.one(
            name,
            line,
            0,
            _("the file is not saved as UTF-8 text"),
            _("in your editor choose 'Save as' and the encoding 'UTF-8'"),
        ) from None
    if control := CONTROL.search(text):
        line, column = _position(text, control.start())
        raise ProblemList.one(
            name,
            line,
            column,
            _("a control character (U+{code}) that is not text").format(
                code=f"{ord(control.group()):04X}"
            ),
            _(
                "delete it; if the whole file looks garbled, it is not a text file: "
                "restore it from a copy"
            ),
        )
    return _parse(name, text)


@functools.lru_cache(maxsize=64)
def _parse(name: str, text: str) -> Node:
    """The tree of a file's text. Kept for the files every edition reads again (the
    theme, the labels, the national content): parsing them once per edition made a
    500-edition check spend half its time in the YAML parser. Nodes are never changed
    once made, so sharing them is safe. Read by libyaml where it reads the file as ruamel
    would (`quickyaml`), else by ruamel, whose messages say where a mistake is."""
    try:
        return quick_tree(name, text, MAX_NODES, MAX_DEPTH)
    except GiveUp:
        return parse_fully(name, text)


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
            hint=_("add the keys this file needs, see README.md"),
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
    tag = getattr(getattr(data, "tag", None), "value", None)
    if tag:
        tag = tag.replace(
            "tag:yaml.org,2002:", "!!"
        )  # as it is written  # e.g. !!python/object: never meant in content, and not plain data
        raise ProblemList(
            [
                _at(
                    origin,
                    _("the YAML tag `{tag}` is not allowed").format(tag=tag),
                    _("delete it: content is text, numbers, lists and keys"),
                )
            ]
        )

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
    line, column = _position(text, found.start())
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
            line, column = _position(text, found.start())
            return Problem(
                name,
                line,
                column,
                _("{date} is not a date").format(date=found.group()),
                _("write the date as year-month-day, e.g. 2026-06-08, or put it in quotes"),
            )
    return None


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character of `text`."""
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _deepest(name: str, text: str) -> Problem:
    """Where brackets first nest deeper than any content needs."""
    depth = 0
    for offset, char in enumerate(text):
        depth += (char in "[{") - (char in "]}")
        if depth > MAX_DEPTH:
            line, column = _position(text, offset)
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
    return _position(text, found.end() - len(found.group().lstrip(" -")))


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
