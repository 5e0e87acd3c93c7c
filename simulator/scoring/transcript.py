"""The call as the scorer sees it: trainee turns, replies, real (non-noise) turns, quotes."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

from simulator.dialogue.events import Noise, has
from simulator.dialogue.state import CallState, Turn
from simulator.scoring.feedback import Feedback
from simulator.scoring.rubric import EvidenceItem
from simulator.scoring.rules import MIN_SPAN_WORDS, QUOTE_CHARS
from simulator.scoring.wording import mask_abbreviations


class _Span:
    """A match in the original text, found in its masked copy (:func:`~simulator.scoring.wording.mask_abbreviations`)."""

    __slots__ = ("_text", "_start", "_end")

    def __init__(self, text: str, start: int, end: int) -> None:
        self._text, self._start, self._end = text, start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self) -> str:
        return self._text[self._start: self._end]


class Cutter:
    """A sentence (or clause) pattern that does not cut at an abbreviation's dot ("bzw.", "Dr.", "e.g."; round 11,
    DE 17): it matches on the masked text and answers with the original's words."""

    __slots__ = ("pattern",)

    def __init__(self, pattern: str) -> None:
        self.pattern = re.compile(pattern)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        masked = mask_abbreviations(text)
        for m in self.pattern.finditer(masked, pos, len(masked) if endpos is None else endpos):
            yield _Span(text, m.start(), m.end())

    def findall(self, text: str) -> list[str]:
        return [m.group() for m in self.finditer(text)]

    def search(self, text: str, pos: int = 0) -> _Span | None:
        return next(self.finditer(text, pos), None)

    def split(self, text: str) -> list[str]:
        parts, at = [], 0
        for m in self.finditer(text):
            parts.append(text[at: m.start()])
            at = m.end()
        return parts + [text[at:]]


_SENTENCE = Cutter(r"(?:[^.!?]|[.!?](?![.!?]*(?:\s|$)))+(?:[.!?]+|$)")
"""A sentence: up to its full stop, question or exclamation mark ("5.2" is no full stop, nor "bzw." or "Dr.")."""


def sentences(text: str) -> list[str]:
    """The sentences of ``text``."""
    return [p.strip() for p in _SENTENCE.findall(text or "") if p.strip()]


def questions(text: str) -> list[str]:
    """The sentences of ``text`` that end in a question mark."""
    return [p.strip() for p in _SENTENCE.findall(text or "") if p.strip().endswith("?")]


def sentence_of(text: str, span: str) -> str:
    """The sentence of ``text`` that holds ``span`` (the whole text when the span is not in it)."""
    start = text.lower().find(span.lower())
    if start < 0:
        return text
    for m in _SENTENCE.finditer(text):
        if m.start() <= start < m.end():
            return m.group().strip()
    return text


def sentences_of(text: str, span: str) -> str:
    """The whole sentence(s) of ``text`` that ``span`` lies in: from the start of the sentence where it begins to the
    end of the sentence where it ends (the whole text when the span is not in it)."""
    start = text.lower().find(span.lower()) if span else -1
    if start < 0:
        return text
    end = start + len(span.rstrip())
    begin = stop = None
    for m in _SENTENCE.finditer(text):
        if begin is None and m.start() <= start < m.end():
            begin = m.start()
        if begin is not None and end <= m.end():
            stop = m.end()
            break
    if begin is None:
        return text
    return text[begin: stop if stop is not None else len(text)].strip()


_COLON_SENTENCE = re.compile(r"[:;]\s+(?=[A-ZÄÖÜ])")
"""A colon or semicolon followed by a capital: what comes after it is a sentence."""


def sentence_bounds(text: str) -> tuple[set[int], set[int]]:
    """Where the sentences of ``text`` start and end (character offsets, spaces stripped): a quote that is whole
    sentences starts at one of the first and ends at one of the second."""
    starts, ends = set(), set()
    for m in _SENTENCE.finditer(text):
        piece = m.group()
        if piece.strip():
            starts.add(m.start() + len(piece) - len(piece.lstrip()))
            ends.add(m.end() - (len(piece) - len(piece.rstrip())))
    # a colon before a capital starts a sentence of its own ("…, niemanden mehr neu einweihen: Ich rufe …")
    for m in _COLON_SENTENCE.finditer(text):
        starts.add(m.end())
    return starts, ends


