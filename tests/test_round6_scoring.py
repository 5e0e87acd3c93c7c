"""Play-test round 6: debrief statements that were wrong or contradicted each other, and must not come back.

The play-testers' calls are in ``tests/scripts_playtest/<scenario>/<lang>-r6-<quality>.txt``. Where a finding is
the analyser reading a line wrongly, the scoring test pins the reading it gets here (``_reading``), so the rule
under test is the scorer's, not the analyser's of the day.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from simulator.dialogue.events import Ramble, Unheard, has
from simulator.dialogue.state import CallState
from simulator.scoring import score_call
from simulator.scoring.consistency import problems
from simulator.scoring.wording import closes_properly, introduces

from playtest_calls import ROOT
from playtest_calls import items as _items
from playtest_calls import kinds as _kinds
from playtest_calls import play as _play
from playtest_calls import reading as _reading
from playtest_calls import script as _script

R6 = sorted((ROOT / "scripts_playtest").glob("*/*-r6-*.txt"))


def _trainee(state: CallState, turn: int):
    return next(t for t in state.trainee_turns if t.number == turn)


# -- every r6 call: no contradiction (rules alone here; rules + head in test_understanding_with_head) -----------
@pytest.mark.parametrize("path", R6, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_round6_calls_have_consistent_debriefs(path: Path) -> None:
    sc, state, score = _play(path.parent.name, path.name.split("-")[0],
                             [l for l in path.read_text(encoding="utf-8").splitlines() if l.strip()])
    assert problems(sc, state, score) == []


def test_all_28_round6_calls_are_kept() -> None:
    assert len(R6) == 28


# -- 6: introductions and closings by meaning ------------------------------------------------------------------
@pytest.mark.parametrize("lang, line", [
    ("de", "Moin, Lizenzbetreuung, Jonas Weber am Telefon. Was kann ich für Sie tun?"),
    ("de", "Guten Tag, IT-Support, Jonas Weber am Telefon."),
    ("de", "Weber am Apparat."),
    ("de", "Guten Tag, am Apparat ist Jonas Weber."),
    ("de", "Weber, IT-Hotline, guten Tag."),
    ("de", "Hier Weber vom Support, guten Tag."),
    ("de", "Guten Tag, Sie sind verbunden mit Jonas Weber vom IT-Support."),
    ("de", "Servicedesk, es spricht Jonas Weber."),
    ("de", "Guten Morgen, ich heiße Jonas Weber, IT-Support."),
    ("en", "MailHaus customer support, good afternoon, you're speaking to Sam."),
    ("en", "Good morning, you've reached Sam at the IT service desk."),
    ("en", "Hello, it's Sam from IT support."),
    ("en", "IT support, Sam on the line."),
    ("en", "Hi, Sam from the service desk, how can I help?"),
    ("en", "Good afternoon, you're through to Sam Porter."),
])
def test_phone_formulas_that_name_the_agent_are_introductions(lang: str, line: str) -> None:
    assert introduces(line, lang)


@pytest.mark.parametrize("lang, line", [
    ("de", "Moin, Lizenzbetreuung. Was kann ich für Sie tun?"),
    ("de", "Sind Sie noch am Telefon?"),
    ("de", "Hallo, wer ist am Apparat?"),
    ("de", "Gut, dass Sie am Telefon sind."),
    ("de", "Guten Tag, Sie sind verbunden mit der IT-Hotline."),
    ("en", "Are you still on the line?"),
    ("en", "Good morning, you've reached the IT service desk."),
    ("en", "You're through to the service desk."),
])
def test_team_names_and_questions_are_no_introduction(lang: str, line: str) -> None:
    assert not introduces(line, lang)


@pytest.mark.parametrize("lang, line", [
    ("de", "Wars das von Ihrer Seite? Dann bis später, tschüss Frau Krüger!"),
    ("de", "War's das für heute? Dann tschüss!"),
    ("de", "Haben Sie sonst noch Fragen? Tschüss."),
    ("de", "Kann ich noch was für Sie tun?"),
    ("de", "Ist sonst noch etwas offen? Auf Wiederhören."),
    ("de", "Sonst noch etwas, Frau Hahn? Dann tschüss."),
    ("en", "Was that everything? Then bye for now."),
    ("en", "Is that all for today? Bye."),
    ("en", "Any other questions? Bye."),
    ("en", "Good luck with the meeting, bye for now!"),
])
def test_an_offer_thanks_or_good_wishes_is_a_proper_closing(lang: str, line: str) -> None:
    assert closes_properly(line, lang)


@pytest.mark.parametrize("lang, line", [
    ("de", "Jo. Sonst noch was? Tschüss."),  # the curt "Sonst noch was?" is a brush-off, not an offer
    ("de", "Alles klar, dann bis später, tschüss."),
    ("en", "Ok cool, speak later, bye."),
    ("en", "No worries, happens. Bye then."),
])
def test_a_bare_or_curt_goodbye_is_not(lang: str, line: str) -> None:
    assert not closes_properly(line, lang)


def test_the_licensing_call_credits_the_introduction_and_the_closing() -> None:
    _, state, score = _play("unknown-answer", "de", _script("unknown-answer", "de-r6-good"))
    assert _kinds(score, "courtesy", 1) == ["greeting"]
    assert "closing" in _kinds(score, "courtesy", state.trainee_turns[-1].number)


@pytest.mark.parametrize("lang, bye, kind", [
    ("de", "Jo. Sonst noch was? Tschüss.", "closing_bare"),
    ("de", "Wars das von Ihrer Seite? Dann bis später, tschüss Frau Hahn!", "closing"),
    ("en", "Yeah. Bye.", "closing_bare"),
    ("en", "Was that everything? Then bye for now, Mrs Hall!", "closing"),
])
def test_the_closing_is_judged_by_what_it_offers(lang: str, bye: str, kind: str) -> None:
    _, state, score = _play("checked-plug", lang, _script_team("checked-plug", lang)[:-1] + [bye])
    last = state.trainee_turns[-1]
    assert last.text == bye and state.solved_at is not None
    assert [k for k in _kinds(score, "courtesy", last.number) if k.startswith("closing")] == [kind]


def _script_team(sid: str, lang: str, quality: str = "good") -> list[str]:
    path = ROOT / "scripts" / sid / f"{lang}-{quality}.txt"
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# -- 1: "no open question" never claims she could not describe it ----------------------------------------------
@pytest.mark.parametrize("sid, name", [("mobile-caller", "de-r6-good"), ("jargon-averse", "de-r6-mediocre")])
def test_no_open_question_does_not_claim_the_problem_was_never_described(sid: str, name: str) -> None:
    sc, state, score = _play(sid, name[:2], _script(sid, name))
    assert "no_open" not in _kinds(score, "questioning")
    # "described anyway" – or, where the agent summed up what he had told, no open question was needed (round 13)
    assert {"no_open_described", "open_not_needed"} & set(_kinds(score, "questioning"))
    assert any(k == "step_closed" for k in _kinds(score, "checklist"))  # the checklist: "described anyway"


def test_no_open_question_in_english_when_she_described_it_on_a_closed_question() -> None:
    sc, state, score = _play("jargon-averse", "en", [
        "MedIT service, Sam speaking. Is it a problem with the network?",
        "Ok. Have you restarted the computer?",
    ])
    assert _kinds(score, "questioning").count("no_open_described") == 1
    assert "closed_question" in _trainee(state, 1).acts


def test_the_checker_flags_never_described_beside_a_describe_step() -> None:
    sc, state, score = _play("jargon-averse", "de", _script("jargon-averse", "de-r6-mediocre"))
    assert "no_open_described" in _kinds(score, "questioning")
    forged = _forge(score, "questioning", "no_open_described", kind="no_open")
    assert any("never asked to describe" in p for p in problems(sc, state, forged))


def _forge(score, dim: str, old_kind: str, **changes):
    """The score with one evidence item of ``dim`` changed (as an old scorer would have written it)."""
    dims = []
    for d in score.dimensions:
        if d.name == dim:
            items = tuple(replace(e, **changes) if e.kind == old_kind else e for e in d.evidence)
            d = replace(d, evidence=items)
        dims.append(d)
    return replace(score, dimensions=tuple(dims))


# -- 2: a line is never "listened actively" and "interrogation without acknowledgement" at once -----------------
def test_an_acknowledging_line_does_not_end_an_interrogation_run() -> None:
    _, state, score = _play("voicebox-rambler", "de", _script("voicebox-rambler", "de-r6-good"))
    t3 = _kinds(score, "questioning", 3)
    # round 9b (DE B8): "Danke, Herr Wallner, alles notiert. … Was genau ist langsam …?" restates nothing of hers, so it
    # earns no "repeated back" credit – but taking her details still breaks the run: no interrogation debit
    assert "barrage" not in t3


@pytest.mark.parametrize("lang, lines", [
    ("en", ["Service hotline, Sam speaking. What can I do for you?",
            "Could you give me your name and a number to call you back on?",
            "Thanks Mr Walsh, extension 30, the computer in the warehouse is slow since Monday. What exactly is slow?"]),
    ("de", ["Service-Hotline, Weber am Apparat. Was kann ich für Sie tun?",
            "Darf ich kurz Ihren Namen und eine Rückrufnummer haben?",
            "Danke, Herr Wallner, der Rechner im Lager ist seit Montag langsam. Was genau ist langsam?"]),
])
def test_echoing_her_words_is_an_acknowledgement_in_both_languages(lang: str, lines: list[str]) -> None:
    sc, state, score = _play("voicebox-rambler", lang, lines)
    assert "barrage" not in _kinds(score, "questioning")
    assert problems(sc, state, score) == []


def test_the_checker_flags_listening_and_barrage_on_one_line() -> None:
    sc, state, score = _play("voicebox-rambler", "de", _script("voicebox-rambler", "de-r6-good"))
    forged = _forge(score, "questioning", "narrowing", kind="barrage", effect=-10.0)
    forged = _forge(forged, "questioning", "barrage", turn=next(e.turn for e in _items(score, "questioning")
                                                                 if e.kind.startswith("listening")))
    assert any("listening" in p and "and barrage" in p for p in problems(sc, state, forged))


# -- 3: honesty credit only where the checklist agrees, never on a deflection or a guess -------------------------
def test_a_rude_deflection_earns_no_honesty_credit() -> None:
    _, state, score = _play("missed-appointment", "en", _script("missed-appointment", "en-r6-poor"))
    t3 = _trainee(state, 3)
    assert "rude" in t3.acts and "admit_unknown" in t3.acts
    assert not [e for e in _items(score, "transparency", 3) if e.kind.startswith("admit_unknown") and e.effect > 0]


def test_no_honesty_credit_where_the_honesty_step_is_missing() -> None:
    sc, state, score = _play("unknown-answer", "de", _script("unknown-answer", "de-r6-mediocre"))
    assert "admit" not in state.steps_done
    admits = [e for e in _items(score, "transparency") if e.kind.startswith("admit_unknown")]
    assert [(e.turn, e.kind, e.effect) for e in admits] == [(2, "admit_unknown_uncounted", 0.0)]
    assert "ehrlich" not in admits[0].note.lower() or "keine punkte" in admits[0].note.lower()


def test_a_line_too_long_to_take_in_earns_no_honesty_credit() -> None:
    """Where the line loses a long line (mobile-caller, mood.ramble.lost) an honest "not sure yet" in it is not
    counted, and the debrief says so; a persona who takes a long line in (expert-user) counts it, marks off for the
    length."""
    sc, state, score = _play("mobile-caller", "en", _script("mobile-caller", "en-r8-good"))
    lost = [t for t in state.trainee_turns if "admit_unknown" in t.acts and has(t.events, Unheard)]
    assert lost, "the honesty line of this call is too long for the customer"
    here = _items(score, "transparency", lost[0].number)
    assert not [e for e in here if e.kind.startswith("admit") and e.effect > 0]
    # the lost line's honesty is named as not counted – unless an earlier line was already credited for it (since round
    # 26 "honestly i cant say yet" in turn 4 reads as the admission it is: apostrophe-less contractions)
    earlier = [e for e in score.dimension("transparency").evidence if e.kind.startswith("admit") and e.effect > 0]
    assert any(e.kind == "lost" and ("honest" in e.note.lower() or earlier) for e in here)
    assert problems(sc, state, score) == []
    _, state, score = _play("expert-user", "en", _script("expert-user", "en-r6-good"))
    long = next(t for t in state.trainee_turns if "honest_status" in t.steps)
    assert has(long.events, Ramble) and not has(long.events, Unheard)
    assert [e.kind for e in _items(score, "transparency", long.number) if e.kind.startswith("admit")] == ["admit_unknown"]
    assert _kinds(score, "clarity", long.number) == ["ramble"]


def test_not_sure_with_a_guess_in_the_same_breath_is_half_done_in_both_dimensions() -> None:
    sc, state, score = _play("unknown-answer", "en", _script("unknown-answer", "en-r6-mediocre"))
    t3 = _trainee(state, 3)
    assert "admit" in t3.steps
    assert _kinds(score, "transparency", 3).count("admit_unknown_guess") == 1
    hedged = [e for e in _items(score, "checklist", 3) if e.kind == "step_hedged"]
    assert len(hedged) == 1 and 0 < hedged[0].effect < 9.1
    assert not [e for e in _items(score, "courtesy", 3) if e.kind == "calm"]  # falling for the bait is not calm


@pytest.mark.parametrize("lang, line", [
    ("de", "Ehrlich gesagt weiß ich es nicht, wahrscheinlich ist es dabei, aber ich kläre das mit der Lizenzabteilung."),
    ("en", "Honestly, I don't know, it's probably included, but I'll check with the licensing team."),
])
def test_a_hedged_guess_never_earns_full_honesty_credit(lang: str, line: str) -> None:
    greeting = "Lizenzbetreuung, Weber am Apparat." if lang == "de" else "Licensing support, Sam speaking."
    sc, state, score = _play("unknown-answer", lang, [greeting, line])
    full = [e for e in _items(score, "transparency", 2) if e.kind in ("admit_unknown", "admit_unknown_bare")]
    assert full == []
    assert problems(sc, state, score) == []


def test_the_checker_flags_full_honesty_credit_for_a_guess() -> None:
    sc, state, score = _play("unknown-answer", "en", _script("unknown-answer", "en-r6-mediocre"))
    forged = _forge(score, "transparency", "admit_unknown_guess", kind="admit_unknown", effect=15.0)
    assert any("also guesses" in p for p in problems(sc, state, forged))


# -- 4: a rude line earns no credit for clarity, listening, summarising or calm ----------------------------------
def test_a_rude_summary_is_no_summary() -> None:
    sc, state, _ = _play("diva-complaint", "de", _script("diva-complaint", "de-r6-poor"))
    rude = next(t for t in state.trainee_turns if "rude" in t.acts)  # the analyser now ends the call sooner
    read = _reading(state, rude.number, tuple(dict.fromkeys(rude.acts + ("summary",))))
    score = score_call(sc, read)
    for dim in ("summarising", "questioning", "clarity", "transparency", "courtesy", "empathy"):
        assert not [e for e in _items(score, dim, rude.number) if e.effect > 0], dim


@pytest.mark.parametrize("lang", ["de", "en"])
def test_read_as_rude_the_final_summary_earns_nothing(lang: str) -> None:
    sc, state, score = _play("checked-plug", lang, _script("checked-plug", f"{lang}-r6-good"))
    end = next(e for e in _items(score, "summarising") if e.kind.startswith("summary_end"))
    turn = _trainee(state, end.turn)
    rude = _reading(state, end.turn, turn.acts + ("rude",))
    again = score_call(sc, rude)
    assert not [e for e in _items(again, "summarising", end.turn) if e.effect > 0]
    assert not [e for e in _items(again, "questioning", end.turn) if e.effect > 0]
    assert problems(sc, rude, again) == []


# -- 5: one summary is either before the solution or the final one; no debit where nothing was proposed ----------
def _summary_only_in_the_solving_line(lang: str):
    """The team's good printer call, read with its one summary in the line that solved the call (turn 5)."""
    sc, state, _ = _play("checked-plug", lang, _script_team("checked-plug", lang))
    assert state.solved_at == 5
    read = state
    # the line sums up as well as it solves (since round 14 a summary act alone, on a line that says nothing back,
    # is no summary): the strip's switch was off, and now it is on
    recap = {"de": "Also, der Schalter an der Leiste war aus, deshalb kein Strom am Drucker. ",
             "en": "So the switch on the power strip was off, that's why the printer had no power. "}[lang]
    # … and turn 2 no longer echoes her "no light, no sound" first, nor do the lines after it sum up again (the scorer
    # reads a plain recap without the act too, round 14)
    bye = {"de": "Gern geschehen, auf Wiederhören.", "en": "You're welcome, goodbye."}[lang]
    for t in state.trainee_turns:
        acts = tuple(a for a in t.acts if a != "summary") + (("summary",) if t.number == 5 else ())
        text = (recap + t.text if t.number == 5 else t.text.split(". ", 1)[1] if t.number == 2
                else bye if t.number > 5 else t.text)
        read = _reading(read, t.number, acts, text=text)
    return sc, read, score_call(sc, read)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_summary_only_in_the_line_that_solved_the_call_is_the_final_one(lang: str) -> None:
    sc, state, score = _summary_only_in_the_solving_line(lang)
    kinds = _kinds(score, "summarising")
    assert "no_summary_end" not in kinds and not [k for k in kinds if k.startswith("summary_before")]
    assert [k for k in _kinds(score, "summarising", 5) if k.startswith("summary_end")]
    # the summary before is missing – or, where she had just found the cause herself (EN: turn 4), not due (round 12b)
    assert {"no_summary_before_with", "summary_not_due_found"} & set(_kinds(score, "summarising", 5))
    assert "recap" in {s for t in state.trainee_turns for s in t.steps}  # the checklist's "summarised what was agreed"
    assert problems(sc, state, score) == []


