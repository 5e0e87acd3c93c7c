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

The whole quarter is read in one statement (one snapshot: a deletion while
it runs cannot make a cell disagree with its parts); a cell holds its sums
and, per measure, its trainees as the bits of an int, so the unions the gate
takes are cheap. Parents are checked in sorted order, so the same data gives
the same hidden cells on SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from simulator.errors import UsageError
from simulator.reports.aggregate import Grain, mean_of
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


class Cell:
    """One lattice cell: its sums and, per measure, the trainees it rests on (as bits of an int: fast unions)."""

    __slots__ = ("calls", "total", "sums", "counts", "bits", "dim_bits")

    def __init__(self) -> None:
        self.calls = 0
        """Number of calls."""
        self.total = 0.0
        """Sum of total scores."""
        self.sums: dict[str, float] = {}
        """Dimension -> sum of values."""
        self.counts: dict[str, int] = {}
        """Dimension -> number of values (dimensions with values only)."""
        self.bits = 0
        """The trainees behind the calls (bit i: the lattice's trainee i)."""
        self.dim_bits: dict[str, int] = {}
        """Dimension -> the trainees with a value."""

    def add_sums(self, g: Grain) -> None:
        """Add the sums of a grain row (not who it rests on)."""
        self.calls += g.calls
        self.total += g.total
        sums, counts = self.sums, self.counts
        for d, n, v in g.present:
            sums[d] = sums.get(d, 0.0) + v
            counts[d] = counts.get(d, 0) + n

    def add_who(self, bits: int, dims: Iterable[str]) -> None:
        """Trainees ``bits`` are behind the calls and behind each of ``dims``."""
        self.bits |= bits
        who = self.dim_bits
        for d in dims:
            who[d] = who.get(d, 0) | bits

    def merge(self, other: Cell) -> None:
        """Add another cell (of calls not counted here yet)."""
        self.calls += other.calls
        self.total += other.total
        self.bits |= other.bits
        sums, counts, who = self.sums, self.counts, self.dim_bits
        for d, n in other.counts.items():
            sums[d] = sums.get(d, 0.0) + other.sums[d]
            counts[d] = counts.get(d, 0) + n
        for d, b in other.dim_bits.items():
            who[d] = who.get(d, 0) | b

    def who(self, measure: str) -> int:
        """The trainees behind a measure ('calls' or a dimension)."""
        return self.bits if measure == "calls" else self.dim_bits.get(measure, 0)

    def mean(self, d: str | None = None) -> float | None:
        """Mean total (d None) or mean of dimension d; None without values."""
        return mean_of(self, d)

    def n(self, d: str | None = None) -> int:
        """Distinct trainees behind the total (d None) or behind dimension d."""
        return self.who("calls" if d is None else d).bit_count()


