"""Commands for trainers: list, schema, new, init, preview, watch."""

from __future__ import annotations

import json

from click.testing import CliRunner

from conftest import REPO
from modul.cli import cli


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_list_shows_roles_regions_documents_and_paths(project):
    text = run("list", "--project", str(project))
    assert "konselor-pemberdayaan-masyarakat   Konselor Pemberdayaan Masyarakat" in text
    assert "ntt" in text and "F4" in text and "Lembar Kerja  → lembar-kerja.pdf" in text
    found = json.loads(run("list", "--json", "--project", str(project)))
    assert [r["slug"] for r in found["regions"]] == ["nasional", "ntb-mitra", "ntt", "sumbar"]
    assert len(found["outputs"]) == 48
    assert "build/ntt/konselor-pemberdayaan-masyarakat/lembar-kerja.pdf" in found["outputs"]


def test_schema_files_are_written_and_named_by_every_content_file(project):
    written = run("schema", "--project", str(project)).split()
    assert written == [f"schema/{k}.schema.json" for k in ("role", "workshop", "worksheet",
                                                             "region")]
    role = json.loads((project / "schema" / "role.schema.json").read_text(encoding="utf-8"))
    assert role["additionalProperties"] is False and "nama" in role["required"]
    assert "tugas_utama" in role["properties"]
    files = [*(project / "content").glob("*.yaml"), *(project / "content").glob("roles/*"),
             *(project / "content").glob("regions/*/region.yaml")]
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        assert (path.parent / first.split("=", 1)[1]).resolve().is_file(), path


def test_committed_schemas_are_up_to_date(project):
    run("schema", "--project", str(project))
    for fresh in (project / "schema").glob("*.json"):
        assert (REPO / "schema" / fresh.name).read_text(encoding="utf-8") == \
            fresh.read_text(encoding="utf-8"), f"run `modul schema`: {fresh.name} is stale"
