"""`modul serve`: the page, its pictures and PDFs, the event stream, the refused paths,
the watch loop under it, and the page in a real browser (Debian's chromium)."""

from __future__ import annotations

import http.client
import os
import queue
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import expect, modul_lines, problems_of, small_copy, write
from modul import check
from modul.commands import serve
from modul.commands.watch import watch
from modul.engine.options import Options


@pytest.fixture
def project(tmp_path):
    """The role `modul serve` is started with and the national set: all these tests need of the
    shipped project."""
    konselor = "konselor-pemberdayaan-masyarakat"
    return small_copy(tmp_path / "project", roles=(konselor,), regions=())


ROLE = "konselor-pemberdayaan-masyarakat"
DOCS = ("handout", "worksheet")  # two documents: enough to see, quick to build
HANDOUT = f"nasional/{ROLE}/bahan-bacaan.pdf"
CHROMIUM = Path("/usr/bin/chromium")


@contextmanager
def serving(project: Path) -> Iterator[tuple[str, queue.Queue[str]]]:
    """`modul serve` on a free port, after its first build: its address and its output."""
    docs = [arg for kind in DOCS for arg in ("--doc", kind)]
    process, lines = modul_lines(
        "serve", "--project", str(project), "--port", "0",
        "--region", "nasional", "--role", ROLE, *docs, "-j", "1",
    )  # fmt: skip
    try:
        url = expect(lines, "serving http://").split()[1]
        expect(lines, "built:")
        yield url, lines
    finally:
        process.kill()
        process.wait()


def get(url: str, path: str, **headers: str) -> tuple[int, str, bytes]:
    """Status, content type and body; the path is sent exactly as written (no `..`
    folded away, no %-escapes decoded), as an attacker would send it."""
    address = urlsplit(url)
    with closing(http.client.HTTPConnection(address.hostname, address.port, timeout=30)) as link:
        link.request("GET", path, headers=headers)
        answer = link.getresponse()
        return answer.status, answer.getheader("Content-Type", ""), answer.read()


def test_the_page_the_pdfs_and_the_pictures_are_served(project):
    with serving(project) as (url, _):
        status, kind, page = get(url, "/")
        assert (status, kind) == (200, "text/html; charset=utf-8")
        assert "Konselor Pemberdayaan Masyarakat" in page.decode()
        assert f'href="/doc/{HANDOUT}"' in page.decode() and "Lembar Kerja" in page.decode()
        status, _, document = get(url, f"/doc/{HANDOUT}")
        assert status == 200 and f'href="/build/{HANDOUT}" download' in document.decode()
        assert f"/png/{HANDOUT}?page=2&amp;size=page" in document.decode()
        status, kind, pdf = get(url, f"/build/{HANDOUT}")
        assert (status, kind) == (200, "application/pdf") and pdf.startswith(b"%PDF")
        assert pdf == (project / "build" / HANDOUT).read_bytes()
        status, kind, png = get(url, f"/png/{HANDOUT}?page=1&size=thumb")
        assert (status, kind) == (200, "image/png") and png.startswith(b"\x89PNG")
        for missing in (
            f"/png/{HANDOUT}?page=99",
            f"/png/{HANDOUT}?page=1&size=poster",
            f"/doc/nasional/{ROLE}/tes-awal.pdf",  # not asked for: --doc handout, worksheet
            "/build/nasional/nothing.pdf",
            "/nothing",
        ):
            assert get(url, missing)[0] == 404, missing


def test_no_path_leads_out_of_build(project):
    outside = project / "content" / "workshop.yaml"
    with serving(project) as (url, _):
        (project / "build" / "nasional" / "link.pdf").symlink_to(outside)
        for path in (
            "/build/../content/workshop.yaml",
            "/build/%2e%2e/content/workshop.yaml",
            "/build/%2E%2E%2Fcontent%2Fworkshop.yaml",
            f"/build/nasional/{ROLE}/../../../content/workshop.yaml",
            "/png/..%2fcontent%2fworkshop.yaml?page=1",
            "/doc/nasional/%2e%2e/%2e%2e/content/workshop.yaml",
            "/build//etc/passwd",
            "/build/nasional/link.pdf",  # a link that leads out
        ):
            status, _, body = get(url, path)
            assert status == 403, path
            assert b"penyelenggara" not in body and b"root:" not in body
        # another site's name pointed at 127.0.0.1 (DNS rebinding) reads nothing
        assert get(url, "/", Host="evil.example:80")[0] == 403


def test_an_event_arrives_after_a_saved_change(project):
    role = project / "content" / "roles" / f"{ROLE}.yaml"
    with serving(project) as (url, lines):
        address = urlsplit(url)
        link = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
        link.request("GET", "/events")
        stream = link.getresponse()
        assert stream.getheader("Content-Type") == "text/event-stream; charset=utf-8"
        first = next_event(stream)
        write(
            role, role.read_text(encoding="utf-8").replace("nama: Konselor", "nama: Konselor Desa")
        )
        assert next_event(stream) > first  # at once: "building …"
        expect(lines, "built:")
        assert "Konselor Desa Pemberdayaan Masyarakat" in get(url, "/")[2].decode()
        link.close()


