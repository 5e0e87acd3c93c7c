"""Immutable snapshots of a call: what the UIs render, what scoring reads.

The engine turns one :class:`CallState` and a trainee line into the next
:class:`CallState`; nothing here is ever mutated, so any earlier state can be
resumed ("retry from turn N") and two runs with one seed are identical.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.dialogue.events import Event, Farewell, has


@dataclass(frozen=True, slots=True)
class Turn:
    """One line of the transcript."""

    speaker: str
    """'customer' or 'trainee'."""
    text: str
    """What was said (for the trainee: as typed or recognised, control characters removed)."""
    number: int
    """Trainee turn number this line belongs to: 0 for the opening, n for the trainee's n-th line and the customer's answer to it."""
    acts: tuple[str, ...] = ()
    """Communication acts found in a trainee line."""
    evidence: tuple[tuple[str, str], ...] = ()
    """(act, quoted span) pairs that triggered the acts."""
    steps: tuple[str, ...] = ()
    """Checklist steps taken by this trainee line."""
    events: tuple[Event, ...] = ()
    """What happened in this turn (see :mod:`simulator.dialogue.events`): Pushback, Yielded, GaveIn, Revealed, Temptation, Noise, Ramble, Unheard, Confused, LineDrop, LineSaved, PrematureClose, Hangup, Repeat."""
    mood: float = 0.0
    """Customer's mood after this line (-100..100)."""
    patience: float = 0.0
    """Customer's patience after this line (turns)."""
    trust: float = 0.0
    """Customer's trust after this line (0..100)."""
    by: str = ""
    """Who said a trainee line when several trainees share a call (seminar hot seat); '' otherwise."""

    def to_json(self) -> dict:
        out = {"speaker": self.speaker, "text": self.text, "turn": self.number}
        if self.by:
            out["by"] = self.by
        if self.speaker == "trainee":
            out["acts"] = list(self.acts)
            out["steps"] = list(self.steps)
        out["events"] = [e.to_json() for e in self.events]
        out["mood"] = round(self.mood, 1)
        return out


@dataclass(frozen=True, slots=True)
class Exchange:
    """One trainee line and the customer's reply to it; number 0 is the customer's opening."""

    number: int
    """0 for the opening, n for the trainee's n-th line."""
    trainee: Turn | None
    """The trainee's line (None for the opening)."""
    reply: Turn | None
    """The customer's answer (None when she said nothing, e.g. after hanging up)."""

    @property
    def turns(self) -> tuple[Turn, ...]:
        """The exchange's lines in the order spoken."""
        return tuple(t for t in (self.trainee, self.reply) if t is not None)


@dataclass(frozen=True, slots=True)
class Outcome:
    """How the call ended."""

    resolved: bool
    """The problem was solved (or a workable next step reached)."""
    reason: str
    """solved | hangup | turn_limit | line_dropped | script_end | interrupted."""
    final_mood: float
    """Mood at the end (-100..100)."""

    def to_json(self) -> dict:
        return {"resolved": self.resolved, "reason": self.reason, "final_mood": round(self.final_mood, 1)}


@dataclass(frozen=True, slots=True)
class CallState:
    """Everything about a call after a given turn."""

    scenario_id: str
    """The scenario played."""
    lang: str
    """Language of the call."""
    seed: int
    """Seed for the customer's choice of phrasings."""
    turn: int
    """Trainee turns so far."""
    mood: float
    """-100 (furious) .. 100 (delighted)."""
    patience: float
    """Turns of unproductive talk left before the customer hangs up."""
    trust: float
    """0..100."""
    steps_done: tuple[str, ...]
    """Checklist steps taken, in the order taken."""
    pushed_back: tuple[str, ...]
    """Steps the customer has resisted at least once."""
    facts: tuple[str, ...]
    """Hidden facts revealed so far."""
    act_counts: tuple[tuple[str, int], ...]
    """How often each act has occurred (for diminishing returns)."""
    fired_events: tuple[str, ...]
    """Ids of the scenario's scripted events that have fired."""
    exchanges: tuple[Exchange, ...]
    """The call so far, one exchange per trainee turn (index 0: the customer's opening)."""
    solved_at: int | None = None
    """Trainee turn at which the problem was solved, or None."""
    signal: float = 1.0
    """Line quality 0..1 for the signal indicator (drops with line events)."""
    outcome: Outcome | None = None
    """Set when the call has ended."""

    @property
    def ended(self) -> bool:
        return self.outcome is not None

    @property
    def solved(self) -> bool:
        return self.solved_at is not None

    @property
    def transcript(self) -> tuple[Turn, ...]:
        """Every line so far, in the order spoken."""
        return tuple(t for x in self.exchanges for t in x.turns)

    @property
    def trainee_turns(self) -> tuple[Turn, ...]:
        """The trainee's lines, in order."""
        return tuple(x.trainee for x in self.exchanges if x.trainee is not None)

    @property
    def last_customer_line(self) -> str:
        for x in reversed(self.exchanges):
            if x.reply is not None:
                return x.reply.text
        return ""

    def reply_to(self, number: int) -> str:
        """What the customer said in exchange ``number`` ('' when nothing)."""
        if 0 <= number < len(self.exchanges) and self.exchanges[number].reply is not None:
            return self.exchanges[number].reply.text
        return ""

    def count(self, act: str) -> int:
        return dict(self.act_counts).get(act, 0)


def is_ringing(state: CallState) -> bool:
    """The phone rings: the trainee has not answered yet and the customer has said nothing."""
    return state.turn == 0 and bool(state.exchanges) and state.exchanges[0].reply is None


def awaits_last_word(state: CallState) -> bool:
    """The customer said goodbye after the solution: the trainee's next line is the last one of the call."""
    last = state.trainee_turns[-1] if state.trainee_turns else None
    return (not state.ended and state.solved_at is not None and last is not None
            and has(last.events, Farewell))


def clamp(value: float, low: float, high: float) -> float:
    """*value* kept within *low* and *high* (mood, patience and trust have bounds)."""
    return max(low, min(high, value))
