"""Immutable snapshots of a call: what the UIs render, what scoring reads.

The engine turns one :class:`CallState` and a trainee line into the next
:class:`CallState`; nothing here is ever mutated, so any earlier state can be
resumed ("retry from turn N") and two runs with one seed are identical.
"""

from __future__ import annotations

from dataclasses import dataclass, field


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
    events: tuple[str, ...] = ()
    """What happened, as 'kind:detail' tags: pushback:check_plug, yield:check_plug (gave in to a reason), give_in:check_plug (worn down by repeated asking), reveal:fact, temptation:id, noise, ramble, confused, line_drop:id, line_saved:id, premature_close, repeat:empathy."""
    mood: float = 0.0
    """Customer's mood after this line (-100..100)."""
    patience: float = 0.0
    """Customer's patience after this line (turns)."""
    trust: float = 0.0
    """Customer's trust after this line (0..100)."""

    def to_json(self) -> dict:
        out = {"speaker": self.speaker, "text": self.text, "turn": self.number}
        if self.speaker == "trainee":
            out["acts"] = list(self.acts)
            out["steps"] = list(self.steps)
        out["events"] = list(self.events)
        out["mood"] = round(self.mood, 1)
        return out


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
    """Events that have happened."""
    transcript: tuple[Turn, ...]
    """Every line so far."""
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
    def last_customer_line(self) -> str:
        for t in reversed(self.transcript):
            if t.speaker == "customer":
                return t.text
        return ""

    def count(self, act: str) -> int:
        return dict(self.act_counts).get(act, 0)
