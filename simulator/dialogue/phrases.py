"""Scenario phrases that match words, not letters: ``zug`` is no "Zugangsdaten", ``an`` no "anrufen".

The analyser's :class:`~simulator.analysis.phrases.PhraseMatcher` lets a phrase
word match any word that starts with it (and, in German, any word it stands
in). The engine matches the scenario's ``recognise`` and ``insist`` phrases
with word boundaries instead – a phrase word matches a word of the line

* that is the word itself, or the word with an inflectional ending
  (``stecker`` – "Steckers", ``schalte`` – "schalten", ``plug`` – "plugged");
* in a compounding language (German), when the word has four letters or more,
  a part of a compound: the word at its start with another word of four
  letters or more after it (``netzwerk`` – "Netzwerkkabel"), or at its end or
  inside with a word of three letters or more, a verb particle or "ge" before
  it (``leiste`` – "Steckdosenleiste", ``schalte`` – "ausgeschaltet"), not
  with a stray syllable ("be|recht|igte", "v|erst|ehe");
* anything starting with it when the author writes it as a stem: ``prüf*``
  matches "prüfen", "Prüfung" and "überprüft".

Typos are tolerated as before, within the same boundaries. The endings and
particles are language data (``dialogue/data/reading.yaml``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

from simulator.analysis.fuzzy import Fuzzy
from simulator.analysis.normaliser import items
from simulator.analysis.phrases import COMPOUND_MIN, PhraseMatcher
from simulator.analysis.result import Analysis
from simulator.dialogue.reading import word_data

STEM = "*"
"""A phrase word ending in this matches every word that starts with it (the author's stem)."""
PART_MIN = 4
"""The other word of a compound, when the phrase word is its first part, has at least this many letters."""
BEFORE_MIN = 3
"""A word before the phrase word inside a compound has at least this many letters (else it is a particle)."""


def _fold(word: str) -> str:
    return "".join(p.norm for p in items(word) if p.is_word)


@lru_cache(maxsize=8)
def _language(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """The folded inflectional endings and the folded particles that may stand before a word in a compound."""
    endings, particles = word_data(lang)
    folded = {e.lower() for e in endings} | {_fold(e) for e in endings}  # "'s" stays as written ("what's")
    return frozenset(folded) | {""}, frozenset(_fold(p) for p in particles)


def stems(phrases: Sequence[str]) -> frozenset[str]:
    """The folded words written as stems (``prüf*``) in *phrases*."""
    return frozenset(_fold(alt) for phrase in phrases for word in str(phrase).split() for alt in word.split("|")
                     if alt.endswith(STEM) and _fold(alt))


class StepPhrases(PhraseMatcher):
    """A :class:`PhraseMatcher` whose words match at word boundaries, stems (``prüf*``) as before."""

    def __init__(self, phrases: Sequence[str], *, lang: str, compounds: bool = False, fuzzy: Fuzzy = Fuzzy()) -> None:
        super().__init__(tuple(phrases), compounds=compounds, fuzzy=_BoundedTypos(fuzzy, self))
        self.lang = lang
        self.stems = stems(phrases)
        self.endings, self.particles = _language(lang)
        self.plain_fuzzy = fuzzy

    def _plain(self, word: str, token: str) -> bool:
        if word in self.stems:
            return super()._plain(word, token)
        if word not in token:
            return False
        start = token.find(word)
        while start >= 0:
            if self.bounded(token, start, start + len(word), len(word)):
                return True
            start = token.find(word, start + 1)
        return False

    def bounded(self, token: str, start: int, end: int, size: int) -> bool:
        """``token[start:end]`` may stand for a phrase word of ``size`` letters: the whole word, the word with an
        ending, or (compounding languages, four letters or more) a part of a compound."""
        before, after = token[:start], token[end:]
        if after[:1] == token[end - 1:end] and after[1:] in self.endings:
            after = after[1:]  # a doubled last letter before the ending: "plug" – "plugged", "stop" – "stopped"
        if not before and after in self.endings:
            return True
        if not self.compounds or size < COMPOUND_MIN:
            return False
        if not before:
            return len(after) >= PART_MIN  # a first part needs a word after it: "Netzwerk|kabel", not "Kabel|los"
        if len(before) < BEFORE_MIN and before not in self.particles:
            return False  # "be|recht|igte", "v|erst|ehe"
        return after in self.endings or len(after) >= PART_MIN

    def typo_in(self, word: str, token: str) -> bool:
        """A part of ``token`` at word boundaries is a typo of ``word`` (the analyser's typo policy; a part cut out
        of a longer word must not be shorter than the word – "Fest|plat|te" is no typo of ``platz`` – and keeps the
        stricter similarity of a compound part)."""
        size = len(word)
        if self.plain_fuzzy.is_typo(token, word):
            return True
        starts = [0] + ([i for i in range(1, len(token)) if i >= BEFORE_MIN or token[:i] in self.particles]
                        if self.compounds and size >= COMPOUND_MIN else [])
        for start in starts:
            for end in range(start + size, min(start + size + 1, len(token)) + 1):
                if (end - start, start) != (len(token), 0) and self.bounded(token, start, end, size) \
                        and self.plain_fuzzy.is_typo(token[start:end], word, part=start > 0):
                    return True
        return False


class _BoundedTypos:
    """The analyser's typo policy, applied to the parts of a word a phrase word may match (see :class:`StepPhrases`)."""

    def __init__(self, fuzzy: Fuzzy, matcher: StepPhrases) -> None:
        self.fuzzy = fuzzy
        self.matcher = matcher
        self.min_length = fuzzy.min_length

    def may_hold(self, word: str, text: str) -> bool:
        return self.fuzzy.may_hold(word, text)

    def occurs_in(self, word: str, token: str, *, compounds: bool) -> bool:
        if word in self.matcher.stems:
            return self.fuzzy.occurs_in(word, token, compounds=compounds)
        if len(word) < self.min_length or len(token) < len(word) - 1 or not self.fuzzy.may_hold(word, token):
            return False
        return self.matcher.typo_in(word, token)


def step_phrases(phrases: Sequence[str] | None, lang: str) -> StepPhrases:
    """A matcher of scenario *phrases* with *lang*'s compounding and typo policy: a step's phrases in the engine, an
    ``already_said`` entry's in the debrief."""
    from simulator.analysis.language import compiled

    data = compiled(lang)
    return StepPhrases(tuple(phrases or ()), lang=lang, compounds=data.compounds, fuzzy=data.fuzzy)


def objects(matchers, reading: Callable[[], Analysis]):
    """What she objects to in the line: the reply of the first of a step's ``objections`` whose phrases the line has
    ("by e-mail" while his e-mail is down, "sorry for the inconvenience" for a sincere apology) and none of its
    ``unless`` phrases (a way that can work, the failure named). None for a step without objections, or when none
    applies; the line is read (``reading()``) only for a step that has one. ``matchers``: (way, workable, reply)
    triples."""
    if not matchers:
        return None
    heard = reading()
    for way, workable, reply in matchers:
        if way.search(heard) is not None and workable.search(heard) is None:
            return reply
    return None


def corrects(matchers, objected: bool, heard: Analysis, on_topic: Callable[[], bool] = lambda: True) -> bool:
    """After she objected to a step (``objected``: the trainee's line before), a line that names a workable way of
    one of its objections (``unless``: "by text message, of course", "you're right, I'm sorry") takes the step, though
    it says again only what changed – if it is still about the step (``on_topic()``: its act or words, or the objected
    way; asked only after an objection, as reading the step's words costs): "I'll escalate it again" after a stock
    apology names no failure, "again" or not."""
    return (objected and bool(matchers) and any(workable.search(heard) is not None for _, workable, _ in matchers)
            and (on_topic() or any(way.search(heard) is not None for way, _, _ in matchers)))


STEP_WORD_MIN = 5
"""A word of a step's phrases this long or longer names its topic on its own ("photo" yes, "our", "okay" no)."""


def step_words(phrases: Sequence[str] | None, least: int = STEP_WORD_MIN, lang: str = "") -> tuple[str, ...]:
    """The single words of a step's phrases that name its topic (*least* letters or more, none of *lang*'s stop words):
    a correction after her objection is still about the step if it says one ("send the photo by text"), not "I'll
    escalate it again" – nor "they should get back to you" by the "should" of "shouldn't have happened" (round 25)."""
    from simulator.analysis.similarity import language_data

    stop = language_data(lang).stopwords if lang else frozenset()
    words = {w.rstrip(STEM) for p in phrases or () for part in p.split() for w in part.split("|")}
    return tuple(sorted(w for w in words if len(w) >= least and "'" not in w and w not in stop))
