"""Play-test round 7: debrief statements that contradicted each other or the transcript, and must not come back.

The play-testers' calls are in ``tests/scripts_playtest/<scenario>/<lang>-r7-<quality>.txt``. Where a finding is
the analyser reading a line its own way, the test pins the reading (``_reading``), so the rule under test is the
scorer's, not the analyser's of the day. Finding ids (DE F2, EN F14, …) are the testers' (/tmp/r7/findings-*.md).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from simulator.dialogue.events import PrematureClose, Ramble, Unheard, Yielded, has
from simulator.scoring import score_call
from simulator.scoring.consistency import problems
from simulator.scoring.wording import closes_properly

from playtest_calls import forge
from playtest_calls import ROOT
from playtest_calls import items as _items
from playtest_calls import kinds as _kinds
from playtest_calls import play as _play
from playtest_calls import reading as _reading
from playtest_calls import script as _script

R7 = sorted((ROOT / "scripts_playtest").glob("*/*-r7-*.txt"))


def _r7(sid: str, name: str):
    return _play(sid, name.split("-")[0], _script(sid, name))


def _forge(score, dim: str, old_kind: str, **changes):
    """The score with the items of ``dim`` of kind ``old_kind`` changed (as an old scorer would have written them)."""
    return forge(score, dim, lambda e: e.kind == old_kind, **changes)


# -- every r7 call: no contradiction ---------------------------------------------------------------------------
@pytest.mark.parametrize("path", R7, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_round7_calls_have_consistent_debriefs(path: Path) -> None:
    sc, state, score = _play(path.parent.name, path.name.split("-")[0],
                             [l for l in path.read_text(encoding="utf-8").splitlines() if l.strip()])
    assert problems(sc, state, score) == []


# -- EN F14: the open question after taking the callback number ------------------------------------------------
def _mobile_en():
    """The English mobile call as the product read it: T2's "What exactly happens …?" without the open-question act
    (the learned head's reading), yet taking the describe step."""
    sc, state, _ = _r7("mobile-caller", "en-r7-good")
    t2 = next(t for t in state.trainee_turns if t.number == 2)
    assert "describe" in t2.steps
    state = _reading(state, 2, ("empathy",), (("empathy", t2.text),))
    return sc, state, score_call(sc, state)


def test_the_open_question_after_the_callback_number_earns_the_open_question_credit() -> None:
    sc, state, score = _mobile_en()
    # the line the checklist credits as "let him describe (open question)"
    assert any(e.kind == "step_done" and "describe" in e.note for e in _items(score, "checklist", 2))
    kinds = _kinds(score, "questioning")
    assert "open_first" in _kinds(score, "questioning", 2)
    assert not {"no_open", "no_open_described", "closed_only"} & set(kinds)


def test_the_checker_flags_no_open_question_beside_an_open_question_step() -> None:
    sc, state, score = _mobile_en()
    forged = _forge(score, "questioning", "open_first", kind="no_open_described", effect=0.0)
    assert any("'no open question' while the checklist credits" in p for p in problems(sc, state, forged))


# -- DE F2 / F8, EN F13: a line the checklist credits "with a reason" / "openly" counts for transparency ----------
def _plug_de():
    """The German plug call as the product read it: T3 gives the reason (the strip under the desk) but was read as
    understanding and an instruction only, no transparency act."""
    sc, state, _ = _r7("checked-plug", "de-r7-good")
    state = _reading(state, 3, ("empathy", "reassurance", "instruction"), (("empathy", "Verstehe, 15 Uhr"),
                     ("instruction", "Könnten Sie mal kurz unter den Schreibtisch schauen")),
                     steps=("check_plug",), events=(Yielded("check_plug"),))
    return sc, state, score_call(sc, state)


def test_the_step_taken_with_a_reason_counts_for_transparency() -> None:
    sc, state, score = _plug_de()
    assert any(e.kind == "step_yielded" or e.kind == "step_done" for e in _items(score, "checklist", 3))
    assert "transparency" in _kinds(score, "transparency", 3)
    assert "no_transparency" not in _kinds(score, "transparency")
    assert problems(sc, state, score) == []


def test_the_checker_flags_never_explained_beside_a_step_with_a_reason() -> None:
    sc, state, score = _plug_de()
    forged = _forge(score, "transparency", "transparency", kind="no_transparency")
    assert any("never said what is happening" in p for p in problems(sc, state, forged))


# -- DE F11 / F13, EN F7 / F25: a proper closing is an offer, thanks or a wish – wherever it stands in the line ---------
@pytest.mark.parametrize("lang, line", [
    # a wish inside a long recap line (DE F11)
    ("de", "Gern, Herr Wallner. Also: ich verschiebe jetzt per Fernwartung die alten Scans ins Archiv, in etwa "
           "15 Minuten ist das erledigt. Genießen Sie Ihren Kaffee, bis gleich und auf Wiederhören!"),
    ("de", "Gerne. Wenn noch was ist, melden Sie sich einfach. Tschüss."),  # an offer of further help
    ("de", "Gern geschehen, Frau Hahn. Tschüss!"),  # the answer to her thanks, as "my pleasure"
    ("de", "Viel Spaß beim Termin, auf Wiederhören!"),
    ("en", "Anything else? Bye then."),  # an offer, however short
    ("en", "So: note to me, Yilmaz fixes it, text from me in 30 minutes. Enjoy the coffee, bye!"),
])
def test_offer_thanks_or_wish_plus_goodbye_is_proper_anywhere_in_the_line(lang: str, line: str) -> None:
    assert closes_properly(line, lang)


@pytest.mark.parametrize("lang, line", [
    ("de", "gerne wiederhören"),  # DE F13: no offer, no thanks, no wish
    ("de", "Ja gerne, bis dann, tschüss."),
    ("en", "Again, sorry for the runaround, Dr Bennett. Goodbye."),  # an apology is none of the three
])
def test_a_goodbye_without_offer_thanks_or_wish_is_bare(lang: str, line: str) -> None:
    assert not closes_properly(line, lang)


def test_the_bare_closing_note_says_what_was_missing_not_that_it_was_short() -> None:
    from simulator.scoring.feedback import Feedback
    for lang in ("de", "en"):
        note = Feedback.for_language(lang).item("closing_bare").note.lower()
        assert "knapp" not in note and "brief" not in note


# -- DE F14: a bare "IT" names the team but greets nobody -------------------------------------------------------
def _bare_it():
    """The poor German plug call, its first line "IT" read as a greeting (the learned head's reading)."""
    sc, state, _ = _r7("checked-plug", "de-r7-poor")
    assert state.trainee_turns[0].text.strip() == "IT"
    state = _reading(state, 1, ("greeting",), (("greeting", "IT"),))
    return sc, state, score_call(sc, state)


def test_a_bare_team_name_is_not_called_a_greeting() -> None:
    sc, state, score = _bare_it()
    assert _kinds(score, "courtesy", 1) == ["greeting_team_only"]
    assert problems(sc, state, score) == []


@pytest.mark.parametrize("lang, line", [
    ("de", "IT-Support, guten Tag."), ("de", "IT-Hotline, was kann ich für Sie tun?"),
    ("en", "Service desk, how can I help?"), ("en", "Hello, IT support."),
])
def test_the_team_with_a_greeting_or_the_invitation_still_greets(lang: str, line: str) -> None:
    from simulator.scoring.wording import greets
    assert greets(line, lang)


def test_the_checker_flags_a_team_greeting_credit_without_a_greeting() -> None:
    sc, state, score = _bare_it()
    forged = _forge(score, "courtesy", "greeting_team_only", kind="greeting_team", effect=10.0)
    assert any("without a greeting" in p for p in problems(sc, state, forged))


# -- DE F5 / EN F9: a calm expert's opening, and one line answering two tricky moments ------------------------------
def _summary_opening(sid: str, name: str):
    """The call read with no understanding in the first three turns, only a summary of her words at T2."""
    sc, state, _ = _r7(sid, name)
    for n in (1, 2, 3):
        t = next(t for t in state.trainee_turns if t.number == n)
        acts = ("summary",) if n == 2 else tuple(a for a in t.acts if a not in ("empathy", "reassurance", "summary"))
        state = _reading(state, n, acts, (("summary", t.text),) if n == 2 else tuple(
            (a, x) for a, x in t.evidence if a in acts) or ((acts[0], t.text),) if acts else (("none", ""),))
    return sc, state, score_call(sc, state)


def test_an_expert_opening_is_answered_by_taking_up_his_analysis() -> None:
    sc, state, score = _summary_opening("expert-user", "de-r7-good")
    assert "cue_acknowledged" in _kinds(score, "empathy", 2)
    assert not [e for e in _items(score, "empathy") if e.kind == "cue_missed" and e.turn <= 2]


def test_an_upset_non_expert_opening_is_not_answered_by_a_summary_alone() -> None:
    sc, state, score = _summary_opening("checked-plug", "de-r7-good")
    assert "cue_acknowledged" not in _kinds(score, "empathy")
    assert not [e for e in _items(score, "empathy", 2) if e.effect > 0]


def test_one_line_answering_two_tricky_moments_is_one_entry() -> None:
    sc, state, score = _r7("expert-user", "de-r7-good")
    entries = [(e.turn, e.kind, e.note) for e in _items(score, "empathy")]
    assert len(entries) == len(set(entries))
    assert problems(sc, state, score) == []


def test_the_checker_flags_an_entry_printed_twice() -> None:
    sc, state, score = _r7("expert-user", "de-r7-good")
    d = score.dimension("empathy")
    doubled = replace(score, dimensions=tuple(replace(x, evidence=x.evidence + (replace(x.evidence[-1], effect=0.0),))
                                              if x.name == "empathy" else x for x in score.dimensions))
    assert d.evidence and any("printed twice" in p for p in problems(sc, state, doubled))


# -- EN F15 / F18 / F19: a line too long to take in earns nothing in any dimension, and says so --------------------
# (since the long-lines change only where the line loses it – mobile-caller, mood.ramble.lost; elsewhere a long line is
# debited for its length and credited for what it said: tests/test_long_lines.py)
@pytest.mark.parametrize("sid, name, turn", [("unknown-answer", "de-r7-good", 2), ("voicebox-rambler", "en-r7-good", 6)])
def test_a_line_too_long_to_take_in_earns_no_credit_anywhere(sid: str, name: str, turn: int) -> None:
    sc, state, score = _r7(sid, name)
    t = next(t for t in state.trainee_turns if t.number == turn)
    if has(t.events, Ramble) and not has(t.events, Unheard):  # she took it in: the length costs, what it said counts
        assert not any(e.kind in ("lost", "no_summary_before_lost", "step_lost") for d in score.dimensions
                       for e in d.evidence if e.turn == turn)
        return
    state = _reading(state, turn, t.acts, steps=(), events=t.events + (Ramble(), Unheard()))  # as on a bad line
    score = score_call(sc, state)
    credits = [e for d in score.dimensions if d.name in ("summarising", "transparency") for e in d.evidence
               if e.turn == turn and e.effect > 0]
    assert credits == []
    assert any(e.kind in ("lost", "no_summary_before_lost") for d in score.dimensions for e in d.evidence
               if e.turn == turn)  # said so (a lost summary before the fix says it in its half debit)


def _lost_line():
    """A call with a summary and a time frame in a line she lost (engine events ramble and unheard: a scenario whose
    line loses a long line, ``mood.ramble.lost``; no step taken)."""
    sc, state, _ = _r7("unknown-answer", "de-r7-good")
    t2 = next(t for t in state.trainee_turns if t.number == 2)
    state = _reading(state, 2, ("summary", "time_commitment", "transparency"),
                     (("summary", t2.text), ("time_commitment", "morgen um zehn"), ("transparency", t2.text)),
                     steps=(), events=(Ramble(), Unheard()))
    return sc, state, score_call(sc, state)


def test_a_lost_summary_and_time_frame_are_not_counted_and_say_why() -> None:
    sc, state, score = _lost_line()
    assert [e for d in score.dimensions for e in d.evidence if e.turn == 2 and e.effect > 0
            and d.name in ("summarising", "transparency")] == []
    notes = [e.note for d in score.dimensions for e in d.evidence if e.turn == 2 and e.kind == "lost"]
    assert notes and all("zu lang" in n for n in notes)


def test_the_checker_flags_credit_for_a_line_too_long_to_take_in() -> None:
    sc, state, score = _r7("mobile-caller", "en-r7-good")
    fake = _forge(score, "checklist", "step_done", kind="step_lost")  # every step 'lost': T8's time frame too
    assert any("too long to take in" in p for p in problems(sc, state, fake))


# -- EN F11 / DE F7: an optional check the solution made pointless costs nothing --------------------------------------
def test_the_router_check_is_moot_once_the_cable_fixed_it() -> None:
    sc, state, score = _r7("jargon-averse", "en-r7-good")
    assert state.solved_at is not None and not any("check_box" in t.steps for t in state.trainee_turns)
    items = [e for e in _items(score, "checklist") if "box with the lights" in e.note]
    assert [e.kind for e in items] == ["step_moot"] and items[0].effect == 0.0
    assert score.dimension("checklist").value == 100.0


def test_an_optional_recap_after_the_fix_is_never_moot() -> None:
    from simulator.scoring.checklist import moot_steps
    from simulator.scoring.transcript import ScoredCall
    sc, state, _ = _play("jargon-averse", "en", _script("jargon-averse", "en-r7-good")[:5])
    assert "recap" not in moot_steps(ScoredCall(sc, state, None))


def test_the_checker_flags_a_moot_step_called_missing() -> None:
    sc, state, score = _r7("jargon-averse", "en-r7-good")
    forged = _forge(score, "checklist", "step_moot", kind="step_missed", effect=-5.0)
    assert any("made pointless" in p for p in problems(sc, state, forged))


# -- DE F13 / EN F25: a vague promise is weaker than a concrete one ------------------------------------------------
@pytest.mark.parametrize("lang, sentence, is_vague", [
    ("de", "gut dann geb ich das an die kollegen weiter die melden sich zeitnah", True),
    ("de", "na die melden sich heute noch bei ihnen versprochen", True),
    ("de", "Ich rufe Sie heute bis 16 Uhr zurück.", False),
    ("en", "Someone should get in touch to confirm.", True),
    ("en", "We'll try to give you a call beforehand.", True),
    ("en", "I'll call you back by 4:30 this afternoon.", False),
])
def test_vague_promises_are_told_from_concrete_ones(lang: str, sentence: str, is_vague: bool) -> None:
    from simulator.scoring.wording import vague
    assert vague(sentence, lang) is is_vague


def test_a_concrete_time_from_someone_else_is_still_a_concrete_time() -> None:
    from simulator.scoring.wording import vague
    assert not vague("Die melden sich dann bis morgen Mittag.", "de", time_only=True)
    assert vague("na die melden sich heute noch bei ihnen versprochen", "de", time_only=True)


def _vague_call():
    """The mediocre licensing call, its vague lines read as the product read them."""
    sc, state, _ = _r7("unknown-answer", "de-r7-mediocre")
    t4 = next(t for t in state.trainee_turns if t.number == 4)
    state = _reading(state, 4, ("active_listening", "transparency"), (("active_listening", "gut"),
                     ("transparency", t4.text)))
    state = _reading(state, 7, ("reassurance", "time_commitment"), (("reassurance", "versprochen"),
                     ("time_commitment", "heute noch")))
    return sc, state, score_call(sc, state)


def test_a_vague_time_earns_no_concrete_time_credit() -> None:
    sc, state, score = _vague_call()
    t7 = _items(score, "transparency", 7)
    assert [e.kind for e in t7] == ["time_frame_vague"] and 0 < t7[0].effect < 15
    t4 = _items(score, "transparency", 4)
    assert [e.kind for e in t4] == ["transparency_vague"] and t4[0].effect <= 5
    assert problems(sc, state, score) == []


def test_the_checker_flags_concrete_time_credit_for_a_vague_promise() -> None:
    sc, state, score = _vague_call()
    forged = _forge(score, "transparency", "time_frame_vague", kind="time_frame", effect=15.0)
    assert any("vague" in p for p in problems(sc, state, forged))


# -- DE F15 / EN F27: "what's the problem then" to a caller who refuses to retell earns no "she describes it" ---------
def test_an_open_question_she_answers_with_nothing_is_not_credited_as_her_description() -> None:
    sc, state, score = _r7("diva-complaint", "en-r7-poor")
    t2 = next(t for t in state.trainee_turns if t.number == 2)
    assert "open_question" in t2.acts and not t2.steps
    opened = [e for e in _items(score, "questioning", 2) if e.kind.startswith("open")]
    assert [(e.kind, e.effect) for e in opened] == [("open_unanswered", 0.0)]
    assert problems(sc, state, score) == []


def test_the_greetings_open_question_is_answered_by_her_opening() -> None:
    sc, state, score = _r7("checked-plug", "de-r7-good")
    assert "open_first" in _kinds(score, "questioning", 1)


def test_the_checker_flags_describes_it_for_an_unanswered_open_question() -> None:
    sc, state, score = _r7("diva-complaint", "en-r7-poor")
    forged = _forge(score, "questioning", "open_unanswered", kind="open_first", effect=30.0)
    assert any("answered with nothing" in p for p in problems(sc, state, forged))


# -- DE F10 / EN F18: narrowing by a targeted question that takes a step; the tip fits the scenario ---------------------
def test_a_step_taking_question_read_as_a_callback_narrows_and_the_quote_is_the_question() -> None:
    sc, state, _ = _r7("unknown-answer", "de-r7-good")
    for n in (3, 4):  # as the product read them: callback and time, no question act
        t = next(t for t in state.trainee_turns if t.number == n)
        state = _reading(state, n, tuple(a for a in t.acts if a not in ("open_question", "closed_question")) or (
            "callback",), tuple((a, x) for a, x in t.evidence if a not in ("open_question", "closed_question")) or (
            ("callback", t.text),))
    t3 = next(t for t in state.trainee_turns if t.number == 3)
    assert t3.steps and "?" in t3.text
    score = score_call(sc, state)
    narrow = [e for e in _items(score, "questioning") if e.kind == "narrowing"]
    # round 9 (DE B8, EN F10): "Unter welcher Nummer erreiche ich Sie?" asks for her details – it narrows nothing
    # down about the problem, so neither line here earns the credit; where one does, the quote is its question
    assert all(e.turn not in (3, 4) for e in narrow)
    assert all(e.quote.endswith("?") and e.quote != t3.text for e in narrow)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_missing_narrowing_tip_uses_a_question_of_this_scenario(lang: str) -> None:
    first = "Hallo, IT-Hotline, Sam hier. Was kann ich für Sie tun?" if lang == "de" else \
        "Hello, IT helpdesk, Sam speaking. What can I do for you?"
    sc, state, score = _play("checked-plug", lang, [first, "Okay.", "Tschüss." if lang == "de" else "Bye."])
    missing = [e for e in _items(score, "questioning") if e.kind.startswith("no_narrowing")]
    assert missing and missing[0].quote == ""
    examples = [x for s in sc.steps for x in s.examples.get(lang) if x.endswith("?")]
    assert any(x in missing[0].tip for x in examples)
    assert "Passiert das nur zu Hause" not in missing[0].tip and "only at home" not in missing[0].tip


# -- EN F2 / F3: a summary is not called a back-channel, and quotes show the whole act --------------------------------
def test_a_summary_is_credited_as_repeating_back_not_as_a_back_channel() -> None:
    sc, state, score = _r7("checked-plug", "en-r7-good")
    t2 = next(t for t in state.trainee_turns if t.number == 2)
    state = _reading(state, 2, ("empathy", "summary"), (("empathy", "Oh no"), ("summary", "So the printer shows")))
    score = score_call(sc, state)
    heard = [e for e in _items(score, "questioning", 2) if e.kind.startswith("listening")]
    assert [e.kind for e in heard] == ["listening_summary"]
    before = [e for e in _items(score, "summarising", 2) if e.kind == "summary_before"]
    assert before and before[0].quote == "So the printer shows no light at all and makes no sound when you try?"
    assert before[0].quote in t2.text
    assert problems(sc, state, score) == []


def test_the_checker_flags_a_back_channel_claim_for_a_summary() -> None:
    sc, state, score = _r7("checked-plug", "en-r7-good")
    state = _reading(state, 2, ("empathy", "summary"), (("empathy", "Oh no"), ("summary", "So the printer shows")))
    score = score_call(sc, state)
    forged = _forge(score, "questioning", "listening_summary", kind="listening")
    assert any("'back-channel signal' for a line without one" in p for p in problems(sc, state, forged))


# -- EN F1: a step she told unasked in her opening is shown as hers ------------------------------------------------
def test_a_step_volunteered_in_her_opening_is_shown_as_volunteered_with_her_words() -> None:
    sc, state, _ = _r7("checked-plug", "en-r7-good")
    t1 = state.trainee_turns[0]
    assert "context" not in t1.steps  # the engine no longer reads "What can I do for you" as asking about urgency
    # ... but where a step is taken on the line that answers her opening (as the engine did), the debrief says so
    state = _reading(state, t1.number, t1.acts, steps=(*t1.steps, "context"))
    score = score_call(sc, state)
    t1 = state.trainee_turns[0]
    item = next(e for e in _items(score, "checklist", 1) if "urgency" in e.note)
    assert item.kind == "step_volunteered" and item.speaker == "customer" and item.effect > 0
    assert item.quote.rstrip("…") in state.exchanges[1].reply.text and item.quote not in t1.text  # her words
    # the describe step, which the greeting's open question asked for, stays the trainee's
    assert any(e.kind == "step_done" and "describe" in e.note for e in _items(score, "checklist", 1))
    assert problems(sc, state, score) == []


# -- EN F12: "thanks for calling" in the line that answers the ring is a greeting, not an early goodbye ----------------
def test_the_greeting_line_never_counts_as_ending_the_call_early() -> None:
    sc, state, score = _r7("missed-appointment", "en-r7-good")
    state = _reading(state, 1, ("greeting", "open_question", "closing"),
                     (("greeting", "my name's Kevin Morales"), ("closing", "thanks for calling")),
                     events=(PrematureClose(),))
    score = score_call(sc, state)
    assert "premature_close" not in _kinds(score, "courtesy", 1)
    assert "greeting" in _kinds(score, "courtesy", 1)


def test_the_checker_flags_greeting_and_early_goodbye_on_one_line() -> None:
    sc, state, score = _r7("missed-appointment", "en-r7-good")
    forged = replace(score, dimensions=tuple(replace(d, evidence=d.evidence + (replace(
        next(e for e in d.evidence if e.kind == "greeting"), kind="premature_close", effect=0.0),))
        if d.name == "courtesy" else d for d in score.dimensions))
    assert any("greeting and premature_close" in p for p in problems(sc, state, forged))


def test_the_pronoun_it_is_no_team_name() -> None:
    from simulator.scoring.wording import names_team
    assert not names_team("Yeah, what is it?", "en")
    assert names_team("Hello, IT.", "en") and names_team("hello it support", "en")


def test_a_summary_too_long_to_take_in_costs_half_and_says_so_on_its_own_line() -> None:
    """The trainee summarised before the solution, in a line she could not take in: she heard no summary (half the
    debit), and the entry quotes that line, not the solution's."""
    sc, state, _ = _r7("unknown-answer", "en-r7-good")
    long = state.trainee_turns[1]  # "Okay, I see – so your boss signs the renewal tomorrow at 10 …" (83 words)
    assert has(long.events, Ramble) and not has(long.events, Unheard)  # too long: she took it in all the same …
    # … so the rule is pinned on a bad line that loses it (mood.ramble.lost), as the head reads the line
    state = _reading(state, long.number, tuple(dict.fromkeys((*long.acts, "summary"))),
                     steps=(), events=long.events + (Unheard(),))
    state = replace(state, steps_done=tuple(s for s in state.steps_done if s not in long.steps))  # none taken there
    score = score_call(sc, state)
    unheard = [e for e in _items(score, "summarising") if e.kind == "no_summary_before_lost"]
    assert len(unheard) == 1 and unheard[0].effect == -12.5
    turn = next(t for t in state.trainee_turns if t.number == unheard[0].turn)
    assert "summary" in turn.acts and unheard[0].quote.rstrip("…") in turn.text
    assert not {"no_summary_before", "no_summary_before_step", "lost"} & set(_kinds(score, "summarising", turn.number))
    assert problems(sc, state, score) == []


# -- round 8: an honest "I don't know yet" answers a bait to guess ----------------------------------------------
EXPERT_DE = ('IT-Service, Jana Roth, guten Tag! Worum geht es?', 'Alles klar, dann sparen wir uns das Skript. Also: Tunnel steht, Zugriff per IP geht, nslookup direkt gegen die .53 auch – nur die Namensauflösung über den Client nicht, und das seit dem Update auf die 5.2. Gibt es Kollegen bei Ihnen, die noch auf der alten Version sind, und geht es bei denen?', 'Nein, keine Sorge, das steht nicht auf meinem Zettel. Ich schaue mir gerade das Profil an, das mit der 5.2 verteilt wurde: da fehlt die Regel, die die interne Domain an Ihren DNS-Server schickt. Ob das ein Bug in der 5.2 ist oder nur unser Profil, weiß ich ehrlich gesagt noch nicht.', 'Bekannt ist mir das nicht – Sie sind die erste Meldung dazu. Als Workaround können Sie die NRPT-Regel für pixelwerk.intern lokal setzen, dann löst es wieder auf. Das Profil eskaliere ich jetzt ans Netzwerkteam, und ich melde mich bis 15 Uhr bei Ihnen, ob es ein Bug ist.', 'Gern! Kurz zusammengefasst: Ursache ist die fehlende Split-DNS-Regel im 5.2-Profil, lokal setzen Sie die Regel als Workaround, und ich melde mich bis 15 Uhr mit dem Stand vom Netzwerkteam. Noch etwas, das ich für Sie tun kann? Dann einen schönen Tag, Herr Richter, auf Wiederhören!')


def test_an_honest_answer_to_a_bait_counts_as_answering_it() -> None:
    """The expert asks "Ist das ein bekannter Bug in der 5.2?": saying honestly that it is not known yet answers the
    bait – no "reason without understanding" (0 points) and no tip to say "Ich verstehe, dass Ihnen das wichtig ist"."""
    sc, state, score = _play("expert-user", "de", list(EXPERT_DE))
    kinds = _kinds(score, "empathy")
    assert "cue_honest" in kinds and "cue_reason_only" not in kinds and "cue_missed" not in kinds
    honest = [e for e in _items(score, "empathy") if e.kind == "cue_honest"]
    assert all(e.effect > 0 for e in honest)
    assert all("admit_unknown" in next(t for t in state.trainee_turns if t.number == e.turn).acts for e in honest)
    assert problems(sc, state, score) == []


@pytest.mark.parametrize("check, line", [
    ("greets", "Griaß Gott, do is da Sepp Huber vo da EDV-Hotline."),
    ("closes_properly", "Gern gschehn, do gibts nix zum Entschuldign."),
])
def test_the_courtesy_checks_read_regional_spellings_as_the_analyser_does(check: str, line: str) -> None:
    """Round 8: the analyser read "Griaß Gott" as a greeting, the debrief said "kein Gruß" (it read the raw text)."""
    from simulator.scoring import wording

    assert getattr(wording, check)(line, "de")