def next_event(stream: http.client.HTTPResponse) -> int:
    """The version a `build` event carries (keep-alive comments are passed over)."""
    while True:
        line = stream.readline().decode()
        if line.startswith("data: "):
            return int(line.removeprefix("data: "))


def test_a_mistake_is_on_the_page_with_its_file_line_and_fix(project):
    role = project / "content" / "roles" / f"{ROLE}.yaml"
    original = role.read_text(encoding="utf-8")
    with serving(project) as (url, lines):
        write(role, original.replace("tugas_utama:", "tugas_utma:"))
        expect(lines, "not built")
        page = get(url, "/")[2].decode()
        (problem,) = problems_of(project, check)
        assert f'<span class="where">{problem.file}:{problem.line}:' in page
        assert "did you mean `tugas_utama`?" in page and "Lembar Kerja" in page  # last good


def test_started_on_a_mistake_the_last_builds_documents_are_shown(project):
    """The trainer opens the page after breaking a file: the mistake on top, and the
    documents of the last build that worked below it, under their names."""
    from modul import build

    options = Options(regions=["nasional"], roles=[ROLE], kinds=list(DOCS))
    build(project, options)
    role = project / "content" / "roles" / f"{ROLE}.yaml"
    write(role, role.read_text(encoding="utf-8").replace("tugas_utama:", "tugas_utma:"))
    site = serve.Site(project, options)
    site.rebuild()
    assert [p.message for p in site.status.errors] == ["unknown key `tugas_utma`"]
    (shelf,) = site.status.shelves
    assert [d.label for d in shelf.documents] == ["Bahan Bacaan", "Lembar Kerja"]
    assert all(d.path.is_file() for d in shelf.documents)


def test_the_default_port_taken_another_is_free_and_an_asked_one_is_refused(project, monkeypatch):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        monkeypatch.setattr(serve, "DEFAULT_PORT", port)
        serving_ = serve.start(project, Options())
        assert serving_.url.startswith("http://127.0.0.1:") and f":{port}/" not in serving_.url
        serving_.server.server_close()
        result = subprocess.run(
            [sys.executable, "-m", "modul", "serve", "--project", str(project)]
            + ["--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert f"port {port} is in use" in result.stderr and "leave out --port" in result.stderr


@pytest.mark.parametrize("poll", [False, True], ids=["notified", "polling"])
def test_the_watch_loop_reports_saved_files_and_stops_when_told(project, poll):
    built, seen, stop = [], [], threading.Event()
    loop = threading.Thread(
        target=watch,
        args=(project, lambda: built.append(1), seen.append),
        kwargs={"poll": poll, "stop": stop},
    )
    loop.start()
    try:
        wait_until(lambda: built)
        role = project / "content" / "roles" / f"{ROLE}.yaml"
        os.utime(role, ns=(time.time_ns(), time.time_ns() + 10**9))
        write(project / "layouts" / "default" / "_new.xml.j2", "")
        wait_until(lambda: len(built) > 1)
        wait_until(
            lambda: {role, project / "layouts" / "default" / "_new.xml.j2"} <= set().union(*seen)
        )
    finally:
        stop.set()
        loop.join(timeout=5)
    assert not loop.is_alive(), "the loop ends when stop is set"


def wait_until(condition, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


@pytest.mark.skipif(
    not CHROMIUM.exists(), reason="no /usr/bin/chromium: apt-get install chromium (as .ci/run does)"
)
def test_the_page_in_a_browser_follows_every_save_by_itself(project):
    from playwright.sync_api import sync_playwright

    role = project / "content" / "roles" / f"{ROLE}.yaml"
    original = role.read_text(encoding="utf-8")
    with serving(project) as (url, lines), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 1600})
            page.goto(url)
            assert page.locator("img").count() == len(DOCS)
            page.wait_for_function(LOADED)
            page.evaluate("window.notReloaded = true")  # gone if the page were loaded anew

            write(role, original.replace("nama: Konselor", "nama: Konselor Desa"))
            page.wait_for_function(
                "document.querySelector('main h3').textContent"
                ".includes('Konselor Desa Pemberdayaan Masyarakat')"
            )
            page.wait_for_function(LOADED)

            write(role, original.replace("tugas_utama:", "tugas_utama: [", 1))
            (problem,) = problems_of(project, check)
            where = f"{problem.file}:{problem.line}:{problem.column}"
            page.wait_for_selector(f"#errors .where:text('{where}')")
            assert "YAML" in page.inner_text("#errors")
            assert page.locator("img").count() == len(DOCS)  # the last good build stays

            write(role, original)
            page.wait_for_selector("#errors", state="detached")
            assert page.evaluate("window.notReloaded") is True

            page.click(f"a[href='/doc/{HANDOUT}']")
            page.wait_for_function(LOADED)
            assert page.locator("ol.pages img").count() > 1
            assert page.get_attribute("a[download]", "href") == f"/build/{HANDOUT}"
        finally:
            browser.close()


LOADED = "[...document.images].every(image => image.complete && image.naturalWidth > 0)"