def test_the_english_wrap_up_read_as_a_summary_is_the_final_summary() -> None:
    sc, state, score = _play("mobile-caller", "en", _script("mobile-caller", "en-r6-good"))
    last = state.trainee_turns[-1]
    assert last.text.startswith("So quickly: your signed note comes to us")
    read = _reading(state, last.number, last.acts + ("summary",))
    again = score_call(sc, read)
    assert "summary_end" in _kinds(again, "summarising", last.number)
    assert "no_summary_end" not in _kinds(again, "summarising")
    assert problems(sc, read, again) == []


def _she_plugged_it_in() -> tuple:
    """The r6 mediocre call as the build of the day played it: she plugged the cable in herself after the question
    at turn 5 (the engine no longer lets her act unasked – tests/test_round6_engine.py – so the turn's steps are
    set as they were; the scorer's rule for such a turn stays)."""
    sc, state, _ = _play("jargon-averse", "de", _script("jargon-averse", "de-r6-mediocre"))
    def steps(t):  # turn 5 found the loose cable and she plugged it in; no earlier turn took the cable check
        if t.number == 5:
            return tuple(dict.fromkeys(t.steps + ("check_cable", "plug_in")))
        return tuple(s for s in t.steps if s != "check_cable")

    exchanges = tuple(replace(x, trainee=replace(x.trainee, steps=steps(x.trainee))) if x.trainee is not None else x
                      for x in state.exchanges)
    state = replace(state, exchanges=exchanges)
    return sc, state, score_call(sc, state)


