"""Play-test round 12 (third scorer pass): mediocre calls scored too high.

The class: the trainee asks for what the customer has already said, ruled out or asked not to be asked (the
sysadmin's "skip the standard questions" answered by "Have you restarted the computer?", "before you ask: I checked
the plug!" answered by "Check the plug, please"). A trainer debits it (active listening: what the customer has said
need not be asked again); the scenario names it (``already_said``), the scorer debits it (scoring/asked_again.py).
Each test plays lines of its own in both languages.
"""

from __future__ import annotations

import pytest

from simulator.scenario import load
from simulator.scoring.consistency import problems

from playtest_calls import items as _items
from playtest_calls import kinds as _kinds
from playtest_calls import play as _play

EXPERT = {
    "de": ["Netzwerk-Support, Sam Berger, guten Tag.", "Haben Sie den Rechner schon neu gestartet?",
           "Gut. Prüfen Sie bitte das DNS-Suffix am VPN-Adapter."],
    "en": ["Network support, Sam Berger, good morning.", "Have you rebooted the machine yet?",
           "Fine. Please check the DNS suffix on the VPN adapter."],
}
EXPERT_GOOD = {
    "de": ["Netzwerk-Support, Sam Berger, guten Tag.", "Was haben Sie denn schon alles geprüft?",
           "Gut. Prüfen Sie bitte das DNS-Suffix am VPN-Adapter."],
    "en": ["Network support, Sam Berger, good morning.", "What have you already checked?",
           "Fine. Please check the DNS suffix on the VPN adapter."],
}
PLUG = {
    "de": ["IT-Hotline, Sam Berger, guten Morgen. Was ist denn passiert?", "Prüfen Sie bitte mal den Stecker."],
    "en": ["IT helpdesk, Sam Berger, good morning. What's happened?", "Please check the plug."],
}
PLUG_REASON = {
    "de": ["IT-Hotline, Sam Berger, guten Morgen. Was ist denn passiert?",
           "Ich weiß, den Stecker haben Sie geprüft – schauen Sie bitte trotzdem nach der Steckdosenleiste, weil die oft "
           "einen eigenen Schalter hat."],
    "en": ["IT helpdesk, Sam Berger, good morning. What's happened?",
           "I know you checked the plug, but please look at the power strip, because those often have their own switch."],
}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_expert_asked_the_standard_question_he_asked_to_skip_is_debited(lang: str) -> None:
    sc, state, score = _play("expert-user", lang, EXPERT[lang])
    debit = [e for e in _items(score, "questioning", 2) if e.kind == "asked_again"]
    assert len(debit) == 1 and debit[0].effect < 0
    assert debit[0].quote == EXPERT[lang][1]
    assert "listening" not in _kinds(score, "questioning", 2)
    assert problems(sc, state, score) == []
    # asking him what he has checked is what he wants: no debit
    _, _, good = _play("expert-user", lang, EXPERT_GOOD[lang])
    assert not {"asked_again", "asked_again_pushed"} & set(_kinds(good, "questioning"))


@pytest.mark.parametrize("lang", ["de", "en"])
def test_asking_again_for_the_plug_she_checked_is_debited_and_narrows_nothing(lang: str) -> None:
    sc, state, score = _play("checked-plug", lang, PLUG[lang])
    # she pushed back on it: since round 23 the debit says the reason was missing (its own kind, the same points)
    assert {"asked_again", "asked_again_pushed"} & set(_kinds(score, "questioning", 2))
    assert "narrowing" not in _kinds(score, "questioning", 2)
    assert problems(sc, state, score) == []
    # asking anyway with a reason ("those strips have their own switch") listened: no debit
    _, _, reasoned = _play("checked-plug", lang, PLUG_REASON[lang])
    assert not {"asked_again", "asked_again_pushed"} & set(_kinds(reasoned, "questioning"))


def test_already_said_names_the_opening_or_a_fact() -> None:
    for sid in ("expert-user", "checked-plug"):
        sc = load(sid)
        facts = {f.id for f in sc.facts}
        assert sc.already_said and all(s.since == "opening" or s.since in facts for s in sc.already_said)
