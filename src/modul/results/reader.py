"""Read a filled-in results workbook back: every entry checked against the content it
was made from, every problem at its cell with the fix, all of them at once."""

from __future__ import annotations

import io
from pathlib import Path

from modul.content.model import Edition
from modul.content.workbook import _check_size, _unreadable_errors, thousands, unreadable
from modul.errors import ModulError, Problem
from modul.i18n import _, ngettext
from modul.results.cells import Sheet, sheet_rows
from modul.results.model import Answers, Attendee, Form, Results, Test, same_name
from modul.results.plan import (
    ATTENDANCE,
    EVALUATION,
    EVALUATION_HEAD_ROWS,
    GUIDE,
    KEY,
    MARKS,
    SHEETS,
    Plan,
    TestPlan,
    plan,
)


def read_results(path: Path, edition: Edition, role: str, shown: str | None = None) -> Results:
    """The workbook at `path`, made for `role` in `edition`; raise ModulError naming the
    cell of every problem. `shown`: the file as messages name it."""
    shown = shown or str(path)
    layout = plan(edition, role)
    sheets = _sheets(path, shown)
    attendees = _attendance(sheets[ATTENDANCE], layout)
    pretest = _test(sheets[layout.pretest.sheet], layout.pretest, role)
    posttest = _test(sheets[layout.posttest.sheet], layout.posttest, role)
    forms = _evaluation(sheets[EVALUATION], layout)
    problems = [p for sheet in sheets.values() for p in sheet.problems]
    if problems:
        raise ModulError(problems)
    notes = [n for sheet in sheets.values() for n in sheet.notes]
    notes += _absent(attendees, pretest, shown) + _absent(attendees, posttest, shown)
    notes += _never_present(attendees, (pretest, posttest), shown)
    notes += _more_forms(attendees, forms, shown)
    return Results(
        edition=layout.edition,
        role=role,
        days=layout.days,
        attendees=tuple(attendees),
        pretest=pretest,
        posttest=posttest,
        sessions=layout.sessions,
        statements=layout.statements,
        questions=layout.questions,
        scale=layout.scale,
        forms=tuple(forms),
        notes=tuple(notes),
    )


