"""ReportLab's private names that modul relies on, checked in one place.

modul overrides some of ReportLab's private methods and reads some of its private
attributes (ReportLab has no public way to do what modul needs there). A ReportLab
release may change them without notice; pyproject.toml pins ReportLab below its next
major version, and this test says, on an upgrade, which of them changed and which
modul code depends on each, instead of a layout that goes wrong somewhere else.
(pikepdf: modul uses no private name of it.)
"""

from __future__ import annotations

import inspect
import io
from collections.abc import Callable

import reportlab
from reportlab import rl_config, rl_settings
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import ttfonts
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    ListFlowable,
    Paragraph,
    Table,
)
from reportlab.platypus.doctemplate import LayoutError

from modul.typeset import settings

STYLE = ParagraphStyle("test", fontName="Helvetica", fontSize=10, leading=12)
TEXT = " ".join(f"kata{n}" for n in range(200))


def parameters(function: Callable[..., object]) -> list[str]:
    return list(inspect.signature(function).parameters)


def laid_out(text: str) -> Paragraph:
    paragraph = Paragraph(text, STYLE)
    paragraph.wrap(100, 1000)
    return paragraph


def table_split_with_row_cut() -> bool:
    """Table.split hands a cell to _splitCell when a row is cut (splitInRow)."""
    seen: list[tuple[object, ...]] = []

    class Watching(Table):
        def _splitCell(self, *args: object) -> object:
            seen.append(args)
            return super()._splitCell(*args)

    table = Watching([[[laid_out(TEXT)]]], colWidths=[100], splitInRow=1)
    table.wrap(100, 1000)
    table.split(100, table._height / 2)
    return len(seen) > 0 and len(seen[0]) == 5


def split_pieces() -> list[Paragraph]:
    paragraph = laid_out(TEXT)
    pieces: list[Paragraph] = paragraph.split(100, 120)
    return pieces


def frame_during_split() -> tuple[object, object]:
    """What a flowable sees as its frame while the frame splits it."""
    seen: list[object] = []

    class Looking(Flowable):
        def wrap(self, width: float, height: float) -> tuple[float, float]:
            return width, 1000

        def split(self, width: float, height: float) -> list[Flowable]:
            seen.append(getattr(self, "_frame", None))
            return []

    frame = Frame(0, 0, 100, 100)
    frame.split(Looking(), Canvas(io.BytesIO()))
    return seen[0], getattr(seen[0], "_atTop", None)


def text_calls() -> tuple[int, int]:
    """How often _textOut runs for textOut/textLine (must be 0: RecordingText notes
    each once) and when a paragraph is drawn (must be some: it notes them there)."""
    calls: list[str] = []

    class Counting(PDFTextObject):
        def _textOut(self, text: str, TStar: int = 0) -> None:  # noqa: N803
            calls.append(text)
            super()._textOut(text, TStar)

    canvas = Canvas(io.BytesIO())
    text = Counting(canvas)
    text.textOut("a")
    text.textLine("b")
    direct = len(calls)
    canvas.beginText = lambda x=0, y=0, direction=None: Counting(canvas, x, y, direction)
    paragraph = laid_out("dua kata")
    paragraph.drawOn(canvas, 0, 0)
    return direct, len(calls) - direct


def keep_with_next_from_instance() -> object:
    paragraph = Paragraph("x", ParagraphStyle("k", parent=STYLE, keepWithNext=1))
    paragraph.__dict__["keepWithNext"] = 0
    return paragraph.getKeepWithNext()


def lines_of(text: str) -> list[object]:
    lines: list[object] = laid_out(text).blPara.lines
    return lines


def table_attributes() -> bool:
    table = Table([["a"], ["b"]])
    table.wrap(100, 100)
    names = ("_rowHeights", "_height", "_cellvalues", "repeatRows", "splitInRow")
    return all(hasattr(table, name) for name in names) and len(table._cellvalues) == 2


def text_state() -> bool:
    canvas = Canvas(io.BytesIO())
    text = canvas.beginText()
    names = ("_fontname", "_fontsize", "_leading", "_rise")
    text.setCharSpace(1)
    text.setWordSpace(2)
    return (
        all(hasattr(text, name) for name in names)
        and (text._charSpace, text._wordSpace) == (1, 2)
        and len(canvas._currentMatrix) == 6
    )


