"""The markup vocabulary check, element by element: every value rule refuses what it must
and passes what it must, with the message layouts/README.md's reader is given."""

from __future__ import annotations

from pathlib import Path

import pytest

from modul.content.source import ProblemList
from modul.layout import markup


def problems_of(body: str, tmp_path: Path, document: str = "") -> list[str]:
    template = tmp_path / "doc.xml.j2"
    text = f"<document{document}>{body}</document>"
    template.write_text(text, encoding="utf-8")
    try:
        markup.parse(text, template, tmp_path)
    except ProblemList as err:
        return [p.message for p in err.problems]
    return []


BAD = [
    ("", ' orientation="sideways"', '<document orientation> must be "portrait" or "landscape"'),
    ("", ' fit-pages="0.5"', '<document fit-pages> must be a whole number of pages, e.g. "1"'),
    ("", ' nearly-empty="1.5"', "<document nearly-empty> must be a share of a page"),
    ('<table border="2"/>', "", '<table border> must be "0" (no lines) or "1"'),
    ('<table widths="1,x"/>', "", "<table widths> must be weights or millimetres"),
    ('<table widths="9cm,1"/>', "", "<table widths> must be weights or millimetres"),
    ('<table row-mm="-3"/>', "", "<table row-mm> must be a number of millimetres"),
    ('<p align="justify"/>', "", "<p align> must be one of ['center', 'left', 'right']"),
    (
        '<p style="huge"/>',
        "",
        "<p style> must be one of ['body', 'display', 'kind', 'name', 'small'",
    ),
    ('<p max-lines="0"/>', "", "<p max-lines> must be a whole number from 1 to 9"),
    ("", ' border="2"', '<document border> must be "0" or "1"'),
    ('<spacer fill="yes"/>', "", '<spacer fill> must be "0" or "1"'),
    ('<list style="roman"/>', "", "<list style> must be one of ['bullet', 'number']"),
    ('<lines n="41"/>', "", "<lines n> must be a whole number from 1 to 40"),
    ('<lines n="0"/>', "", "<lines n> must be a whole number from 1 to 40"),
    ('<table><row><cell indent="x"/></row></table>', "", "<cell indent> must be millimetres"),
    ('<table><row><cell indent="5mm%"/></row></table>', "", "<cell indent> must be millimetres"),
    ('<cover form="yes"/>', "", '<cover form> must be "true" or "false"'),
    ('<spacer mm="five"/>', "", "<spacer mm> must be a number"),
    ("<image/>", "", "<image> needs src, a picture in the project"),
    ('<image src="logo.png" mm="0"/>', "", "<image mm> must be a number of millimetres"),
    ('<image src="logo.png" mm="101"/>', "", "<image mm> must be a number of millimetres"),
    ("<choices/>", "", "<choices> needs options"),
    ('<spacer height="5"/>', "", "<spacer> has no attribute `height`"),
    ("<list><b>x</b></list>", "", "<b> may not stand inside <list>"),
    ("<blink/>", "", "unknown element <blink>"),
]


@pytest.mark.parametrize(("body", "document", "message"), BAD)
def test_a_wrong_value_is_reported_once_with_its_rule(body, document, message, tmp_path):
    found = [m for m in problems_of(body, tmp_path, document) if "not an image file" not in m]
    assert len(found) == 1 and found[0].startswith(message), found


GOOD = [
    ("", ' orientation="landscape" fit-pages="2" nearly-empty="0.25"'),
    ('<table border="0" widths="1, 4.5,2" row-mm="12.5"><row><cell indent="3"/></row></table>', ""),
    ('<table widths="9mm,4,2.5mm"><row><cell indent="50%"/></row></table>', ""),
    ('<cover kind="TES AWAL" title="Konselor" subtitle="x" detail="y" form="true"/>', ""),
    ('<p align="center" style="small">a <b>b</b> <i>c</i><br/>d</p>', ""),
    ('<list style="number"><item>x</item></list>', ""),
    ('<lines n="1"/><lines n="40"/><spacer mm="2.5"/>', ""),
    ('<choices options="Ya,Tidak"/>', ""),
]


@pytest.mark.parametrize(("body", "document"), GOOD)
def test_right_values_pass(body, document, tmp_path):
    assert problems_of(body, tmp_path, document) == []


def test_one_wrong_value_per_element_and_every_element(tmp_path):
    found = problems_of('<p align="x" style="y"/><p style="z"/>', tmp_path)
    assert [m.split(" must")[0] for m in found] == ["<p align>", "<p style>"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('<bar label="x" value="1"/>', "<bar> stands only inside <bars>"),
        ('<bars><p>x</p><bar label="x" value="1"/></bars>', "<bar> stands only inside <bars>"),
        ("<tags><p>x</p></tags>", "<tag> stands only inside <tags>"),
    ],
)
def test_an_element_held_by_another_stands_nowhere_else(
    body: str, message: str, tmp_path: Path
) -> None:
    assert message in problems_of(body, tmp_path)
    assert problems_of('<bars><bar label="x" value="1"/></bars>', tmp_path) == []
