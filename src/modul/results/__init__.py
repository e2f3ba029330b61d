"""The results stage, after the workshop: the results workbook a trainer fills in
(`modul report --new`) and what it holds, read back and checked (`read_results`); the
figures of the report (`results.scores`, `results.numbers`). openpyxl is imported here
(and by content.workbook) only."""

from modul.results.model import Answers, Attendee, Form, Results, Test, same_name
from modul.results.reader import read_results
from modul.results.workbook import (
    RESULTS,
    new_workbook,
    open_edition_results,
    open_results,
    results_path,
    summary,
)

__all__ = [
    "RESULTS",
    "Answers",
    "Attendee",
    "Form",
    "Results",
    "Test",
    "new_workbook",
    "open_edition_results",
    "open_results",
    "read_results",
    "results_path",
    "same_name",
    "summary",
]
