"""Round 15, engine: customer-side findings of the play-tests (missed-appointment, expert-user, jargon-averse,
mobile-caller, voicebox-rambler) – each tested with natural lines of our own in both languages, and with lines that
must keep their reading."""

from __future__ import annotations

import pytest

from playtest_calls import last, replayed
from simulator.dialogue import events as ev_
from simulator.dialogue.events import Objected, Offended, PrematureClose

APOLOGISED = {"de": ["Guten Tag, IT-Service, Berger.", "Es tut mir sehr leid, dass Sie gestern umsonst gewartet haben."],
              "en": ["Hello, service desk, Sam.", "I'm very sorry you waited for nothing yesterday."]}


def _after_apology(lang: str, line: str, more: tuple[str, ...] = ()):
    return last(replayed("missed-appointment", lang, APOLOGISED[lang] + list(more) + [line]))


# -- missed-appointment: a thanks that goes on with the reason is no goodbye ---------------------------------------
THANKS_THEN_REASON = {
    "de": ["Danke für Ihre Geduld, der Kollege war leider krank.",
           "Vielen Dank für Ihr Verständnis, leider hat sich der Techniker krank gemeldet.",
           "Danke für Ihre Geduld – unser Techniker war gestern krank."],
    "en": ["Thanks for your patience, my colleague was off sick unfortunately.",
           "Thank you for bearing with us, the technician was off sick yesterday.",
           "Thanks for your patience – our technician fell ill yesterday."],
}
THANKS_AND_GOODBYE = {"de": ["Danke für Ihre Geduld, einen schönen Tag noch.", "Vielen Dank für Ihren Anruf. Auf Wiederhören."],
                      "en": ["Thanks for your patience, have a nice day.", "Thank you for calling. Goodbye."]}


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("i", range(3))
def test_thanks_that_goes_on_with_the_reason_is_heard_as_the_reason(lang: str, i: int) -> None:
    turn, reply = _after_apology(lang, THANKS_THEN_REASON[lang][i])
    assert not ev_.has(turn.events, PrematureClose), reply
    assert "explain" in turn.steps, (turn.steps, reply)


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("i", range(2))
def test_thanks_and_goodbye_before_any_date_is_still_a_premature_close(lang: str, i: int) -> None:
    turn, reply = _after_apology(lang, THANKS_AND_GOODBYE[lang][i])
    assert ev_.has(turn.events, PrematureClose), reply


# -- missed-appointment: an excuse before a question is still objected to ----------------------------------------
EXCUSE_THEN_QUESTION = {
    "de": ["Krankheit kann jedem passieren. Welcher Tag passt Ihnen?",
           "Der Techniker war krank, das ist niemandes Schuld. Wann hätten Sie Zeit?",
           "Der Kollege war krank, dafür kann ich leider nichts. Wann passt es Ihnen?"],
    "en": ["Sickness happens, nobody's fault. When are you free?",
           "Well, the technician was sick, that happens sometimes. When would suit you?",
           "He fell ill, that can happen to anyone. What day suits you?"],
}
HONEST_THEN_QUESTION = {
    "de": ["Laut Ticket war der Kollege krank, das hätte nicht passieren dürfen. Wann passt es Ihnen?",
           "Der Kollege war krank, und niemand hat Sie angerufen. Wann hätten Sie Zeit?"],
    "en": ["According to the ticket he fell ill and it wasn't reassigned, that shouldn't have happened. When suits you?",
           "My colleague was off sick and nobody called you. When would suit you?"],
}


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("i", range(3))
def test_an_excuse_before_a_question_meets_her_objection(lang: str, i: int) -> None:
    turn, reply = _after_apology(lang, EXCUSE_THEN_QUESTION[lang][i])
    assert ev_.has(turn.events, Objected, "explain") or ev_.has(turn.events, Offended), reply
    assert "explain" not in turn.steps


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("i", range(2))
def test_an_open_reason_before_a_question_is_no_excuse(lang: str, i: int) -> None:
    turn, reply = _after_apology(lang, HONEST_THEN_QUESTION[lang][i])
    assert "explain" in turn.steps and "availability" in turn.steps, reply
    assert not ev_.has(turn.events, Objected), reply
