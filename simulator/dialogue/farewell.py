"""The customer's goodbye once the problem is solved: she answers what the last line asked of her, then says it."""

from __future__ import annotations

from simulator.dialogue.lines import customer_lines
from simulator.dialogue.planner import ReplyPlan, choose


def say_goodbye(engine, state, line: str, said: str, answers: list[str], plan: ReplyPlan, turn_no: int) -> None:
    """She answers the recap (``answers``: her answers to steps this line took) and a question about what she knows
    that the closing line asks ("Is the mobile number on the ticket the best one? Thanks, bye." – "Extension 2417."),
    then says goodbye; nothing else of the turn is said."""
    bye = engine.speech.filler("goodbye", state, said, optional=True) if "goodbye" in engine.scenario.fillers else ""
    bye = bye or choose(customer_lines(engine.lang, "filler_goodbye"), f"{state.seed}:{turn_no}:goodbye", said,
                        optional=False)
    known = engine.answers.known(state, line, said) if engine.answers.asked(line) else ""
    if answers or known:
        plan.keep(answers)
        plan.add(known)
        plan.add(bye)
    else:
        plan.replace_all(bye)
