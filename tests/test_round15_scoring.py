"""Round 15 (my own lines, both languages): a day named for the agent's own call is her promise, a yes/no question
about today asks the urgency, and understanding for the customer's doubt is heard in a long line.

A trainee who says "I'll call you on Wednesday afternoon to confirm" has promised a time; the debrief said the
customer gave it. "Are they needed out today?" asks the checked-plug customer's deadline as well as "By when …?".
"I understand the doubt, after yesterday" answers her push-back with understanding however much the line goes on.
Every line was written for this test, not copied from the play-test scripts.
"""

from __future__ import annotations

import pytest

from playtest_calls import head_acts, replayed
from simulator.analysis import Analyser
from simulator.scoring.wording import own_time


# -- the agent's own call on a named day is a time promise --------------------------------------------------------
@pytest.mark.parametrize("lang, line, day", [
    ("en", "I'll call you on Wednesday afternoon to confirm.", "wednesday"),
    ("en", "I call you personally on Thursday to confirm the slot.", "thursday"),
    ("en", "We'll ring you next Monday before he comes.", "monday"),
    ("en", "On Friday morning I'll phone you to confirm.", "friday"),
    ("de", "Ich rufe Sie am Mittwochnachmittag an und bestätige den Termin.", "mittwoch"),
    ("de", "Wir melden uns am Donnerstag noch einmal bei Ihnen.", "donnerstag"),
    ("de", "Am Freitag rufe ich Sie an.", "freitag"),
])
def test_a_named_day_for_the_agents_own_call_is_a_time_promise(lang: str, line: str, day: str) -> None:
    assert day in own_time(line, lang).lower()


@pytest.mark.parametrize("lang, line", [
    ("en", "You could call us on Wednesday if it still fails."),
    ("en", "The technician was there on Monday."),
    ("en", "Did he call you on Tuesday?"),
    ("de", "Sie können uns am Mittwoch anrufen, falls es noch hakt."),
    ("de", "Der Techniker war am Montag bei Ihnen."),
])
def test_a_day_that_is_not_the_agents_own_call_promises_nothing(lang: str, line: str) -> None:
    assert not own_time(line, lang)


# -- checked-plug: a yes/no question about today asks her deadline --------------------------------------------------
DESCRIBED = {"de": ["Guten Tag, IT-Support, Sam am Apparat.", "Was genau passiert, wenn Sie drucken wollen?"],
             "en": ["Hello, IT support, Sam speaking.", "What exactly happens when you try to print?"]}


@pytest.mark.parametrize("lang, line", [
    ("en", "Are they needed out today?"),
    ("en", "Oh no, that's a pain with everyone waiting on you. Do you need them printed this afternoon?"),
    ("en", "right, and does that have to go out today"),
    ("de", "Müssen die heute noch raus?"),
    ("de", "Oje, das ist ärgerlich. Brauchen Sie die Ausdrucke heute noch?"),
])
def test_a_yes_no_question_about_today_asks_the_urgency(lang: str, line: str) -> None:
    state = replayed("checked-plug", lang, DESCRIBED[lang] + [line])
    turn = state.exchanges[-1].trainee
    assert "context" in turn.steps, (turn.steps, state.exchanges[-1].reply.text)


@pytest.mark.parametrize("lang, line", [
    ("en", "I'll have it running by three."),
    ("de", "Das läuft heute wieder, versprochen."),
])
def test_telling_her_today_asks_nothing(lang: str, line: str) -> None:
    state = replayed("checked-plug", lang, DESCRIBED[lang] + [line])
    assert "context" not in state.exchanges[-1].trainee.steps


# -- long lines keep the understanding for her doubt and a closing yes/no question --------------------------------
@pytest.mark.parametrize("lang, line", [
    ("en", "I understand the doubt, after yesterday I'd be sceptical too. So here's what I'll do: I book the slot, "
           "I note on the ticket that you were stood up, and I'll call you the day before to confirm."),
    ("en", "I completely understand your frustration, you took a day off for nothing, and I would like to make "
           "that right with a firm slot this week that suits you."),
    ("de", "Ich verstehe Ihre Zweifel nach gestern. Also: Ich buche den Termin, vermerke im Ticket, dass Sie "
           "umsonst gewartet haben, und rufe Sie am Vortag an."),
    ("de", "Dass Sie uns nach gestern nicht mehr trauen, verstehe ich gut."),
])
def test_understanding_for_her_doubt_is_empathy_in_a_long_line(lang: str, line: str, monkeypatch) -> None:
    assert "empathy" in Analyser.for_language(lang).analyse(line).acts  # the rules
    assert "empathy" in head_acts(lang, line, monkeypatch)  # and as shipped (``head_keeps``)


@pytest.mark.parametrize("lang, line", [
    ("en", "I don't understand the doubt, we always turn up."),
    ("de", "Ich verstehe Ihre Zweifel nicht, wir kommen doch immer."),
])
def test_refusing_to_understand_her_doubt_is_no_empathy(lang: str, line: str, monkeypatch) -> None:
    assert "empathy" not in Analyser.for_language(lang).analyse(line).acts
    assert "empathy" not in head_acts(lang, line, monkeypatch)


@pytest.mark.parametrize("lang, line", [
    ("en", "Ah no, that's a pain with the whole office waiting on your printouts. Are they needed out today, so?"),
    ("de", "Oh je, das ist ärgerlich, wenn das ganze Büro auf Ihre Ausdrucke wartet. Brauchen Sie die heute noch?"),
])
def test_a_yes_no_question_ending_a_long_line_stays_a_question(lang: str, line: str, monkeypatch) -> None:
    assert "closed_question" in Analyser.for_language(lang).analyse(line).acts
    assert "closed_question" in head_acts(lang, line, monkeypatch)
