"""Read YAML files keeping the position of every key, and validate them into models.

ruamel.yaml keeps line and column of each key and value, so a problem found by pydantic
(which only knows the key path, e.g. `sesi.2.langkah.0.menit`) can be reported at its
place in the file the trainer edits.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from modul.errors import Problem, relative

M = TypeVar("M", bound=BaseModel)
Path_ = Sequence[str | int]


class YamlDocument:
    """A parsed YAML file: its data, and a way back from a key path to a line."""

    def __init__(self, path: Path, root: Path, data: Any) -> None:
        self.path = path
        self.name = relative(path, root)
        self.data = data

    def position(self, keys: Path_, *, of_key: bool = False) -> tuple[int, int]:
        """1-based line and column of the value at `keys` (or of its key).

        Walks as deep as the path exists, so a missing key is reported at its parent.
        """
        node, line, col = self.data, 1, 1
        if isinstance(node, CommentedMap | CommentedSeq):
            line, col = node.lc.line + 1, node.lc.col + 1
        for i, key in enumerate(keys):
            last = i == len(keys) - 1
            if isinstance(node, CommentedMap) and key in node:
                at = node.lc.key(key) if (last and of_key) else node.lc.value(key)
            elif isinstance(node, CommentedSeq) and isinstance(key, int) and key < len(node):
                at = node.lc.item(key)
            else:
                break
            line, col, node = at[0] + 1, at[1] + 1, node[key]
        return line, col

    def problem(self, keys: Path_, message: str, hint: str = "", *, of_key: bool = False
                ) -> Problem:
        line, col = self.position(keys, of_key=of_key)
        return Problem(self.name, line, col, message, hint)


def read_yaml(path: Path, root: Path) -> YamlDocument:
    """Parse one YAML file; raise a one-problem list if it cannot be read."""
    name = relative(path, root)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ProblemList([Problem(name, message="file not found",
                                   hint="create it, or check the spelling of its name")]
                          ) from None
    except OSError as err:
        raise ProblemList([Problem(name, message=f"cannot read file ({err.strerror})")]) from None
    try:
        text = raw.decode("utf-8-sig")  # a BOM from Notepad is harmless
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise ProblemList([Problem(
            name, line, 0, "the file is not saved as UTF-8 text",
            "in your editor choose 'Save as' and the encoding 'UTF-8'")]) from None
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    try:
        data = yaml.load(text)
    except MarkedYAMLError as err:
        raise ProblemList([_syntax_problem(name, err)]) from None
    except YAMLError as err:
        raise ProblemList([Problem(name, message=f"YAML error: {err}")]) from None
    if data is None:
        raise ProblemList([Problem(name, message="the file is empty",
                                   hint="add the keys this file needs, see README.md")])
    if not isinstance(data, CommentedMap):
        raise ProblemList([Problem(name, 1, 1, "expected keys with values (key: value) "
                                   "at the top of the file", "start the file with `key: value`")])
    return YamlDocument(path, root, data)


def _syntax_problem(name: str, err: MarkedYAMLError) -> Problem:
    mark = err.problem_mark or err.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    problem = err.problem or "invalid YAML"
    if "\\t" in problem or "\t" in problem:
        return Problem(name, line, col, "a tab character is used for indentation",
                       "indent with spaces only (two spaces per level)")
    if "duplicate key" in problem:
        return Problem(name, line, col, problem,
                       "each key may appear once per block: remove or rename one of them")
    return Problem(name, line, col, f"YAML syntax error: {problem}",
                   "check indentation and that text containing ': ' or '#' is in quotes")


class ProblemList(Exception):
    """Problems collected while loading; `content` gathers them into one ModulError."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.problems = problems


def validate(doc: YamlDocument, model: type[M], keys: Path_ = ()) -> M:
    """Validate the data at `keys` against `model`, reporting every problem with its line."""
    data = doc.data
    for key in keys:
        data = data[key]
    try:
        return model.model_validate(data)
    except ValidationError as err:
        errors = [{**e, "loc": _clean(e["loc"])} for e in err.errors()]
        raise ProblemList(_explain_all(doc, model, tuple(keys), errors)) from None


