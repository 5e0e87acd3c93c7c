"""Play-test round 13 (debrief, second scorer): greeting and goodbye labels that follow the words, one rule for an
early goodbye, a goodbye that is no reassurance, a request for her number that asked for it, the quote of a promise
that holds its time, and lines that narrow nothing down."""

from __future__ import annotations

import pytest
from playtest_calls import play, reading

from simulator.scoring import score_call
from simulator.scoring.consistency import problems
from simulator.scoring.wording import greets, introduces, says_goodbye, wishes_well


def _kinds(score, dim: str, turn: int) -> list[str]:
    return [e.kind for e in score.dimension(dim).evidence if e.turn == turn]


# -- 1. greeting: a name without a greeting word greets nobody; a name in other words still introduces ----------------

@pytest.mark.parametrize("sid, lang, line", [
    ("expert-user", "de", "Support, Schmidt."),
    ("unknown-answer", "de", "Ja, Lizenz, Kowalski."),
])
def test_a_name_without_a_greeting_word_is_no_full_greeting(sid: str, lang: str, line: str) -> None:
    sc, state, score = play(sid, lang, [line])
    assert "greeting_unspoken" in _kinds(score, "courtesy", 1)
    assert "greeting" not in _kinds(score, "courtesy", 1)


def test_answering_the_ring_is_no_listening() -> None:
    """"Ja, Lizenz, Kowalski." earned "Aktiv zugehört (Rückmeldesignal)" – she had said nothing yet."""
    _, _, score = play("unknown-answer", "de", ["Ja, Lizenz, Kowalski.", "Ok. Worum geht es genau?"])
    assert "listening" not in _kinds(score, "questioning", 1)


@pytest.mark.parametrize("lang, line", [
    ("de", "Grüß Gott, MedIT Service, Sie schwätzet mit der Heike Maier. Was kann i für Sie tun?"),
    ("de", "Hallo, Hotline, Jens am Aparat."),
    ("en", "Hello, here is Markus from the 2nd level VPN support, what can I do for you?"),
])
def test_a_name_in_regional_or_foreign_word_order_introduces(lang: str, line: str) -> None:
    assert introduces(line, lang) and greets(line, lang)


def test_here_is_before_a_thing_introduces_nobody_and_borrowed_greetings_greet() -> None:
    """The new "here is <Name>" reading takes no "here is your ticket"; the greeting word now needed for full credit
    includes "G'day" and an English caller's "Hallo"."""
    assert introduces("Hello, here is Markus from the 2nd level VPN support", "en")
    assert not introduces("Here is your ticket number.", "en") and not introduces("here is what we do", "en")
    for line in ("G'day, IT helpdesk, Sam speaking. What's going on?",
                 "Hallo, MedIT Service, you are speaking with Wanjiku."):
        _, _, score = play("jargon-averse", "en", [line])
        assert "greeting" in _kinds(score, "courtesy", 1), line
    _, _, score = play("expert-user", "de", ["Support, Schmidt."])
    assert "greeting" not in _kinds(score, "courtesy", 1)


# -- 1. goodbye: regional forms; one rule for a goodbye before anything was solved -----------------------------------

def test_regional_goodbyes_and_wishes_are_read() -> None:
    assert says_goodbye("Tschüssikowski.", "de")
    assert wishes_well("Donn an schian Tog no, Frau Krüger", "de")


VOICEBOX_MEDIOCRE = [
    'Hallo, Hotline, Jens am Aparat.',
    'aha. ok. und was für ne meldung war das genau?',
    'am besten bei der meldung. steht da was von speicher oder so?',
    'nee, die kaffeemaschine isses eher nich. wie heißen sie eigentlich und von welcher firma?',
    'ok herr wallner. was genau kommt für ne meldung wenn sie was speichern?',
    'moment mal herr wallner, eins nach dem andern bitte. nur die meldung, was steht da drin?',
    'ok, C: ist voll. ich connecte mich mal per remote drauf und räum den temp-kram und alte dateien auf, dann sollte es wieder gehen. dauert nich lange',
    'ne, das is kein elektrosmog. wo speichern sie denn die lieferscheine?',
    'alles klar, dann schieb ich die alten scans per fernwartung aufs archiv. mach ich heut irgendwann, sie merken da nix von. schönen tag noch',
]


def test_a_goodbye_in_a_call_left_unsolved_is_an_early_close() -> None:
    """DE voicebox mediocre T9: "schönen tag noch" while he still asked "bis wann?" was "+15 sauber abgeschlossen"; the
    same close in diva mediocre T7 cost "−10 beenden wollen, bevor das Problem gelöst war"."""
    sc, state, score = play("voicebox-rambler", "de", VOICEBOX_MEDIOCRE)
    assert not state.solved
    last = state.trainee_turns[-1].number
    assert "closing" not in _kinds(score, "courtesy", last)
    assert "premature_close" in _kinds(score, "courtesy", last)
    assert problems(sc, state, score) == []


