"""Play-test round 9: debrief statements that contradicted each other or the transcript, and must not come back.

The play-testers' calls are in ``tests/scripts_playtest/<scenario>/<lang>-r9-<quality>.txt``. Where a finding is the
analyser reading a line its own way, the test pins the reading (``_reading``), so the rule under test is the
scorer's, not the analyser's of the day. Finding ids (EN F6, DE B9, …) are the testers' (/tmp/r9/*/findings.md).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from simulator.dialogue.events import Unheard
from simulator.scoring import score_call
from simulator.scoring.consistency import problems
from simulator.scoring.transcript import sentences_of

from playtest_calls import forge
from playtest_calls import ROOT
from playtest_calls import items as _items
from playtest_calls import kinds as _kinds
from playtest_calls import play as _play
from playtest_calls import reading as _reading
from playtest_calls import script as _script

R9 = sorted((ROOT / "scripts_playtest").glob("*/*-r9-*.txt"))


def _r9(sid: str, name: str):
    return _play(sid, name.split("-")[0], _script(sid, name))


def _forge(score, dim: str, old_kind: str, **changes):
    """The score with the items of ``dim`` of kind ``old_kind`` changed (as an old scorer would have written them)."""
    return forge(score, dim, lambda e: e.kind == old_kind, **changes)


@pytest.mark.parametrize("path", R9, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_round9_calls_have_consistent_debriefs(path):
    sc, state, score = _play(path.parent.name, path.name[:2], _script(path.parent.name, path.stem))
    assert problems(sc, state, score) == []


# -- EN F1/F6/F10, DE B9: a quote is the whole sentence that earned the credit, never a fragment of it -------------
def test_sentences_of_widens_a_marker_to_its_sentences():
    text = "Oh, I am very sorry. I look now in the ticket so I can tell you exactly what happened. One moment."
    assert sentences_of(text, "so I can tell") == "I look now in the ticket so I can tell you exactly what happened."
    assert sentences_of(text, "sorry. I look") == "Oh, I am very sorry. I look now in the ticket so I can tell you " \
                                                 "exactly what happened."
    assert sentences_of(text, "not there") == text


def test_transparency_quotes_whole_sentences():
    sc, state, score = _r9("missed-appointment", "en-r9-good")
    quotes = [e.quote for e in _items(score, "transparency") if e.kind == "transparency"]
    assert quotes and "so I can tell" not in quotes and "I see here" not in quotes
    assert any(q.startswith("I look now in the ticket") and q.endswith("one moment please.") for q in quotes)


def test_checker_reports_a_quote_that_is_not_a_whole_sentence():
    sc, state, score = _r9("diva-complaint", "en-r9-good")
    t2 = next(t for t in state.trainee_turns if t.number == 2)
    fragment = "I'm just pulling up your ticket"
    assert fragment in t2.text
    forged = _forge(score, "transparency", "transparency", quote=fragment)
    assert any("not a whole sentence" in p for p in problems(sc, state, forged))


# -- EN F16/F20, DE B7: one line answers one tricky moment – never credited twice in the understanding card --------
def test_one_line_is_credited_once_for_understanding():
    sc, state, score = _r9("unknown-answer", "de-r9-mediocre")
    by_turn: dict[int, int] = {}
    for e in _items(score, "empathy"):
        if e.effect > 0:
            by_turn[e.turn] = by_turn.get(e.turn, 0) + 1
    assert by_turn and max(by_turn.values()) == 1
    assert score.dimension("empathy").value < 100


def test_checker_reports_one_line_credited_twice():
    sc, state, score = _r9("unknown-answer", "de-r9-mediocre")
    forged = _forge(score, "empathy", "cue_same_line", effect=18.8, kind="cue_reassured")
    assert any("credited 2 times" in p for p in problems(sc, state, forged))


# -- EN F15, DE B4: the understanding card sees the apology / reassurance the checklist credits -----------------
def test_apology_step_counts_as_understanding():
    sc, state, score = _r9("diva-complaint", "de-r9-good")
    t2 = next(t for t in state.trainee_turns if t.number == 2)
    assert "apologise" in t2.steps
    # pinned: the analyser reads no empathy act in the apology; the step taken by it still shows understanding
    state = _reading(state, 2, tuple(a for a in t2.acts if a not in ("empathy", "reassurance")))
    score = score_call(sc, state)
    assert "cue_answered" in _kinds(score, "empathy", 2)
    assert "cue_missed" not in _kinds(score, "empathy")[:1]
    assert problems(sc, state, score) == []


def test_checker_reports_missed_understanding_beside_an_apology_step():
    sc, state, score = _r9("diva-complaint", "de-r9-good")
    forged = _forge(score, "empathy", "cue_answered", effect=-19.2, kind="cue_missed", turn=1, speaker="customer",
                    note=score.dimension("empathy").evidence[0].note.replace("mit Verständnis reagiert",
                                                                            "nicht mit Verständnis reagiert"))
    assert any("step of understanding" in p for p in problems(sc, state, forged))


# -- EN F13/F20, DE B5: "stayed calm and factual" never on a line debited for pressing on ---------------------------
def test_no_calm_credit_for_asking_again_what_she_refused():
    sc, state, score = _r9("checked-plug", "en-r9-mediocre")
    blunt = {e.turn for e in _items(score, "checklist") if e.kind == "blunt_insist"}
    calm = {e.turn for e in _items(score, "courtesy") if e.kind == "calm"}
    assert blunt and not blunt & calm


def test_no_calm_credit_for_ending_the_call_unsolved():
    sc, state, score = _r9("unknown-answer", "en-r9-poor")
    closing = {e.turn for e in _items(score, "courtesy") if e.kind == "premature_close"}
    calm = {e.turn for e in _items(score, "courtesy") if e.kind == "calm"}
    assert closing and not closing & calm


def test_checker_reports_calm_beside_blunt_insisting():
    sc, state, score = _r9("checked-plug", "en-r9-mediocre")
    turn = next(e.turn for e in _items(score, "checklist") if e.kind == "blunt_insist")
    t = next(t for t in state.trainee_turns if t.number == turn)
    forged = _forge(score, "courtesy", "greeting_team", kind="calm", turn=turn, quote=t.text)
    assert any("stayed calm and factual" in p for p in problems(sc, state, forged))


# -- EN F4, DE B5: "I believe you" / "das glaube ich Ihnen" trust the caller – no guess in the same breath --------
@pytest.mark.parametrize("text,lang,guess", [
    ("Ha, no, you told me you rebooted, I believe you. Honestly, I don't know yet.", "en", False),
    ("I believe it's included in Professional.", "en", True),
    ("Nein nein, das glaube ich Ihnen ja, Frau Hahn.", "de", False),
    ("Das ist dabei, glaube ich.", "de", True),
])
def test_trusting_the_caller_is_no_guess(text, lang, guess):
    from simulator.scoring.wording import guesses

    assert guesses(text, lang) is guess


def test_honest_i_dont_know_yet_gets_full_credit():
    sc, state, score = _r9("expert-user", "en-r9-good")
    assert "admit_unknown_guess" not in _kinds(score, "transparency")
    assert "step_hedged" not in _kinds(score, "checklist")


# -- EN F6/F10, DE B8: "narrowed down" only for a question or instruction about the problem --------------------------
@pytest.mark.parametrize("question,lang", [
    ("Is that right so far?", "en"), ("Have I got that right?", "en"), ("Stimmt das so mit Ihrem Eindruck überein?", "de"),
    ("Can I have your name and a number to reach you?", "en"), ("Haben Sie die Ticketnummer?", "de"),
    ("Unter welcher Nummer erreiche ich Sie am besten?", "de"),
])
def test_check_backs_and_details_are_no_questions_about_the_problem(question, lang):
    from simulator.scoring.wording import asks_for_details, checks_back

    assert checks_back(question, lang) or asks_for_details(question, lang)


@pytest.mark.parametrize("question,lang", [("Is the printer switched on?", "en"), ("Kommt eine Fehlermeldung?", "de"),
                                           ("What exactly is slow, and since when?", "en")])
def test_questions_about_the_problem_are_neither(question, lang):
    from simulator.scoring.wording import asks_for_details, checks_back

    assert not checks_back(question, lang) and not asks_for_details(question, lang)


def test_a_line_that_asks_nothing_narrows_nothing():
    sc, state, score = _r9("missed-appointment", "en-r9-good")
    narrow = [e for e in _items(score, "questioning") if e.kind == "narrowing"]
    assert narrow and all(e.quote.endswith("?") for e in narrow)
    assert all("I look now in the ticket" not in e.quote for e in narrow)


def test_asking_for_the_ticket_number_is_no_narrowing():
    sc, state, score = _r9("missed-appointment", "de-r9-mediocre")
    assert all("Ticketnummer" not in e.quote for e in _items(score, "questioning") if e.kind == "narrowing")


def test_checker_reports_narrowing_on_a_details_question():
    sc, state, score = _r9("missed-appointment", "de-r9-mediocre")
    t2 = next(t for t in state.trainee_turns if t.number == 2)
    assert "Ticketnummer" in t2.text
    forged = _forge(score, "questioning", "narrowing", turn=2, quote="Haben Sie die Ticketnummer?")
    assert any("asks nothing about the problem" in p for p in problems(sc, state, forged))


# -- EN F9, DE B1: a step she told unasked in her opening is hers: no proposal, no explanation by the trainee ------
def test_a_greeting_naming_the_desk_is_no_proposal_and_no_explanation():
    """Since the round-9 engine fix the greeting takes no step at all; the debrief agrees: no 'moved on to the solution
    without a summary' and no 'said what is happening' for 'thanks for calling licensing support'."""
    sc, state, score = _r9("unknown-answer", "en-r9-good")
    assert "no_summary_before_step" not in _kinds(score, "summarising", 1)
    assert "transparency" not in _kinds(score, "transparency", 1)
    assert "step_volunteered" not in _kinds(score, "checklist", 1)  # the open question took 'what for, by when'


