"""`modul serve` and the items `modul scan` left for review: listed on the page with their
pictures, decided by a button on the page only (token, 127.0.0.1, Host, Origin), written
into the workbook, and gone from the list."""

from __future__ import annotations

import http.client
import re
from contextlib import closing
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from openpyxl import load_workbook

from commands.test_serve import CHROMIUM, LOADED, get, serving
from conftest import expect, small_copy
from results.helpers import run
from results.reviewing import add_review, png, sample

ROLE = "konselor-pemberdayaan-masyarakat"
WORKBOOK = Path("hasil") / "nasional" / f"{ROLE}.xlsx"
CROP = f"/hasil/nasional/{ROLE}-tinjauan/a-1.png"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The national set of one role, its results workbook (8 names) with four items for
    review: Tes Awal item 1 of No 3, Tes Akhir item 5 of No 4, an evaluation form's Sesi 2,
    a page whose number was not read."""
    root = small_copy(tmp_path / "project", roles=(ROLE,), regions=())
    roster = root / "peserta.csv"
    roster.write_text("nama,asal\n" + "".join(f"Peserta {n},Desa {n}\n" for n in range(1, 9)))
    result = run("report", "--project", str(root), "--new", "--role", ROLE, "--roster", str(roster))
    assert result.exit_code == 0, result.output
    add_review(root, root / WORKBOOK, sample(root / WORKBOOK))
    return root


def post(
    url: str, fields: dict[str, str], path: str = "/tinjauan", **headers: str
) -> tuple[int, str, str]:
    """Status, Location and body of a form posted as a browser posts it (Host and Origin
    of the page unless `headers` say otherwise)."""
    address = urlsplit(url)
    origin = f"{address.hostname}:{address.port}"
    sent = {
        "Host": origin,
        "Origin": f"http://{origin}",
        "Content-Type": "application/x-www-form-urlencoded",
    } | headers
    sent = {k: v for k, v in sent.items() if v}
    with closing(http.client.HTTPConnection(address.hostname, address.port, timeout=30)) as link:
        link.putrequest("POST", path, skip_host=True)
        body = urlencode(fields).encode()
        for key, value in sent.items():
            link.putheader(key, value)
        link.putheader("Content-Length", str(len(body)))
        link.endheaders(body)
        answer = link.getresponse()
        return answer.status, answer.getheader("Location", ""), answer.read().decode()


def forms(html: str) -> list[dict[str, str]]:
    """The fields of every review form on the page."""
    found = re.findall(r'<form method="post" action="/tinjauan">(.*?)</form>', html)
    return [dict(re.findall(r'name="(\w+)" value="([^"]*)"', form)) for form in found]


def item_form(html: str, sheet: str, item: str) -> dict[str, str]:
    return next(f for f in forms(html) if f["key"].split("|")[2::2] == [sheet, item])


def cell(project: Path, sheet: str, where: str) -> object:
    return load_workbook(project / WORKBOOK)[sheet][where].value


def test_the_items_are_listed_with_their_pictures_and_answers(project):
    with serving(project) as (url, _lines):
        html = get(url, "/")[2].decode()
        assert "Review the scan · 4 items to decide" in html
        assert f'id="tinjauan-nasional-{ROLE}"' in html
        assert len(forms(html)) == 4
        assert html.count(f'<img class="crop" src="/hasil/nasional/{ROLE}-tinjauan/') == 3
        assert "what someone typed there is never replaced" in html
        assert "more than one box marked" in html and "a faint or rubbed-out mark" in html
        test = html[html.index("foto/a.jpg") :]
        assert [b for b in re.findall(r'name="answer" value="(\w+)"', test)][:5] == [
            "a", "b", "c", "d", "kosong",
        ]  # fmt: skip
        assert ">4 SS</button>" in html and ">1 STS</button>" in html  # the rating's scale
        assert re.search(r"<dd>Sesi 2: \w", html)  # the session it rates, by its title
        assert "could not be read, so its answers were not written" in html
        assert 'value="selesai">Done</button>' in html
        status, kind, picture = get(url, CROP)
        assert (status, kind) == (200, "image/png") and picture == png()


def test_a_decision_is_written_and_leaves_the_list(project):
    with serving(project) as (url, lines):
        html = get(url, "/")[2].decode()
        form = item_form(html, "Tes Awal", "1")
        status, location, _body = post(url, form | {"answer": "c"})
        assert status == 303 and location.startswith("/?kabar=")
        assert location.endswith(f"#tinjauan-nasional-{ROLE}")
        assert cell(project, "Tes Awal", "C5") == "c"
        assert load_workbook(project / WORKBOOK)["Tinjauan"]["H2"].value == "c"
        back = get(url, location)[2].decode()
        assert "Tes Awal, No. 3, item 1: “c” written into Tes Awal!C5." in back
        assert len(forms(back)) == 3 and form["key"] not in back
        expect(lines, f"changed: {WORKBOOK.as_posix()}")  # the report follows the workbook
        expect(lines, "built:")
        # the same button again (a second tab): refused on the page, nothing written
        status, location, _body = post(url, form | {"answer": "a"})
        assert status == 303
        assert "decided already" in get(url, location)[2].decode()
        assert cell(project, "Tes Awal", "C5") == "c"


def test_a_cell_typed_meanwhile_is_kept_and_said(project):
    with serving(project) as (url, _lines):
        form = item_form(get(url, "/")[2].decode(), "Tes Akhir", "5")
        book = load_workbook(project / WORKBOOK)
        book["Tes Akhir"]["G6"] = "b"
        book.save(project / WORKBOOK)
        status, location, _body = post(url, form | {"answer": "d"})
        assert status == 303 and cell(project, "Tes Akhir", "G6") == "b"
        assert "holds “b” already, typed in the workbook: kept" in get(url, location)[2].decode()


def test_a_post_not_from_the_page_is_refused(project):
    before = (project / WORKBOOK).read_bytes()
    with serving(project) as (url, _lines):
        form = item_form(get(url, "/")[2].decode(), "Tes Awal", "1") | {"answer": "c"}
        port = urlsplit(url).port
        for fields, headers in (
            ({k: v for k, v in form.items() if k != "token"}, {}),
            (form | {"token": "guessed"}, {}),
            (form, {"Host": f"evil.example:{port}"}),
            (form, {"Host": "127.0.0.1:1"}),
            (form, {"Origin": "http://evil.example"}),
            (form, {"Origin": "null"}),
            (form, {"Origin": f"http://localhost:{port}"}),  # not the page's own origin
            (form, {"Content-Type": "text/plain"}),
            (form, {"Sec-Fetch-Site": "cross-site"}),  # a browser's word for another site
        ):
            status, location, body = post(url, fields, **headers)
            assert status == 403 and not location, (fields, headers)
            assert body and "<" not in body  # a plain sentence
        assert post(url, form, Origin="")[0] == 303  # no Origin (an older browser): the token
        (project / WORKBOOK).write_bytes(before)
        assert post(url, form, path="/elsewhere")[0] == 404
        assert get(url, "/tinjauan")[0] == 405
        assert post(url, form | {"row": "x"})[0] == 400
        assert post(url, form | {"edition": "ntt"})[0] == 400
    assert (project / WORKBOOK).read_bytes() == before


def test_the_pictures_are_pngs_inside_hasil_only(project):
    outside = project / "content" / "workshop.yaml"
    (project / "hasil" / "nasional" / "link.png").symlink_to(outside)
    (project / "elsewhere.png").write_bytes(png())
    (project / "hasil" / "nasional" / "out.png").symlink_to(project / "elsewhere.png")
    with serving(project) as (url, _lines):
        for path in (
            "/hasil/../content/workshop.yaml",
            "/hasil/%2e%2e/content/workshop.yaml",
            "/hasil/%2E%2E%2Fcontent%2Fworkshop.yaml",
            f"/hasil/nasional/{ROLE}-tinjauan/..%2f..%2f..%2fcontent%2fworkshop.yaml",
            "/hasil/nasional/%2e%2e/%2e%2e/elsewhere.png",
            "/hasil//etc/passwd",
            "/hasil/nasional/out.png",  # a link that leads out
        ):
            status, _kind, body = get(url, path)
            assert status == 403, path
            assert b"penyelenggara" not in body and b"root:" not in body and b"PNG" not in body
        assert get(url, f"/hasil/{WORKBOOK.relative_to('hasil').as_posix()}")[0] == 404
        assert get(url, "/hasil/nasional/link.png")[0] in (403, 404)
        assert get(url, CROP, Host="evil.example:80")[0] == 403


@pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium")
def test_a_button_clicked_in_a_browser_writes_the_answer(project: Path) -> None:
    from playwright.sync_api import sync_playwright

    with serving(project) as (url, _lines), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 1600})
            page.goto(url)
            page.wait_for_function(LOADED)
            assert page.locator(".review li").count() == 4
            rating = page.locator(".review li", has_text="Sesi 2")
            rating.get_by_role("button", name="3 S", exact=True).click()
            page.wait_for_selector(".notice.ok")
            assert "“3” written into Evaluasi!C3" in page.inner_text(".notice")
            assert page.locator(".review li").count() == 3
            assert cell(project, "Evaluasi", "C3") == 3
        finally:
            browser.close()


def test_a_workbook_open_in_excel_is_said_on_the_page(project, monkeypatch):
    """Excel on Windows holds an open workbook: the decision says so, nothing written."""
    from commands.test_serve_laporan import OPTIONS
    from modul.commands import serve
    from modul.commands.serve import deciding, page, review
    from modul.commands.serve.web import facts

    site = serve.Site(project, OPTIONS)
    site.rebuild()
    (shelf,) = site.status.shelves
    assert shelf.laporan is not None
    first = shelf.laporan.review[0]
    fields = {"token": site.token, "edition": "nasional", "role": ROLE, "row": str(first.row)}
    real_open = Path.open

    def locked(self: Path, mode: str = "r", *args: object, **kwargs: object) -> object:
        if self.name == WORKBOOK.name and mode == "r+b":
            raise PermissionError(13, "The process cannot access the file")
        return real_open(self, mode, *args, **kwargs)  # type: ignore[arg-type]

    before = (project / WORKBOOK).read_bytes()
    monkeypatch.setattr(Path, "open", locked)
    body = urlencode(fields | {"key": first.key, "answer": "b"}).encode()
    status, back = deciding.decision(site, body)
    monkeypatch.undo()
    assert status == 303 and (project / WORKBOOK).read_bytes() == before
    notice = site.notice(back.split("kabar=")[1].split("#")[0])
    assert notice is not None and not notice.ok
    html = page.index(site.status, facts, lambda s: review.block(s, site.token, notice))
    assert "open in another program (Excel?): nothing written" in html
    assert "save and close it there, then choose the answer again" in html
    # the page whose number was not read: done by hand, said by file and page
    number = next(i for i in shelf.laporan.review if i.item == "No")
    body = urlencode(fields | {"row": str(number.row), "key": number.key, "answer": "selesai"})
    status, back = deciding.decision(site, body.encode())
    notice = site.notice(back.split("kabar=")[1].split("#")[0])
    assert notice is not None and notice.text == "foto/c.jpg, page 1 (Tes Awal): marked done."
    (shelf,) = site.status.shelves
    assert shelf.laporan is not None
    assert [i.item for i in shelf.laporan.review] == ["1", "5", "Sesi 2"]
