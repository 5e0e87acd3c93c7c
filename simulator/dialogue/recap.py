"""When a recap in a line comes too early: before the answer it needs, asked in the same line."""

from __future__ import annotations

from simulator.dialogue.reading import SENTENCE_END, asks, names_recap
from simulator.dialogue.recognition import by_examples
from simulator.scenario.model import Step


def asks_needed(engine, step: Step, text: str, steps_now: list[str], done: tuple[str, ...]) -> bool:
    """A step the recap *step* needs is taken in this line by what the line *asks*: the recap comes before the answer
    it rests on ("So: I'll ring you back by three. Which number is best?"). A needed step a recap named as one
    states itself does not hold it back ("So to recap: I check with licensing and call you by 3 pm. Would an email
    help as well?" – the question asks for something else). Where the line does not name itself a recap, or no
    sentence stands apart as asking (speech without punctuation, a line that is all questions), any needed step taken
    now does ("So you're covered, I'll ring you the day before. What's the best number?"). A recap named as one
    beside the fix it asks her to do rests on no answer: "Also nochmal kurz zusammen: Stecker steckt, aber die Leiste
    war aus. Drücken Sie bitte den Schalter … – sagen Sie mir, ob die Lämpchen angehen?" said cause and fix back."""
    needed = [r for r in step.needs if r in steps_now]
    if not needed or not names_recap(text, engine.lang):
        return bool(needed)
    if not any(engine.scenario.step(r).asks for r in needed):
        return False
    sentences = [s for s in SENTENCE_END.split(text) if s.strip()]
    asking = [s for s in sentences if s.rstrip().endswith("?") or asks(s, engine.lang)]
    if not asking or len(asking) == len(sentences):
        return True
    part = " ".join(asking)
    heard = engine.analyser.analyse_rules(part)
    close = by_examples(engine.examples, engine.scenario, part, heard.acts, done)
    return any(engine._step_matchers[r].search(heard) is not None or r in close for r in needed)
