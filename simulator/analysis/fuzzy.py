"""The one typo policy, shared by spelling correction and scenario phrases.

A typed word counts as a typo of a known word when the known word has at
least ``min_length`` letters and

* the edit distance (with transpositions, OSA) is within the budget for the
  shorter word's length: 1 up to seven letters, 2 up to eleven, 3 beyond; and
* the two words stay similar (rapidfuzz ratio ≥ ``cutoff``) – except that two
  swapped neighbouring letters are always a typo (``swtich``), though the
  ratio counts them as two edits.

The ratio keeps short words from being "corrected" into other real words
(``leise`` is no typo of ``lease``, nor ``takes`` of ``taken``). A word
sought *inside* a longer token (a part of a compound) must reach
``part_cutoff`` instead: a long token offers many stretches to look alike by
chance (``schalter`` is not in ``eingeschaltet``).

Spelling correction replaces an unknown token by the most similar vocabulary
word it is a typo of; a phrase word matches a token when the token, the
token's start, or (in compounding languages) the best-aligned part of the
token is a typo of the phrase word.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA


@dataclass(frozen=True, slots=True)
class Fuzzy:
    """The typo policy of one language (``fuzzy:`` in its data file)."""

    min_length: int = 5
    """Words shorter than this are never matched fuzzily."""
    cutoff: float = 85.0
    """Similarity (rapidfuzz ratio, 0–100) a typo must keep."""
    part_cutoff: float = 88.0
    """Similarity a typo found inside a longer token (a compound part) must keep."""

    @staticmethod
    def max_edits(length: int) -> int:
        """Edits tolerated in a word of *length* letters."""
        return 1 if length < 8 else 2 if length < 12 else 3

    def is_typo(self, typed: str, word: str, *, part: bool = False) -> bool:
        """True when *typed* is *word* or a typo of it (*part*: *typed* was cut out of a longer token)."""
        if typed == word:
            return True
        if len(word) < self.min_length:
            return False
        budget = self.max_edits(min(len(typed), len(word)))
        if OSA.distance(typed, word, score_cutoff=budget) > budget:
            return False
        return fuzz.ratio(typed, word) >= (self.part_cutoff if part else self.cutoff) or _swapped(typed, word)

    def may_hold(self, word: str, token: str) -> bool:
        """False when no stretch of *token* can be a typo of *word*: an edit breaks at most three of the word's
        letter pairs (a swap three, others two), so a typo within the edit budget keeps all but ``3 × budget`` of
        them, and a token holding fewer is skipped without aligning anything."""
        pairs = _pairs(word)
        need = len(pairs) - 3 * self.max_edits(len(word))
        return need < 1 or len(pairs & _pairs(token)) >= need

    def closest(self, token: str, candidates: Sequence[str]) -> str | None:
        """The candidate *token* is a typo of (the most similar first), or None."""
        if len(token) < self.min_length:
            return None
        ranked = process.extract(token, candidates, scorer=fuzz.ratio, score_cutoff=self.cutoff, limit=None)
        for candidate, _, _ in ranked:
            if self.is_typo(token, candidate):
                return candidate
        # two swapped letters have a low ratio in short words: look among words one edit away
        for candidate, _, _ in process.extract(token, candidates, scorer=OSA.distance, score_cutoff=1, limit=None):
            if _swapped(token, candidate):
                return candidate
        return None

    def occurs_in(self, word: str, token: str, *, compounds: bool) -> bool:
        """True when *token*, its start or (with *compounds*) a part of it is a typo of *word*."""
        if len(word) < self.min_length or len(token) < len(word) - 1 or not self.may_hold(word, token):
            return False
        if self.is_typo(token, word) or self.is_typo(token[: len(word)], word):
            return True
        if compounds and len(token) > len(word):
            aligned = fuzz.partial_ratio_alignment(word, token)
            part = token[aligned.dest_start : aligned.dest_end]
            if self.is_typo(part, word, part=True):
                return True
        return False


@lru_cache(maxsize=8192)
def _pairs(text: str) -> frozenset[str]:
    """The neighbouring letter pairs of *text* (a pure function of it, memoised: phrase words and common words recur)."""
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))


def _swapped(typed: str, word: str) -> bool:
    """True when *typed* is *word* with one pair of neighbouring letters swapped."""
    if len(typed) != len(word):
        return False
    diff = [i for i, (a, b) in enumerate(zip(typed, word)) if a != b]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and typed[diff[0]] == word[diff[1]] and typed[diff[1]] == word[diff[0]]
