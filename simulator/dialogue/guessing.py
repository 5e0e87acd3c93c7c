"""What the customer says to a guess where she needs a reliable answer ("it's probably included")."""

from __future__ import annotations

from simulator.dialogue.lines import customer_lines
from simulator.dialogue.planner import choose


def guess_line(speech, scenario, state, said: str, turn_no: int) -> str:
    """Her doubt about a guess: the persona's own line ('guess' filler), else a general one – also where the same
    breath admits not knowing ("probably included, but I'm not 100% sure"): she never thanks that as "no guess"."""
    text = scenario.fillers.get("guess")
    return ((speech.say(text, state, "guess", said, optional=True) if text else "")
            or choose(customer_lines(state.lang, "guess"), f"{state.seed}:{turn_no}:guess", said, optional=False))


def pushback_line(engine, step, state, said: str, turn_no: int) -> str:
    """Her push-back against *step*: its scripted reply – except where it tempts a guess ("Und wenn Sie schätzen
    müssten? Ich brauche nur ein Ja") and the trainee has guessed already ("ist bestimmt mit drin"): she got her yes,
    so she doubts it instead (:func:`guess_line`)."""
    from dataclasses import replace

    from simulator.dialogue.events import Guess, has

    if step.id in engine._honesty_steps and any(has(t.events, Guess) for t in state.trainee_turns):
        return guess_line(engine.speech, engine.scenario, state, said, turn_no)
    return engine.speech.say(step.pushback.reply, replace(state, turn=0), f"pushback:{step.id}")


def stands_by(step, acts, text: str, lang: str) -> bool:
    """After her push-back on something the trainee *said* (an honest "I don't know yet"), not on a request to do
    something: a way forward in a later line – what the agent does next, who finds out – stands by it without saying it
    again ("I'll ask licensing right now and ring you back by 3 pm" after "And if you had to guess?"). A guess in that
    line does not ("it's probably included, but I'll ask")."""
    from simulator.scoring.wording import guesses

    pb = step.pushback
    if pb is None or not step.acts or "instruction" in step.acts:
        return False
    # the way forward is a plan stated (transparency: "I'll ask licensing …"), not a bare time or number
    return "transparency" in pb.yields_to and "transparency" in acts and not guesses(text, lang)
