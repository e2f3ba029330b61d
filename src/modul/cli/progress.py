"""A build's progress: a line per document as soon as it is finished, with the time it
took; on a terminal also a bar under those lines. In a pipe or CI log only the lines."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from modul.errors import relative
from modul.i18n import _, decimal, ngettext

if TYPE_CHECKING:
    from modul.engine.writer import BuiltDocument, Progress


@contextmanager
def progress_report(root: Path) -> Iterator[Progress]:
    """The `progress` callback of a build; the bar is closed when the build ends."""
    terminal = sys.stdout.isatty()
    bar: Any = None  # click's ProgressBar, made when the number of files is known

    def show(document: BuiltDocument, number: int, total: int) -> None:
        nonlocal bar
        line = _("[{number}/{total}] {file}  {pages}  {seconds} s").format(
            number=number,
            total=total,
            file=relative(document.path, root),
            pages=ngettext("{count} page", "{count} pages", document.pages).format(
                count=document.pages
            ),
            seconds=decimal(document.seconds, 2),
        )
        if not terminal:  # a pipe or a CI log: plain lines
            click.echo(line)
            return
        if bar is None:
            bar = click.progressbar(length=total, label=_("Building"), show_pos=True)
        # The line goes where the bar is; the bar is drawn again below it.
        click.echo("\r" + line.ljust(shutil.get_terminal_size().columns - 1))
        bar.update(1)

    try:
        yield show
    finally:
        if bar is not None:
            bar.render_finish()
