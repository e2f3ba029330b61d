"""The sandbox templates run in: a template may come from someone else's region pack.

Jinja2's immutable sandbox over plain data (`layout.data`): a template reads the keys of
the records it is given, string methods that make no longer text, and Jinja's own loop,
namespace and macros; nothing else. Arithmetic, repetition, joins, format widths and
filter counts are bounded before they run, and every template must be a file of the
project (no link out).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from contextvars import ContextVar
from pathlib import Path
from typing import Any, ClassVar

from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateRuntimeError,
    nodes,
)
from jinja2.bccache import Bucket, BytecodeCache
from jinja2.compiler import CodeGenerator, Frame
from jinja2.environment import TemplateModule
from jinja2.filters import do_format as _format_filter
from jinja2.filters import do_replace as _replace_filter
from jinja2.runtime import Context, LoopContext, Macro
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEnvironment
from jinja2.utils import Namespace

from modul.i18n import _
from modul.layout import words
from modul.layout.data import Record

# A document's template counts (`range`) to this many in all, and writes at most this
# much markup: far above any real document, and a loop in a loop of a million is refused
# at once instead of running for hours.
MAX_COUNTED = 100_000
MAX_MARKUP = 20_000_000  # characters
COUNTED: ContextVar[int] = ContextVar("counted", default=0)


class TooMuch(TemplateRuntimeError):
    """A template that counts or writes far more than any document; its message is the
    whole sentence shown to the trainer."""


class _Compiled(BytecodeCache):
    """Compiled templates kept for the process by file, with the checksum of the source
    they were compiled from: a later build (`modul serve`, `watch`) compiles only what
    was edited. By content, not by time of change: a file system that keeps times to
    two seconds (FAT) would otherwise hide an edit made within them."""

    def __init__(self) -> None:
        self.stored: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if (code := self.stored.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)  # left empty if the checksum differs

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.stored[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _Compiled()


def environment(search_path: tuple[Path, ...], root: Path) -> SandboxedEnvironment:
    """One Jinja2 environment, for one build; templates are looked up along
    `search_path` in order, and each must be a file of the project at `root`."""
    env = _Sandbox(
        loader=_ProjectLoader([str(p) for p in search_path], root),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=_COMPILED,
    )
    env.globals = {"range": _counted_range, "namespace": Namespace}
    filters = {**env.filters, **words.FILTERS}  # and the certificate's numbers
    env.filters = {name: _bounded_filter(f) for name, f in filters.items()}
    return env


class _ProjectLoader(FileSystemLoader):
    """Templates of the project only: a template or partial that links outside it (to a
    file elsewhere on the computer) is refused, as a content file would be."""

    def __init__(self, search_path: list[str], root: Path) -> None:
        super().__init__(search_path)
        self.root = root.resolve()

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        target = Path(filename).resolve()
        if not target.is_relative_to(self.root):
            raise OutsideProject(filename, target)
        return source, filename, uptodate


class OutsideProject(TemplateError):
    def __init__(self, filename: str, target: Path) -> None:
        super().__init__(_("the file links outside the project, to {target}").format(target=target))
        self.filename = filename


# What a template may read: the keys of the records it is given (and these ways of
# reading a record), methods of a string that make no longer string, and Jinja's own
# helpers (loop, namespace, macros). Everything else a template reaches is refused.
RECORD_METHODS = frozenset({"get", "items", "keys", "values"})
STRING_METHODS = frozenset(
    {
        "capitalize", "casefold", "count", "endswith", "find", "isalnum", "isalpha",
        "isdigit", "islower", "isspace", "istitle", "isupper", "lower", "lstrip",
        "partition", "removeprefix", "removesuffix", "rpartition", "rsplit", "rstrip",
        "split", "splitlines", "startswith", "strip", "swapcase", "title", "upper",
    }
)  # fmt: skip
_JINJA_OWN = (LoopContext, Namespace, TemplateModule, Macro)

MAX_VALUE = MAX_MARKUP  # characters of one text, items of one list: no more than a document
MAX_BITS = 10_000  # of a whole number: about 3,000 digits


class _BoundedConcat(CodeGenerator):
    """Compiles every `a ~ b` as `environment.bounded(a ~ b)`."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.bounded(")
        super().visit_Concat(node, frame)
        self.write(")")


