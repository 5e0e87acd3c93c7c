"""Several serve processes on one PostgreSQL: a login, a logout and the login throttle hold across them.

Two applications over two separate engines (as two ``simulator serve``
processes behind one proxy would have) share one database; the pages of
every role work on PostgreSQL as on SQLite.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest_pg import pg_server, pg_url  # noqa: F401
from tests.test_web_support import PASSWORD, seed


@pytest.fixture
def two_apps(pg_url: str, tmp_path: Path):  # noqa: F811
    from simulator.storage import Store
    from simulator.web.app import create_app

    seeded = seed(tmp_path, url=pg_url)
    a, b = Store.open(pg_url), Store.open(pg_url)
    yield create_app(a), create_app(b), seeded  # no secret given: both read the one kept in the database
    a.close()
    b.close()


def _client(app, cookies=None):
    from fastapi.testclient import TestClient

    return TestClient(app, raise_server_exceptions=False, follow_redirects=False, cookies=cookies)


def _login(c, who: str, password: str = PASSWORD):
    c.get("/login")
    return c.post("/login", data={"username": who, "password": password, "csrftoken": c.cookies["csrftoken"]})


def test_a_login_on_one_process_is_valid_on_the_other_and_logout_ends_it_everywhere(two_apps) -> None:
    app_a, app_b, seeded = two_apps
    a = _client(app_a)
    assert _login(a, "ina").status_code == 303
    b = _client(app_b, cookies=dict(a.cookies))
    assert b.get("/api/me").json()["username"] == "ina"
    note = b.post(f"/calls/{seeded.ana_call}/notes", data={"reason": "seen on B", "csrftoken": a.cookies["csrftoken"]})
    assert note.status_code == 303  # B accepts the CSRF token A's page handed out (one shared signing secret)
    assert any(n["reason"] == "seen on B" for n in a.get(f"/api/calls/{seeded.ana_call}").json()["notes"])
    assert b.post("/logout", data={"csrftoken": a.cookies["csrftoken"]}).status_code == 303
    assert a.get("/api/me").status_code == 401


def test_the_login_throttle_counts_across_processes(two_apps) -> None:
    app_a, app_b, _ = two_apps
    a, b = _client(app_a), _client(app_b)
    for i in range(5):
        assert _login(a if i % 2 else b, "hana", "wrong password").status_code == 401
    assert _login(a, "hana").status_code == 429
    assert _login(b, "hana").status_code == 429


def test_every_role_s_pages_work_on_postgresql(two_apps) -> None:
    app_a, _, seeded = two_apps
    pages = {"ana": ["/me", f"/calls/{seeded.ana_call}", "/api/me/sessions", "/me/report.csv"],
             "ina": [f"/cohorts/{seeded.cohort_a}", f"/trainees/{seeded.ana}", "/api/trainees", "/api/cohorts"],
             "hana": ["/hr", "/api/cohorts", f"/hr/report.csv?period={seeded.period}"],
             "adam": ["/admin", "/admin/audit", "/api/trainees"]}
    for who, urls in pages.items():
        c = _client(app_a)
        assert _login(c, who).status_code == 303
        for url in urls:
            r = c.get(url)
            assert r.status_code == 200, f"{who} {url}: {r.status_code} {r.text[:200]}"
        assert c.get(f"/calls/{seeded.ben_call}").status_code == 403
