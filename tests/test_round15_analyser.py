"""Round 15: what the play-testers' poor calls said that the rules missed, and look-alikes that stay polite.

Chat spellings that hid a sneer ("if u r such an expert y r u calling us"), the work handed back ("reinstall it
urself"), "it's always the plug with you lot", refusing to explain, a curt "yeah, what is it"; a persona's glossary
term in a yes/no question ("Is the PSU on?" – "is the" had counted as an explanation of the term). Every line was
written for this test, not copied from the play-test scripts or the bank.
"""

from __future__ import annotations

import pytest

from simulator.analysis import Analyser


def _acts(lang: str, line: str) -> set[str]:
    return set(Analyser.for_language(lang).analyse_rules(line).acts)


@pytest.mark.parametrize("lang, line", [
    ("en", "if ur such a pro y r u ringing me"),
    ("en", "Well, if you're so clever, why are you even calling support?"),
    ("en", "just reset it urself"),
    ("en", "Update the driver yourself then."),
    ("en", "the portal works fine, noone else has complained"),
    ("en", "It's always the same thing with you people, check the cable"),
    ("en", "I haven't got time to explain what a browser is, just click it"),
    ("en", "yep service desk what do you want"),
    ("en", "ok what now"),
    ("de", "Wenn Sie doch so ein Profi sind, wieso rufen Sie dann überhaupt bei uns an?"),
    ("de", "wenn du so schlau bist warum rufst du dann an"),
    ("de", "Ist doch jedes Mal dasselbe mit euch, schauen Sie halt nach."),
    ("de", "Das Netz läuft bestens, sonst hat sich niemand beschwert."),
    ("de", "Jo, Support, was gibts"),
    ("de", "Was wollen Se denn?"),
])
def test_sneers_in_chat_spelling_and_refusals_are_rude(lang: str, line: str) -> None:
    assert "rude" in _acts(lang, line)


@pytest.mark.parametrize("lang, line", [
    ("en", "You can restart it yourself and I'll stay on the line while you do."),
    ("en", "Sorry, I don't have time to explain all of it now, but I'll email you a short guide."),
    ("en", "No one else has reported it so far, so it seems to be just your laptop – let's find out why."),
    ("en", "Hi, IT desk, Sam speaking, what is it about?"),
    ("en", "It happens with you guys a lot, no worries, we'll sort it."),
    ("en", "Not that I know of, nobody else has reported it."),
    ("de", "Warum rufen Sie denn an, was genau ist passiert?"),
    ("de", "Was wollen Sie denn als Erstes erledigen, den Druck oder die Mails?"),
    ("de", "Das passiert immer wieder mal mit den alten Druckern, keine Sorge."),
    ("de", "Bisher hat sich noch niemand anders gemeldet, also liegt es wohl an Ihrem Rechner, schauen wir mal warum."),
    ("de", "Hallo, IT-Service, Meier am Apparat, was ist denn los?"),
])
def test_look_alikes_stay_polite(lang: str, line: str) -> None:
    assert "rude" not in _acts(lang, line)


@pytest.mark.parametrize("lang, line", [
    ("en", "Is the PSU fan spinning?"),
    ("en", "is the nic showing a link light"),
    ("en", "Is the DHCP lease still valid?"),
])
def test_a_term_in_a_yes_no_question_is_jargon(lang: str, line: str) -> None:
    assert "jargon" in _acts(lang, line)


@pytest.mark.parametrize("lang, line", [
    ("en", "The PSU, that is the power supply, is it humming?"),
    ("en", "A NIC is basically the network socket of your PC."),
])
def test_an_explained_term_is_no_jargon(lang: str, line: str) -> None:
    assert "jargon" not in _acts(lang, line)


@pytest.mark.parametrize("lang, line, word", [
    ("en", "i can call u tmrw at 10", "tomorrow"),
    ("en", "ill check b4 lunch", "before"),
    ("en", "y did it stop", "why"),
])
def test_chat_spellings_read_as_words(lang: str, line: str, word: str) -> None:
    assert word in Analyser.for_language(lang).analyse_rules(line).tokens
