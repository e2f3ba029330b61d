"""Layout check: what looks wrong on the laid-out pages, traced back to the YAML line.

While ReportLab lays a document out, flowables report to the LayoutLog of the document
being built: a writing space below the theme's minimum height, text wider than its box,
a heading left alone at the foot of a page, and how full each page is. Each finding
carries a piece of text near it (its "anchor"); `locate` finds the content value that
holds that text and so the file and line a trainer can change.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from xml.sax.saxutils import unescape

from modul.content.tree import Node
from modul.errors import Problem, warning
from modul.i18n import _, ngettext


@dataclass(frozen=True)
class Finding:
    page: int
    message: str
    hint: str
    anchor: str  # text near the problem, to find where in the content it comes from


@dataclass
class LayoutLog:
    min_writing: float  # points: the theme's smallest writing space
    nearly_empty: float  # share of a page: a page filled less is reported
    # share of a page: a page before the document's last filled less is reported
    least_filled: float = 0.0
    findings: list[Finding] = field(default_factory=list)
    last_text: str = ""
    first_text: dict[int, str] = field(default_factory=dict)  # page → first text on it
    lowest: dict[int, float] = field(default_factory=dict)  # page → share of it filled
    heading: tuple[int, str] | None = None  # the last heading drawn, not yet followed

    def text_drawn(self, page: int, text: str) -> None:
        self.last_text = text
        self.first_text.setdefault(page, text)

    def writing_space(self, page: int, height: float) -> None:
        if height < self.min_writing - 0.5:
            self.findings.append(
                Finding(
                    page,
                    _(
                        "the writing space after “{text}” is {height:.0f} mm high, below the "
                        "theme's minimum of {minimum:.0f} mm"
                    ).format(
                        text=short(self.last_text),
                        height=height / MM,
                        minimum=self.min_writing / MM,
                    ),
                    _(
                        "give it more lines (`baris` in "
                        "content/worksheet.yaml) or lower min_writing_mm in theme.yaml"
                    ),
                    self.last_text,
                )
            )

    def too_wide(self, page: int, text: str) -> None:
        self.findings.append(
            Finding(
                page,
                _("“{text}” is wider than its box or cell").format(text=short(text)),
                _("shorten the word, or add a space where it may break"),
                text,
            )
        )

    def restart(self) -> None:
        """Forget what was logged: the document is laid out again."""
        self.findings.clear()
        self.first_text.clear()
        self.lowest.clear()
        self.last_text, self.heading = "", None

    def too_many_pages(self, pages: int, wanted: int, smallest: float) -> None:
        self.findings.append(
            Finding(
                wanted + 1,
                ngettext(
                    "the document is meant to fit on {wanted} page but takes {pages}, "
                    "even with its text at {scale:.0f} %",
                    "the document is meant to fit on {wanted} pages but takes {pages}, "
                    "even with its text at {scale:.0f} %",
                    wanted,
                ).format(wanted=wanted, pages=pages, scale=smallest * 100),
                _("shorten the content it shows, or print it on larger paper"),
                "",
            )
        )

    def word_broken(self, page: int, piece: str, text: str) -> None:
        word = next((w for w in text.split() if piece in w), piece)
        rest = text[text.find(word) :]  # to locate the value the word is in, not the first
        self.findings.append(
            Finding(
                page,
                _(
                    "the word “{word}” is cut across two lines: its column is too narrow for it"
                ).format(word=short(word)),
                _(
                    "widen the column (`widths` of the table in the template), "
                    "make the text smaller in theme.yaml, or shorten the word"
                ),
                rest if len(rest) >= 20 else text,
            )
        )

    def flowable_placed(self, page: int, filled: float, heading: str | None) -> None:
        """After each flowable: is a heading followed on its own page; how full is it."""
        if self.heading and self.heading[0] != page:
            self.findings.append(
                Finding(
                    self.heading[0],
                    _(
                        "the heading “{heading}” is alone at the "
                        "foot of the page; its text starts on the next page"
                    ).format(heading=short(self.heading[1])),
                    _(
                        "shorten the text before it, or start the part on a new page in the "
                        "template"
                    ),
                    self.heading[1],
                )
            )
        self.heading = (page, heading) if heading else None
        self.lowest[page] = max(self.lowest.get(page, 0.0), filled)

    def finish(self) -> list[Finding]:
        """The findings, with every page but the last filled less than `least_filled` (a
        reader turns over a half empty page and wonders what is missing). The last page
        of a document ends where its text ends. A document whose `nearly_empty` is 0 (the
        attendance list, whose rows end anywhere) is not measured."""
        last = max(self.lowest, default=0)
        for page, filled in sorted(self.lowest.items()):
            if page == last or not self.nearly_empty:
                continue
            if filled < self.nearly_empty:
                message = _("the page is nearly empty ({filled:.0%} filled)")
            elif filled < self.least_filled:
                message = _(
                    "the page is only {filled:.0%} filled, and it is not the document's last"
                )
            else:
                continue
            self.findings.append(
                Finding(
                    page,
                    message.format(filled=filled),
                    _("move text so that the page fills, or join it with the one before"),
                    self.first_text.get(page, ""),
                )
            )
        return self.findings


MM = 72 / 25.4
_CURRENT: ContextVar[LayoutLog | None] = ContextVar("layout_log", default=None)


@contextmanager
def logging_to(log: LayoutLog | None) -> Iterator[None]:
    """Flowables of the document being built report to `log` while inside this block."""
    token = _CURRENT.set(log)
    try:
        yield
    finally:
        _CURRENT.reset(token)


def current() -> LayoutLog | None:
    return _CURRENT.get()


def plain(markup: str) -> str:
    """Paragraph markup as the text a reader sees."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def locate(
    findings: list[Finding], sources: dict[str, Node], fallback: str, document: str
) -> list[Problem]:
    """Each finding as a warning at the content value its anchor text comes from; the
    same finding on several pages (a running head) is said once, with its pages."""
    if not findings:
        return []
    values = [
        (" ".join(node.value.split()), node)
        for source in sources.values()
        for node in source.strings()
    ]
    pages: dict[tuple[str, str, str], list[int]] = {}
    for finding in findings:
        pages.setdefault((finding.anchor, finding.message, finding.hint), []).append(finding.page)
    problems = []
    for (anchor, message, hint), numbers in pages.items():
        node = _source_of(" ".join(anchor.split()), values)
        file, line, column = (
            (node.origin.file, node.origin.line, node.origin.column) if node else (fallback, 0, 0)
        )
        where = ", ".join(str(n) for n in sorted(numbers) if n)
        text = (
            ngettext(
                "{document}, page {page}: {message}",
                "{document}, pages {page}: {message}",
                where.count(",") + 1,
            ).format(document=document, page=where, message=message)
            if where
            else _("{document}: {message}").format(document=document, message=message)
        )
        problems.append(warning(file, line, column, text, hint))
    return problems


def _source_of(anchor: str, values: list[tuple[str, Node]]) -> Node | None:
    """The value the anchor starts with (or the first one in it), the longest if many;
    not a label in a text."""
    found = [
        (anchor.find(text) if text in anchor else 0, -len(text), node)
        for text, node in values
        if len(text) >= 4 and (text in anchor or (len(anchor) >= 20 and anchor[:60] in text))
    ]
    return min(found, key=lambda f: f[:2])[2] if anchor and found else None


def short(text: str, length: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"
