"""The Laporan Pelatihan: the figures of a read results workbook (`results.scores`),
written as the report prints them (`results.numbers`), put through the theme's
`report.xml.j2` and typeset as the kit's documents are, into
build/<edition>/<role>/laporan-pelatihan.pdf. Written atomically: a report that fails
leaves the previous one in place."""

from __future__ import annotations

from pathlib import Path

from modul.content.model import Edition
from modul.errors import relative
from modul.folders import Folders
from modul.layout import markup, sandbox, templates
from modul.layout.documents import edition_theme, search_path, template_context
from modul.layout.labels import load_labels
from modul.layout.languages import language_parts
from modul.output import write_atomic
from modul.results.figures import figures
from modul.results.model import Results
from modul.typeset.render import render_document

REPORT = "laporan-pelatihan.pdf"
TEMPLATE = "report.xml.j2"


def report_path(root: Path, results: Results) -> Path:
    return Folders(root).output(results.edition, results.role, REPORT)


def write_report(root: Path, edition: Edition, results: Results) -> Path:
    """Typeset the Laporan Pelatihan of `results` and write it in place of the last one."""
    labels = report_labels(root, edition)
    context = template_context(
        root,
        edition,
        results.role,
        labels,
        document_name=labels["doc_report"],
        report=figures(results, edition, labels),
    )
    env = sandbox.environment(search_path(root, edition), root)
    text = templates.render(env, TEMPLATE, context, root)
    template = Path(env.get_template(TEMPLATE).filename or TEMPLATE)
    document = markup.parse(text, template, root)
    path = report_path(root, results)
    theme = edition_theme(root, edition)[0]
    pdf, _pages = render_document(
        document, theme, root=root, shown=relative(path, root), template=relative(template, root)
    )
    write_atomic(path, pdf, root)
    return path


def report_labels(root: Path, edition: Edition) -> dict[str, str]:
    """The labels in the facilitators' language (the report is theirs; of two, "id+en",
    the first: a report's figures are read in one language), with the region's own over
    them."""
    labels = load_labels(root, language_parts(edition.languages["facilitator"])[0])
    own = edition.region.label if edition.region else {}
    return {**labels, **{k: v for k, v in own.items() if isinstance(v, str)}}
