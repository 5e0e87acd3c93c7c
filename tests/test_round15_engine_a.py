"""Round 15, engine A: a doubt denied before she voices it ("ich frag nicht, weil ich Ihnen nicht glaube, sondern
weil …") grants her check, so a reason in the same line is taken at once; the affront the other way round ("ich
frage, weil ich Ihnen nicht glaube") is rude. Lines written for this test, both languages."""

from __future__ import annotations

import pytest

from playtest_calls import last, replayed
from simulator.analysis import Analyser
from simulator.dialogue.events import Pushback, has

START = {
    "de": ["Guten Tag, IT-Hotline, Jana Roth am Apparat. Was genau ist denn mit dem Drucker passiert?"],
    "en": ["Hello, IT help desk, Jana speaking. What exactly happened with the printer?"],
}
DENIED_DOUBT = {
    "de": ["Schauen Sie bitte mal unter den Tisch nach der Leiste – ich frage nicht, weil ich Ihnen nicht glaube, "
           "sondern weil die Leisten oft einen eigenen Schalter haben.",
           "Nicht dass ich Ihnen nicht traue, aber so eine Steckerleiste hat oft einen Schalter – gucken Sie da bitte "
           "mal hin?",
           "gucken se ma nach der leiste unterm tisch ich frag ni weil ich ihnen ni glaub sondern weil die oft nen "
           "schalter hat"],
    "en": ["Could you check the power strip under the desk? Not because I don't believe you about the plug, but "
           "because those strips often have their own switch.",
           "It's not that I doubt you, but power strips often have a switch of their own – would you look at it?"],
}


@pytest.mark.parametrize("lang, which", [("de", 0), ("de", 1), ("de", 2), ("en", 0), ("en", 1)])
def test_a_denied_doubt_with_a_reason_is_taken_at_once(lang: str, which: int) -> None:
    state = replayed("checked-plug", lang, START[lang] + [DENIED_DOUBT[lang][which]])
    turn, reply = last(state)
    assert "check_plug" in turn.steps and not has(turn.events, Pushback), reply


@pytest.mark.parametrize("lang, line", [
    ("de", "Schauen Sie bitte nach der Leiste, ich frage, weil ich Ihnen nicht glaube."),
    ("de", "Da ich Ihnen das nicht glaube, gucken Sie bitte nochmal."),
    ("en", "Check the strip, I'm asking because I don't believe you."),
])
def test_asking_because_of_distrust_is_rude(lang: str, line: str) -> None:
    assert "rude" in Analyser.for_language(lang).analyse_rules(line).acts
    state = replayed("checked-plug", lang, START[lang] + [line])
    turn, _ = last(state)
    assert "check_plug" not in turn.steps


@pytest.mark.parametrize("lang, line", [
    ("de", "Nicht dass ich Ihnen nicht glaube, aber schauen Sie bitte nach der Leiste."),
    ("de", "ich frag ni, weil ich Ihnen ni glaube, sondern weil die Leiste oft aus ist"),
    ("en", "Not because I don't believe you, but those strips often have a switch."),
])
def test_a_denied_doubt_is_not_rude(lang: str, line: str) -> None:
    assert "rude" not in Analyser.for_language(lang).analyse_rules(line).acts