def test_no_summary_is_due_before_a_fix_she_found_herself() -> None:
    sc, state, score = _she_plugged_it_in()
    t5 = _trainee(state, 5)
    assert "plug_in" in t5.steps and "instruction" not in t5.acts
    items = _items(score, "summarising", 5)
    assert [(e.kind, e.effect) for e in items] == [("summary_not_due", 0.0)]
    assert "no_summary_end" in _kinds(score, "summarising")  # the final summary is still due


def test_a_fix_proposed_as_a_question_still_needs_the_summary_before() -> None:
    sc, state, score = _play("mobile-caller", "en", [
        "MailHaus support, Sam speaking. Can I have your number in case we get cut off?",
        "What exactly happens when you try to send an e-mail?",
        "So your IT company isn't allowed to change the setting, only you can approve it.",
        "Can you send us a photo of a signed note then?",
    ])
    before = [e for e in _items(score, "summarising") if e.kind in ("summary_not_due",)]
    assert before == []


def test_the_checker_flags_no_final_summary_beside_a_summary_once_solved() -> None:
    sc, state, score = _summary_only_in_the_solving_line("de")
    end = next(e.kind for e in _items(score, "summarising", 5) if e.kind.startswith("summary_end"))
    forged = _forge(score, "summarising", end, kind="no_summary_end", effect=-25.0)
    assert any("no summary at the end" in p for p in problems(sc, state, forged))


