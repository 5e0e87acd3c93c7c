"""Round 13 (d): credits for things a line did not do.

* A sentence that tells her what to do, or guesses, with some of her words in it, repeats nothing back: no "listened
  actively (repeated back what the customer said)" ("Dann bitte Sie gucken mal … unten rechts bei Taskleiste",
  "it's probably not the solar storms or the coffee machine").
* A feeling waved off ("Ok, kein Stress.", "No worries") names nothing of her situation: a stock phrase, half.
* To a calm caller, a stock phrase the head read as understanding ("let's do one thing at a time") shows none: no
  "showed understanding although the customer was calm".
"""

from __future__ import annotations

import pytest

from playtest_calls import play, reading
from simulator.scoring.consistency import problems
from simulator.scoring.scorer import score_call


def _items(score, dim: str, turn: int):
    return [e for e in score.dimension(dim).evidence if e.turn == turn]


def _repeated_back(score, turn: int) -> list:
    return [e for e in _items(score, "questioning", turn) if e.kind == "listening_summary" and e.effect > 0]


@pytest.mark.parametrize("sid, lang, lines", [
    ("jargon-averse", "de", ["Hallo, MedIT Service, Yilmaz am Apparat, wie kann ich helfen?",
                             "Okay. Dann bitte Sie gucken mal ob Netzwerkadapter ist aktiviert, unten rechts bei "
                             "Taskleiste, rechte Maustaste auf Symbol."]),
    ("voicebox-rambler", "en", ["Hey there, service hotline, this is Billy Ray, what can I do ya for?",
                                "Okay well, it's probably not the solar storms or the coffee machine haha, sounds more "
                                "like the disk or the RAM, so can you tell me what exactly is slow and what the message "
                                "said and also what version of Windows you're running on that box?"]),
])
def test_telling_or_guessing_with_her_words_repeats_nothing_back(sid, lang, lines) -> None:
    sc, state, score = play(sid, lang, lines)
    assert not _repeated_back(score, 2)
    assert not problems(sc, state, score)


def test_a_restatement_is_still_repeated_back() -> None:
    sc, state, score = play("jargon-averse", "de", [
        "Hallo, MedIT Service, Yilmaz am Apparat, wie kann ich helfen?",
        "Verstehe – unten rechts ist also ein kleines Weltkugel-Symbol mit einem Kreuz, und der Kalender sagt "
        "‚Keine Verbindung‘."])
    assert [e for e in _items(score, "questioning", 2) if e.effect > 0]


@pytest.mark.parametrize("sid, lang, lines", [
    ("mobile-caller", "de", ["Hallo, MailHaus Support, Dennis hier, how can I help – äh, was kann ich für Sie tun?",
                             "Ok, kein Stress. Was genau ist der Error, den Sie bekommen?"]),
])
def test_a_feeling_waved_off_is_a_stock_phrase(sid, lang, lines) -> None:
    sc, state, _ = play(sid, lang, lines)
    # as the learned head reads it (round 13, DE mobile-caller mediocre T2: "Verständnis 100/100")
    state = reading(state, 2, ("open_question", "active_listening", "empathy"),
                    (("open_question", "Was genau ist"), ("active_listening", "Ok"), ("empathy", lines[1])))
    score = score_call(sc, state)
    kinds = [e.kind for e in _items(score, "empathy", 2) if e.effect > 0]
    assert "cue_answered" not in kinds and "cue_answered_bare" in kinds
    assert score.dimension("empathy").value < 100


def test_a_feeling_waved_off_does_not_hide_one_named() -> None:
    from simulator.scoring.wording import names_situation
    assert not names_situation("Ok, kein Stress.", "de") and not names_situation("No worries, sir.", "en")
    assert names_situation("Keine Sorge – das ist ärgerlich, so kurz vor dem Termin.", "de")
    assert names_situation("No worries, I know you're under pressure.", "en")


def test_structuring_a_calm_caller_is_no_understanding() -> None:
    sc, state, score = play("voicebox-rambler", "en", [
        "Hey there, service hotline, this is Billy Ray, what can I do ya for?",
        "Okay well, it's probably not the solar storms or the coffee machine haha, sounds more like the disk or the "
        "RAM, so can you tell me what exactly is slow and what the message said and also what version of Windows "
        "you're running on that box?",
        "Drive C, alright, so is it when you save stuff that it gets slow or all the time, and where do y'all save "
        "the scans and stuff?",
        "Okay hold on Mr Walsh, let's do one thing at a time here. When exactly does it get slow, and since when?"])
    line = state.trainee_turns[-1].text  # as the learned head reads it (round 13, EN voicebox mediocre T4)
    state = reading(state, 4, ("open_question", "active_listening", "empathy"),
                    (("open_question", "When exactly does"), ("active_listening", "Okay"), ("empathy", line)))
    score = score_call(sc, state)
    assert not [e for e in _items(score, "empathy", 4) if e.effect > 0]
    assert not problems(sc, state, score)
