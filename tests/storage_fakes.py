"""Hand-written fakes shared by the storage and report tests: a Score shaped like simulator.scoring's."""

from __future__ import annotations

from dataclasses import dataclass

DIMENSIONS = ("empathy", "questioning", "summarising", "checklist", "clarity", "transparency", "courtesy", "outcome")


@dataclass(frozen=True, slots=True)
class FakeEvidence:
    """One evidence item (as simulator.scoring.EvidenceItem)."""

    dimension: str
    """Rubric dimension."""
    turn: int
    """Trainee turn."""
    quote: str
    """What was said."""
    effect: float
    """Points +/-."""
    note: str
    """What happened."""
    tip: str
    """What to do instead."""


@dataclass(frozen=True, slots=True)
class FakeDimension:
    """One dimension's score (as simulator.scoring.DimensionScore)."""

    name: str
    """Dimension."""
    value: float | None
    """0..100 or None."""
    weight: float
    """Weight."""
    evidence: tuple[FakeEvidence, ...]
    """Evidence."""
    tip: str
    """Tip."""


@dataclass(frozen=True, slots=True)
class FakeScore:
    """A score with the contract's shape (total, lang, dimensions, to_json)."""

    total: float
    """0..100."""
    lang: str
    """Language."""
    dimensions: tuple[FakeDimension, ...]
    """Per dimension."""

    def dimension(self, name: str) -> FakeDimension:
        return next(d for d in self.dimensions if d.name == name)

    @property
    def evidence(self) -> tuple[FakeEvidence, ...]:
        return tuple(e for d in self.dimensions for e in d.evidence)

    def to_json(self) -> dict:
        return {"total": self.total, "dimensions": {d.name: d.value for d in self.dimensions},
                "evidence": [{"dimension": e.dimension, "turn": e.turn, "quote": e.quote, "effect": e.effect,
                              "note": e.note, "tip": e.tip} for e in self.evidence]}


def fake_score(values: dict[str, float | None] | None = None, quotes: dict[str, str] | None = None,
               lang: str = "en") -> FakeScore:
    """A score: given values (others 50), one negative evidence item per quoted dimension."""
    values = values or {}
    quotes = quotes or {}
    dims = []
    for name in DIMENSIONS:
        ev = ()
        if name in quotes:
            ev = (FakeEvidence(name, 1, quotes[name], -10.0, f"{name} missed", f"try more {name}"),)
        dims.append(FakeDimension(name, values.get(name, 50.0), 1.0, ev, f"tip for {name}"))
    known = [d.value for d in dims if d.value is not None]
    return FakeScore(sum(known) / len(known), lang, tuple(dims))
