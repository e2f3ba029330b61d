"""What `modul scan` prints when it is done."""

from __future__ import annotations

from modul.i18n import _, ngettext
from modul.scan.folder import Summary


def summary_lines(summary: Summary, workbook: str, crops: str) -> list[str]:
    """What `modul scan` prints: pages read, answers written, items for review, then a
    line for each page not read and each cell left as it was."""
    filled = summary.filled
    lines = [
        ngettext("{count} page read", "{count} pages read", summary.pages).format(
            count=summary.pages
        )
        + " "
        + ngettext("(from {count} file)", "(from {count} files)", summary.files).format(
            count=summary.files
        ),
        ngettext(
            "{count} answer written into {file}",
            "{count} answers written into {file}",
            filled.written,
        ).format(count=filled.written, file=workbook),
    ]
    if filled.same:
        lines.append(
            ngettext(
                "{count} answer was there already",
                "{count} answers were there already",
                filled.same,
            ).format(count=filled.same)
        )
    if summary.skipped:
        lines.append(
            ngettext(
                "{count} page skipped: read into this workbook before",
                "{count} pages skipped: read into this workbook before",
                summary.skipped,
            ).format(count=summary.skipped)
        )
    lines.append(
        ngettext("{count} item for review", "{count} items for review", filled.doubts).format(
            count=filled.doubts
        )
        + (
            " " + _("(sheet Tinjauan; crops in {folder})").format(folder=crops)
            if filled.doubts
            else ""
        )
    )
    if summary.problems:
        lines.append(
            ngettext(
                "{count} page not read:", "{count} pages not read:", len(summary.problems)
            ).format(count=len(summary.problems))
        )
    return lines + [str(problem) for problem in summary.problems] + filled.lines
