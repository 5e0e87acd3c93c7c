"""Report figures computed in the database: GROUP BY over ``sessions`` (the same SQLAlchemy query on SQLite and PostgreSQL).

Each query returns *grain* rows: per group, the number of calls, the sum of
totals and, per rubric dimension, the sum and count of the values (from the
``sessions.score_<dimension>`` columns). Python only adds grain rows up into
:class:`Agg` accumulators; with the trainee in the grain, the number of
distinct trainees behind every figure is exact. Week and month buckets are
computed in SQL by a small construct compiled per dialect.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement, FunctionElement
from sqlalchemy.types import String

from simulator.errors import UsageError
from simulator.vocabulary import DIMENSIONS

NO_COHORT = "(no cohort)"
"""Group label of trainees outside any cohort."""
ANONYMOUS_LABEL = "anonymous"
"""Trainee label of calls stored without a trainee."""


class bucket(FunctionElement):  # noqa: N801 - an SQL function
    """``bucket(column, 'week'|'month')``: the Monday (YYYY-MM-DD) or the month (YYYY-MM) of a timestamp, as text."""

    type = String()
    inherit_cache = True


@compiles(bucket, "sqlite")
def _bucket_sqlite(element: bucket, compiler: Any, **kw: Any) -> str:
    col, unit = list(element.clauses)
    fmt = compiler.process(col, **kw)
    if unit.value == "month":
        return f"strftime('%Y-%m', {fmt})"
    return f"date({fmt}, '-6 days', 'weekday 1')"


@compiles(bucket, "postgresql")
def _bucket_pg(element: bucket, compiler: Any, **kw: Any) -> str:
    col, unit = list(element.clauses)
    fmt = compiler.process(col, **kw)
    if unit.value == "month":
        return f"to_char({fmt}, 'YYYY-MM')"
    return f"to_char(date_trunc('week', {fmt}), 'YYYY-MM-DD')"


class Agg:
    """Running sums of a group of calls: calls, totals, per-dimension values, and who they rest on."""

    __slots__ = ("calls", "total", "trainees", "sums", "counts", "dim_trainees")

    def __init__(self) -> None:
        self.calls = 0
        """Number of calls."""
        self.total = 0.0
        """Sum of total scores."""
        self.trainees: set[str] = set()
        """Distinct trainees behind the calls."""
        self.sums: dict[str, float] = {}
        """Dimension -> sum of values."""
        self.counts: dict[str, int] = {}
        """Dimension -> number of values (calls where it applied)."""
        self.dim_trainees: dict[str, set[str]] = {}
        """Dimension -> distinct trainees with a value."""

    def add(self, trainee: str, g: Grain) -> None:
        """Add one grain row of ``trainee``."""
        self.calls += g.calls
        self.total += g.total
        self.trainees.add(trainee)
        for d, n in g.counts.items():
            if n:
                self.sums[d] = self.sums.get(d, 0.0) + g.sums[d]
                self.counts[d] = self.counts.get(d, 0) + n
                self.dim_trainees.setdefault(d, set()).add(trainee)

    def mean(self, d: str | None = None) -> float | None:
        """Mean total (d None) or mean of dimension d; None without values."""
        if d is None:
            return self.total / self.calls if self.calls else None
        n = self.counts.get(d, 0)
        return self.sums[d] / n if n else None

    def n(self, d: str | None = None) -> int:
        """Distinct trainees behind the total (d None) or behind dimension d."""
        return len(self.trainees) if d is None else len(self.dim_trainees.get(d, ()))


@dataclass(frozen=True, slots=True)
class Grain:
    """One GROUP BY row: the sums of a group of calls."""

    calls: int
    """Number of calls."""
    total: float
    """Sum of their total scores."""
    sums: dict[str, float]
    """Dimension -> sum of values."""
    counts: dict[str, int]
    """Dimension -> number of values."""


@dataclass(frozen=True, slots=True)
class Filter:
    """Which finished, scored calls a query covers."""

    trainee: str | None = None
    """Only this pseudonym."""
    cohort: str | None = None
    """Only this cohort."""
    start: date | None = None
    """Calls started on or after this day."""
    end: date | None = None
    """Calls started before this day."""
    include_private: bool = False
    """Private runs too (only in a trainee's own report)."""


def _start(day: date) -> datetime:
    return datetime.combine(day, time())


def _base(f: Filter, cols: list[Any]) -> Any:
    from simulator.storage.models import Cohort, ScenarioRow, SessionRow, Trainee

    q = (select(*cols).select_from(SessionRow).join(ScenarioRow, ScenarioRow.id == SessionRow.scenario_ref)
         .outerjoin(Trainee, Trainee.id == SessionRow.trainee_id).outerjoin(Cohort, Cohort.id == Trainee.cohort_id)
         .where(SessionRow.status == "finished", SessionRow.total_score.is_not(None)))
    if f.trainee:
        q = q.where(SessionRow.trainee_id == f.trainee)
    if f.cohort:
        q = q.where(Cohort.name == f.cohort)
    if f.start:
        q = q.where(SessionRow.started_at >= _start(f.start))
    if f.end:
        q = q.where(SessionRow.started_at < _start(f.end))
    if not f.include_private:
        q = q.where(SessionRow.private.is_(False))
    return q


def _sums() -> list[ColumnElement[Any]]:
    from simulator.storage.models import SessionRow, score_column

    cols: list[ColumnElement[Any]] = [func.count(SessionRow.id), func.sum(SessionRow.total_score)]
    for d in DIMENSIONS:
        col = score_column(d)
        cols += [func.sum(col), func.count(col)]
    return cols


def _grain(row: Any, first: int) -> Grain:
    sums, counts = {}, {}
    for i, d in enumerate(DIMENSIONS):
        sums[d] = float(row[first + 2 + 2 * i] or 0.0)
        counts[d] = int(row[first + 3 + 2 * i] or 0)
    return Grain(int(row[first]), float(row[first + 1] or 0.0), sums, counts)


def check_cohort(store: Any, name: str) -> None:
    """UsageError (exit 2) for a cohort that does not exist."""
    from simulator.storage.models import Cohort

    with store.read() as s:
        if s.execute(select(Cohort.id).where(Cohort.name == name)).scalar_one_or_none() is None:
            raise UsageError(f"no cohort '{name}' (see 'simulator cohort list')")


def grains(store: Any, f: Filter, by: tuple[str, ...]) -> list[tuple[tuple[str, ...], Grain]]:
    """GROUP BY the keys ``by`` (trainee, cohort, scenario, week, month): [(key values, Grain)]."""
    from simulator.storage.models import Cohort, ScenarioRow, SessionRow

    keys = {"trainee": SessionRow.trainee_id, "cohort": Cohort.name, "scenario": ScenarioRow.scenario_id,
            "week": bucket(SessionRow.started_at, "week"), "month": bucket(SessionRow.started_at, "month")}
    cols = [keys[k].label(k) for k in by]
    q = _base(f, [*cols, *_sums()]).group_by(*[keys[k] for k in by])
    with store.read() as s:
        rows = s.connection().execute(q).all()
    out = []
    for r in rows:
        key = tuple(ANONYMOUS_LABEL if (v is None and k == "trainee") else NO_COHORT if (v is None and k == "cohort")
                    else str(v) for k, v in zip(by, r[:len(by)]))
        out.append((key, _grain(r, len(by))))
    return out


def call_rows(store: Any, f: Filter, *, with_evidence: bool = False) -> Iterator[tuple[Any, ...]]:
    """Every call of the filter, oldest first, streamed: (id, started, trainee, cohort, scenario, mode, total,
    *dimension values[, evidence blob])."""
    from simulator.storage.models import Cohort, ScenarioRow, SessionRow, score_column

    cols = [SessionRow.id, SessionRow.started_at, SessionRow.trainee_id, Cohort.name, ScenarioRow.scenario_id,
            SessionRow.mode, SessionRow.total_score, *[score_column(d) for d in DIMENSIONS]]
    if with_evidence:
        cols.append(SessionRow.evidence_enc)
    q = _base(f, cols).order_by(SessionRow.started_at, SessionRow.id)
    with store.read() as s:
        result = s.connection().execution_options(stream_results=True, yield_per=5000).execute(q)
        for row in result:
            yield (row[0], row[1], row[2] or ANONYMOUS_LABEL, row[3] or NO_COHORT, *row[4:])


def recent_evidence(store: Any, f: Filter, limit: int = 400) -> Iterator[tuple[str | None, str, str, bytes]]:
    """(trainee, scenario, lang, evidence blob) of the newest calls first (at most ``limit``): sources of examples."""
    from simulator.storage.models import ScenarioRow, SessionRow

    q = (_base(f, [SessionRow.trainee_id, ScenarioRow.scenario_id, SessionRow.lang, SessionRow.evidence_enc])
         .where(SessionRow.evidence_enc.is_not(None)).order_by(SessionRow.started_at.desc(), SessionRow.id.desc())
         .limit(limit))
    with store.read() as s:
        yield from s.connection().execute(q).all()
