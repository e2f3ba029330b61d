"""modul: printable training material for community-empowerment workshops.

Library API (the CLI is a thin layer over it)::

    from modul import build, check
    report = build(Path("."))
"""

__version__ = "0.1.0"

from modul.build import BuildReport, check  # noqa: E402
from modul.engine import build  # noqa: E402
from modul.errors import ModulError  # noqa: E402

__all__ = ["BuildReport", "ModulError", "__version__", "build", "check"]
