"""Play-test round 12, scorer pass over the round-11 findings nobody had taken (/tmp/r11/{en,de}/findings.md).

Each test plays lines of its own in both languages; where the class is the scorer's, the analyser's reading is pinned
(``reading``) so the test says how the scorer judges those acts, whatever the analyser reads.
"""

from __future__ import annotations

import pytest

from simulator.dialogue.events import Confused
from simulator.scoring import score_call
from simulator.scoring.consistency import problems
from simulator.scoring.wording import checks_back, states_cause

from playtest_calls import items as _items
from playtest_calls import kinds as _kinds
from playtest_calls import play as _play
from playtest_calls import reading as _reading

GREET = {"de": "Guten Morgen, IT-Hotline, Sie sprechen mit Sam Berger. Was kann ich für Sie tun?",
         "en": "Good morning, IT helpdesk, you're speaking with Sam Berger. What can I do for you?"}


# -- EN 43 / DE 11: asking her consent to a proposal ("Okay?", "Is this helpful?") narrows nothing down --------------
@pytest.mark.parametrize("lang, question", [
    ("de", "Okay?"), ("de", "Hilft Ihnen das weiter?"), ("de", "Wäre das so in Ordnung für Sie?"),
    ("de", "Geht das so in Ordnung?"),
    ("en", "Okay?"), ("en", "Is this helpful?"), ("en", "Would that help?"), ("en", "Does that work for you?"),
])
def test_a_consent_question_is_a_check_back(lang: str, question: str) -> None:
    assert checks_back(question, lang)


@pytest.mark.parametrize("lang, question", [
    ("de", "Seit wann ist das so?"), ("de", "Ist das Kabel okay?"), ("de", "Geht es jetzt wieder?"),
    ("en", "Does it work now?"), ("en", "Is the cable okay?"), ("en", "When does it happen?"),
])
def test_a_question_about_the_problem_is_no_check_back(lang: str, question: str) -> None:
    assert not checks_back(question, lang)


@pytest.mark.parametrize("lang, line", [
    ("de", "Ich geb das ans Netzwerkteam weiter, die melden sich dann bei Ihnen. Okay?"),
    ("de", "Ich schick Ihnen die Anleitung per Mail. Hilft Ihnen das weiter?"),
    ("en", "I'll pass it to the network team, they'll get back to you. Okay?"),
    ("en", "I can email you the steps in writing. Is this helpful?"),
])
def test_a_proposal_asking_consent_is_no_narrowing(lang: str, line: str) -> None:
    sc, state, _ = _play("diva-complaint", lang, [GREET[lang], line])
    state = _reading(state, 2, ("transparency", "closed_question"), (("transparency", line),))
    score = score_call(sc, state)
    assert "narrowing" not in _kinds(score, "questioning", 2)
    assert problems(sc, state, score) == []


# -- EN 24: a short summary before the solution is no recap "too early" beside a summary-before credit --------------
@pytest.mark.parametrize("lang, echo", [
    ("de", "Okay, also kein Netzwerk, der Kalender geht nicht. Schauen Sie bitte mal hinten an den Computer."),
    ("de", "Gut, das Kreuz unten und kein Kalender. Gucken Sie mal hinten an den Rechner."),
    ("en", "Ok so no network and no calendar. Have a look at the back of the computer, please."),
    ("en", "Right, so the cross and no calendar. Could you look at the back of the computer?"),
])
def test_a_summary_before_the_fix_is_not_an_early_recap(lang: str, echo: str) -> None:
    sc, state, _ = _play("jargon-averse", lang, [GREET[lang], echo])
    summary = echo.split(".")[0] + "."
    state = _reading(state, 2, ("summary", "instruction"), (("summary", summary), ("instruction", echo)))
    score = score_call(sc, state)
    assert "step_early" not in _kinds(score, "checklist")
    assert problems(sc, state, score) == []


