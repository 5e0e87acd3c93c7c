"""Round 12: sneers the rules missed, as families (not the bank's sentences), and their look-alikes that stay polite.

The rules alone (``analyse_rules``) give the evidence the debrief quotes, so these families live in the language
data. Each family is tested with lines written for this test, not copied from the bank.
"""

from __future__ import annotations

import pytest

from playtest_calls import head_acts
from simulator.analysis import Analyser


def _acts(lang: str, line: str) -> set[str]:
    return set(Analyser.for_language(lang).analyse_rules(line).acts)


@pytest.mark.parametrize("lang, line", [
    ("en", "Have you even looked at the screen?"),
    ("en", "did you actually turn it on first"),
    ("en", "Look, quit moaning, we'll get there."),
    ("en", "I'm not your personal secretary, you know."),
    ("en", "I don't need your whole life story, just the error."),
    ("en", "A cable. Everybody knows that."),
    ("en", "Yeah, that's what they all say."),
    ("en", "We do have other customers waiting, you know."),
    ("en", "You'd know this if you'd ever opened the handbook."),
    ("en", "Do I really have to explain that?"),
    ("en", "A printer that won't print. Never heard that one before."),
    ("en", "You forgot it again? How original."),
    ("en", "Will you let me finish for once?"),
    ("en", "Well, somebody must have done something to it."),
    ("en", "You ring us every week with this."),
    ("de", "Ich bin hier nicht Ihr Laufbursche."),
    ("de", "Jetzt lassen Sie mich halt mal ausreden!"),
    ("de", "Das weiß doch jeder, das ist der Knopf vorne."),
    ("de", "Jetzt stellen Sie sich mal nicht so an."),
    ("de", "Nu machense mal halblang."),
    ("de", "Ein Drucker, der nicht druckt. Das hab ich ja noch nie gehört."),
    ("de", "Sie sind ja ein Experte."),
    ("de", "Da müsste ich schon hexen."),
    ("de", "Sie rufen ja dauernd an."),
    ("de", "Beantworten Sie bitte einfach nur meine Fragen."),
    ("de", "Für so Kleinkram hab ich keine Zeit, ich hab keine Zeit für sowas."),
    ("de", "Sind Sie jetzt fertig?"),
])
def test_sneers_are_rude(lang: str, line: str) -> None:
    assert "rude" in _acts(lang, line)


@pytest.mark.parametrize("lang, line", [
    ("en", "Brilliant!"),
    ("en", "Did you get an error message on the screen?"),
    ("en", "Have you switched it off and on again already?"),
    ("en", "Everyone in the office has the same problem, so it's on our side."),
    ("en", "I'll let you finish, go ahead."),
    ("en", "Don't worry, I don't need the details, the ticket has them."),
    ("de", "Okay, gute Idee."),
    ("de", "Super Idee, machen wir so."),
    ("de", "Sie sind ein Profi, das merkt man – danke für die genaue Beschreibung."),
    ("de", "Lassen Sie sich Zeit, ich warte."),
    ("de", "Erzählen Sie ruhig, ich höre zu."),
    ("de", "Sind Sie mit dem Neustart fertig?"),
])
def test_look_alikes_stay_polite(lang: str, line: str) -> None:
    assert "rude" not in _acts(lang, line)


# -- play-test round 12: dialect, excuses, questions about times, goodbyes ------------------------------------------
@pytest.mark.parametrize("lang, line", [
    ("de", "Ach geh, des is ja a Schmarrn."),
    ("de", "Is ma wurscht."),
    ("de", "I hab no andere Leit in der Leitung, gell."),
    ("de", "Ich hab noch andere Kunden in der Warteschleife."),
    ("de", "Dat sagen se alle."),
    ("en", "These things fall through the cracks sometimes."),
    ("en", "You've obviously been downloading films again."),
    ("en", "Disk's full, that's on you."),
    ("en", "Most printer problems are user error anyway."),
    ("en", "I wasn't even here for the first two calls, was I."),
    ("en", "Maybe you typed the wrong password."),
])
def test_dialect_sneers_excuses_and_blame_are_rude(lang: str, line: str) -> None:
    assert "rude" in _acts(lang, line)


@pytest.mark.parametrize("lang, line", [
    ("de", "Ach, dat is ärgerlich, aber dat kriegen wir hin."),
    ("de", "Das ist mir egal, welches Gerät Sie nehmen – Hauptsache, es läuft."),
    ("en", "Hi, IT here, Beth speaking, sorry, it's been a bit mad this morning – what can I do for you?"),
    ("en", "So basically the printer stopped after the update, right?"),
])
def test_dialect_and_busy_openings_stay_polite(lang: str, line: str) -> None:
    assert "rude" not in _acts(lang, line)