def test_checker_reports_a_volunteered_step_taken_as_the_trainees():
    """Forged as an old scorer would have written it: the checklist shows the step as told by her on turn 1, and
    summarising still calls turn 1 'the solution step without a summary'."""
    sc, state, score = _r9("unknown-answer", "en-r9-good")
    step = next(s for s in sc.steps if s.id == "find_out")
    title = step.title.get("en")
    done = next(e for e in _items(score, "checklist", 1) if e.kind == "step_done")
    told = replace(done, kind="step_volunteered", note=f"Step done: {title} (the customer told it unasked).")
    summ = score.dimension("summarising")
    base = summ.evidence[0]
    wrong = replace(base, turn=1, kind="no_summary_before_step", effect=-25.0,
                    note=f"Moved on to the solution step ({title}) without summarising what was understood.",
                    quote=next(t for t in state.trainee_turns if t.number == 1).text)
    dims = []
    for d in score.dimensions:
        if d.name == "checklist":
            d = replace(d, evidence=d.evidence + (told,))
        elif d.name == "summarising":
            d = replace(d, evidence=d.evidence + (wrong,))
        dims.append(d)
    forged = replace(score, dimensions=tuple(dims))
    assert any("told unasked" in p for p in problems(sc, state, forged))
    assert not any("told unasked" in p for p in problems(sc, state, score))


