"""Progress reports (simulator report) on real SQLite and PostgreSQL stores.

Checks the numbers (progress, heat map, weakest skills), the privacy rules
for HR (no names, no quotes, no group under five, aggregates only unless
switched), and the three formats (HTML with embedded plots, CSV, PDF).
"""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path

import pytest

from simulator.dialogue import Engine
from simulator.errors import UsageError
from simulator.reports.progress import EmptySelection, Selection, build_report, csv_rows, write_csv, write_html, write_pdf
from simulator.scenario import load
from simulator.storage import Store
from simulator.storage.models import utcnow
from tests.conftest_pg import pg_server, pg_url  # noqa: F401
from tests.storage_fakes import DIMENSIONS, fake_score

QUOTE = "Das ist halt ein DHCP-Lease-Problem, Ende."


def seed(store: Store) -> dict[str, list[str]]:
    """Cohort 'Kurs A' (5 trainees), 'Mini' (2 trainees); four weekly calls each, improving, clarity weakest."""
    from sqlalchemy import update

    from simulator.storage.models import SessionRow

    engines = {sid: Engine(load(sid), "de") for sid in ("checked-plug", "mobile-caller")}
    now = utcnow()
    people: dict[str, list[str]] = {"Kurs A": [], "Mini": []}
    for cohort, size in (("Kurs A", 5), ("Mini", 2)):
        for i in range(size):
            tid = store.add_trainee(f"{cohort} Mensch{i}", cohort)
            people[cohort].append(tid)
            for week in range(4):
                scen = "checked-plug" if week % 2 == 0 else "mobile-caller"
                engine = engines[scen]
                state = engine.start(week)
                sid = store.begin_session(tid, engine.scenario, "de", week, "practice", False)
                state = engine.respond(state, "Guten Tag, was ist passiert?")
                store.record_turn(sid, state.transcript[-2], state.transcript[-1])
                values = {d: 40.0 + 10 * week for d in DIMENSIONS}
                values["clarity"] = 10.0 + 5 * week
                values["checklist"] = 90.0 if scen == "checked-plug" else 30.0
                store.finish_session(sid, engine.finish(state), fake_score(values, {"clarity": QUOTE}, lang="de"))
                with store.write() as s:
                    s.execute(update(SessionRow).where(SessionRow.id == sid)
                              .values(started_at=now - timedelta(days=7 * (4 - week))))
    return people


@pytest.fixture
def store(tmp_path: Path):
    with Store.open(f"sqlite:///{tmp_path / 'report.db'}") as st:
        st.people = seed(st)
        yield st


def test_numbers_progress_heatmap_and_weakest_skill(store: Store) -> None:
    rep = build_report(store, Selection(cohort="Kurs A", audience="instructor"))
    assert len(rep.calls) == 20 and rep.trainee_count == 5
    assert rep.period == "week"
    totals = [v for _, v in rep.progress["clarity"]]
    assert totals == sorted(totals) and totals[0] == 10.0 and totals[-1] == 25.0
    assert rep.heatmap["checked-plug"]["checklist"] == 90.0 and rep.heatmap["mobile-caller"]["checklist"] == 30.0
    assert rep.weakest[0].dimension == "clarity" and rep.weakest[0].mean == 17.5
    assert rep.weakest[0].quotes[0][0] == QUOTE
    assert [g.name for g in rep.cohorts] == ["Kurs A"]


def test_one_trainee_progress_is_per_call(store: Store) -> None:
    tid = store.people["Kurs A"][0]
    rep = build_report(store, Selection(trainee=tid, audience="trainee"))
    assert rep.period == "call" and len(rep.progress["total"]) == 4
    assert rep.names == {tid: "Kurs A Mensch0"}


def test_instructor_html_has_plots_names_quotes_and_notes(store: Store) -> None:
    sid = store.history(store.people["Kurs A"][1])[0]["id"]
    store.adjust(sid, dimension="clarity", delta=5, reason="erklärte den Begriff später", author="Frau Kurz")
    out = io.StringIO()
    write_html(build_report(store, Selection(audience="instructor")), out)
    html = out.getvalue()
    assert html.count("data:image/png;base64,") == 3  # progress, heat map, cohorts compared
    assert "Kurs A Mensch1" in html and "DHCP-Lease-Problem" in html
    assert "erklärte den Begriff später" in html and "clarity +5" in html
    assert "Mini" in html