def trim(text: str, limit: int = QUOTE_CHARS) -> str:
    """A quote: spaces folded, cut at a word boundary with an ellipsis."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut + "…"


@dataclass(slots=True)
class DimensionDraft:
    """A dimension being scored: base and evidence so far."""

    name: str
    base: float
    items: list[EvidenceItem] = field(default_factory=list)

    def add(self, turn: int, quote: str, effect: float, note_tip: tuple, speaker: str = "trainee") -> None:
        """One evidence item; ``speaker``: whose words ``quote`` is (trainee or customer)."""
        kind = note_tip[2] if len(note_tip) > 2 else ""
        quote = trim(quote)
        self.items.append(EvidenceItem(self.name, turn, quote, round(effect, 2), note_tip[0], note_tip[1], kind,
                                       speaker if quote else ""))

    @property
    def value(self) -> float:
        return max(0.0, min(100.0, self.base + sum(e.effect for e in self.items)))


class ScoredCall:
    """The call as the scorer sees it."""

    def __init__(self, scenario, state: CallState, turns: Collection[int] | None) -> None:
        self.sc = scenario
        self.state = state
        self.fb = Feedback.for_language(state.lang)
        self.trainee: list[Turn] = list(state.trainee_turns)
        self.customer: dict[int, Turn] = {x.number: x.reply for x in state.exchanges if x.reply is not None}
        self.real: list[Turn] = [t for t in self.trainee if not has(t.events, Noise)]
        allowed = None if turns is None else set(turns)
        self.scored: list[Turn] = [t for t in self.real if allowed is None or t.number in allowed]
        self.scored_numbers = {t.number for t in self.scored}
        self.first_real = self.real[0].number if self.real else None
        self.last_real = self.real[-1].number if self.real else None

    def counts(self, turn: Turn | None) -> bool:
        return turn is not None and turn.number in self.scored_numbers

    def next_real(self, number: int) -> Turn | None:
        for t in self.real:
            if t.number > number:
                return t
        return None

    def customer_line(self, number: int) -> str:
        t = self.customer.get(number)
        return t.text if t else ""

    def marker(self, turn: Turn, *acts: str) -> str:
        """The evidence span of the first of ``acts`` found in ``turn`` (when it has 3+ words); for a shorter span
        ("are you", "Was kann") the sentence that holds it, when that has 3+ words; else the whole line. The words the
        analyser matched – to compare phrases, not to quote (:meth:`span` quotes)."""
        for act in acts:
            for a, text in turn.evidence:
                if a == act and len(text.split()) >= MIN_SPAN_WORDS:
                    return text
        for act in acts:
            for a, text in turn.evidence:
                if a == act and text.strip():
                    sentence = sentence_of(turn.text, text)
                    if len(sentence.split()) >= MIN_SPAN_WORDS:
                        return sentence
        return turn.text

    def span(self, turn: Turn, *acts: str) -> str:
        """The quote for ``acts``: the whole sentence(s) holding :meth:`marker` ("I'm just pulling up your ticket so I
        can see what happened.", not "I'm just pulling") – a trainee reads what they said, never a fragment of it
        (round 9); the whole line where the marker is not in it."""
        return sentences_of(turn.text, self.marker(turn, *acts))

    def sentence(self, turn: Turn, act: str) -> str:
        """The sentence that holds ``act``'s span ("So the printer shows no light at all and makes no sound?"), not
        only the marker the analyser found ("So the printer shows"); the whole line when there is no such span."""
        span = next((text for a, text in turn.evidence if a == act and text.strip()), "")
        sentence = sentences_of(turn.text, span) if span else turn.text
        return sentence if len(sentence.split()) >= MIN_SPAN_WORDS else turn.text

    def question(self, turn: Turn, *acts: str) -> str:
        """As :meth:`span`; where the line has none of ``acts``, its last question ("…, and are you at your desk?")."""
        if any(a in acts for a, _ in turn.evidence):
            return self.span(turn, *acts)
        asked = [p.strip() for p in _SENTENCE.findall(turn.text) if p.strip().endswith("?")]
        return asked[-1] if asked and len(asked[-1].split()) >= MIN_SPAN_WORDS else turn.text

    def step_title(self, step_id: str) -> str:
        try:
            step = self.sc.step(step_id)
        except KeyError:
            return step_id
        return step.title.get(self.state.lang) or step_id