class _Sandbox(ImmutableSandboxedEnvironment):
    """Jinja2's immutable sandbox over plain data, with bounded arithmetic: a template
    from a shared region pack can neither reach Python nor run for hours."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    code_generator_class = _BoundedConcat

    # Jinja's verdict on its own objects' attributes looks at the type and the name only:
    # kept, as a national check asks it a hundred thousand times.
    _verdicts: ClassVar[dict[tuple[type, str], bool]] = {}

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(obj, Record):
            return attr in RECORD_METHODS
        if isinstance(obj, str):
            return attr in STRING_METHODS
        if not isinstance(obj, _JINJA_OWN):
            return False
        key = (type(obj), attr)
        if (safe := self._verdicts.get(key)) is None:
            safe = self._verdicts[key] = super().is_safe_attribute(obj, attr, value)
        return safe

    def wrap_str_format(self, value: Any) -> None:
        """No str.format at all (Jinja would hand out a sandboxed one): it pads to any
        width it is told, and templates fill labels' {placeholders} with `replace`."""
        return None

    def getattr(self, obj: Any, attribute: str) -> Any:
        """A record's key first (`role.nama`), then what the rules above allow."""
        if type(obj) is Record and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        _check_binop(operator, left, right)
        return bounded(super().call_binop(context, operator, left, right))

    def bounded(self, value: Any) -> Any:
        """Called on every `~` join: a text doubled in a loop stops at the limit."""
        return bounded(value)


def bounded(value: Any) -> Any:
    """`value`, if it is no longer than any document's markup."""
    if isinstance(value, str | tuple | list) and len(value) > MAX_VALUE:
        raise _too_long()
    if isinstance(value, int) and value.bit_length() > MAX_BITS:
        raise _too_large()
    return value


def _check_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse, before working it out, a result too long or too large to hold."""
    if operator == "%" and isinstance(left, str):
        _check_format(left)
    elif _length_of(operator, left, right) > MAX_VALUE:
        raise _too_long()
    elif _bits_of(operator, left, right) > MAX_BITS:
        raise _too_large()


def _length_of(operator: str, left: Any, right: Any) -> int:
    """The length of the text or list that `left operator right` makes; 0 for numbers."""
    sizes = [len(v) for v in (left, right) if isinstance(v, str | tuple | list)]
    counts = [v for v in (left, right) if isinstance(v, int)]
    if operator == "+" and len(sizes) == 2:
        return sum(sizes)
    if operator == "*" and sizes and counts:
        return sizes[0] * counts[0]
    return 0


def _bits_of(operator: str, left: Any, right: Any) -> int:
    """About the bits of the whole number `left operator right`; 0 for anything else."""
    if not (isinstance(left, int) and isinstance(right, int)):
        return 0
    if operator == "*":
        return left.bit_length() + right.bit_length()
    if operator == "**" and right > 0 and abs(left) > 1:
        return right * left.bit_length()
    return 0


# A width or precision in a %-format ("%9999999d"): the text it pads is made at once.
_FORMAT_WIDTH = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\d+)?(?:\.(\d+))?")
MAX_WIDTH = 1_000


def _check_format(text: str) -> None:
    for match in _FORMAT_WIDTH.finditer(text):
        if any(n and int(n) > MAX_WIDTH for n in match.groups()):
            raise TooMuch(
                _("a format in the template pads to more than {limit:,} characters").format(
                    limit=MAX_WIDTH
                )
            )


def _bounded_filter(run: Callable[..., Any]) -> Callable[..., Any]:
    """A filter whose numbers (a width, a count) and result are bounded: `center(10**9)`
    or `batch(10**9, '')` would make a text or list of that size before any check."""

    @functools.wraps(run)  # keeps Jinja's marks (pass_context, …)
    def bounded_run(*args: Any, **kwargs: Any) -> Any:
        given = args[2:] if hasattr(run, "jinja_pass_arg") else args[1:]  # after the value
        for value in (*given, *kwargs.values()):
            if isinstance(value, int) and abs(value) > MAX_VALUE:
                raise _too_large()
        if run is _format_filter and args and isinstance(args[0], str):
            _check_format(args[0])
        if run is _replace_filter and len(args) >= 4:
            text, old, new = (str(a) for a in args[1:4])
            if len(text) + (text.count(old) if old else len(text) + 1) * len(new) > MAX_VALUE:
                raise _too_long()
        return bounded(run(*args, **kwargs))

    return bounded_run


def _too_long() -> TooMuch:
    return TooMuch(
        _(
            "the template makes a text or list longer than {limit:,}: a loop that runs for hours"
        ).format(limit=MAX_VALUE)
    )


def _too_large() -> TooMuch:
    return TooMuch(
        _("the template works out a number too large to print (over {limit:,} digits)").format(
            limit=MAX_BITS * 3 // 10
        )
    )


def _counted_range(*args: int) -> range:
    numbers = range(*args)
    counted = COUNTED.get() + len(numbers)
    if counted > MAX_COUNTED:
        raise TooMuch(
            _(
                "the template counts to more than {limit:,} with range(): "
                "a loop that runs for hours"
            ).format(limit=MAX_COUNTED)
        )
    COUNTED.set(counted)
    return numbers
