"""When a recap in a line comes too early: before the answer it needs, asked in the same line."""

from __future__ import annotations

from simulator.dialogue.reading import SENTENCE_END, asks, names_recap
from simulator.dialogue.recognition import by_examples
from simulator.scenario.model import Step
from simulator.scoring.wording import asks_for_details


def asks_needed(engine, step: Step, text: str, steps_now: list[str], done: tuple[str, ...]) -> bool:
    """A step the recap *step* needs is taken in this line by what the line *asks*: the recap comes before the answer
    it rests on ("So: I'll ring you back by three. Which number is best?"). A needed step a recap named as one
    states itself does not hold it back ("So to recap: I check with licensing and call you by 3 pm. Would an email
    help as well?" – the question asks for something else). Where the line does not name itself a recap, or no
    sentence stands apart as asking (speech without punctuation, a line that is all questions), any needed step taken
    now does. A needed step she has nothing to answer for – a fix she is asked to do, a promise the agent makes –
    never holds back a recap named as one ("Also nochmal kurz zusammen: … Drücken Sie bitte den Schalter … – sagen Sie
    mir, ob die Lämpchen angehen?"), and one not named so only beside a question for her number ("I'll ring you the
    day before to confirm. What's the best number for you?"; not "… So: Thursday, 8 to 10 … Anything else?", round 31)."""
    needed = [r for r in step.needs if r in steps_now]
    if not needed:
        return False
    sentences = [s for s in SENTENCE_END.split(text) if s.strip()]
    asking = [s for s in sentences if s.rstrip().endswith("?") or asks(s, engine.lang)]
    if not any(engine.scenario.step(r).asks for r in needed):
        # the needed step is a fix she is asked to do or a promise the agent makes: a recap named as one stands, one
        # not named so rests on her number asked in the same line ("I'll ring you the day before to confirm. What's
        # the best number for you?")
        return not names_recap(text, engine.lang) and bool(asking) and asks_for_details(" ".join(asking), engine.lang)
    if not names_recap(text, engine.lang) or not asking or len(asking) == len(sentences):
        return True
    part = " ".join(asking)
    heard = engine.analyser.analyse_rules(part)
    close = by_examples(engine.examples, engine.scenario, part, heard.acts, done)
    return any(engine._step_matchers[r].search(heard) is not None or r in close for r in needed)