# -- EN 20 / DE 15: a recap that says what caused it says what happened ------------------------------------------------
@pytest.mark.parametrize("lang, text", [
    ("de", "Also: Ihr Rechner findet die Verbindung nicht, deshalb das Kreuz."),
    ("de", "Kurz gesagt: Das Kabel war rausgerutscht, darum ging der Kalender nicht."),
    ("de", "Es lag am Kabel hinten am Computer."),
    ("en", "So the cable at the back had come loose, that's why the calendar stopped."),
    ("en", "So, to recap: the plug was loose, which is why you had the cross."),
    ("en", "The calendar stopped because the cable came loose."),
])
def test_wording_knows_a_stated_cause(lang: str, text: str) -> None:
    assert states_cause(text, lang)


@pytest.mark.parametrize("lang, text", [
    ("de", "Also, Sie brauchen den Kalender bis neun."), ("en", "So you need the calendar by nine."),
])
def test_wording_a_plain_recap_states_no_cause(lang: str, text: str) -> None:
    assert not states_cause(text, lang)


@pytest.mark.parametrize("lang, lines", [
    ("de", ["Schauen Sie bitte mal hinten am Computer, ob da ein Kabel locker ist.",
            "Stecken Sie den Stecker bitte wieder rein, bis es klickt.",
            "Also nochmal kurz: Das Kabel hinten war rausgerutscht, deshalb ging der Kalender nicht. Jetzt läuft alles."]),
    ("en", ["Could you have a look at the back of the computer, whether a cable is loose?",
            "Please push the plug back in until it clicks.",
            "So just to recap: the cable at the back had come loose, that's why the calendar stopped. Now it's all back."]),
])
def test_a_recap_of_the_cause_is_transparency(lang: str, lines: list[str]) -> None:
    sc, state, _ = _play("jargon-averse", lang, [GREET[lang], *lines])
    n = len(lines) + 1
    state = _reading(state, n, ("summary",), (("summary", lines[-1]),))
    for k in range(2, n):
        state = _reading(state, k, ("instruction",), (("instruction", lines[k - 2]),))
    score = score_call(sc, state)
    assert "no_transparency" not in _kinds(score, "transparency")
    assert [e for e in _items(score, "transparency", n) if e.kind == "transparency_recap" and e.effect > 0]
    assert problems(sc, state, score) == []


# -- jargon-averse mediocre: re-saying in plain words what jargon lost her earns half -----------------------------------
@pytest.mark.parametrize("lang, jargon, plain", [
    ("de", "Klingt als hätte Ihr Rechner keine Verbindung zum LAN, prüfen Sie mal das Ethernet-Kabel.",
     "Ach so, das ist so ein Kabel wie beim Telefon, nur breiter, das steckt hinten am Computer."),
    ("en", "Sounds like no LAN connection, check the ethernet cable on the NIC.",
     "Oh sorry, it's a cable like a phone cable, only a bit wider, it goes in at the back of the computer."),
])
def test_a_plain_repair_of_a_jargon_line_earns_half(lang: str, jargon: str, plain: str) -> None:
    sc, state, _ = _play("jargon-averse", lang, [GREET[lang], jargon, plain])
    state = _reading(state, 2, ("transparency", "jargon"), (("transparency", jargon), ("jargon", jargon)),
                     events=(Confused(),))
    state = _reading(state, 3, ("transparency",), (("transparency", plain),))
    score = score_call(sc, state)
    repair = [e for e in _items(score, "transparency", 3) if e.kind == "transparency_repair"]
    assert repair and 0 < repair[0].effect < 25
    assert problems(sc, state, score) == []
    # the same plain words said first earn the full credit
    sc, state, _ = _play("jargon-averse", lang, [GREET[lang], plain])
    state = _reading(state, 2, ("transparency",), (("transparency", plain),))
    score = score_call(sc, state)
    assert [e.effect for e in _items(score, "transparency", 2) if e.kind == "transparency"] == [25.0]
