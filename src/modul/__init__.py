"""modul: printable training material for community-empowerment workshops.

Library API (the CLI is a thin layer over it)::

    from modul import build, check
    report = build(Path("."))
"""

from typing import Any

from modul.catalog import VERSION as __version__

__all__ = ["BuildReport", "ModulError", "Options", "__version__", "build", "check"]


def __getattr__(name: str) -> Any:
    """Import the library on first use, so `modul --help` starts quickly."""
    if name in ("build", "check", "BuildReport", "Options"):
        from modul import engine

        return getattr(engine, name)
    if name == "ModulError":
        from modul.errors import ModulError

        return ModulError
    raise AttributeError(name)
