"""`modul watch`: build again whenever an input file changes, until Ctrl-C.

The system tells us about changes (watchfiles: inotify, FSEvents, ReadDirectoryChangesW),
so nothing reads every file while the trainer is typing. Network drives and some virtual
machines send no such notices: `poll` makes watchfiles look at the files instead. Each
build is the normal incremental one, so only the documents whose inputs changed are laid
out again; `rebuild` reports its own mistakes, and watching goes on.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

import watchfiles
from watchfiles import Change

from modul.folders import Folders

SETTLE_MS = 100  # an editor saving writes a file in bursts: wait until it has finished
WAKE_MS = 200  # the watcher's first wait ends after this, to make the first build


class Stop(Protocol):
    """What ends the watching besides Ctrl-C: a threading.Event, say."""

    def is_set(self) -> bool: ...


def watch(
    root: Path,
    rebuild: Callable[[], None],
    on_change: Callable[[list[Path]], None],
    *,
    poll: bool = False,
    stop: Stop | None = None,
    also: Callable[[], list[Path]] = lambda: [],
) -> None:
    """Run `rebuild` now and after every change in content/ or layouts/, until Ctrl-C
    (KeyboardInterrupt) or `stop` is set; `also` is asked at every wake (five times a
    second) for files changed outside them (serve: the results workbooks)."""
    batches = watchfiles.watch(
        *Folders(root).watched,
        step=SETTLE_MS,
        stop_event=stop,
        # the watcher starts listening when its first wait begins; building only after
        # that wait means a file saved during the first build is not missed
        rust_timeout=WAKE_MS,
        yield_on_timeout=True,
        force_polling=True if poll else None,  # None: watchfiles' own choice (WSL, env)
    )
    built = False
    for batch in batches:
        saved = _saved(batch) + also()
        if saved and built:
            on_change(saved)
        if saved or not built:
            rebuild()
            built = True


def _saved(batch: set[tuple[Change, str]]) -> list[Path]:
    """The files a batch of changes leaves changed: not the temporary files an editor
    (or sed -i) makes and removes again while saving."""
    added = {path for change, path in batch if change == Change.added}
    return sorted({Path(path) for _, path in batch if path not in added or Path(path).exists()})