def test_a_goodbye_is_no_reassurance() -> None:
    """DE voicebox good T8: "schönen tag noch und lassen sie sich den kaffee schmecken auf wiederhören" earned
    "+15 Den Kunden beruhigt bzw. Zuversicht gegeben" (the learned head read the whole line as reassurance)."""
    bye = "schönen tag noch und lassen sie sich den kaffee schmecken auf wiederhören"
    sc, state, _ = play("voicebox-rambler", "de", ["guten tag service hotline systemhaus hier ist anna becker", bye])
    state = reading(state, 2, ("reassurance", "closing"), (("reassurance", bye), ("closing", "schönen tag")))
    assert "calm_reassured" not in _kinds(score_call(sc, state), "empathy", 2)


# -- 2. a request for her number asked for it -------------------------------------------------------------------------

def test_a_request_for_name_and_number_is_no_unasked_step() -> None:
    """DE voicebox good T2: "Schritt halb erledigt … nach Nummer nicht gefragt" for a line that asked for both."""
    lines = ["guten tag service hotline systemhaus hier ist anna becker",
             "entschuldigung dass ich sie kurz unterbreche damit ich ihnen richtig helfen kann brauche ich zuerst "
             "ihren namen und eine nummer unter der ich sie zurückrufen kann"]
    sc, state, score = play("voicebox-rambler", "de", lines)
    assert "step_callback_unasked" not in _kinds(score, "checklist", 2)
    assert "step_done" in _kinds(score, "checklist", 2)
    assert problems(sc, state, score) == []


# -- 2. the quote of a promise holds its time -------------------------------------------------------------------------

DIVA_GOOD = [
    'Guten Tag, IT-Service-Desk, mein Name ist Markus Albrecht. Womit kann ich Ihnen helfen?',
    'Nein, Frau Dr. Brenner, Sie müssen nichts von vorne erzählen, und zunächst möchte ich mich ausdrücklich bei Ihnen entschuldigen: Sie haben letzte Woche einen Rückruf zugesagt bekommen, der nicht erfolgt ist, und das hätte so nicht passieren dürfen. Ich habe Ihr Ticket 48213 gerade vor mir und lese Ihnen kurz vor, was ich sehe, damit Sie nichts wiederholen müssen.',
    'Also: Ihre VPN-Verbindung bricht im Homeoffice immer wieder ab, im Büro dagegen nicht, der Client wurde bereits zweimal neu installiert, beim ersten Anruf hat man Ihnen einen Neustart empfohlen, beim zweiten wurde das Ticket ans Netzwerkteam gegeben, und seitdem liegt es dort seit zehn Tagen ohne Rückmeldung. Habe ich das so richtig erfasst?',
    'Das verstehe ich, im Monatsabschluss ist ein wackliges VPN das Letzte, was Sie brauchen. Zwei Dinge fehlen mir noch, damit das Netzwerkteam gezielt suchen kann: Zu welchen Uhrzeiten bricht die Verbindung ungefähr ab, und arbeiten Sie zu Hause über WLAN oder per Kabel am Router?',
    'Jede Stunde fast auf die Minute, das ist ein sehr wertvoller Hinweis, das klingt eher nach einer Einstellung, die regelmäßig greift, als nach Ihrem Internetanschluss. Ab sofort bin ich Ihr fester Ansprechpartner für dieses Ticket, Sie müssen also niemanden mehr neu einweihen: Ich rufe direkt nach unserem Gespräch den Kollegen im Netzwerkteam an, gebe ihm die Uhrzeiten durch und melde mich heute bis 14 Uhr persönlich bei Ihnen mit dem Stand, ganz gleich, ob es dann schon eine Lösung gibt oder nicht.',
]


def test_the_time_promise_quotes_the_clause_with_the_time() -> None:
    sc, state, score = play("diva-complaint", "de", DIVA_GOOD)
    frames = [e for e in score.dimension("transparency").evidence if e.kind == "time_frame" and e.turn == 5]
    assert frames and all("14 Uhr" in e.quote for e in frames), frames
    assert problems(sc, state, score) == []


# -- 3. a line that asks nothing about the problem narrows nothing down ----------------------------------------------

def test_an_excuse_that_takes_a_telling_step_narrows_nothing() -> None:
    """DE missed-appointment poor T2: "der Kollege war krank. Kann ja ma vorkommen, wa?" – "+10 gezielt eingegrenzt":
    the line took "Offen sagen, was laut Ticket passiert ist", a step that tells, and asked nothing about the problem
    (pinned to the reading the learned head gives it: an open "wat soll ick sagen", no closed question)."""
    lines = ["Jo, Hotline, wat gibts?",
             "Na ja, wat soll ick sagen, der Kollege war krank. Kann ja ma vorkommen, wa?"]  # ("da kann ick nüscht
    # für" is rude since round 13, and a rude line takes no step: the excuse without it still tells the ticket)
    sc, state, _ = play("missed-appointment", "de", lines)
    # pinned: the step that tells (the engine may now object to the excuse instead) and the head's reading
    state = reading(state, 2, ("open_question", "active_listening"),
                    (("open_question", "wat soll ick"), ("active_listening", "Na ja")), steps=("explain",))
    assert "narrowing" not in _kinds(score_call(sc, state), "questioning", 2)
