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
