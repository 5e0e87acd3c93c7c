"""Released HR figures: a quarter's gated lattice is computed once and then served unchanged.

The first HR report (or xAPI export) of a closed quarter runs the privacy gate
over the whole quarter and stores the result in ``hr_figures``: for every
cell and measure whether it is shown, and only for shown ones the number of
trainees, the count and the mean — never a trainee id, never a hidden value.
Every later HR report of that quarter reads these rows. So:

* a deletion (or a late call) cannot be differenced: HR's figures for a
  released quarter do not move;
* HR reports of a released quarter are one indexed SELECT.

Raising ``min_group`` releases the quarter anew with the new k.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError

from simulator.reports.gate import MEASURES, CellKey, Lattice


class FrozenAgg:
    """A released cell: what :class:`~simulator.reports.aggregate.Agg` offers a report, without the people."""

    __slots__ = ("calls", "total", "trainees_n", "means", "dim_n", "counts")

    def __init__(self) -> None:
        self.calls = 0
        """Calls (0 when hidden)."""
        self.total: float | None = None
        """Mean total (None when hidden)."""
        self.trainees_n = 0
        """Distinct trainees (0 when hidden)."""
        self.means: dict[str, float | None] = {}
        """Dimension -> mean (shown dimensions only)."""
        self.dim_n: dict[str, int] = {}
        """Dimension -> distinct trainees."""
        self.counts: dict[str, int] = {}
        """Dimension -> number of values (1 for a hidden dimension that had values, so it is listed)."""

    def mean(self, d: str | None = None) -> float | None:
        """Mean total (d None) or of dimension d."""
        return self.total if d is None else self.means.get(d)

    def n(self, d: str | None = None) -> int:
        """Distinct trainees behind the total (d None) or dimension d."""
        return self.trainees_n if d is None else self.dim_n.get(d, 0)


class Released:
    """The released figures of one time (a month or quarter) of a quarter, every scope."""

    def __init__(self) -> None:
        self.cells: dict[CellKey, FrozenAgg] = {}
        self.visible: set[tuple[CellKey, str]] = set()

    def shown(self, key: CellKey, measure: str = "calls") -> bool:
        """Whether HR may see this measure of this cell."""
        return (key, measure) in self.visible

    def cell(self, key: CellKey) -> FrozenAgg | None:
        """The released cell (None when it had no calls)."""
        return self.cells.get(key)


def _rows(quarter: str, lattice: Lattice) -> list[dict[str, Any]]:
    rows = []
    for key, agg in lattice.cells.items():
        for m in MEASURES:
            if m == "calls":
                n, count, mean = agg.n(), agg.calls, agg.mean()
            elif agg.counts.get(m):
                n, count, mean = agg.n(m), agg.counts[m], agg.mean(m)
            else:
                continue
            shown = lattice.shown(key, m)
            rows.append({"quarter": quarter, "scope": key[0], "time": key[1], "kind": key[2], "part": key[3],
                         "measure": m, "shown": shown, "trainees": n if shown else 0, "count": count if shown else 0,
                         "mean": mean if shown else None})
    return rows


def released(store: Any, quarter: str, time: str, k: int, compute: Callable[[], Lattice]) -> Released:
    """The released figures of ``time`` in ``quarter`` (computing and releasing the quarter first if needed)."""
    from simulator.storage.models import HrFigure, HrRelease, utcnow

    with store.read() as s:
        have = s.execute(select(HrRelease.k).where(HrRelease.quarter == quarter)).scalar_one_or_none()
    if have != k:
        lattice = compute()
        rows = _rows(quarter, lattice)
        try:
            with store.write() as s:
                now = s.execute(select(HrRelease.k).where(HrRelease.quarter == quarter)).scalar_one_or_none()
                if now != k:  # else released meanwhile by another process: the first release stands
                    s.execute(delete(HrFigure).where(HrFigure.quarter == quarter))
                    s.execute(delete(HrRelease).where(HrRelease.quarter == quarter))
                    s.execute(insert(HrRelease).values(quarter=quarter, k=k, created_at=utcnow()))
                    if rows:  # Core executemany: the ORM's bulk insert took 0.2 s more for a quarter's ~9k rows
                        s.connection().execute(HrFigure.__table__.insert(), rows)
        except IntegrityError:  # released concurrently (PostgreSQL): use theirs
            pass
    out = Released()
    with store.read() as s:
        query = select(HrFigure.scope, HrFigure.time, HrFigure.kind, HrFigure.part, HrFigure.measure, HrFigure.shown,
                       HrFigure.trainees, HrFigure.count, HrFigure.mean).where(HrFigure.quarter == quarter,
                                                                                HrFigure.time == time)
        for scope, t, kind, part, m, shown, n, count, mean in s.connection().execute(query).all():
            key = (scope, t, kind, part)
            agg = out.cells.get(key)
            if agg is None:
                agg = out.cells[key] = FrozenAgg()
            if shown:
                out.visible.add((key, m))
            if m == "calls":
                agg.calls, agg.trainees_n, agg.total = count, n, mean
            else:
                agg.counts[m] = count or 1
                agg.dim_n[m] = n
                if shown:
                    agg.means[m] = mean
    return out
