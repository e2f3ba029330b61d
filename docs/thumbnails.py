"""Make the page pictures the README shows, from a fresh build of the shipped project.

    python docs/thumbnails.py            # writes docs/images/*.png

Run it after changing content or layouts, so that the README never shows old pages.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROLE = "konselor-pemberdayaan-masyarakat"
# picture name → (edition, document file, page)
PAGES = {
    "bahan-bacaan-1.png": ("nasional", "bahan-bacaan.pdf", 1),
    "lembar-kerja-1.png": ("nasional", "lembar-kerja.pdf", 1),
    "lembar-kerja-3.png": ("nasional", "lembar-kerja.pdf", 3),
    "panduan-fasilitator-1.png": ("nasional", "panduan-fasilitator.pdf", 1),
    "jadwal-pelaksanaan-ntt.png": ("ntt", "jadwal-pelaksanaan.pdf", 1),
    "buklet-lembar-kerja-1.png": ("nasional", "lembar-kerja-buklet.pdf", 1),
}
WIDTH = 300  # pixels: a thumbnail, legible enough to recognise the page


def make(target: Path) -> list[Path]:
    import pypdfium2

    from modul import Options, build

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for part in ("content", "layouts"):
            shutil.copytree(HERE.parent / part, root / part)
        target.mkdir(parents=True, exist_ok=True)
        written = []
        for booklet in (False, True):  # a booklet build lays the A4 documents out as A5
            build(root, Options(roles=[ROLE], regions=["nasional", "ntt"], booklet=booklet))
            for name, (edition, filename, number) in PAGES.items():
                if ("buklet" in filename) == booklet:
                    pdf = pypdfium2.PdfDocument(root / "build" / edition / ROLE / filename)
                    page = pdf[number - 1]
                    page.render(scale=WIDTH / page.get_width()).to_pil().save(
                        target / name, optimize=True
                    )
                    written.append(target / name)
    return written


if __name__ == "__main__":
    for path in make(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "images"):
        print(path)
