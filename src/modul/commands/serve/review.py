"""The items `modul scan` left for a person to decide, on `modul serve`'s page beside the
role's Laporan Pelatihan: each with its picture, where it comes from and why, and a
button per answer, in a form posted back to ROUTE (see `deciding`). An item with no cell
to write (a participant number not read) says what to do instead."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING
from urllib.parse import quote

from modul.i18n import _, ngettext

if TYPE_CHECKING:
    from modul.commands.serve.status import Notice, Shelf
    from modul.results.review import Item

ROUTE = "/tinjauan"  # where the decisions are posted
CROPS = "/hasil/"  # where the pictures are read, inside hasil/ only

STYLE = """
.review ul.items { list-style: none; padding: 0; margin: 0.4rem 0; }
.review li { display: flex; gap: 1rem; align-items: flex-start; flex-wrap: wrap;
             background: #fff; padding: 0.6rem; margin: 0.5rem 0; box-shadow: 0 1px 3px #0003; }
.review .crop { width: 420px; max-width: 100%; height: auto; border: 1px solid #ccc; }
.review .nocrop { width: 160px; color: #666; font-size: 0.85rem; }
.review dl { display: grid; grid-template-columns: auto auto; gap: 0 0.6rem; margin: 0; }
.review dt { color: #666; } .review dd { margin: 0; font-weight: 600; }
.review form p { margin: 0 0 0.3rem; }
.review button { font: inherit; font-weight: 600; min-width: 3rem; padding: 0.3rem 0.7rem;
                 margin: 0 0.3rem 0.3rem 0; cursor: pointer; }
.review button.blank { font-weight: normal; }
.notice { padding: 0.4rem 0.7rem; border-left: 5px solid #1b5e20; background: #fff; }
.notice.bad { border-color: #b3261e; }
"""


def block(shelf: Shelf, token: str, notice: Notice | None) -> str:
    """The open review items of the shelf's workbook, and what became of the last
    decision; "" when there are neither."""
    found = shelf.laporan
    if notice is not None and (notice.edition, notice.role) != (shelf.edition, shelf.role):
        notice = None
    if found is None or (not found.review and notice is None):
        return ""
    plan = found.plan
    words = {}  # a rating's abbreviation ("4": "SS"), a rated column's text ("Sesi 2": …)
    if plan:
        words = {str(score): short for score, short, _l in plan.scale_legend}
        words |= _texts(plan.sessions, "Sesi") | _texts(plan.statements, "Umum")
    workbook = "/".join(found.workbook.parts[-3:])
    count = ngettext("{count} item to decide", "{count} items to decide", len(found.review))
    about = _(
        "modul does not guess: these items were left empty by the scan. Look at each "
        "picture and choose the answer written on the sheet. It is written into {file} only "
        "if its cell is still empty: what someone typed there is never replaced."
    )
    hidden = {"token": token, "edition": shelf.edition, "role": shelf.role}
    items = "".join(_item(shelf, item, hidden, words) for item in found.review)
    heading = _("Review the scan") + f" · {count.format(count=len(found.review))}"
    return (
        f'<section class="review" id="{anchor(shelf)}">'
        f"<h4>{escape(heading)}</h4>{_notice(notice)}"
        + (f"<p>{escape(about.format(file=workbook))}</p>" if found.review else "")
        + f'<ul class="items">{items}</ul></section>'
    )


def anchor(shelf: Shelf) -> str:
    return f"tinjauan-{shelf.edition}-{shelf.role}"


def _notice(notice: Notice | None) -> str:
    if notice is None:
        return ""
    fix = _("fix: {hint}").format(hint=notice.hint) if notice.hint else ""
    return (
        f'<p class="notice {"ok" if notice.ok else "bad"}" role="status">{escape(notice.text)}'
        + (f'<br><span class="fix">{escape(fix)}</span>' if fix else "")
        + "</p>"
    )


def _item(shelf: Shelf, item: Item, hidden: dict[str, str], words: dict[str, str]) -> str:
    from modul.results.plan import EVALUATION

    number = _("Form No.") if item.sheet == EVALUATION else _("Participant No.")
    facts = (
        (_("File"), item.file),
        (_("Page"), item.page),
        (_("Sheet"), item.sheet),
        (number, str(item.number or "–")),
        (_("Item"), _("participant number") if item.item == "No" else _named(item, words)),
        (_("Reason"), _reason(item.reason)),
    )
    listed = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in facts)
    fields = {**hidden, "row": str(item.row), "key": item.key}
    inputs = "".join(
        f'<input type="hidden" name="{name}" value="{escape(value)}">'
        for name, value in fields.items()
    )
    return (
        f"<li>{_picture(shelf, item)}<dl>{listed}</dl>"
        f'<form method="post" action="{ROUTE}">{inputs}{_buttons(item, words)}</form></li>'
    )


def _texts(texts: tuple[str, ...], kind: str) -> dict[str, str]:
    """The evaluation form's rated sessions or statements, by their column: "Sesi 2"."""
    return {f"{kind} {number}": text for number, text in enumerate(texts, 1)}


def _named(item: Item, words: dict[str, str]) -> str:
    """The item's column, with the session or statement it rates."""
    text = words.get(item.item, "")
    return f"{item.item}: {text}" if text else item.item


def _picture(shelf: Shelf, item: Item) -> str:
    if not item.crop.lower().endswith(".png"):
        none = _("no picture of this item")
        return f'<div class="nocrop">{escape(none)}</div>'
    alt = _("the item on the photo")
    source = CROPS + quote(f"{shelf.edition}/{item.crop}")
    return f'<img class="crop" src="{escape(source)}" alt="{escape(alt)}">'


def _buttons(item: Item, scale: dict[str, str]) -> str:
    from modul.results.review import BLANK, DONE

    if not item.choices:
        if item.item == "No":
            said = _(
                "The participant number on this page could not be read, so its answers "
                "were not written. Type them from the paper into the participant's row of "
                "the sheet {sheet}, then press “Done”."
            )
        else:
            said = _(
                "This answer cannot be written from here: the sheet {sheet} has no row for "
                "this number, or no such column. Type it from the paper into the workbook, "
                "then press “Done”."
            )
        return f"<p>{escape(said.format(sheet=item.sheet))}</p>" + _button(DONE, _("Done"))
    rating = all(choice.isdigit() for choice in item.choices)
    ask = (
        _("Choose the rating ticked on the form:")
        if rating
        else _("Choose the answer written on the sheet:")
    )
    buttons = "".join(
        _button(choice, f"{choice} {scale.get(choice, '')}".strip() if rating else choice)
        for choice in item.choices
    )
    return f"<p>{escape(ask)}</p>{buttons}" + _button(BLANK, _("Leave blank"), "blank")


def _button(value: str, text: str, kind: str = "") -> str:
    style = f' class="{kind}"' if kind else ""
    return f'<button{style} name="answer" value="{escape(value)}">{escape(text)}</button>'


def _reason(text: str) -> str:
    """The reason the workbook gives (in Indonesian, by modul scan), in the page's language."""
    from modul.results.filling import REASONS

    said = {
        REASONS["two"]: _("more than one box marked"),
        REASONS["faint"]: _("a faint or rubbed-out mark"),
        REASONS["number"]: _("participant number unclear: this page's answers were not written"),
    }
    return said.get(text, text)
