"""Play-test round 31: readings and debrief items two fresh testers found (northern German, Indian/Irish English; own
lines in both languages, neighbours that must not change beside each)."""

from __future__ import annotations

import pytest

from playtest_calls import kinds as _kinds
from playtest_calls import play as _play
from playtest_calls import rules


def _call(sid: str, lang: str, lines: list[str], seed: int = 0):
    return _play(sid, lang, lines, seed)


def test_a_recap_beside_the_agents_own_promise_is_the_recap():
    """'I'll ring you on Wednesday afternoon to confirm … So: Thursday, 8 to 10 am, …' – the recap waited for the
    confirmation step the same line took: 'never summed up at the end', quoting the recap."""
    lines = ["Good morning, IT service desk, Priya speaking. How can I help you?",
             "I am very sorry, Ms Vaughan. You kept a whole morning free and nobody turned up or even rang you, that's "
             "simply not on. Let me look at what happened with that appointment, I'm opening your booking now.",
             "I'll be straight with you: the ticket shows your technician, Mr Cross, was off sick yesterday, and the job "
             "wasn't handed to anyone else, and nobody called you. That's our failure, not an excuse. I can offer you "
             "Thursday morning, 8 to 10. Shall I book that for you firmly?",
             "It will, and to make sure: I'll ring you on Wednesday afternoon myself to confirm the technician's name and "
             "that everything is set. So: Thursday, 8 to 10 am, new workstation set up before your colleague starts "
             "Monday, and my confirmation call Wednesday afternoon. Is there anything else I can do for you today?"]
    _, state, score = _call("missed-appointment", "en", lines, seed=2468)
    assert {"confirm", "recap"} <= set(state.trainee_turns[-1].steps)
    assert "no_summary_end" not in _kinds(score, "summarising")


def test_a_summary_before_anything_was_booked_is_not_the_one_at_the_end():
    """'ok so friday afternoon one to three is ok' before the booking was 'summarised at the end' (+25)."""
    lines = ["hello service desk", "ok when is good for you", "ok and do you have a ticket number",
             "yes maam really sorry nobody informed you that should not happen",
             "ok so friday afternoon one to three is ok", "i am booking a new technician for you friday one to three pm",
             "ok someone will call you to confirm before. thank you bye"]
    _, state, score = _call("missed-appointment", "en", lines, seed=1357)
    assert "summary_end" not in _kinds(score, "summarising")


def test_a_recap_of_the_ticket_asks_nothing_again():
    """'So just so you know I've got it right: your VPN keeps dropping …, the client has been reinstalled twice with no
    change …' was praised as the recap and debited −15 as asking again; 'no change' was an order."""
    line = ("Yes, I have it here, ticket 48213. So just so you know I've got it right: your VPN keeps dropping when you "
            "work from home, never in the office, the client has been reinstalled twice with no change, and last week it "
            "went to the network team with a callback promised that never came. Is that the full picture?")
    assert "summary" in rules("en", line).acts
    assert "instruction" not in rules("en", line).acts
    assert "instruction" in rules("en", "No, restart it please.").acts


@pytest.mark.parametrize(("lang", "line", "rude"), [
    ("en", "Something you did only, network doesn't go by itself.", True),
    ("en", "Sir, I know what I'm doing. Reinstall the client and call back if still issue.", True),
    ("en", "It's a very basic thing, madam. How difficult can it be.", True),
    ("en", "Sir, everybody says they are sysadmin. I have to follow the process.", True),
    ("en", "that is vendor problem, not ours", True),
    ("en", "I was worried it was something you did, but no, it was the update.", False),
    ("en", "It's not something you did at all.", False),
    ("de", "na wenn sie das schon auswendig können dann machen sies halt nochmal", True),
    ("de", "tja ick kann da auch nix für die vom netzwerkteam pennen halt", True),
    ("de", "Die Kollegen schlafen nicht, die arbeiten schon dran.", False),
])
def test_round31_rudeness(lang, line, rude):
    assert ("rude" in rules(lang, line).acts) is rude


@pytest.mark.parametrize(("lang", "sentence", "vague"), [
    ("de", "Ich markier das Ticket als dringend, und dann sollte sich das Netzwerkteam bis Freitag melden, denke ich.", True),
    ("de", "Bis morgen sollte das eigentlich durch sein, denk ich.", True),
    ("de", "Ich rufe Sie bis 16 Uhr an.", False),
    ("en", "I think they will call you by Friday.", True),
    ("en", "Should be done today itself.", True),
    ("en", "I will call you by Friday.", False),
])
def test_hedged_times_are_vague(lang, sentence, vague):
    from simulator.scoring.wording import vague as is_vague

    assert is_vague(sentence, lang, time_only=True) is vague


