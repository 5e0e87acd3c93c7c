"""One language's data file, compiled into immutable recognisers.

Every word, pattern and lexicon lives in ``data/<lang>.yaml`` (see
``docs/analyser.md``); this module turns it into regular expressions once per
process (:func:`compiled`). A :class:`Language` is never changed after it is
built: a scenario's extra words and lexicon entries give a *new* Language
(:meth:`Language.extended`) that shares everything they do not touch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any, Iterable, Mapping, Sequence

import yaml

from simulator.analysis.acts import ACTS
from simulator.analysis.fuzzy import Fuzzy
from simulator.analysis.normaliser import fold, items

_TOKEN = r"[^\s.?!]+ "
_FOLD_PATTERN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "’": "'"})
_MACRO = re.compile(r"\{(\w+)\}")
_LITERAL_WORD = re.compile(r"(?:(?<=^)|(?<=[ (|:]))([a-z]{5,})(?=$|[ )|])")


@dataclass(frozen=True, slots=True)
class Pattern:
    """One compiled pattern of an act."""

    regex: re.Pattern[str]
    """Matches over the token string."""
    weight: float
    """Added to the act's score when the pattern matches."""


@dataclass(frozen=True, slots=True)
class Act:
    """The compiled recogniser of one act."""

    name: str
    """The act."""
    patterns: tuple[Pattern, ...]
    """Weighted patterns; full-weight ones are merged into one regex for speed."""
    threshold: float
    """Score the matching patterns must reach."""
    unless: re.Pattern[str] | None
    """When this matches anywhere in the line, the act is not recognised."""


@dataclass(frozen=True, slots=True)
class Rule:
    """A cross-act rule: when acts co-occur (and a pattern matches), drop others."""

    when_acts: tuple[str, ...]
    """All of these must have been recognised."""
    when: re.Pattern[str] | None
    """And this must match (when given)."""
    drop: tuple[str, ...]
    """Acts removed when the rule fires."""


