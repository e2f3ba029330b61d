"""The `modul` command's first instructions: Ctrl-C pressed while the command line is
still loading (click, the commands: a few tenths of a second on a slow laptop) is said
in one line and exits 130, as it is once the command runs."""

from __future__ import annotations

import sys

from modul.errors import EXIT_INTERRUPTED, STOPPED
from modul.i18n import _


def main() -> None:
    try:
        from modul.cli import main as command_line
    except KeyboardInterrupt:
        sys.stderr.write(_(STOPPED) + "\n")
        sys.exit(EXIT_INTERRUPTED)
    command_line()
