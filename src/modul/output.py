"""Write finished files into build/ so that no reader ever sees half of one."""

from __future__ import annotations

import errno
import os
import re
import tempfile
from pathlib import Path

from modul.errors import OutputError, Problem, relative

LEFTOVER = re.compile(r"^\..+\.(pdf|json)\.[A-Za-z0-9_]+\.tmp$")  # write_atomic's names


def write_atomic(path: Path, data: bytes, root: Path) -> None:
    """Write to a temporary file beside `path`, then rename it into place.

    A crash or Ctrl-C leaves either the old file or the new one, never half of one.
    """
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as err:
        _remove(tmp)
        raise OutputError(
            [
                Problem(
                    relative(path, root),
                    message=f"cannot write this file: {err.strerror}",
                    hint=_hint(err, path, root),
                )
            ]
        ) from None
    except BaseException:
        _remove(tmp)
        raise


def remove_leftovers(folder: Path) -> None:
    """Temporary files of a build that was killed (SIGKILL, power cut) before renaming."""
    for path in folder.rglob(".*.tmp") if folder.is_dir() else []:
        if LEFTOVER.match(path.name):
            path.unlink()


def _remove(tmp: str | None) -> None:
    if tmp and os.path.exists(tmp):
        os.unlink(tmp)


def _hint(err: OSError, path: Path, root: Path) -> str:
    """What to do about the error, in the words of someone at the printer."""
    if err.errno == errno.ENOSPC or err.errno == errno.EDQUOT:
        return "the disk is full: free some space, then build again"
    if isinstance(err, IsADirectoryError):
        return f"a folder has this file's name: rename or remove {relative(path, root)}/"
    if isinstance(err, FileExistsError | NotADirectoryError):
        blocking = next((p for p in reversed(path.parents) if p.is_file()), path.parent)
        return (
            f"`{relative(blocking, root)}` is a file where modul needs a folder: "
            "rename or remove it"
        )
    if isinstance(err, PermissionError) or err.errno == errno.EROFS:
        return (
            "the folder is read-only: allow writing to it (or build a copy of the "
            "project elsewhere); on Windows, close the PDF if a viewer has it open"
        )
    return "check that the folder can be written to and the disk has free space"