@dataclass(frozen=True, slots=True)
class Language:
    """One language, compiled; immutable and safe to share between analysers."""

    lang: str
    """Language code."""
    fuzzy: Fuzzy
    """The typo policy."""
    fillers: frozenset[str]
    """Folded filler words; a line of only these is noise."""
    compounds: bool
    """Whether phrase words may match parts of compounds."""
    lexicons: Mapping[str, tuple[str, ...]]
    """Lexicon name -> folded entries (regex fragments), read-only."""
    builtins: Mapping[str, str]
    """Built-in macros (``{start}``, ``{gap3}`` ...) -> regex, read-only."""
    acts: tuple[Act, ...]
    """Act recognisers in :data:`ACTS` order."""
    rules: tuple[Rule, ...]
    """Cross-act rules, in file order."""
    vocabulary: frozenset[str]
    """Words typo correction corrects toward (and never corrects)."""
    by_initial: Mapping[str, tuple[str, ...]]
    """:attr:`vocabulary` grouped by first letter, sorted, for fast lookup."""
    glossary: frozenset[tuple[str, ...]] = frozenset()
    """IT-insider terms (``data/glossary.yaml``) as tuples of folded words: an unexplained one is jargon."""
    glossary_span: int = 0
    """The most words a glossary term has."""
    self_words: frozenset[str] = frozenset()
    """Folded words with which the agent speaks for herself (ich, wir / I, we): a time she only repeats from the
    customer, in a line without them, is no promise of hers ("wenn der Chef morgen unterschreiben will")."""
    head_cues: Mapping[str, re.Pattern[str]] = field(default_factory=lambda: MappingProxyType({}))
    """Per act: words a line needs before the learned head may add that act on its own (``head_cues``: an honest
    "I don't know" has a negation or a doubt); rule hits are never checked."""
    head_keeps: Mapping[str, re.Pattern[str]] = field(default_factory=lambda: MappingProxyType({}))
    """Per act: words with which a rule hit of that act stands even where the learned head says no (``head_keeps``:
    a line that says "bye" closes the call, whatever else it says)."""
    name_lead: re.Pattern[str] | None = None
    """Words right before a capitalised term that make it a name, matched at the end of the text before it
    (``name_lead``: "you're speaking to Nat", "hier ist Wan Li"); such a term is no jargon."""
    spelled_time: re.Pattern[str] | None = None
    """An hour written out in words ("bis sechzehn Uhr", "by four o'clock"; ``spelled_time``): :meth:`clocked` reads it
    as a time, as it reads digits."""
    reference_number: re.Pattern[str] | None = None
    """A number that names a line or a case, not a time ("Durchwahl 12", "ticket 7731"): :meth:`clocked` reads past
    it (``reference_number``)."""
    head_adds: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    """Per act: the probability the learned head needs to add that act where the rules found none (``head_adds``),
    above its trained threshold: a fine line called rude costs more trust than a missed rude one (round 28)."""
    head_statement: Mapping[str, frozenset[str]] = field(default_factory=lambda: MappingProxyType({}))
    """Per act the learned head may add on its own only to a line with a clause that states something: the acts
    of a clause that state nothing (``head_statement.acts``; a summary needs more than acknowledgements, questions
    and instructions: "Okay. And what exactly isn't working?" is none)."""
    acknowledgements: frozenset[str] = frozenset()
    """Folded words that only acknowledge (ok, danke, notiert / okay, thanks, noted): a clause of nothing else
    states nothing (``head_statement.acknowledgements``)."""
    variants: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """Regional and chat spellings -> the standard words the patterns are written for, folded (``variants``:
    "isch" -> "ist", "ick" -> "ich", "kannste" -> "kannst du", "dunno" -> "don’t know"): applied to each token
    before spelling correction, so acts and scenario phrases both see the standard form."""
    variant_words: tuple[tuple[re.Pattern[str], str], ...] = ()
    """Regional word endings that stand for a word of their own (``variant_words``: Bairisch "schalten's" ->
    "schalten sie"), as (pattern over one folded word, matched whole; replacement): applied like ``variants``."""
    variant_patterns: tuple[tuple[re.Pattern[str], str], ...] = ()
    """Regional forms that are no single word (``variant_patterns``: "Sehet Se" -> "Sehen Sie"), as (pattern over the
    typed line, replacement); used by :meth:`Analyser.standard` only, where a line is matched against phrases."""
    spoken_break: re.Pattern[str] | None = None
    """Where a run-on line without any punctuation (a speech recogniser's) starts a new clause, on the folded words
    (``spoken_breaks``: "… nine i understand a meeting in one hour …", "… may i know if you have a laptop"): the rules
    read a full stop before each, so that understanding and a question mid-line start their sentence."""
    spoken_acts: frozenset[str] = frozenset()
    """The acts read again in a run-on line cut at ``spoken_break`` (``spoken_breaks.acts``), where the whole line
    has none of them."""
    check_back: re.Pattern[str] | None = None
    """A tag that turns a yes/no question into a restatement ("…, richtig?", "…, is that right?"), on the folded
    line (``head_statement.check_back``)."""

    def clock_at(self, text: str) -> int:
        """Where in *text* its first time stands – an hour in words or a number that is no reference (-1: none)."""
        text = text or ""
        spelled = self.spelled_time.search(text) if self.spelled_time is not None else None
        masked = self.reference_number.sub(lambda m: " " * len(m.group()), text) if self.reference_number else text
        digit = re.search(r"\d", masked)
        found = [m.start() for m in (spelled, digit) if m is not None]
        return min(found) if found else -1

    def clocked(self, text: str) -> bool:
        """*text* has a number that can be a time or a date – not a phone number, an extension or a ticket number:
        "Alles klar, Durchwahl 12, dann ruf ich Sie heute noch zurück" names no hour (round 30)."""
        return self.clock_at(text) >= 0  # also "ich rufe Sie bis sechzehn Uhr zurück" (round 33)

    def variant(self, word: str) -> str | None:
        """The standard words for one folded *word* (``variants``, else ``variant_words`` and the variants of the words
        that gives: "ham's" -> "haben sie"), or None when it is standard already."""
        found = self.variants.get(word)
        if found is not None or not self.variant_words:
            return found
        for pattern, replacement in self.variant_words:
            if (match := pattern.fullmatch(word)) is not None:
                return " ".join(self.variants.get(w, w) for w in match.expand(replacement).split())
        return None

    def standard(self, text: str) -> str:
        """*text* with its regional and chat spellings in standard words (``variants`` and ``variant_patterns``:
        "Sehet Se so oins?" -> "Sehen Sie so eins?"); *text* itself when it has none."""
        out, last = [], 0
        for part in items(text):
            standard = self.variant(part.norm) if part.is_word else None
            if standard is not None:
                out += [text[last:part.start], standard]
                last = part.end
        line = "".join(out) + text[last:] if out else text
        for pattern, replacement in self.variant_patterns:
            line = pattern.sub(replacement, line)
        return line

    def context_variants(self, text: str) -> dict[int, str]:
        """The words of *text* a ``variant_patterns`` entry reads as other words in their context ("ill ask" -> "i'll
        ask", "Sehet Se" -> "sehen sie"), folded, by where each word starts; only where the entry keeps the number of
        words, so that every word still has its own span."""
        out: dict[int, str] = {}
        for pattern, replacement in self.variant_patterns:
            for match in pattern.finditer(text):
                old = [p for p in items(match.group()) if p.is_word]
                new = [p for p in items(match.expand(replacement)) if p.is_word]
                if len(old) == len(new):
                    out.update({match.start() + o.start: n.norm for o, n in zip(old, new) if o.norm != n.norm})
        return out

    def word_count(self, text: str) -> int:
        """The word tokens of *text* as the analyser counts them (``Analysis.word_count``: a chat spelling expanded,
        "kannste" -> "kannst du"), for a debrief that says how long a line was in the customer's measure."""
        return sum(len((self.variant(p.norm) or p.norm).split()) for p in items(text) if p.is_word)

    def extended(self, vocabulary: Iterable[str]) -> "Language":
        """A new Language whose typo vocabulary also has *vocabulary*; self is unchanged."""
        words = {w for w in vocabulary if w.isalpha()} - self.vocabulary
        if not words:
            return self
        by_initial = dict(self.by_initial)
        for initial in {w[0] for w in words}:
            by_initial[initial] = tuple(sorted({*by_initial.get(initial, ()), *(w for w in words if w[0] == initial)}))
        return replace(self, vocabulary=self.vocabulary | words, by_initial=MappingProxyType(by_initial))

    def regex(self, patterns: Sequence[str]) -> re.Pattern[str]:
        """*patterns* (data-file syntax, with this language's macros and lexicons) as one regex over the token line."""
        return _Compiler(self.lang, self.builtins, self.lexicons).regex(patterns)


