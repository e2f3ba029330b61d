"""The document kinds are data: a template and a catalog entry add one, no Python."""

from __future__ import annotations

from pypdf import PdfReader

from conftest import one_problem, write
from modul import Options, build
from modul.layout.catalog import load_catalog

ROLE = "konselor-pemberdayaan-masyarakat"
POSTER = """{% import "_macros.xml.j2" as m %}
{% from "_cover.xml.j2" import cover %}
<document {{ m.document_attributes(document_name, role, workshop, region, t) }}>
{{ cover(document_name, role, workshop, region, logo) }}
<h1>{{ role.nama }}</h1>
<list>{% for task in role.tugas_utama %}<item>{{ task }}</item>{% endfor %}</list>
</document>
"""


def add_poster(project) -> None:
    layout = project / "layouts" / "default"
    write(layout / "poster.xml.j2", POSTER)
    catalog = layout / "catalog.yaml"
    text = catalog.read_text(encoding="utf-8")
    entry = "  - {id: poster, template: poster.xml.j2, file: poster-peran.pdf, label: doc_poster}\n"
    write(catalog, text.replace("# Paket per peran", entry + "# Paket per peran"))
    for language, name in (("id", "Poster Peran"), ("en", "Role Poster")):
        labels = project / "layouts" / "labels" / f"{language}.yaml"
        write(labels, labels.read_text(encoding="utf-8") + f"doc_poster: {name}\n")


def test_a_new_document_kind_is_a_template_and_a_catalog_entry(project):
    add_poster(project)
    report = build(project, Options(regions=["nasional", "ntt"], roles=[ROLE], kinds=["poster"]))
    paths = [d.path.relative_to(project).as_posix() for d in report.documents]
    assert paths == [
        f"build/nasional/{ROLE}/poster-peran.pdf",
        f"build/ntt/{ROLE}/poster-peran.pdf",
    ]
    text = " ".join(PdfReader(report.documents[0].path).pages[0].extract_text().split())
    assert "Poster Peran" in text and "Konselor Pemberdayaan Masyarakat" in text
    again = build(project, Options(regions=["nasional"], roles=[ROLE], kinds=["poster"]))
    assert again.documents == [] and again.skipped == 1  # incremental like the others


def test_a_packet_joins_a_new_kind_named_in_its_documents(project):
    add_poster(project)
    catalog = project / "layouts" / "default" / "catalog.yaml"
    text = catalog.read_text(encoding="utf-8")
    write(catalog, text.replace("documents: [worksheet]", "documents: [worksheet, poster]"))
    report = build(project, Options(regions=["nasional"], roles=[ROLE], packet=True))
    made = {d.path.name: d.path for d in report.documents}

    def titles(name: str) -> list[str]:
        outline = PdfReader(made[name]).outline
        return [item.title for item in outline if not isinstance(item, list)]

    assert titles("buku-peserta.pdf")[-2:] == ["Lembar Kerja", "Poster Peran"]
    assert "Poster Peran" not in titles("paket-fasilitator.pdf")  # not in its list


def test_a_catalog_entry_without_its_template_is_located(project):
    catalog = project / "layouts" / "default" / "catalog.yaml"
    text = catalog.read_text(encoding="utf-8")
    write(catalog, text.replace("template: guide.xml.j2", "template: gide.xml.j2"))
    problem = one_problem(project, load_catalog)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "guide.xml.j2" in row)
    assert (problem.file, problem.line) == ("layouts/default/catalog.yaml", line)
    assert problem.message == "template `gide.xml.j2` not found"


def test_two_kinds_with_one_file_name_are_refused(project):
    catalog = project / "layouts" / "default" / "catalog.yaml"
    text = catalog.read_text(encoding="utf-8")
    write(catalog, text.replace("file: panduan-fasilitator.pdf", "file: bahan-bacaan.pdf"))
    problem = one_problem(project, load_catalog)
    assert problem.message == "`bahan-bacaan.pdf` is used twice"
    assert "give every document its own file" in problem.hint
