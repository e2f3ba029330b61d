"""Find layout templates and render them, with the content, into document markup.

Templates run in Jinja2's sandbox with autoescaping (content text can never become
markup) and StrictUndefined (a typo in a variable name is an error, not a blank).
"""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Any

from jinja2 import (
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
)
from jinja2.sandbox import SandboxedEnvironment

from modul.content.source import ProblemList
from modul.errors import Problem, relative


def environment(search_path: list[Path]) -> SandboxedEnvironment:
    """One Jinja2 environment; templates are looked up along `search_path` in order."""
    return SandboxedEnvironment(
        loader=FileSystemLoader([str(p) for p in search_path]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(env: SandboxedEnvironment, name: str, context: dict[str, Any], root: Path) -> str:
    """Render template `name`; any template error becomes a Problem at its file and line."""
    try:
        return env.get_template(name).render(**context)
    except TemplateSyntaxError as err:
        raise ProblemList(
            [
                Problem(
                    _shown(err.filename, root) or name,
                    err.lineno or 0,
                    0,
                    f"template syntax error: {err.message}",
                    "check the {% %} and {{ }} tags on this line",
                )
            ]
        ) from None
    except TemplateNotFound as err:
        file, line = _template_frame(err, name, root)  # the {% include %} that names it
        raise ProblemList(
            [
                Problem(
                    file,
                    line,
                    0,
                    message=f"template `{err.name}` not found",
                    hint="check the name in {% include %} / {% import %}, "
                    "or add the file to the layout folder",
                )
            ]
        ) from None
    except TemplateError as err:
        file, line = _template_frame(err, name, root)
        raise ProblemList(
            [
                Problem(
                    file,
                    line,
                    0,
                    f"template error: {err.message or err}",
                    "check the variable names on this line against layouts/README.md",
                )
            ]
        ) from None


def _template_frame(err: Exception, name: str, root: Path) -> tuple[str, int]:
    """The innermost template file and line in the traceback (Jinja2 rewrites it so)."""
    for frame in reversed(traceback.extract_tb(err.__traceback__)):
        if frame.filename.endswith(".j2"):
            return _shown(frame.filename, root) or name, frame.lineno or 0
    return name, 0


def _shown(filename: str | None, root: Path) -> str | None:
    return relative(Path(filename), root) if filename else None
