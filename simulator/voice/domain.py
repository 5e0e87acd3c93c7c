"""A domain language model for the recogniser, built at load time.

PocketSphinx's general English model knows 70 000 words and guesses wildly on
synthetic or accented speech ("let me check your ticket" -> "leagues like your
ticket"). A scenario knows what the trainee is likely to say, so we build a
small trigram model per scenario:

* counts from the scenario's sentences (weighted), the scenario's extra words,
  and ~200 generic support-agent lines (``data/agent_en.txt``);
* interpolated Witten-Bell smoothing, trigram -> bigram -> unigram;
* the unigram level is mixed with the general model's 5 000 most frequent words
  (``data/general_en.txt``, taken from PocketSphinx's ``en-us.lm.bin``), so that
  unscripted answers can still be recognised word by word;
* written as an ARPA file, which ``pocketsphinx.Decoder.add_lm_file`` reads.

Words the pronunciation dictionary does not know (digits, names) are dropped:
the caller passes the dictionary's ``known`` predicate.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

BOS, EOS = "<s>", "</s>"
_TOKEN = re.compile(r"[a-zäöüß]+(?:'[a-z]+)?")


@dataclass(frozen=True, slots=True)
class DomainVocabulary:
    """What the trainee is likely to say in one scenario."""

    sentences: Sequence[str] = ()
    """Whole example lines (scenario texts, typical trainee answers)."""
    words: Sequence[str] = ()
    """Single words or short phrases to make known (step keywords, product names)."""
    lang: str = "en"
    """Language of the sentences."""


@dataclass(frozen=True, slots=True)
class ModelWeights:
    """How the parts of the domain model are mixed."""

    scenario_weight: float = 3.0
    """Count multiplier for the scenario's own sentences (agent lines count 1)."""
    general_share: float = 0.15
    """Share of the unigram level given to the general word list."""
    general_words: int = 2000
    """How many of the general model's most frequent words to include (0 = none)."""
    generic_lines: bool = True
    """Whether the generic support-agent lines are part of the model."""


def tokens(text: str) -> list[str]:
    """Lower-case words of a line, punctuation dropped, apostrophes kept (``don't``)."""
    return _TOKEN.findall(text.lower().replace("’", "'"))


def agent_lines(lang: str = "en") -> list[str]:
    """The generic support-agent lines shipped for ``lang`` (empty when none)."""
    return _data_lines(f"agent_{lang}.txt")


def general_words(lang: str = "en", limit: int = 5000) -> list[tuple[str, float]]:
    """The general model's most frequent words with their log10 probabilities."""
    out = []
    for line in _data_lines(f"general_{lang}.txt")[:limit]:
        word, _, logp = line.partition("\t")
        out.append((word, float(logp)))
    return out


def _data_lines(name: str) -> list[str]:
    try:
        text = resources.files("simulator.voice").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@dataclass(slots=True)
class _Counts:
    uni: Counter = field(default_factory=Counter)
    bi: dict = field(default_factory=lambda: defaultdict(Counter))
    tri: dict = field(default_factory=lambda: defaultdict(Counter))

    def add(self, words: list[str], weight: float) -> None:
        seq = [BOS, *words, EOS]
        for i, w in enumerate(seq):
            if i > 0:
                self.uni[w] += weight
                self.bi[seq[i - 1]][w] += weight
            if i > 1:
                self.tri[(seq[i - 2], seq[i - 1])][w] += weight


