"""Progress reports over many stored calls, for trainees, instructors and HR.

:func:`build_report` asks the database for grouped sums
(:mod:`simulator.reports.aggregate`) and assembles what a report shows:
progress over time per rubric dimension, a scenario x dimension heat map
with the number of trainees behind every cell, the weakest skills with
example lines the trainee said, and a comparison of cohorts. The writers
(:func:`write_html`, :func:`write_csv`, :func:`write_pdf`) live in
:mod:`simulator.reports.progress_render` and are re-exported here.

Privacy: HR reports name nobody and quote nobody, cover a fixed period (a
closed month or quarter) and pass every figure through the privacy gate
(:mod:`simulator.reports.gate`, docs/privacy.md).
"""

from __future__ import annotations

from collections import defaultdict
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date, datetime
from typing import Any

from simulator.errors import UsageError
from simulator.reports.aggregate import (
    ANONYMOUS_LABEL, NO_COHORT, Agg, Filter, buckets, call_rows, check_cohort, grains, span,
)
from simulator.reports.progress_examples import find_examples
from simulator.reports.progress_hr import build_hr_report
from simulator.reports.progress_model import (
    AUDIENCES, FORMATS, PER_CALL_LIMIT, Call, EmptySelection, Example, GroupRow, Point, Progress, Report,
    Selection, Skill, dimensions_of, group_row, round1, weakest_skills,
)
from simulator.reports.progress_render import (  # re-exported: the public names of a progress report
    adjustment_text, csv_rows, figures, write_csv, write_html, write_pdf,
)
from simulator.vocabulary import DIMENSIONS as DIMENSION_ORDER

__all__ = ["AUDIENCES", "FORMATS", "Call", "EmptySelection", "Example", "GroupRow", "Point", "Report", "Selection",
           "Skill", "adjustment_text", "build_report", "csv_rows", "figures", "write_csv", "write_html", "write_pdf"]

__all__ += ["ANONYMOUS_LABEL", "NO_COHORT", "group_row", "AUDIENCES", "FORMATS", "PER_CALL_LIMIT", "Progress"]


def build_report(store: Any, sel: Selection, *, progress: Progress | None = None, data_only: bool = False) -> Report:
    """Compute the report for ``sel``; raises EmptySelection (exit 1) when no scored call matches.

    ``data_only``: only what the CSV needs (no progress series, examples, notes or names).
    """
    step = progress or (lambda label: None)
    if sel.audience not in AUDIENCES:
        raise UsageError(f"audience must be one of {', '.join(AUDIENCES)}")
    if sel.audience == "trainee" and not sel.trainee:
        raise UsageError("a trainee report needs --trainee")
    if sel.audience != "hr" and sel.period:
        from simulator.reports.gate import Period

        period = Period.parse(sel.period)
        if sel.since:
            raise UsageError("give --since or --period, not both")
        sel = Selection(sel.trainee, sel.cohort, period.start, sel.audience, sel.period)
    if sel.cohort:
        check_cohort(store, sel.cohort)
    if sel.audience == "hr":
        return build_hr_report(store, sel, step)
    step("reading calls")
    tid = store.resolve(sel.trainee) if sel.trainee else None
    f = Filter(trainee=tid, cohort=sel.cohort, start=sel.since, end=_end_of(sel), include_private=sel.audience == "trainee")
    with ThreadPoolExecutor(max_workers=3) as pool:  # the database works on the queries side by side
        later = None if data_only or tid else pool.submit(_progress, store, f, DIMENSION_ORDER)
        notes_later = None if data_only else pool.submit(_adjustments, store, f)
        examples = None if data_only else pool.submit(find_examples, store, f, list(DIMENSION_ORDER))
        rows = grains(store, f, ("trainee", "cohort", "scenario"))
        return _assemble(store, sel, f, tid, rows, step, data_only, later, notes_later, examples)


