"""The utterance analyser: which communicative acts a trainee's line carries.

The Python here is a generic engine; every word, pattern and lexicon lives in
``data/<lang>.yaml`` (see ``docs/analyser.md``). A line is normalised (folded
tokens, clause markers), tokens of five letters or more that the language
data does not know are fuzzily corrected toward its vocabulary, and each act's
weighted patterns are run as regular expressions over the token string
``" . tok tok , tok ? "``. Cross-act rules from the data then drop acts that
another act overrides (a polite request is no yes/no question).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any, Sequence

import yaml
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from simulator.analysis.acts import ACTS
from simulator.analysis.normaliser import Item, fold, items
from simulator.errors import UsageError
from simulator.vocabulary import LANGUAGES

if TYPE_CHECKING:
    from simulator.analysis.phrases import PhraseMatcher

_TOKEN = r"[^\s.?!]+ "
_FOLD_PATTERN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "’": "'"})
_MACRO = re.compile(r"\{(\w+)\}")
_LITERAL_WORD = re.compile(r"(?:(?<=^)|(?<=[ (|:]))([a-z]{5,})(?=$|[ )|])")
_CORRECTION_CACHE_SIZE = 20000


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why an act was recognised: the stretch of the original line that triggered it."""

    act: str
    """The act (one of :data:`ACTS`)."""
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

    @property
    def is_noise(self) -> bool:
        """True when the line has no real words (empty, punctuation, emoji, fillers like 'äh')."""
        fillers = _fillers(self.lang)
        return all(token in fillers for token in self.tokens)

    @property
    def word_count(self) -> int:
        """Number of word tokens."""
        return len(self.tokens)


@dataclass(frozen=True, slots=True)
class _Pattern:
    """One compiled pattern of an act."""

    regex: re.Pattern[str]
    """Matches over the token string."""
    weight: float
    """Added to the act's score when the pattern matches."""


@dataclass(frozen=True, slots=True)
class _Act:
    """The compiled recogniser of one act."""

    name: str
    """The act."""
    patterns: tuple[_Pattern, ...]
    """Weighted patterns; full-weight ones are merged into one regex for speed."""
    threshold: float
    """Score the matching patterns must reach."""
    unless: re.Pattern[str] | None
    """When this matches anywhere in the line, the act is not recognised."""


@dataclass(frozen=True, slots=True)
class _Rule:
    """A cross-act rule: when acts co-occur (and a pattern matches), drop others."""

    when_acts: tuple[str, ...]
    """All of these must have been recognised."""
    when: re.Pattern[str] | None
    """And this must match (when given)."""
    drop: tuple[str, ...]
    """Acts removed when the rule fires."""


def _fold_pattern(text: str) -> str:
    return text.translate(_FOLD_PATTERN)