def build_arpa(
    vocabulary: DomainVocabulary,
    known: Callable[[str], bool] = lambda w: True,
    weights: ModelWeights = ModelWeights(),
) -> str:
    """The domain trigram model as ARPA text; ``known`` filters words the dictionary lacks."""
    counts = _Counts()
    corpus: list[tuple[Iterable[str], float]] = [(vocabulary.sentences, weights.scenario_weight)]
    if weights.generic_lines:
        corpus.append((agent_lines(vocabulary.lang), 1.0))
    for lines, weight in corpus:
        for line in lines:
            words = [w for w in tokens(line) if known(w)]
            if words:
                counts.add(words, weight)
    for phrase in vocabulary.words:
        for w in tokens(phrase):
            if known(w):
                counts.uni[w] += 1.0

    general = [(w, p) for w, p in general_words(vocabulary.lang, weights.general_words) if known(w)]
    vocab = sorted(set(counts.uni) | {w for w, _ in general} | {EOS})

    # Unigram: (1 - g) * Witten-Bell-free ML over domain counts + g * general distribution.
    total = sum(counts.uni.values())
    g = weights.general_share if general else 0.0
    if total == 0:
        g = 1.0
    gen_mass = {w: 10**p for w, p in general}
    floor = min(gen_mass.values(), default=1e-4) / 10
    gen_sum = sum(gen_mass.get(w, floor) for w in vocab if w != EOS) or 1.0
    p1: dict[str, float] = {}
    for w in vocab:
        ml = counts.uni.get(w, 0.0) / total if total else 0.0
        gp = 0.0 if w == EOS else gen_mass.get(w, floor) / gen_sum
        p1[w] = (1 - g) * ml + g * gp
    if not total:  # no domain text at all: make the sentence end possible
        p1[EOS] = 0.05
    norm = sum(p1.values())
    p1 = {w: p / norm for w, p in p1.items()}

    # Bigram, interpolated Witten-Bell.
    p2: dict[tuple[str, str], float] = {}
    a1: dict[str, float] = {}
    for v, followers in counts.bi.items():
        c, t = sum(followers.values()), len(followers)
        listed = 0.0
        lower = 0.0
        for w, cw in followers.items():
            p = (cw + t * p1[w]) / (c + t)
            p2[(v, w)] = p
            listed += p
            lower += p1[w]
        a1[v] = _backoff(listed, lower)

    def bigram(v: str, w: str) -> float:
        if (v, w) in p2:
            return p2[(v, w)]
        return a1.get(v, 1.0) * p1[w]

    # Trigram, interpolated Witten-Bell over the full bigram distribution.
    p3: dict[tuple[str, str, str], float] = {}
    a2: dict[tuple[str, str], float] = {}
    for (u, v), followers in counts.tri.items():
        c, t = sum(followers.values()), len(followers)
        listed = 0.0
        lower = 0.0
        for w, cw in followers.items():
            lo = bigram(v, w)
            p = (cw + t * lo) / (c + t)
            p3[(u, v, w)] = p
            listed += p
            lower += lo
        a2[(u, v)] = _backoff(listed, lower)

    lines = ["\\data\\", f"ngram 1={len(vocab) + 1}", f"ngram 2={len(p2)}", f"ngram 3={len(p3)}", "", "\\1-grams:"]
    lines.append(f"-99.0000\t{BOS}\t{_log(a1.get(BOS, 1.0)):.4f}")
    for w in vocab:
        if w in a1:
            lines.append(f"{_log(p1[w]):.4f}\t{w}\t{_log(a1[w]):.4f}")
        else:
            lines.append(f"{_log(p1[w]):.4f}\t{w}")
    lines += ["", "\\2-grams:"]
    for (v, w), p in sorted(p2.items()):
        if (v, w) in a2:
            lines.append(f"{_log(p):.4f}\t{v} {w}\t{_log(a2[(v, w)]):.4f}")
        else:
            lines.append(f"{_log(p):.4f}\t{v} {w}")
    lines += ["", "\\3-grams:"]
    for (u, v, w), p in sorted(p3.items()):
        lines.append(f"{_log(p):.4f}\t{u} {v} {w}")
    lines += ["", "\\end\\", ""]
    return "\n".join(lines)


def _backoff(listed: float, lower: float) -> float:
    """Backoff weight: mass left at this order / mass left at the lower order."""
    left = max(1e-12, 1.0 - listed)
    return left / max(1e-12, 1.0 - lower)


def _log(p: float) -> float:
    return math.log10(p) if p > 0 else -99.0


def write_arpa(
    vocabulary: DomainVocabulary,
    path: str | Path,
    known: Callable[[str], bool] = lambda w: True,
    weights: ModelWeights = ModelWeights(),
) -> Path:
    """Build the model and write it as an ARPA file; returns the path."""
    path = Path(path)
    path.write_text(build_arpa(vocabulary, known, weights), encoding="utf-8")
    return path


def scenario_vocabulary(scenario, lang: str = "en") -> DomainVocabulary:
    """Sentences and words a trainee is likely to use in ``scenario`` (duck-typed on the scenario model).

    The customer's own lines are included because trainees echo them
    ("so the printer shows a red light?"); step phrases give the keywords.
    """
    sentences: list[str] = []
    words: list[str] = []

    def texts(text) -> None:
        if text is not None and hasattr(text, "all"):
            sentences.extend(text.all(lang))

    def phrases(ph) -> None:
        if ph is None:
            return
        for phrase in ph.get(lang):
            words.extend(part for token in phrase.split() for part in token.split("|"))

    persona = getattr(scenario, "persona", None)
    if persona is not None:
        texts(persona.name)
        texts(persona.company)
    situation = getattr(scenario, "situation", None)
    if situation is not None:
        texts(situation.technical)
        texts(situation.briefing)
    texts(getattr(scenario, "opening", None))
    for step in getattr(scenario, "steps", ()):
        texts(step.title)
        texts(step.reply)
        phrases(step.recognise)
        if step.pushback is not None:
            texts(step.pushback.reply)
            phrases(step.pushback.insist)
    for fact in getattr(scenario, "facts", ()):
        texts(fact.text)
    for reaction in getattr(scenario, "reactions", {}).values():
        texts(reaction.reply)
    return DomainVocabulary(tuple(sentences), tuple(words), lang)
