"""What the analyser returns: the acts of one line with evidence spans.

A module of its own so that the analyser and the phrase matcher can both use
these types without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why an act was recognised: the stretch of the original line that triggered it."""

    act: str
    """The act (one of :data:`simulator.analysis.acts.ACTS`)."""
    start: int
    """Start offset in :attr:`Analysis.text`."""
    end: int
    """End offset (exclusive) in :attr:`Analysis.text`."""
    text: str
    """``Analysis.text[start:end]``."""


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the analyser found in one line."""

    text: str
    """The line as given."""
    lang: str
    """Language code the line was analysed as."""
    tokens: tuple[str, ...]
    """Normalised word tokens: lower-cased, umlauts folded, typos corrected."""
    acts: tuple[str, ...]
    """Recognised acts, in :data:`ACTS` order, without duplicates."""
    evidence: tuple[Evidence, ...]
    """One piece of evidence per recognised act, in the same order as :attr:`acts`."""
    is_noise: bool
    """True when the line has no real words (empty, punctuation, emoji, fillers like 'äh')."""
    confidence: tuple[tuple[str, float], ...] = ()
    """``(act, probability)`` per recognised act, in the order of :attr:`acts`: how likely the act is right.

    With the learned second opinion it is the head's calibrated probability;
    rules only, the rules' precision for that act on the bank's train split.
    Use it to treat an uncertain reading gently (e.g. a ``rude`` below 0.6).
    """

    def confidence_of(self, act: str) -> float:
        """The confidence of *act* (0.0 when it was not recognised)."""
        return next((p for a, p in self.confidence if a == act), 0.0)

    @property
    def word_count(self) -> int:
        """Number of word tokens."""
        return len(self.tokens)
