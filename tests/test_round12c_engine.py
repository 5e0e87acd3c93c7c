"""The lead's own round-12 calls: a diva won over by a first-person promise after her push-back, and the closing
recap with a consent question that the customer answered with "I'm not sure about that"."""

from __future__ import annotations

import pytest

from playtest_calls import last, replayed
from simulator.dialogue.lines import customer_lines

DIVA = {
    "de": ["Guten Morgen, IT-Service, hier ist Lena Hartmann.",
           "Ich hab Ihr Ticket gerade vor mir – und es tut mir wirklich leid, dass Sie schon zum dritten Mal anrufen "
           "müssen.",
           "Ich fasse kurz zusammen, was drinsteht: Das VPN bricht nur im Homeoffice ab, im Büro nicht, und der Client "
           "wurde schon zweimal neu installiert.",
           "Ab jetzt bin ich Ihre Ansprechpartnerin, Sie müssen nichts mehr doppelt erzählen."],
    "en": ["Good morning, IT service, this is Lena Hartmann.",
           "I've got your ticket right in front of me – and I'm really sorry you've had to call a third time.",
           "Let me sum up what it says: the VPN only drops when you work from home, never in the office, and the client "
           "has been reinstalled twice.",
           "From now on I'm your contact, you won't have to tell it twice any more."],
}
WON_OVER = {
    "de": ["Ich gehe gleich nach dem Gespräch zum Netzwerkteam und melde mich heute bis 14 Uhr bei Ihnen.",
           "Ich kläre das selbst mit den Kollegen vom Netzwerk und rufe Sie bis heute Nachmittag um drei zurück."],
    "en": ["I'll walk over to the network team straight after this call and get back to you by 2 pm today.",
           "I'll sort it out with the network people myself and ring you back by three this afternoon."],
}


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("which", [0, 1])
def test_a_first_person_promise_after_her_pushback_wins_the_diva_over(lang: str, which: int) -> None:
    lines = DIVA[lang]
    before = replayed("diva-complaint", lang, lines)
    assert "ownership" not in before.steps_done  # she pushed back on the bare "I'm your contact"
    state = replayed("diva-complaint", lang, lines + [WON_OVER[lang][which]])
    assert "ownership" in state.steps_done


VOICEBOX = {
    "en": ["Morning, IT helpdesk, you're speaking to Chris. What can I do for you?",
           "Sorry to jump in – could I get your name and a number I can reach you on?",
           "Thanks. One thing at a time: what exactly happens on the screen when it goes wrong?",
           "So since Monday, every time you save a delivery note there's a message and the PC freezes. Did the message "
           "say anything about the disk?",
           "I'll move the old scans to our server remotely this morning, you don't need to do anything. It'll take "
           "about half an hour, and I'll ring you back by eleven to check it's running smoothly.",
           "So to recap: the drive is full of old scans, I move them to the server now, and I call you back by eleven. "
           "Does that work for you?"],
    "de": ["Guten Morgen, IT-Hotline, Sie sprechen mit Chris Weber. Was kann ich für Sie tun?",
           "Darf ich kurz unterbrechen – wie ist Ihr Name, und unter welcher Nummer erreiche ich Sie?",
           "Danke. Eins nach dem anderen: Was genau passiert auf dem Bildschirm, wenn es hängt?",
           "Also seit Montag kommt beim Speichern eines Lieferscheins eine Meldung, und der Rechner hängt. Stand da "
           "etwas von Speicher oder Festplatte?",
           "Ich verschiebe die alten Scans heute Vormittag per Fernwartung auf unseren Server, Sie müssen nichts tun. "
           "Das dauert etwa eine halbe Stunde, und ich rufe Sie bis elf Uhr zurück, ob alles läuft.",
           "Zusammengefasst: Die Platte ist voller alter Scans, ich verschiebe sie jetzt auf den Server und rufe Sie bis "
           "elf zurück. Passt Ihnen das so?"],
}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_closing_recap_with_a_consent_question_is_agreed_to(lang: str) -> None:
    state = replayed("voicebox-rambler", lang, VOICEBOX[lang])
    _, reply = last(state)
    assert reply and reply not in customer_lines(lang, "unknown_answer"), reply
    assert any(reply.startswith(x) for x in customer_lines(lang, "agree") + customer_lines(lang, "confirm")), reply
