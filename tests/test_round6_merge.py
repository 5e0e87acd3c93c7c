"""Where the round-6 fixes of engine and scorer meet: a yes to her own offer to tell is only half the step."""

from __future__ import annotations

import pytest

from simulator.dialogue import Engine
from simulator.dialogue.session import Call
from simulator.scenario import load
from simulator.scoring.consistency import problems

STUCK = {"en": ["IT helpdesk, hello.", "Ok.", "Fine.", "Hm.", "Hm.", "Ok."],
         "de": ["IT-Hotline, hallo.", "Okay.", "Gut.", "Hm.", "Hm.", "Okay."]}
YES = {"en": "Sure, go ahead.", "de": "Ja, bitte."}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_yes_to_her_offer_to_tell_is_half_the_describe_step(lang: str) -> None:
    sc = load("checked-plug")
    lines = []
    for line in STUCK[lang]:  # stuck until she offers to tell, then the yes
        lines.append(line)
        probe = Call(Engine(sc, lang))
        state = probe.play(lines)
        if any(e.kind == "offer" for e in state.trainee_turns[-1].events):
            break
    else:
        pytest.fail("she never offered to tell")
    call = Call(Engine(sc, lang))
    state = call.play([*lines, YES[lang]])
    assert "describe" in state.trainee_turns[-1].steps
    items = {e.kind: e for d in call.score.dimensions for e in d.evidence}
    assert "step_let_tell" in items and "step_done" not in {
        e.kind for d in call.score.dimensions for e in d.evidence if e.turn == state.trainee_turns[-1].number}
    assert items["step_let_tell"].turn == state.trainee_turns[-1].number and items["step_let_tell"].effect > 0
    assert not problems(sc, state, call.score)