def test_the_checker_flags_moved_on_to_the_solution_for_a_question_she_answered_herself() -> None:
    sc, state, score = _she_plugged_it_in()
    forged = _forge(score, "summarising", "summary_not_due", kind="no_summary_before_step", effect=-25.0)
    assert any("only asked" in p for p in problems(sc, state, forged))


# -- 7: the callback first, understanding next; reassurance is called what it is --------------------------------
def test_taking_the_callback_number_first_leaves_room_to_answer_the_stress() -> None:
    sc, state, score = _play("mobile-caller", "de", _script("mobile-caller", "de-r6-good"))
    assert "callback" in _trainee(state, 2).acts
    # the analyser of the day misses "ich versteh den Druck"; read as understanding, it answers the opening
    # the analyser reads "ich versteh den Druck" since round 6: the stress is answered after the callback turn
    answered = [e for e in _items(score, "empathy") if e.kind in ("cue_answered", "cue_reassured") and e.turn > 2]
    assert answered, _kinds(score, "empathy")
    assert not [e for e in _items(score, "empathy") if e.kind == "cue_missed"]


def test_without_the_callback_turn_the_opening_window_is_the_usual_one() -> None:
    sc, state, score = _play("checked-plug", "de", _script("checked-plug", "de-r6-good"))
    late = state.trainee_turns[4]  # turn 5: beyond the first three real turns after her opening
    read = _reading(state, late.number, tuple(a for a in late.acts if a not in ("empathy", "reassurance")))
    for t in state.trainee_turns[:4]:
        read = _reading(read, t.number, tuple(a for a in t.acts if a not in ("empathy", "reassurance")))
    again = score_call(sc, read)
    assert "cue_missed" in _kinds(again, "empathy")


