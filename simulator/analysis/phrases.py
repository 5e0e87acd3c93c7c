"""Scenario phrases: recognising checklist steps in a trainee line.

A phrase is words separated by spaces; every word must occur in the line, in
any order, all within ten tokens of each other (:data:`WINDOW`). A word matches a token that starts with it (``stecker`` matches
``steckers``); in languages with compounds also a part of a token when the word
has four letters or more (``leiste`` matches ``steckdosenleiste``). ``a|b`` means
either word. Matching is case- and umlaut-insensitive, and words of five
letters or more tolerate typos (the analyser's typo policy, :mod:`fuzzy`).

:func:`lexicon_entry` writes a phrase as a lexicon entry (a regular expression
over the analyser's token line), so that a scenario's jargon terms are
recognised by the analyser itself, with evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import permutations
from typing import Iterable, Sequence

from simulator.analysis.fuzzy import Fuzzy
from simulator.analysis.normaliser import fold, items
from simulator.analysis.result import Analysis

COMPOUND_MIN = 4
"""A phrase word this long or longer may match inside a compound (where the language has them)."""
_MAX_PERMUTED = 3
WINDOW = 10
"""The words of one phrase must all occur within this many tokens: a phrase names one thing said, not words
scattered over a long line ('Guten Morgen … den ganzen Vormittag' is no appointment for tomorrow morning)."""


@dataclass(frozen=True, slots=True)
class _Phrase:
    """One compiled phrase."""

    source: str
    """The phrase as written by the scenario author."""
    slots: tuple[tuple[str, ...], ...]
    """Each slot is a word the line must contain, given as folded alternatives."""


def _compile(phrase: str) -> _Phrase | None:
    slots = []
    for word in str(phrase).split():
        alternatives = tuple(a for a in (_fold_word(part) for part in word.split("|")) if a)
        if alternatives:
            slots.append(alternatives)
    return _Phrase(str(phrase), tuple(slots)) if slots else None


class PhraseMatcher:
    """Finds the first of a list of scenario phrases that a line contains."""

    def __init__(self, phrases: Sequence[str], *, compounds: bool = False, fuzzy: Fuzzy = Fuzzy()) -> None:
        self.compounds = compounds
        self.fuzzy = fuzzy
        self._phrases: tuple[_Phrase, ...] = tuple(p for p in map(_compile, phrases) if p is not None)

    @property
    def words(self) -> tuple[str, ...]:
        """Every folded word used by the phrases."""
        return words_of(p.source for p in self._phrases)

    def search(self, analysis: Analysis) -> str | None:
        """The first phrase whose words all occur in the analysed line, or None."""
        if not self._phrases:
            return None
        raw = _words(analysis.text)
        lines = tuple(t for t in (analysis.tokens, raw) if t)
        if not lines:
            return None
        joined = tuple(" ".join(tokens) for tokens in lines)  # a typo keeps a letter pair: words sharing none skip
        for phrase in self._phrases:
            if any(self._near(phrase, tokens, text) for tokens, text in zip(lines, joined)):
                return phrase.source
        return None

    def _near(self, phrase: _Phrase, tokens: tuple[str, ...], text: str) -> bool:
        """Every slot of ``phrase`` matches a token, all of them within :data:`WINDOW` tokens of each other
        (``text``: the tokens joined by spaces)."""
        where = []
        for slot in phrase.slots:  # cheap exact/prefix/compound positions first; typo matching only when none
            inside = [word for word in slot if word in text]  # a plain match stands in some token
            positions = [i for i, token in enumerate(tokens) if any(self._plain(word, token) for word in inside)]
            if not positions:
                near = [word for word in slot if self.fuzzy.may_hold(word, text)]
                positions = [i for i, token in enumerate(tokens)
                             if any(self.fuzzy.occurs_in(word, token, compounds=self.compounds) for word in near)]
            if not positions:
                return False
            where.append(positions)
        if len(where) == 1:
            return True
        # the smallest span that holds one position of every slot (positions are sorted per slot)
        events = sorted((i, n) for n, positions in enumerate(where) for i in positions)
        count: dict[int, int] = {}
        left = 0
        for right, (pos, slot) in enumerate(events):
            count[slot] = count.get(slot, 0) + 1
            while len(count) == len(where):
                if pos - events[left][0] < WINDOW:
                    return True
                first = events[left][1]
                count[first] -= 1
                if not count[first]:
                    del count[first]
                left += 1
        return False

    def _plain(self, word: str, token: str) -> bool:
        """``word`` starts ``token`` or, in a compounding language, stands inside it."""
        return token.startswith(word) or (self.compounds and len(word) >= COMPOUND_MIN and word in token)


@lru_cache(maxsize=256)
def _words(text: str) -> tuple[str, ...]:
    """The folded words of *text* as typed (a pure function of it, memoised: every step's phrases read one line)."""
    return tuple(part.norm for part in items(text) if part.is_word)


def words_of(phrases: Iterable[str]) -> tuple[str, ...]:
    """Every folded word used by *phrases*, sorted."""
    found: set[str] = set()
    for phrase in phrases:
        compiled = _compile(str(phrase))
        if compiled is not None:
            found.update(a for slot in compiled.slots for a in slot)
    return tuple(sorted(found))


def lexicon_entry(phrase: str, *, compounds: bool) -> str | None:
    """*phrase* as a lexicon entry: its words (any order) within one clause, each as a token prefix.

    A word of :data:`COMPOUND_MIN` letters or more may also stand inside a
    token when *compounds* is true; a shorter one ("lan", "ip") must be the whole token or its plural, so that
    "langsam", "Land" and "iPhone" are not jargon. Typos are left to the analyser's spelling
    correction (the phrase's words join its vocabulary).
    """
    compiled = _compile(phrase)
    if compiled is None:
        return None

    def slot(alternatives: tuple[str, ...]) -> str:
        words = []
        for word in alternatives:
            body = re.escape(word)
            if len(word) < COMPOUND_MIN:  # "lan", "ip": the whole token (or its plural), not "langsam", "iphone"
                words.append(rf"{body}s?(?![\w'])")
            else:
                words.append(rf"[\w']*{body}[\w']*" if compounds else rf"{body}[\w']*")
        return "(?:" + "|".join(words) + ")"

    slots = [slot(s) for s in compiled.slots]
    orders = permutations(slots) if len(slots) <= _MAX_PERMUTED else [slots]
    sequences = [" {any}".join(order) for order in orders]
    return sequences[0] if len(sequences) == 1 else "(?:" + "|".join(sequences) + ")"


def _fold_word(word: str) -> str:
    parts = [part.norm for part in items(word) if part.is_word]
    return "".join(parts) if parts else fold(word).strip()
