"""What a certificate needs from the content: its number, made from the region's pattern
(`nomor_sertifikat: "414/{nomor:04d}/DPMD/VI/2026"`), and the workshop's length in whole
JPL (1 JPL = 45 minutes), with the warning when the schedule is not a whole number of them.
"""

from __future__ import annotations

import re

from modul.content.model import Edition, Region
from modul.content.provenance import Provenance
from modul.content.tree import Node
from modul.errors import Problem
from modul.i18n import _

JPL_MINUTES = 45  # one lesson hour (jam pelajaran), as Indonesian training counts time
NUMBER = "nomor"  # the one placeholder of a certificate number pattern
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_WIDTH = re.compile(r"^0?([1-9])d?$")  # after the colon: "04d", "4", "04"
EXAMPLE = "414/{nomor:04d}/DPMD/VI/2026"


class PatternError(ValueError):
    """A certificate number pattern modul cannot fill; the message says what is wrong."""


def number_parts(pattern: str) -> tuple[str, int, str]:
    """The text before `{nomor}`, the number's width in digits (0: as it comes) and the
    text after it. `{{` and `}}` write a brace."""
    found = list(_PLACEHOLDER.finditer(pattern.replace("{{", "\0").replace("}}", "\1")))
    names = [m.group(1).partition(":")[0].strip() for m in found]
    if unknown := [name for name in names if name != NUMBER]:
        raise PatternError(
            _("the certificate number has {{{name}}}, which modul does not fill in").format(
                name=unknown[0]
            )
        )
    if len(found) != 1:
        raise PatternError(
            (
                _("the certificate number needs {{nomor}} once, for the running number")
                if not found
                else _("the certificate number has {{nomor}} more than once")
            ).format()
        )
    spec = found[0].group(1).partition(":")[2].strip()
    width = _WIDTH.match(spec)
    if spec and not width:
        raise PatternError(
            _("{{nomor:{spec}}} is not a width modul knows").format(spec=spec),
        )
    text = pattern.replace("{{", "\0").replace("}}", "\1")
    before, after = text[: found[0].start()], text[found[0].end() :]
    if "{" in before + after or "}" in before + after:
        raise PatternError(
            _("the certificate number has a brace that is not closed: write {{{{ for {{").format()
        )

    def plain(part: str) -> str:
        return part.replace("\0", "{").replace("\1", "}")

    return plain(before), int(width.group(1)) if width else 0, plain(after)


def certificate_number(pattern: str, number: int | None) -> str:
    """The number of the certificate `number` (counted from the pattern's start), or the
    pattern with a blank to write the number in by hand when `number` is None."""
    before, width, after = number_parts(pattern)
    filled = "………" if number is None else str(number).rjust(width, "0")
    return f"{before}{filled}{after}"


def number_problems(region: Region, settings: Node) -> list[Problem]:
    """A pattern modul cannot fill, at its line in region.yaml."""
    if region.nomor_sertifikat is None:
        return []
    try:
        number_parts(region.nomor_sertifikat)
    except PatternError as err:
        return [
            settings.problem(
                ["nomor_sertifikat"],
                str(err),
                _(
                    "write the running number as {{nomor}} (or {{nomor:04d}} for four digits), "
                    'e.g. nomor_sertifikat: "{example}"'
                ).format(example=EXAMPLE),
            )
        ]
    return []


def issue_date(dates: str) -> str:
    """The day a certificate is signed: the last of the workshop's dates ("8–9 Juni
    2026" → "9 Juni 2026", "30 Juni–2 Juli 2026" → "2 Juli 2026"), else the dates as
    written."""
    last = re.split(r"\s*[–-]\s*", dates.strip())[-1]
    return last if _ONE_DATE.match(last) else dates


_ONE_DATE = re.compile(r"^\d{1,2}\s+\w+\s+\d{4}$")


def jpl_warnings(edition: Edition, provenance: Provenance) -> list[Problem]:
    """A workshop whose length is not a whole number of JPL: its certificate cannot say
    "6 (enam) JPL" and prints minutes instead."""
    total = edition.workshop.total_menit
    if total % JPL_MINUTES == 0:
        return []
    fewer, more = total // JPL_MINUTES * JPL_MINUTES, (total // JPL_MINUTES + 1) * JPL_MINUTES
    plan = provenance.sources["workshop.yaml"]
    return [
        plan.problem(
            ["total_menit"],
            _(
                "the workshop lasts {minutes} minutes, not a whole number of JPL "
                "(1 JPL = {jpl} minutes): the certificate cannot give its length in JPL"
            ).format(minutes=total, jpl=JPL_MINUTES),
            _(
                "plan {fewer} or {more} minutes ({a} or {b} JPL) by changing the sessions' `menit`"
            ).format(fewer=fewer, more=more, a=fewer // JPL_MINUTES, b=more // JPL_MINUTES),
            severity="warning",
        )
    ]
