"""Scoring: an honest, explained score for every call (see docs/scoring.md).

``score_call(scenario, state)`` -> :class:`Score` with eight dimensions, each
explained by evidence items (turn, quote, effect, note, tip) in the call's
language. ``attach(doc, scenario, state)`` adds ``"score"`` to the JSON
document of ``simulator play --json``.
"""

from simulator.scoring.rubric import DIMENSIONS, DimensionScore, EvidenceItem, Score, weights_for
from simulator.scoring.scorer import score_call

__all__ = ["DIMENSIONS", "DimensionScore", "EvidenceItem", "Score", "attach", "score_call", "weights_for"]


def attach(json_doc: dict, scenario, state) -> dict:
    """Add ``"score": score_call(scenario, state).to_json()`` to a call's JSON document; returns it."""
    json_doc["score"] = score_call(scenario, state).to_json()
    return json_doc
