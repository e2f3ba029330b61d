"""The scan stage, after the workshop: photographed or scanned Tes Awal, Tes Akhir and
Formulir Evaluasi read back into the results workbook (`modul scan`). OpenCV (markers,
perspective) and zxing-cpp (QR codes) are imported here only.

The geometry of the printed forms comes from the print side's form map, passed in as
`maps` (see `formmap`); nothing about a form's layout is assumed here."""

from modul.scan.folder import Summary, crops_folder, scan_folder
from modul.scan.formmap import Label, Maps, parse_label, project_maps
from modul.scan.summary import summary_lines

__all__ = [
    "Label",
    "Maps",
    "Summary",
    "crops_folder",
    "parse_label",
    "project_maps",
    "scan_folder",
    "summary_lines",
]