def _assemble(store: Any, sel: Selection, f: Filter, tid: str | None, rows: list[Any], step: Progress, data_only: bool,
              later: Future[Any] | None, notes_later: Future[Any] | None, examples: Future[Any] | None) -> Report:
    what = f"trainee {sel.trainee}" if sel.trainee else f"cohort {sel.cohort}" if sel.cohort else "the store"
    if not rows:
        since = f" since {sel.since.isoformat()}" if sel.since else ""
        raise EmptySelection(f"no finished, scored calls for {what}{since}: nothing to report")
    step("computing aggregates")
    overall, by_cohort, by_trainee, by_scenario = Agg(), defaultdict(Agg), defaultdict(Agg), defaultdict(Agg)
    for (trainee, cohort, scenario), g in rows:
        overall.add(trainee, g)
        by_cohort[cohort].add(trainee, g)
        by_trainee[trainee].add(trainee, g)
        by_scenario[scenario].add(trainee, g)
    dims = dimensions_of([overall])
    calls: tuple[Call, ...] = ()
    if tid and overall.calls <= PER_CALL_LIMIT:
        calls = tuple(Call(r[0], r[2], r[3], r[4], r[1], r[5], float(r[6]),
                           dict(zip(DIMENSION_ORDER, r[7:7 + len(DIMENSION_ORDER)])))
                      for r in call_rows(store, f))
        period = "call"
        prog = {"total": [Point(c.started.strftime("%Y-%m-%d %H:%M"), c.total, 1, 1) for c in calls]}
        for d in dims:
            prog[d] = [Point(c.started.strftime("%Y-%m-%d %H:%M"), v, 1, 1) for c in calls
                       if (v := c.scores.get(d)) is not None]
    else:
        period, prog = ("week", {}) if later is None else later.result()
    overall_dims = {d: round1(overall.mean(d)) for d in dims}
    weakest = weakest_skills(overall_dims, lambda ranked: {} if examples is None else examples.result())
    names = store.names(set(by_trainee)) if by_trainee and not data_only else {}
    audience = {"trainee": "for the trainee", "instructor": "for instructors"}[sel.audience]
    return Report(
        title=f"Progress report: {what} ({audience})", selection=sel, generated=_now(), dimensions=dims,
        n_calls=overall.calls, n_trainees=len(overall.trainees), period=period, progress=prog,
        heatmap=tuple(group_row(s, a, dims) for s, a in sorted(by_scenario.items())), weakest=weakest,
        cohorts=tuple(group_row(c, a, dims) for c, a in sorted(by_cohort.items())),
        individuals=tuple(group_row(t, a, dims) for t, a in sorted(by_trainee.items())),
        adjustments=() if notes_later is None else notes_later.result(), notes=(), k=int(store.setting("min_group")), calls=calls, names=names,
        rows=lambda: call_rows(store, f), total=round1(overall.mean()), overall=overall_dims)


def _end_of(sel: Selection) -> date | None:
    if sel.period and sel.audience != "hr":
        from simulator.reports.gate import Period

        return Period.parse(sel.period).end
    return None


def _now() -> datetime:
    from simulator.storage.models import utcnow

    return utcnow()


def _progress(store: Any, f: Filter, dims: tuple[str, ...]) -> tuple[str, dict[str, list[Point]]]:
    """Weekly (or, for more than half a year, monthly) points, trainees behind each counted in SQL."""
    first, last = span(store, f)
    unit = "week" if first is None or (last - first).days <= 180 else "month"
    out: dict[str, list[Point]] = {"total": []}
    for b in buckets(store, f, unit):
        out["total"].append(Point(b.label, round1(b.total), b.trainees, b.calls))
        for d in dims:
            if d in b.means:
                out.setdefault(d, []).append(Point(b.label, round1(b.means[d]), b.dim_trainees[d], b.counts[d]))
    return unit, out


def _adjustments(store: Any, f: Filter) -> tuple[dict[str, Any], ...]:
    """Instructor notes and adjustments on the calls of the filter (notes decrypted)."""
    from simulator.reports.aggregate import _base
    from simulator.storage.crypto import ANONYMOUS
    from simulator.storage.models import Adjustment, SessionRow

    query = (_base(f, [Adjustment, SessionRow.trainee_id]).join(Adjustment, Adjustment.session_id == SessionRow.id)
             .order_by(Adjustment.created_at, Adjustment.id))
    with store.read() as s:
        return tuple({"session": a.session_id, "trainee": t, "dimension": a.dimension, "delta": a.delta, "value": a.value,
                      "reason": store.keys.need(s, t or ANONYMOUS).decrypt(a.reason_enc, "note"), "author": a.author,
                      "date": a.created_at.strftime("%Y-%m-%d")} for a, t in s.execute(query).all())