@pytest.mark.parametrize("lang, line", [
    ("en", "Does it drop at a set time, say every half hour, or randomly?"),
    ("en", "It syncs every ten minutes, doesn't it?"),
    ("en", "Sorry, it's a bit chaotic here this week."),
    ("en", "When does it need to run, and what days work for you this week?"),
    ("en", "Which afternoon suits you next week?"),
    ("de", "Damit es passt: Wann haben Sie in den nächsten Tagen feste Termine, und bis wann muss der neue Arbeitsplatz spätestens laufen?"),
    ("de", "Welche Tage passen Ihnen diese Woche?"),
])
def test_questions_about_times_and_frequencies_promise_nothing(lang: str, line: str) -> None:
    assert "time_commitment" not in _acts(lang, line)


@pytest.mark.parametrize("lang, line", [
    ("en", "I'll check it every hour and call you back by three."),
    ("en", "Would tomorrow at nine work, or would you prefer two in the afternoon?"),
    ("de", "Wann passt es Ihnen besser, Donnerstag um 8 oder Freitag um 10?"),
    ("de", "Würde Ihnen morgen um neun passen?"),
])
def test_offers_with_a_time_still_commit(lang: str, line: str) -> None:
    assert "time_commitment" in _acts(lang, line)


@pytest.mark.parametrize("lang, line", [
    ("en", "Okay thank you, have nice day."),
    ("en", "right cheers bye now"),
    ("de", "ok gut, dann schönen Tag noch, tschüss"),
    ("de", "Alles klar, dann bis morgen, wiederhören!"),
])
def test_a_goodbye_is_a_closing_without_listening(lang: str, line: str) -> None:
    acts = _acts(lang, line)
    assert "closing" in acts and "active_listening" not in acts


def test_kolsch_question_is_read_as_a_question() -> None:
    assert "closed_question" in _acts("de", "Hamse denn schon ens probiert, dä Rechner neu zu starten?")


@pytest.mark.parametrize("lang, line", [
    ("de", "Was hindert Herrn Yilmaz daran, das umzustellen?"),
    ("de", "Was blockiert die Umstellung bei Ihrem Dienstleister?"),
    ("de", "Wer verwaltet denn Ihre Mailbox?"),
    ("en", "what stops them"),
    ("en", "so what's stopping your IT firm from changing it"),
])
def test_w_questions_with_any_verb_are_open(lang: str, line: str) -> None:
    assert "open_question" in _acts(lang, line)


@pytest.mark.parametrize("lang, line", [
    ("de", "Ich kann Ihnen morgen um acht oder übermorgen um zehn anbieten. Was passt besser?"),
    ("de", "IT-Service, guten Tag. Wer spricht?"),
])
def test_a_choice_or_a_name_asked_for_is_no_open_question(lang: str, line: str) -> None:
    assert "open_question" not in _acts(lang, line)


def test_no_restart_refuses_and_asks_for_nothing() -> None:
    assert "instruction" not in _acts("en", "No no madam, no restart.")
    assert "instruction" in _acts("en", "No restart needed, just click the icon.")


def test_a_dialect_yes_no_question_stays_a_question_with_the_head(monkeypatch: pytest.MonkeyPatch) -> None:
    """The head, unsure of Kölsch, read "Hamse … ens probiert …?" as a summary; a verb-first line with a question
    mark keeps the rules' question (``head_keeps``)."""
    acts = head_acts("de", "Alles klar. Hamse denn schon ens probiert, dä Rechner neu zu starten und dat VPN neu zu "
                           "verbinden?", monkeypatch)
    assert "closed_question" in acts and "summary" not in acts


@pytest.mark.parametrize("lang, line", [
    ("de", "ok dann einschalten bitte und den drucker booten"),
    ("de", "na den schalter an der leiste drücken, und dann den drucker anmachen"),
    ("de", "Stecker ziehen und wieder einstecken bitte"),
    ("de", "gut, Laptop zuklappen und neu starten."),
    ("en", "ok, strip back on then and boot the printer"),
    ("en", "flick the switch on the strip"),
])
def test_steps_given_as_infinitives_or_short_verbs_are_instructions(lang: str, line: str) -> None:
    assert "instruction" in _acts(lang, line)


@pytest.mark.parametrize("lang, line", [
    ("de", "Die Kollegen prüfen und melden sich dann."),
    ("de", "Wir müssen das prüfen und dann freischalten."),
    ("en", "It won't boot."),
])
def test_what_others_do_is_no_instruction(lang: str, line: str) -> None:
    assert "instruction" not in _acts(lang, line)
