"""Play-test round 34 (and round-33 leftovers): readings, customer replies and debrief items fresh testers found
(Austrian/Swiss German, start-up German, Indian/Irish call-centre English, a rambling talker); neighbours that must not
change beside each."""

from __future__ import annotations

import pytest

from playtest_calls import items as _items
from playtest_calls import kinds as _kinds
from playtest_calls import play as _play
from playtest_calls import rules
from simulator.dialogue.events import Shifted, has
from simulator.scoring import consistency


def _problems(sc, state, score) -> list[str]:
    return consistency.problems(sc, state, score)


def _turn(state, n: int):
    return next(x for x in state.exchanges if x.trainee is not None and x.trainee.number == n)


# -- the diva: an apology for the queue is not the apology she waits for ------------------------------------------
@pytest.mark.parametrize("lang,line", [
    ("de", "Entschuldigen Sie die Wartezeit, Herr Brenner. Was kann ich für Sie tun?"),
    ("en", "Sorry for the wait, Mr Bennett. How can I help?"),
    ("en", "Apologies for the hold, what can I do for you?"),
])
def test_sorry_for_the_wait_takes_no_apology_step(lang, line):
    sc, state, score = _play("diva-complaint", lang, [line])
    x = _turn(state, 1)
    assert "apologise" not in x.trainee.steps
    assert "Warteschleife" in x.reply.text or "hold music" in x.reply.text


@pytest.mark.parametrize("lang,line", [
    ("de", "Entschuldigen Sie die Wartezeit – und vor allem, dass Sie schon zum dritten Mal anrufen müssen."),
    ("de", "Es tut mir leid, dass Sie so lange auf einen Rückruf warten mussten."),
    ("en", "Thanks for holding, and I'm sorry you've had to call three times."),
    ("en", "I'm sorry you've been waiting ten days for a callback."),
])
def test_an_apology_that_names_the_failure_still_counts_beside_the_wait(lang, line):
    sc, state, score = _play("diva-complaint", lang, [line])
    assert "apologise" in _turn(state, 1).trainee.steps


def test_her_third_call_named_with_sympathy_is_not_rude():
    """"zum dritten Mal" is rude when the agent repeats himself, not when he is sorry she has to call again."""
    assert "rude" not in rules("de", "Es tut mir leid, dass Sie schon zum dritten Mal anrufen müssen.").acts
    assert "rude" in rules("de", "Ich sage es Ihnen jetzt zum dritten Mal: Stecker rein.").acts
    assert "rude" in rules("de", "Zum letzten Mal: Starten Sie neu.").acts


# -- a guess is no summary ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("line", [
    "ähm also das bim modul ist wahrscheinlich in professional mit drin",
    "Also das BIM-Modul ist wahrscheinlich in Professional mit drin.",
])
def test_a_hedged_claim_after_also_is_no_summary(line):
    assert "summary" not in rules("de", line).acts


@pytest.mark.parametrize("line", [
    "Also Sie haben seit gestern keinen Zugriff, und der Neustart hat nichts gebracht.",
    "Okay, also der Drucker ist aus und die Leiste war aus.",
])
def test_a_recap_after_also_is_still_a_summary(line):
    assert "summary" in rules("de", line).acts


UNKNOWN_GUESS = ["guten tag lizenzbetreuung becker",
                 "ähm also das bim modul ist wahrscheinlich in professional mit drin",
                 "ja ok sicher bin ich mir nicht ich kann da mal nachfragen",
                 "ja also ich weiß es nicht genau ich frag bei der lizenzabteilung nach",
                 "ja ok dann sag ich denen sie sollen heute noch anrufen",
                 "nein nein ich kümmer mich die rufen sie bis 16 uhr an",
                 "ok dann wiederhören"]


def test_a_guess_earns_no_open_question_not_needed_for_a_summary():
    """Round 33: the guess was charged as a guess and praised in questioning as "you summed up what was known"."""
    sc, state, score = _play("unknown-answer", "de", UNKNOWN_GUESS, seed=3030)
    assert "open_not_needed" not in _kinds(score, "questioning")
    assert "guess" in _kinds(score, "transparency")
    assert _problems(sc, state, score) == []


def test_taking_the_guess_back_is_answered_as_such_not_as_a_new_guess():
    """"sicher bin ich mir nicht" after "ist wahrscheinlich mit drin": she asks which holds – not "a guess doesn't help
    me", which answered a guess the line did not make."""
    sc, state, score = _play("unknown-answer", "de", UNKNOWN_GUESS[:3], seed=3030)
    reply = _turn(state, 3).reply.text
    assert "Vermutung" not in reply and "schätzen" not in reply
    assert "jetzt" in reply  # "Was stimmt denn jetzt?" / "worauf kann ich mich denn nun verlassen?"


def test_a_message_passed_on_to_the_team_puts_no_work_on_her():
    """"dann sag ich denen sie sollen heute noch anrufen": the "sie" is the licensing team, not her."""
    sc, state, score = _play("unknown-answer", "de", UNKNOWN_GUESS[:5], seed=3030)
    assert not has(_turn(state, 5).trainee.events, Shifted)


@pytest.mark.parametrize("lang,line", [
    ("de", "Sie müssen selbst bei der Lizenzabteilung anrufen."),
    ("en", "You'll have to call licensing yourself."),
])
def test_work_put_on_her_is_still_objected_to(lang, line):
    sc, state, score = _play("unknown-answer", lang, ["Hallo, Lizenzbetreuung, Becker." if lang == "de" else
                                                     "Hello, licensing support, Becker speaking.", line])
    assert has(_turn(state, 2).trainee.events, Shifted)


def test_relaying_to_the_team_in_english_puts_no_work_on_her():
    sc, state, score = _play("unknown-answer", "en", ["Hello, licensing support, Becker speaking.",
                                                     "I'll tell them they need to call you today."])
    assert not has(_turn(state, 2).trainee.events, Shifted)
