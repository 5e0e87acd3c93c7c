"""Round 9 play-test fixes on the customer's side, second part (engine, its reading data and scenario data)."""

from __future__ import annotations

import pytest

from playtest_calls import last, replayed, script
from simulator.dialogue.lines import customer_lines
from simulator.dialogue.reading import checks_back, gives_reason
from simulator.scenario import load


@pytest.mark.parametrize("lang,line", [("de", "… Richtig so?"), ("de", "Stimmt das so mit Ihrem Eindruck überein?"),
                                       ("de", "Hab ich das so richtig?"), ("de", "Hab ich das richtig verstanden?"),
                                       ("en", "So no light at all, right?"), ("en", "Have I got that right?"),
                                       ("en", "Is that correct?")])
def test_a_check_back_is_read(lang: str, line: str) -> None:
    assert checks_back(line, lang)


@pytest.mark.parametrize("lang,line", [("de", "Geht das?"), ("de", "Ist der Drucker an?"), ("en", "Is the printer on?"),
                                       ("en", "Does that work for you?")])
def test_a_plain_question_is_no_check_back(lang: str, line: str) -> None:
    assert not checks_back(line, lang)


def test_a_recap_ending_in_a_check_back_is_confirmed() -> None:
    """A1: "… Richtig so?" after a correct recap gets a yes, not "Das weiß ich nicht genau"."""
    lines = script("mobile-caller", "de-r9-good")[:4]
    reply = last(replayed("mobile-caller", "de", lines))[1]
    assert reply.startswith(customer_lines("de", "confirm"))
    assert not any(u in reply for u in customer_lines("de", "unknown_answer") + customer_lines("de", "nudge_next"))


def test_the_persona_confirms_in_character() -> None:
    """A1: Brenner confirms sharply ("Genau. Und jetzt?") – the scenario's own 'confirm' filler."""
    lines = ["IT-Service-Desk, guten Tag.", "Das tut mir leid. Ich sehe Ihr Ticket vor mir.",
             "Also: Ihre Verbindung bricht seit zehn Tagen ab, Sie haben zweimal angerufen und keinen Rückruf bekommen. "
             "Stimmt das so?"]
    reply = last(replayed("diva-complaint", "de", lines))[1]
    assert any(c in reply for c in load("diva-complaint").fillers["confirm"].all("de")) or "Genau" in reply


def test_a_recap_that_grants_her_check_asks_her_to_check_nothing() -> None:
    """A4: "… und den Stecker haben Sie schon angeschaut. Hab ich das so richtig?" – no "Ich hab doch gesagt"."""
    state = replayed("checked-plug", "de", script("checked-plug", "de-r9-good")[:3])
    turn, reply = last(state)
    assert "check_plug" not in turn.steps and not any(type(e).__name__ == "Pushback" for e in turn.events)
    assert reply.startswith(customer_lines("de", "confirm"))


@pytest.mark.parametrize("lang,line", [("de", "Oft hängt der Drucker an einer Leiste."), ("de", "Damit wir das ausschließen."),
                                       ("de", "Dann wissen wir, ob Strom ankommt."), ("en", "Quite often the strip is off."),
                                       ("en", "Then we know whether power gets through.")])
def test_a_reason_in_any_words(lang: str, line: str) -> None:
    assert gives_reason(line, lang)


def test_granting_her_check_and_giving_a_reason_answers_her_objection_before_she_makes_it() -> None:
    """A5: "das glaube ich Ihnen ja … Oft hängt der Drucker an einer Leiste … schauen Sie doch bitte …" – no "Wozu?"."""
    lines = script("checked-plug", "de-r9-good")[:4]
    turn, reply = last(replayed("checked-plug", "de", lines))
    assert "check_plug" in turn.steps
    assert "Wozu" not in reply


def test_after_her_refusal_a_reason_with_oft_wins_her_over() -> None:
    """A5: a second request with a reason not starting with "Weil" is a reason too."""
    lines = ["Guten Tag, IT-Hotline.", "Schauen Sie bitte mal nach dem Stecker.",
             "Oft hängt der Drucker an einer Leiste mit eigenem Schalter. Schauen Sie bitte unter den Schreibtisch."]
    turn, _ = last(replayed("checked-plug", "de", lines))
    assert "check_plug" in turn.steps
    assert any(type(e).__name__ == "Yielded" for e in turn.events)


@pytest.mark.parametrize("lang,line", [("de", "Hängt der Drucker an einer Steckdosenleiste mit Schalter?"),
                                       ("en", "Is the printer plugged into a power strip?")])
def test_asked_whether_there_is_a_strip_she_says_there_is(lang: str, line: str) -> None:
    """A3: she does not deny the strip she later finds switched off, nor say "we had that"."""
    lines = ["Hallo, IT-Hotline." if lang == "de" else "Hello, IT support.",
             "Ist der Drucker eingeschaltet?" if lang == "de" else "Is the printer switched on?", line]
    turn, reply = last(replayed("checked-plug", lang, lines))
    assert reply.startswith(next(f for f in load("checked-plug").facts if f.id == "strip").answer.get(lang))
    assert not any(r in reply for r in customer_lines(lang, "refuse_again"))
    assert not any(type(e).__name__ == "Pushback" for e in turn.events)


