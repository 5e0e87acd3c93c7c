"""What the customer says when she refuses a step again after her first push-back."""

from __future__ import annotations

import random

from simulator.dialogue.lines import customer_lines
from simulator.dialogue.planner import choose


def refuse_again(step, state, said: str, refusals: int, turn_no: int) -> str:
    """Her next refusal of *step* (``refusals``: how often she refused it before): the first was picked at random,
    repeats go round the other variants; every variant said already, she refuses in other words, not verbatim."""
    variants = step.pushback.reply.all(state.lang)
    first = random.Random(f"{state.seed}:0:pushback:{step.id}").randrange(len(variants))
    again = variants[(first + refusals) % len(variants)]
    if again in said:
        again = choose(customer_lines(state.lang, "refuse_again"), f"{state.seed}:{turn_no}:refuse", said, optional=False)
    return again
