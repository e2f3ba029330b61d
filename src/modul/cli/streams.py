"""Standard output and error that cannot stop a build.

What modul prints is a report on the work, not the work: `modul build | head -1` (the
reader leaves after one line), `modul build >&-` (no output at all) and
`modul build > /dev/full` must still write every PDF, and exit as the build went. A
write that fails sends the rest of that stream to the null device; a failed standard
output is said once on standard error, unless the reader merely left (a broken pipe,
as `head` does: that is expected, and nothing is lost that anyone wanted).
"""

from __future__ import annotations

import errno
import os
import sys
from typing import Any, TextIO, cast

from modul.i18n import _


def guard_standard_streams() -> None:
    """Make sys.stdout and sys.stderr safe to write to, for the rest of this process."""
    for descriptor in (0, 1, 2):
        _fill_if_closed(descriptor)
    sys.stdout = cast(TextIO, _Sturdy(sys.stdout or _null(), say_lost=True))
    sys.stderr = cast(TextIO, _Sturdy(sys.stderr or _null(), say_lost=False))


def _fill_if_closed(descriptor: int) -> None:
    """A closed standard descriptor is opened on the null device: else the next file
    modul opens gets its number, and what is printed would land in that file."""
    try:
        os.fstat(descriptor)
    except OSError:
        null = os.open(os.devnull, os.O_RDWR)
        if null != descriptor:
            os.dup2(null, descriptor)
            os.close(null)
        os.set_inheritable(descriptor, True)


def _null() -> TextIO:
    return open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (for the whole process)


class _Sturdy:
    """A text stream whose writes never fail: after the first failure, what is written
    goes nowhere. Everything else is the stream's own (encoding, isatty, …)."""

    def __init__(self, stream: TextIO, *, say_lost: bool) -> None:
        self._stream, self._say_lost, self._lost = stream, say_lost, False

    def write(self, text: str) -> int:
        if not self._lost:
            try:
                return self._stream.write(text)
            except OSError as err:
                self._lose(err)
        return len(text)

    def flush(self) -> None:
        if not self._lost:
            try:
                self._stream.flush()
            except OSError as err:
                self._lose(err)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)

    def _lose(self, err: OSError) -> None:
        self._lost = True
        try:  # what is still in the buffer, and Python's flush at exit, go nowhere
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, self._stream.fileno())
            os.close(null)
            self._stream.flush()
        except (OSError, ValueError):  # no descriptor of its own: nothing to flush
            pass
        if self._say_lost and err.errno != errno.EPIPE:
            sys.stderr.write(
                _(
                    "modul: cannot write to the standard output ({reason}); the rest of "
                    "what modul says there is dropped, the work goes on"
                ).format(reason=err.strerror or err)
                + "\n"
            )
            sys.stderr.flush()