@pytest.mark.parametrize("lang, name", [("de", "de-r6-good"), ("en", "en-r6-mediocre")])
def test_a_reassuring_line_is_not_called_understanding(lang: str, name: str) -> None:
    _, state, score = _play("mobile-caller", lang, _script("mobile-caller", name))
    for e in _items(score, "empathy"):
        if e.effect > 0:
            acts = _trainee(state, e.turn).acts
            # (round 11: "_late" when her opening was answered only after other business)
            assert (e.kind in ("cue_answered", "cue_answered_late")) == ("empathy" in acts), (e.turn, e.kind, acts)


# -- 8: "you asked a closed question" only for a closed question -----------------------------------------------
def test_a_step_taken_by_a_line_without_a_closed_question_is_not_called_closed() -> None:
    sc, state, score = _play("voicebox-rambler", "en", _script("voicebox-rambler", "en-r6-good"))
    t3 = _trainee(state, 3)
    assert "symptom" in t3.steps and "closed_question" not in t3.acts
    assert "step_closed" not in _kinds(score, "checklist", 3)


def test_a_closed_question_that_gets_her_to_describe_it_is_half_done() -> None:
    _, state, score = _play("jargon-averse", "de", _script("jargon-averse", "de-r6-mediocre"))
    assert "closed_question" in _trainee(state, 1).acts
    assert "step_closed" in _kinds(score, "checklist", 1)


