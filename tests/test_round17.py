"""Round 17 (play-tests in both languages, then my own lines): blame shifted to the caller is rude, a reason in chat
spelling is a reason, "it's Sam from the helpdesk" introduces, and typed-fast questions without a question mark are
questions. Every line was written for this test, not copied from the play-test scripts."""

from __future__ import annotations

import pytest

from playtest_calls import head_acts
from simulator.analysis import Analyser
from simulator.dialogue.reading import gives_reason
from simulator.scoring.wording import introduces


def _rules(lang: str, line: str) -> set[str]:
    return set(Analyser.for_language(lang).analyse_rules(line).acts)


@pytest.mark.parametrize("lang, line", [
    ("de", "Wenn es immer noch hakt, liegt das wohl an Ihrem WLAN daheim, nicht an uns."),
    ("de", "Das liegt sicher an Ihrem Rechner."),
    ("en", "if it still drops its probably your wifi at home, not us"),
    ("en", "That'll be your laptop, not our system."),
])
def test_blame_shifted_to_the_caller_is_rude(lang: str, line: str, monkeypatch) -> None:
    assert "rude" in _rules(lang, line)
    assert "rude" in head_acts(lang, line, monkeypatch)


@pytest.mark.parametrize("lang, line", [
    ("de", "Es liegt nicht an Ihnen, sondern an unserem Server."),
    ("de", "Das liegt vermutlich am Router, das schauen wir uns zusammen an."),
    ("en", "It's not your laptop, it's our server."),
])
def test_a_cause_named_without_blame_is_not_rude(lang: str, line: str) -> None:
    assert "rude" not in _rules(lang, line)


def test_a_reason_in_chat_spelling_is_a_reason() -> None:
    assert gives_reason("could u look at the strip too cos those switches get kicked off", "en")


@pytest.mark.parametrize("line, named", [
    ("hi its sam from the it helpdesk how can i help", True),
    ("Hi, it's Pete in IT, what can I do for you?", True),
    ("hi it's the helpdesk", False),
    ("its down in the basement", False),
])
def test_its_name_from_the_team_introduces(line: str, named: bool) -> None:
    assert introduces(line, "en") is named


@pytest.mark.parametrize("line, act", [
    ("oh no thats annoying with the statements to get out is there a deadline on them", "closed_question"),
    ("i get that totally so whens it due", "open_question"),
])
def test_typed_fast_questions_without_a_question_mark(line: str, act: str, monkeypatch) -> None:
    assert act in _rules("en", line)
    assert act in head_acts("en", line, monkeypatch)


@pytest.mark.parametrize("line", ["I will check if there is a fix", "there is a fix for it"])
def test_there_is_said_is_no_question(line: str) -> None:
    assert "closed_question" not in _rules("en", line)


# -- engine: her own times said back are no promise and book nothing -----------------------------------------------
def test_her_deadline_in_her_terms_asks_nothing_too_early() -> None:
    """'I can see why you want it sorted before tomorrow morning' – no 'By then – who finds it out?' before any
    admission: the time is hers."""
    from playtest_calls import replayed

    state = replayed("unknown-answer", "en", [
        "Good morning, licensing, Priya speaking, how can I help?",
        "Sure, and I can see why you want it sorted before tomorrow morning. What will the module be used for?"], seed=3)
    turn = state.exchanges[-1].trainee
    assert "time_commitment" not in turn.acts and "By then" not in state.exchanges[-1].reply.text


def test_her_times_checked_back_book_no_appointment() -> None:
    from playtest_calls import replayed

    lines = ["Good morning, service desk, Alex speaking.",
             "I'm really sorry nobody turned up yesterday, that cost you a whole morning.",
             "I've checked the ticket: the technician called in sick and the job wasn't handed on. That shouldn't happen.",
             "When do you need it working by, and which days suit you?"]
    state = replayed("missed-appointment", "en", lines)
    said = state.exchanges[-1].reply.text
    assert "Monday" in said or "Thursday" in said, said  # she told her deadline and her days
    recap = ("So just to check I've got it: it has to run before Monday, and mornings suit you best because of court "
             "in the afternoons – is that right?")
    state = replayed("missed-appointment", "en", lines + [recap])
    assert "new_time" not in state.exchanges[-1].trainee.steps, state.exchanges[-1].reply.text


def test_a_swabian_goodbye_offers_more_and_wishes_well(monkeypatch) -> None:
    from simulator.scoring.wording import offers_more, wishes_well

    offer, wish = "Kann i sonst no ebbes für Sie due?", "Dann wünsch i Ihne an scheene Tag, Herr Wallner. Ade!"
    assert offers_more(offer, "de") and wishes_well(wish, "de")
    assert "closing" in head_acts("de", offer, monkeypatch)


def test_a_question_in_a_rude_line_is_not_quoted_as_closed_questioning() -> None:
    """The learned head may keep the question of a rude line ("… its usually user error tbh did u even flush dns"):
    the debrief still never quotes it as questioning."""
    from playtest_calls import items, play, reading
    from simulator.scoring import score_call

    sc, state, _ = play("expert-user", "en", ["Yeah, support.",
                                               "look we get loads of these, its usually user error, did you even flush dns"])
    state = reading(state, 2, ("closed_question", "rude", "jargon"))
    score = score_call(sc, state)
    assert not [e for e in items(score, "questioning") if e.kind == "closed_only" and e.turn == 2], items(score, "questioning")


def test_the_licensing_folks_are_who_finds_out() -> None:
    from playtest_calls import replayed

    state = replayed("unknown-answer", "en", [
        "Hi, licensing, Jo speaking, how can I help?",
        "Honestly, I don't know yet whether it's included, and I'd rather not guess.",
        "I'll pass it on to the licensing folks right after this call, they decide that."])
    assert "find_out" in state.exchanges[-1].trainee.steps, state.exchanges[-1].reply.text
