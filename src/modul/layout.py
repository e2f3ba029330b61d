"""Find layout templates and render them, with the content, into document markup.

Templates run in Jinja2's sandbox with autoescaping (content text can never become
markup) and StrictUndefined (a typo in a variable name is an error, not a blank).
"""

from __future__ import annotations

import difflib
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

from modul.errors import Problem, relative
from modul.source import Node, ProblemList, read_yaml

DEFAULT_THEME = "default"
LABEL_LANGUAGE = "id"


def theme_folder(root: Path, theme: str = DEFAULT_THEME) -> Path:
    return root / "layouts" / theme


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
        raise ProblemList([Problem(_shown(err.filename, root) or name, err.lineno or 0, 0,
                                   f"template syntax error: {err.message}",
                                   "check the {% %} and {{ }} tags on this line")]) from None
    except TemplateNotFound as err:
        raise ProblemList([Problem(name, message=f"template `{err.name}` not found",
                                   hint="check the name in {% include %} / {% import %}, "
                                   "or add the file to the layout folder")]) from None
    except TemplateError as err:
        file, line = _template_frame(err, name, root)
        raise ProblemList([Problem(file, line, 0, f"template error: {err.message or err}",
                                   "check the variable names on this line against "
                                   "layouts/README.md")]) from None


def _template_frame(err: Exception, name: str, root: Path) -> tuple[str, int]:
    """The innermost template file and line in the traceback (Jinja2 rewrites it so)."""
    for frame in reversed(traceback.extract_tb(err.__traceback__)):
        if frame.filename.endswith(".j2"):
            return _shown(frame.filename, root) or name, frame.lineno or 0
    return name, 0


def _shown(filename: str | None, root: Path) -> str | None:
    return relative(Path(filename), root) if filename else None


def labels_folder(root: Path) -> Path:
    return root / "layouts" / "labels"


def load_labels(root: Path, language: str = LABEL_LANGUAGE) -> dict[str, str]:
    """The fixed texts documents print (headings, "Nama", …) in one language.

    Every language must have exactly the keys of the default one (`id`), so a missing
    translation is an error here and never a blank on paper.
    """
    labels, problems = _read_labels(labels_folder(root) / f"{language}.yaml", root)
    if language != LABEL_LANGUAGE and not problems:
        reference, _ = _read_labels(labels_folder(root) / f"{LABEL_LANGUAGE}.yaml", root)
        problems += _compare_keys(labels, reference, labels_folder(root) / f"{language}.yaml",
                                  root)
    if problems:
        raise ProblemList(problems)
    return {key: node.value for key, node in labels.items()}


def _read_labels(path: Path, root: Path) -> tuple[dict[str, Node], list[Problem]]:
    doc = read_yaml(path, root)
    problems = [doc.problem([key], f"label `{key}` must be text", "put the text in quotes")
                for key, value in doc.value.items()
                if not isinstance(value.value, str) or not isinstance(key, str)]
    return doc.value, problems


def _compare_keys(labels: dict[str, Node], reference: dict[str, Node], path: Path,
                  root: Path) -> list[Problem]:
    name = relative(path, root)
    missing = [key for key in reference if key not in labels]
    problems = [Problem(name, 0, 0, f"label `{key}` is missing",
                        f"add `{key}:` with the translation of “{reference[key].value}”")
                for key in missing]
    for key, node in labels.items():
        if key not in reference:
            close = difflib.get_close_matches(key, missing or list(reference), n=1)
            problems.append(Problem(name, node.key_origin.line if node.key_origin else 0, 1,
                                    f"unknown label `{key}`",
                                    f"did you mean `{close[0]}`?" if close else
                                    "remove it: templates only use the labels of id.yaml"))
    return problems
