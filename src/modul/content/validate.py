"""Validate YAML trees with the pydantic models; explain each error at its file and line.

pydantic only knows the key path of a mistake (e.g. `sesi.2.langkah.0.menit`); the tree
knows where that path stands, so each problem names the file, line and column, with a
fix ("did you mean `tugas_utama`?").
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from modul.content.source import ProblemList
from modul.content.tree import Node
from modul.errors import Problem
from modul.i18n import N_, _, ngettext

M = TypeVar("M", bound=BaseModel)


def validate(node: Node, model: type[M]) -> M:
    """Validate a YAML tree against `model`, reporting every problem at its file and line."""
    try:
        return model.model_validate(node.plain())
    except ValidationError as err:
        data = node.plain()
        errors = [{**e, "loc": _clean(e["loc"], data)} for e in err.errors()]
        raise ProblemList(_explain_all(node, model, errors)) from None


def _explain_all(node: Node, model: type[BaseModel], errors: list[Any]) -> list[Problem]:
    """One problem per mistake: a misspelt key is reported once, not also as missing."""
    suggested = {}
    for error in errors:
        if error["type"] in ("extra_forbidden", "invalid_key") and error["loc"]:  # 5, null
            loc = error["loc"]
            close = difflib.get_close_matches(
                _as_written(loc[-1]), _fields_at(model, loc[:-1]), n=1, cutoff=0.6
            )
            error["suggestion"] = close[0] if close else None
            suggested[(*loc[:-1], error["suggestion"])] = True
    return [
        _explain(node, model, e)
        for e in errors
        if not (e["type"] == "missing" and tuple(e["loc"]) in suggested)
    ]


def _explain(node: Node, model: type[BaseModel], error: Any) -> Problem:
    loc = keys = error["loc"]
    dotted = ".".join(_as_written(k) for k in loc) or _("(top level)")
    kind = error["type"]
    if kind in ("extra_forbidden", "invalid_key") and loc:
        close, allowed = error["suggestion"], _fields_at(model, loc[:-1])
        hint = (
            _("did you mean `{suggestion}`?").format(suggestion=close)
            if close
            else _("allowed keys here: {keys}").format(keys=", ".join(allowed))
            if allowed
            else _("write a word before the colon, or put the key in quotes")
        )
        return node.problem(keys, _("unknown key `{key}`").format(key=dotted), hint, of_key=True)
    if kind == "missing":
        return node.problem(
            keys,
            _("required key `{key}` is missing").format(key=dotted),
            _("add `{key}:` with a value here").format(key=loc[-1]),
        )
    context = {"input": error.get("input"), **error.get("ctx", {}), "key": dotted}
    if kind == "string_pattern_mismatch" and ":" in context.get("pattern", ""):
        kind = "clock_pattern_mismatch"  # the one pattern with a colon: a time of day
    message, fix = _MESSAGES.get(kind, (None, ""))
    text = (
        _(message).format(**context)
        if message
        else _("`{key}`: {error}").format(key=dotted, error=error["msg"])
    )
    if kind == "too_short":  # the one hint that counts things
        fix = ngettext(
            "add items: at least {min_length} is needed",
            "add items: at least {min_length} are needed",
            context["min_length"],
        )
    elif fix:
        fix = _(fix)
    return node.problem(keys, text, fix.format(**context))


def _clean(loc: tuple[Any, ...], data: Any) -> tuple[Any, ...]:
    """The keys of an error's path as the file has them. pydantic puts union and
    constraint names (e.g. `str`, `function-after[…]`) into error paths: a step the data
    has is a key (`tugas utama`, `tugas-utama`, `tugas_utama:` are keys a trainer may
    write), a step it lacks is a name of pydantic's, unless it is a field that is missing."""
    keys: list[Any] = []
    for step in loc:
        if isinstance(data, list) and isinstance(step, int) and 0 <= step < len(data):
            keys.append(step)
            data = data[step]
        elif isinstance(data, dict) and (key := _key_in(data, step)) is not _ABSENT:
            keys.append(key)
            data = data[key]
        elif isinstance(step, int) or not _is_type_tag(step):
            keys.append(step)
            data = None
    return tuple(keys)


