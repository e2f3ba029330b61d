"""Stage 5, engine: what to make (`options`, `plan`), whether it is out of date
(`incremental`), checking everything first (`preflight`), laying out on every core
(`parallel`) and writing atomically (`builder`).

Entry points: `build`, `check`, `check_project`, `Options`, `BuildReport`; imported on
first use, so that a build where nothing changed does not load the whole pipeline.
"""

from typing import Any

__all__ = [
    "BuildReport",
    "BuiltDocument",
    "CheckReport",
    "Options",
    "build",
    "check",
    "check_project",
]


def __getattr__(name: str) -> Any:
    if name in ("build", "check_project", "BuildReport", "CheckReport"):
        from modul.engine import builder

        return getattr(builder, name)
    if name == "BuiltDocument":
        from modul.engine.writer import BuiltDocument

        return BuiltDocument
    if name == "check":
        from modul.engine.preflight import check

        return check
    if name == "Options":
        from modul.engine.options import Options

        return Options
    raise AttributeError(name)