def test_hr_sees_aggregates_only_no_names_no_quotes_no_small_groups(store: Store) -> None:
    rep = build_report(store, Selection(audience="hr"))
    out = io.StringIO()
    write_html(rep, out)
    html = out.getvalue()
    assert [g.name for g in rep.cohorts] == ["Kurs A"]  # 'Mini' has 2 trainees < 5
    assert "Mini" not in html and "Mensch" not in html and "DHCP" not in html
    for tid in store.people["Kurs A"] + store.people["Mini"]:
        assert tid not in html
    assert "fewer than 5" in html
    rows = csv_rows(rep)
    assert rows[0][:4] == ["cohort", "trainees", "calls", "total"] and [r[0] for r in rows[1:]] == ["Kurs A"]


def test_hr_may_not_see_one_person_unless_switched_to_individual(store: Store) -> None:
    tid = store.people["Kurs A"][0]
    with pytest.raises(UsageError):
        build_report(store, Selection(trainee=tid, audience="hr"))
    store.set_setting("hr_view", "individual")
    rep = build_report(store, Selection(trainee=tid, audience="hr"))
    out = io.StringIO()
    write_html(rep, out)
    assert tid in out.getvalue() and "Mensch" not in out.getvalue() and "DHCP" not in out.getvalue()
    assert rep.names == {}


def test_hr_small_cohort_alone_is_an_empty_selection(store: Store) -> None:
    with pytest.raises(EmptySelection) as err:
        build_report(store, Selection(cohort="Mini", audience="hr"))
    assert err.value.exit_code == 1


def test_csv_has_one_row_per_call_with_pseudonyms(store: Store) -> None:
    out = io.StringIO()
    write_csv(build_report(store, Selection(cohort="Mini")), out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0][:7] == ["session", "date", "trainee", "cohort", "scenario", "mode", "total"]
    assert len(rows) == 1 + 8 and {r[2] for r in rows[1:]} == set(store.people["Mini"])
    assert "Mensch" not in out.getvalue()


def test_since_filters_calls(store: Store) -> None:
    since = (utcnow() - timedelta(days=15)).date()
    rep = build_report(store, Selection(cohort="Kurs A", since=since))
    assert len(rep.calls) == 10


def test_private_runs_only_in_the_trainees_own_report(store: Store) -> None:
    tid = store.people["Mini"][0]
    store.set_setting("store_private", "true")
    engine = Engine(load("checked-plug"), "de")
    state = engine.start(0)
    sid = store.begin_session(tid, engine.scenario, "de", 0, "practice", True)
    store.finish_session(sid, engine.finish(state), fake_score())
    assert len(build_report(store, Selection(trainee=tid, audience="trainee")).calls) == 5
    assert len(build_report(store, Selection(trainee=tid, audience="instructor")).calls) == 4


def test_pdf_has_text_and_plot_pages(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "r.pdf"
    write_pdf(build_report(store, Selection(audience="instructor")), str(path))
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    assert data.count(b"/Type /Page") - data.count(b"/Type /Pages") == 4  # one text page, three plots


def test_report_command_formats_and_empty_selection(store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from simulator.cli import main

    db = store.url
    assert main(["report", "--cohort", "Kurs A", "--out", str(tmp_path / "a.html"), "--db", db]) == 0
    assert "<html" in (tmp_path / "a.html").read_text()
    assert main(["report", "--audience", "hr", "--format", "csv", "--db", db]) == 0
    assert capsys.readouterr().out.startswith("cohort,trainees,calls,total")
    assert main(["report", "--out", str(tmp_path / "all.pdf"), "--db", db]) == 0
    assert (tmp_path / "all.pdf").read_bytes().startswith(b"%PDF")
    capsys.readouterr()
    future = (date.today() + timedelta(days=30)).isoformat()
    assert main(["report", "--since", future, "--format", "csv", "--db", db]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("simulator: no finished, scored calls") and "\n" not in err
    assert main(["report", "--cohort", "Nope", "--db", db]) == 2
    assert main(["report", "--format", "pdf", "--db", db]) == 2


def test_report_on_postgresql(pg_url: str) -> None:
    with Store.open(pg_url) as st:
        seed(st)
        rep = build_report(st, Selection(audience="hr"))
        assert [g.name for g in rep.cohorts] == ["Kurs A"] and rep.weakest[0].dimension == "clarity"
        assert rep.weakest[0].quotes == ()
        rep = build_report(st, Selection(cohort="Kurs A", since=date.today() - timedelta(days=15)))
        assert len(rep.calls) == 10 and rep.weakest[0].quotes[0][0] == QUOTE