_ABSENT = object()


def _as_written(key: Any) -> str:
    """A key as YAML writes it: `null` and `true` rather than Python's None and True."""
    if key is None or isinstance(key, bool):
        return {None: "null", True: "true", False: "false"}[key]
    return str(key)


def _key_in(data: dict[Any, Any], step: Any) -> Any:
    """The key of `data` that pydantic calls `step`: it writes a key `null` as 'None',
    `true` as 1, `2026-01-01` as 'datetime.date(2026, 1, 1)'."""
    if isinstance(step, str) and step in data:
        return step
    others = (key for key in data if not isinstance(key, str))
    return next((key for key in others if step in (key, str(key), repr(key))), _ABSENT)


# pydantic's error type → (message, hint), formatted with the error's context and `key`,
# the dotted path of the value.
_MESSAGES = {
    "string_type": (
        N_("`{key}`: expected text"),
        N_('write text here; put numbers or dates in quotes, e.g. "2026"'),
    ),
    "string_too_short": (
        N_("`{key}`: the text is empty"),
        N_("write the text, or remove the key"),
    ),
    "list_type": (
        N_("`{key}`: expected a list"),
        N_("write each item on its own line starting with `- `"),
    ),
    "too_short": (
        N_("`{key}`: the list is too short"),
        "",  # depends on the number: see _explain
    ),
    "model_type": (
        N_("`{key}`: expected keys with values"),
        N_("write `key: value` lines, indented under it"),
    ),
    "model_attributes_type": (
        N_("`{key}`: expected keys with values"),
        N_("write `key: value` lines, indented under it"),
    ),
    "int_type": (
        N_("`{key}`: expected a whole number"),
        N_("write a number without quotes, e.g. 30"),
    ),
    "int_parsing": (
        N_("`{key}`: expected a whole number"),
        N_("write a number without quotes, e.g. 30"),
    ),
    "bool_type": (
        N_("`{key}`: expected true or false"),
        N_("write `true` or `false`"),
    ),
    "greater_than": (
        N_("`{key}`: the number is too small"),
        N_("use a number greater than {gt}"),
    ),
    "greater_than_equal": (
        N_("`{key}`: the number is too small"),
        N_("use a number of at least {ge}"),
    ),
    "less_than": (
        N_("`{key}`: the number is too large"),
        N_("use a number below {lt}"),
    ),
    "less_than_equal": (
        N_("`{key}`: the number is too large"),
        N_("use a number of at most {le}"),
    ),
    "float_type": (
        N_("`{key}`: expected a number"),
        N_("write a number without quotes, e.g. 2.5"),
    ),
    "float_parsing": (
        N_("`{key}`: expected a number"),
        N_("write a number without quotes, e.g. 2.5"),
    ),
    "string_pattern_mismatch": (
        N_("`{key}`: not a valid id"),
        N_("use lowercase letters, digits and hyphens, e.g. `sesi-1`"),
    ),
    "clock_pattern_mismatch": (
        N_("`{key}`: `{input}` is not a time of day"),
        N_('write hours and minutes with a colon, in quotes: "08:30"'),
    ),
    "literal_error": (
        N_("`{key}`: `{input}` is not allowed here"),
        N_("use one of: {expected}"),
    ),
    "value_error": (
        N_("`{key}`: {error}"),
        N_("delete it: it cannot be printed"),
    ),
}


def _is_type_tag(key: str) -> bool:
    return (
        not key.isidentifier()
        or key in {"str", "int", "bool", "float", "list", "dict"}
        or key.startswith(("constrained-", "function-", "lax-", "strict-"))
    )


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
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