def test_the_checker_flags_closed_question_for_a_line_without_one() -> None:
    sc, state, score = _play("voicebox-rambler", "en", _script("voicebox-rambler", "en-r6-good"))
    symptom = sc.step("symptom").title.get("en")
    forged = _forge(score, "checklist", "step_done", kind="step_closed")
    forged_ok = [e for e in _items(forged, "checklist") if e.kind == "step_closed" and symptom in e.note]
    assert forged_ok
    assert any("closed question" in p for p in problems(sc, state, forged))


def test_open_question_asked_late_says_it_was_asked() -> None:
    # without the tester's "Yes please." to her offer: since round 9b she answers "Is the power LED on?" from what
    # she knows and offers to tell at once, so the yes alone would let her tell before the open question comes
    lines = _script("checked-plug", "en-r6-mediocre")
    _, state, score = _play("checked-plug", "en", lines[:4] + lines[5:])
    late = [e for e in _items(score, "questioning") if e.kind == "open_late"]
    assert late and late[0].effect > 0 and late[0].note.startswith("Open question asked")


def test_a_guessed_excuse_is_no_promise_to_find_out() -> None:
    sc, state, score = _play("missed-appointment", "en", _script("missed-appointment", "en-r6-poor"))
    t3 = _trainee(state, 3)
    polite = _reading(state, 3, tuple(a for a in t3.acts if a != "rude"))  # the deflection, read as not rude
    again = score_call(sc, polite)
    admits = [(e.kind, e.effect) for e in _items(again, "transparency", 3) if e.kind.startswith("admit")]
    assert admits == [("admit_unknown_bare", 5.0)]


