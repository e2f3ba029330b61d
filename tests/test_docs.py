"""The README starts anyone in one screen, and the pages it links to are there (issue 26).

Read as a visitor reads them: the links of README.md and docs/, the commands the README
tells to type against the ones CI runs, the pictures it shows, and the README that
`modul init` gives a trainer against the documents the kit makes.
"""

from __future__ import annotations

import importlib.util
import os
import re
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

from ruamel.yaml import YAML

from conftest import REPO

README = REPO / "README.md"
PAGES = [README, *sorted((REPO / "docs").glob("*.md")), REPO / "benchmarks" / "README.md"]
LINK = re.compile(r"\]\(([^)\s]+)\)")  # [text](target) and ![alt](target)
PICTURE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)")


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec and spec.loader
    loaded = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(loaded)
    return loaded


def local(target: str) -> bool:
    return not re.match(r"[a-z]+:", target) and not target.startswith("#")


def test_the_readme_fits_in_twelve_thousand_characters():
    assert len(read(README)) <= 12_000


def test_every_relative_link_of_the_readme_and_the_docs_points_at_a_file():
    missing = [
        f"{page.relative_to(REPO)}: {target}"
        for page in PAGES
        for target in LINK.findall(read(page))
        if local(target) and not (page.parent / target.split("#")[0]).exists()
    ]
    assert len(PAGES) > 10 and not missing


def test_the_readme_links_to_every_docs_page():
    linked = {target.split("#")[0] for target in LINK.findall(read(README))}
    pages = {f"docs/{page.name}" for page in (REPO / "docs").glob("*.md")}
    assert pages and pages <= linked


def commands(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("pip install")]


def test_the_readme_s_set_up_commands_are_the_ones_ci_runs():
    ci = commands(read(REPO / ".ci" / "run"))
    assert ci == ["pip install -e . && modul build", 'pip install -e ".[test]" && pytest']
    assert commands(read(README)) == ci


def test_the_pictures_the_readme_shows_are_there_and_small():
    pictures = PICTURE.findall(read(README))
    assert 2 <= len(pictures) <= 4
    for picture in pictures:
        path = REPO / picture
        assert path.is_file() and path.read_bytes().startswith(b"\x89PNG"), picture
        assert path.stat().st_size < 100_000, picture


def test_every_page_picture_shown_is_one_tools_pictures_makes():
    made = set(module(REPO / "tools" / "pictures.py").PAGES)
    shown = {
        Path(target).name
        for page in PAGES
        for target in PICTURE.findall(read(page))
        if Path(target).name != "serve.png"  # a screenshot of the browser, not a page
    }
    assert shown == made
    assert all((REPO / "docs" / "images" / name).is_file() for name in made)


def test_the_starter_readme_names_every_document_of_the_kit_and_modul_serve():
    starter = read(REPO / "src" / "modul" / "commands" / "starters" / "README.md")
    yaml = YAML(typ="safe")
    catalog = yaml.load(REPO / "layouts" / "default" / "catalog.yaml")
    labels = yaml.load(REPO / "layouts" / "labels" / "id.yaml")
    documents = [*catalog["documents"], *catalog["packets"]]
    assert len(documents) == 12
    for document in documents:
        assert labels[document["label"]] in starter, document["id"]
        assert f"`{document['file']}`" in starter, document["file"]
    assert "modul serve" in starter


def test_a_benchmark_run_replaces_the_figures_in_benchmarks_readme(tmp_path):
    bench = module(REPO / "benchmarks" / "bench.py")
    original = read(bench.README)
    start, end = bench.FIGURES
    assert original.count(start) == original.count(end) == 1
    assert "cold build (process)" in original  # seeded with the figures of a real run
    readme = tmp_path / "README.md"
    readme.write_text(original, encoding="utf-8")
    started = datetime(2027, 1, 4, 9, 5, tzinfo=UTC)
    for value in ("1.11 s", "2.22 s"):  # a second run leaves no trace of the first
        table = ["modul benchmark: test", f"cold build (process)  {value}"]
        bench.write_readme(table, ["--runs", "1", "--editions", "500"], started, readme)
    written = read(readme)
    assert "2.22 s" in written and "1.11 s" not in written and "4.39 s" not in written
    assert "Measured 2027-01-04, 09:05–" in written and f"{os.cpu_count()} cores" in written
    assert "python benchmarks/bench.py --runs 1 --editions 500\n" in written
    outside = original.split(start)[0], original.split(end)[1]
    assert (written.split(start)[0], written.split(end)[1]) == outside
