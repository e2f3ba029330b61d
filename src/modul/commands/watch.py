"""`modul watch`: build again whenever an input file changes, until Ctrl-C.

The folders are polled twice a second (modification time and size of every file), which
needs no extra library and works on network drives and in virtual machines alike. Each
build is the normal incremental one, so only the documents whose inputs changed are
laid out again. A mistake is printed and watching goes on.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path

from modul.folders import Folders

Snapshot = dict[Path, tuple[int, int]]


def snapshot(root: Path, extra: Iterable[Path] = ()) -> Snapshot:
    """Modification time and size of every input file."""
    files = [p for folder in Folders(root).watched for p in folder.rglob("*") if p.is_file()]
    found = {}
    for path in [*files, *extra]:
        try:
            info = path.stat()
        except OSError:  # deleted between listing and looking
            continue
        found[path] = (info.st_mtime_ns, info.st_size)
    return found


def changed(before: Snapshot, after: Snapshot) -> list[Path]:
    return sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))


def watch(
    root: Path,
    rebuild: Callable[[], None],
    on_change: Callable[[list[Path]], None],
    *,
    extra: Iterable[Path] = (),
    interval: float = 0.5,
    keep_going: Callable[[], bool] = lambda: True,
) -> None:
    """Run `rebuild` now and after every change; `rebuild` reports its own errors."""
    extra = list(extra)
    seen = snapshot(root, extra)
    rebuild()
    while keep_going():
        time.sleep(interval)
        now = snapshot(root, extra)
        if now != seen:
            time.sleep(interval / 5)  # let an editor finish writing the file
            now = snapshot(root, extra)
            on_change(changed(seen, now))
            seen = now
            rebuild()
