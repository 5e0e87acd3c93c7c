"""Scores of predicted acts against labelled lines: micro-F1, per-act F1, question/summary/feeling recall.

Used by :mod:`simulator.analysis.train`, ``bench/analyser.py`` and the tests,
so every figure in ``docs/analyser.md`` is computed one way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from simulator.analysis.acts import ACTS

QUESTIONS = frozenset({"open_question", "closed_question"})
"""A line 'is a question' when it carries either question act."""


@dataclass(frozen=True, slots=True)
class Detection:
    """How well one kind of line is found: recall, and the two readings of 'false alarm'."""

    recall: float
    """Share of labelled lines that were found."""
    false_alarm_rate: float
    """Share of lines *without* the label that were flagged (false-positive rate)."""
    false_discovery: float
    """Share of flagged lines that were wrong (1 - precision)."""
    support: int
    """Number of labelled lines."""


@dataclass(frozen=True, slots=True)
class Scores:
    """Micro-F1 and per-act figures of one prediction run."""

    micro_f1: float
    """F1 over all (line, act) decisions."""
    per_act: dict[str, float]
    """F1 per act (1.0 when the act neither occurs nor is predicted)."""
    counts: dict[str, tuple[int, int, int]]
    """Per act: (true positives, false positives, false negatives)."""

    def table(self) -> str:
        """A fixed-width table of the per-act figures."""
        lines = [f"{'act':18} {'F1':>5} {'tp':>4} {'fp':>4} {'fn':>4}"]
        for act in ACTS:
            tp, fp, fn = self.counts[act]
            lines.append(f"{act:18} {self.per_act[act]:5.3f} {tp:4} {fp:4} {fn:4}")
        return "\n".join(lines)


def scores(gold: Sequence[Iterable[str]], predicted: Sequence[Iterable[str]]) -> Scores:
    """Micro-F1 and per-act F1 of *predicted* against *gold* (one act set per line)."""
    counts = {act: [0, 0, 0] for act in ACTS}
    for g, p in zip(gold, predicted, strict=True):
        g, p = set(g), set(p)
        for act in ACTS:
            counts[act][0] += act in g and act in p
            counts[act][1] += act in p and act not in g
            counts[act][2] += act in g and act not in p
    per_act = {}
    for act, (tp, fp, fn) in counts.items():
        per_act[act] = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
    t = sum(c[0] for c in counts.values())
    f = sum(c[1] + c[2] for c in counts.values())
    return Scores(2 * t / (2 * t + f) if t + f else 1.0, per_act, {a: tuple(c) for a, c in counts.items()})


def detection(gold: Sequence[Iterable[str]], predicted: Sequence[Iterable[str]], acts: Iterable[str]) -> Detection:
    """How well lines carrying any of *acts* are found (a line counts as flagged when any of *acts* is predicted)."""
    wanted = frozenset(acts)
    tp = fp = fn = tn = 0
    for g, p in zip(gold, predicted, strict=True):
        is_, said = bool(wanted & set(g)), bool(wanted & set(p))
        tp += is_ and said
        fn += is_ and not said
        fp += said and not is_
        tn += not is_ and not said
    return Detection(
        tp / (tp + fn) if tp + fn else 1.0,
        fp / (fp + tn) if fp + tn else 0.0,
        fp / (fp + tp) if fp + tp else 0.0,
        tp + fn,
    )