def _fold_pattern(text: str) -> str:
    return text.translate(_FOLD_PATTERN)


class _Compiler:
    """Expands macros and compiles patterns for one set of lexicons."""

    def __init__(self, lang: str, builtins: Mapping[str, str], lexicons: Mapping[str, Sequence[str]]) -> None:
        self.lang = lang
        self.macros = dict(builtins)
        for name, entries in lexicons.items():
            self.macros[name] = "(?:" + "|".join(entries) + ")"

    def expand(self, pattern: str) -> str:
        text = _fold_pattern(pattern)
        for _ in range(6):
            if "{" not in text:
                break

            def replace_macro(match: re.Match[str]) -> str:
                name = match.group(1)
                if name.isdigit():  # a regex repetition such as {2}
                    return match.group(0)
                if name not in self.macros:
                    raise ValueError(f"{self.lang}.yaml: unknown lexicon {{{name}}} in {pattern!r}")
                return self.macros[name]

            new = _MACRO.sub(replace_macro, text)
            if new == text:
                break
            text = new
        return text

    def regex(self, pattern: str | Sequence[str]) -> re.Pattern[str]:
        parts = [pattern] if isinstance(pattern, str) else list(pattern)
        body = "|".join(f"(?:{self.expand(str(p).strip())})" for p in parts)
        return re.compile(f"(?<= )(?:{body})(?:(?= )|(?<= ))")

    def act(self, name: str, spec: Mapping[str, Any]) -> Act:
        threshold = float(spec.get("threshold", 1.0))
        full: list[str] = []
        weighted: list[Pattern] = []
        for entry in spec.get("patterns", []) or []:
            if isinstance(entry, dict):
                text, weight = str(entry["re"]), float(entry.get("weight", 1.0))
            else:
                text, weight = str(entry), 1.0
            if weight >= threshold:
                full.append(text)
            else:
                weighted.append(Pattern(self.regex(text), weight))
        patterns = ([Pattern(self.regex(full), threshold)] if full else []) + weighted
        unless = [str(u) for u in spec.get("unless") or []]
        return Act(name, tuple(patterns), threshold, self.regex(unless) if unless else None)

    def rule(self, spec: Mapping[str, Any]) -> Rule:
        when = spec.get("when")
        return Rule(
            tuple(spec.get("if", []) or []),
            self.regex(when) if when else None,
            tuple(spec.get("drop", []) or []),
        )