@pytest.mark.parametrize("lang, line, span", [
    ("en", "No restart tip, I promise. Here's what I can see: the ticket was opened ten days ago, the restart didn't "
           "fix it, last week it went to the network team with a callback promised, and nothing has happened since. "
           "Is that right so far?", "so far"),
    ("de", "Kein Neustart-Tipp, versprochen. Ich sehe hier: das Ticket ist seit zehn Tagen offen, der Neustart hat "
           "nichts gebracht, letzte Woche ging es ans Netzwerkteam mit Rückrufzusage, und seitdem ist nichts passiert. "
           "Stimmt das so weit?", "so weit"),
])
def test_a_summary_that_checks_back_is_not_called_a_few_words(lang: str, line: str, span: str) -> None:
    from simulator.dialogue.state import Turn
    from simulator.scoring.lines import summary_words
    assert span in line
    turn = Turn("trainee", line, 3, acts=("summary",), evidence=(("summary", span),))
    assert summary_words(turn) >= 8
    short = "Danke. Stimmt das so weit?" if lang == "de" else "Thanks. Is that right so far?"
    assert summary_words(Turn("trainee", short, 3, acts=("summary",), evidence=(("summary", span),))) < 8


def test_the_diva_ticket_recap_is_a_full_summary_before_the_solution() -> None:
    sc, state, score = _play("diva-complaint", "en", _script("diva-complaint", "en-r6-good"))
    t3 = _trainee(state, 3)
    read = _reading(state, 3, tuple(dict.fromkeys(t3.acts + ("summary",))), (("summary", "so far"),))
    # measured as a summary she heard, not as a long line (from round 7 until the long-lines change she lost it)
    read = replace(read, exchanges=tuple(
        replace(x, trainee=replace(x.trainee, events=tuple(e for e in x.trainee.events if e.kind != "ramble")))
        if x.trainee is not None and x.trainee.number == 3 else x for x in read.exchanges))
    again = score_call(sc, read)
    assert "summary_before" in _kinds(again, "summarising", 3)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_long_wrap_up_after_the_solution_is_not_losing_her(lang: str) -> None:
    sc, state, score = _play("checked-plug", lang, _script_team("checked-plug", lang))
    assert state.solved_at == 5
    recap = _trainee(state, 6)
    from simulator.dialogue.events import Ramble
    long_recap = _reading(state, 6, recap.acts)
    long_recap = replace(long_recap, exchanges=tuple(
        replace(x, trainee=replace(x.trainee, events=x.trainee.events + (Ramble(),)))
        if x.trainee is not None and x.trainee.number in (4, 6) else x for x in long_recap.exchanges))
    again = score_call(sc, long_recap)
    assert "ramble" not in _kinds(again, "clarity", 6)
    assert "ramble" in _kinds(again, "clarity", 4)  # before the solution a long line still loses her
    forged = _forge(again, "clarity", "ramble", turn=6)
    assert any("loses track" in p for p in problems(sc, long_recap, forged))


@pytest.mark.parametrize("lang, proper, bare", [
    ("de", "Vielen Dank, Frau Hahn, ich wünsche Ihnen einen schönen Tag, auf Wiederhören!", "Jo, tschüss."),
    ("en", "Thanks a lot, Mrs Hall, have a lovely afternoon, goodbye!", "Yep, bye."),
])
def test_a_bare_bye_after_her_goodbye_does_not_undo_the_proper_one(lang: str, proper: str, bare: str) -> None:
    """The trainee has the last word after her goodbye; the best goodbye counts, not the last one."""
    lines = _script_team("checked-plug", lang)[:-1]
    _, state, score = _play("checked-plug", lang, lines + [proper, bare])
    closing = [(e.turn, e.kind) for d in score.dimensions for e in d.evidence if e.kind.startswith("closing")]
    numbers = [t.number for t in state.trainee_turns if t.text == proper]
    assert state.solved_at is not None and numbers
    assert closing == [(numbers[0], "closing")]
