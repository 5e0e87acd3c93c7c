"""Round 14 (my own lines, both languages): the debrief agrees with the customer about what she had already told.

The diva refuses to tell her story a third time; a line she refused so ("From the start again? It's all in the
ticket.") is debited as asking again what she had said, even though it apologised or said why it asked. Her ticket
says the restart was advised on her first call and the VPN client reinstalled twice: asking that again, in a sentence
of its own after "I can see your ticket", is debited too – a sentence that only says what the agent is doing is no
reason for asking it again. A reason in words still excuses the question.
"""

from __future__ import annotations

import pytest

from playtest_calls import items, play

HELLO = {"de": "Guten Tag, IT-Hotline, Sam am Apparat.", "en": "Hello, IT helpdesk, Sam speaking."}
SORRY_RETELL = {"de": "Das tut mir leid. Können Sie mir bitte nochmal erzählen, was das Problem ist, damit ich nachsehen kann?",
                "en": "I'm sorry for the inconvenience. Can you please tell me again what the issue is so I can check?"}
TICKET_RESTART = {"de": "Ich sehe hier Ihr Ticket. Haben Sie den Laptop schon mal neu gestartet?",
                  "en": "Okay, I can see the ticket here. Have you tried restarting the laptop?"}
REASONED = {"de": "Ich weiß, Sie haben schon neu gestartet, aber seit dem Update gestern hilft ein Neustart oft doch – haben Sie seitdem neu gestartet?",
            "en": "I know you've restarted before, but since yesterday's update a restart often helps because it loads the new settings – have you restarted since then?"}


def _asked_again(score, turn: int) -> list:
    return [e for e in items(score, "questioning", turn) if e.kind == "asked_again"]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_request_to_retell_that_she_refuses_is_debited(lang: str) -> None:
    _, state, score = play("diva-complaint", lang, [HELLO[lang], SORRY_RETELL[lang]])
    reply = state.exchanges[-1].reply.text
    assert "Ticket" in reply or "ticket" in reply, reply  # she refused to tell it again
    found = _asked_again(score, 2)
    assert found and found[0].effect < 0, items(score, "questioning")


@pytest.mark.parametrize("lang", ["de", "en"])
def test_asking_what_the_ticket_says_after_saying_you_read_it_is_debited(lang: str) -> None:
    _, _, score = play("diva-complaint", lang, [HELLO[lang], TICKET_RESTART[lang]])
    found = _asked_again(score, 2)
    assert found and "?" in found[0].quote and found[0].effect < 0, items(score, "questioning")


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_reason_for_asking_it_again_is_no_debit(lang: str) -> None:
    _, _, score = play("diva-complaint", lang, [HELLO[lang], REASONED[lang]])
    assert not _asked_again(score, 2), items(score, "questioning")
