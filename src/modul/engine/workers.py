"""Worker processes for a parallel build, the same on Windows, macOS and Linux.

Workers are started with `spawn` (the only start method Windows has), so nothing is
inherited: they are started before the build's check, so that importing the layout
libraries in each worker happens while the main process reads and checks the content.
Workers stay for the next build of the same process and end with it; a worker watches
its parent and exits as soon as the parent is gone (killed, terminal closed), so no
orphan stays. This module imports no layout library itself, so the main
process can start workers at once.

Ctrl-C is the main process's alone: a terminal sends it to every process of the build,
and a worker interrupted in the middle of a task or of its start printed its traceback
(two workers, hundreds of lines). Workers ignore it, from their first instruction on
POSIX (they are started with the signal blocked, which they inherit), from their
start-up on Windows; the main process, interrupted, lets them finish the documents
they are laying out (ending them in the middle of sending one back can leave Python's
pool waiting for ever for the rest of it), and takes no more.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing.connection import wait

from modul import i18n

# Kept between builds, by number of workers and the language they speak: a worker is
# told the language once, when it starts (a process speaks one; tests switch).
_IDLE: dict[tuple[int, str], ProcessPoolExecutor] = {}


@contextmanager
def workers(jobs: int) -> Iterator[ProcessPoolExecutor | None]:
    """`jobs` worker processes, starting now, or those of this process's last build
    (`modul watch` rebuilds with warm workers); None for a build on one core."""
    if jobs <= 1:
        yield None
        return
    key = (jobs, i18n.language())
    pool = _IDLE.pop(key, None) or _start(*key)
    try:
        yield pool
    except BaseException:  # stopped (error, Ctrl-C): nothing more is laid out
        pool.shutdown(cancel_futures=True)  # after the documents being laid out
        raise
    _IDLE[key] = pool


def _start(jobs: int, language: str) -> ProcessPoolExecutor:
    pool = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_prepare_worker,
        initargs=(language,),
    )
    with _interrupts_blocked():
        for _ in range(jobs):  # each submit starts one worker; a worker loads what it needs
            pool.submit(_warm_up)
    return pool


@contextmanager
def _interrupts_blocked() -> Iterator[None]:
    """Ctrl-C held back from this thread for a moment; the processes it starts meanwhile
    keep it blocked for good. One pressed meanwhile arrives when this ends."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows: see _prepare_worker
        yield
        return
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


def _warm_up() -> None:
    import modul.engine.parallel  # noqa: F401  (ReportLab, pikepdf, the typesetter)

    gc.freeze()  # the libraries stay loaded: the collector need not walk them again


def _prepare_worker(language: str) -> None:
    i18n.use(language)  # warnings and messages in the language of the process that asks
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process stops the build
    threading.Thread(target=_exit_with_parent, daemon=True).start()


def _exit_with_parent() -> None:
    """Wait until the process that started this worker ends, then end this one at once."""
    parent = multiprocessing.parent_process()
    if parent is not None:
        wait([parent.sentinel])
        os._exit(1)
