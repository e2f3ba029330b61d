"""What modul can make: document kinds, paper sizes, editions.

Plain constants with no heavy imports, so the command line and a build where nothing
changed start quickly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NATIONAL = "nasional"  # the edition without a region overlay
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")  # names of roles and regions

# Width × height in millimetres. F4 (folio) is the common office paper in Indonesia.
PAPER_MM: dict[str, tuple[float, float]] = {
    "A4": (210, 297),
    "F4": (215, 330),
    "Letter": (215.9, 279.4),
    "A5": (148, 210),
}


@dataclass(frozen=True)
class DocumentKind:
    id: str
    template: str
    filename: str
    label: str  # key of its display name in the labels file


KINDS = (
    DocumentKind("handout", "handout.xml.j2", "bahan-bacaan.pdf", "doc_handout"),
    DocumentKind("worksheet", "worksheet.xml.j2", "lembar-kerja.pdf", "doc_worksheet"),
    DocumentKind("guide", "guide.xml.j2", "panduan-fasilitator.pdf", "doc_guide"),
    DocumentKind("runsheet", "runsheet.xml.j2", "jadwal-pelaksanaan.pdf", "doc_runsheet"),
)
PACKET = DocumentKind("packet", "packet.xml.j2", "paket-pelatihan.pdf", "doc_packet")