class _Language:
    """One language's data file, compiled."""

    def __init__(self, lang: str, data: dict[str, Any]) -> None:
        self.lang = lang
        fuzzy = data.get("fuzzy", {}) or {}
        self.min_length = int(fuzzy.get("min_length", 5))
        self.cutoff = float(fuzzy.get("cutoff", 85))
        self.fillers = frozenset(fold(w) for w in data.get("fillers", []) or [])
        self.compounds = bool(data.get("compounds", False))
        openers = [_fold_pattern(str(o)) for o in data.get("clause_openers", []) or []]
        comma_openers = [_fold_pattern(str(o)) for o in data.get("comma_openers", []) or []]
        self.macros = self._builtins(openers, comma_openers)
        for name, entries in (data.get("lexicons", {}) or {}).items():
            alternatives = "|".join(_fold_pattern(str(e)) for e in entries)
            self.macros[name] = f"(?:{alternatives})"
        vocabulary: set[str] = {fold(str(w)) for w in data.get("vocabulary", []) or []}
        for entries in (data.get("lexicons", {}) or {}).values():
            for entry in entries:
                vocabulary.update(_LITERAL_WORD.findall(_fold_pattern(str(entry))))
        self.acts: list[_Act] = []
        for name, spec in (data.get("acts", {}) or {}).items():
            if name not in ACTS:
                raise ValueError(f"{lang}.yaml: unknown act {name!r}")
            self.acts.append(self._compile_act(name, spec or {}, vocabulary))
        self.acts.sort(key=lambda act: ACTS.index(act.name))
        self.rules = tuple(
            _Rule(
                tuple(rule.get("if", []) or []),
                self._regex(rule["when"]) if rule.get("when") else None,
                tuple(rule.get("drop", []) or []),
            )
            for rule in data.get("rules", []) or []
        )
        self.vocabulary: set[str] = {w for w in vocabulary if w.isalpha()}
        self._index()

    def _builtins(self, openers: list[str], comma_openers: list[str]) -> dict[str, str]:
        starts = ["(?<=[.?] )"]
        for opener in openers:
            starts.append(f"(?<= {opener} )")
            starts.append(f"(?<= {opener} , )")
        for opener in comma_openers:
            starts.append(f"(?<=[.?] {opener} , )")
            starts.append(f"(?<=[.?] {opener} )")
        macros = {
            "start": "(?:" + "|".join(starts) + ")",
            "begin": r"(?<=^ \. )",
            "end": r"(?= [.?] )",
            "pause": r"(?= [.?,] )",
            "q": r"(?=(?:[^\s.?!]+ )*\? )",
            "w": r"[^\s.?!,]+",
            "any": f"(?:{_TOKEN})*?",
        }
        for n in range(1, 10):
            macros[f"gap{n}"] = f"(?:{_TOKEN}){{0,{n}}}"
        return macros

    def _expand(self, pattern: str) -> str:
        text = _fold_pattern(pattern)
        for _ in range(6):
            if "{" not in text:
                break

            def replace(match: re.Match[str]) -> str:
                name = match.group(1)
                if name.isdigit():  # a regex repetition such as {2}
                    return match.group(0)
                if name not in self.macros:
                    raise ValueError(f"{self.lang}.yaml: unknown lexicon {{{name}}} in {pattern!r}")
                return self.macros[name]

            new = _MACRO.sub(replace, text)
            if new == text:
                break
            text = new
        return text

    def _regex(self, pattern: str | Sequence[str]) -> re.Pattern[str]:
        parts = [pattern] if isinstance(pattern, str) else list(pattern)
        body = "|".join(f"(?:{self._expand(str(p).strip())})" for p in parts)
        return re.compile(f"(?<= )(?:{body})(?:(?= )|(?<= ))")

    def _compile_act(self, name: str, spec: dict[str, Any], vocabulary: set[str]) -> _Act:
        threshold = float(spec.get("threshold", 1.0))
        full: list[str] = []
        weighted: list[_Pattern] = []
        for entry in spec.get("patterns", []) or []:
            if isinstance(entry, dict):
                text, weight = str(entry["re"]), float(entry.get("weight", 1.0))
            else:
                text, weight = str(entry), 1.0
            vocabulary.update(_LITERAL_WORD.findall(_MACRO.sub(" ", _fold_pattern(text))))
            if weight >= threshold:
                full.append(text)
            else:
                weighted.append(_Pattern(self._regex(text), weight))
        patterns = ([_Pattern(self._regex(full), threshold)] if full else []) + weighted
        unless = spec.get("unless") or []
        return _Act(name, tuple(patterns), threshold, self._regex(unless) if unless else None)

    def _index(self) -> None:
        self.by_initial: dict[str, list[str]] = {}
        for word in sorted(self.vocabulary):
            self.by_initial.setdefault(word[0], []).append(word)
        self.corrections: dict[str, str] = {}

    def add_vocabulary(self, words: Sequence[str]) -> None:
        new = {w for w in words if w.isalpha() and w not in self.vocabulary}
        if new:
            self.vocabulary |= new
            self._index()

    def correct(self, token: str) -> str:
        """The vocabulary word *token* is a typo of, or *token* itself."""
        if len(token) < self.min_length or token in self.vocabulary or not token.isalpha():
            return token
        cached = self.corrections.get(token)
        if cached is not None:
            return cached
        result = token
        known_stem = any(token[:-cut] in self.vocabulary for cut in (1, 2, 3)) or any(
            token + ending in self.vocabulary for ending in ("e", "n", "en", "s")
        )
        if not known_stem:
            candidates = self.by_initial.get(token[0], ())
            best = process.extractOne(token, candidates, scorer=fuzz.ratio, score_cutoff=self.cutoff)
            if best is not None:
                allowed = 1 if len(token) < 8 else 2 if len(token) < 12 else 3
                if OSA.distance(token, best[0]) <= allowed:
                    result = best[0]
        if len(self.corrections) > _CORRECTION_CACHE_SIZE:
            self.corrections.clear()
        self.corrections[token] = result
        return result


