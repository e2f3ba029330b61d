"""Read YAML files into trees whose every value knows the file, line and column it came from.

ruamel.yaml keeps the position of each key and value; they are copied onto `Node`s, so a
problem found later (by validation, by an overlay merge, in a cross-file check) can be
reported at its place in the file the trainer edits, and `modul show` can say where a
printed sentence came from.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from modul.content.fullyaml import MAX_DEPTH, MAX_NODES, parse_fully, position
from modul.content.quickyaml import GiveUp, quick_tree
from modul.content.tree import Node
from modul.errors import ProblemList, relative
from modul.i18n import _

__all__ = ["ProblemList", "parse_fully", "read_yaml"]  # ProblemList: where loaders find it

MAX_BYTES = 1_000_000
# Characters YAML does not allow in a file (tab, CR, LF and NEL are fine): looked for
# first, so that the message can say where.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")


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
    text = _text(_bytes(path, name), name)
    if control := CONTROL.search(text):
        line, column = position(text, control.start())
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


def _bytes(path: Path, name: str) -> bytes:
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
    return raw


def _text(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8-sig")  # a BOM from Notepad is harmless
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise ProblemList.one(
            name,
            line,
            0,
            _("the file is not saved as UTF-8 text"),
            _("in your editor choose 'Save as' and the encoding 'UTF-8'"),
        ) from None


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
