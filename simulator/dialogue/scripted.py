"""The scenario's scripted events in a turn: which one is due, and what it adds to her answer.

One scripted event per turn at most. A temptation (a provocation or a bait) waits while she answers something the
line did – a step taken, a guess, a rude tone, what she is missing – and is moot once the trainee has done what it
tests (``unless_steps``) or already fell for a bait (an earlier guess).
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.dialogue import events as ev_
from simulator.dialogue.guessing import guessed_before
from simulator.dialogue.events import Guess, LineDrop, LineSaved, Objected, Pushback
from simulator.dialogue.state import CallState, Outcome, clamp


@dataclass(frozen=True, slots=True)
class Breath:
    """What else the customer says in the turn, which a scripted line must not interrupt."""

    steps_now: tuple[str, ...]
    """Steps the line took: she answers them (an approving "Good." and a jab in one breath contradict each other)."""
    steered: bool
    """She just said what a step asked for too early is missing."""
    rude: bool
    """She answers a rude tone, or complained about the line ("Spare me the essay", "Are you guessing?")."""
    ringing: bool
    """The line answers the phone: nothing scripted in the same breath as her opening."""
    last_word: bool
    """She has said goodbye: nothing scripted any more."""


def answering(ev, breath: Breath, events: list, state: CallState) -> bool:
    """She answers what the line did and scripted event ``ev`` is not cued by it (``after_step``, ``requires``): a step
    taken ("Good, then I know whom to call" and "what are you there for?" in one breath contradict each other) or what
    she objects to. A jab held back that way is not piled onto her refusal of a step either; one due this very turn
    is (her impatience and her refusal go together)."""
    cued = ev.after_step in breath.steps_now or any(s in breath.steps_now for s in ev.requires)
    prev = state.trainee_turns[-1] if state.trainee_turns else None
    # (the line that answered the phone holds nothing back: nothing scripted is said with her opening anyway)
    held = prev is not None and bool(prev.steps) and ev.at_turn is not None and prev.number >= max(ev.at_turn, 2)
    return not cued and (bool(breath.steps_now) or any(isinstance(e, Objected) for e in events)
                         or (held and any(isinstance(e, Pushback) for e in events)))


def scripted_event(engine, state: CallState, turn_no: int, done: list[str], fired: list[str], events: list, plan,
                   breath: Breath, mood: float, said: str) -> tuple[float, Outcome | None]:
    """Add the scripted event due now (if any) to ``events`` and ``plan``; ids said (or moot) go to ``fired``.
    Returns the line's signal (0: the line dropped) and the outcome a line drop ends the call with."""
    sc = engine.scenario
    solves_now = state.solved_at is None and all(s in done for s in sc.end.solved_when)
    for ev in () if breath.last_word else sc.events:
        if ev.id in fired or state.solved_at is not None:  # after the solution nothing scripted is said
            continue
        due = ((ev.at_turn is not None and turn_no >= ev.at_turn and not breath.ringing)
               or (ev.after_step is not None and ev.after_step in breath.steps_now))
        if not due or not all(s in done for s in ev.requires):
            continue  # not yet: an event that requires steps waits for them
        if solves_now and ev.kind != "line_drop":
            fired.append(ev.id)  # a challenge in the breath that solves it all ("what if they don't call? … wonderful")
            continue
        if ev.kind == "temptation" and guessed_before(state, bool(engine._honesty_steps)):
            fired.append(ev.id)  # fell for the bait already: "just say 'probably'" after "it's probably included"
            continue
        if ev.kind == "temptation" and (any(isinstance(e, Guess) for e in events) or answering(ev, breath, events, state)):
            continue  # she reacts to the guess, or answers what the line did: the provocation waits
        if (breath.steered or breath.rude or any(isinstance(e, Objected) for e in events)) and ev.kind != "line_drop":
            continue  # she just said what is missing or what she objects to, or answers a rude tone: the line waits
        fired.append(ev.id)
        if ev.kind != "line_drop" and ev.unless_steps and all(s in done for s in ev.unless_steps):
            continue  # the bait is moot once its steps are done ("just say yes" after an honest "I don't know")
        if ev.kind == "line_drop":
            if all(s in done for s in ev.unless_steps) and ev.unless_steps:
                events.append(LineSaved(ev.id))
                plan.add(engine.speech.say(ev.line, state, f"event:{ev.id}", said))
                plan.add(engine.speech.say(ev.saved_line, state, f"saved:{ev.id}", said))
                return 0.0, None
            events.append(LineDrop(ev.id))
            plan.add(engine.speech.say(ev.line, state, f"event:{ev.id}", said))
            return 0.0, Outcome(resolved=False, reason="line_dropped", final_mood=clamp(mood, -100, 100))  # not "−103"
        events.append(ev_.scripted(ev.kind, ev.id))
        plan.parts = [p for p in plan.parts if not engine.speech.idle(p)]  # "Aha. Und weiter? Und? Kommt jetzt …"
        plan.add(engine.speech.say(ev.line, state, f"event:{ev.id}", said))
        break  # one scripted event per turn
    return 1.0, None
