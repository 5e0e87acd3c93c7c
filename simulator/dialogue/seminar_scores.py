"""The seminar's values: marks, notes, adjustments, attempts and ranking rows (no logic beyond arithmetic).

:mod:`simulator.dialogue.seminar` builds them; the projector, the terminal
and the seminar summary (:mod:`simulator.reports.seminar_summary`) only read
them. An adjustment never overwrites an automatic score: it is applied to its
dimension, clamped to 0..100, and the weighted mean is recomputed
(:func:`adjusted_total`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Adjustment:
    """An instructor's change to one dimension of one trainee's score, kept beside the automatic score."""

    trainee: str
    """Whose score."""
    dimension: str
    """One of the rubric's dimensions."""
    delta: float
    """Points asked for (negative: taken away); what counts is clamped, see :class:`AppliedAdjustment`."""
    reason: str
    """Why, as the instructor typed it."""
    turn: int
    """The call's trainee turn when the adjustment was made."""
    attempt: int = 1
    """The trainee's attempt it is about: the latest one they had spoken in when it was made."""


@dataclass(frozen=True, slots=True)
class AppliedAdjustment:
    """An adjustment as it counts: the dimension before, the delta applied (clamped to 0..100), after."""

    adjustment: Adjustment
    """The adjustment as the instructor made it."""
    before: float | None
    """The dimension's value before it (after earlier adjustments); None without a score or value."""
    delta: float
    """Points actually added: ``after - before`` (the asked delta when there is no value to clamp)."""
    after: float | None
    """The dimension's value after it, within 0..100; None without a score or value."""

    def shown(self, label: str) -> str:
        """'Empathy 95 (+5 → 100)' (``label``: the dimension's name in the UI language); 'Empathy +5' without values."""
        delta = round(self.delta, 1) + 0.0  # no '-0'
        if self.before is None or self.after is None:
            return f"{label} {delta:+g}"
        return f"{label} {self.before:.0f} ({delta:+g} → {self.after:.0f})"


@dataclass(frozen=True, slots=True)
class Mark:
    """A moment marked for discussion, with an optional note."""

    trainee: str
    """Who was on the hot seat (or whom the note is about)."""
    turn: int
    """The call's trainee turn when marked."""
    note: str = ""
    """The instructor's note ('' for a plain mark)."""
    attempt: int = 1
    """The trainee's attempt it is about (see :attr:`Adjustment.attempt`)."""


@dataclass(frozen=True, slots=True)
class AttemptResult:
    """One trainee's part in one attempt of the call (the first run, or a run after a rewind)."""

    attempt: int
    """1-based attempt number (hot seat: of the shared call; sequence: of this trainee's call)."""
    turns: tuple[int, ...]
    """Their turns in this attempt's call, scored together (turns before the rewind point included)."""
    new_turns: tuple[int, ...]
    """The turns they said in this attempt (not carried over from an earlier attempt)."""
    outcome: str
    """How this attempt's call ended (an outcome reason; '' while it is open)."""
    score: Any
    """The automatic Score of ``turns`` in this attempt; None without a scorer."""
    counted: bool
    """This is the attempt the ranking counts (the trainee's last)."""
    rewound: bool = False
    """The instructor rewound this attempt (an outcome ``quit`` then means the rewind ended it, not the trainee)."""

    @property
    def outcome_key(self) -> str:
        """The string key of how this attempt ended: ``outcome_rewound``, ``outcome_open`` or ``reason.<reason>``."""
        if self.rewound and self.outcome in ("", "quit"):
            return "outcome_rewound"
        return f"reason.{self.outcome}" if self.outcome else "outcome_open"


@dataclass(frozen=True, slots=True)
class RankingRow:
    """One trainee's line in the final ranking."""

    rank: int
    """1-based place (by adjusted total; trainees without turns last)."""
    trainee: str
    """Name."""
    turns: tuple[int, ...]
    """The trainee turns of the counted attempt (in that attempt's call)."""
    automatic: float | None
    """The scorer's total of the counted attempt, untouched; None without turns or scorer."""
    adjusted: float | None
    """That total after the instructor's adjustments for that attempt."""
    adjustments: tuple[Adjustment, ...]
    """The adjustments counted (those about the counted attempt)."""
    score: Any = None
    """The automatic Score of the counted attempt, for the dimension details."""
    applied: tuple[AppliedAdjustment, ...] = ()
    """The adjustments as applied to ``score`` (same order as ``adjustments``)."""
    taken: int = 0
    """Lines this trainee said in the whole seminar, over all attempts."""
    attempts: tuple[AttemptResult, ...] = ()
    """Every attempt they spoke in, oldest first; the last one is counted."""
    marks: tuple[Mark, ...] = ()
    """Marks and notes about them, in the order made."""


def apply_adjustments(score: Any, adjustments: Iterable[Adjustment]) -> tuple[AppliedAdjustment, ...]:
    """Each adjustment in order, applied to its dimension of ``score`` and clamped to 0..100."""
    values = {} if score is None else {d.name: d.value for d in score.dimensions}
    out = []
    for a in adjustments:
        before = values.get(a.dimension)
        if before is None:
            # no value to clamp against: without a score the asked delta stands, a not-applicable dimension gets none
            delta = float(a.delta) if score is None else 0.0
            out.append(AppliedAdjustment(a, None, delta, None))
            continue
        after = max(0.0, min(100.0, before + a.delta))
        values[a.dimension] = after
        out.append(AppliedAdjustment(a, before, after - before, after))
    return tuple(out)


def adjusted_total(score: Any, adjustments: Iterable[Adjustment]) -> float | None:
    """The weighted mean after applying each adjustment to its dimension in turn (each clamped to 0..100)."""
    if score is None:
        return None
    applicable = [d for d in score.dimensions if d.value is not None and d.weight > 0]
    weight = sum(d.weight for d in applicable)
    if not weight:
        return score.total
    final = {d.name: d.value for d in score.dimensions}
    for a in apply_adjustments(score, adjustments):
        if a.after is not None:
            final[a.adjustment.dimension] = a.after
    change = sum(d.weight * (final[d.name] - d.value) for d in applicable)
    return max(0.0, min(100.0, score.total + change / weight))
