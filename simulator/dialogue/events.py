"""What happened in a turn, as small typed values (in the spirit of wyoming's events).

The engine attaches these to a trainee's :class:`~simulator.dialogue.state.Turn`;
the scorer, the window and the store read them by type, never by parsing text.
The string form ``kind:detail`` (``"pushback:check_plug"``) exists only at the
JSON and database edge: :meth:`Event.to_json` writes it, :func:`parse_event`
reads it back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar


@dataclass(frozen=True, slots=True)
class Event:
    """Base of every turn event; subclasses set ``kind``."""

    kind: ClassVar[str] = ""

    @property
    def detail(self) -> str:
        """The event's argument (a step, fact, act or scripted-event id), '' for plain events."""
        return ""

    def to_json(self) -> str:
        """The edge form: 'kind' or 'kind:detail'."""
        return f"{self.kind}:{self.detail}" if self.detail else self.kind

    def __str__(self) -> str:
        return self.to_json()


# -- plain events ---------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Noise(Event):
    """The line was silence or garbage (nothing the customer could understand)."""

    kind: ClassVar[str] = "noise"


@dataclass(frozen=True, slots=True)
class Ramble(Event):
    """The line was longer than the persona listens to (``mood.max_words``)."""

    kind: ClassVar[str] = "ramble"


@dataclass(frozen=True, slots=True)
class Unheard(Event):
    """The long line (``Ramble``) was lost on her line (``mood.ramble.lost``: "I only caught half"): she took no step
    from it. Without it she took in a long line all the same and only complained about its length."""

    kind: ClassVar[str] = "unheard"


@dataclass(frozen=True, slots=True)
class Confused(Event):
    """The line held jargon the persona doesn't understand."""

    kind: ClassVar[str] = "confused"


@dataclass(frozen=True, slots=True)
class PrematureClose(Event):
    """The trainee said goodbye before the problem was solved."""

    kind: ClassVar[str] = "premature_close"


@dataclass(frozen=True, slots=True)
class Hangup(Event):
    """The customer hung up (mood too low or patience used up)."""

    kind: ClassVar[str] = "hangup"


@dataclass(frozen=True, slots=True)
class Guess(Event):
    """The trainee guessed where an honest "I don't know yet" was due (scenarios with an admit-unknown step)."""

    kind: ClassVar[str] = "guess"


@dataclass(frozen=True, slots=True)
class Shifted(Event):
    """The trainee put on her what his side should do ("you'll have to call licensing yourself", "you should've called
    us"): she objected and took no step from those words."""

    kind: ClassVar[str] = "shifted"


@dataclass(frozen=True, slots=True)
class Unclear(Event):
    """A line read as both warm and rude: taken as meant kindly (no rudeness counted), the customer not offended."""

    kind: ClassVar[str] = "unclear"


@dataclass(frozen=True, slots=True)
class Farewell(Event):
    """The customer said goodbye after the solution: the trainee's next line is the last of the call."""

    kind: ClassVar[str] = "farewell"


# -- events about a step, fact, act or scripted event ---------------------------
@dataclass(frozen=True, slots=True)
class Repeat(Event):
    """A communication act used again: its effect on the customer wears off."""

    kind: ClassVar[str] = "repeat"
    act: str
    """The repeated act."""

    @property
    def detail(self) -> str:
        return self.act


@dataclass(frozen=True, slots=True)
class Pushback(Event):
    """The customer resisted a checklist step."""

    kind: ClassVar[str] = "pushback"
    step: str
    """The step resisted."""

    @property
    def detail(self) -> str:
        return self.step


@dataclass(frozen=True, slots=True)
class Yielded(Event):
    """The customer took a resisted step because the trainee gave a reason."""

    kind: ClassVar[str] = "yield"
    step: str
    """The step taken."""

    @property
    def detail(self) -> str:
        return self.step


@dataclass(frozen=True, slots=True)
class GaveIn(Event):
    """The customer took a resisted step only because she was asked often enough."""

    kind: ClassVar[str] = "give_in"
    step: str
    """The step taken."""

    @property
    def detail(self) -> str:
        return self.step


@dataclass(frozen=True, slots=True)
class Offended(Event):
    """The line would have taken a checklist step, but it was rude: she answered the tone, not the request."""

    kind: ClassVar[str] = "offended"
    step: str
    """The step the line asked for."""

    @property
    def detail(self) -> str:
        return self.step


