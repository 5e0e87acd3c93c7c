"""Progress reports over many stored calls, for trainees, instructors and HR.

:func:`build_report` reads the store once and computes everything a report
shows: progress over time per rubric dimension, a scenario x dimension heat
map, the weakest skills with example quotes, and a comparison of cohorts.
:func:`write_html`, :func:`write_csv` and :func:`write_pdf` render it; they
live in :mod:`simulator.reports.progress_render` and are re-exported here.

Privacy: HR reports name nobody (pseudonyms only, no quotes); with
``hr_view=aggregates`` (the default) HR sees cohort aggregates only, and a
group of fewer than ``MIN_GROUP_SIZE`` trainees is never shown to HR.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from math import fsum
from typing import Any

from simulator.errors import SimulatorError, UsageError
from simulator.reports.progress_render import (  # re-exported: the public names of a progress report
    adjustment_text, csv_rows, figures, text_lines, write_csv, write_html, write_pdf,
)

__all__ = ["AUDIENCES", "FORMATS", "Call", "EmptySelection", "GroupRow", "Report", "Selection", "Skill", "adjustment_text",
           "build_report", "csv_rows", "figures", "load_calls", "mean", "text_lines", "write_csv", "write_html", "write_pdf"]

AUDIENCES = ("trainee", "instructor", "hr")
"""Who a report is for."""
FORMATS = ("html", "csv", "pdf")
"""Output formats."""
from simulator.vocabulary import DIMENSIONS as DIMENSION_ORDER
"""Rubric dimensions in display order (as simulator.scoring.DIMENSIONS)."""
NO_COHORT = "(no cohort)"
"""Group label of trainees outside any cohort."""
QUOTES_PER_SKILL = 3
"""Example quotes shown per weak skill."""
WEAKEST = 3
"""How many weakest skills a report lists."""

Progress = Callable[[str], None]
"""Called with a label before each long step (drives the progress bar)."""


class EmptySelection(SimulatorError):
    """No stored call matches the selection (exit 1)."""

    exit_code = 1


@dataclass(frozen=True, slots=True)
class Selection:
    """Which calls a report covers and for whom it is."""

    trainee: str | None = None
    """A pseudonym or name; None = not one person."""
    cohort: str | None = None
    """A cohort name; None = every cohort."""
    since: date | None = None
    """Only calls started on or after this day."""
    audience: str = "instructor"
    """trainee | instructor | hr."""


@dataclass(frozen=True, slots=True)
class Call:
    """One finished, scored call as a report sees it."""

    id: int
    """Session id."""
    trainee: str
    """Pseudonym ('anonymous' for calls without a trainee)."""
    cohort: str
    """Cohort name or NO_COHORT."""
    scenario: str
    """Scenario id."""
    started: datetime
    """When the call started (UTC)."""
    mode: str
    """practice | exam | seminar."""
    total: float
    """Total score 0..100."""
    scores: dict[str, float | None]
    """Dimension -> value (None: not applicable)."""
    evidence: tuple[dict[str, Any], ...] = ()
    """Score evidence items (dimension, turn, quote, effect, note, tip); empty for HR."""


@dataclass(frozen=True, slots=True)
class Skill:
    """A weak skill: its mean and example quotes."""

    dimension: str
    """Rubric dimension."""
    mean: float
    """Mean value over the selection."""
    quotes: tuple[tuple[str, str, str], ...]
    """(quote, note, tip) examples that cost points; empty for HR."""


@dataclass(frozen=True, slots=True)
class GroupRow:
    """Aggregates of one group (cohort or pseudonym)."""

    name: str
    """Cohort name or pseudonym."""
    trainees: int
    """Distinct trainees."""
    calls: int
    """Calls."""
    total: float
    """Mean total."""
    dimensions: dict[str, float | None]
    """Dimension -> mean (None: never applicable)."""


@dataclass(frozen=True, slots=True)
class Report:
    """Everything one progress report shows."""

    title: str
    """Heading."""
    selection: Selection
    """What was asked for."""
    generated: datetime
    """When the report was made (UTC)."""
    dimensions: tuple[str, ...]
    """Dimensions present, in display order."""
    calls: tuple[Call, ...]
    """Calls covered (empty in HR aggregate reports' CSV rows, but counted)."""
    period: str
    """Granularity of the progress plot: call | week | month."""
    progress: dict[str, list[tuple[str, float]]]
    """'total' and each dimension -> [(period label, mean)] in time order."""
    heatmap: dict[str, dict[str, float | None]]
    """Scenario -> dimension -> mean."""
    weakest: tuple[Skill, ...]
    """Lowest-scoring dimensions, weakest first."""
    cohorts: tuple[GroupRow, ...]
    """Comparison of cohorts (groups below the HR minimum removed for HR)."""
    individuals: tuple[GroupRow, ...]
    """Per-pseudonym rows (instructor; HR only with hr_view=individual)."""
    adjustments: tuple[dict[str, Any], ...]
    """Instructor notes and adjustments (not for HR)."""
    notes: tuple[str, ...]
    """Privacy and data notes printed with the report."""
    names: dict[str, str] = field(default_factory=dict)
    """Pseudonym -> display name (trainee and instructor audiences only)."""

    @property
    def trainee_count(self) -> int:
        return len({c.trainee for c in self.calls})

    def label(self, pseudonym: str) -> str:
        """How a trainee is shown: 'T-7f3a9c (Name)' or just the pseudonym."""
        name = self.names.get(pseudonym)
        return f"{pseudonym} ({name})" if name else pseudonym


def mean(values: Any) -> float:
    """Arithmetic mean (float; statistics.mean is exact and ten times slower)."""
    values = list(values)
    return fsum(values) / len(values)


def _mean(values: list[float]) -> float | None:
    return round(mean(values), 1) if values else None


def _start_of(day: date | None) -> datetime | None:
    return datetime.combine(day, time()) if day else None


def load_calls(store: Any, sel: Selection, *, with_evidence: bool) -> tuple[list[Call], str | None]:
    """The finished, scored calls of the selection (private runs only in a trainee's own report)."""
    from sqlalchemy import select

    from simulator.storage.models import Cohort, ScenarioRow, ScoreRow, SessionRow, Trainee

    cols = [SessionRow.id, SessionRow.trainee_id, Cohort.name, ScenarioRow.scenario_id, SessionRow.started_at,
            SessionRow.mode, SessionRow.total_score]
    if with_evidence:
        cols.append(SessionRow.evidence_enc)
    query = (select(*cols).join(ScenarioRow, ScenarioRow.id == SessionRow.scenario_ref)
             .outerjoin(Trainee, Trainee.id == SessionRow.trainee_id)
             .outerjoin(Cohort, Cohort.id == Trainee.cohort_id)
             .where(SessionRow.status == "finished", SessionRow.total_score.is_not(None)))
    tid = None
    with store.read() as s:
        if sel.trainee:
            tid = store._resolve(s, sel.trainee)
            query = query.where(SessionRow.trainee_id == tid)
        if sel.cohort:
            if s.execute(select(Cohort.id).where(Cohort.name == sel.cohort)).scalar_one_or_none() is None:
                raise UsageError(f"no cohort '{sel.cohort}' (see 'simulator cohort list')")
            query = query.where(Cohort.name == sel.cohort)
        if sel.since:
            query = query.where(SessionRow.started_at >= _start_of(sel.since))
        if sel.audience != "trainee":
            query = query.where(SessionRow.private.is_(False))
        conn = s.connection()  # Core rows: much faster than ORM result processing for 100k calls
        rows = conn.execute(query.order_by(SessionRow.started_at, SessionRow.id)).all()
        scores: dict[int, dict[str, float | None]] = defaultdict(dict)
        score_query = (select(ScoreRow.session_id, ScoreRow.dimension, ScoreRow.value)
                       .where(ScoreRow.session_id.in_(query.with_only_columns(SessionRow.id).scalar_subquery())))
        for sid, dim, value in conn.execute(score_query).all():
            scores[sid][dim] = value
        evidence: dict[int, tuple[dict[str, Any], ...]] = {}
        if with_evidence:
            from simulator.storage.crypto import ANONYMOUS

            for r in rows:
                key = store.keys.get(s, r[1] or ANONYMOUS) if r[7] is not None else None
                evidence[r[0]] = tuple(key.decrypt_json(r[7], "evidence") or ()) if key else ()
    calls = [Call(id=r[0], trainee=r[1] or "anonymous", cohort=r[2] or NO_COHORT, scenario=r[3], started=r[4],
                  mode=r[5], total=float(r[6]), scores=scores.get(r[0], {}), evidence=evidence.get(r[0], ()))
             for r in rows]
    return calls, tid


def _dimensions(calls: list[Call]) -> tuple[str, ...]:
    found = {d for c in calls for d in c.scores}
    return tuple(d for d in DIMENSION_ORDER if d in found) + tuple(sorted(found - set(DIMENSION_ORDER)))


def _period_key(started: datetime, period: str) -> str:
    if period == "month":
        return started.strftime("%Y-%m")
    iso = started.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def _progress(calls: list[Call], dims: tuple[str, ...], period: str) -> dict[str, list[tuple[str, float]]]:
    series: dict[str, list[tuple[str, float]]] = {}
    if period == "call":
        series["total"] = [(c.started.strftime("%Y-%m-%d %H:%M"), c.total) for c in calls]
        for d in dims:
            series[d] = [(c.started.strftime("%Y-%m-%d %H:%M"), v) for c in calls if (v := c.scores.get(d)) is not None]
        return series
    buckets: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for c in calls:
        b = buckets[_period_key(c.started, period)]
        b["total"].append(c.total)
        for d, v in c.scores.items():
            if v is not None:
                b[d].append(v)
    for key in ("total", *dims):
        series[key] = [(p, round(mean(b[key]), 1)) for p, b in sorted(buckets.items()) if b.get(key)]
    return series


def _group(name: str, calls: list[Call], dims: tuple[str, ...]) -> GroupRow:
    return GroupRow(name=name, trainees=len({c.trainee for c in calls}), calls=len(calls),
                    total=round(mean(c.total for c in calls), 1),
                    dimensions={d: _mean([v for c in calls if (v := c.scores.get(d)) is not None]) for d in dims})


def build_report(store: Any, sel: Selection, *, progress: Progress | None = None) -> Report:
    """Compute the report for ``sel``; raises EmptySelection (exit 1) when no scored call matches."""
    from simulator.storage.config import MIN_GROUP_SIZE
    from simulator.storage.models import utcnow

    step = progress or (lambda label: None)
    if sel.audience not in AUDIENCES:
        raise UsageError(f"audience must be one of {', '.join(AUDIENCES)}")
    hr = sel.audience == "hr"
    hr_view = store.setting("hr_view")
    if hr and sel.trainee and hr_view != "individual":
        raise UsageError("HR reports show cohort aggregates only (privacy setting hr_view=aggregates); "
                         "ask the works council / admin to change it with 'simulator privacy set hr_view individual'")
    if sel.audience == "trainee" and not sel.trainee:
        raise UsageError("a trainee report needs --trainee")
    step("reading calls")
    calls, tid = load_calls(store, sel, with_evidence=not hr)
    notes: list[str] = []
    if hr:
        sizes: dict[str, set[str]] = defaultdict(set)
        for c in calls:
            sizes[c.cohort].add(c.trainee)
        small = sorted(g for g, members in sizes.items() if len(members) < MIN_GROUP_SIZE)
        if small and not sel.trainee:
            calls = [c for c in calls if c.cohort not in small]
            notes.append(f"{len(small)} group(s) with fewer than {MIN_GROUP_SIZE} trainees not shown (privacy).")
        notes.append("Trainees appear only by pseudonym; no quotes from calls are shown to HR.")
    what = (f"trainee {sel.trainee}" if sel.trainee else f"cohort {sel.cohort}" if sel.cohort else "the store")
    if not calls:
        since = f" since {sel.since.isoformat()}" if sel.since else ""
        extra = f" that HR may see (groups of at least {MIN_GROUP_SIZE} trainees)" if hr and not sel.trainee else ""
        raise EmptySelection(f"no finished, scored calls for {what}{since}{extra}: nothing to report")
    dims = _dimensions(calls)
    span = (calls[-1].started - calls[0].started).days
    period = "call" if (tid and len(calls) <= 60) else ("month" if span > 180 else "week")
    step("computing aggregates")
    heat_calls: dict[str, list[Call]] = defaultdict(list)
    for c in calls:
        heat_calls[c.scenario].append(c)
    heatmap = {sc: _group(sc, cs, dims).dimensions for sc, cs in sorted(heat_calls.items())}
    overall = _group("all", calls, dims).dimensions
    ranked = sorted((d for d in dims if overall[d] is not None), key=lambda d: overall[d])[:WEAKEST]
    weakest = []
    for d in ranked:
        quotes: list[tuple[str, str, str]] = []
        if not hr:
            items = [e for c in reversed(calls) for e in c.evidence if e.get("dimension") == d and (e.get("effect") or 0) < 0
                     and e.get("quote")]
            seen = set()
            for e in sorted(items, key=lambda e: e.get("effect") or 0):
                if e["quote"] not in seen:
                    seen.add(e["quote"])
                    quotes.append((e["quote"], e.get("note", ""), e.get("tip", "")))
                if len(quotes) >= QUOTES_PER_SKILL:
                    break
        weakest.append(Skill(d, overall[d], tuple(quotes)))
    by_cohort: dict[str, list[Call]] = defaultdict(list)
    by_trainee: dict[str, list[Call]] = defaultdict(list)
    for c in calls:
        by_cohort[c.cohort].append(c)
        by_trainee[c.trainee].append(c)
    cohorts = tuple(_group(name, cs, dims) for name, cs in sorted(by_cohort.items()))
    show_individuals = sel.audience == "instructor" or (hr and hr_view == "individual") or sel.audience == "trainee"
    individuals = tuple(_group(t, cs, dims) for t, cs in sorted(by_trainee.items())) if show_individuals else ()
    adjustments: tuple[dict[str, Any], ...] = ()
    names: dict[str, str] = {}
    if not hr:
        adjustments = _adjustments(store, [c.id for c in calls])
        names = store.names()
        names = {t: n for t, n in names.items() if t in by_trainee}
    audience = {"trainee": "for the trainee", "instructor": "for instructors", "hr": "for HR"}[sel.audience]
    title = f"Progress report: {what} ({audience})"
    return Report(title=title, selection=sel, generated=utcnow(), dimensions=dims,
                  calls=tuple(calls),
                  period=period, progress=_progress(calls, dims, period), heatmap=heatmap, weakest=tuple(weakest),
                  cohorts=cohorts, individuals=individuals, adjustments=adjustments, notes=tuple(notes), names=names)


def _adjustments(store: Any, ids: list[int]) -> tuple[dict[str, Any], ...]:
    from sqlalchemy import select

    from simulator.storage.models import Adjustment, SessionRow

    from simulator.storage.crypto import ANONYMOUS

    out = []
    with store.read() as s:
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            rows = s.execute(select(Adjustment, SessionRow.trainee_id).join(SessionRow, SessionRow.id == Adjustment.session_id)
                             .where(Adjustment.session_id.in_(chunk)).order_by(Adjustment.created_at)).all()
            out += [{"session": a.session_id, "trainee": t, "dimension": a.dimension, "delta": a.delta, "value": a.value,
                     "reason": store.keys.need(s, t or ANONYMOUS).decrypt(a.reason_enc, "note"), "author": a.author, "date": a.created_at.strftime("%Y-%m-%d")} for a, t in rows]
    return tuple(out)
