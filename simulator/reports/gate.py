"""The privacy gate: which aggregates HR may see (see docs/privacy.md for the threat model).

HR asks for a fixed reporting period: a calendar month (``2025-03``) or a
quarter (``2025-Q1``), closed before today. Every figure HR can get for any
period of a quarter is a *cell* of one lattice, built over the whole quarter
and every cohort at once, so every HR report of that quarter hides the same
cells::

    scope  = all cohorts | one cohort
    time   = the quarter | one of its months
    part   = total | one scenario | one week (the part of it inside the time)

Each cell is gated per measure (the calls/total, and every rubric dimension):

1. *Primary*: a cell resting on fewer than ``k`` distinct trainees is hidden.
2. *Complementary*: cells add up - all cohorts = the sum of the cohorts, a
   quarter = its months, a total = its scenarios = its weeks. For every
   shown parent, the hidden children together must rest on none or at least
   ``k`` trainees; otherwise the smallest shown child is hidden too (with
   everything inside it), until no parent minus its shown children isolates
   fewer than ``k`` people.

So no view HR can get differs from another, or from the sum of others, by
fewer than ``k`` trainees. ``k`` is the ``min_group`` privacy setting
(default 5, may only be raised).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from simulator.errors import UsageError
from simulator.reports.aggregate import Agg, Grain
from simulator.vocabulary import DIMENSIONS

ALL = "*"
"""Scope of the cells over every cohort."""
MEASURES = ("calls", *DIMENSIONS)
"""What is gated separately: the calls (count, n, total) and each dimension."""
TOTAL, SCENARIO, WEEK = "total", "scenario", "week"
"""Kinds of cell part."""

CellKey = tuple[str, str, str, str]
"""(scope, time label, part kind, part value)."""


@dataclass(frozen=True, slots=True)
class Period:
    """A fixed reporting period: a calendar month or quarter."""

    label: str
    """'2025-03' or '2025-Q1'."""
    start: date
    """First day."""
    end: date
    """First day after the period."""

    @property
    def is_quarter(self) -> bool:
        return "Q" in self.label

    @classmethod
    def parse(cls, text: str) -> Period:
        """'YYYY-MM' or 'YYYY-Qn'; UsageError otherwise."""
        text = text.strip().upper()
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", text):
            year, q = int(m[1]), int(m[2])
            start = date(year, 3 * q - 2, 1)
            end = date(year + 1, 1, 1) if q == 4 else date(year, 3 * q + 1, 1)
            return cls(f"{year}-Q{q}", start, end)
        if m := re.fullmatch(r"(\d{4})-(\d{2})", text):
            year, month = int(m[1]), int(m[2])
            if 1 <= month <= 12:
                end = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
                return cls(f"{year}-{month:02d}", date(year, month, 1), end)
        raise UsageError(f"a reporting period is a month (2025-03) or a quarter (2025-Q1), not '{text}'")

    @classmethod
    def last_closed_quarter(cls, today: date) -> Period:
        """The newest quarter that ended before ``today``."""
        q = (today.month - 1) // 3 + 1
        year, q = (today.year - 1, 4) if q == 1 else (today.year, q - 1)
        return cls.parse(f"{year}-Q{q}")

    def quarter(self) -> Period:
        """The quarter this period lies in (itself for a quarter)."""
        return Period.parse(f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}")

    def months(self) -> tuple[Period, ...]:
        """The months of this period."""
        if not self.is_quarter:
            return (self,)
        return tuple(Period.parse(f"{self.start.year}-{m:02d}") for m in range(self.start.month, self.start.month + 3))

    def check_closed(self, today: date) -> None:
        """UsageError when the period has not ended yet (its figures would still change)."""
        if self.end > today:
            raise UsageError(f"HR reports cover closed periods only: {self.label} ends on "
                             f"{(self.end - timedelta(days=1)).isoformat()} (an open period would change as calls "
                             "come in, and two versions would differ by a few people)")


class Lattice:
    """Every HR cell of one quarter, with what the gate hides per measure."""

    def __init__(self, quarter: Period, k: int) -> None:
        self.quarter = quarter
        self.k = k
        self.cells: dict[CellKey, Agg] = defaultdict(Agg)
        self.hidden: dict[str, set[CellKey]] = {}

    def add(self, rows: Iterable[tuple[tuple[str, ...], Grain]]) -> None:
        """Add grain rows keyed (trainee, cohort, scenario, week, month)."""
        rows = list(rows)
        self.add_parts(TOTAL, (((t, c, "", m), g) for (t, c, _s, _w, m), g in rows))
        self.add_parts(SCENARIO, (((t, c, s, m), g) for (t, c, s, _w, m), g in rows))
        self.add_parts(WEEK, (((t, c, w, m), g) for (t, c, _s, w, m), g in rows))

    def add_parts(self, kind: str, rows: Iterable[tuple[tuple[str, ...], Grain]]) -> None:
        """Add grain rows keyed (trainee, cohort, part value, month) to the cells of one part kind.

        The store queries each kind at its own grain (fewer rows than one
        grain of everything: the report of a quarter of 100k calls adds
        ~35k rows instead of 312k).
        """
        q = self.quarter.label
        base: dict[tuple[str, str, str], Agg] = defaultdict(Agg)
        for (trainee, cohort, value, month), g in rows:  # each row once, into its cohort and month ...
            base[(cohort, month, value)].add(trainee, g)
        cells = self.cells
        for (cohort, month, value), agg in base.items():  # ... then whole cells into the wider ones
            for key in ((cohort, month, kind, value), (cohort, q, kind, value), (ALL, month, kind, value),
                        (ALL, q, kind, value)):
                cells[key].merge(agg)

    @staticmethod
    def _inside(inner: CellKey, outer: CellKey) -> bool:
        """Whether every call of ``inner`` is a call of ``outer`` (by the lattice's structure)."""
        return ((outer[0] == ALL or inner[0] == outer[0]) and (outer[1] == inner[1] or "Q" in outer[1])
                and (outer[2] == TOTAL or inner[2:] == outer[2:]))

    def _partitions(self) -> list[tuple[CellKey, list[CellKey]]]:
        by_parent: list[tuple[CellKey, list[CellKey]]] = []
        keys = list(self.cells)
        cohorts = sorted({k[0] for k in keys if k[0] != ALL})
        months = sorted({k[1] for k in keys if "Q" not in k[1]})
        parts: dict[tuple[str, str, str], list[CellKey]] = defaultdict(list)
        for key in keys:
            parts[(key[0], key[1], key[2])].append(key)
        for key in keys:
            scope, time, kind, value = key
            if scope == ALL:
                by_parent.append((key, [c for c in ((co, time, kind, value) for co in cohorts) if c in self.cells]))
            if "Q" in time:
                by_parent.append((key, [c for c in ((scope, m, kind, value) for m in months) if c in self.cells]))
            if kind == TOTAL:
                by_parent.append((key, parts[(scope, time, SCENARIO)]))
                by_parent.append((key, parts[(scope, time, WEEK)]))
        return by_parent

    def _who(self, key: CellKey, measure: str) -> set[str]:
        agg = self.cells[key]
        return agg.trainees if measure == "calls" else agg.dim_trainees.get(measure, set())

    def suppress(self) -> None:
        """Run the gate: primary, then complementary suppression, for every measure."""
        partitions = self._partitions()
        keys = sorted(self.cells)
        for measure in MEASURES:
            hidden = set(self.hidden.get("calls", ()))  # a dimension is never shown where the calls are not
            hidden |= {key for key in keys if 0 < len(self._who(key, measure)) < self.k}  # their parts are smaller still
            changed = True
            while changed:
                changed = False
                for parent, children in partitions:
                    if parent in hidden or not self._who(parent, measure):
                        continue
                    rest: set[str] = set()
                    for c in children:
                        if c in hidden:
                            rest |= self._who(c, measure)
                    if 0 < len(rest) < self.k:
                        shown = [c for c in children if c not in hidden and self._who(c, measure)]
                        if shown:
                            pick = min(shown, key=lambda c: (len(self._who(c, measure)), c))
                            hidden |= {key for key in keys if self._inside(key, pick)}
                            changed = True
            self.hidden[measure] = hidden

    def shown(self, key: CellKey, measure: str = "calls") -> bool:
        """Whether HR may see this measure of this cell."""
        return key in self.cells and bool(self._who(key, measure)) and key not in self.hidden[measure]

    def cell(self, key: CellKey) -> Agg | None:
        """The accumulator of a cell (None when it has no calls)."""
        return self.cells.get(key)
