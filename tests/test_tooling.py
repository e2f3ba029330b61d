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
