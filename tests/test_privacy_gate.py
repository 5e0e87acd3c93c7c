"""The privacy gate against the attacks of issue 12 (see docs/privacy.md).

* Differencing: an all-time report minus a ``--since`` report gave one
  trainee's total. HR has no free bounds any more, and of two nested views
  (quarter and month, all cohorts and one cohort, a total and its scenarios or
  weeks) HR never gets both when they differ by fewer than k trainees.
* Small cells: a heat-map row, a weekly point or a dimension resting on one
  trainee is suppressed, and so is a second cell that would give it away.
* The invariants hold on random data, for every measure.
"""

from __future__ import annotations

import random
from datetime import datetime
from pathlib import Path

import pytest

from simulator.dialogue.state import CallState, Turn
from simulator.errors import UsageError
from simulator.reports.aggregate import Grain
from simulator.reports.gate import MEASURES, Lattice, Period
from simulator.reports.progress import EmptySelection, Selection, build_report
from simulator.scenario import load
from simulator.storage import Store
from tests.storage_fakes import DIMENSIONS, fake_score

K = 5


def add_call(store: Store, who: str, cohort: str, scenario: str, when: datetime, total: float,
             values: dict[str, float | None] | None = None) -> None:
    from sqlalchemy import update

    from simulator.storage.models import SessionRow

    try:
        store.add_trainee(who, cohort)
    except UsageError:
        pass
    sid = store.begin_session(who, load(scenario), "de", 0)
    store.record_turn(sid, Turn("customer", "Hallo", 0), None)
    state = CallState(scenario_id=scenario, lang="de", seed=0, turn=1, mood=0.0, patience=5.0, trust=50.0,
                      steps_done=(), pushed_back=(), facts=(), act_counts=(), fired_events=(), exchanges=())
    score = fake_score({d: total for d in DIMENSIONS} | (values or {}), lang="de")
    store.finish_session(sid, state, score)
    with store.write() as s:
        s.execute(update(SessionRow).where(SessionRow.id == sid).values(started_at=when))


@pytest.fixture
def store(tmp_path: Path):
    with Store.open(f"sqlite:///{tmp_path / 'gate.db'}") as st:
        yield st


def hr(store: Store, period: str, cohort: str | None = None):
    return build_report(store, Selection(audience="hr", period=period, cohort=cohort))