def workbook_bytes(path: Path, shown: str) -> bytes:
    """The workbook file's bytes, its size checked; a file that cannot be read (or is
    too large to be a workbook) is an error naming it."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise ModulError.one(
            shown,
            message=_("cannot read the results workbook ({reason})").format(reason=err.strerror),
            hint=_("check the file name; a new workbook: modul report --new"),
        ) from None
    _check_size(raw, shown)
    return raw


def _sheets(path: Path, shown: str) -> dict[str, Sheet]:
    """The sheets modul reads, by name; a sheet missing or renamed is a problem."""
    raw = workbook_bytes(path, shown)
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        found = {}
        for sheet in book.worksheets:
            sheet.reset_dimensions()
            found[sheet.title] = sheet_rows(list(sheet.iter_rows(values_only=True)))
    except _unreadable_errors() as err:
        raise unreadable(shown, err) from None
    missing = [title for title in SHEETS if title != GUIDE and title not in found]
    if missing:
        raise ModulError([_missing(shown, title, list(found)) for title in missing])
    return {title: Sheet(shown, title, rows) for title, rows in found.items()}


def _missing(shown: str, title: str, titles: list[str]) -> Problem:
    close = [t for t in titles if same_name(t) == same_name(title)]
    others = [t for t in titles if t not in SHEETS]
    hint = (
        _("rename the sheet “{found}” back to “{title}”").format(found=close[0], title=title)
        if close
        else _("rename the sheet back to “{title}” (sheets not modul's: {others})").format(
            title=title, others=", ".join(f"“{t}”" for t in others) or "-"
        )
        if others
        else _("copy the sheet “{title}” from a new workbook (modul report --new)").format(
            title=title
        )
    )
    return Problem(
        shown, message=_("the sheet “{title}” is missing").format(title=title), hint=hint
    )


def _attendance(sheet: Sheet, layout: Plan) -> list[Attendee]:
    header = layout.attendance_header
    sheet.check_header(1, header)
    fix = _("write H (hadir), I (izin), S (sakit) or A (alpa), or leave it blank")
    attendees = []
    for number, cells in sheet.names(sheet.body(2, len(header))):
        days = tuple(
            sheet.choice(number, column, mark.upper(), MARKS, fix) or None
            if (mark := cells[column - 1])
            else None
            for column in range(4, len(header) + 1)
        )
        attendees.append(Attendee(number, cells[1], cells[2], days))
    return attendees


def _test(sheet: Sheet, test: TestPlan, role: str) -> Test:
    sheet.check_header(1, test.header)
    _check_key(sheet, test, role)
    fix = _("write one of {letters} (the letter the participant marked), or leave it blank")
    fixes = [fix.format(letters=", ".join(test.letters(n))) for n in range(len(test.key))]
    rows = []
    for number, cells in sheet.names(sheet.body(3, len(test.header))):
        answers = tuple(
            sheet.choice(number, column, text.lower(), test.letters(column - 3), fixes[column - 3])
            or None
            if (text := cells[column - 1])
            else None
            for column in range(3, len(test.header) + 1)
        )
        found = Answers(number, cells[1], answers)
        blank = len(answers) - found.answered
        if found.answered == 0:  # a name only: absent (said once, by _absent)
            continue
        if blank:
            sheet.note(
                number,
                2,
                ngettext(
                    "{name}: {count} question left blank",
                    "{name}: {count} questions left blank",
                    blank,
                ).format(name=found.name, count=blank),
            )
        rows.append(found)
    key = tuple(sheet.cell(2, column).strip().lower() for column in range(3, len(test.key) + 3))
    return Test(sheet.title, key, test.items, tuple(rows), test.choices)


def _check_key(sheet: Sheet, test: TestPlan, role: str) -> None:
    if sheet.cell(2, 2).strip().casefold() != KEY.casefold():
        sheet.problem(
            2,
            2,
            _("the key row is gone: this cell says “{found}”, modul wrote “{key}”").format(
                found=sheet.cell(2, 2), key=KEY
            ),
            _("undo the change: row 2 is the key row, as modul wrote it"),
        )
        return
    for column, wanted in enumerate(test.key, 3):
        found = sheet.cell(2, column).strip().lower()
        if found != wanted:
            sheet.problem(
                2,
                column,
                _(
                    "the key of question {number} is “{found}” here, but “{key}” in the content"
                ).format(number=column - 2, found=found, key=wanted),
                _(
                    "write “{key}” back: the key comes from content/roles/{role}.yaml; to "
                    "change it, change it there and make a new workbook"
                ).format(key=wanted, role=role),
            )


def _evaluation(sheet: Sheet, layout: Plan) -> list[Form]:
    header = layout.evaluation_header
    sheet.check_header(1, header)
    rated = len(layout.sessions) + len(layout.statements)
    scores = [str(score) for score in layout.scale]
    legend = ", ".join(f"{abbr} = {score}" for score, abbr, _label in layout.scale_legend)
    fix = _("write the score ({legend}), or leave it blank").format(legend=legend)
    forms = []
    for number, cells in sheet.body(EVALUATION_HEAD_ROWS + 1, len(header)):
        ratings = [
            int(sheet.choice(number, column, text, scores, fix) or 0) or None
            if (text := cells[column - 1])
            else None
            for column in range(2, rated + 2)
        ]
        answers = tuple(cells[rated + 1 :])
        sessions = len(layout.sessions)
        forms.append(Form(number, tuple(ratings[:sessions]), tuple(ratings[sessions:]), answers))
    return forms


def _absent(attendees: list[Attendee], test: Test, shown: str) -> list[str]:
    """A note naming the participants of Kehadiran without answers in `test`, and one for
    names in `test` that Kehadiran does not have."""
    listed = {same_name(a.name) for a in attendees}
    present = {same_name(r.name) for r in test.rows}
    absent = [a.name for a in attendees if same_name(a.name) not in present]
    unknown = [r.name for r in test.rows if same_name(r.name) not in listed]
    notes = []
    if absent:
        notes.append(
            _("{file}: no {test} answers of {names}: left out of its scores, not scored 0").format(
                file=shown, test=test.sheet, names=_names(absent)
            )
        )
    if unknown:
        notes.append(
            _("{file}: {names} in {test} but not in {sheet}: check the spelling").format(
                file=shown, names=_names(unknown), test=test.sheet, sheet=ATTENDANCE
            )
        )
    return notes


def _never_present(attendees: list[Attendee], tests: tuple[Test, ...], shown: str) -> list[str]:
    """A note for each test with answers of participants marked I, S or A on every day:
    the attendance or the name is likely wrong."""
    away = [a for a in attendees if a.days and all(d and d != "H" for d in a.days)]
    notes = []
    for test in tests:
        names = [a.name for a in away if test.of(a.name)]
        if names:
            notes.append(
                _(
                    "{file}: {names} not present on any day in {sheet}, but with answers in "
                    "{test}: check the attendance"
                ).format(file=shown, names=_names(names), sheet=ATTENDANCE, test=test.sheet)
            )
    return notes


def _more_forms(attendees: list[Attendee], forms: list[Form], shown: str) -> list[str]:
    """A note when more evaluation forms came back than people were present on any day."""
    days = max((len(a.days) for a in attendees), default=0)
    most = max((sum(a.days[d] == "H" for a in attendees) for d in range(days)), default=0)
    if not attendees or len(forms) <= most or most == 0:
        return []
    return [
        _(
            "{file}: {forms} evaluation forms, but at most {present} participants present on a "
            "day: check for forms entered twice"
        ).format(file=shown, forms=len(forms), present=most)
    ]


def _names(names: list[str], shown: int = 10) -> str:
    """Names for a note: the first `shown`, then how many more (a national workbook)."""
    if len(names) <= shown:
        return ", ".join(names)
    more = len(names) - shown
    rest = ngettext("{count} more", "{count} more", more).format(count=thousands(more))
    return ", ".join(names[:shown]) + ", " + rest