class Lattice:
    """Every HR cell of one quarter, with what the gate hides per measure."""

    def __init__(self, quarter: Period, k: int) -> None:
        self.quarter = quarter
        self.k = k
        self.cells: dict[CellKey, Cell] = {}
        self.hidden: dict[str, set[CellKey]] = {}
        self._ids: dict[str, int] = {}
        """Trainee -> its bit."""

    def _bit(self, trainee: str) -> int:
        bit = self._ids.get(trainee)
        if bit is None:
            bit = self._ids[trainee] = 1 << len(self._ids)
        return bit

    def add(self, rows: Iterable[tuple[tuple[str, ...], Grain]]) -> None:
        """Add grain rows keyed (trainee, cohort, scenario, week, month)."""
        rows = list(rows)
        self.add_parts(TOTAL, (((t, c, "", m), g) for (t, c, _s, _w, m), g in rows))
        self.add_parts(SCENARIO, (((t, c, s, m), g) for (t, c, s, _w, m), g in rows))
        self.add_parts(WEEK, (((t, c, w, m), g) for (t, c, _s, w, m), g in rows))

    def add_parts(self, kind: str, rows: Iterable[tuple[tuple[str, ...], Grain]]) -> None:
        """Add grain rows keyed (trainee, cohort, part value, month) to the cells of one part kind."""
        base: dict[CellKey, Cell] = {}
        for (trainee, cohort, value, month), g in rows:
            cell = base.setdefault((cohort, month, kind, value), Cell())
            cell.add_sums(g)
            cell.add_who(self._bit(trainee), (d for d, n, _ in g.present if n))
        self._spread(base)

    def load(self, by_scenario: Iterable[tuple[str, str, str, Grain]], by_week: Iterable[tuple[str, str, str, Grain]],
             calls: Iterable[tuple[str, str, str, str, str, int]]) -> None:
        """Fill the lattice from :func:`~simulator.reports.aggregate.lattice_rows`: sums per (cohort, part, month)
        and one (trainee, cohort, scenario, week, month, dimension mask) per call.

        Every cohort-month cell is built once (a total = the sum of its scenarios), then merged into the wider
        cells (all cohorts, the quarter).
        """
        base: dict[CellKey, Cell] = {}
        for kind, rows in ((SCENARIO, by_scenario), (WEEK, by_week)):
            for cohort, value, month, g in rows:
                base.setdefault((cohort, month, kind, value), Cell()).add_sums(g)
        who: dict[CellKey, dict[int, int]] = defaultdict(lambda: defaultdict(int))  # cell -> dimension mask -> bits
        bit = self._bit
        for trainee, cohort, scenario, week, month, mask in calls:
            b = bit(trainee)
            who[(cohort, month, SCENARIO, scenario)][mask] |= b
            who[(cohort, month, WEEK, week)][mask] |= b
        for key, by_mask in who.items():
            cell = base.setdefault(key, Cell())
            for mask, b in by_mask.items():
                cell.add_who(b, (d for i, d in enumerate(DIMENSIONS) if mask >> i & 1))
        for (cohort, month, kind, _value), cell in list(base.items()):
            if kind == SCENARIO:
                base.setdefault((cohort, month, TOTAL, ""), Cell()).merge(cell)
        self._spread(base)

    def _spread(self, base: dict[CellKey, Cell]) -> None:
        """Merge cohort-month cells into themselves and the wider cells."""
        q, cells = self.quarter.label, self.cells
        for (cohort, month, kind, value), cell in base.items():
            for key in ((cohort, month, kind, value), (cohort, q, kind, value), (ALL, month, kind, value),
                        (ALL, q, kind, value)):
                target = cells.get(key)
                if target is None:
                    target = cells[key] = Cell()
                target.merge(cell)

    @staticmethod
    def _inside(inner: CellKey, outer: CellKey) -> bool:
        """Whether every call of ``inner`` is a call of ``outer`` (by the lattice's structure)."""
        return ((outer[0] == ALL or inner[0] == outer[0]) and (outer[1] == inner[1] or "Q" in outer[1])
                and (outer[2] == TOTAL or inner[2:] == outer[2:]))

    def _partitions(self) -> list[tuple[CellKey, list[CellKey]]]:
        """(parent, children that add up to it), in a fixed order (the result does not depend on query order)."""
        by_parent: list[tuple[CellKey, list[CellKey]]] = []
        keys = sorted(self.cells)
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
        """The trainees behind a measure of a cell, by name (for checks; the gate works on bits)."""
        bits = self.cells[key].who(measure)
        return {t for t, b in self._ids.items() if bits & b}

    def suppress(self) -> None:
        """Run the gate: primary, then complementary suppression, for every measure."""
        partitions = self._partitions()
        keys = sorted(self.cells)
        k = self.k
        for measure in MEASURES:
            who = {key: cell.who(measure) for key, cell in self.cells.items()}
            hidden = set(self.hidden.get("calls", ()))  # a dimension is never shown where the calls are not
            hidden |= {key for key in keys if 0 < who[key].bit_count() < k}  # their parts are smaller still
            changed = True
            while changed:
                changed = False
                for parent, children in partitions:
                    if parent in hidden or not who[parent]:
                        continue
                    rest = 0
                    for c in children:
                        if c in hidden:
                            rest |= who[c]
                    if 0 < rest.bit_count() < k:
                        shown = [c for c in children if c not in hidden and who[c]]
                        if shown:
                            pick = min(shown, key=lambda c: (who[c].bit_count(), c))
                            hidden |= {key for key in keys if self._inside(key, pick)}
                            changed = True
            self.hidden[measure] = hidden

    def shown(self, key: CellKey, measure: str = "calls") -> bool:
        """Whether HR may see this measure of this cell."""
        cell = self.cells.get(key)
        return cell is not None and bool(cell.who(measure)) and key not in self.hidden[measure]

    def cell(self, key: CellKey) -> Cell | None:
        """A cell's sums (None when it has no calls)."""
        return self.cells.get(key)