def _explain_all(doc: YamlDocument, model: type[BaseModel], prefix: tuple, errors: list
                 ) -> list[Problem]:
    """One problem per mistake: a misspelt key is reported once, not also as missing."""
    suggested = {}
    for error in errors:
        if error["type"] == "extra_forbidden":
            loc = error["loc"]
            close = difflib.get_close_matches(str(loc[-1]), _fields_at(model, loc[:-1]), n=1,
                                              cutoff=0.6)
            error["suggestion"] = close[0] if close else None
            suggested[(*loc[:-1], error["suggestion"])] = True
    return [_explain(doc, model, prefix, e) for e in errors
            if not (e["type"] == "missing" and tuple(e["loc"]) in suggested)]


def _explain(doc: YamlDocument, model: type[BaseModel], prefix: tuple, error: Any) -> Problem:
    loc = error["loc"]
    keys = prefix + loc
    dotted = ".".join(str(k) for k in loc) or "(top level)"
    kind = error["type"]
    if kind == "extra_forbidden":
        close = error["suggestion"]
        hint = (f"did you mean `{close}`?" if close else
                f"allowed keys here: {', '.join(_fields_at(model, loc[:-1]))}")
        return doc.problem(keys, f"unknown key `{dotted}`", hint, of_key=True)
    if kind == "missing":
        return doc.problem(keys, f"required key `{dotted}` is missing",
                           f"add `{loc[-1]}:` with a value here")
    message, hint = _MESSAGES.get(kind, (None, ""))
    context = {"input": error.get("input"), **error.get("ctx", {})}
    text = message.format(**context) if message else error["msg"]
    return doc.problem(keys, f"`{dotted}`: {text}", hint.format(**context))


def _clean(loc: tuple) -> tuple:
    """pydantic puts union/constraint names (e.g. `str`) into error paths; drop them."""
    return tuple(k for k in loc if isinstance(k, int) or not _is_type_tag(k))


_MESSAGES = {
    "string_type": ("expected text", "write text here; put numbers or dates in quotes, "
                    "e.g. \"2026\""),
    "string_too_short": ("the text is empty", "write the text, or remove the key"),
    "list_type": ("expected a list", "write each item on its own line starting with `- `"),
    "too_short": ("the list is too short", "add items: at least {min_length} are needed"),
    "model_type": ("expected keys with values", "write `key: value` lines, indented under it"),
    "model_attributes_type": ("expected keys with values",
                              "write `key: value` lines, indented under it"),
    "int_type": ("expected a whole number", "write a number without quotes, e.g. 30"),
    "int_parsing": ("expected a whole number", "write a number without quotes, e.g. 30"),
    "bool_type": ("expected true or false", "write `true` or `false`"),
    "greater_than": ("the number is too small", "use a number greater than {gt}"),
    "string_pattern_mismatch": ("not a valid id",
                                "use lowercase letters, digits and hyphens, e.g. `sesi-1`"),
    "literal_error": ("`{input}` is not allowed here", "use one of: {expected}"),
}


def _is_type_tag(key: str) -> bool:
    return not key.isidentifier() or key in {"str", "int", "bool", "float", "list", "dict"} \
        or key.startswith(("constrained-", "function-", "lax-", "strict-"))


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """Names of the keys allowed at `loc` inside `model`, for "did you mean"."""
    current: Any = model
    for key in loc:
        if isinstance(key, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        field = current.model_fields.get(str(key))
        current = _inner_model(field.annotation) if field else None
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _inner_model(annotation: Any) -> Any:
    """The model class inside `list[Model]`, `Model | None`, `Annotated[...]`."""
    while True:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return annotation
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        origin = typing.get_origin(annotation)
        if not args or origin is None and not isinstance(annotation, types.UnionType):
            return None
        annotation = args[0]
