"""Shared by the results tests: the small project's workbook, made by the CLI, and the
content it is checked against."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from conftest import SMALL_REGION, SMALL_ROLE
from modul.cli import cli
from modul.content.loading import load_project
from modul.content.model import Role

WORKBOOK = Path("hasil") / SMALL_REGION / f"{SMALL_ROLE}.xlsx"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def new_workbook(root: Path, *extra: str, region: str = SMALL_REGION) -> Path:
    result = run(
        "report",
        "--project",
        str(root),
        "--new",
        "--region",
        region,
        "--role",
        SMALL_ROLE,
        *extra,
    )
    assert result.exit_code == 0, result.output
    return root / "hasil" / region / f"{SMALL_ROLE}.xlsx"


def role(root: Path, edition: str = SMALL_REGION) -> Role:
    return load_project(root).editions[edition].roles[SMALL_ROLE]
