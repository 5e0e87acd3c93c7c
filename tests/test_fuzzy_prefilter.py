"""The letter-pair pre-filter of the typo policy never rejects a token that holds a typo of the word.

`Fuzzy.may_hold` lets phrase matching skip tokens cheaply; it must be a necessary condition of `is_typo` on every
stretch of the token, or a step phrase would stop matching a typo it matched before."""

from __future__ import annotations

import random

from simulator.analysis.fuzzy import Fuzzy
from simulator.analysis.phrases import PhraseMatcher
from simulator.analysis.result import Analysis

WORDS = ("stecker", "steckdosenleiste", "netzwerkkabel", "drucker", "zurueckrufen", "password", "restart",
         "monitor", "router", "schalter", "appointment", "technician", "lizenz", "scanner", "tastatur")
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _edit(word: str, rng: random.Random, edits: int) -> str:
    for _ in range(edits):
        i = rng.randrange(len(word))
        kind = rng.choice("isdt")
        if kind == "i":
            word = word[:i] + rng.choice(LETTERS) + word[i:]
        elif kind == "s":
            word = word[:i] + rng.choice(LETTERS) + word[i + 1:]
        elif kind == "d" and len(word) > 2:
            word = word[:i] + word[i + 1:]
        elif kind == "t" and i < len(word) - 1:
            word = word[:i] + word[i + 1] + word[i] + word[i + 2:]
    return word


def test_a_token_holding_a_typo_is_never_skipped() -> None:
    fuzzy, rng = Fuzzy(), random.Random(7)
    checked = 0
    for _ in range(4000):
        word = rng.choice(WORDS)
        typed = _edit(word, rng, rng.randint(1, fuzzy.max_edits(len(word))))
        token = rng.choice(("", "ge", "netz", "haupt")) + typed + rng.choice(("", "en", "kabel", "s"))
        holds = any(fuzzy.is_typo(token[a:b], word, part=a > 0) for a in range(len(token))
                    for b in range(a + 1, len(token) + 1))
        if holds:
            checked += 1
            assert fuzzy.may_hold(word, token), (word, token)
    assert checked > 1000  # the edits made real typos often enough for the check to mean something


def test_unrelated_tokens_are_skipped() -> None:
    fuzzy = Fuzzy()
    assert not fuzzy.may_hold("steckdosenleiste", "bildschirm")
    assert not fuzzy.may_hold("appointment", "yesterday")
    assert fuzzy.may_hold("stecker", "stekcer")  # a swap keeps enough pairs


def test_typos_still_match_a_phrase() -> None:
    matcher = PhraseMatcher(["steckdosenleiste schalter"], compounds=True)
    line = "ist die stekdosenleiste am schlater an"
    analysis = Analysis(text=line, lang="de", tokens=tuple(line.split()), acts=(), evidence=(), is_noise=False)
    assert matcher.search(analysis) == "steckdosenleiste schalter"
