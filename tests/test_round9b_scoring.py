"""Play-test round 9, second pass (9b): debrief statements that still contradicted their own quote.

Finding ids (DE B6, B7, B8, B10, B12; EN F9) are the testers' (/tmp/r9/*/findings.md); their calls are in
``tests/scripts_playtest/<scenario>/<lang>-r9-<quality>.txt``.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from simulator.scoring.consistency import problems
from simulator.scoring.wording import answers_with_team, closes_properly, introduces, names_team

from playtest_calls import added
from playtest_calls import forge
from playtest_calls import items as _items
from playtest_calls import play as _play
from playtest_calls import script as _script


def _r9(sid: str, name: str):
    return _play(sid, name.split("-")[0], _script(sid, name))


def _forge(score, dim: str, turn: int, **changes):
    """The score with the items of ``dim`` at ``turn`` changed (as an old scorer would have written them)."""
    return forge(score, dim, lambda e: e.turn == turn, **changes)


_add = added


# -- DE B6 (and EN): greeting and goodbye labels follow the words, regional spellings read as the analyser reads them
@pytest.mark.parametrize("line, lang", [
    ("Griaß Gott, Service-Hotline, da is da Huber Sepp. Wos kon i für Sie doa?", "de"),
    ("Grüß Gott, hier is da Sepp, was kann ich für Sie tun?", "de"),
    ("Tach auch, Systemhaus-Hotline, hier is der Dennis Kowalski, wat kann ich für Sie tun?", "de"),
])
def test_regional_introductions_introduce(line, lang):
    assert introduces(line, lang)


@pytest.mark.parametrize("line, lang", [
    ("MailHaus, hallo.", "de"), ("Hier ist die Hotline, guten Tag.", "de"), ("Guten Tag, da ist der Drucker kaputt.", "de"),
    ("Hier ist der Support, hallo.", "de"), ("Systemhaus-Hotline, guten Tag.", "de"), ("MailHaus support, hello.", "en"),
])
def test_a_brand_or_a_team_is_no_name(line, lang):
    assert not introduces(line, lang)


@pytest.mark.parametrize("line, lang", [("MailHaus, hallo.", "de"), ("Ja, Helpdesk.", "de"), ("Support.", "de"),
                                        ("Yeah, hotline.", "en"), ("MailHaus support, hello.", "en")])
def test_answering_with_the_team(line, lang):
    assert names_team(line, lang) and answers_with_team(line, lang)


def test_a_team_named_later_is_no_answer_with_the_team():
    assert not answers_with_team("What exactly is wrong with the service you use?", "en")


@pytest.mark.parametrize("line, lang", [
    ("Dann bedank i mi für Ihr Verständnis, Frau Dr. Vogt, und nomoi Entschuldigung für gestern. Pfiat Eahna!", "de"),
    ("Lassen Se sich den Kaffee schmecken, tschö!", "de"),
    ("Okay, good. Call us if it happens again. Bye.", "en"),
])
def test_thanks_and_wishes_in_a_goodbye_are_a_proper_closing(line, lang):
    assert closes_properly(line, lang)


def test_bare_goodbyes_stay_bare():
    assert not closes_properly("Bis später, Herr Richter, ciao.", "de")
    assert not closes_properly("Likewise. Talk at 2. Bye.", "en")


@pytest.mark.parametrize("sid, name, turn, kind", [
    ("missed-appointment", "de-r9-good", 1, "greeting"), ("missed-appointment", "de-r9-good", 8, "closing"),
    ("voicebox-rambler", "de-r9-good", 8, "closing"), ("mobile-caller", "de-r9-poor", 1, "greeting_team"),
    ("diva-complaint", "de-r9-poor", 1, "greeting_team_only"), ("mobile-caller", "en-r9-mediocre", 1, "greeting_team"),
])
def test_greeting_and_goodbye_labels_match_the_playtest_lines(sid, name, turn, kind):
    sc, state, score = _r9(sid, name)
    assert kind in [e.kind for e in _items(score, "courtesy", turn)]


@pytest.mark.parametrize("turn, kind, words", [(1, "greeting_team", "not yourself"), (8, "closing_bare", "no offer")])
def test_checker_reports_a_salutation_label_that_says_less_than_its_quote(turn, kind, words):
    sc, state, score = _r9("missed-appointment", "de-r9-good")
    wanted = "greeting" if turn == 1 else "closing"
    dims = []
    for d in score.dimensions:
        if d.name == "courtesy":
            d = replace(d, evidence=tuple(replace(e, kind=kind) if e.turn == turn and e.kind == wanted else e
                                          for e in d.evidence))
        dims.append(d)
    forged = replace(score, dimensions=tuple(dims))
    assert any(words in p for p in problems(sc, state, forged))


# -- DE B10 (EN jargon-averse too): recogniser text has no full stops – its sentences' length is not judged ---------
@pytest.mark.parametrize("name", ["de-r9-good", "en-r9-good"])
def test_unpunctuated_instructions_are_not_long_sentences(name):
    sc, state, score = _r9("jargon-averse", name)
    kinds = [e.kind for e in _items(score, "clarity")]
    assert "long_instruction" not in kinds and "instruction_unpunctuated" in kinds
    assert all(e.effect == 0 for e in _items(score, "clarity") if e.kind == "instruction_unpunctuated")


def test_a_typed_run_on_instruction_is_still_long():
    from simulator.scoring.lines import unpunctuated
    from simulator.dialogue.state import Turn
    typed = "Please look at the back of the computer, where all the cables go in, there is one with a clear plug"
    assert not unpunctuated(Turn(speaker="trainee", number=1, text=typed))
    assert unpunctuated(Turn(speaker="trainee", number=1, text=typed.replace(",", "")))


def test_checker_reports_a_long_sentence_in_recogniser_text():
    sc, state, score = _r9("jargon-averse", "de-r9-good")
    turn = next(e.turn for e in _items(score, "clarity") if e.kind == "instruction_unpunctuated")
    forged = _forge(score, "clarity", turn, kind="long_instruction")
    assert any("without punctuation" in p for p in problems(sc, state, forged))


# -- DE B7/B8: "repeated back what she said" needs a sentence that restates her line, not a few shared words -----
@pytest.mark.parametrize("sid, name, turn", [
    ("jargon-averse", "de-r9-good", 2),       # "keine sorge … nichts falsch gemacht" (a reassurance)
    ("voicebox-rambler", "de-r9-good", 3),    # "Allet gut … Was genau ist langsam …?" (a question of one's own)
    ("unknown-answer", "de-r9-mediocre", 3),  # "Ich denke, das müsste eigentlich mit drin sein" (a guess)
    ("missed-appointment", "en-r9-good", 3),  # what the ticket says, not what she said
])
def test_no_restatement_credit_without_a_restatement(sid, name, turn):
    sc, state, score = _r9(sid, name)
    kinds = [e.kind for d in ("questioning", "summarising") for e in _items(score, d, turn)]
    assert "listening_summary" not in kinds and "paraphrase_before" not in kinds


@pytest.mark.parametrize("sid, name, turn", [
    ("jargon-averse", "de-r9-good", 3),       # "volles wartezimmer … weltkugel hat ein kreuz … kalender" (recogniser)
    ("jargon-averse", "en-r9-good", 2),       # "so the little globe with the cross and the calendar saying no connection"
])
def test_a_real_restatement_still_counts(sid, name, turn):
    sc, state, score = _r9(sid, name)
    assert "listening_summary" in [e.kind for e in _items(score, "questioning", turn)]


def test_checker_reports_a_restatement_credit_for_a_guess():
    sc, state, score = _r9("unknown-answer", "de-r9-mediocre")
    credited = next(e for e in _items(score, "questioning") if e.kind in ("listening", "listening_summary"))
    forged = _add(score, "questioning", replace(credited, turn=3, kind="listening_summary", quote="Ich denke, das "
                                                "müsste eigentlich mit drin sein, aber ich bin mir nicht ganz sicher."))
    assert any("restates nothing" in p for p in problems(sc, state, forged))


# -- DE B12: every rude line costs courtesy (not only the first); the card is bounded at 0 -------------------------
def test_each_rude_line_is_debited_and_courtesy_stays_bounded():
    from playtest_calls import reading as _reading
    from simulator.scoring import score_call

    sc, state, score = _r9("mobile-caller", "de-r9-poor")
    rude = [t.number for t in state.trainee_turns if "rude" in t.acts]
    for t in state.trainee_turns[1:]:  # pin a rude reading on every line after the greeting
        if t.number not in rude:
            state = _reading(state, t.number, t.acts + ("rude",))
    score = score_call(sc, state)
    debits = [e for e in _items(score, "courtesy") if e.kind in ("rude", "rude_provoked")]
    assert len(debits) == len(state.trainee_turns) - 1 >= 2
    assert score.dimension("courtesy").value == 0.0