def _load(lang: str) -> _Language:
    source = resources.files("simulator.analysis").joinpath("data", f"{lang}.yaml")
    data = yaml.safe_load(source.read_text(encoding="utf-8")) or {}
    return _Language(lang, data)


def _fillers(lang: str) -> frozenset[str]:
    if lang not in LANGUAGES:
        return frozenset()
    return Analyser.for_language(lang)._data.fillers


class Analyser:
    """Recognises acts in trainee lines of one language; get one with :meth:`for_language`."""

    _cache: dict[str, "Analyser"] = {}

    def __init__(self, lang: str, data: _Language) -> None:
        self.lang = lang
        self._data = data
        self._phrases: dict[tuple[str, ...], Any] = {}

    @classmethod
    def for_language(cls, lang: str) -> "Analyser":
        """The (cached) analyser for *lang*; unknown languages raise :class:`UsageError`."""
        analyser = cls._cache.get(lang)
        if analyser is None:
            if lang not in LANGUAGES:
                raise UsageError(f"unknown language {lang!r} (choose {' or '.join(LANGUAGES)})")
            analyser = cls(lang, _load(lang))
            cls._cache[lang] = analyser
        return analyser

    def analyse(self, text: str) -> Analysis:
        """The acts in *text*, with evidence spans into *text*."""
        if not isinstance(text, str):
            text = str(text)
        data = self._data
        parts: list[Item] = items(text)
        tokens: list[str] = []
        pieces = [" ."]
        offsets: list[int] = []
        cursor = 2
        for part in parts:
            norm = data.correct(part.norm) if part.is_word else part.norm
            if part.is_word:
                tokens.append(norm)
            cursor += 1
            offsets.append(cursor)
            pieces.append(norm)
            cursor += len(norm)
        if not parts or parts[-1].norm != "?":
            pieces.append(".")
        line = " ".join(pieces) + " "

        found: dict[str, re.Match[str]] = {}
        for act in data.acts:
            score = 0.0
            first: re.Match[str] | None = None
            for pattern in act.patterns:
                match = pattern.regex.search(line)
                if match:
                    score += pattern.weight
                    first = first or match
                    if score >= act.threshold:
                        break
            if first is not None and score >= act.threshold:
                if act.unless is None or not act.unless.search(line):
                    found[act.name] = first
        for rule in data.rules:
            if all(name in found for name in rule.when_acts) and (
                rule.when is None or rule.when.search(line)
            ):
                for name in rule.drop:
                    found.pop(name, None)

        acts = tuple(name for name in ACTS if name in found)
        evidence = tuple(self._evidence(name, found[name], text, parts, offsets) for name in acts)
        return Analysis(text, self.lang, tuple(tokens), acts, evidence)

    @staticmethod
    def _evidence(act: str, match: re.Match[str], text: str, parts: list[Item], offsets: list[int]) -> Evidence:
        start, end = match.span()
        if end <= start:  # a zero-width match: take the item at that point
            end = start + 1
        first = bisect.bisect_right(offsets, start) - 1
        last = bisect.bisect_left(offsets, end) - 1
        first = max(first, 0)
        chosen = [p for p in parts[first : last + 1] if p.is_word] or parts[first : last + 1]
        if not chosen:
            return Evidence(act, 0, 0, "")
        lo, hi = chosen[0].start, chosen[-1].end
        lo, hi = max(0, min(lo, len(text))), max(0, min(hi, len(text)))
        return Evidence(act, lo, hi, text[lo:hi])

    def phrases(self, phrases: Sequence[str]) -> "PhraseMatcher":
        """A matcher for scenario *phrases* (see ``docs/analyser.md``), cached by tuple."""
        from simulator.analysis.phrases import PhraseMatcher

        key = tuple(phrases)
        matcher = self._phrases.get(key)
        if matcher is None:
            matcher = PhraseMatcher(key, compounds=self._data.compounds, cutoff=self._data.cutoff)
            self._data.add_vocabulary([w for w in matcher.words if len(w) >= self._data.min_length])
            self._phrases[key] = matcher
        return matcher
