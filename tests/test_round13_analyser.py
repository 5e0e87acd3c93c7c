"""Round 13: families the play-testers' poor calls used that the rules missed, and look-alikes that stay polite.

Blame through a counterfactual ("if you'd read it properly we wouldn't be talking"), handing the work back to the
customer ("you can ring them yourself", "Sie können ja selbst nachfragen"), excuses ("dafür kann ich nichts"),
"na und?"; a time that is the customer's own task or a past slot; dialect hours ("heit um viere"); "Recap:";
Denglisch jargon. Every line was written for this test, not copied from the play-test scripts or the bank.
"""

from __future__ import annotations

import pytest

from playtest_calls import head_acts
from simulator.analysis import Analyser


def _acts(lang: str, line: str) -> set[str]:
    return set(Analyser.for_language(lang).analyse_rules(line).acts)


@pytest.mark.parametrize("lang, line", [
    ("en", "If you'd read the email properly, we wouldn't be having this call."),
    ("en", "We wouldn't even be talking if you had plugged it in right."),
    ("en", "You could just ring the vendor yourself."),
    ("en", "you'll need to email licensing yourself about that"),
    ("en", "You'll have to call back tomorrow, I can't do anything today."),
    ("en", "u shoulda told us sooner"),
    ("en", "well you shouldve called us straight away"),
    ("de", "Da können Sie ja gern selbst beim Hersteller nachfragen."),
    ("de", "Sie müssen halt selber bei der Lizenzstelle anrufen."),
    ("de", "Dafür kann ich nichts, der Techniker war krank."),
    ("de", "Da kann ick ooch nüscht für."),
    ("de", "Na und? Dann drucken Sie halt später."),
    ("de", "Das hätten Sie aber auch selber nachfragen können."),
    ("de", "Des is ned meine Problem."),
])
def test_blame_and_handing_the_work_back_are_rude(lang: str, line: str) -> None:
    assert "rude" in _acts(lang, line)


@pytest.mark.parametrize("lang, line", [
    ("en", "If you had the chance to restart it, that would help."),
    ("en", "You don't have to call back, I'll ring you by four."),
    ("en", "I'll call you back tomorrow by ten."),
    ("de", "Sie können sich jederzeit gern selbst melden, wenn es wieder auftritt."),
    ("de", "Ich kann nichts versprechen, aber ich kümmere mich heute drum."),
    ("de", "Ja und dann, was passiert danach?"),
])
def test_polite_look_alikes_stay_polite(lang: str, line: str) -> None:
    assert "rude" not in _acts(lang, line)


def test_a_call_the_customer_must_make_is_no_callback_and_no_time_promise() -> None:
    told = _acts("en", "I don't know when they'll answer, you'll have to ring them tomorrow.")
    assert "time_commitment" not in told
    back = _acts("en", "you'll have to call back tomorrow, the team is out")
    assert {"callback", "time_commitment"}.isdisjoint(back)
    # the agent's own promise beside it still counts
    assert {"callback", "time_commitment"} <= _acts("en", "I'll call you back tomorrow by ten.")
    assert "time_commitment" in _acts("en", "I don't know when exactly, but I'll call you by 4 pm today.")


def test_a_past_slot_in_blame_is_no_time_promise() -> None:
    assert "time_commitment" not in _acts("en", "well nobody turned up by 9 so you should've rung us")
    # "if it hasn't turned up by Friday, we'll ..." promises Friday
    assert "time_commitment" in _acts("en", "If it hasn't turned up by Friday, we'll order you a new one.")


@pytest.mark.parametrize("line", [
    "Ich rufe Sie um vier zurück.",
    "I ruaf Ihnen heit um viere zruck, versprochen.",
    "Der Kollege ist gegen drei bei Ihnen.",
    "I meld mi bis hoibe fünfe wieder.",
])
def test_an_hour_with_a_return_is_a_time_promise(line: str) -> None:
    assert "time_commitment" in _acts("de", line)


def test_recap_and_farewells_in_slang() -> None:
    assert "summary" in _acts("de", "Recap: Drucker tot, Stecker geprüft, Leiste war aus.")
    assert "closing" in _acts("de", "Tschüssikowski und schönen Tag noch!")
    assert "greeting" in _acts("de", "Sie schwätzet mit der Heike Maier vom Support, grüß Gott.")


@pytest.mark.parametrize("line", ["Ich schau mal per remote drauf.", "Das Backend hängt gerade.",
                                  "Ich connecte mich kurz auf Ihren Rechner.",
                                  "Ist der Netzwerkadapter aktiviert?"])
def test_denglisch_jargon(line: str) -> None:
    assert "jargon" in _acts("de", line)


def test_praise_and_steps_after_so_are_no_summary() -> None:
    assert "summary" not in _acts("en", "You described it really well, thanks.")
    assert "summary" not in _acts("en", "So just press the green button once.")
    assert "summary" in _acts("en", "You described a red light, right?")
    assert "summary" in _acts("en", "So just the second screen stays black?")


@pytest.mark.parametrize("lang, line", [
    ("en", "Hey there, service hotline, this is Billy Ray, what can I do ya for?"),
    ("en", "Morning, you're through to the help desk, Sam here, what's up?"),
    ("de", "Servus, Hotline, hier ist die Vroni, was kann ich für Sie tun?"),
])
def test_the_head_adds_no_callback_to_a_greeting(lang: str, line: str, monkeypatch) -> None:
    # a call back needs a name, a number, a call, a mail or a way to reach her (head_cues); a greeting has none
    acts = head_acts(lang, line, monkeypatch)
    assert "callback" not in acts and "greeting" in acts


def test_her_deadline_and_slots_asked_mid_line_without_punctuation(monkeypatch) -> None:
    # spoken: an apology, then the question, no question mark; the head had dropped the question and read a promise
    line = ("ok fair enough and sorry you had to ring us about it so lets sort it out properly when do you need the "
            "laptop working by and what days suit you next week")
    acts = head_acts("en", line, monkeypatch)
    assert "open_question" in acts and "time_commitment" not in acts
    assert "time_commitment" not in _acts("en", "which slots work for you this week")
    assert "time_commitment" in _acts("en", "I can come Thursday at 9 or Friday at 2, which time suits you?")


@pytest.mark.parametrize("line", ["Sie müssen mir nichts neu erzählen, ich habe das Ticket vor mir.",
                                  "Das müssen Sie mir nicht noch mal erzählen."])
def test_sparing_her_the_retelling_asks_nothing(line: str) -> None:
    assert "open_question" not in _acts("de", line)
    assert "open_question" in _acts("de", "Erzählen Sie doch mal, was genau passiert.")


def test_keine_sorge_is_no_cue_for_not_knowing(monkeypatch) -> None:
    # DE diva mediocre T6: the head added admit_unknown through "kein", and the debrief praised an honest "I don't know"
    acts = head_acts("de", "nein kein neustart keine sorge ich frag heute nachmittag oder morgen früh nochmal nach wie "
                           "der stand ist", monkeypatch)
    assert "admit_unknown" not in acts
    assert "admit_unknown" in head_acts("de", "Keine Ahnung ehrlich gesagt, das muss ich erst klären.", monkeypatch)