def _builtins(openers: list[str], comma_openers: list[str]) -> dict[str, str]:
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


def _patterns_of(spec: Mapping[str, Any]) -> list[str]:
    texts = []
    for entry in spec.get("patterns", []) or []:
        texts.append(str(entry["re"]) if isinstance(entry, dict) else str(entry))
    return texts


def build(lang: str, data: Mapping[str, Any], glossary: Iterable[str] = ()) -> Language:
    """Compile the parsed data file *data* of language *lang* (and its jargon *glossary*, phrases of folded words)."""
    fuzzy = data.get("fuzzy", {}) or {}
    statement = data.get("head_statement", {}) or {}
    openers = [_fold_pattern(str(o)) for o in data.get("clause_openers", []) or []]
    comma_openers = [_fold_pattern(str(o)) for o in data.get("comma_openers", []) or []]
    lexicons = {
        name: tuple(_fold_pattern(str(e)) for e in entries or [])
        for name, entries in (data.get("lexicons", {}) or {}).items()
    }
    builtins = _builtins(openers, comma_openers)
    compiler = _Compiler(lang, builtins, lexicons)
    vocabulary: set[str] = {fold(str(w)) for w in data.get("vocabulary", []) or []}
    for entries in lexicons.values():
        for entry in entries:
            vocabulary.update(_LITERAL_WORD.findall(entry))
    specs: dict[str, Mapping[str, Any]] = {}
    for name, spec in (data.get("acts", {}) or {}).items():
        if name not in ACTS:
            raise ValueError(f"{lang}.yaml: unknown act {name!r}")
        specs[name] = spec or {}
        for text in _patterns_of(specs[name]):
            vocabulary.update(_LITERAL_WORD.findall(_MACRO.sub(" ", _fold_pattern(text))))
    acts = sorted((compiler.act(name, spec) for name, spec in specs.items()), key=lambda act: ACTS.index(act.name))
    rule_specs = tuple(data.get("rules", []) or [])
    words = frozenset(w for w in vocabulary if w.isalpha())
    by_initial: dict[str, list[str]] = {}
    for word in sorted(words):
        by_initial.setdefault(word[0], []).append(word)
    return Language(
        lang=lang,
        fuzzy=Fuzzy(
            int(fuzzy.get("min_length", 5)), float(fuzzy.get("cutoff", 85)), float(fuzzy.get("part_cutoff", 88))
        ),
        fillers=frozenset(fold(str(w)) for w in data.get("fillers", []) or []),
        compounds=bool(data.get("compounds", False)),
        lexicons=MappingProxyType(lexicons),
        builtins=MappingProxyType(builtins),
        acts=tuple(acts),
        rules=tuple(compiler.rule(spec) for spec in rule_specs),
        vocabulary=words,
        by_initial=MappingProxyType({k: tuple(v) for k, v in by_initial.items()}),
        glossary=(terms := frozenset(tuple(fold(str(g)).split()) for g in glossary if str(g).split())),
        glossary_span=max((len(t) for t in terms), default=0),
        self_words=frozenset(fold(str(w)) for w in data.get("self_words", []) or []),
        head_cues=MappingProxyType({str(act): re.compile(_fold_pattern(str(cue))) for act, cue
                                    in (data.get("head_cues", {}) or {}).items() if act in ACTS}),
        head_keeps=MappingProxyType({str(act): re.compile(_fold_pattern(str(cue))) for act, cue
                                     in (data.get("head_keeps", {}) or {}).items() if act in ACTS}),
        spelled_time=re.compile("|".join(f"(?:{p})" for p in data["spelled_time"]), re.IGNORECASE)
        if data.get("spelled_time") else None,
        reference_number=re.compile("|".join(f"(?:{p})" for p in data["reference_number"]), re.IGNORECASE)
        if data.get("reference_number") else None,
        head_adds=MappingProxyType({str(act): float(p) for act, p in (data.get("head_adds", {}) or {}).items()
                                    if act in ACTS}),
        name_lead=re.compile(r"\b(?:" + "|".join(data["name_lead"]) + r"),?\s+$", re.IGNORECASE) if data.get("name_lead") else None,
        head_statement=MappingProxyType({str(act): frozenset(str(a) for a in asks or [] if a in ACTS) for act, asks
                                         in (statement.get("acts", {}) or {}).items() if act in ACTS}),
        check_back=re.compile(_fold_pattern(str(statement["check_back"]))) if statement.get("check_back") else None,
        acknowledgements=frozenset(w for a in statement.get("acknowledgements", []) or [] for w in fold(str(a)).split()),
        variants=MappingProxyType({fold(str(k)).strip(): " ".join(fold(str(v)).split())
                                   for k, v in (data.get("variants", {}) or {}).items() if fold(str(v)).split()}),
        variant_words=tuple((re.compile(str(p)), str(r)) for p, r in (data.get("variant_words", []) or [])),
        variant_patterns=tuple((re.compile(rf"(?<![\w'’])(?:{p})(?![\w'’])", re.IGNORECASE), str(r))
                               for p, r in (data.get("variant_patterns", []) or [])),
        spoken_break=_spoken_break(data.get("spoken_breaks", {}) or {}),
        spoken_acts=frozenset(str(a) for a in (data.get("spoken_breaks", {}) or {}).get("acts", []) or [] if a in ACTS),
    )


