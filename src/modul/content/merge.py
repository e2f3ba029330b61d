"""Merge a region's overlay onto the national content: one pure function, written rules.

Rules (also in docs/content-and-regions.md):
- mappings merge key by key; a scalar in the overlay replaces the national one;
- a list whose items all have an `id` merges item by item, matched by `id`;
- any other list given in the overlay replaces the national list;
- `tambah:` (add) and `hapus:` (remove) under a list key change the national list instead
  of replacing it: `tambah` appends items, `hapus` removes items by their exact text
  (or by `id` in lists of items with ids);
- beside `tambah:`, `sebelum: <id>` (before) or `sesudah: <id>` (after) places the added
  items, in their order, next to the national item with that id instead of at the end.
  Precedence: `hapus` first, then `tambah` at its place, which is looked up after the
  removals (an item removed is no place to add next to); both `sebelum` and `sesudah`, a
  place without `tambah`, or an id no item of the list has is an error;
- whatever the overlay names must exist: an unknown id, a text to remove that is not in
  the list, a list where the national value is text (or the reverse), an empty value:
  each is an error at the overlay's file and line, never a silent no-op.
  New keys are added and then checked by validation like any other key, so a misspelt
  key is reported ("did you mean …?") at its place in the overlay.

Every value keeps its origin, so the result says which file and line each value came from.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any, Literal

from modul.content.source import ProblemList
from modul.content.tree import Node, Origin
from modul.errors import Problem
from modul.i18n import _

ADD, REMOVE = "tambah", "hapus"
BEFORE, AFTER = "sebelum", "sesudah"
EDITS = {ADD, REMOVE, BEFORE, AFTER}


@dataclass(frozen=True)
class Change:
    """One difference the overlay makes, for `modul diff`."""

    path: str  # e.g. "sesi[pembukaan].menit" or "tugas_utama"
    kind: Literal["changed", "added", "removed"]
    before: Any
    after: Any
    origin: Origin


def merge(base: Node, overlay: Node) -> tuple[Node, list[Change]]:
    """The national tree `base` with `overlay` applied, and the list of what changed."""
    changes: list[Change] = []
    problems: list[Problem] = []
    merged = _merge_mapping(base, overlay, "", changes, problems)
    if problems:
        raise ProblemList(problems)
    return merged, changes


def _merge_mapping(
    base: Node, overlay: Node, path: str, changes: list[Change], problems: list[Problem]
) -> Node:
    result = dict(base.value)
    for key, new in overlay.value.items():
        where = f"{path}.{key}" if path else str(key)
        old = result.get(key)
        if new.value is None:
            problems.append(
                _at(
                    new,
                    _("`{key}` is empty").format(key=where),
                    _("write a value, or delete the line to keep the national text"),
                )
            )
        elif old is None:
            result[key] = new
            changes.append(Change(where, "added", None, new.plain(), new.origin))
        else:
            merged = _merge_value(old, new, where, changes, problems)
            if merged is not None:
                result[key] = merged
    return Node(result, base.origin, base.key_origin)


def _merge_value(
    old: Node, new: Node, path: str, changes: list[Change], problems: list[Problem]
) -> Node | None:
    if isinstance(old.value, dict):
        if isinstance(new.value, dict):
            return _merge_mapping(old, new, path, changes, problems)
        problems.append(_mismatch(new, path, _("write keys with values (key: value)")))
        return None
    if isinstance(old.value, list):
        if isinstance(new.value, list):
            return _merge_list(old, new, path, changes, problems)
        if isinstance(new.value, dict) and new.value and set(new.value) <= EDITS:
            return _edit_list(old, new, path, changes, problems)
        problems.append(
            _mismatch(
                new,
                path,
                _(
                    "write a list (it replaces the national one), or `{add}:` / `{remove}:` "
                    "to change it"
                ).format(add=ADD, remove=REMOVE),
            )
        )
        return None
    if isinstance(new.value, dict | list):
        problems.append(_mismatch(new, path, _("write a single value")))
        return None
    if new.value != old.value:
        changes.append(Change(path, "changed", old.plain(), new.plain(), new.origin))
    return Node(new.value, new.origin, old.key_origin)


def _merge_list(
    old: Node, new: Node, path: str, changes: list[Change], problems: list[Problem]
) -> Node:
    """Lists of items with ids merge by id; any other list is replaced whole."""
    if not _has_ids(old):
        if new.plain() != old.plain():
            changes.append(Change(path, "changed", old.plain(), new.plain(), new.origin))
        return Node(new.value, new.origin, old.key_origin)
    items = list(old.value)
    index = {item.value["id"].value: n for n, item in enumerate(items)}
    for item in new.value:
        ident = _id_of(item)
        if ident is None:
            problems.append(
                _at(
                    item,
                    _("every item of `{key}` needs an `id`").format(key=path),
                    _("add `id:` with the id of the national item to change"),
                )
            )
        elif ident not in index:
            problems.append(_unknown(item, path, ident, list(index), "id"))
        else:
            n = index[ident]
            items[n] = _merge_mapping(items[n], item, f"{path}[{ident}]", changes, problems)
    return Node(items, old.origin, old.key_origin)


def _edit_list(
    old: Node, edit: Node, path: str, changes: list[Change], problems: list[Problem]
) -> Node:
    """Apply `hapus:` (remove), then `tambah:` (add) at the end or at `sebelum`/`sesudah`."""
    items = list(old.value)
    with_ids = _has_ids(old)
    blocks: dict[str, Node] = {}
    for name in (REMOVE, ADD):
        block = edit.value.get(name)
        if block is not None and not isinstance(block.value, list):
            problems.append(
                _at(
                    block,
                    _("`{key}` must be a list").format(key=f"{path}.{name}"),
                    _("write each item on its own line starting with `- `"),
                )
            )
        elif block is not None:
            blocks[name] = block
    for item in blocks[REMOVE].value if REMOVE in blocks else []:
        keys = [_id_of(i) if with_ids else i.value for i in items]
        if item.value not in keys:
            problems.append(_unknown(item, path, item.value, keys, "id" if with_ids else "text"))
            continue
        gone = items.pop(keys.index(item.value))
        changes.append(Change(path, "removed", gone.plain(), None, item.origin))
    at, shown = _place(items, edit, path, problems)
    for item in blocks[ADD].value if ADD in blocks else []:
        if with_ids and _id_of(item) in [_id_of(i) for i in items]:
            problems.append(
                _at(
                    item,
                    _("`{key}` already has an item with id `{id}`").format(
                        key=path, id=_id_of(item)
                    ),
                    _("give the new item its own id, or change the existing one without `tambah`"),
                )
            )
            continue
        items.insert(len(items) if at is None else at, item)
        at = None if at is None else at + 1
        changes.append(Change(shown, "added", None, item.plain(), item.origin))
    return Node(items, edit.origin, old.key_origin)


def _place(
    items: list[Node], edit: Node, path: str, problems: list[Problem]
) -> tuple[int | None, str]:
    """Where `sebelum`/`sesudah` puts the added items (None: at the end); their diff path."""
    given = [name for name in (BEFORE, AFTER) if name in edit.value]
    if not given:
        return None, path
    anchor = edit.value[given[-1]]
    if len(given) == 2:
        hint = _(
            "keep one of them: `{before}` puts the new items before that item, `{after}` after it"
        ).format(before=BEFORE, after=AFTER)
        problems.append(
            _at(
                anchor,
                _("`{key}` has both `{before}` and `{after}`").format(
                    key=path, before=BEFORE, after=AFTER
                ),
                hint,
                at_key=True,
            )
        )
        return None, path
    if ADD not in edit.value:
        problems.append(
            _at(
                anchor,
                _("`{key}.{place}` places nothing: there is no `{add}`").format(
                    key=path, place=given[0], add=ADD
                ),
                _("add the new items under `{add}:`, or delete this line").format(add=ADD),
                at_key=True,
            )
        )
        return None, path
    ids = [_id_of(i) for i in items]
    if anchor.value is None or anchor.value not in ids:
        problems.append(_no_place(anchor, path, given[0], [i for i in ids if i is not None]))
        return None, path
    n = ids.index(anchor.value)
    return (n if given[0] == BEFORE else n + 1), f"{path} ({given[0]} {anchor.value})"


def _no_place(anchor: Node, path: str, name: str, known: list[Any]) -> Problem:
    message = _("`{key}` has no item with id `{id}` to place the new items next to").format(
        key=path, id=anchor.value
    )
    if anchor.value is None:  # `sebelum:` with nothing after it
        message = _("`{key}` is empty").format(key=f"{path}.{name}")
    close = difflib.get_close_matches(str(anchor.value), [str(k) for k in known], n=1)
    if close:
        hint = _("did you mean `{suggestion}`? The ids here: {ids}").format(
            suggestion=close[0], ids=", ".join(map(str, known))
        )
    elif known:
        hint = _("use one of the ids here: {ids}").format(ids=", ".join(map(str, known)))
    else:
        hint = _("no item of this list has an `id`: add `id:` to the national item first")
    return _at(anchor, message, hint)


def _has_ids(node: Node) -> bool:
    return bool(node.value) and all(
        isinstance(i.value, dict) and "id" in i.value for i in node.value
    )


def _id_of(item: Node) -> Any:
    return (
        item.value.get("id", Node(None, item.origin)).value
        if isinstance(item.value, dict)
        else None
    )


def _unknown(item: Node, path: str, value: Any, known: list[Any], what: str) -> Problem:
    close = difflib.get_close_matches(str(value), [str(k) for k in known], n=1, cutoff=0.6)
    if what == "id":
        hint = (
            _("did you mean `{suggestion}`?").format(suggestion=close[0])
            if close
            else _("use an id of the national list ({ids}), or `{add}:` for a new item").format(
                ids=", ".join(map(str, known)), add=ADD
            )
        )
        return _at(item, _("`{key}` has no item with id `{id}`").format(key=path, id=value), hint)
    shown = str(value) if len(str(value)) < 60 else str(value)[:57] + "…"
    hint = (
        _("did you mean “{suggestion}…”? The text must match exactly").format(
            suggestion=close[0][:60]
        )
        if close
        else _("copy the text exactly as it stands in the national file")
    )
    return _at(item, _("`{key}` has no item “{text}” to remove").format(key=path, text=shown), hint)


def _mismatch(new: Node, path: str, hint: str) -> Problem:
    """`hint` says what to write instead, as a whole sentence."""
    return _at(
        new,
        _("`{key}`: the national value is of another kind").format(key=path),
        hint,
        at_key=True,
    )


def _at(node: Node, message: str, hint: str, *, at_key: bool = False) -> Problem:
    where = (node.key_origin if at_key else None) or node.origin
    return Problem(where.file, where.line, where.column, message, hint)
