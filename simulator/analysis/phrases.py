"""Scenario phrases: recognising checklist steps in a trainee line.

A phrase is words separated by spaces; every word must occur in the line, in
any order. A word matches a token that starts with it (``stecker`` matches
``steckers``); in languages with compounds also a part of a token when the word
has four letters or more (``leiste`` matches ``steckdosenleiste``). ``a|b`` means
either word. Matching is case- and umlaut-insensitive, and words of five
letters or more tolerate typos (fuzzy match with a high cutoff).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from simulator.analysis.normaliser import fold, items

if TYPE_CHECKING:
    from simulator.analysis.analyser import Analysis

_COMPOUND_MIN = 4
_FUZZY_MIN = 5


@dataclass(frozen=True, slots=True)
class _Phrase:
    """One compiled phrase."""

    source: str
    """The phrase as written by the scenario author."""
    slots: tuple[tuple[str, ...], ...]
    """Each slot is a word the line must contain, given as folded alternatives."""


class PhraseMatcher:
    """Finds the first of a list of scenario phrases that a line contains."""

    def __init__(self, phrases: Sequence[str], *, compounds: bool = False, cutoff: float = 85.0) -> None:
        self.compounds = compounds
        self.cutoff = cutoff
        compiled = []
        for phrase in phrases:
            slots = []
            for word in str(phrase).split():
                alternatives = tuple(
                    a for a in (_fold_word(part) for part in word.split("|")) if a
                )
                if alternatives:
                    slots.append(alternatives)
            if slots:
                compiled.append(_Phrase(str(phrase), tuple(slots)))
        self._phrases: tuple[_Phrase, ...] = tuple(compiled)

    @property
    def words(self) -> tuple[str, ...]:
        """Every folded word used by the phrases."""
        return tuple(sorted({a for p in self._phrases for slot in p.slots for a in slot}))

    def search(self, analysis: "Analysis") -> str | None:
        """The first phrase whose words all occur in the analysed line, or None."""
        if not self._phrases:
            return None
        raw = [part.norm for part in items(analysis.text) if part.is_word]
        tokens = tuple(dict.fromkeys([*analysis.tokens, *raw]))
        if not tokens:
            return None
        for phrase in self._phrases:
            if all(any(self._matches(word, tokens) for word in slot) for slot in phrase.slots):
                return phrase.source
        return None

    def _matches(self, word: str, tokens: tuple[str, ...]) -> bool:
        for token in tokens:
            if token.startswith(word):
                return True
            if self.compounds and len(word) >= _COMPOUND_MIN and word in token:
                return True
        if len(word) < _FUZZY_MIN:
            return False
        for token in tokens:
            if len(token) < len(word) - 1:
                continue
            allowed = 1 if len(word) < 8 else 2
            if OSA.distance(word, token, score_cutoff=allowed) <= allowed:
                return True
            if OSA.distance(word, token[: len(word)], score_cutoff=allowed) <= allowed:
                return True
            if fuzz.ratio(word, token[: len(word)]) >= self.cutoff:
                return True
            if self.compounds and fuzz.partial_ratio(word, token) >= max(self.cutoff, 88):
                return True
        return False


def _fold_word(word: str) -> str:
    parts = [part.norm for part in items(word) if part.is_word]
    return "".join(parts) if parts else fold(word).strip()
