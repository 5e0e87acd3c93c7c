"""Progress reports (simulator report) on real SQLite and PostgreSQL stores.

Checks the numbers (progress, heat map with n, weakest skills with the
trainee's own lines), what each audience sees, and the three formats (HTML
with embedded plots, streamed CSV, typeset PDF). The privacy gate's attacks
are in tests/test_privacy_gate.py.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from simulator.dialogue import Engine
from simulator.errors import UsageError
from simulator.reports.progress import EmptySelection, Selection, build_report, csv_rows, write_csv, write_html, write_pdf
from simulator.scenario import load
from simulator.storage import Store
from tests.conftest_pg import pg_server, pg_url  # noqa: F401
from tests.storage_fakes import DIMENSIONS, fake_score

QUOTE = "Das ist halt ein DHCP-Lease-Problem, Ende."
LINE = "Das ist halt ein DHCP-Lease-Problem, Ende. Starten Sie neu."
START = datetime(2025, 3, 3, 9, 0)
"""Monday of the first seeded week (all seeded calls lie in March 2025, a closed quarter)."""


def seed(store: Store) -> dict[str, list[str]]:
    """Cohort 'Kurs A' (5 trainees), 'Mini' (2 trainees); four weekly calls each in March 2025, improving."""
    from sqlalchemy import update

    from simulator.storage.models import SessionRow

    engines = {sid: Engine(load(sid), "de") for sid in ("checked-plug", "mobile-caller")}
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
                state = engine.respond(state, LINE)
                store.record_turn(sid, state.transcript[-2], state.transcript[-1])
                values = {d: 40.0 + 10 * week for d in DIMENSIONS}
                values["clarity"] = 10.0 + 5 * week
                values["checklist"] = 90.0 if scen == "checked-plug" else 30.0
                store.finish_session(sid, engine.finish(state), fake_score(values, {"clarity": QUOTE}, lang="de"))
                with store.write() as s:
                    s.execute(update(SessionRow).where(SessionRow.id == sid).values(started_at=START + timedelta(days=7 * week)))
    return people


@pytest.fixture
def store(tmp_path: Path):
    with Store.open(f"sqlite:///{tmp_path / 'report.db'}") as st:
        st.people = seed(st)
        yield st


def test_numbers_progress_heatmap_and_weakest_skill(store: Store) -> None:
    rep = build_report(store, Selection(cohort="Kurs A", audience="instructor"))
    assert rep.n_calls == 20 and rep.trainee_count == 5
    assert rep.period == "week"
    clarity = [p.value for p in rep.progress["clarity"]]
    assert clarity == [10.0, 15.0, 20.0, 25.0] and [p.trainees for p in rep.progress["clarity"]] == [5] * 4
    heat = {g.name: g for g in rep.heatmap}
    assert heat["checked-plug"].dimensions["checklist"] == 90.0 and heat["mobile-caller"].dimensions["checklist"] == 30.0
    assert heat["checked-plug"].trainees == 5 and heat["checked-plug"].dim_trainees["checklist"] == 5
    assert rep.weakest[0].dimension == "clarity" and rep.weakest[0].mean == 17.5
    ex = rep.weakest[0].examples[0]
    assert ex.quote == QUOTE and ex.turn == 1 and ex.scenario in ("checked-plug", "mobile-caller") and ex.lang == "de"
    assert [g.name for g in rep.cohorts] == ["Kurs A"]


def test_examples_are_never_the_customers_words(store: Store) -> None:
    from simulator.reports.progress_examples import find_examples
    from simulator.reports.aggregate import Filter

    tid = store.people["Mini"][0]
    engine = Engine(load("checked-plug"), "de")
    state = engine.respond(engine.start(0), "Hallo?")
    sid = store.begin_session(tid, engine.scenario, "de", 0)
    store.finish_session(sid, engine.finish(state), fake_score({"empathy": 5.0}, {"empathy": "Mein Drucker ist kaputt!"}))
    found = find_examples(store, Filter(trainee=tid), ["empathy", "clarity"])
    assert found["empathy"] == []  # the quote was not the trainee's line: never used
    assert [e.quote for e in found["clarity"]] == [QUOTE]


def test_one_trainee_progress_is_per_call(store: Store) -> None:
    tid = store.people["Kurs A"][0]
    rep = build_report(store, Selection(trainee=tid, audience="trainee"))
    assert rep.period == "call" and len(rep.progress["total"]) == 4 and len(rep.calls) == 4
    assert rep.names == {tid: "Kurs A Mensch0"}


def test_instructor_html_has_plots_names_quotes_n_and_notes(store: Store) -> None:
    sid = store.history(store.people["Kurs A"][1])[0]["id"]
    store.adjust(sid, dimension="clarity", delta=5, reason="erklärte den Begriff später", author="Frau Kurz")
    out = io.StringIO()
    write_html(build_report(store, Selection(audience="instructor")), out)
    html = out.getvalue()
    assert html.count("data:image/png;base64,") == 3  # progress panels, heat map, cohorts compared
    assert "Kurs A Mensch1" in html and "\u201eDas ist halt ein DHCP-Lease-Problem, Ende.\u201c" in html
    assert "turn 1" in html and "erklärte den Begriff später" in html and "clarity +5" in html
    assert "Mini" in html and "do not pass to HR" in html


def test_english_calls_get_english_quotation_marks() -> None:
    from simulator.reports.progress_render import quoted

    assert quoted("Hi", "en") == "\u201cHi\u201d" and quoted("Hallo", "de") == "\u201eHallo\u201c"


def test_hr_sees_gated_aggregates_only_no_names_no_quotes(store: Store) -> None:
    rep = build_report(store, Selection(audience="hr", period="2025-Q1"))
    out = io.StringIO()
    write_html(rep, out)
    html = out.getvalue()
    # 'Mini' has 2 trainees < 5, and 'Kurs A' = all minus 'Mini': showing it would reveal Mini. Only the total stays.
    assert rep.cohorts == () and rep.n_trainees == 7 and rep.n_calls == 28
    assert "Mini" not in html and "Kurs A" not in html and "Mensch" not in html and "DHCP" not in html
    for tid in store.people["Kurs A"] + store.people["Mini"]:
        assert tid not in html
    assert "2 group(s) with fewer than 5" in html and "2025-Q1" in rep.title
    rows = list(csv_rows(rep))
    assert rows == [["cohort", "trainees", "calls", "total", *rep.dimensions]]
    with pytest.raises(EmptySelection):  # the same lattice: Kurs A is hidden in its own report too
        build_report(store, Selection(audience="hr", period="2025-Q1", cohort="Kurs A"))


def test_hr_may_not_see_one_person_unless_switched_to_individual(store: Store) -> None:
    tid = store.people["Kurs A"][0]
    with pytest.raises(UsageError):
        build_report(store, Selection(trainee=tid, audience="hr", period="2025-03"))
    store.set_setting("hr_view", "individual")
    rep = build_report(store, Selection(trainee="Kurs A Mensch0", audience="hr", period="2025-03"))
    out = io.StringIO()
    write_html(rep, out)
    assert rep.title == f"Progress report: trainee {tid}, 2025-03 (for HR)"  # the pseudonym, never the name
    assert tid in out.getvalue() and "Mensch" not in out.getvalue() and "DHCP" not in out.getvalue()
    assert rep.names == {}


def test_hr_uses_fixed_closed_periods(store: Store) -> None:
    with pytest.raises(UsageError, match="--period"):
        build_report(store, Selection(audience="hr", since=date(2025, 3, 10)))
    with pytest.raises(UsageError, match="closed periods"):
        build_report(store, Selection(audience="hr", period=f"{date.today().year}-{date.today().month:02d}"))
    with pytest.raises(UsageError):
        build_report(store, Selection(audience="hr", period="2025-13"))
    assert build_report(store, Selection(audience="hr", period="2025-03")).n_calls == 28


def test_hr_small_cohort_alone_is_an_empty_selection(store: Store) -> None:
    with pytest.raises(EmptySelection) as err:
        build_report(store, Selection(cohort="Mini", audience="hr", period="2025-Q1"))
    assert err.value.exit_code == 1


def test_csv_has_one_row_per_call_with_pseudonyms(store: Store) -> None:
    out = io.StringIO()
    write_csv(build_report(store, Selection(cohort="Mini")), out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0][:7] == ["session", "date", "trainee", "cohort", "scenario", "mode", "total"]
    assert len(rows) == 1 + 8 and {r[2] for r in rows[1:]} == set(store.people["Mini"])
    assert "Mensch" not in out.getvalue()


def test_since_and_period_filter_calls(store: Store) -> None:
    assert build_report(store, Selection(cohort="Kurs A", since=date(2025, 3, 12))).n_calls == 10
    with pytest.raises(EmptySelection):
        build_report(store, Selection(cohort="Kurs A", period="2025-02"))


def test_private_runs_only_in_the_trainees_own_report(store: Store) -> None:
    tid = store.people["Mini"][0]
    store.set_setting("store_private", "true")
    engine = Engine(load("checked-plug"), "de")
    state = engine.start(0)
    sid = store.begin_session(tid, engine.scenario, "de", 0, "practice", True)
    store.finish_session(sid, engine.finish(state), fake_score())
    assert build_report(store, Selection(trainee=tid, audience="trainee")).n_calls == 5
    assert build_report(store, Selection(trainee=tid, audience="instructor")).n_calls == 4


def test_pdf_is_typeset_with_title_page_tables_plots_and_page_numbers(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "r.pdf"
    with open(path, "wb") as fh:
        write_pdf(build_report(store, Selection(audience="instructor")), fh)
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    assert data.count(b"/Type /Page\n") >= 3  # title page, then sections (tables wrap, plots scaled to the page)
    assert b"DejaVuSans" in data
    assert data.count(b"/Subtype /Image") >= 3


def test_report_command_formats_files_and_empty_selection(store: Store, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    from simulator.cli import main

    db = store.url
    target = tmp_path / "a.html"
    assert main(["report", "--cohort", "Kurs A", "--out", str(target), "--db", db]) == 0
    assert "<html" in target.read_text() and target.stat().st_mode & 0o777 == 0o600
    assert main(["report", "--cohort", "Kurs A", "--out", str(target), "--db", db]) == 2  # no silent overwrite
    assert "--force" in capsys.readouterr().err
    assert main(["report", "--cohort", "Kurs A", "--out", str(target), "--force", "--db", db]) == 0
    link = tmp_path / "link.html"
    link.symlink_to(tmp_path / "elsewhere.html")
    assert main(["report", "--out", str(link), "--force", "--db", db]) == 2
    assert not (tmp_path / "elsewhere.html").exists()
    assert main(["report", "--audience", "hr", "--period", "2025-Q1", "--format", "csv", "--db", db]) == 0
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
    capsys.readouterr()
    assert main(["report", "--format", "pdf", "--out", str(tmp_path / "nodir" / "x.pdf"), "--db", db]) == 2
    err = capsys.readouterr().err.strip()
    assert "does not exist" in err and "\n" not in err and "Traceback" not in err
    assert not list(tmp_path.glob(".*.part"))


def test_a_dollar_in_a_cohort_name_is_plain_text_in_plots(store: Store) -> None:
    for i in range(2):
        store.set_cohort(store.people["Mini"][i], "Team $x^2$ \\alpha")
    out = io.StringIO()
    write_html(build_report(store, Selection(audience="instructor")), out)
    assert "Team $x^2$ \\alpha" in out.getvalue()


def test_report_on_postgresql(pg_url: str) -> None:
    with Store.open(pg_url) as st:
        seed(st)
        rep = build_report(st, Selection(audience="hr", period="2025-03"))
        assert rep.cohorts == () and rep.n_trainees == 7 and rep.weakest[0].dimension == "clarity"
        assert rep.weakest[0].examples == () and [p.label for p in rep.progress["total"]][0] == "2025-03-03"
        rep = build_report(st, Selection(cohort="Kurs A", since=date(2025, 3, 12)))
        assert rep.n_calls == 10 and rep.weakest[0].examples[0].quote == QUOTE
