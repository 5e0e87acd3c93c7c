"""Every role against every route (table-driven), through the real app: the role checks are on the server.

Rows are (method, path, expected status for anonymous, trainee ana, instructor ina, HR hana, admin adam).
Anonymous page requests are redirected to the login page (303), anonymous API calls get 401. Ids of other
cohorts, trainees and calls are tried directly; unknown ids give 404 to whoever could see such an object.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_web_support import PASSWORD, Seeded, seed

ROLES = ("anon", "ana", "ina", "hana", "adam")

MATRIX = [
    # method, path, anon, trainee, instructor, hr, admin
    ("GET", "/api/health", 200, 200, 200, 200, 200),
    ("GET", "/api/me", 401, 200, 200, 200, 200),
    ("GET", "/api/cohorts", 401, 403, 200, 200, 200),
    ("GET", "/api/trainees", 401, 403, 200, 403, 200),
    ("GET", "/api/me/sessions", 401, 200, 403, 403, 403),
    ("GET", "/api/calls/{ana_call}", 401, 200, 200, 403, 403),
    ("GET", "/api/calls/{ben_call}", 401, 403, 403, 403, 403),
    ("GET", "/api/calls/999999", 401, 404, 404, 403, 403),
    ("GET", "/api/calls/not-a-number", 401, 422, 422, 403, 403),
    ("GET", "/api/openapi.json", 200, 200, 200, 200, 200),
    ("GET", "/", 303, 303, 303, 303, 303),
    ("GET", "/login", 200, 200, 200, 200, 200),
    ("GET", "/me", 303, 200, 403, 403, 403),
    ("GET", "/me/export", 303, 200, 403, 403, 403),
    ("GET", "/me/report.csv", 303, 200, 403, 403, 403),
    ("GET", "/me/report.pdf", 303, 200, 403, 403, 403),
    ("GET", "/me/report.xapi", 303, 200, 403, 403, 403),
    ("GET", "/me/report.exe", 303, 404, 403, 403, 403),
    ("GET", "/me/delete", 303, 200, 403, 403, 403),
    ("GET", "/trainees/{ana}", 303, 200, 200, 403, 403),
    ("GET", "/trainees/{ben}", 303, 403, 403, 403, 403),
    ("GET", "/trainees/T-000000", 303, 404, 404, 403, 403),
    ("GET", "/trainees/{ana}/report.csv", 303, 403, 200, 403, 403),
    ("GET", "/trainees/{ben}/report.csv", 303, 403, 403, 403, 403),
    ("GET", "/calls/{ana_call}", 303, 200, 200, 403, 403),
    ("GET", "/calls/{ana_call}/debrief", 303, 200, 200, 403, 403),
    ("GET", "/calls/{ben_call}", 303, 403, 403, 403, 403),
    ("GET", "/calls/{ben_call}/debrief", 303, 403, 403, 403, 403),
    ("GET", "/calls/999999", 303, 404, 404, 403, 403),
    ("GET", "/cohorts", 303, 403, 200, 403, 403),
    ("GET", "/cohorts/{cohort_a}", 303, 403, 200, 403, 403),
    ("GET", "/cohorts/{cohort_b}", 303, 403, 403, 403, 403),
    ("GET", "/cohorts/999", 303, 403, 404, 403, 403),
    ("GET", "/cohorts/{cohort_a}/report.csv", 303, 403, 200, 403, 403),
    ("GET", "/cohorts/{cohort_a}/report.pdf", 303, 403, 200, 403, 403),
    ("GET", "/cohorts/{cohort_a}/report.xapi", 303, 403, 200, 403, 403),
    ("GET", "/cohorts/{cohort_b}/report.csv", 303, 403, 403, 403, 403),
    ("GET", "/cohorts/{cohort_b}/report.xapi", 303, 403, 403, 403, 403),
    ("GET", "/trainees/{ana}/report.xapi", 303, 403, 200, 403, 403),
    ("GET", "/hr", 303, 403, 403, 200, 403),
    ("GET", "/hr?period=2999-Q1", 303, 403, 403, 200, 403),
    ("GET", "/hr/report.csv?period={period}", 303, 403, 403, 200, 403),
    ("GET", "/hr/report.pdf?period={period}", 303, 403, 403, 200, 403),
    ("GET", "/hr/report.xapi?period={period}", 303, 403, 403, 200, 403),
    ("GET", "/admin", 303, 403, 403, 403, 200),
    ("GET", "/admin/audit", 303, 403, 403, 403, 200),
    ("GET", "/scenarios", 303, 200, 200, 200, 200),
    ("GET", "/scenarios/checked-plug", 303, 200, 200, 200, 200),
    ("GET", "/scenarios/no-such-scenario", 303, 404, 404, 404, 404),
    ("GET", "/no/such/page", 404, 404, 404, 404, 404),
    ("POST", "/calls/{ana_call}/notes", 303, 403, 303, 403, 403),
    ("POST", "/calls/{ben_call}/notes", 303, 403, 403, 403, 403),
    ("POST", "/admin/privacy", 303, 403, 403, 403, 303),
    ("POST", "/admin/roles", 303, 403, 403, 403, 400),
    ("POST", "/admin/assign", 303, 403, 403, 403, 400),
]

FORMS = {
    "/notes": {"reason": "Good <b>empathy</b> – '); DROP TABLE adjustments;--", "dimension": "empathy", "delta": "+5"},
    "/admin/privacy": {"key": "min_group", "value": "5"},
    "/admin/roles": {"username": "nobody-here", "new_role": "hr"},
    "/admin/assign": {"username": "hana", "cohort": "Kurs A", "on": "1"},
}


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Seeded:
    return seed(tmp_path_factory.mktemp("web"))


@pytest.fixture(scope="module")
def app(seeded: Seeded):
    from simulator.storage import Store
    from simulator.web.app import create_app

    store = Store.open(seeded.url)
    yield create_app(store, secret="test-secret")
    store.close()


def client(app, who: str):
    """A TestClient logged in as ``who`` ('anon': not logged in), with the CSRF cookie set."""
    from fastapi.testclient import TestClient

    c = TestClient(app, raise_server_exceptions=False, follow_redirects=False)
    c.get("/login")
    if who != "anon":
        r = c.post("/login", data={"username": who, "password": PASSWORD, "csrftoken": c.cookies["csrftoken"]})
        assert r.status_code == 303, r.text
    return c


@pytest.fixture(scope="module")
def clients(app):
    return {who: client(app, who) for who in ROLES}


@pytest.mark.parametrize("row", MATRIX, ids=[f"{m} {p}" for m, p, *_ in MATRIX])
def test_role_matrix(row, clients, seeded: Seeded) -> None:
    method, path, *expected = row
    url = path.format(ana=seeded.ana, ben=seeded.ben, ana_call=seeded.ana_call, ben_call=seeded.ben_call,
                      cohort_a=seeded.cohort_a, cohort_b=seeded.cohort_b, period=seeded.period)
    for who, want in zip(ROLES, expected):
        c = clients[who]
        if method == "GET":
            r = c.get(url)
        else:
            form = next(v for k, v in FORMS.items() if path.endswith(k))
            r = c.post(url, data={**form, "csrftoken": c.cookies.get("csrftoken", "")})
        assert r.status_code == want, f"{who} {method} {url}: {r.status_code} {r.text[:300]}"
        assert "Traceback" not in r.text
        if want == 303 and who == "anon" and not url.startswith("/api/") and url != "/":
            assert r.headers["location"].startswith("/login")
        if url.startswith("/api/") and want >= 400:
            assert r.json()["error"]


def test_api_shapes_and_what_each_role_sees(clients, seeded: Seeded) -> None:
    ina = clients["ina"].get("/api/trainees").json()
    assert {t["cohort"] for t in ina} == {"Kurs A"} and len(ina) == 6
    assert any(t["name"] and "<b>" in t["name"] for t in ina)  # JSON carries the raw name; pages escape it
    adam = clients["adam"].get("/api/trainees").json()
    assert len(adam) == 11 and all(t["name"] for t in adam)
    mine = clients["ana"].get("/api/me/sessions").json()
    assert mine and all(s["id"] != seeded.ben_call for s in mine)
    hr = clients["hana"].get("/api/cohorts").json()
    assert hr["period"] == seeded.period and hr["k"] == 5
    assert {c["name"] for c in hr["cohorts"]} == {"Kurs A", "Kurs B"}
    assert all(c["trainees"] is None or c["trainees"] >= 5 for c in hr["cohorts"])
    assert "name" not in str(hr).lower().replace("'name': 'kurs", "")  # cohort names only, no people
    ina_cohorts = clients["ina"].get("/api/cohorts").json()
    assert {c["name"] for c in ina_cohorts["cohorts"]} == {"Kurs A"}
    schema = clients["anon"].get("/api/openapi.json").json()
    assert {"/login", "/logout", "/api/health", "/api/cohorts", "/api/trainees", "/api/me/sessions"} <= set(schema["paths"])


def test_xapi_downloads_name_nobody(clients, seeded: Seeded) -> None:
    mine = clients["ana"].get("/me/report.xapi").json()
    assert mine and {st["actor"]["account"]["name"] for st in mine} == {seeded.ana}
    cohort = clients["ina"].get(f"/cohorts/{seeded.cohort_a}/report.xapi")
    assert "O'Brien" not in cohort.text and len(cohort.json()) >= 18
    hr = clients["hana"].get(f"/hr/report.xapi?period={seeded.period}").json()
    assert hr and all(st["actor"]["objectType"] == "Group" for st in hr)
    assert seeded.ana not in str(hr)


def test_pages_escape_html_and_sql_shaped_names(clients, seeded: Seeded) -> None:
    page = clients["ina"].get(f"/trainees/{seeded.ana}").text
    assert "Ana &lt;b&gt;O&#39;Brien&lt;/b&gt;" in page and "<b>O'Brien</b>" not in page
    notes = clients["ina"].get(f"/calls/{seeded.ana_call}").text
    assert "Good &lt;b&gt;empathy&lt;/b&gt;" in notes  # the note posted by the matrix, escaped, stored whole


def test_hr_never_sees_names_or_quotes(clients, seeded: Seeded) -> None:
    page = clients["hana"].get("/hr").text
    csv = clients["hana"].get(f"/hr/report.csv?period={seeded.period}").text
    for text in (page, csv):
        assert "O&#39;Brien" not in text and "O'Brien" not in text and "A-Person" not in text
        assert seeded.ana not in text  # no pseudonyms either while hr_view=aggregates
        assert "DNS-Problem" not in text  # no quotes


def test_instructor_sees_examples_and_names_of_own_cohort_only(clients, seeded: Seeded) -> None:
    page = clients["ina"].get(f"/cohorts/{seeded.cohort_a}").text
    assert "A-Person 0" in page and "Ben B" not in page
    assert "<q>" in page  # weakest skills come with example trainee lines


def test_every_individual_view_is_audited(clients, seeded: Seeded) -> None:
    clients["ina"].get(f"/calls/{seeded.ana_call}")
    log = clients["adam"].get("/admin/audit").text
    assert "view_call" in log and "view_cohort" in log and "note_added" in log and "privacy_set" in log


def test_csrf_token_is_required_on_forms(clients, seeded: Seeded) -> None:
    c = clients["ina"]
    url = f"/calls/{seeded.ana_call}/notes"
    before = c.get(f"/api/calls/{seeded.ana_call}").json()["notes"]
    bad = c.post(url, data={"reason": "no token"})
    wrong = c.post(url, data={"reason": "wrong token", "csrftoken": "forged"})
    assert bad.status_code == 403 and wrong.status_code == 403
    assert c.get(f"/api/calls/{seeded.ana_call}").json()["notes"] == before  # nothing stored
    ok = c.post(url, data={"reason": "with token", "csrftoken": c.cookies["csrftoken"]})
    assert ok.status_code == 303
    assert len(c.get(f"/api/calls/{seeded.ana_call}").json()["notes"]) == len(before) + 1


def test_bad_note_input_is_a_clear_page_and_stores_nothing(clients, seeded: Seeded) -> None:
    c = clients["ina"]
    url = f"/calls/{seeded.ana_call}/notes"
    before = len(c.get(f"/api/calls/{seeded.ana_call}").json()["notes"])
    for form in ({"reason": "", "delta": "5", "dimension": "empathy"}, {"reason": "x", "delta": "lots", "dimension": "empathy"},
                 {"reason": "x", "delta": "500", "dimension": "empathy"}, {"reason": "x", "delta": "5"},
                 {"reason": "x", "dimension": "no-such-dimension"}, {"reason": "x" * 5000}):
        r = c.post(url, data={**form, "csrftoken": c.cookies["csrftoken"]})
        assert r.status_code == 400, form
        assert "<html" in r.text and "Traceback" not in r.text
    assert len(c.get(f"/api/calls/{seeded.ana_call}").json()["notes"]) == before


def test_oversized_and_malformed_posts_are_refused(clients, seeded: Seeded) -> None:
    c = clients["ina"]
    url = f"/calls/{seeded.ana_call}/notes"
    big = c.post(url, data={"reason": "x" * 200_000, "csrftoken": c.cookies["csrftoken"]})
    assert big.status_code == 413
    odd = c.post(url, content=b"\x00\xff" * 10, headers={"content-type": "application/octet-stream"})
    assert odd.status_code == 415
    multipart = c.post(url, files={"f": ("a.txt", b"data")}, data={"csrftoken": c.cookies["csrftoken"]})
    assert multipart.status_code == 415
    broken = c.post(url, content=b"%%%&&&=\xff\xfe", headers={"content-type": "application/x-www-form-urlencoded"})
    assert broken.status_code in (400, 403) and "Traceback" not in broken.text


def test_wrong_password_unknown_user_and_throttle(app) -> None:
    from fastapi.testclient import TestClient

    c = TestClient(app, raise_server_exceptions=False, follow_redirects=False)
    c.get("/login")
    token = c.cookies["csrftoken"]
    wrong = c.post("/login", data={"username": "hana", "password": "nope-nope", "csrftoken": token})
    assert wrong.status_code == 401 and "simulator_session" not in wrong.headers.get("set-cookie", "")
    unknown = c.post("/login", data={"username": "'; DROP TABLE web_users;--", "password": "x", "csrftoken": token})
    assert unknown.status_code == 401
    for _ in range(4):
        c.post("/login", data={"username": "hana", "password": "nope-nope", "csrftoken": token})
    throttled = c.post("/login", data={"username": "hana", "password": PASSWORD, "csrftoken": token})
    assert throttled.status_code == 429  # even the right password waits after five failures
    other = c.post("/login", data={"username": "adam", "password": PASSWORD, "csrftoken": token})
    assert other.status_code == 303  # the limit is per account (and per client, at a higher count)
    missing = c.post("/login", data={"username": "adam", "csrftoken": token})
    assert missing.status_code == 400 and "Traceback" not in missing.text


def test_session_cookie_flags_logout_and_expiry(app, seeded: Seeded) -> None:
    import hashlib
    from datetime import timedelta

    from fastapi.testclient import TestClient
    from sqlalchemy import update

    from simulator.storage.accounts import WebSession
    from simulator.storage.models import utcnow

    c = TestClient(app, raise_server_exceptions=False, follow_redirects=False)
    c.get("/login")
    r = c.post("/login", data={"username": "ana", "password": PASSWORD, "csrftoken": c.cookies["csrftoken"]})
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "secure" not in cookie
    https = TestClient(app, base_url="https://testserver", raise_server_exceptions=False, follow_redirects=False)
    https.get("/login")
    r = https.post("/login", data={"username": "ana", "password": PASSWORD, "csrftoken": https.cookies["csrftoken"]})
    assert "secure" in r.headers["set-cookie"].lower()
    assert c.get("/api/me").status_code == 200
    store = app.app.__wrapped__.state.web.store if hasattr(app.app, "__wrapped__") else None
    store = store or _store(app)
    mine = hashlib.sha256(c.cookies["simulator_session"].encode()).hexdigest()
    with store.write() as s:  # this client's session runs out (the other tests' clients stay logged in)
        s.execute(update(WebSession).where(WebSession.token_hash == mine).values(expires_at=utcnow() - timedelta(seconds=1)))
    assert c.get("/api/me").status_code == 401
    assert c.get("/me").headers["location"].startswith("/login")
    c2 = client(app, "ana")
    assert c2.post("/logout", data={"csrftoken": c2.cookies["csrftoken"]}).status_code == 303
    assert c2.get("/api/me").status_code == 401


def _store(app):
    """The store behind the wrapped ASGI app (Guard -> asgi-csrf -> FastAPI)."""
    inner = app.app
    while not hasattr(inner, "state"):
        inner = getattr(inner, "__wrapped__", None) or inner.app
    return inner.state.web.store


def test_language_follows_accept_language_and_the_switch(app) -> None:
    from fastapi.testclient import TestClient

    c = TestClient(app, raise_server_exceptions=False, follow_redirects=False)
    assert "Anmelden" in c.get("/login", headers={"accept-language": "de-DE,de;q=0.9,en;q=0.5"}).text
    assert "Log in" in c.get("/login", headers={"accept-language": "en-GB"}).text
    r = c.get("/lang/de?next=/login")
    assert r.status_code == 303 and r.headers["location"] == "/login"
    assert "Anmelden" in c.get("/login", headers={"accept-language": "en"}).text
    assert c.get("/lang/de?next=//evil.example/").headers["location"] == "/"
    assert c.get("/lang/xx").status_code == 404


def test_schema_of_migrations_equals_models_with_the_web_tables(seeded: Seeded) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    import simulator.storage.accounts  # noqa: F401 - registers the web tables on Base.metadata
    from simulator.storage import Store
    from simulator.storage.connect import MIGRATIONS
    from simulator.storage.models import Base

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    assert len(ScriptDirectory.from_config(cfg).get_heads()) == 1
    with Store.open(seeded.url) as store, store.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata) == []


def test_trainee_deletes_own_data_and_account(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from simulator.storage import Store
    from simulator.web.accounts import Accounts
    from simulator.web.app import create_app

    url = f"sqlite:///{tmp_path / 'del.db'}"
    with Store.open(url) as store:
        Accounts(store).add_user("Eve Example", PASSWORD, "trainee", cohorts=("Kurs Z",))
        app = create_app(store, secret="s")
        c = client(app, "Eve Example")
        export = c.get("/me/export")
        assert export.status_code == 200 and export.json()["name"] == "Eve Example"
        wrong = c.post("/me/delete", data={"confirm": "someone else", "csrftoken": c.cookies["csrftoken"]})
        assert wrong.status_code == 400 and store.trainees()
        ok = c.post("/me/delete", data={"confirm": "Eve Example", "csrftoken": c.cookies["csrftoken"]})
        assert ok.status_code == 303 and store.trainees() == []
        assert c.get("/api/me").status_code == 401
        assert Accounts(store).users() == []


def test_user_add_command_reads_the_password_from_stdin(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from simulator.cli import cli as main

    db = f"sqlite:///{tmp_path / 'cli.db'}"
    runner = CliRunner()
    ok = runner.invoke(main, ["user", "add", "Ina", "--role", "instructor", "--db", db], input=PASSWORD + "\n")
    assert ok.exit_code == 0, ok.output
    short = runner.invoke(main, ["user", "add", "Hal", "--role", "hr", "--db", db], input="short\n")
    assert short.exit_code == 2 and "Traceback" not in short.output
    again = runner.invoke(main, ["user", "add", "Ina", "--role", "hr", "--db", db], input=PASSWORD + "\n")
    assert again.exit_code == 2 and "already" in again.output
    listed = runner.invoke(main, ["user", "list", "--db", db])
    assert "Ina\tinstructor" in listed.output


def test_login_without_cookies_is_the_stable_api_entry(app) -> None:
    from fastapi.testclient import TestClient

    c = TestClient(app, raise_server_exceptions=False, follow_redirects=False)
    r = c.post("/login", data={"username": "adam", "password": PASSWORD})  # no page visited before: no CSRF cookie yet
    assert r.status_code == 303 and "simulator_session=" in r.headers["set-cookie"]
    assert c.get("/api/cohorts").status_code == 200


def test_hr_sees_pseudonyms_only_when_the_admin_switched_it_on_and_it_is_audited(clients, seeded: Seeded) -> None:
    adam, hana = clients["adam"], clients["hana"]
    from simulator.web import reports

    def switch(value: str) -> None:
        r = adam.post("/admin/privacy", data={"key": "hr_view", "value": value, "csrftoken": adam.cookies["csrftoken"]})
        assert r.status_code == 303
        reports.forget()

    assert seeded.ana not in hana.get(f"/hr?period={seeded.period}").text
    switch("individual")
    try:
        page = hana.get(f"/hr?period={seeded.period}").text
        assert seeded.ana in page and "O&#39;Brien" not in page and "A-Person" not in page
        log = adam.get("/admin/audit").text
        assert "hr_view_individual" in log and "aggregates -&gt; individual" in log
    finally:
        switch("aggregates")


def test_admin_creates_accounts_with_html_shaped_names_escaped(clients) -> None:
    adam = clients["adam"]
    name = "<img src=x onerror=alert(1)>"
    r = adam.post("/admin/users", data={"username": name, "password": PASSWORD, "new_role": "hr",
                                        "csrftoken": adam.cookies["csrftoken"]})
    assert r.status_code == 303
    page = adam.get("/admin").text
    assert "&lt;img src=x onerror=alert(1)&gt;" in page and name not in page
    short = adam.post("/admin/users", data={"username": "x", "password": "short", "new_role": "hr",
                                            "csrftoken": adam.cookies["csrftoken"]})
    assert short.status_code == 400 and "8 to 1024" in short.text
    bad_role = adam.post("/admin/users", data={"username": "y", "password": PASSWORD, "new_role": "root",
                                               "csrftoken": adam.cookies["csrftoken"]})
    assert bad_role.status_code == 400
