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
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from modul.errors import ModulError, Problem

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
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel  # one column: no delimiter to find
    rows = list(csv.reader(io.StringIO(text), dialect))
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


def personalise(worksheet: bytes, form: bytes, roster: Roster, *, font: str,
                header: str) -> tuple[bytes, list[bytes]]:
    """The merged print file and one file per participant.

    `worksheet` is the laid-out worksheet; `form` the same as a fillable form, whose
    "Nama" fields say where names go. `header` is printed on every page, with
    "{nama}" and "{asal}" replaced.
    """
    base = pikepdf.open(io.BytesIO(worksheet))
    boxes = _name_boxes(form)
    width, height = (float(v) for v in base.pages[0].mediabox[2:])
    stamps = pikepdf.open(io.BytesIO(_stamps(roster.participants, len(base.pages), boxes,
                                             (width, height), font, header)))
    merged = pikepdf.new()
    for key, value in base.docinfo.items():
        merged.docinfo[key] = value
    pages = [merged.copy_foreign(page.as_form_xobject()) for page in base.pages]
    merged.pages.extend(stamps.pages)
    for number, page in enumerate(merged.pages):
        name = pikepdf.Name(f"/Worksheet{number % len(pages)}")
        if "/XObject" not in page.Resources:
            page.Resources.XObject = pikepdf.Dictionary()
        page.Resources.XObject[name] = pages[number % len(pages)]
        page.contents_add(merged.make_stream(b"q " + name.unparse() + b" Do Q"), prepend=True)
    per_participant = []
    for n in range(len(roster.participants)):
        single = pikepdf.new()
        single.pages.extend(merged.pages[n * len(pages):(n + 1) * len(pages)])
        for key, value in base.docinfo.items():
            single.docinfo[key] = value
        per_participant.append(_save(single))
    return _save(merged), per_participant


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


def _stamps(participants: list[Participant], pages: int,
            boxes: dict[int, list[tuple[float, float]]], size: tuple[float, float],
            font: str, header: str) -> bytes:
    """One page of stamps per participant and worksheet page, in print order."""
    output = io.BytesIO()
    canvas = Canvas(output, pagesize=size, invariant=1, pageCompression=0,
                    initialFontName=font)  # no unembedded default font
    for person in participants:
        line = header.replace("{nama}", person.nama).replace("{asal}", person.asal)
        line = line.replace(" · ·", " ·").strip(" ·")
        for number in range(pages):
            canvas.setFont(font, 8)
            canvas.drawString(20 * mm, size[1] - 9 * mm, line)
            canvas.setFont(font, 11)
            for x, y in boxes.get(number, []):
                canvas.drawString(x + 2, y + 3, person.nama)
            canvas.showPage()
    canvas.save()
    return output.getvalue()


def _save(pdf: pikepdf.Pdf) -> bytes:
    output = io.BytesIO()
    pdf.save(output, deterministic_id=True)
    return output.getvalue()
