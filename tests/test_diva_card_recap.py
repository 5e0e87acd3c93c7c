"""The diva's card and her "summarise what is already known" step agree (play-testers, repeatedly).

``recap_known`` was matched against facts the card never showed (VPN drops at home, not in the office; two
reinstallations), and a recap of exactly what the card does show – ticket 48213, first call: restart, second call:
forwarded to the network team, callback promised and never made, open for ten days – got "Step missing". The card
(``situation.briefing``, what ``simulator play`` shows as known) now shows the facts the step expects, and the step
takes a recap of the ticket's history as shown: on its own line, in the line that opens the ticket, and followed by
"Have I got that right?" or a question about what is missing.
"""

from __future__ import annotations

import pytest

from simulator.scenario import load
from simulator.scoring.consistency import problems

from playtest_calls import items, play

CARD_RECAPS = {
    "en": ["Ticket 48213 has been open for ten days. On your first call you were advised to restart, on the second it "
           "was forwarded to the network team, and the callback you were promised never came.",
           "First call: restart. Second call: forwarded to the network team, callback promised, never made.",
           "Your VPN keeps dropping when you work from home, not in the office, and the client has been reinstalled "
           "twice."],
    "de": ["Das Ticket 48213 ist seit zehn Tagen offen. Beim ersten Anruf wurde Ihnen ein Neustart geraten, beim zweiten "
           "wurde es ans Netzwerkteam weitergeleitet, und der zugesagte Rückruf kam nie.",
           "Erster Anruf: Neustart. Zweiter Anruf: ans Netzwerkteam weitergeleitet, Rückruf zugesagt, nicht erfolgt.",
           "Ihre VPN-Verbindung bricht im Homeoffice ab, im Büro nicht, und der Client wurde schon zweimal neu "
           "installiert."],
}
CARD_FACTS = {"en": ("48213", "ten days", "restart", "network team", "callback promised, never made", "from home",
                     "not in the office", "reinstalled twice"),
              "de": ("48213", "zehn Tagen", "Neustart", "Netzwerkteam", "Rückruf zugesagt, nicht erfolgt", "Homeoffice",
                     "im Büro nicht", "zweimal neu installiert")}
"""What the recaps above say, as the card (situation.briefing) says it."""
START = {"en": ["IT service desk, Sam speaking.", "I'm very sorry you've had to call a third time."],
         "de": ["IT-Service, Berger, guten Tag.", "Es tut mir sehr leid, dass Sie schon zum dritten Mal anrufen müssen."]}
TICKET = {"en": "I'm looking at your ticket right now.", "de": "Ich schaue mir gerade Ihr Ticket an."}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_card_shows_every_fact_the_recaps_use(lang: str) -> None:
    card = load("diva-complaint").situation.briefing.get(lang)
    assert [f for f in CARD_FACTS[lang] if f not in card] == []


@pytest.mark.parametrize("lang, recap", [pytest.param(lang, r, id=f"{lang}-{i}") for lang, rs in CARD_RECAPS.items()
                                          for i, r in enumerate(rs)])
@pytest.mark.parametrize("ticket_first", [True, False], ids=["after-ticket", "ticket-in-same-line"])
def test_a_recap_of_only_the_cards_facts_takes_the_recap_step(lang: str, recap: str, ticket_first: bool) -> None:
    lines = START[lang] + ([TICKET[lang], recap] if ticket_first else [f"{TICKET[lang]} {recap}"])
    sc, state, score = play("diva-complaint", lang, lines)
    turn = state.trainee_turns[-1]
    assert "recap_known" in turn.steps and "summary" in turn.acts, (turn.steps, turn.acts)
    title = sc.step("recap_known").title.get(lang)
    assert not [e for e in items(score, "checklist") if title in e.note and e.kind != "step_done"]
    assert problems(sc, state, score) == []


@pytest.mark.parametrize("lang, line", [
    ("en", "Here's what I can see: you first rang ten days ago and were told to restart; on your second call it was "
           "passed to the network team and you were promised a callback, which never came. Have I got that right? "
           "When exactly does the connection drop?"),
    ("de", "Ich sehe hier: Sie haben vor zehn Tagen zum ersten Mal angerufen, da hieß es Neustart; beim zweiten Anruf "
           "wurde es ans Netzwerkteam weitergeleitet und ein Rückruf zugesagt, der nie kam. Stimmt das so? Wann genau "
           "bricht die Verbindung ab?"),
])
def test_a_recap_followed_by_questions_is_still_a_recap(lang: str, line: str) -> None:
    """A question in another sentence ("Have I got that right?", "When exactly …?") does not make the recap before it
    a question: the recap step is taken by its examples all the same."""
    sc, state, score = play("diva-complaint", lang, START[lang] + [TICKET[lang], line])
    assert "recap_known" in state.trainee_turns[-1].steps
    assert problems(sc, state, score) == []
