"""My own diva-complaint calls after round 13: summing up what the ticket and her opening said, instead of asking her
to tell it a third time, is what the scenario asks for – the debrief must not debit "no open question" for it, nor
"only closed questions" for the check-back after the summary; a focused question about what the summary left open is
credited. Without such a summary the debit stays. Lines written for this test, both languages."""

from __future__ import annotations

import pytest

from playtest_calls import kinds, play

SUMMED = {
    "de": ["Guten Tag, IT-Hotline, Sie sprechen mit Maya Peters.",
           "Frau Dr. Bennett, das tut mir wirklich leid – der dritte Anruf wegen derselben Sache, und der versprochene "
           "Rückruf kam nie. Sie müssen mir nichts neu erzählen, ich habe das Ticket 48213 vor mir.",
           "Laut Ticket bricht das VPN nur im Homeoffice ab, im Büro nie, und der Client wurde schon zweimal neu "
           "installiert. Stimmt das so noch?",
           "Passiert das in regelmäßigen Abständen?"],
    "en": ["Good afternoon, IT support, Maya speaking.",
           "Dr Bennett, I'm really sorry – a third call about the same fault, and the promised callback never came. "
           "You don't need to tell me it all again, I've got ticket 48213 open.",
           "From the notes: the VPN drops when you work from home, never in the office, and the client has been "
           "reinstalled twice. Is that still the picture?",
           "Does it drop at random, or at fairly regular intervals?"],
}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_summing_up_what_she_told_needs_no_open_question(lang: str) -> None:
    _, _, score = play("diva-complaint", lang, SUMMED[lang])
    got = kinds(score, "questioning")
    assert "no_open" not in got and "no_open_described" not in got and "closed_only" not in got, got
    assert "open_not_needed" in got and "narrowing_summed" in got, got


@pytest.mark.parametrize("lang", ["de", "en"])
def test_without_a_summary_no_open_question_is_still_debited(lang: str) -> None:
    lines = [SUMMED[lang][0], SUMMED[lang][3]]
    _, _, score = play("diva-complaint", lang, lines)
    got = kinds(score, "questioning")
    assert "no_open" in got or "no_open_described" in got, got


REASON_FIRST = {
    "de": ["Guten Morgen, IT-Support, Tom Reuter. Was ist passiert?",
           "Ich frage, weil Drucker oft an einer Steckdosenleiste unterm Tisch hängen, und die hat einen eigenen "
           "Schalter. Können Sie da mal schauen?",
           "Schauen Sie bitte einfach nach dem Schalter an der Leiste."],
    "en": ["Morning, IT support, Tom speaking. What's happened?",
           "I'm asking because printers often sit on a power strip under the desk, and that strip has its own switch. "
           "Could you look at it?",
           "Please just check the switch on the strip for me."],
}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_reason_in_the_line_she_pushed_back_on_still_stands(lang: str) -> None:
    # the engine lets the earlier reason win her over (promises.says_why); the debrief said "without a reason"
    from simulator.dialogue.events import Pushback, Yielded, has

    _, state, score = play("checked-plug", lang, REASON_FIRST[lang])
    asked, plain = state.trainee_turns[1], state.trainee_turns[2]
    assert has(asked.events, Pushback, "check_plug") and has(plain.events, Yielded, "check_plug")
    got = kinds(score, "checklist", 3)
    assert "step_yielded" in got and "step_yielded_unreasoned" not in got, got