@dataclass(frozen=True, slots=True)
class Objected(Event):
    """The line would have taken a checklist step, but in a way that cannot work for her or in words that only sound
    like it (the step's ``objections``): she said why. A next line naming a workable way takes the step."""

    kind: ClassVar[str] = "objection"
    step: str
    """The step objected to."""

    @property
    def detail(self) -> str:
        return self.step


@dataclass(frozen=True, slots=True)
class Offered(Event):
    """The customer offered to tell about a step in her own words ("Shall I just tell you what happened?"):
    a yes in the next line lets her tell (the step is taken, as by a closed question)."""

    kind: ClassVar[str] = "offer"
    step: str
    """The step she offered to tell about."""

    @property
    def detail(self) -> str:
        return self.step


@dataclass(frozen=True, slots=True)
class Revealed(Event):
    """A hidden fact came out."""

    kind: ClassVar[str] = "reveal"
    fact: str
    """The fact's id."""

    @property
    def detail(self) -> str:
        return self.fact


@dataclass(frozen=True, slots=True)
class Scripted(Event):
    """A scripted scenario event that is neither a temptation nor a line drop (kind ``say``)."""

    kind: ClassVar[str] = "say"
    event: str
    """The scenario event's id."""

    @property
    def detail(self) -> str:
        return self.event


@dataclass(frozen=True, slots=True)
class Temptation(Event):
    """A scripted provocation (the customer invites a promise or a rude answer)."""

    kind: ClassVar[str] = "temptation"
    event: str
    """The scenario event's id."""

    @property
    def detail(self) -> str:
        return self.event


@dataclass(frozen=True, slots=True)
class LineDrop(Event):
    """The line dropped and the call ended."""

    kind: ClassVar[str] = "line_drop"
    event: str
    """The scenario event's id."""

    @property
    def detail(self) -> str:
        return self.event


@dataclass(frozen=True, slots=True)
class LineSaved(Event):
    """The line dropped, but the customer called back because the trainee had taken the number."""

    kind: ClassVar[str] = "line_saved"
    event: str
    """The scenario event's id."""

    @property
    def detail(self) -> str:
        return self.event


@dataclass(frozen=True, slots=True)
class CoachHint(Event):
    """Coach mode showed a hint after this turn (see :mod:`simulator.dialogue.coach`); stored with the reply."""

    kind: ClassVar[str] = "coach"
    hint: str
    """What the hint is about: empathy | reason | jargon | callback | time_frame | open_question | summary."""

    @property
    def detail(self) -> str:
        return self.hint


EVENT_TYPES: dict[str, type[Event]] = {
    cls.kind: cls
    for cls in (Noise, Ramble, Unheard, Confused, PrematureClose, Hangup, Guess, Shifted, Unclear, Farewell, Repeat, Pushback,
                Yielded, GaveIn, Offended, Objected, Offered, Revealed, Scripted, Temptation, LineDrop, LineSaved, CoachHint)
}
"""Kind -> event class, for reading the edge form back."""

STEP_EVENTS = (Pushback, Yielded, GaveIn, Offended, Objected)
"""Events about a checklist step (their ``step`` field)."""


def scripted(kind: str, event_id: str) -> Event:
    """The event for a scenario event of ``kind`` (say | temptation | line_drop)."""
    return {"temptation": Temptation, "line_drop": LineDrop}.get(kind, Scripted)(event_id)


def parse_event(tag: str) -> Event:
    """``"pushback:check_plug"`` -> ``Pushback("check_plug")``; unknown kinds raise ValueError."""
    kind, _, detail = str(tag).partition(":")
    cls = EVENT_TYPES.get(kind)
    if cls is None:
        raise ValueError(f"unknown event {tag!r}")
    return cls(detail) if detail else cls()


def has(events, cls: type[Event], detail: str | None = None) -> bool:
    """Whether ``events`` holds an event of type ``cls`` (with ``detail``, when given)."""
    return any(isinstance(e, cls) and (detail is None or e.detail == detail) for e in events)


def details(events, cls: type[Event]) -> list[str]:
    """The details of every event of type ``cls``."""
    return [e.detail for e in events if isinstance(e, cls)]
