"""The data of a progress report: what it covers, and every figure it shows (frozen dataclasses).

Shared by the builders (:mod:`simulator.reports.progress`, :mod:`simulator.reports.progress_hr`)
and the writers (:mod:`simulator.reports.progress_render`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from simulator.errors import SimulatorError
from simulator.reports.aggregate import Agg
from simulator.vocabulary import DIMENSIONS as DIMENSION_ORDER

AUDIENCES = ("trainee", "instructor", "hr")
"""Who a report is for."""
FORMATS = ("html", "csv", "pdf")
"""Output formats."""
QUOTES_PER_SKILL = 3
"""Example lines shown per weak skill."""
WEAKEST = 3
"""How many weakest skills a report lists."""
PER_CALL_LIMIT = 60
"""One trainee's progress is plotted per call up to this many calls, else per week."""

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
    """Only calls started on or after this day (not for HR)."""
    audience: str = "instructor"
    """trainee | instructor | hr."""
    period: str | None = None
    """HR's reporting period: 'YYYY-MM' or 'YYYY-Qn' (default: the last closed quarter)."""


@dataclass(frozen=True, slots=True)
class Call:
    """One finished, scored call (listed in one trainee's report only)."""

    id: int
    """Session id."""
    trainee: str
    """Pseudonym."""
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


@dataclass(frozen=True, slots=True)
class Point:
    """One point of a progress series."""

    label: str
    """Call time, week (its Monday) or month."""
    value: float | None
    """Mean; None when the privacy gate hides it."""
    trainees: int
    """Distinct trainees behind it (0 when hidden)."""
    calls: int
    """Calls behind it (0 when hidden)."""


@dataclass(frozen=True, slots=True)
class Example:
    """A line the trainee said that cost points on a skill."""

    quote: str
    """The trainee's words."""
    note: str
    """What happened."""
    tip: str
    """What to try instead."""
    scenario: str
    """Scenario of the call."""
    turn: int
    """Trainee turn number in that call."""
    lang: str
    """Language of the call (sets the quotation marks)."""


@dataclass(frozen=True, slots=True)
class Skill:
    """A weak skill: its mean and example lines."""

    dimension: str
    """Rubric dimension."""
    mean: float
    """Mean value over the selection."""
    examples: tuple[Example, ...]
    """Trainee lines that cost points; empty for HR."""


@dataclass(frozen=True, slots=True)
class GroupRow:
    """Aggregates of one group (cohort, scenario or pseudonym); None where the privacy gate hides a figure."""

    name: str
    """Cohort name, scenario id or pseudonym."""
    trainees: int | None
    """Distinct trainees."""
    calls: int | None
    """Calls."""
    total: float | None
    """Mean total."""
    dimensions: dict[str, float | None]
    """Dimension -> mean (None: not applicable, or hidden)."""
    hidden: frozenset[str] = frozenset()
    """Measures the gate hides: 'calls' and/or dimension names."""
    dim_trainees: dict[str, int] = field(default_factory=dict)
    """Dimension -> distinct trainees behind its mean."""


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
    n_calls: int
    """Calls covered."""
    n_trainees: int
    """Distinct trainees covered."""
    period: str
    """Granularity of the progress plot: call | week | month."""
    progress: dict[str, list[Point]]
    """'total' and each dimension -> points in time order."""
    heatmap: tuple[GroupRow, ...]
    """One row per scenario: mean per dimension and the trainees behind it."""
    weakest: tuple[Skill, ...]
    """Lowest-scoring dimensions, weakest first."""
    cohorts: tuple[GroupRow, ...]
    """Comparison of cohorts (for HR: those the gate lets through)."""
    individuals: tuple[GroupRow, ...]
    """Per-pseudonym rows (instructor, trainee; HR only with hr_view=individual)."""
    adjustments: tuple[dict[str, Any], ...]
    """Instructor notes and adjustments (not for HR)."""
    notes: tuple[str, ...]
    """Privacy and data notes printed with the report."""
    k: int
    """The privacy gate's minimum number of trainees per figure."""
    calls: tuple[Call, ...] = ()
    """One trainee's calls (empty for group reports)."""
    names: dict[str, str] = field(default_factory=dict)
    """Pseudonym -> display name (trainee and instructor audiences only)."""
    period_label: str = ""
    """HR's reporting period ('2025-Q1'); '' for other audiences."""
    rows: Callable[[], Iterator[tuple[Any, ...]]] | None = None
    """Streams one tuple per call for CSV (None: HR aggregates only)."""
    total: float | None = None
    """Mean total of the whole selection."""
    overall: dict[str, float | None] = field(default_factory=dict)
    """Dimension -> mean of the whole selection (for HR: the dimensions the gate shows)."""

    @property
    def trainee_count(self) -> int:
        return self.n_trainees

    @property
    def hr(self) -> bool:
        return self.selection.audience == "hr"

    def label(self, pseudonym: str) -> str:
        """How a trainee is shown: 'T-7f3a9c (Name)' or just the pseudonym."""
        name = self.names.get(pseudonym)
        return f"{pseudonym} ({name})" if name else pseudonym


@dataclass(frozen=True, slots=True)
class Section:
    """One headed part of the report, as HTML and PDF show it."""

    title: str
    """Heading."""
    notes: tuple[str, ...] = ()
    """Paragraphs above the table."""
    header: tuple[str, ...] = ()
    """Table header (empty: no table)."""
    rows: tuple[tuple[str, ...], ...] = ()
    """Table rows, already formatted."""
    image: str = ""
    """Key of the figure shown in this section ('' for none)."""


def round1(v: float | None) -> float | None:
    """v rounded to one decimal (None stays None)."""
    return None if v is None else round(v, 1)


def group_row(name: str, agg: Any, dims: tuple[str, ...], hidden: frozenset[str] = frozenset()) -> GroupRow:
    """A GroupRow of an accumulator; hidden measures become None."""
    if "calls" in hidden:
        return GroupRow(name, None, None, None, {d: None for d in dims}, hidden, {})
    return GroupRow(name, agg.n(), agg.calls, round1(agg.mean()),
                    {d: None if d in hidden else round1(agg.mean(d)) for d in dims}, hidden,
                    {d: 0 if d in hidden else agg.n(d) for d in dims})


def dimensions_of(aggs: list[Agg]) -> tuple[str, ...]:
    """Dimensions with any value, in display order."""
    found = {d for a in aggs for d, n in a.counts.items() if n}
    return tuple(d for d in DIMENSION_ORDER if d in found)


def points(buckets: dict[str, Agg], dims: tuple[str, ...]) -> dict[str, list[Point]]:
    """Progress series (total and per dimension) of time buckets."""
    out: dict[str, list[Point]] = {"total": []}
    for label, agg in sorted(buckets.items()):
        out["total"].append(Point(label, round1(agg.mean()), agg.n(), agg.calls))
        for d in dims:
            if agg.counts.get(d):
                out.setdefault(d, []).append(Point(label, round1(agg.mean(d)), agg.n(d), agg.counts[d]))
    return out


def weakest_skills(overall: dict[str, float | None], examples: Callable[[list[str]], dict[str, list[Example]]]) -> tuple[Skill, ...]:
    """The lowest dimensions with examples (``examples``: ranked dimensions -> examples per dimension)."""
    ranked = sorted((d for d, v in overall.items() if v is not None), key=lambda d: overall[d])[:WEAKEST]
    found = examples(ranked)
    return tuple(Skill(d, overall[d], tuple(found.get(d, ()))) for d in ranked)
