"""Play-test round 7: the customer engine and the scenarios (testers' lines and variants of them, both languages)."""

from __future__ import annotations

import pytest

from simulator.dialogue import Engine
from simulator.dialogue.events import Pushback, has
from simulator.dialogue.session import replay
from simulator.scenario import load


def _engine(sid: str, lang: str) -> Engine:
    return Engine(load(sid), lang)


def _play(sid: str, lang: str, lines: list[str], seed: int = 0):
    return replay(_engine(sid, lang), lines, seed=seed)[-1]


def _last(state):
    x = state.exchanges[-1]
    return x.trainee, (x.reply.text if x.reply is not None else "")


# -- DE F1/F16, EN F4: no defence against a request nobody made; no praise stitched to a refusal ----------------
THANKED = {
    "de": ["Guten Morgen, IT-Hotline, Berger. Was kann ich für Sie tun?",
           "Oh je, das ist ärgerlich. Danke, dass Sie den Stecker schon angeschaut haben. Bis wann brauchen Sie den Ausdruck?"],
    "en": ["Good morning, IT help desk, Tom speaking. What can I do for you?",
           "Oh no, that's stressful. Thanks for checking the plug already. By when do you need the printouts?"],
}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_thanking_her_for_checking_the_plug_asks_her_to_check_nothing(lang: str) -> None:
    turn, reply = _last(_play("checked-plug", lang, THANKED[lang]))
    assert not has(turn.events, Pushback), reply
    assert "context" in _play("checked-plug", lang, THANKED[lang]).steps_done
    refusals = _engine("checked-plug", lang).scenario.step("check_plug").pushback.reply.all(lang)
    assert not any(r in reply for r in refusals), reply


ASKED = {"de": "Ich muss leider nochmal nachfragen, auch wenn es nervt: Könnten Sie bitte unter den Tisch schauen, "
               "ob die Steckdosenleiste an ist?",
         "en": "I know it's annoying, sorry. Could you please look under the desk whether the power strip is on?"}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_no_praise_in_the_breath_of_her_refusal(lang: str) -> None:
    engine = _engine("checked-plug", lang)
    turn, reply = _last(_play("checked-plug", lang, THANKED[lang] + [ASKED[lang]]))
    assert has(turn.events, Pushback)
    praise = engine.scenario.reactions["empathy"].reply.all(lang)
    assert not any(p in reply for p in praise), reply
