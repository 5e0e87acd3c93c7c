"""A line that puts on her what the agent's side should do: "you'll have to call licensing yourself", "you should've
called us" (``dialogue/data/reading.yaml`` her_job).

Those words promise nothing of his: no step is taken from them, the acts read in them (a callback, a time, a reason)
are not hers to hear, and she objects – in character ('her_job' filler), else in general words (customer.yaml).
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.analysis.result import Analysis
from simulator.dialogue.events import Shifted
from simulator.dialogue.lines import customer_lines
from simulator.dialogue.planner import choose
from simulator.dialogue.reading import SENTENCE_END, _pattern, clause_breaks

SHIFT_MOOD = 8
"""What being told to chase it herself costs her mood (as a guess does where she needs a reliable answer)."""
KEPT_ACTS = ("rude", "jargon", "closing", "greeting")
"""Acts of the pushed-back words she still hears: the tone, the terms, a goodbye."""


@dataclass(frozen=True, slots=True)
class Shift:
    """What of a line put the work on her."""

    shifted: str
    """The clauses that put the work on her ('' when none does)."""
    rest: str
    """The line without them: what she may still take steps from ('' when nothing is left)."""


def shift_of(line: str, lang: str) -> Shift:
    """The clauses of *line* that put the work on her, and the rest (a clause is cut where a new thought starts, "… but
    I'll ask licensing myself" stays hers to hear)."""
    pattern = _pattern("her_job", lang)
    if pattern is None:
        return Shift("", line)
    sorry = _pattern("her_job_not", lang)

    def shifts(text: str) -> bool:
        words = " ".join(text.lower().split()).strip(" ,.;:!?-–")
        return bool(pattern.search(words)) and not (sorry and sorry.search(words))

    # "dann sag ich denen, sie sollen Sie heute noch anrufen": the "sie" is the team he tells (round 33)
    told = _pattern("her_job_told", lang)
    sentences = [s for s in SENTENCE_END.split(line) if s.strip()]
    relayed = {s for s in sentences if told and told.search(" ".join(s.lower().split()))}
    clauses = [piece for s in sentences for piece in ([s] if s in relayed else clause_breaks(s, lang))]
    hit = [c for c in clauses if c not in relayed and shifts(c)]
    if not hit:  # "Sie müssen … | ich …": the sentence whole, when a break cut the pattern in two
        clauses = sentences
        hit = [s for s in clauses if s not in relayed and shifts(s)]
    rest = " ".join(c.strip() for c in clauses if c not in hit).strip()
    return Shift(" ".join(c.strip() for c in hit), rest) if hit else Shift("", line)


def without_shifted_acts(analysis: Analysis, acts: tuple[str, ...], shift: Shift, rest_acts: tuple[str, ...]
                         ) -> tuple[str, ...]:
    """*acts* without those read only in the words that put the work on her ("call back tomorrow" is no callback and
    no time of his); what the rest of the line says (``rest_acts``) and :data:`KEPT_ACTS` stay."""
    if not shift.shifted:
        return acts
    low = shift.shifted.lower()
    only_there = {e.act for e in analysis.evidence if e.text.strip() and e.text.lower().strip() in low
                  or e.text.strip() == analysis.text.strip() and not shift.rest}
    return tuple(a for a in acts if a in KEPT_ACTS or a in rest_acts or a not in only_there)


def object_to_shift(shift: Shift, speech, scenario, state, said: str, turn_no: int, events: list, plan) -> float:
    """Where *shift* put work on her: the event, her objection – the persona's own ('her_job' filler), else a general
    one – as the complaint of the turn; what it costs her mood (0 when nothing was put on her)."""
    if not shift.shifted:
        return 0.0
    events.append(Shifted())
    text = scenario.fillers.get("her_job")
    plan.complain((speech.say(text, state, "her_job", said, optional=True) if text else "")
                  or choose(customer_lines(state.lang, "her_job"), f"{state.seed}:{turn_no}:her_job", said, optional=False))
    return SHIFT_MOOD


def heard_shift(analyser, analysis: Analysis, acts: tuple[str, ...], line: str, lang: str) -> tuple[Shift, tuple[str, ...]]:
    """The part of *line* that put the work on her, and the line's acts as she hears them (:func:`without_shifted_acts`)."""
    shift = shift_of(line, lang)
    if not shift.shifted:
        return shift, acts
    rest_acts = analyser.analyse_rules(shift.rest).acts if shift.rest else ()
    return shift, without_shifted_acts(analysis, acts, shift, rest_acts)
