"""The web application in a real browser: headless Chromium (Debian's) driven by Playwright against ``simulator serve``.

The server runs as its own process on loopback over a seeded SQLite store;
the browser has a fresh profile. Each role logs in by keyboard, sees what it
may see, gets a 403 page for other cohorts', trainees' and calls' URLs typed
in directly, downloads CSV and PDF, and switches language; a note is posted
with and without its CSRF token.

``SIMULATOR_WEB_SCREENSHOTS=docs/img`` also saves the screenshots of the
README (web-*.png).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.test_web_support import PASSWORD, Seeded, seed

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
SHOTS = os.environ.get("SIMULATOR_WEB_SCREENSHOTS")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Seeded]]:
    seeded = seed(tmp_path_factory.mktemp("browser"))
    port = _free_port()
    env = {**os.environ, "SIMULATOR_WEB_SECRET": "browser-test-secret"}
    proc = subprocess.Popen([sys.executable, "-m", "simulator", "serve", "--db", seeded.url, "--port", str(port)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/api/health", timeout=1)
            break
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(proc.stderr.read().decode())
            time.sleep(0.1)
    yield base, seeded
    proc.terminate()
    proc.wait(10)


# A real browser on a busy 2-core machine: a test that hangs fails after two minutes instead of holding CI for an
# hour, and a test that fails once is tried once more in a fresh browser (each test gets its own, so a failed one
# leaves no pending download or navigation behind for the next).
pytestmark = [pytest.mark.timeout(120), pytest.mark.flaky(reruns=1)]


@pytest.fixture
def browser(tmp_path_factory: pytest.TempPathFactory):
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (scripts/setup.sh test installs it): browser tests skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(str(tmp_path_factory.mktemp("profile")), executable_path=CHROMIUM,
                                                   headless=True, args=ARGS, accept_downloads=True,
                                                   viewport={"width": 1280, "height": 800}, locale="en-GB")
        yield ctx
        ctx.close()


@pytest.fixture
def page(browser, server):
    browser.clear_cookies()
    pg = browser.new_page()
    yield pg
    pg.close()


def login(page, base: str, who: str) -> None:
    """Log in with the keyboard only: Tab to the fields, type, Enter."""
    page.goto(base + "/login")
    assert page.evaluate("document.activeElement.id") == "username"  # the form has the focus at once
    page.keyboard.type(who)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"web-{name}.png"), full_page=False)


def status_of(page, url: str) -> int:
    response = page.goto(url)
    return response.status


def download(page, selector: str) -> bytes:
    with page.expect_download() as info:
        page.click(selector)
    return Path(info.value.path()).read_bytes()


def test_anonymous_is_sent_to_the_login_page(page, server) -> None:
    base, seeded = server
    page.goto(f"{base}/cohorts/{seeded.cohort_a}")
    assert page.url.startswith(f"{base}/login?next=")
    page.fill("#username", "ina")
    page.fill("#password", PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == f"{base}/cohorts/{seeded.cohort_a}"  # back where they wanted to go


def test_trainee_sees_own_calls_and_nothing_else(page, server) -> None:
    base, seeded = server
    page.goto(base + "/login")
    page.fill("#username", "ana")
    page.fill("#password", "wrong password")
    page.click("button[type=submit]")
    assert "wrong" in page.inner_text(".error")
    login(page, base, "ana")
    assert page.url == base + "/me"
    assert "My progress" in page.inner_text("h1")
    page.click(f"a[href='/calls/{seeded.ana_call}']")
    assert page.locator("mark").count() > 0 and page.locator(".acts li").count() > 0
    shot(page, "call")
    for url in (f"/calls/{seeded.ben_call}", f"/trainees/{seeded.ben}", f"/cohorts/{seeded.cohort_a}", "/hr", "/admin"):
        assert status_of(page, base + url) == 403, url
        assert "may not see" in page.inner_text("h1")
    page.goto(base + "/me")
    csv = download(page, "a[href='/me/report.csv']")
    assert csv.startswith(b"session,") and seeded.ben.encode() not in csv
    assert download(page, "a[href='/me/report.pdf']").startswith(b"%PDF")
    page.click("a[hreflang=de]")
    assert "Mein Fortschritt" in page.inner_text("h1")
    page.click("a[hreflang=en]")
    assert "My progress" in page.inner_text("h1")


def test_instructor_cohort_page_note_with_and_without_csrf_token(page, server) -> None:
    base, seeded = server
    login(page, base, "ina")
    page.click(f"a[href='/cohorts/{seeded.cohort_a}']")
    assert page.locator("table.heat td.cell").count() > 0 and page.locator("svg.spark").count() > 0
    assert "&lt;b&gt;" not in page.inner_text("main") and "O'Brien" in page.inner_text("main")  # shown as text
    shot(page, "cohort")
    assert download(page, f"a[href='/cohorts/{seeded.cohort_a}/report.csv']").startswith(b"session,")
    assert download(page, f"a[href='/cohorts/{seeded.cohort_a}/report.pdf']").startswith(b"%PDF")
    assert status_of(page, f"{base}/cohorts/{seeded.cohort_b}") == 403
    assert status_of(page, f"{base}/calls/{seeded.ben_call}") == 403
    assert status_of(page, f"{base}/trainees/{seeded.ben}") == 403
    page.goto(f"{base}/calls/{seeded.ana_call}")
    notes_before = page.locator(".notes li").count()
    page.fill("#reason", "Strong opening, <script>alert(1)</script>")
    page.select_option("#dimension", "empathy")
    page.fill("#delta", "+5")
    page.click(".note-form button")
    assert page.locator(".notes li").count() == notes_before + 1
    assert "<script>alert(1)</script>" in page.inner_text(".notes")  # as text, not as a script
    page.fill("#reason", "posted without its token")
    page.evaluate("document.querySelector('.note-form input[name=csrftoken]').remove()")
    with page.expect_navigation():
        page.click(".note-form button")
    assert "did not come from this site" in page.inner_text("h1")
    page.goto(f"{base}/calls/{seeded.ana_call}")
    assert page.locator(".notes li").count() == notes_before + 1  # nothing stored without the token


def test_hr_sees_gated_aggregates_only(page, server) -> None:
    base, seeded = server
    login(page, base, "hana")
    assert page.url == base + "/hr"
    text = page.inner_text("main")
    assert "Kurs A" in text and "O'Brien" not in text and "A-Person" not in text and seeded.ana not in text
    shot(page, "hr")
    assert download(page, "a[href^='/hr/report.csv']").startswith(b"cohort,")
    for url in (f"/trainees/{seeded.ana}", f"/calls/{seeded.ana_call}", f"/cohorts/{seeded.cohort_a}", "/admin"):
        assert status_of(page, base + url) == 403, url
    assert status_of(page, base + "/api/trainees") == 403


def test_admin_changes_a_privacy_setting_and_reads_the_audit_log(page, server) -> None:
    base, seeded = server
    login(page, base, "adam")
    assert page.url == base + "/admin"
    form = page.locator("form", has=page.locator("input[name=key][value=hr_view]"))
    form.locator("select").select_option("individual")
    form.locator("button").click()
    assert page.locator(".ok").count() == 1
    shot(page, "admin")
    page.click("a[href='/admin/audit']")
    assert "privacy_set" in page.inner_text("main") and "aggregates -> individual" in page.inner_text("main")
    for url in (f"/calls/{seeded.ana_call}", f"/trainees/{seeded.ana}", "/hr"):
        assert status_of(page, base + url) == 403, url
    page.goto(base + "/admin")
    form = page.locator("form", has=page.locator("input[name=key][value=hr_view]"))
    form.locator("select").select_option("aggregates")
    form.locator("button").click()


def test_scenario_library_and_german_ui(page, server) -> None:
    base, _ = server
    login(page, base, "ana")
    page.goto(base + "/lang/de?next=/scenarios")
    assert "Szenarien" in page.inner_text("h1")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"  # the first stop skips to the content
    page.keyboard.press("Enter")
    for _ in range(3):  # from the content, Tab reaches the scenario links
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')").startswith("/scenarios/")
    page.click("a[href='/scenarios/checked-plug']")
    assert page.locator("table tbody tr").count() == 8  # the rubric: every dimension
    shot(page, "scenario")
