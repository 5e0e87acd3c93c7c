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
