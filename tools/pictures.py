"""Make the pictures of pages that README.md and docs/ show, from a fresh build.

    python tools/pictures.py            # writes docs/images/*.png
    python tools/pictures.py FOLDER     # writes them to FOLDER instead

Builds one role of the shipped project in a temporary copy and renders the pages with
pypdfium2 (a dependency of modul), so it needs neither poppler nor a PDF viewer. Run it
after changing content or layouts, so that no page shown is an old one.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ROLE = "konselor-pemberdayaan-masyarakat"
DPI = 50  # small enough for a row of pages on one screen, large enough to recognise them
LARGEST = 80_000  # bytes: a picture above this is stored with fewer colours
# picture name → (edition, document file, the first page that holds this text)
PAGES = {
    "bahan-bacaan-1.png": ("nasional", "bahan-bacaan.pdf", ""),
    "lembar-kerja-1.png": ("nasional", "lembar-kerja.pdf", ""),
    "lembar-kerja-lk4.png": ("nasional", "lembar-kerja.pdf", "LK-4 Apakah Saya Cocok"),
    "panduan-fasilitator-1.png": ("nasional", "panduan-fasilitator.pdf", ""),
    "jadwal-pelaksanaan-ntt.png": ("ntt", "jadwal-pelaksanaan.pdf", ""),
    "sertifikat-ntt.png": ("ntt", "sertifikat.pdf", ""),
    "tes-awal-ntt.png": ("ntt", "tes-awal.pdf", ""),
    "daftar-hadir-ntt.png": ("ntt", "daftar-hadir.pdf", ""),
    "tanda-pengenal-ntt.png": ("ntt", "tanda-pengenal.pdf", ""),
    "paket-fasilitator-ntt.png": ("ntt", "paket-fasilitator.pdf", ""),
    "buku-peserta-isi-ntt.png": ("ntt", "buku-peserta.pdf", "Daftar Isi"),
    "buklet-lembar-kerja-1.png": ("nasional", "lembar-kerja-buklet.pdf", ""),
}


def make(target: Path) -> list[Path]:
    import pypdfium2

    from modul import Options, build

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for part in ("content", "layouts"):
            shutil.copytree(REPO / part, root / part)
        target.mkdir(parents=True, exist_ok=True)
        written = []
        for booklet in (False, True):  # a booklet build lays the A4 documents out as A5
            where = Options(roles=[ROLE], regions=["nasional", "ntt"], booklet=booklet, packet=True)
            build(root, where)
            for name, (edition, filename, text) in PAGES.items():
                if ("buklet" in filename) != booklet:
                    continue
                pdf = pypdfium2.PdfDocument(root / "build" / edition / ROLE / filename)
                page = next(p for p in pdf if text in p.get_textpage().get_text_range())
                image = page.render(scale=DPI / 72).to_pil()
                pdf.close()
                path = target / name
                image.save(path, optimize=True)
                if path.stat().st_size > LARGEST:
                    image.quantize(colors=64).save(path, optimize=True)
                written.append(path)
    return written


if __name__ == "__main__":
    for path in make(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "images"):
        print(f"{path}  {path.stat().st_size // 1000} KB")
