"""The code's own checks run with the tests, so CI keeps them: formatting, lint, strict
types and the pipeline's import rule (see [tool.importlinter] in pyproject.toml)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from conftest import REPO

CODE = ["src", "tests", "benchmarks", "tools"]
TOOLS = {
    "ruff format": ["ruff", "format", "--check", *CODE],
    "ruff check": ["ruff", "check", *CODE],
    "mypy --strict": [sys.executable, "-m", "mypy", "--strict", "src/modul"],
    "lint-imports": ["lint-imports"],
}


@pytest.mark.parametrize("command", TOOLS.values(), ids=TOOLS.keys())
def test_code_passes(command):
    if shutil.which(command[0]) is None:
        pytest.fail(f"{command[0]} is not installed: pip install -e '.[test]'")
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def import_cycles(package: str) -> list[list[str]]:
    """Groups of modules that import each other, directly or through others, counting
    imports made only for type checking and imports inside functions."""
    import grimp

    graph = grimp.build_graph(package, exclude_type_checking_imports=False)
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(module: str) -> None:  # Tarjan's strongly connected components
        order[module] = low[module] = len(order)
        stack.append(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported not in order:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in stack:
                low[module] = min(low[module], order[imported])
        if low[module] == order[module]:
            group = []
            while (member := stack.pop()) != module:
                group.append(member)
            if group:
                cycles.append(sorted([module, *group]))

    for module in sorted(graph.modules):
        if module not in order:
            visit(module)
    return cycles


def test_no_module_imports_itself_through_others():
    assert import_cycles("modul") == []


def test_the_cycle_finder_finds_a_cycle(tmp_path, monkeypatch):
    package = tmp_path / "loop"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from loop import b\n")
    (package / "b.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from loop import a\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    assert import_cycles("loop") == [["loop.a", "loop.b"]]
