"""Find layout templates and render them, with the content, into document markup.

Templates run in the sandbox (`layout.sandbox`) with autoescaping (content text can
never become markup) and StrictUndefined (a typo in a variable name is an error, not a
blank); any error of a template becomes a problem at its file and line.
"""

from __future__ import annotations

import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

from modul.content.source import ProblemList
from modul.errors import Problem, relative
from modul.i18n import _
from modul.layout.sandbox import COUNTED, MAX_MARKUP, OutsideProject, TooMuch


def render(env: SandboxedEnvironment, name: str, context: dict[str, Any], root: Path) -> str:
    """Render template `name`; any template error becomes a Problem at its file and line."""
    try:
        COUNTED.set(0)
        return _bounded(env.get_template(name).generate(**context))
    except Exception as err:  # the template's own doing, whatever it is: 1 // 0 too
        raise ProblemList([_problem(err, env, name, root)]) from None


def _problem(err: Exception, env: SandboxedEnvironment, name: str, root: Path) -> Problem:
    """The error of a template as a problem at the template line that caused it."""
    file, line = _template_frame(err, name, root)
    if isinstance(err, TemplateSyntaxError):
        return Problem(
            _shown(err.filename, root) or name,
            err.lineno or 0,
            0,
            _("template syntax error: {reason}").format(reason=err.message),
            _("check the {statement} and {expression} tags on this line").format(
                statement="{% %}", expression="{{ }}"
            ),
        )
    if isinstance(err, OutsideProject):
        return Problem(
            _shown(err.filename, root) or name,
            message=err.message or "",
            hint=_("copy the file into the project instead of linking to it"),
        )
    if isinstance(err, TooMuch) and not line:  # raised outside the template's frames
        file = _shown(env.get_template(name).filename, root) or name
    message, hint = _explained(err)
    return Problem(file, line, 0, message, hint)


def _explained(err: Exception) -> tuple[str, str]:
    """What went wrong in a template's run, and what to do about it."""
    if isinstance(err, RecursionError):
        return _("a macro calls itself without end"), _("give the macro a condition to stop")
    if isinstance(err, TemplateNotFound):  # at the {% include %} that names it
        return _("template `{template}` not found").format(template=err.name), _(
            "check the name in {include_tag} / {import_tag}, or add the file to the layout folder"
        ).format(include_tag="{% include %}", import_tag="{% import %}")
    if isinstance(err, TooMuch):
        return err.message or "", _(
            "loop over the content's lists, not over large "
            "range() numbers, and not in a loop inside a loop"
        )
    if isinstance(err, TemplateError):
        return _("template error: {reason}").format(reason=err.message or err), _(
            "check the variable names on this line against layouts/README.md"
        )
    return _("template error: {reason}").format(reason=f"{type(err).__name__}: {err}"), _(
        "check the expression on this line"
    )


def _bounded(pieces: Iterator[str]) -> str:
    written, parts = 0, []
    for piece in pieces:
        written += len(piece)
        if written > MAX_MARKUP:
            raise TooMuch(
                _(
                    "the template writes more than {limit:,} characters: a loop that runs for hours"
                ).format(limit=MAX_MARKUP)
            )
        parts.append(piece)
    return "".join(parts)


def _template_frame(err: Exception, name: str, root: Path) -> tuple[str, int]:
    """The innermost template file and line in the traceback (Jinja2 rewrites it so)."""
    for frame in reversed(traceback.extract_tb(err.__traceback__)):
        if frame.filename.endswith(".j2"):
            return _shown(frame.filename, root) or name, frame.lineno or 0
    return name, 0


def _shown(filename: str | None, root: Path) -> str | None:
    return relative(Path(filename), root) if filename else None