def test_revert_to_you_promises_no_time():
    """'i will check with the team and revert to you' took the essential time step (the head read a time)."""
    lines = ["hello licensing desk how may i help you", "ok i dont know that honestly",
             "i will check with the team and revert to you"]
    _, state, _ = _call("unknown-answer", "en", lines)
    assert "time_commitment" not in state.trainee_turns[-1].acts
    assert "time" not in state.trainee_turns[-1].steps


def test_you_need_not_call_anyone_is_no_work_put_on_her():
    """'Sie müssen nicht mehr bei der Hotline anrufen' – she answered 'Das ist doch Ihre Aufgabe, nicht meine.'"""
    greeting = "IT-Hotline, Jansen, guten Tag. Was kann ich für Sie tun?"
    for line, shifted in [("Ab jetzt bin ich Ihr fester Ansprechpartner, Sie müssen nicht mehr bei der Hotline anrufen.", False),
                          ("Sie müssen niemandem mehr hinterhertelefonieren, das mach ich.", False),
                          ("Sie müssen dann beim Hersteller anrufen.", True)]:
        _, state, _ = _call("diva-complaint", "de", [greeting, line])
        kinds = [getattr(e, "kind", "") for e in state.trainee_turns[1].events]
        assert ("shifted" in kinds) is shifted, line


def test_a_spoken_recap_zum_mitschreiben_and_the_closing_offer():
    """'gern also nochmal zum mitschreiben ich kläre …' was 'not recapped at the end' and its closing offer 'kann ich
    sonst noch was für sie tun' a narrowing question."""
    line = ("gern also nochmal zum mitschreiben ich kläre mit der lizenzabteilung ob das bim modul drin ist ich ruf sie "
            "heute bis 16 uhr auf der durchwahl 12 an kann ich sonst noch was für sie tun")
    acts = rules("de", line).acts
    assert "summary" in acts and "open_question" not in acts
    assert "open_question" in rules("de", "Guten Tag, IT-Hotline, was kann ich für Sie tun?").acts


@pytest.mark.parametrize(("line", "act", "present"), [
    ("ok geben sie mir mal ne nummer falls wir rausfliegen", "callback", True),
    ("Oh nee, wie ärgerlich – bis wann brauchen Sie die Abrechnung?", "empathy", True),
    ("Na super, das haben Sie ja toll hingekriegt.", "rude", True),
    ("Meistens vertippen sich die Leute beim Passwort.", "rude", True),
    ("Das haben Sie toll erklärt, danke.", "rude", False),
    ("Das haben Sie super gemacht.", "rude", False),
    ("Super, das haben Sie prima gemacht.", "rude", False),
])
def test_round31_german_readings(line, act, present):
    """Neighbours: sincere praise is no sneer (the held-out lines caught the first version of the pattern)."""
    assert (act in rules("de", line).acts) is present


def test_the_checklist_quotes_the_request_not_the_thanks():
    """'Three o'clock, got it. I believe you about the plug. Could you check under your desk …?' – the step was quoted
    as 'I believe you about the plug.' (own EN call after round 31)."""
    lines = ["Hi, IT service desk, Maya speaking – how can I help?",
             "Oh no, and with the statements due today – that's really stressful. When do they need to be out?",
             "Three o'clock, got it. I believe you about the plug. Could you check under your desk whether the power "
             "strip has its own switch and if it's lit? Cleaners often knock it off, that's why I ask."]
    _, state, score = _call("checked-plug", "en", lines, seed=11)
    done = [e for e in score.dimension("checklist").evidence if e.kind.startswith("step_") and e.turn == 3]
    assert done and all("believe you" not in e.quote for e in done)


@pytest.mark.parametrize(("lang", "line"), [
    ("en", "Your morning was rubbish, sorry about that."),
    ("en", "Let's start with a basic step: check the cable."),
    ("en", "It must be hard to find anything with that many cables."),
    ("de", "Ihr Vormittag war echt Mist, das tut mir leid."),
    ("de", "wenn Sie etwas installiert haben, sagen Sie Bescheid"),
    ("de", "Das sagen Sie so schön."),
])
def test_sympathy_and_plain_steps_are_no_snub(lang, line):
    """Neighbours of the round-30/31 rude patterns, read again before the stop: sympathy and plain requests."""
    assert "rude" not in rules(lang, line).acts
