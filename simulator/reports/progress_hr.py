"""HR's progress report: a fixed, closed period and only what the privacy gate lets through.

Every figure comes from the quarter's :class:`~simulator.reports.gate.Lattice`
(built over all cohorts, so every HR report of the quarter hides the same
cells). A hidden figure is shown as "suppressed", never as a number. With
``hr_view=individual`` the works council has allowed per-pseudonym rows: those
are shown (by pseudonym, never by name), and a ``--trainee`` report names the
person by pseudonym only.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from simulator.errors import UsageError
from simulator.reports.aggregate import Agg, Filter, grains, lattice_rows
from simulator.reports.gate import ALL, MEASURES, SCENARIO, TOTAL, WEEK, Lattice, Period
from simulator.reports.hr_release import released
from simulator.reports.progress_model import (
    EmptySelection, GroupRow, Point, Progress, Report, Selection, dimensions_of, group_row, points, round1,
    weakest_skills,
)


def _period(sel: Selection, today: Any) -> Period:
    if sel.since:
        raise UsageError("HR reports cover fixed periods: use --period 2025-03 (a month) or --period 2025-Q1 "
                         "(a quarter) instead of --since")
    period = Period.parse(sel.period) if sel.period else Period.last_closed_quarter(today)
    period.check_closed(today)
    return period


def _individual(store: Any, sel: Selection, period: Period, k: int, step: Progress) -> Report:
    from simulator.storage.models import utcnow

    tid = store.resolve(sel.trainee)
    f = Filter(trainee=tid, start=period.start, end=period.end)
    step("reading calls")
    agg, by_scenario = Agg(), defaultdict(Agg)
    for (trainee, scenario), g in grains(store, f, ("trainee", "scenario")):
        agg.add(trainee, g)
        by_scenario[scenario].add(trainee, g)
    if not agg.calls:
        raise EmptySelection(f"no finished, scored calls for trainee {tid} in {period.label}: nothing to report")
    weeks: dict[str, Agg] = defaultdict(Agg)
    for (trainee, week), g in grains(store, f, ("trainee", "week")):
        weeks[week].add(trainee, g)
    dims = dimensions_of([agg])
    return Report(
        title=f"Progress report: trainee {tid}, {period.label} (for HR)", selection=sel, generated=utcnow(),
        dimensions=dims, n_calls=agg.calls, n_trainees=1, period="week", progress=points(weeks, dims),
        heatmap=tuple(group_row(s, a, dims) for s, a in sorted(by_scenario.items())),
        weakest=weakest_skills({d: round1(agg.mean(d)) for d in dims}, lambda ranked: {}),
        cohorts=(), individuals=(group_row(tid, agg, dims),), adjustments=(),
        notes=(f"Reporting period {period.label}. Shown by pseudonym only because the privacy setting "
               "hr_view=individual allows it; no names, no quotes.",), k=k, period_label=period.label,
        total=round1(agg.mean()), overall={d: round1(agg.mean(d)) for d in dims})


def build_hr_report(store: Any, sel: Selection, step: Progress) -> Report:
    """The HR report of ``sel`` (fixed period, privacy gate); EmptySelection when the gate leaves nothing."""
    from simulator.storage.models import utcnow

    today = utcnow().date()
    period = _period(sel, today)
    k = int(store.setting("min_group"))
    hr_view = store.setting("hr_view")
    if sel.trainee:
        if hr_view != "individual":
            raise UsageError("HR reports show cohort aggregates only (privacy setting hr_view=aggregates); ask the "
                             "works council / admin to change it with 'simulator privacy set hr_view individual'")
        return _individual(store, sel, period, k, step)
    step("reading calls")
    quarter = period.quarter()

    def compute() -> Lattice:
        end = min(quarter.end, today.replace(day=1))  # an open quarter: its closed months only
        f = Filter(start=quarter.start, end=end)
        lattice = Lattice(quarter, k)
        lattice.load(*lattice_rows(store, f))
        step("privacy gate")
        lattice.suppress()
        return lattice

    if quarter.end <= today:  # a closed quarter: released once, then the same figures for ever
        lattice: Any = released(store, quarter.label, period.label, k, compute)
    else:
        lattice = compute()
    scope, time = sel.cohort or ALL, period.label
    what = f"cohort {sel.cohort}" if sel.cohort else "all cohorts"
    top_key = (scope, time, TOTAL, "")
    if not lattice.shown(top_key):
        raise EmptySelection(f"no figures HR may see for {what} in {period.label} (groups of at least {k} trainees; "
                             "smaller ones, and any that would reveal them, are suppressed): nothing to report")
    top = lattice.cell(top_key)
    dims = dimensions_of([top])

    def row(key: tuple[str, str, str, str], name: str) -> GroupRow:
        agg = lattice.cell(key) or Agg()
        hidden = frozenset(m for m in MEASURES if not lattice.shown(key, m))
        return group_row(name, agg, dims, hidden)

    keys = [k_ for k_ in lattice.cells if k_[1] == time]
    cell = lattice.cell
    cohorts, left_out = [], 0
    for c in sorted({k_[0] for k_ in keys if k_[0] != ALL}):
        if scope not in (ALL, c):
            continue
        if lattice.shown((c, time, TOTAL, "")):
            cohorts.append(row((c, time, TOTAL, ""), c))
        else:
            left_out += 1
    heatmap = tuple(row(k_, k_[3]) for k_ in sorted(k_ for k_ in keys if k_[0] == scope and k_[2] == SCENARIO))
    progress: dict[str, list[Point]] = defaultdict(list)
    for key in sorted(k_ for k_ in keys if k_[0] == scope and k_[2] == WEEK):
        agg = cell(key)
        for m in ("total", *dims):
            measure = "calls" if m == "total" else m
            if m != "total" and not agg.counts.get(m):
                continue
            ok = lattice.shown(key, measure)
            progress[m].append(Point(key[3], round1(agg.mean(None if m == "total" else m)) if ok else None,
                                     agg.n(None if m == "total" else m) if ok else 0,
                                     (agg.calls if m == "total" else agg.counts[m]) if ok else 0))
    overall = {d: round1(top.mean(d)) for d in dims if lattice.shown(top_key, d)}
    individuals: tuple[GroupRow, ...] = ()
    if hr_view == "individual":
        by_trainee: dict[str, Agg] = defaultdict(Agg)
        for (trainee,), g in grains(store, Filter(cohort=sel.cohort, start=period.start, end=period.end), ("trainee",)):
            by_trainee[trainee].add(trainee, g)
        individuals = tuple(group_row(t, a, dims) for t, a in sorted(by_trainee.items()))
    notes = [f"Reporting period {period.label} (closed). Every figure rests on at least {k} distinct trainees; "
             "figures that would let a smaller group be worked out from the others are suppressed too "
             "(privacy gate, see docs/privacy.md)."]
    if left_out:
        notes.append(f"{left_out} group(s) with fewer than {k} trainees (or protecting such a group) not shown.")
    notes.append("Trainees appear only by pseudonym; no quotes from calls are shown to HR.")
    return Report(
        title=f"Progress report: {what}, {period.label} (for HR)", selection=sel, generated=utcnow(), dimensions=dims,
        n_calls=top.calls, n_trainees=top.n(), period="week", progress=dict(progress), heatmap=heatmap,
        weakest=weakest_skills(overall, lambda ranked: {}), cohorts=tuple(cohorts), individuals=individuals,
        adjustments=(), notes=tuple(notes), k=k, period_label=period.label, total=round1(top.mean()), overall=overall)