# -- EN F5: a recap too long to take in has one reading everywhere --------------------------------------------------
# Since the long-lines change the diva takes in a long line (marks off for its length, what it said counts): the recap
# is credited everywhere and the length debited once. "Not counted – too long" is for a line that is lost
# (mood.ramble.lost, a bad mobile line), pinned here with the engine's event for it.
def test_a_long_recap_she_took_in_counts_everywhere_and_its_length_is_debited_once():
    sc, state, score = _r9("diva-complaint", "en-r9-good")
    ramble = {e.turn for e in _items(score, "clarity") if e.kind == "ramble"}
    assert len(ramble) == 1
    turn = next(t for t in state.trainee_turns if t.number in ramble)
    assert "recap_known" in turn.steps  # the ticket's history, said back as the card shows it
    assert [e.kind for d in score.dimensions for e in d.evidence if e.turn in ramble and e.kind in ("ramble", "ramble_lost")] \
        == ["ramble"]
    assert not [e for d in score.dimensions for e in d.evidence if e.kind in ("lost", "step_lost")]
    assert "summary_before" in _kinds(score, "summarising", turn.number)
    assert problems(sc, state, score) == []


def _lost_recap():
    """en-r9-good with its long recap lost, as on a line that loses long lines (engine event unheard, no step)."""
    sc, state, _ = _r9("diva-complaint", "en-r9-good")
    turn = next(t for t in state.trainee_turns if any(type(e).__name__ == "Ramble" for e in t.events))
    state = _reading(state, turn.number, turn.acts, steps=(), events=turn.events + (Unheard(),))
    state = replace(state, steps_done=tuple(s for s in state.steps_done if s not in turn.steps))
    return sc, state, score_call(sc, state), turn.number


def test_a_lost_recap_is_not_counted_anywhere_and_says_so():
    sc, state, score, n = _lost_recap()
    for dim in ("questioning", "summarising"):
        here = [e for e in _items(score, dim) if e.turn == n]
        assert here and all(e.kind in ("lost", "no_summary_before_lost") and e.effect <= 0 for e in here), dim
    assert _kinds(score, "clarity", n) == ["ramble_lost"]


def test_checker_reports_listening_credit_for_a_line_too_long_to_take_in():
    sc, state, score, n = _lost_recap()
    forged = forge(score, "questioning", lambda e: e.turn == n and e.kind == "lost", kind="listening_summary",
                   effect=5.0)
    assert any("too long to take in" in p for p in problems(sc, state, forged))


# -- found by bench/consistency.py after the whole-sentence quotes: the checker judges the time, not who acts -----
def test_a_concrete_time_in_a_sentence_with_a_vague_someone_is_no_vague_promise():
    lines = ["IT-Service, Jana Roth, guten Tag! Worum geht es?", "Okay.", "Die melden sich dann bis morgen Mittag. Tschüss."]
    sc, state, score = _play("expert-user", "de", lines)
    frames = [e for e in _items(score, "transparency") if e.kind == "time_frame" and e.effect > 0]
    assert all(not any("vague promise" in p for p in problems(sc, state, score)) for _ in frames)


def test_two_moments_of_one_kind_on_one_line_get_one_note():
    sc, state, score = _r9("unknown-answer", "de-r9-mediocre")
    notes = [(e.turn, e.note) for e in _items(score, "empathy") if e.kind == "cue_same_line"]
    assert len(notes) == len(set(notes))


def test_two_moments_answered_only_with_a_reason_on_one_line_get_one_note():
    sc, state, score = _play("expert-user", "en", _script("expert-user", "en-r4-mediocre"))
    notes = [(e.turn, e.note) for e in _items(score, "empathy") if e.effect == 0]
    assert len(notes) == len(set(notes)) and problems(sc, state, score) == []
