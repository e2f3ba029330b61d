"""The fixed texts documents print (headings, "Nama", …), one file per language in
`layouts/labels/`."""

from __future__ import annotations

import difflib
from pathlib import Path

from modul.content.regions import placeholder_problem, unknown_placeholders
from modul.content.source import ProblemList, read_yaml
from modul.content.tree import Node
from modul.errors import Problem, relative
from modul.folders import Folders
from modul.i18n import _

LABEL_LANGUAGE = "id"  # the reference: every other language has exactly its keys


def load_labels(root: Path, language: str = LABEL_LANGUAGE) -> dict[str, str]:
    """The fixed texts documents print (headings, "Nama", …) in one language.

    Every language must have exactly the keys of the default one (`id`), so a missing
    translation is an error here and never a blank on paper.
    """
    folder = Folders(root).labels
    labels, problems = _read_labels(folder / f"{language}.yaml", root)
    if language != LABEL_LANGUAGE and not problems:
        reference = _read_labels(folder / f"{LABEL_LANGUAGE}.yaml", root)[0]
        problems += _compare_keys(labels, reference, folder / f"{language}.yaml", root)
    if problems:
        raise ProblemList(problems)
    return {key: node.value for key, node in labels.items()}


def _read_labels(path: Path, root: Path) -> tuple[dict[str, Node], list[Problem]]:
    doc = read_yaml(path, root)
    problems = [
        doc.problem(
            [key], _("label `{label}` must be text").format(label=key), _("put the text in quotes")
        )
        for key, value in doc.value.items()
        if not isinstance(value.value, str) or not isinstance(key, str)
    ]
    return doc.value, problems


def _compare_keys(
    labels: dict[str, Node], reference: dict[str, Node], path: Path, root: Path
) -> list[Problem]:
    name = relative(path, root)
    missing = [key for key in reference if key not in labels]
    problems = [
        Problem(
            name,
            0,
            0,
            _("label `{label}` is missing").format(label=key),
            _("add `{label}:` with the translation of “{text}”").format(
                label=key, text=reference[key].value
            ),
        )
        for key in missing
    ]
    for key, node in labels.items():
        if key in reference and (unknown := unknown_placeholders(node.value, reference[key].value)):
            message, hint = placeholder_problem(key, unknown[0], reference[key].value)
            line = node.origin.line if node.origin else 0
            problems.append(Problem(name, line, 1, message, hint))
        if key not in reference:
            close = difflib.get_close_matches(key, missing or list(reference), n=1)
            problems.append(
                Problem(
                    name,
                    node.key_origin.line if node.key_origin else 0,
                    1,
                    _("unknown label `{label}`").format(label=key),
                    _("did you mean `{suggestion}`?").format(suggestion=close[0])
                    if close
                    else _("remove it: templates only use the labels of id.yaml"),
                )
            )
    return problems
