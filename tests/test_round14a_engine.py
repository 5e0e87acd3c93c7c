"""Round 14, engine A: customer-side findings of the play-tests (unknown-answer, expert-user) – each class tested with
natural lines of our own in both languages."""

from __future__ import annotations

import pytest

from playtest_calls import last, replayed
from simulator.dialogue.lines import customer_lines
from simulator.scenario.loader import load

LICENSING_START = {
    "de": ["Guten Tag, Lizenzbetreuung, Petra Lang."],
    "en": ["Hello, licensing support, Pat Long speaking."],
}
HEDGED = {  # "not sure" and a guess in one breath
    "de": ["Ich denke, das ist wahrscheinlich dabei, aber ich weiß es nicht genau.",
           "Ich glaube, das sollte dabei sein, aber ich bin mir nicht sicher."],
    "en": ["I think it should be included, probably, but I'm not completely sure.",
           "It'll probably be in there, but I'm not a hundred percent certain."],
}


def _pushback_lines(lang: str) -> list[str]:
    step = load("unknown-answer").step("admit")
    return list(step.pushback.reply.all(lang))


def _bait(lang: str) -> str:
    return next(e for e in load("unknown-answer").events if e.id == "yes_bait").line.get(lang)


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("which", [0, 1])
def test_a_hedged_guess_is_doubted_not_asked_for(lang: str, which: int) -> None:
    """She was just given a guess: she never asks "and if you had to guess?" nor baits "just say 'probably'"."""
    state = replayed("unknown-answer", lang, LICENSING_START[lang] + [HEDGED[lang][which]])
    _, reply = last(state)
    assert not any(p in reply for p in _pushback_lines(lang)), reply
    assert _bait(lang) not in reply, reply


VAGUE_AND_NUMBER = {  # a vague time, and a question for her number in the same line
    "de": ["Die Lizenzabteilung meldet sich morgen im Laufe des Vormittags, unter welcher Nummer erreiche ich Sie?",
           "ich frage bei der lizenzabteilung nach die melden sich zeitnah welche nummer haben sie"],
    "en": ["The licensing team will ring you sometime tomorrow morning, what's the best number to reach you on?",
           "ill ask the licensing team and they will call you back soon whats your phone number"],
}
ADMIT = {
    "de": "Das weiß ich ehrlich gesagt nicht, und raten möchte ich nicht.",
    "en": "Honestly, I don't know, and I don't want to guess.",
}
STAND_FIRM = {  # her "just give me a yes" answered: the honesty step is done
    "de": "Ich sage Ihnen lieber nichts Falsches – sonst kommt nachher eine Nachberechnung.",
    "en": "I'd rather not tell you anything wrong – otherwise you might get an extra invoice later.",
}


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("which", [0, 1])
def test_she_gives_her_number_though_the_time_is_vague(lang: str, which: int) -> None:
    state = replayed("unknown-answer", lang, LICENSING_START[lang] + [ADMIT[lang], STAND_FIRM[lang],
                                                                  VAGUE_AND_NUMBER[lang][which]])
    turn, reply = last(state)
    assert "12" in reply, reply  # extension 12
    assert "callback" in turn.steps
    assert "time" not in turn.steps  # still no time she can hold anyone to: she asks when exactly
    assert any(w in reply.lower() for w in ("genau", "exactly")), reply


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_vague_time_is_measured_against_her_deadline(lang: str) -> None:
    vague = {"de": "Ich frage bei der Lizenzabteilung nach, die melden sich dann zeitnah bei Ihnen.",
             "en": "I'll ask the licensing team, they'll get back to you sometime soon."}
    state = replayed("unknown-answer", lang, LICENSING_START[lang] + [ADMIT[lang], STAND_FIRM[lang], vague[lang]])
    _, reply = last(state)
    assert any(v in reply for v in load("unknown-answer").fillers["vague_time"].all(lang)), reply  # the signing at ten


EXPERT_START = {
    "de": ["Guten Tag, Second-Level-Support, Becker am Apparat."],
    "en": ["Hi, second level support, Becker speaking."],
}
STANDARD_QUESTIONS = {  # right after "skip the standard questions"
    "de": ["Haben Sie den Rechner schon mal neu gestartet?",
           "ok verstehe haben sie den laptop mal neu gestartet und den client neu installiert"],
    "en": ["Have you tried turning the laptop off and on again?",
           "ok i see have you rebooted the machine yet"],
}


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("which", [0, 1])
def test_asking_again_what_he_ruled_out_irritates(lang: str, which: int) -> None:
    state = replayed("expert-user", lang, EXPERT_START[lang] + [STANDARD_QUESTIONS[lang][which]])
    _, reply = last(state)
    sc = load("expert-user")
    irritated = list(sc.fillers["asked_again"].all(lang)) + list(customer_lines(lang, "asked_again"))
    assert any(i in reply for i in irritated), reply
    assert not any(o in reply for o in customer_lines(lang, "offer")), reply


@pytest.mark.parametrize("lang", ["de", "en"])
def test_asking_with_a_reason_is_no_asking_again(lang: str) -> None:
    line = {"de": "Ich weiß, Sie haben schon neu gestartet – ich frage nur, weil der Client nach dem Update einen "
                  "Neustart braucht: War das nach dem Update?",
            "en": "I know you've restarted already, I'm only asking because the client needs a reboot after the "
                  "update: was that after the update?"}
    state = replayed("expert-user", lang, EXPERT_START[lang] + [line[lang]])
    _, reply = last(state)
    sc = load("expert-user")
    irritated = list(sc.fillers["asked_again"].all(lang)) + list(customer_lines(lang, "asked_again"))
    assert not any(i in reply for i in irritated), reply
