"""Round 13, engine A: customer-side findings of the play-tests (checked-plug, jargon-averse, voicebox-rambler,
diva-complaint, mobile-caller) – each class tested with natural lines of our own in both languages."""

from __future__ import annotations

import pytest

from playtest_calls import last, replayed
from simulator.dialogue.events import Pushback, Yielded, has

PLUG_START = {
    "de": ["Guten Tag, IT-Hotline, Jana Roth am Apparat. Was genau ist denn mit dem Drucker passiert?"],
    "en": ["Hello, IT help desk, Jana speaking. What exactly happened with the printer?"],
}
WAIVED = {  # the check she did is waived: nothing asks her to check the plug
    "de": ["Gut, dass Sie den Stecker schon kontrolliert haben, das sparen wir uns also. Bis wann brauchen Sie den "
           "Ausdruck?",
           "Den Stecker müssen Sie nicht nochmal prüfen. Wie dringend ist das heute?"],
    "en": ["Fine, we can skip the plug then. By when do you need the printouts?",
           "No need to check the plug again. How urgent is this for you today?"],
}


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("which", [0, 1])
def test_waiving_the_plug_check_asks_for_no_check(lang: str, which: int) -> None:
    state = replayed("checked-plug", lang, PLUG_START[lang] + [WAIVED[lang][which]])
    turn, reply = last(state)
    assert not has(turn.events, Pushback), reply
    assert "context" in turn.steps


REASON_AFTER_DASH = {  # grants her check, then – after a dash – says why it asks anyway
    "de": "Ich glaub Ihnen – ich frag nur, weil die Leiste unterm Tisch einen eigenen Schalter hat. Schauen Sie da mal "
          "kurz hin?",
    "en": "I know you've checked the plug and I believe you - I'm only asking because the strip under the desk has its "
          "own switch. Could you have a peek under there for me?",
}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_granted_check_with_a_reason_is_taken_at_once(lang: str) -> None:
    state = replayed("checked-plug", lang, PLUG_START[lang] + [REASON_AFTER_DASH[lang]])
    turn, reply = last(state)
    assert "check_plug" in turn.steps and not has(turn.events, Pushback), reply


LOOK_AND_SAY = {  # asks her to look, put as a question about what she will see
    "de": "Gucken Sie bitte mal unter Ihren Tisch – ist da eine Steckdosenleiste, und leuchtet das Lämpchen an deren "
          "Schalter?",
    "en": "Bend down and look under your desk – is there a power strip there, and is the little light on its switch on "
          "or off?",
}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_request_to_look_is_no_question_she_answers_without_looking(lang: str) -> None:
    state = replayed("checked-plug", lang, PLUG_START[lang] + [LOOK_AND_SAY[lang]])
    turn, reply = last(state)
    assert has(turn.events, Pushback, "check_plug") or "check_plug" in turn.steps, reply
    assert "Kein Lämpchen" not in reply and "No light" not in reply


EARLIER_REASON = {  # the reason comes first, she pushes back; the request after it stands on that reason
    "de": ["Der Drucker hängt meistens an einer Steckdosenleiste, und die hat einen eigenen Schalter. Schauen Sie bitte "
           "mal unter den Tisch nach der Leiste.",
           "Schauen Sie bitte trotzdem kurz nach der Leiste unterm Tisch."],
    "en": ["These printers usually sit on a power strip, and that has its own switch. Please have a look at the strip "
           "under the desk.",
           "Please have a quick look at the strip under the desk anyway."],
}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_reason_given_in_an_earlier_line_wins_her_over(lang: str) -> None:
    first = replayed("checked-plug", lang, PLUG_START[lang] + EARLIER_REASON[lang][:1])
    assert has(last(first)[0].events, Pushback, "check_plug")  # the first request meets her push-back
    state = replayed("checked-plug", lang, PLUG_START[lang] + EARLIER_REASON[lang])
    turn, reply = last(state)
    assert "check_plug" in turn.steps and has(turn.events, Yielded, "check_plug"), reply


JARGON_START = {"de": ["Praxis-IT-Service, guten Morgen, hier ist Ben Kraus."],
                "en": ["MedIT service, good morning, Ben speaking."]}
CABLE = {  # a plain request straight after her opening, which told the problem already
    "de": "Keine Angst, Sie können nichts kaputt machen: Schauen Sie bitte nur mal hinten am Computer, ob da ein Kabel "
          "lose hängt.",
    "en": "Don't worry, you can't break anything: just have a look at the back of the computer and see if a cable is "
          "hanging loose.",
}
@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_plain_cable_request_after_her_opening_is_followed(lang: str) -> None:
    state = replayed("jargon-averse", lang, JARGON_START[lang] + [CABLE[lang]])
    turn, reply = last(state)
    assert "check_cable" in turn.steps, reply
