"""Where the project is: the folder with `content/` and `layouts/`."""

from __future__ import annotations

from pathlib import Path

from modul.errors import ModulError, Problem


def find_root(start: Path) -> Path:
    """The project folder: `start` or the nearest parent holding `content/` and `layouts/`."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / "content").is_dir() and (folder / "layouts").is_dir():
            return folder
    raise ModulError([Problem(str(start), message="no modul project here: no folder with "
                              "`content/` and `layouts/` in it or above it",
                              hint="run modul inside a project folder, or pass --project DIR")])
