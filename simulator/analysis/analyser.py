"""The utterance analyser: which communicative acts a trainee's line carries.

The Python here is a generic engine; every word, pattern and lexicon lives in
``data/<lang>.yaml`` (see ``docs/analyser.md``), compiled once per process by
:mod:`simulator.analysis.language`. A line is normalised (folded tokens,
clause markers), tokens of five letters or more that the vocabulary does not
know are corrected toward it (:mod:`simulator.analysis.fuzzy`), and each act's
weighted patterns are run as regular expressions over the token string
``" . tok tok , tok ? "``. Cross-act rules from the data then drop acts that
another act overrides (a polite request is no yes/no question).

An :class:`Analyser` is a *view*: the shared compiled language plus the
:class:`Extras` one scenario adds (its phrase words as typo vocabulary, its
persona's jargon as an extra lexicon of the act ``jargon``). Views never
change after they are made; :meth:`Analyser.with_extras` returns a new one, so
what one scenario adds is never seen by the base analyser or by another
scenario.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Iterable, Sequence

from simulator.analysis.acts import ACTS
from simulator.analysis.embeddings import shorten
from simulator.analysis.head import KEPT_ACTS
from simulator.analysis.language import Language, compiled
from simulator.analysis.normaliser import Item, items
from simulator.analysis.opinion import SecondOpinion, rule_confidence, second_opinion
from simulator.analysis.phrases import PhraseMatcher, lexicon_entry, words_of
from simulator.analysis.result import Analysis, Evidence
from simulator.errors import UsageError

if TYPE_CHECKING:
    from simulator.scenario.model import Scenario

__all__ = ["LANGUAGES", "Analyser", "Analysis", "Evidence", "Extras"]

from simulator.vocabulary import LANGUAGES  # languages with a data file


def _named(text: str, term: Evidence, lead: re.Pattern[str] | None) -> bool:
    """The jargon *term* is one capitalised word right after an introduction (the language's ``name_lead``) – a name
    ("you're speaking to Nat", "hier ist Wan Li"), not the term (round 29: "Nat" cost −12 as unexplained jargon)."""
    word = term.text.strip()
    name = word.isalpha() and word[:1].isupper() and word[1:].islower()  # "Nat", not "NAT" nor "23H2"
    return lead is not None and name and bool(lead.search(text[:term.start]))


JARGON = "jargon"
"""The act a persona's jargon terms are recognised as."""
TIME = "time_commitment"
_SENTENCE = re.compile(r"[^.!?]+[.!?]*")
_CLAUSE = re.compile(r"[^.!?,;:–—]+[.!?]*")
"""A clause: up to a comma, a dash, a colon or the end of a sentence (whether it states something)."""
_CORRECTION_CACHE_SIZE = 20000
_VIEW_CACHE_SIZE = 64


@dataclass(frozen=True, slots=True)
class Extras:
    """What a scenario adds on top of a language's data (empty for the base analyser)."""

    vocabulary: frozenset[str] = frozenset()
    """Folded words added to the typo vocabulary (corrected toward, never corrected)."""
    jargon: tuple[str, ...] = ()
    """Terms this persona doesn't know (scenario phrase syntax): the act ``jargon`` wherever they occur.

    Unlike the data file's ``jargon`` lexicon, the act's ``unless`` patterns do not apply: only a plain-words
    explanation right beside the term, in the same sentence (an ``explain`` phrase after it, a ``naming`` phrase right
    before it: :meth:`Analyser._explained`), lets the term pass.
    """

    def __or__(self, other: "Extras") -> "Extras":
        return Extras(self.vocabulary | other.vocabulary, tuple(dict.fromkeys([*self.jargon, *other.jargon])))


NO_EXTRAS = Extras()
"""The extras of a base analyser."""


_POSSESSIVE = re.compile(r"['’]s$")
"""The "'s" of "PSU's", "firmware's": the term is the word without it."""


class Analyser:
    """Recognises acts in trainee lines of one language.

    Get the base view with :meth:`for_language` and a scenario's view with
    :meth:`for_scenario` (or :meth:`with_scenario` / :meth:`with_extras` on any
    view). A view's results depend only on its language and its extras.
    """

    def __init__(self, base: Language, extras: Extras = NO_EXTRAS, opinion: SecondOpinion | None = None) -> None:
        self.lang = base.lang
        self.extras = extras
        """What this view adds to the shared language data."""
        self.opinion = opinion
        """The learned second opinion asked after the rules, or None (rules only; see :mod:`simulator.analysis.opinion`)."""
        self._base = base
        self._data = base.extended(extras.vocabulary)
        entries = [e for e in (lexicon_entry(p, compounds=base.compounds) for p in extras.jargon) if e]
        self._jargon = base.regex(entries) if entries else None
        # an explanation near a glossary term ("…, das ist so ein Speicher für Passwörter") – not anywhere in the line
        # (or right after the term, in words a recogniser leaves without the comma: "lan kabel also die leitung …")
        self._explain = base.regex(["(?:{explain})"] + (["(?:{explain_after})"] if "explain_after" in base.lexicons
                                                        else [])) if "explain" in base.lexicons else None
        self._naming = base.regex(["(?:{naming}) $"]) if "naming" in base.lexicons else None
        # memo of a pure function of (self._data, token): results never depend on what ran before
        self._corrections: dict[str, str] = {}
        self._phrases: dict[tuple[str, ...], PhraseMatcher] = {}

    @classmethod
    def for_language(cls, lang: str) -> "Analyser":
        """The base analyser for *lang* (no scenario extras; one per process); unknown languages raise :class:`UsageError`."""
        if lang not in LANGUAGES:
            raise UsageError(f"unknown language {lang!r} (choose {' or '.join(LANGUAGES)})")
        return _base(lang)

    @classmethod
    def for_scenario(cls, scenario: "Scenario", lang: str) -> "Analyser":
        """The view of *scenario* in *lang*: the base analyser plus the scenario's :func:`scenario_extras`."""
        return cls.for_language(lang).with_scenario(scenario)

    def with_scenario(self, scenario: "Scenario") -> "Analyser":
        """A new view: this one plus *scenario*'s phrase words and persona jargon."""
        return self.with_extras(**_scenario_parts(scenario, self.lang))

    def with_extras(self, *, vocabulary: Iterable[str] = (), jargon: Sequence[str] = ()) -> "Analyser":
        """A new view: this one plus typo *vocabulary* and *jargon* phrases; self is unchanged.

        Only words of the language's fuzzy ``min_length`` or longer join the
        vocabulary (shorter words are never corrected anyway).
        """
        minimum = self._base.fuzzy.min_length
        added = Extras(frozenset(w for w in vocabulary if len(w) >= minimum and w.isalpha()), tuple(jargon))
        extras = self.extras | added
        if extras == self.extras:
            return self
        return _view(self.lang, extras, self.opinion)  # a view asks the same second opinion as the one it extends

    # -- analysis ----------------------------------------------------------
    def _correct(self, token: str) -> str:
        """The vocabulary word *token* is a typo of, or *token* itself."""
        data = self._data
        if len(token) < data.fuzzy.min_length or token in data.vocabulary or not token.isalpha():
            return token
        cached = self._corrections.get(token)
        if cached is not None:
            return cached
        vocabulary = data.vocabulary
        known_stem = any(token[:-cut] in vocabulary for cut in (1, 2, 3)) or any(
            token + ending in vocabulary for ending in ("e", "n", "en", "s")
        )
        result = token if known_stem else data.fuzzy.closest(token, data.by_initial.get(token[0], ())) or token
        if len(self._corrections) > _CORRECTION_CACHE_SIZE:
            self._corrections.clear()
        self._corrections[token] = result
        return result

    def analyse(self, text: str) -> Analysis:
        """The acts in *text*, with evidence spans into *text* and a confidence per act.

        The rules run first; with a second opinion its per-act policy may add
        an act (evidence: the whole line) or drop one, and the confidence is
        the head's calibrated probability. Rules only, the confidence is the
        rules' precision for that act on the train split.
        """
        ruled, line = self._rules(text)
        if self.opinion is None or ruled.is_noise:
            return replace(ruled, confidence=rule_confidence(self.lang, ruled.acts))
        opinion = self.opinion.judge(ruled.text, ruled.acts)
        final = opinion.acts
        keeps = self._data.head_keeps
        kept = {a for a in ruled.acts if a not in final and a in keeps and keeps[a].search(line)}
        if kept:  # "ok that's it from my side, bye" closes the call, whatever the head makes of the rest
            final = tuple(a for a in ACTS if a in final or a in kept)
        seen = len(shorten(ruled.text))  # the head judged only the line's first MAX_CHARS characters
        unseen = {e.act for e in ruled.evidence if e.start >= seen - 2} - set(final)
        if unseen:  # a rule hit in the tail ("… und melde mich heute bis 14 Uhr") the head never saw stays
            final = tuple(a for a in ACTS if a in final or a in unseen)
        if TIME in final and TIME not in ruled.acts and _only_questions(ruled.text):
            final = tuple(a for a in final if a != TIME)  # "bis wann brauchen Sie die?" asks for a time, promises none
        if TIME in final and TIME not in ruled.acts and TIME in self._dropped(line, set(final)):
            # the data's exclusions of a time commitment ("zeitnah … irgendwann", a deadline asked about) hold for
            # the head too; for other acts they did not pay on held-out lines (the annotators keep both readings)
            final = tuple(a for a in final if a != TIME)
        adds = self._data.head_adds  # an act the head alone adds needs this much (no fine line called rude)
        if any(a in adds and a not in ruled.acts and opinion.probability[ACTS.index(a)] < adds[a] for a in final):
            final = tuple(a for a in final if not (a in adds and a not in ruled.acts
                                                   and opinion.probability[ACTS.index(a)] < adds[a]))
        cues = self._data.head_cues
        if any(a in cues and a not in ruled.acts and not cues[a].search(line) for a in final):
            final = tuple(a for a in final if a in ruled.acts or a not in cues or cues[a].search(line))
        # the data's rules hold for what the head adds that needs a statement too ("we have Thursday morning available,
        # is that fine?" offers a slot – no summary, though the head reads one; round 32) – not for the questions and
        # requests it adds, which the rules drop only beside their own reading of the line
        dropped = (self._dropped(line, set(final)) - set(ruled.acts)) & set(self._data.head_statement) if self._data.rules else set()
        final = tuple(a for a in final if a not in dropped)
        added = {a for a in self._data.head_statement if a in final and a not in ruled.acts}
        clauses = [self._rules(c)[0] for c in _CLAUSE.findall(ruled.text)] if added else []  # read once, if needed
        unfounded = {a for a in added if not self._states_something(clauses, line, self._data.head_statement[a])}
        if unfounded:  # "Okay. And what exactly isn't working?" is no summary, "Haben Sie schon etwas geprüft?" not rude
            final = tuple(a for a in final if a not in unfounded)
        if self.extras.jargon and JARGON in ruled.acts and JARGON not in final:
            final = tuple(a for a in ACTS if a in final or a == JARGON)  # the persona's own jargon list is never overruled
        precision = dict(rule_confidence(self.lang, ruled.acts))
        policies = self.opinion.head.info.policies
        by_act = {e.act: e for e in ruled.evidence}
        whole = Evidence("", 0, len(ruled.text), ruled.text)
        confidence = []
        for act in final:
            p = opinion.probability[ACTS.index(act)]
            mode = policies[act].mode if act in policies else "rules"
            if act in precision and (mode in ("rules", "union") or act not in opinion.acts or act in KEPT_ACTS):
                p = max(p, precision[act])
            confidence.append((act, round(p, 3)))
        evidence = tuple(by_act.get(act) or replace(whole, act=act) for act in final)
        return replace(ruled, acts=final, evidence=evidence, confidence=tuple(confidence))

    def speaks_for_self(self, analysis: Analysis) -> bool:
        """Whether the line has a word with which the agent speaks for herself (``self_words``: ich, wir / I, we)."""
        return not self._data.self_words.isdisjoint(analysis.tokens)

    def _states_something(self, clauses: Sequence[Analysis], line: str, asks: frozenset[str]) -> bool:
        """Whether one of the rules' readings of a line's *clauses* states something: more than acknowledgements
        ("Alles klar, notiert."), and none of the acts *asks* (a question, "Okay, dann Leiste einschalten.");
        *line* is the whole folded line (a check-back tag at its end makes a yes/no question a restatement)."""
        data = self._data
        acks = data.acknowledgements | data.fillers
        if "closed_question" in asks and data.check_back is not None and data.check_back.search(line):
            asks = asks - {"closed_question"}  # "Sie kommen also nicht ins Netzlaufwerk, richtig?" restates
        return any(any(w not in acks for w in read.tokens) and not asks.intersection(read.acts) for read in clauses)

    def standard(self, text: str) -> str:
        """*text* with its regional and chat spellings in standard words (:meth:`Language.standard`), for matching it
        against a scenario's phrases and examples. The acts already read the variants word by word."""
        return self._data.standard(text)

    def analyse_rules(self, text: str) -> Analysis:
        """The acts the rules alone find in *text* (no second opinion; confidence left empty)."""
        return self._rules(text)[0]

    def _dropped(self, line: str, acts: set[str]) -> set[str]:
        """The acts the data's ``rules`` exclude from *acts* on the folded *line* ("Brauchen Sie das vor Montag?"
        asks for a deadline: no time commitment)."""
        out: set[str] = set()
        for rule in self._data.rules:
            if _fires(rule, acts, line):
                out.update(rule.drop)
        return out

    def _rules(self, text: str) -> tuple[Analysis, str]:
        """The rules' analysis of *text* and the folded token line the patterns ran on."""
        if not isinstance(text, str):
            text = str(text)
        data = self._data
        parts: list[Item] = items(text)
        in_context = data.context_variants(text) if data.variant_patterns else {}  # "ill ask" is "I'll ask" (round 34)
        norms = [(data.variant(p.norm) or in_context.get(p.start) or self._correct(p.norm)) if p.is_word else p.norm
                 for p in parts]
        tokens: list[str] = [w for p, n in zip(parts, norms) if p.is_word for w in n.split()]
        line, offsets = _token_line(parts, norms)
        found: dict[str, re.Match[str]] = {}
        for act in data.acts:
            if (first := _act_match(act, line)) is not None:
                found[act.name] = first
        # a run-on spoken line: understanding mid-line starts a clause of its own ("… eight nine i understand a meeting
        # in one hour … is really stressful …"), for the acts the data names only (round 34: cutting the line for
        # every act cost more than it gained on the bank's train split)
        spans: dict[str, list[int]] = {}
        cuts = _spoken_cuts(data.spoken_break, parts, norms)
        if cuts:
            cut_line, cut_offsets = _token_line(parts, norms, cuts)
            for act in data.acts:
                if act.name in data.spoken_acts and act.name not in found \
                        and (first := _act_match(act, cut_line)) is not None:
                    found[act.name], spans[act.name] = first, cut_offsets
        for rule in data.rules:  # in file order: a rule's drop can keep a later rule from firing
            if _fires(rule, found, line):
                for name in rule.drop:
                    found.pop(name, None)
        if self._jargon is not None and JARGON not in found:
            match = next((m for m in self._jargon.finditer(line) if not self._explained(line, m)), None)
            if match:
                found[JARGON] = match
        term = None if JARGON in found else self._glossary_term(parts, line)

        acts = tuple(name for name in ACTS if name in found or (name == JARGON and term is not None))
        evidence = tuple(_evidence(name, found[name], text, parts, spans.get(name, offsets)) if name in found
                         else Evidence(JARGON, term[0], term[1], text[term[0]:term[1]]) for name in acts)
        if JARGON in acts and _named(text, next(e for e in evidence if e.act == JARGON), data.name_lead):
            acts, evidence = tuple(a for a in acts if a != JARGON), tuple(e for e in evidence if e.act != JARGON)
        is_noise = all(token in data.fillers for token in tokens)
        return Analysis(text, self.lang, tuple(tokens), acts, evidence, is_noise), line

    def _explained(self, line: str, match: re.Match[str]) -> bool:
        """The persona's term is explained right after it, in the same sentence ("the router – that's the little box
        with the lights"), or named right after a plain description ("the little box with the lights, we call it the
        router"); round 26: the rubric says "avoid jargon or explain it at once", and she was still lost."""
        before = " " + " ".join(re.split(r" [.?!] ", line[:match.start()])[-1].split()[-4:]) + " "
        after = re.split(r" [.?!] ", line[match.end():])[0].split()[:10]
        near = " " + " ".join([match.group(0).strip(), *after]) + " "
        return bool(self._explain is not None and self._explain.search(near)
                    or self._naming is not None and self._naming.search(before))

    def _glossary_term(self, parts: list[Item], line: str) -> tuple[int, int] | None:
        """The text span of the first glossary term in the line (words as typed, before typo correction), unless the
        line explains its terms the way the jargon act's ``unless`` says ("…, das ist sozusagen …")."""
        data = self._data
        if not data.glossary:
            return None
        words = [p for p in parts if p.is_word]
        norms = [_POSSESSIVE.sub("", p.norm) for p in words]  # "the PSU's fried" (round 30)
        for i in range(len(norms)):
            for n in range(min(data.glossary_span, len(norms) - i), 0, -1):
                if tuple(norms[i:i + n]) in data.glossary:
                    act = next((a for a in data.acts if a.name == JARGON), None)
                    near = " " + " ".join(norms[max(0, i - 5):i + n + 7]) + " "
                    if (act is not None and act.unless is not None and act.unless.search(line)) or (
                            self._explain is not None and self._explain.search(near)):
                        return None
                    return words[i].start, words[i + n - 1].end
        return None

    def phrases(self, phrases: Sequence[str]) -> PhraseMatcher:
        """A matcher for scenario *phrases* (see ``docs/analyser.md``), cached by tuple.

        The matcher does not change this view: a scenario's phrase words join
        the typo vocabulary only through :meth:`with_scenario` / :meth:`with_extras`.
        """
        key = tuple(phrases)
        matcher = self._phrases.get(key)
        if matcher is None:
            matcher = PhraseMatcher(key, compounds=self._data.compounds, fuzzy=self._data.fuzzy)
            self._phrases[key] = matcher
        return matcher

    def __repr__(self) -> str:
        return f"<Analyser {self.lang} +{len(self.extras.vocabulary)} words +{len(self.extras.jargon)} jargon>"


def _token_line(parts: list[Item], norms: list[str], cuts: frozenset[int] = frozenset()) -> tuple[str, list[int]]:
    """The folded token line the patterns run on (" . word word … . ", a full stop before each index in *cuts*), and
    where each part starts in it."""
    pieces, offsets, cursor = [" ."], [], 2
    for i, norm in enumerate(norms):
        if i in cuts:
            pieces.append(".")
            cursor += 2
        cursor += 1
        offsets.append(cursor)
        pieces.append(norm)
        cursor += len(norm)
    if not parts or parts[-1].norm != "?":
        pieces.append(".")
    return " ".join(pieces) + " ", offsets


def _act_match(act, line: str) -> re.Match[str] | None:
    """The first match of *act* in the token *line* when its patterns' weights reach its threshold and its
    ``unless`` does not match."""
    score, first = 0.0, None
    for pattern in act.patterns:
        match = pattern.regex.search(line)
        if match:
            score += pattern.weight
            first = first or match
            if score >= act.threshold:
                break
    if first is None or score < act.threshold or (act.unless is not None and act.unless.search(line)):
        return None
    return first


SPOKEN_MIN_WORDS = 10
"""A line without punctuation this long is cut at its clause cues (shorter ones are read as one clause)."""


def _spoken_cuts(cue: re.Pattern[str] | None, parts: list[Item], norms: list[str]) -> frozenset[int]:
    """The indexes of the parts before which a run-on line without any punctuation (a recogniser's) starts a new
    clause (``Language.spoken_break``) – never before its first two words; none in a punctuated or short line."""
    if cue is None or any(not p.is_word for p in parts[:-1]):
        return frozenset()
    words = [i for i, p in enumerate(parts) if p.is_word]
    if len(words) < SPOKEN_MIN_WORDS:
        return frozenset()
    line, starts = " ", {}
    for i in words:
        starts[len(line)] = i
        line += norms[i] + " "
    return frozenset(starts[m.start()] for m in cue.finditer(line) if starts.get(m.start(), 0) > words[1])


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


def _scenario_parts(scenario: "Scenario", lang: str) -> dict[str, tuple[str, ...]]:
    """The words of every phrase *scenario* uses in *lang* (steps, insistence, jargon), and its jargon."""
    jargon = tuple(scenario.jargon.get(lang))
    phrases: list[str] = [*jargon]
    for step in scenario.steps:
        phrases.extend(step.recognise.get(lang))
        if step.pushback:
            phrases.extend(step.pushback.insist.get(lang))
    return {"vocabulary": words_of(phrases), "jargon": jargon}


@cache
def _base(lang: str) -> Analyser:
    return Analyser(compiled(lang), opinion=second_opinion(lang))


@lru_cache(maxsize=_VIEW_CACHE_SIZE)
def _view(lang: str, extras: Extras, opinion: SecondOpinion | None) -> Analyser:
    """The view of *lang* with *extras* and *opinion*, keyed by its whole content (so shared views are identical ones)."""
    return Analyser(compiled(lang), extras, opinion)


def _fires(rule, acts, line: str) -> bool:
    """Whether a data rule applies: all its acts are present and its pattern (if any) matches the folded *line*."""
    return all(name in acts for name in rule.when_acts) and (rule.when is None or rule.when.search(line) is not None)


def _only_questions(text: str) -> bool:
    """Every sentence of *text* ends with a question mark ("Bis wann brauchen Sie die denn?")."""
    sentences = [s.strip() for s in _SENTENCE.findall(text) if s.strip(" .!?")]
    return bool(sentences) and all(s.endswith("?") for s in sentences)
