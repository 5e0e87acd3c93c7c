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


def guess_reading(honesty_steps: tuple[str, ...], done: tuple[str, ...], acts: tuple[str, ...], line: str,
                  lang: str) -> tuple[bool, bool]:
    """Whether the line guesses where "I don't know yet" is due (``guessing``: "it'll probably be included" – no honesty
    step, she probes it) and whether it guesses beside "not sure" (``hedged``). A hypothesis put as a question ("I
    suspect the update – what does ipconfig show?") is diagnosis; a quoted guess ('wenn ich jetzt "wird schon dabei
    sein" sag …') is refused, not given."""
    from simulator.dialogue.reading import hedges, without_quotes
    from simulator.scoring.wording import guesses

    asks = "open_question" in acts or ("closed_question" in acts and "?" in line)
    unquoted = without_quotes(line)
    guessing = (bool(honesty_steps) and not asks and not all(s in done for s in honesty_steps)
                and (("admit_unknown" not in acts and guesses(unquoted, lang)) or hedges(unquoted, lang)))
    hedged = bool(honesty_steps) and not asks and "admit_unknown" in acts and guesses(unquoted, lang)
    return guessing, hedged


def pushback_line(engine, step, state, said: str, turn_no: int, hedged: bool = False,
                  acts: tuple[str, ...] = ()) -> str:
    """Her push-back against *step*: its scripted reply – except where it tempts a guess ("Und wenn Sie schätzen
    müssten? Ich brauche nur ein Ja") and the trainee has guessed already ("ist bestimmt mit drin"), earlier or in this
    very line beside "not sure" (``hedged``: "I think it should be included, probably, but I'm not 100% sure"): she
    got her yes, so she doubts it instead (:func:`guess_line`) – never asks for the guess she was just given. Where
    this line takes the guess back ("sicher bin ich mir nicht", *acts* with ``admit_unknown`` and no new guess) she
    asks which holds, not "a guess doesn't help me" (round 33)."""
    from dataclasses import replace

    if step.id in engine._honesty_steps and (hedged or guessed_before(state, True)):
        if not hedged and "admit_unknown" in acts:
            return choose(customer_lines(state.lang, "guess_retracted"), f"{state.seed}:{turn_no}:guess", said,
                          optional=False)
        return guess_line(engine.speech, engine.scenario, state, said, turn_no)
    return engine.speech.say(step.pushback.reply, replace(state, turn=0), f"pushback:{step.id}")


def hedged_turn(turn, lang: str) -> bool:
    """The trainee *turn* said "not sure" and guessed in the same breath ("i think it's included, probably, but im not
    a hundred percent sure"): a guess to her, though no ``Guess`` event (the debrief halves the honesty credit)."""
    from simulator.scoring.wording import guesses

    return "admit_unknown" in turn.acts and guesses(turn.text, lang)  # guesses() leaves quoted words out itself


def guessed_before(state, honesty: bool = True) -> bool:
    """An earlier trainee line guessed where "I don't know yet" was due (``honesty``: the scenario has such a step) –
    outright (``Guess``) or beside "not sure" (:func:`hedged_turn`): a bait for a guess is moot, and her push-back
    asks for no guess."""
    from simulator.dialogue.events import Guess, has

    return any(has(t.events, Guess) or (honesty and hedged_turn(t, state.lang)) for t in state.trainee_turns)


def stands_by(step, acts, text: str, lang: str) -> bool:
    """After her push-back on something the trainee *said* (an honest "I don't know yet"), not on a request to do
    something: a way forward in a later line – what the agent does next, who finds out – stands by it without saying it
    again ("I'll ask licensing right now and ring you back by 3 pm" after "And if you had to guess?"). A guess in that
    line does not ("it's probably included, but I'll ask")."""
    from simulator.scoring.wording import guesses

    pb = step.pushback
    if pb is None or not step.acts or "instruction" in step.acts:
        return False
    # the way forward is a plan stated (transparency: "I'll ask licensing …", or a recap of it with its time: "So to sum
    # up: I check with licensing and call you back by 3 pm"), not a bare time or number
    planned = "transparency" in acts or ("summary" in acts and "time_commitment" in acts)
    return "transparency" in pb.yields_to and planned and not guesses(text, lang)
