"""``simulator export xapi``: xAPI 1.0.3 statements, pseudonymous, through the privacy gate for HR."""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path

import pytest

from simulator.storage import Store
from tests.test_reports_progress import seed

IRI = re.compile(r"^https?://\S+$")


@pytest.fixture
def db(tmp_path: Path) -> tuple[str, dict[str, list[str]]]:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    with Store.open(url) as st:
        people = seed(st)
    return url, people


def check_statement(st: dict) -> None:
    uuid.UUID(st["id"])
    assert st["version"] == "1.0.3"
    assert IRI.match(st["verb"]["id"]) and st["verb"]["display"]["en-US"] in ("completed", "scored")
    assert IRI.match(st["object"]["id"]) and st["object"]["objectType"] == "Activity"
    account = st["actor"]["account"]
    assert IRI.match(account["homePage"]) and account["name"]
    assert -1 <= st["result"]["score"]["scaled"] <= 1
    assert all(IRI.match(k) for k in st["result"]["extensions"])
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", st["timestamp"])


def test_one_pseudonymous_statement_per_call(db, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from simulator.cli import main

    url, people = db
    out = tmp_path / "calls.json"
    assert main(["export", "xapi", "--cohort", "Kurs A", "--out", str(out), "--db", url]) == 0
    statements = json.loads(out.read_text())
    assert len(statements) == 20 and out.stat().st_mode & 0o777 == 0o600
    for st in statements:
        check_statement(st)
        assert st["actor"]["account"]["name"] in people["Kurs A"] and "mbox" not in st["actor"]
        assert st["result"]["completion"] is True
    assert "Mensch" not in out.read_text()  # never a name
    clarity = [st["result"]["extensions"]["https://simulator.invalid/xapi/dimension/clarity"] for st in statements]
    assert sorted(set(clarity)) == [10.0, 15.0, 20.0, 25.0]
    assert main(["export", "xapi", "--cohort", "Kurs A", "--out", str(out), "--db", url]) == 2  # no overwrite
    assert main(["export", "xapi", "--cohort", "Kurs A", "--verb", "scored", "--db", url]) == 0
    again = json.loads(capsys.readouterr().out)
    assert {s["id"] for s in again}.isdisjoint({s["id"] for s in statements}) and again[0]["verb"]["display"]["en-US"] == "scored"


def test_hr_gets_gated_cohort_statements_only(db, capsys: pytest.CaptureFixture[str]) -> None:
    from simulator.cli import main

    url, people = db
    assert main(["export", "xapi", "--audience", "hr", "--period", "2025-03", "--db", url]) == 0
    text = capsys.readouterr().out
    statements = json.loads(text)
    # Mini (2 trainees) is hidden, and Kurs A with it (all minus Kurs A = Mini): only the whole stays
    assert [st["actor"]["name"] for st in statements] == ["all cohorts"]
    check_statement(statements[0])
    assert statements[0]["actor"]["objectType"] == "Group"
    assert statements[0]["result"]["extensions"]["https://simulator.invalid/xapi/trainees"] == 7
    for tid in people["Kurs A"] + people["Mini"]:
        assert tid not in text
    assert "Mini" not in text and "Mensch" not in text
    assert main(["export", "xapi", "--audience", "hr", "--since", "2025-03-01", "--db", url]) == 2
