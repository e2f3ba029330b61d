"""The quick way to read a content file: libyaml, PyYAML's parser in C, about 35 times
faster than ruamel's round-trip parser in Python (a national project reads thousands of
files; a 500-edition check spent more than half its time parsing YAML).

It reads what content files hold: keys, lists, text, whole numbers, decimals, true,
false and null, each resolved as YAML 1.2 resolves it (ruamel's rules: "yes" and "10:30"
stay text). Anything else (an error, a tag, a date, a number such as 010, 1e3 or 0x1F,
an empty value, a repeated key, a merge key, unusual line breaks) makes it give up, and
the file is read by ruamel, which gives every message its file, line and column.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from ruamel.yaml.resolver import implicit_resolvers

from modul.content.tree import Node, Origin

# ruamel's YAML 1.2 rules for plain (unquoted) scalars, by their first character.
_RULES: dict[str, list[tuple[str, Any]]] = {}  # (type, a compiled pattern)
for _versions, _tag, _pattern, _firsts in implicit_resolvers:
    if (1, 2) in _versions:
        for _first in _firsts:
            _RULES.setdefault(_first, []).append((_tag.rsplit(":", 1)[-1], _pattern))
_WHOLE = re.compile(r"[-+]?(?:0|[1-9][0-9]{0,17})")  # ruamel says what is too long for int()
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\.[0-9]+")
_TRUE = ("true", "True", "TRUE")
_MAP, _SEQ, _STR = (f"tag:yaml.org,2002:{kind}" for kind in ("map", "seq", "str"))  # untagged
_LINE_BREAKS_OF_YAML_1_1 = ("\x85", "\u2028", "\u2029")  # text in YAML 1.2


class GiveUp(Exception):
    """The file holds something only ruamel reads as modul expects."""


class _Loader(yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader):  # type: ignore[misc]
    yaml_implicit_resolvers: dict[str, Any] = {}  # types are resolved here, as YAML 1.2


def quick_tree(name: str, text: str, max_nodes: int, max_depth: int) -> Node:
    """The file's tree of Nodes, as ruamel's would be; GiveUp if unsure."""
    if not yaml.__with_libyaml__ or any(c in text for c in _LINE_BREAKS_OF_YAML_1_1):
        raise GiveUp
    try:
        root = yaml.compose(text, Loader=_Loader)  # noqa: S506 (nodes only, nothing built)
    except (yaml.YAMLError, RecursionError):
        raise GiveUp from None
    if not isinstance(root, yaml.MappingNode):
        raise GiveUp
    return _Converter(name, max_nodes, max_depth).node(root, None, 0)


class _Converter:
    def __init__(self, name: str, max_nodes: int, max_depth: int) -> None:
        self.name, self.nodes_left, self.max_depth = name, max_nodes, max_depth

    def node(self, node: yaml.Node, key_origin: Origin | None, depth: int) -> Node:
        self.nodes_left -= 1
        if self.nodes_left < 0 or depth > self.max_depth:
            raise GiveUp  # ruamel's reading says what is too big
        origin = self.origin(node)
        if isinstance(node, yaml.MappingNode) and node.tag == _MAP:
            values: dict[Any, Node] = {}
            for key, value in node.value:
                if not isinstance(key, yaml.ScalarNode) or key.tag != _STR:
                    raise GiveUp
                name = _scalar(key)
                if name in values:
                    raise GiveUp  # ruamel names the repeated key
                values[name] = self.node(value, self.origin(key), depth + 1)
            return Node(values, origin, key_origin)
        if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
            return Node([self.node(v, None, depth + 1) for v in node.value], origin, key_origin)
        if isinstance(node, yaml.ScalarNode) and node.tag == _STR:
            return Node(_scalar(node), origin, key_origin)
        raise GiveUp  # a tag

    def origin(self, node: yaml.Node) -> Origin:
        return Origin(self.name, node.start_mark.line + 1, node.start_mark.column + 1)


def _scalar(node: yaml.ScalarNode) -> Any:
    text: str = node.value
    if node.style:  # quoted, | or >: text
        return text
    kind = next((kind for kind, rule in _RULES.get(text[:1], ()) if rule.match(text)), "str")
    if kind == "str":
        return text
    if kind == "null" and text:  # ruamel places an empty value at the next line's start
        return None
    if kind == "bool":
        return text in _TRUE
    if kind == "int" and _WHOLE.fullmatch(text):
        return int(text)
    if kind == "float" and _DECIMAL.fullmatch(text):
        return float(text)
    raise GiveUp
