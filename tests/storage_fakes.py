"""Hand-written scores for the storage and report tests, built from simulator.scoring's own data classes."""

from __future__ import annotations

from simulator.scoring import DIMENSIONS, DimensionScore, EvidenceItem, Score


# The score's data classes are plain frozen dataclasses: the tests build real ones by hand.
FakeEvidence = EvidenceItem
FakeDimension = DimensionScore
FakeScore = Score


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