def test_free_since_bounds_are_refused_for_hr(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    from simulator.cli import main

    with pytest.raises(UsageError, match="--period"):
        build_report(store, Selection(audience="hr", since=datetime(2025, 3, 1).date()))
    assert main(["report", "--audience", "hr", "--since", "2025-03-01", "--format", "csv", "--db", store.url]) == 2
    assert "--period" in capsys.readouterr().err


def test_quarter_minus_month_does_not_give_away_a_lone_trainee(store: Store) -> None:
    for i in range(5):
        for day in (3, 10):
            add_call(store, f"Regular {i}", "Kurs", "checked-plug", datetime(2025, 3, day, 9), 60.0 + i)
    add_call(store, "Lonely", "Kurs", "checked-plug", datetime(2025, 2, 12, 9), 13.0)  # the only call in February
    quarter = hr(store, "2025-Q1")
    assert quarter.n_trainees == 6
    with pytest.raises(EmptySelection):  # March alone would be the quarter minus Lonely's one call
        hr(store, "2025-03")
    with pytest.raises(EmptySelection):
        hr(store, "2025-02")


def test_all_cohorts_minus_the_shown_cohorts_does_not_give_away_a_small_one(store: Store) -> None:
    for cohort, size in (("A", 5), ("B", 6), ("C", 1)):
        for i in range(size):
            add_call(store, f"{cohort} {i}", cohort, "checked-plug", datetime(2025, 3, 4, 9), 50.0 + i)
    rep = hr(store, "2025-03")
    shown = {g.name for g in rep.cohorts}
    assert "C" not in shown
    assert shown != {"A", "B"}  # all minus A minus B would be C's one trainee
    assert rep.n_trainees == 12


def test_a_heat_map_row_or_weekly_point_on_one_trainee_is_suppressed(store: Store) -> None:
    for i in range(6):
        add_call(store, f"P{i}", "Kurs", "checked-plug", datetime(2025, 3, 4, 9), 70.0)
        add_call(store, f"P{i}", "Kurs", "mobile-caller", datetime(2025, 3, 11, 9), 70.0)
    add_call(store, "P0", "Kurs", "diva-complaint", datetime(2025, 3, 25, 9), 3.0)  # one person, own scenario and week
    rep = hr(store, "2025-03")
    heat = {g.name: g for g in rep.heatmap}
    assert heat["diva-complaint"].total is None and "calls" in heat["diva-complaint"].hidden
    assert sum("calls" in g.hidden for g in rep.heatmap) >= 2  # and another row, else total minus the rest = P0's call
    week = {p.label: p for p in rep.progress["total"]}
    assert week["2025-03-24"].value is None
    assert sum(p.value is None for p in rep.progress["total"]) >= 2
    assert rep.n_calls == 13 and 3.0 not in [g.total for g in rep.heatmap]


def test_a_dimension_resting_on_one_trainee_is_suppressed(store: Store) -> None:
    for i in range(6):
        add_call(store, f"P{i}", "Kurs", "checked-plug", datetime(2025, 3, 4, 9), 70.0,
                 {"clarity": 11.0 if i == 0 else None})
    rep = hr(store, "2025-03")
    assert rep.n_trainees == 6
    assert "clarity" not in [s.dimension for s in rep.weakest]
    assert all(g.dimensions.get("clarity") is None for g in rep.heatmap + rep.cohorts)


def test_k_can_only_be_raised(store: Store) -> None:
    with pytest.raises(UsageError):
        store.set_setting("min_group", "3")
    store.set_setting("min_group", "7")
    with pytest.raises(UsageError):
        store.set_setting("min_group", "6")
    for i in range(6):
        add_call(store, f"P{i}", "Kurs", "checked-plug", datetime(2025, 3, 4, 9), 70.0)
    with pytest.raises(EmptySelection):  # 6 < 7
        hr(store, "2025-03")


# -- the invariants on random data ---------------------------------------------------------------
def check_invariants(lat: Lattice) -> None:
    parts = lat._partitions()
    for m in MEASURES:
        hidden = lat.hidden[m]
        for key in lat.cells:
            who = lat._who(key, m)
            if lat.shown(key, m):
                assert len(who) >= lat.k, (m, key)
            if key in hidden:  # nothing inside a hidden cell is shown (it could be added back up)
                assert not any(lat.shown(o, m) for o in lat.cells if lat._inside(o, key)), (m, key)
        for parent, children in parts:
            if lat.shown(parent, m):
                rest = set().union(*[lat._who(c, m) for c in children if c in hidden]) if children else set()
                assert len(rest) == 0 or len(rest) >= lat.k, (m, parent, rest)


@pytest.mark.parametrize("seed", range(12))
def test_no_shown_view_minus_its_shown_parts_isolates_fewer_than_k(seed: int) -> None:
    rng = random.Random(seed)
    quarter = Period.parse("2025-Q1")
    lat = Lattice(quarter, K)
    rows = []
    cohorts = {f"T{i}": rng.choice(["A", "B", "C", "D"]) for i in range(rng.randint(6, 30))}
    for trainee, cohort in cohorts.items():
        for _ in range(rng.randint(1, 6)):
            month = rng.choice(["2025-01", "2025-02", "2025-03"])
            week = f"{month}-0{rng.randint(1, 4)}"
            sums = {d: 50.0 for d in DIMENSIONS}
            counts = {d: (0 if rng.random() < 0.15 else 1) for d in DIMENSIONS}
            rows.append(((trainee, cohort, rng.choice(["s1", "s2", "s3"]), week, month), Grain.of(1, 50.0, sums, counts)))
    lat.add(rows)
    lat.suppress()
    check_invariants(lat)


def test_released_hr_figures_do_not_move_after_a_deletion(store: Store) -> None:
    for i in range(7):
        add_call(store, f"P{i}", "Kurs", "checked-plug", datetime(2025, 3, 4, 9), 50.0 + 10 * (i == 6))
    before = hr(store, "2025-03")
    assert before.n_trainees == 7 and before.total == pytest.approx(51.4, abs=0.05)
    store.delete_trainee("P6")  # before minus after would be P6's call, were the figures recomputed
    after = hr(store, "2025-03")
    assert (after.n_trainees, after.n_calls, after.total) == (before.n_trainees, before.n_calls, before.total)
    assert hr(store, "2025-Q1").n_trainees == 7
    with store.engine.connect() as conn:  # released figures hold counts and means, no trainee ids
        assert "T-" not in " ".join(str(r) for r in conn.exec_driver_sql("SELECT * FROM hr_figures").all())
    store.set_setting("min_group", "7")  # a new k releases the quarter anew: 6 trainees left, below 7
    with pytest.raises(EmptySelection):
        hr(store, "2025-03")


def test_the_gate_hides_the_same_cells_whatever_order_the_rows_come_in() -> None:
    rng = random.Random(2)  # with this data, checking parents in the rows' order hid different cells per order
    rows = []
    for i in range(25):  # small cohorts and thin months: much to hide, more than one way to do it
        cohort = rng.choice(["A", "B", "C"])
        for _ in range(rng.randint(1, 4)):
            month = rng.choice(["2025-01", "2025-02", "2025-03"])
            rows.append(((f"T{i}", cohort, rng.choice(["s1", "s2"]), f"{month}-0{rng.randint(1, 4)}", month),
                         Grain.of(1, 50.0, {d: 50.0 for d in DIMENSIONS}, {d: 1 for d in DIMENSIONS})))
    hidden = []
    for order in range(6):  # the database returns GROUP BY rows in no fixed order
        rng.shuffle(rows)
        lat = Lattice(Period.parse("2025-Q1"), K)
        lat.add(rows)
        lat.suppress()
        check_invariants(lat)
        hidden.append(lat.hidden)
    assert all(h == hidden[0] for h in hidden)


def test_a_release_reads_the_quarter_in_one_statement(store: Store) -> None:
    from sqlalchemy import event

    for i in range(6):
        add_call(store, f"P{i}", "Kurs", "checked-plug", datetime(2025, 3, 4 + i, 9), 60.0)
    reads: list[str] = []

    def seen(conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001
        if "sessions" in statement.lower():
            reads.append(statement)

    event.listen(store.engine, "before_cursor_execute", seen)
    try:
        assert hr(store, "2025-Q1").n_trainees == 6
    finally:
        event.remove(store.engine, "before_cursor_execute", seen)
    assert len(reads) == 1  # one snapshot: a deletion meanwhile cannot make a total disagree with its parts
