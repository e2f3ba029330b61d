"""Personalised worksheets from a participant list (CSV, as Excel or a phone saves it).

The worksheet is laid out once. Each participant's name is then stamped onto copies of
its pages: the pages are form XObjects stored once in the print file (pikepdf), and the
stamps (a header line and the "Nama" fields) are drawn by ReportLab in one small
document whose font is shared by all of them. Layout is never run per participant.
"""

from __future__ import annotations

import csv
import io
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

import modul.pdf  # noqa: F401  (ReportLab settings for the stamps)
from modul.errors import ModulError, Problem
from modul.glyphs import Faces

REQUIRED = "nama"
OPTIONAL = ("asal", "organisasi", "desa")
IDENTITY_FIELD = re.compile(r"^nama(_\d+)?$")  # the "Nama" fields of the fillable form


@dataclass(frozen=True)
class Participant:
    row: int  # line in the CSV file, for messages
    nama: str
    asal: str = ""  # asal, else organisasi, else desa

    @property
    def slug(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.nama.lower()).strip("-")[:40] or "peserta"


@dataclass(frozen=True)
class Roster:
    participants: list[Participant]
    notes: list[str]  # things worth saying that are not errors


def read_roster(path: Path, shown: str) -> Roster:
    """Read a participant list; raise ModulError naming the row of every problem."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise ModulError([Problem(shown, message=f"cannot read the participant list "
                                  f"({err.strerror})", hint="check the file name")]) from None
    text, notes = _decode(raw)
    if "\x00" in text:
        raise ModulError([Problem(shown, message="this is not a text (CSV) file",
                                  hint="in Excel choose 'Save as' → 'CSV UTF-8'")])
    # The header row says which separator Excel or the phone used. (csv.Sniffer guesses
    # from all rows and gets it wrong when some rows have fewer cells than the header.)
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    rows = list(csv.reader(io.StringIO(text), delimiter=max(",;\t", key=first.count)))
    if not rows:
        raise ModulError([Problem(shown, message="the participant list is empty",
                                  hint="the first row names the columns, e.g. nama,asal")])
    header = [column.strip().lower() for column in rows[0]]
    if REQUIRED not in header:
        raise ModulError([Problem(shown, 1, 1, "no column `nama` in the first row",
                                  hint="name the column of participant names `nama`")])
    ignored = [c for c in header if c and c != REQUIRED and c not in OPTIONAL]
    if ignored:
        notes.append(f"{shown}: columns ignored: {', '.join(ignored)}")
    participants, problems = [], []
    seen: dict[tuple[str, str], int] = {}
    for line, row in enumerate(rows[1:], 2):
        values = dict(zip(header, (cell.strip() for cell in row), strict=False))
        if not any(values.values()):
            continue
        name = values.get(REQUIRED, "")
        if not name:
            problems.append(Problem(shown, line, 1, "the name is empty",
                                    "write the participant's name, or delete the row"))
            continue
        origin = next((values[c] for c in OPTIONAL if values.get(c)), "")
        key = (name.lower(), origin.lower())
        if key in seen:
            notes.append(f"{shown}:{line}: same participant as row {seen[key]} "
                         f"({name}); both get a worksheet")
        seen.setdefault(key, line)
        participants.append(Participant(line, name, origin))
    if problems:
        raise ModulError(problems)
    if not participants:
        raise ModulError([Problem(shown, message="the participant list has no names",
                                  hint="add one participant per row under `nama`")])
    return Roster(participants, notes)


def _decode(raw: bytes) -> tuple[str, list[str]]:
    """UTF-8 (with or without BOM), UTF-16 with BOM, or Excel's Windows-1252."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), []
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), [
            "the participant list is not UTF-8; it was read as Windows-1252 (Excel)"]


