"""The rubric: dimensions, weights and the typed score a call gets.

Eight dimensions, each 0..100 (or None when a scenario gives it weight 0).
``Score.total`` is the weighted mean of the applicable dimensions. Every
number is explained by :class:`EvidenceItem` s; the texts live in
``simulator/strings/<lang>.yaml`` (see :mod:`simulator.scoring.feedback`).
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.vocabulary import DIMENSIONS

DEFAULT_WEIGHTS: dict[str, float] = {name: 1.0 for name in DIMENSIONS}
"""Every dimension weighs the same unless the scenario says otherwise (``scoring.weights``)."""

TIP_BELOW = 80.0
"""A dimension scoring below this gets its overall tip."""


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """One reason for points won or lost on one dimension."""

    dimension: str
    """The dimension (one of :data:`DIMENSIONS`)."""
    turn: int
    """Trainee turn number the evidence belongs to (0 = before the first trainee line)."""
    quote: str
    """The trainee's words (evidence span or the trimmed line), or the customer's cue for a missed behaviour."""
    effect: float
    """Points added to (or taken from) the dimension."""
    note: str
    """What happened, in the call's language."""
    tip: str
    """A concrete tip, in the call's language."""
    kind: str = ""
    """What kind of evidence this is (the catalogue key ``item.<kind>``), for checks and reports."""
    speaker: str = "trainee"
    """Whose words the quote is: 'trainee', 'customer' (a missed cue, a hang-up), or '' when there is no quote."""

    def to_json(self) -> dict:
        return {"dimension": self.dimension, "turn": self.turn, "quote": self.quote, "speaker": self.speaker,
                "effect": round(self.effect, 1), "note": self.note, "tip": self.tip, "kind": self.kind}


@dataclass(frozen=True, slots=True)
class DimensionScore:
    """The score of one dimension with its evidence."""

    name: str
    """The dimension."""
    value: float | None
    """0..100, or None when not applicable in this scenario (weight 0)."""
    weight: float
    """Weight in the total."""
    evidence: tuple[EvidenceItem, ...]
    """Why: base value plus the evidence effects, clamped to 0..100, is the value."""
    tip: str
    """Overall tip for improvement ('' when the value is 80 or more, or not applicable)."""
    base: float = 0.0
    """The value the dimension starts at before its evidence (value = base + the effects, clamped)."""

    @property
    def applicable(self) -> bool:
        return self.value is not None


@dataclass(frozen=True, slots=True)
class Score:
    """The explained score of one call."""

    total: float
    """Weighted mean of the applicable dimensions, 0..100."""
    lang: str
    """Language of the notes and tips."""
    dimensions: tuple[DimensionScore, ...]
    """One entry per dimension, in :data:`DIMENSIONS` order."""

    def dimension(self, name: str) -> DimensionScore:
        for d in self.dimensions:
            if d.name == name:
                return d
        raise KeyError(name)

    @property
    def evidence(self) -> tuple[EvidenceItem, ...]:
        return tuple(e for d in self.dimensions for e in d.evidence)

    def to_json(self) -> dict:
        return {
            "total": round(self.total, 1),
            "dimensions": {d.name: (None if d.value is None else round(d.value, 1)) for d in self.dimensions},
            "evidence": [e.to_json() for e in self.evidence],
        }


def weights_for(scenario) -> dict[str, float]:
    """The scenario's weights: defaults overridden by ``scoring.weights`` (0 = not applicable)."""
    weights = dict(DEFAULT_WEIGHTS)
    for name, value in (scenario.scoring or {}).items():
        if name in weights:
            weights[name] = float(value)
    return weights
