"""Whether an action waits for the check the same line asks for."""

from __future__ import annotations

from simulator.dialogue.reading import asks_to_look
from simulator.dialogue.recognition import asks_for, instructs

QUESTION_ACTS = ("open_question", "closed_question")


def waits_for_check(engine, step, text: str, acts: tuple[str, ...], steps_now: list[str]) -> bool:
    """Step *step* is an action made possible by what this very line asks her to find out: the trainee cannot know the
    answer yet, the words describe the check ("the switch on the strip", "Hängt der Stecker lose?"), so only the step's
    own act takes it – not when the question is about the plan ("Sie brauchen eine Freigabe. Zettel, Foto – geht das?"),
    and not when the line asks her to do the action itself, with no question and no look: "Können Sie die NRPT-Regel
    erstmal lokal setzen, als Übergangslösung?" is the workaround – he looks, finds the rule missing and sets it (own
    DE expert-user call: it was never credited, and "Step missing: workaround" stood in the debrief)."""
    sc = engine.scenario
    if step.asks or not any(r in steps_now and sc.step(r).reveals and asks_for(engine, r, text) for r in step.needs):
        return False
    asks_itself = not any(a in acts for a in QUESTION_ACTS) and not asks_to_look(text, engine.lang)
    return not (asks_itself and instructs(engine, step.id, text))