def personalise(worksheet: bytes, form: bytes, roster: Roster, *, faces: Faces,
                header: str) -> tuple[bytes, list[bytes]]:
    """The merged print file and one file per participant.

    `worksheet` is the laid-out worksheet; `form` the same as a fillable form, whose
    "Nama" fields say where names go. `header` is printed on every page, with
    "{nama}" and "{asal}" replaced.

    Every page is three form XObjects: the worksheet page (stored once), the
    participant's header line and name (stored once per participant, the name placed
    at each "Nama" field). Pages are made as dictionaries and set in one go: appending
    them one by one through pikepdf costs 50 times more.
    """
    base = pikepdf.open(io.BytesIO(worksheet))
    box = base.pages[0].mediabox
    stamps = pikepdf.open(io.BytesIO(_stamps(roster.participants, box, faces, header)))
    merged = _new_like(base)
    sheets = _forms(merged, base.pages)
    marks = _forms(merged, stamps.pages)  # header, name; header, name; …
    boxes = _name_boxes(form)
    placements = [merged.make_stream(_placement(boxes.get(n, []))) for n in range(len(sheets))]
    _set_pages(merged, box, [(sheet, marks[2 * p], marks[2 * p + 1], placement)
                             for p in range(len(roster.participants))
                             for sheet, placement in zip(sheets, placements, strict=True)])
    single = _new_like(base)  # the same pages for everyone, only the stamps change
    first = [single.copy_foreign(mark) for mark in marks[:2]]
    _set_pages(single, box, [(single.copy_foreign(sheet), *first, single.copy_foreign(placement))
                             for sheet, placement in zip(sheets, placements, strict=True)])
    singles = []
    for p in range(len(roster.participants)):
        stamps_of_p = {"/Header": single.copy_foreign(marks[2 * p]),
                       "/Name": single.copy_foreign(marks[2 * p + 1])}
        for page in single.Root.Pages.Kids:
            for name, stamp in stamps_of_p.items():
                page.Resources.XObject[name] = stamp
        singles.append(_save(single))  # the previous participant's stamps are left out
    return _save(merged), singles


def _new_like(base: pikepdf.Pdf) -> pikepdf.Pdf:
    """An empty PDF with the title, author and dates of `base`."""
    pdf = pikepdf.new()
    for key, value in base.docinfo.items():
        pdf.docinfo[key] = value
    return pdf


def _forms(pdf: pikepdf.Pdf, pages: pikepdf._core.PageList) -> list[pikepdf.Object]:
    """Foreign pages as compressed form XObjects of `pdf`."""
    forms = []
    for page in pages:
        form = pdf.copy_foreign(page.as_form_xobject())
        if "/Filter" not in form:  # as_form_xobject leaves the content decoded
            form.write(zlib.compress(form.read_bytes()), filter=pikepdf.Name.FlateDecode)
        forms.append(form)
    return forms


def _placement(corners: list[tuple[float, float]]) -> bytes:
    """Content of a page: the worksheet page, the header, the name at every corner."""
    names = b"".join(b" q 1 0 0 1 %.2f %.2f cm /Name Do Q" % xy for xy in corners)
    return b"q /Worksheet Do Q q /Header Do Q" + names


def _set_pages(pdf: pikepdf.Pdf, box: pikepdf.Array,
               pages: list[tuple[pikepdf.Object, ...]]) -> None:
    """Make `pdf`'s pages from (worksheet page, header, name, placement) forms."""
    tree, box = pdf.Root.Pages, pdf.make_indirect(pikepdf.Array(box))
    kids = [pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Page, Parent=tree, MediaBox=box, Contents=placement,
        Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(
            Worksheet=sheet, Header=header, Name=name))))
        for sheet, header, name, placement in pages]
    tree.Kids, tree.Count = pikepdf.Array(kids), len(kids)


def _name_boxes(form: bytes) -> dict[int, list[tuple[float, float]]]:
    """Page index → lower-left corners of the "Nama" fields on that page."""
    boxes: dict[int, list[tuple[float, float]]] = {}
    with pikepdf.open(io.BytesIO(form)) as pdf:
        for number, page in enumerate(pdf.pages):
            for annotation in page.get("/Annots", []):
                if IDENTITY_FIELD.match(str(annotation.get("/T", ""))):
                    x, y = float(annotation.Rect[0]), float(annotation.Rect[1])
                    boxes.setdefault(number, []).append((x, y))
    return boxes


def _stamps(participants: list[Participant], box: pikepdf.Array, faces: Faces,
            header: str) -> bytes:
    """Two pages per participant: the header line in place, the name at the origin."""
    output = io.BytesIO()
    width, height = float(box[2]), float(box[3])
    font = faces.names[0]
    canvas = Canvas(output, pagesize=(width, height), invariant=1,
                    initialFontName=font)  # no unembedded default font
    for person in participants:
        line = header.replace("{nama}", person.nama).replace("{asal}", person.asal)
        faces.draw(canvas, 20 * mm, height - 9 * mm, line.replace(" · ·", " ·").strip(" ·"),
                   font, 8)
        canvas.showPage()
        faces.draw(canvas, 2, 3, person.nama, font, 11)
        canvas.showPage()
    canvas.save()
    return output.getvalue()


def _save(pdf: pikepdf.Pdf) -> bytes:
    """Streams are all compressed already: re-compressing them would take 10× longer."""
    output = io.BytesIO()
    pdf.save(output, deterministic_id=True, compress_streams=False,
             stream_decode_level=pikepdf.StreamDecodeLevel.none)
    return output.getvalue()