def test_one_question_is_not_too_many_for_the_rambler() -> None:
    """A7: "Kommt eine Fehlermeldung?" – he loses himself, but never says he was asked too much at once."""
    lines = script("voicebox-rambler", "de-r9-mediocre")[:3]
    reply = last(replayed("voicebox-rambler", "de", lines))[1]
    assert "eins nach dem anderen" not in reply
    for step in load("voicebox-rambler").steps:
        for text in step.early.all("de") + step.early.all("en"):
            assert "Fragen Sie mich lieber" not in text and "ask me one" not in text


@pytest.mark.parametrize("sid,lang,lines,expected", [
    ("diva-complaint", "de", ["IT-Service-Desk, guten Tag.", "Unter welcher Nummer erreiche ich Sie am besten?"], "2417"),
    ("diva-complaint", "en", ["IT service desk, hello.", "Do you have a ticket number?"], "48213"),
    ("missed-appointment", "de", ["Service-Hotline, guten Tag.", "Oh, das tut mir leid. Haben Sie die Ticketnummer?"],
     "Ticketnummer"),
    ("voicebox-rambler", "de", ["Hotline, guten Tag.", "Ist die Festplatte voll?"], "Festplatte"),
])
def test_a_question_she_can_answer_is_answered(sid: str, lang: str, lines: list[str], expected: str) -> None:
    """A8/F17: asked for her number, the ticket number or whether the disk is full she answers – also when the same
    line takes a step (an apology)."""
    assert expected in last(replayed(sid, lang, lines))[1]


def test_asking_for_the_ticket_number_is_no_look_into_the_ticket() -> None:
    """F16: "Do you have a ticket number?" does not take "Look into the ticket and say so"."""
    turn, _ = last(replayed("diva-complaint", "en", ["IT service desk.", "I'm sorry about that. Do you have a ticket number?"]))
    # since round 18 a bare "sorry about that" names no failure: she asks what for (an objection), no apology step
    assert "ticket" not in turn.steps and "apologise" not in turn.steps
    assert any(e.kind == "objection" for e in turn.events)


def test_understanding_and_a_vague_promise_is_no_apology() -> None:
    """F16/F17: "I understand. I will make sure it is looked at" takes no sincere-apology step, and her mood does not
    rise as for a real apology after she scorned the same promise (the understanding alone still counts a little)."""
    lines = ["IT service desk.", "Okay. I will forward it to the network team again and someone will get back to you soon.",
             "I understand. I will make sure it is looked at as soon as possible."]
    state = replayed("diva-complaint", "en", lines)
    turn, reply = last(state)
    assert "apologise" not in turn.steps
    assert "something new" not in reply
    assert turn.mood < -40


@pytest.mark.parametrize("lang,line", [("de", "Ist Ihnen Donnerstag recht?"), ("en", "Does Thursday suit you?")])
def test_a_day_without_a_time_is_no_appointment(lang: str, line: str) -> None:
    """A10: she insists on day and time: a day alone gets "und wann genau?", and no new_time step."""
    sc = load("missed-appointment")
    first = ["Service-Hotline.", "Das tut mir sehr leid, dass niemand gekommen ist."] if lang == "de" else \
        ["Service hotline.", "I'm very sorry nobody came."]
    turn, reply = last(replayed("missed-appointment", lang, first + [line]))
    assert "new_time" not in turn.steps
    replies = [r for o in sc.step("new_time").objections for r in o.reply.all(lang)]  # one of its objections
    assert reply in replies or any(r in reply for r in replies)
    ok = replayed("missed-appointment", lang, first + ["Donnerstag zwischen acht und zehn Uhr, fest gebucht."
                                                         if lang == "de" else "Thursday between eight and ten, booked."])
    assert "new_time" in last(ok)[0].steps or any(type(e).__name__ == "Pushback" for e in last(ok)[0].events)


def test_asked_only_to_look_she_reports_and_waits() -> None:
    """F2: a reason that mentions the switch on the strip does not have her switch it on: she waits to be asked."""
    lines = ["Hello, IT support.", "Could you check the plug for me?",
             "Of course, I'm sorry if it sounded that way. It's the first thing we check for everyone, because the "
             "cleaners sometimes knock the switch on the strip. Would you mind having a look under the desk?"]
    turn, reply = last(replayed("checked-plug", "en", lines))
    assert "check_plug" in turn.steps and "power_on" not in turn.steps
    turn, _ = last(replayed("checked-plug", "en", lines + ["Please switch the strip back on."]))
    assert "power_on" in turn.steps


def test_the_short_version_of_a_recap_that_was_too_long_is_the_recap() -> None:
    """F7: "keep it short!" – "Photo arrives, I unlock Mr Yilmaz, he fixes it. …" is the summary step."""
    state = replayed("mobile-caller", "en", script("mobile-caller", "en-r9-good")[:7])
    turn, _ = last(state)
    assert "summary" in turn.acts and "recap" in turn.steps