def _spoken_break(spec: Mapping[str, Any]) -> re.Pattern[str] | None:
    """``spoken_breaks``: ``cues`` (regexes over folded words) that start a clause, unless right after a word of
    ``not_after`` ("what do you …", "dann haben Sie …" go on with their sentence)."""
    cues = [_fold_pattern(str(c)) for c in spec.get("cues", []) or []]
    if not cues:
        return None
    guards = "".join(f"(?<! {re.escape(fold(str(w)))} )" for w in spec.get("not_after", []) or [])
    return re.compile(f"(?<= ){guards}(?:{'|'.join(cues)})(?= )")


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader when PyYAML has it: the glossary parses in 22 ms instead of 227 ms."""


def _read(name: str) -> Any:
    text = resources.files("simulator.analysis").joinpath("data", name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader (C or Python)


@cache
def _glossaries() -> dict[str, tuple[str, ...]]:
    return {str(k): tuple(str(g) for g in v or ()) for k, v in (_read("glossary.yaml") or {}).items()}


def glossary(lang: str) -> tuple[str, ...]:
    """The jargon glossary's phrases of *lang* (``data/glossary.yaml``, read once per process; immutable)."""
    return _glossaries().get(lang, ())


def load(lang: str) -> Language:
    """Read and compile the data file of *lang* (every call compiles anew; see :func:`compiled`)."""
    return build(lang, _read(f"{lang}.yaml") or {}, glossary(lang))


@cache
def compiled(lang: str) -> Language:
    """The compiled data file of *lang*, read once per process and shared (it is immutable)."""
    return load(lang)
