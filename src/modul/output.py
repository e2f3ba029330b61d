"""Write finished files into build/ so that no reader ever sees half of one, and only
one build at a time; and the one rule for what modul may write or delete at all."""

from __future__ import annotations

import errno
import hashlib
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from modul.catalog import BUILD
from modul.errors import OutputError, relative
from modul.i18n import _

LEFTOVER = re.compile(r"^\..+\.(pdf|json)\.[A-Za-z0-9_]+\.tmp$")  # write_atomic's names


def may_change(path: Path, root: Path, folder: str = BUILD) -> bool:
    """The one rule for every file modul writes or deletes, whatever record names it (a
    manifest, a build part): named without `..`, inside the project's `folder` once every
    link is followed, and a regular file if it is there at all."""
    return _within(path, root, folder) and (path.is_file() or not os.path.lexists(path))


def _within(path: Path, root: Path, folder: str) -> bool:
    if ".." in path.parts:
        return False
    inside = (root / folder).resolve()
    target = path.resolve()
    return target != inside and target.is_relative_to(inside)


def remove(path: Path, root: Path) -> bool:
    """Delete a file modul made, if the rule lets it; return whether it was there."""
    if not may_change(path, root) or not path.is_file():
        return False
    path.unlink()
    return True


def _guard(path: Path, root: Path, folder: str) -> None:
    """Refuse to write where the rule does not lead; a folder or a read-only file in the
    place is said when writing fails, with what to do about it."""
    if not _within(path, root, folder):
        raise OutputError.one(
            path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path),
            message=_(
                "modul writes only into {folder}/ of the project, and this leads elsewhere"
            ).format(folder=folder),
            hint=_(
                "remove the link that leads out of the project, so that modul can write "
                "a file of its own there"
            ),
        )


@contextmanager
def exclusive(root: Path, waiting: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the project's build lock: a second build (`modul watch` in one window, `modul
    build` in another) waits for the first, so neither loses what the other wrote.
    `waiting` is called once if the lock is taken. The lock file lives in the system's
    temporary folder, named after the project's path: nothing is added to the project."""
    from filelock import FileLock, Timeout

    lock = FileLock(lock_path(root))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if waiting:
            waiting()
        lock.acquire()
    try:
        yield
    finally:
        lock.release()


def lock_path(root: Path) -> Path:
    """The lock file of the project at `root`, in the system's temporary folder."""
    key = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"modul-{key}.lock"


def write_atomic(path: Path, data: bytes, root: Path, folder: str = BUILD) -> None:
    """Write to a temporary file beside `path`, then rename it into place; `path` must
    lie in the project's `folder` (by `may_change`).

    A crash or Ctrl-C leaves either the old file or the new one, never half of one.
    """
    with writing_beside(path, root, folder) as (handle, tmp):
        handle.write(data)
    put_in_place(tmp, path, root, folder)


@contextmanager
def writing_beside(path: Path, root: Path, folder: str = BUILD) -> Iterator[tuple[BinaryIO, Path]]:
    """A temporary file beside `path` (named as LEFTOVER expects), to write piece by
    piece: on success it is left for `put_in_place`; on an error (or a generator closed
    early) it is removed. A killed build's is removed by the next."""
    _guard(path, root, folder)
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            yield handle, Path(tmp)
        os.chmod(tmp, 0o644)
    except OSError as err:
        _remove(tmp)
        raise _cannot(err, path, root) from None
    except BaseException:
        _remove(tmp)
        raise


def put_in_place(tmp: Path, path: Path, root: Path, folder: str = BUILD) -> None:
    """Rename a finished temporary file of `writing_beside` to its place."""
    _guard(path, root, folder)
    try:
        os.replace(tmp, path)
    except OSError as err:
        _remove(str(tmp))
        raise _cannot(err, path, root) from None


def make_folder(folder: Path, root: Path) -> None:
    """Make `folder` (and its parents) if it is not there: before a build writes, so
    that a file in the way is said once, for the folder."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise _cannot(
            err, folder, root, _("cannot make this folder: {reason}"), made=folder / "x"
        ) from None


def append_line(path: Path, line: str, root: Path) -> None:
    """Add a line to `path` and hand it to the system at once: what a build killed the
    next moment has written is still known."""
    _guard(path, root, BUILD)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as handle:
            handle.write(line + "\n")
    except OSError as err:
        raise _cannot(err, path, root) from None


def remove_leftovers(folder: Path) -> list[Path]:
    """Temporary files of a build that was killed (SIGKILL, power cut) before renaming."""
    found = (
        [path for path in folder.rglob(".*.tmp") if LEFTOVER.match(path.name)]
        if folder.is_dir()
        else []
    )
    return [path for path in found if remove(path, folder.parent)]


def _cannot(
    err: OSError, path: Path, root: Path, message: str = "", *, made: Path | None = None
) -> OutputError:
    """The error for `path` that could not be written (or made), with what to do; `made`
    is the file the fix is worked out for, when it is not `path` itself."""
    return OutputError.one(
        relative(path, root),
        message=(message or _("cannot write this file: {reason}")).format(reason=err.strerror),
        hint=_hint(err, made or path, root),
    )


def _remove(tmp: str | None) -> None:
    if tmp and os.path.exists(tmp):
        os.unlink(tmp)


def _hint(err: OSError, path: Path, root: Path) -> str:
    """What to do about the error, in the words of someone at the printer."""
    if err.errno == errno.ENOSPC or err.errno == errno.EDQUOT:
        return _("the disk is full: free some space, then build again")
    if isinstance(err, IsADirectoryError):
        return _("a folder has this file's name: rename or remove {folder}/").format(
            folder=relative(path, root)
        )
    if isinstance(err, FileExistsError | NotADirectoryError):
        blocking = next((p for p in reversed(path.parents) if p.is_file()), path.parent)
        return _("`{file}` is a file where modul needs a folder: rename or remove it").format(
            file=relative(blocking, root)
        )
    if isinstance(err, PermissionError) or err.errno == errno.EROFS:
        return _(
            "the folder is read-only: allow writing to it (or build a copy of the "
            "project elsewhere); on Windows, close the PDF if a viewer has it open"
        )
    return _("check that the folder can be written to and the disk has free space")
