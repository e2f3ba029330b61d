"""A YAML file's values as a tree whose every value knows the file, line and column it
came from."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from modul.errors import Problem, Severity

KeyPath = Sequence[str | int]


@dataclass(frozen=True)
class Origin:
    file: str
    line: int  # 1-based
    column: int  # 1-based

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Node:
    """A YAML value: a dict of Nodes, a list of Nodes or a scalar, with its origin."""

    value: Any
    origin: Origin
    key_origin: Origin | None = None  # where its key stands, for values in a mapping

    def plain(self) -> Any:
        """The value as plain Python data, for validation."""
        if isinstance(self.value, dict):
            return {k: v.plain() for k, v in self.value.items()}
        if isinstance(self.value, list):
            return [v.plain() for v in self.value]
        return self.value

    def strings(self) -> Iterator[Node]:
        """Every text in this value, as the nodes that hold them."""
        if isinstance(self.value, str):
            yield self
        elif isinstance(self.value, dict | list):
            for child in self.value.values() if isinstance(self.value, dict) else self.value:
                yield from child.strings()

    def find(self, keys: KeyPath, *, of_key: bool = False) -> Origin:
        """Origin of the value at `keys` (or of its key), as deep as the path exists.

        A key that is missing is reported at the mapping that should hold it.
        """
        node, origin = self, self.origin
        for key in keys:
            child = _child(node, key)
            if child is None:
                break
            node = child
            origin = child.key_origin if (of_key and child.key_origin) else child.origin
        return origin

    def problem(
        self,
        keys: KeyPath,
        message: str,
        hint: str = "",
        *,
        of_key: bool = False,
        severity: Severity = "error",
    ) -> Problem:
        at = self.find(keys, of_key=of_key)
        return Problem(at.file, at.line, at.column, message, hint, severity)


def _child(node: Node, key: str | int) -> Node | None:
    child: Node | None = None
    if isinstance(node.value, dict):  # a key may be a number, true or null
        child = node.value.get(key)
    elif isinstance(node.value, list) and isinstance(key, int) and 0 <= key < len(node.value):
        child = node.value[key]
    return child
