"""Report figures computed in the database: GROUP BY over ``sessions`` (the same SQLAlchemy query on SQLite and PostgreSQL).

Each query returns *grain* rows: per group, the number of calls, the sum of
totals and, per rubric dimension, the sum and count of the values (from the
``sessions.score_<dimension>`` columns). Python only adds grain rows up into
:class:`Agg` accumulators; with the trainee in the grain, the number of
distinct trainees behind every figure is exact. Week and month buckets are
computed in SQL by a small construct compiled per dialect. The privacy gate's
quarter comes from :func:`lattice_rows`: sums per cohort cell and one narrow
row per call (who is behind what), in one statement.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import case, func, select
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


def mean_of(group: Any, d: str | None = None) -> float | None:
    """Mean total (d None) or mean of dimension d of a group with ``calls``, ``total``, ``sums`` and ``counts``
    (the report's :class:`Agg` and the privacy gate's cell); None without values."""
    if d is None:
        return group.total / group.calls if group.calls else None
    n = group.counts.get(d, 0)
    return group.sums[d] / n if n else None


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
        sums, counts, who = self.sums, self.counts, self.dim_trainees
        for d, n, v in g.present:
            if d in counts:
                sums[d] += v
                counts[d] += n
                who[d].add(trainee)
            else:
                sums[d], counts[d], who[d] = v, n, {trainee}

    def merge(self, other: Agg) -> None:
        """Add another accumulator (of calls not counted here yet)."""
        self.calls += other.calls
        self.total += other.total
        self.trainees |= other.trainees
        for d, n in other.counts.items():
            if d in self.counts:
                self.sums[d] += other.sums[d]
                self.counts[d] += n
                self.dim_trainees[d] |= other.dim_trainees[d]
            else:
                self.sums[d], self.counts[d], self.dim_trainees[d] = other.sums[d], n, set(other.dim_trainees[d])

    def mean(self, d: str | None = None) -> float | None:
        """Mean total (d None) or mean of dimension d; None without values."""
        return mean_of(self, d)

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
    present: tuple[tuple[str, int, float], ...] = ()
    """(dimension, number of values, sum of values) of the dimensions with values."""

    @classmethod
    def of(cls, calls: int, total: float, sums: dict[str, float], counts: dict[str, int]) -> Grain:
        """A Grain from per-dimension sums and counts."""
        return cls(calls, total, tuple((d, counts[d], sums.get(d, 0.0)) for d in DIMENSIONS if counts.get(d)))

    @property
    def counts(self) -> dict[str, int]:
        """Dimension -> number of values (dimensions with values only)."""
        return {d: n for d, n, _ in self.present}


@dataclass(frozen=True, slots=True)
class Bucket:
    """A progress point computed in SQL: one week or month of the filter."""

    label: str
    """Monday (YYYY-MM-DD) or month (YYYY-MM)."""
    calls: int
    """Calls."""
    total: float
    """Mean total."""
    trainees: int
    """Distinct trainees."""
    means: dict[str, float]
    """Dimension -> mean (dimensions with values only)."""
    counts: dict[str, int]
    """Dimension -> number of values."""
    dim_trainees: dict[str, int]
    """Dimension -> distinct trainees with a value."""


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
    """SELECT cols FROM sessions WHERE <the filter> (no joins: names are looked up in the small tables)."""
    from simulator.storage.models import Cohort, SessionRow, Trainee

    q = (select(*cols).select_from(SessionRow)
         .where(SessionRow.status == "finished", SessionRow.total_score.is_not(None)))
    if f.trainee:
        q = q.where(SessionRow.trainee_id == f.trainee)
    if f.cohort:
        members = select(Trainee.id).join(Cohort, Cohort.id == Trainee.cohort_id).where(Cohort.name == f.cohort)
        q = q.where(SessionRow.trainee_id.in_(members.scalar_subquery()))
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
    present = []
    for i, d in enumerate(DIMENSIONS):  # 26k rows for a quarter: no dicts here
        n = row[first + 3 + 2 * i]
        if n:
            present.append((d, int(n), float(row[first + 2 + 2 * i])))
    return Grain(int(row[first]), float(row[first + 1] or 0.0), tuple(present))


def check_cohort(store: Any, name: str) -> None:
    """UsageError (exit 2) for a cohort that does not exist."""
    from simulator.storage.models import Cohort

    with store.read() as s:
        if s.execute(select(Cohort.id).where(Cohort.name == name)).scalar_one_or_none() is None:
            raise UsageError(f"no cohort '{name}' (see 'simulator cohort list')")


def grains(store: Any, f: Filter, by: tuple[str, ...]) -> list[tuple[tuple[str, ...], Grain]]:
    """GROUP BY the keys ``by`` (trainee, cohort, scenario, week, month): [(key values, Grain)].

    'cohort' needs 'trainee' in ``by``: a trainee's cohort is looked up, not joined.
    """
    from simulator.storage.models import SessionRow

    keys = {"trainee": SessionRow.trainee_id, "scenario": SessionRow.scenario_ref,
            "week": bucket(SessionRow.started_at, "week"), "month": bucket(SessionRow.started_at, "month")}
    sql_by = [k for k in by if k != "cohort"]
    q = _base(f, [*[keys[k].label(k) for k in sql_by], *_sums()]).group_by(*[keys[k] for k in sql_by])
    with store.read() as s:
        rows = s.connection().execute(q).all()
        cohorts, scenarios = _lookups(s)
    out = []
    n = len(sql_by)
    for r in rows:
        found = dict(zip(sql_by, r[:n]))
        trainee = found.get("trainee")
        values = {"trainee": trainee or ANONYMOUS_LABEL, "cohort": cohorts.get(trainee) or NO_COHORT,
                  "scenario": scenarios.get(found.get("scenario"), "?"), "week": str(found.get("week")),
                  "month": str(found.get("month"))}
        out.append((tuple(values[k] for k in by), _grain(r, n)))
    return out


def lattice_rows(store: Any, f: Filter) -> tuple[list[tuple[str, str, str, Grain]], list[tuple[str, str, str, Grain]],
                                                  list[tuple[str, str, str, str, str, int]]]:
    """What the privacy gate's lattice needs, in one statement, so every figure comes from one snapshot of the data.

    The filter's calls (``f`` with dates only) are read once, with their trainee's cohort, week and month, into a
    common table expression; three branches of a UNION ALL over it give:

    * sums per (cohort, scenario, month): [(cohort, scenario, month, Grain)];
    * sums per (cohort, week, month): [(cohort, week, month, Grain)];
    * one narrow row per call: [(trainee, cohort, scenario, week, month, mask)], bit i of ``mask`` set when
      ``DIMENSIONS[i]`` has a value: who is behind each cell and measure.

    One scan of the quarter, one snapshot, and Python sees ~500 sum rows and the calls' keys, where three GROUP BYs
    per trainee with every sum gave ~27k wide rows (bench/storage.py's quarter, SQLite: 0.3 s CPU instead of 0.8-0.9 s).
    """
    from sqlalchemy import Float, Integer, cast, literal_column, null, union_all

    from simulator.storage.models import Cohort, ScenarioRow, SessionRow, Trainee, score_column

    assert not (f.trainee or f.cohort), "the lattice covers every cohort"
    scores = [score_column(d) for d in DIMENSIONS]

    def number(n: int) -> Any:  # written inline: a parameter's type would be guessed per driver
        return literal_column(str(n), Integer)

    mask = sum((case((c.is_(None), number(0)), else_=number(1 << i)) for i, c in enumerate(scores)), number(0))
    q = (_base(f, [SessionRow.id.label("id"), SessionRow.trainee_id.label("trainee"), Trainee.cohort_id.label("cohort"),
                   SessionRow.scenario_ref.label("scenario"), bucket(SessionRow.started_at, "week").label("week"),
                   bucket(SessionRow.started_at, "month").label("month"), mask.label("mask"),
                   SessionRow.total_score.label("total"), *[c.label(c.key) for c in scores]])
         .outerjoin(Trainee, Trainee.id == SessionRow.trainee_id).cte("lattice_calls"))  # used thrice: materialised
    sums: list[Any] = [func.count(q.c.id), func.sum(q.c.total)]
    for c in scores:
        sums += [func.sum(q.c[c.key]), func.count(q.c[c.key])]
    no_text, no_int = cast(null(), String), cast(null(), Integer)
    by_scenario = (select(number(1), no_text, q.c.cohort, q.c.scenario, no_text, q.c.month, no_int, *sums)
                   .group_by(q.c.cohort, q.c.scenario, q.c.month))
    by_week = (select(number(2), no_text, q.c.cohort, no_int, q.c.week, q.c.month, no_int, *sums)
               .group_by(q.c.cohort, q.c.week, q.c.month))
    no_sums = [no_int, cast(null(), Float)] + [cast(null(), Float), no_int] * len(DIMENSIONS)
    calls = select(number(0), q.c.trainee, q.c.cohort, q.c.scenario, q.c.week, q.c.month, q.c.mask, *no_sums)
    with store.read() as s:
        conn = s.connection()
        rows = conn.execute(union_all(by_scenario, by_week, calls)).all()
        # cohorts and scenarios are only ever added, never renamed: read after the rows, every id is there
        cohorts = dict(conn.execute(select(Cohort.id, Cohort.name)).all())
        scenarios = dict(conn.execute(select(ScenarioRow.id, ScenarioRow.scenario_id)).all())
    sums_s: list[tuple[str, str, str, Grain]] = []
    sums_w: list[tuple[str, str, str, Grain]] = []
    who: list[tuple[str, str, str, str, str, int]] = []
    for r in rows:
        cohort = cohorts.get(r[2]) or NO_COHORT
        if r[0] == 0:
            who.append((r[1] or ANONYMOUS_LABEL, cohort, scenarios.get(r[3], "?"), r[4], r[5], r[6]))
        elif r[0] == 1:
            sums_s.append((cohort, scenarios.get(r[3], "?"), r[5], _grain(r, 7)))
        else:
            sums_w.append((cohort, r[4], r[5], _grain(r, 7)))
    return sums_s, sums_w, who


def _lookups(s: Any) -> tuple[dict[str, str], dict[int, str]]:
    """Trainee -> cohort name, scenario row id -> scenario id."""
    from simulator.storage.models import Cohort, ScenarioRow, Trainee

    conn = s.connection()
    cohorts = dict(conn.execute(select(Trainee.id, Cohort.name).join(Cohort, Cohort.id == Trainee.cohort_id)).all())
    scenarios = dict(conn.execute(select(ScenarioRow.id, ScenarioRow.scenario_id)).all())
    return cohorts, scenarios


def span(store: Any, f: Filter) -> tuple[datetime | None, datetime | None]:
    """First and last start of the filter's calls."""
    from simulator.storage.models import SessionRow

    with store.read() as s:
        return tuple(s.connection().execute(_base(f, [func.min(SessionRow.started_at), func.max(SessionRow.started_at)])).one())


def buckets(store: Any, f: Filter, unit: str) -> list[Bucket]:
    """Progress points per week or month; trainees behind each (per dimension, too) counted in SQL.

    Two levels of GROUP BY (bucket and trainee, then bucket): one sort,
    where COUNT(DISTINCT ...) per dimension took nine.
    """
    from simulator.storage.models import SessionRow, score_column

    label = bucket(SessionRow.started_at, unit).label("b")
    inner_cols: list[Any] = [label, SessionRow.trainee_id.label("t"), func.count(SessionRow.id).label("n"),
                             func.sum(SessionRow.total_score).label("tot")]
    for d in DIMENSIONS:
        col = score_column(d)
        inner_cols += [func.sum(col).label(f"s_{d}"), func.count(col).label(f"c_{d}")]
    inner = _base(f, inner_cols).group_by(label, SessionRow.trainee_id).subquery()
    cols: list[Any] = [inner.c.b, func.sum(inner.c.n), func.sum(inner.c.tot), func.count()]
    for d in DIMENSIONS:
        c = inner.c[f"c_{d}"]
        cols += [func.sum(inner.c[f"s_{d}"]), func.sum(c), func.sum(case((c > 0, 1), else_=0))]
    q = select(*cols).group_by(inner.c.b).order_by(inner.c.b)
    out = []
    with store.read() as s:
        for r in s.connection().execute(q).all():
            means, counts, who = {}, {}, {}
            for i, d in enumerate(DIMENSIONS):
                n = int(r[5 + 3 * i] or 0)
                if n:
                    means[d], counts[d], who[d] = float(r[4 + 3 * i]) / n, n, int(r[6 + 3 * i])
            calls = int(r[1])
            out.append(Bucket(str(r[0]), calls, float(r[2]) / calls, int(r[3]), means, counts, who))
    return out


def call_rows(store: Any, f: Filter, *, with_evidence: bool = False) -> Iterator[tuple[Any, ...]]:
    """Every call of the filter, oldest first, streamed: (id, started, trainee, cohort, scenario, mode, total,
    *dimension values[, evidence blob])."""
    from simulator.storage.models import SessionRow, score_column

    cols = [SessionRow.id, SessionRow.started_at, SessionRow.trainee_id, SessionRow.scenario_ref,
            SessionRow.mode, SessionRow.total_score, *[score_column(d) for d in DIMENSIONS]]
    if with_evidence:
        cols.append(SessionRow.evidence_enc)
    q = _base(f, cols).order_by(SessionRow.started_at, SessionRow.id)
    with store.read() as s:
        cohorts, scenarios = _lookups(s)
        result = s.connection().execution_options(stream_results=True, yield_per=5000).execute(q)
        for row in result:
            yield (row[0], row[1], row[2] or ANONYMOUS_LABEL, cohorts.get(row[2]) or NO_COHORT,
                   scenarios.get(row[3], "?"), *row[4:])


def recent_evidence(store: Any, f: Filter, limit: int = 400) -> Iterator[tuple[str | None, str, str, bytes]]:
    """(trainee, scenario, lang, evidence blob) of the newest stored calls first (at most ``limit``): examples' source."""
    from simulator.storage.models import ScenarioRow, SessionRow

    q = (_base(f, [SessionRow.trainee_id, SessionRow.scenario_ref, SessionRow.lang, SessionRow.evidence_enc])
         .where(SessionRow.evidence_enc.is_not(None)).order_by(SessionRow.id.desc()).limit(limit))
    with store.read() as s:
        scenarios = dict(s.connection().execute(select(ScenarioRow.id, ScenarioRow.scenario_id)).all())
        rows = s.connection().execute(q).all()
    for trainee, ref, lang, blob in rows:
        yield trainee, scenarios.get(ref, "?"), lang, blob