# (what ReportLab must still have, the modul code that depends on it, the check)
CHECKS: list[tuple[str, str, Callable[[], bool]]] = [
    (
        "Table._splitCell(self, value, style, oldHeight, newHeight, width)",
        "typeset/tables.py SplittingTable._splitCell overrides it to cut a tall row's cells",
        lambda: (
            parameters(Table._splitCell)
            == ["self", "value", "style", "oldHeight", "newHeight", "width"]
        ),
    ),
    (
        "Table.split calls self._splitCell with 5 arguments when splitInRow is set",
        "typeset/tables.py SplittingTable._cut_row sets splitInRow, relies on its override",
        table_split_with_row_cut,
    ),
    (
        "Table._rowHeights, _height, _cellvalues, repeatRows, splitInRow after wrap",
        "typeset/tables.py (page breaks), typeset/render.py _texts (the tallest row)",
        table_attributes,
    ),
    (
        "Paragraph._get_split_blParaFunc() → f(blPara, start, stop) → frags",
        "typeset/paragraphs.py TextBlock.split makes page-long pieces from broken lines",
        lambda: isinstance((p := laid_out(TEXT))._get_split_blParaFunc()(p.blPara, 0, 2), list),
    ),
    (
        "Paragraph(None, style, frags=...)",
        "typeset/paragraphs.py TextBlock.split builds each piece from its lines' frags",
        lambda: "frags" in parameters(Paragraph.__init__),
    ),
    (
        "Paragraph.split sets _JustifyLast on its first piece",
        "typeset/paragraphs.py TextBlock.split copies it onto the pieces it makes",
        lambda: "_JustifyLast" in split_pieces()[0].__dict__,
    ),
    (
        "Paragraph.blPara.lines: (extraSpace, words) tuples, or lines with .extraSpace "
        "and .words of fragments with .text",
        "typeset/paragraphs.py TextBlock.draw (overflow, cut words) and plain_text",
        lambda: (
            all(isinstance(line, tuple) and len(line) == 2 for line in lines_of(TEXT))
            and all(
                hasattr(line, "extraSpace") and all(hasattr(f, "text") for f in line.words)
                for line in lines_of("<b>tebal</b> " + TEXT)
            )
        ),
    ),
    (
        "KeepTogether._content, ListFlowable._flowables",
        "typeset/containers.py opened, typeset/pagination.py, typeset/render.py _texts",
        lambda: (
            KeepTogether([laid_out("a")])._content[0].text == "a"
            and len(ListFlowable([laid_out("a")])._flowables) == 1
        ),
    ),
    (
        "Flowable.getKeepWithNext prefers an instance's keepWithNext to its style's",
        "typeset/pagination.py HeadingsWithStart turns keepWithNext off per heading",
        lambda: keep_with_next_from_instance() == 0,
    ),
    (
        "Frame sets flowable._frame (with _atTop) while it splits the flowable",
        "typeset/pagination.py HeadingsWithStart.split (the table's start at a page top)",
        lambda: (f := frame_during_split())[0] is not None and f[1] == 1,
    ),
    (
        "Frame._x1, _y1, _width, _height, _y",
        "typeset/pdf.py _Document.afterFlowable (how full a page is), render_pdf (proof)",
        lambda: all(
            isinstance(getattr(Frame(1, 2, 3, 4), name), (int, float))
            for name in ("_x1", "_y1", "_width", "_height", "_y")
        ),
    ),
    (
        "BaseDocTemplate.handle_flowable(self, flowables), handle_keepWithNext(self, "
        "flowables), raising platypus.doctemplate.LayoutError",
        "typeset/pdf.py _Document notes the flowable being placed, reports TooTall",
        lambda: (
            parameters(BaseDocTemplate.handle_flowable) == ["self", "flowables"]
            and parameters(BaseDocTemplate.handle_keepWithNext) == ["self", "flowables"]
            and issubclass(LayoutError, Exception)
        ),
    ),
    (
        "PDFTextObject._textOut(self, text, TStar=0), used by paragraphs and not by "
        "textOut/textLine",
        "typeset/proof.py RecordingText notes each piece of text for the print proof",
        lambda: (
            parameters(PDFTextObject._textOut) == ["self", "text", "TStar"]
            and (c := text_calls())[0] == 0
            and c[1] > 0
        ),
    ),
    (
        "PDFTextObject _fontname, _fontsize, _leading, _rise; setCharSpace/"
        "setWordSpace set _charSpace/_wordSpace; Canvas._currentMatrix (6 numbers)",
        "typeset/proof.py RecordingText._width/_note and record (where text lands)",
        text_state,
    ),
    (
        "ttfonts.makeToUnicodeCMap(fontname, subset), called by name, writing a "
        "character beyond U+FFFF as <XX> <1F600>",
        "typeset/settings.py replaces it so that emoji can be copied and searched",
        lambda: (
            parameters(settings._reportlab_to_unicode_cmap) == ["fontname", "subset"]
            and ttfonts.makeToUnicodeCMap is settings._to_unicode_cmap
            and "makeToUnicodeCMap(" in inspect.getsource(ttfonts.TTFont)
            and settings.BEYOND_BMP.search(settings._reportlab_to_unicode_cmap("f", [65, 0x1F600]))
            is not None
        ),
    ),
    (
        "rl_config.useA85, one of ReportLab's settings (rl_settings)",
        "typeset/settings.py turns ASCII85 streams off (smaller files)",
        lambda: "useA85" in rl_settings.__all__ and rl_config.useA85 == 0,
    ),
]


def test_reportlab_still_has_the_private_names_modul_relies_on():
    broken = []
    for needed, used_by, check in CHECKS:
        try:
            ok = check()
        except Exception as error:  # a missing name fails as an AttributeError, …
            ok, needed = False, f"{needed} ({type(error).__name__}: {error})"
        if not ok:
            broken.append(f"- expected: {needed}\n  used by:  {used_by}")
    assert not broken, (
        f"ReportLab {reportlab.Version} changed private names modul relies on (see the pin "
        "in pyproject.toml); adapt modul before allowing this version:\n" + "\n".join(broken)
    )
