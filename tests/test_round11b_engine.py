"""Round 11, second engine pass: the customer answers the line she was given, not a canned piece beside it."""

from __future__ import annotations

import pytest

from playtest_calls import last, replayed
from simulator.dialogue.events import Objected, Pushback, has
from simulator.scenario import load

PLUG_OPEN = {"en": "Good morning, IT helpdesk, Sam speaking.", "de": "Guten Morgen, IT-Hotline, Sam am Apparat."}
DIVA_OPEN = {"en": "Good afternoon, IT service desk, Priya speaking.", "de": "Guten Tag, IT-Service, Berger am Apparat."}


# -- her claim granted asks her to check nothing (EN 1) ------------------------------------------------------------
@pytest.mark.parametrize("lang,line", [
    ("en", "Okay, I hear you on the plug. How urgent is it – when do the statements need to be out?"),
    ("en", "Understood, the plug is in. By when do you need the printouts?"),
    ("en", "Got it, your plug's in. How urgent is this for you today?"),
    ("de", "Okay, ich höre Sie, der Stecker ist drin. Bis wann brauchen Sie die Ausdrucke?"),
    ("de", "Verstanden, der Stecker steckt. Wie dringend ist es denn?"),
])
def test_granting_her_plug_claim_draws_no_plug_outburst(lang: str, line: str) -> None:
    turn, reply = last(replayed("checked-plug", lang, [PLUG_OPEN[lang], line]))
    assert not has(turn.events, Pushback, "check_plug"), reply
    assert "context" in turn.steps, reply


@pytest.mark.parametrize("lang,line", [("en", "Is the plug in properly?"), ("de", "Ist der Stecker richtig drin?")])
def test_asking_about_the_plug_still_meets_her_push_back(lang: str, line: str) -> None:
    turn, reply = last(replayed("checked-plug", lang, [PLUG_OPEN[lang], line]))
    assert has(turn.events, Pushback, "check_plug"), reply


# -- she looked: what she found answers the question, no "Why?" (EN 2) -----------------------------------------------
@pytest.mark.parametrize("lang,line", [
    ("en", "I'm sure the plug is in. These printers often sit on a power strip with its own switch – could you look "
           "under the desk: is there a strip, and is it on?"),
    ("en", "And no, I don't doubt you. The thing is, these printers usually sit on a power strip that has its own "
           "switch. Could you have a peek – is there a strip with a switch, and is it lit?"),
    ("de", "Ich glaube Ihnen, dass der Stecker drin ist. Oft hängen Drucker an einer Leiste mit eigenem Schalter – "
           "schauen Sie bitte mal unter den Tisch: gibt es da eine Steckerleiste, und ist die an?"),
])
def test_after_looking_she_does_not_ask_why_about_what_she_found(lang: str, line: str) -> None:
    first = {"en": "By when do you need the printouts?", "de": "Bis wann brauchen Sie die Ausdrucke?"}
    turn, reply = last(replayed("checked-plug", lang, [PLUG_OPEN[lang], first[lang], line]))
    assert "check_plug" in turn.steps, reply
    assert "Why?" not in reply and "Wieso?" not in reply, reply


@pytest.mark.parametrize("lang,line", [("en", "Is the printer plugged into a power strip?"),
                                       ("de", "Hängt der Drucker an einer Steckerleiste?")])
def test_a_plain_question_about_the_strip_is_still_answered(lang: str, line: str) -> None:
    turn, reply = last(replayed("checked-plug", lang, [PLUG_OPEN[lang], line]))
    assert "strip" in reply or "Leiste" in reply, reply


# -- asked to tell her story a third time, she refuses; otherwise she never says so (EN 7, 10) ------------------------
@pytest.mark.parametrize("lang,line", [
    ("en", "So sorry for the inconvenience madam. Kindly tell me what is the issue you are facing?"),
    ("en", "Okay. What seems to be the problem?"),
    ("en", "Could you explain to me again what happened?"),
    ("de", "Oh okay, sorry dafür. Können Sie mir nochmal kurz erklären, was genau das Issue ist?"),
    ("de", "Was ist denn das Problem?"),
    ("de", "Erzählen Sie mir doch bitte, was passiert ist."),
])
def test_asked_to_tell_it_again_she_says_it_is_in_the_ticket(lang: str, line: str) -> None:
    state = replayed("diva-complaint", lang, [DIVA_OPEN[lang], line])
    turn, reply = last(state)
    assert "Ticket" in reply or "ticket" in reply, reply
    assert not any(w in reply for w in ("Thank you", "something new", "Danke", "was Neues")), reply


@pytest.mark.parametrize("lang,lines", [
    ("en", ["I'm really sorry you've had to call a third time.", "I'm looking at your ticket right now.",
            "I've added that detail to the ticket."]),
    ("de", ["Es tut mir wirklich leid, dass Sie zum dritten Mal anrufen müssen.", "Ich schaue mir gerade Ihr Ticket an.",
            "Das Detail habe ich im Ticket ergänzt."]),
])
def test_she_does_not_refuse_to_retell_when_nothing_was_asked(lang: str, lines: list[str]) -> None:
    for seed in range(4):
        turn, reply = last(replayed("diva-complaint", lang, [DIVA_OPEN[lang]] + lines, seed=seed))
        assert "third time" not in reply and "dritten Mal" not in reply, reply


@pytest.mark.parametrize("lang", ["en", "de"])
def test_her_ticket_reply_never_tells_him_to_read_what_he_has_read(lang: str) -> None:
    reply = load("diva-complaint").step("ticket").reply.all(lang)
    assert not any("read it" in r or "lesen Sie mal" in r for r in reply)


# -- a correction after her objection must still be about the step (EN 10, turn 3) -----------------------------------
@pytest.mark.parametrize("lang,lines", [
    ("en", ["So sorry for the inconvenience madam.", "I can see the ticket is with the network team. I will escalate it again."]),
    ("de", ["Entschuldigen Sie die Unannehmlichkeiten.", "Ich seh im Ticket, das liegt beim Netzwerkteam. Ich push das nochmal."]),
])
def test_again_in_a_hand_off_is_no_apology_after_a_stock_one(lang: str, lines: list[str]) -> None:
    state = replayed("diva-complaint", lang, [DIVA_OPEN[lang]] + lines)
    assert has(state.exchanges[-2].trainee.events, Objected, "apologise")
    turn, reply = last(state)
    assert "apologise" not in turn.steps, reply


# -- jargon she does not follow is no recap she could confirm (EN 13) ------------------------------------------------
@pytest.mark.parametrize("lang,line", [
    ("en", "Actually the DHCP lease or some VPN thing may be there, network team will check the logs."),
    ("en", "So the VPN tunnel drops because the DHCP lease expires, the network team will check the logs."),
    ("en", "To sum up: your VPN tunnel drops when the DHCP lease runs out, and the network team checks the logs."),
    ("de", "Laut Ticket fliegt Ihr VPN-Tunnel wegen der DHCP-Lease raus, das Netzwerkteam prüft die Logs."),
    ("de", "Kurz zusammengefasst: Ihr VPN-Tunnel fliegt raus, wenn die DHCP-Lease abläuft, das Netzwerkteam prüft die Logs."),
])
def test_a_jargon_line_takes_no_recap_step(lang: str, line: str) -> None:
    before = {"en": ["I'm really sorry you've had to call a third time.", "I'm looking at your ticket right now."],
              "de": ["Es tut mir wirklich leid, dass Sie zum dritten Mal anrufen müssen.", "Ich schaue mir gerade Ihr Ticket an."]}
    turn, reply = last(replayed("diva-complaint", lang, [DIVA_OPEN[lang]] + before[lang] + [line]))
    assert "recap_known" not in turn.steps, reply
    assert "Exactly" not in reply and "Genau so" not in reply, reply


# -- no recap confirmed before the agreement is made, nor one that contradicts her (EN 29, DE 7) ----------------------
MISSED = {
    "en": ["Service desk, Thandi speaking. How can I help you?",
           "I'm really sorry. You kept your morning free and nobody even phoned you.",
           "The ticket shows Mr Cross was off sick, and nobody called you. That's our mistake.",
           "By when do you need the workstation, and when are you in the office this week?",
           "I can give you this Thursday, eight to ten in the morning – I'm booking it now."],
    "de": ["Kundenservice, Wolff. Womit darf ich Ihnen behilflich sein?",
           "Das tut mir wirklich leid. Sie haben sich den Vormittag freigehalten, und niemand hat Sie angerufen.",
           "Laut Ticket hat sich Herr Kraus krank gemeldet, und niemand hat Sie angerufen. Das ist unser Fehler.",
           "Bis wann muss der Arbeitsplatz stehen, und wann sind Sie diese Woche im Büro?",
           "Ich kann Ihnen Donnerstag, 8 bis 10 Uhr, fest zusagen. Ich trage das jetzt ein."],
}


@pytest.mark.parametrize("lang,line", [
    ("en", "And so you're not left waiting again: I'll phone you on Wednesday afternoon to confirm. Which number is best?"),
    ("en", "So you're covered, I'll ring you the day before to confirm. What's the best number for you?"),
    ("de", "Damit Sie nicht wieder warten: Ich rufe Sie am Mittwochnachmittag an und bestätige. Unter welcher Nummer?"),
])
def test_a_callback_question_is_no_recap_of_the_agreement(lang: str, line: str) -> None:
    turn, reply = last(replayed("missed-appointment", lang, MISSED[lang] + [line]))
    assert "confirm" in turn.steps and "recap" not in turn.steps, reply
    assert "that's right" not in reply and "so ist es richtig" not in reply, reply


@pytest.mark.parametrize("lang,recap", [
    ("en", "So to recap: technician this Thursday eight to ten, and I'll call your secretary on extension 20 on "
           "Wednesday afternoon to confirm."),
    ("en", "To sum up: Thursday eight to ten, and I'll confirm with your assistant the day before."),
    ("de", "Ich fasse zusammen: Donnerstag von 8 bis 10 Uhr kommt ein Techniker, und morgen rufe ich Ihre Sekretärin "
           "unter der Durchwahl 20 an und bestätige den Termin."),
])
def test_a_recap_that_goes_through_her_secretary_is_corrected(lang: str, recap: str) -> None:
    callback = {"en": "I'll phone you on Wednesday afternoon to confirm the technician's name.",
                "de": "Ich rufe Sie morgen an und bestätige den Namen des Technikers."}
    turn, reply = last(replayed("missed-appointment", lang, MISSED[lang] + [callback[lang], recap]))
    assert "recap" not in turn.steps and has(turn.events, Objected, "recap"), reply
    assert "that's right" not in reply and "so ist es richtig" not in reply, reply


@pytest.mark.parametrize("lang,recap", [
    ("en", "So to recap: technician this Thursday eight to ten, and I'll call you directly on extension 20 on "
           "Wednesday to confirm."),
    ("de", "Ich fasse zusammen: Donnerstag von 8 bis 10 Uhr kommt ein Techniker, und morgen rufe ich Sie direkt unter "
           "der Durchwahl 20 an."),
])
def test_a_recap_straight_to_her_is_confirmed(lang: str, recap: str) -> None:
    callback = {"en": "I'll phone you on Wednesday afternoon to confirm the technician's name.",
                "de": "Ich rufe Sie morgen an und bestätige den Namen des Technikers."}
    turn, reply = last(replayed("missed-appointment", lang, MISSED[lang] + [callback[lang], recap]))
    assert "recap" in turn.steps, reply


# -- an echo that opens her reply fits what she was asked (EN 44) ----------------------------------------------------
RAMBLER_OPEN = {"en": "Hi, service hotline, how can I help?", "de": "Service-Hotline, hallo, wie kann ich helfen?"}


@pytest.mark.parametrize("lang,line,wrong", [
    ("en", "just tell me what the mesage said when it poped up", "Since when?"),
    ("en", "What did the error message say?", "Since when?"),
    ("en", "Since when has it been slow?", "The message?"),
    ("de", "sagen sie mir einfach was die meldung gesagt hat als sie kam", "Seit wann?"),
    ("de", "Seit wann ist der Rechner so langsam?", "Die Meldung?"),
])
def test_her_early_echo_never_names_a_question_not_asked(lang: str, line: str, wrong: str) -> None:
    for seed in range(6):
        state = replayed("voicebox-rambler", lang, [RAMBLER_OPEN[lang], line], seed=seed)
        turn, reply = last(state)
        assert not reply.startswith(wrong) and f" {wrong}" not in reply, (seed, reply)


# -- the back-channel cheer agrees only to what she said (DE 16) ------------------------------------------------------
@pytest.mark.parametrize("lang,line", [
    ("en", "ok. sounds like a full C drive or something, maybe the update."),
    ("en", "Okay. Probably the hard disk then."),
    ("de", "ok. klingt nach vollem laufwerk c oder so."),
    ("de", "Okay. Ist bestimmt die Festplatte."),
])
def test_an_ok_that_leads_into_his_own_theory_draws_no_cheer(lang: str, line: str) -> None:
    structure = {"en": "Let me stop you there so we can go one step at a time.",
                 "de": "Ich unterbreche Sie kurz, damit wir der Reihe nach vorgehen."}
    cheers = load("voicebox-rambler").reactions["active_listening"].reply.all(lang)
    turn, reply = last(replayed("voicebox-rambler", lang, [RAMBLER_OPEN[lang], structure[lang], line]))
    assert not any(c in reply for c in cheers), reply


@pytest.mark.parametrize("lang,line", [("en", "Okay, I see."), ("de", "Okay, verstehe.")])
def test_a_bare_back_channel_may_still_be_cheered(lang: str, line: str) -> None:
    structure = {"en": "Let me stop you there so we can go one step at a time.",
                 "de": "Ich unterbreche Sie kurz, damit wir der Reihe nach vorgehen."}
    cheers = load("voicebox-rambler").reactions["active_listening"].reply.all(lang)
    turn, reply = last(replayed("voicebox-rambler", lang, [RAMBLER_OPEN[lang], structure[lang], line]))
    assert any(c in reply for c in cheers), reply


# -- "… Okay?" asks whether she agrees, not a fact she does not know (DE 12) -----------------------------------------
@pytest.mark.parametrize("lang,sid,lines", [
    ("de", "diva-complaint", ["Hotline, hallo.", "Die melden sich dann zeitnah bei Ihnen. Okay?"]),
    ("de", "voicebox-rambler", ["Hotline, hallo.", "Da kümmern sich die Kollegen drum. Passt das?"]),
    ("de", "checked-plug", ["Hotline, hallo.", "Ich schau mir das später mal an. Okay?"]),
    ("en", "diva-complaint", ["Helpdesk, hello.", "The team will get back to you. Okay?"]),
    ("en", "voicebox-rambler", ["Helpdesk, hello.", "The team will get back to you. Does that work for you?"]),
    ("en", "checked-plug", ["Helpdesk, hello.", "Someone will have a look later. Does that work for you?"]),
])
def test_asked_whether_she_agrees_she_never_says_she_does_not_know(lang: str, sid: str, lines: list[str]) -> None:
    from simulator.dialogue.lines import customer_lines

    for seed in range(4):
        turn, reply = last(replayed(sid, lang, lines, seed=seed))
        assert not any(u in reply for u in customer_lines(lang, "unknown_answer")), (seed, reply)


# -- a plain question is no riddle: no "Wie meinen Sie das?" (DE 14) --------------------------------------------------
@pytest.mark.parametrize("lang,line", [
    ("de", "Ja schon klar, aber ich muss trotzdem meine Checkliste durchgehen. Haben Sie den Rechner mal neu gestartet?"),
    ("de", "Ja ja, schon klar. Haben Sie den Rechner neu gestartet?"),
    ("en", "Yeah sure, but I still have to go through my checklist. Have you restarted the computer?"),
])
def test_a_plain_question_is_answered_not_questioned(lang: str, line: str) -> None:
    from simulator.dialogue.lines import customer_lines

    opening = {"en": "Support, hello.", "de": "Support, hallo."}
    turn, reply = last(replayed("expert-user", lang, [opening[lang], line]))
    assert not any(c in reply for c in customer_lines(lang, "clarify")), reply


# -- an apology that repeats her complaint discloses nothing; the disclosure is answered as one (DE 6) ---------------
@pytest.mark.parametrize("lang,apology,disclosure", [
    ("de", "Frau Dr. Vogt, dafür bitte ich Sie um Entschuldigung. Sie haben sich den Vormittag freigehalten, und wir "
           "haben Sie nicht einmal informiert. Das darf nicht passieren.",
     "Ich sehe im Ticket: Herr Kraus hat sich gestern krank gemeldet, und der Termin wurde nicht neu vergeben."),
    ("de", "Das tut mir wirklich leid – Sie haben umsonst gewartet, und niemand hat Ihnen Bescheid gegeben.",
     "Laut Ticket ist der Techniker krank ausgefallen, und der Auftrag wurde nicht neu eingeplant."),
    ("en", "Ms Vaughan, I'm really sorry. You kept your whole morning free and nobody even told you.",
     "The ticket shows Mr Cross was off sick, and the job wasn't reassigned."),
    ("en", "I do apologise – you waited all morning and nobody informed you. That shouldn't happen.",
     "According to the ticket the technician was ill and nobody rebooked the job."),
])
def test_an_apology_that_echoes_her_complaint_is_no_disclosure(lang: str, apology: str, disclosure: str) -> None:
    state = replayed("missed-appointment", lang, [MISSED[lang][0], apology])
    turn, reply = last(state)
    assert "explain" not in turn.steps, reply
    turn, reply = last(replayed("missed-appointment", lang, [MISSED[lang][0], apology, disclosure]))
    assert "explain" in turn.steps, reply


# -- a focused question in the structuring line is answered, not re-invited (EN 44, turn 4) ---------------------------
@pytest.mark.parametrize("lang,line", [
    ("en", "ok sure, one at a time. is the pc hanging when you save stuff or all the time?"),
    ("en", "Let's go step by step. Does it freeze only when you save, or all the time?"),
    ("de", "ok, eins nach dem anderen. hängt der pc wenn sie was speichern oder dauernd?"),
    ("de", "Gehen wir das der Reihe nach durch. Ist er ständig langsam oder nur beim Speichern?"),
])
def test_the_question_in_the_structuring_line_is_answered(lang: str, line: str) -> None:
    turn, reply = last(replayed("voicebox-rambler", lang, [RAMBLER_OPEN[lang], line]))
    assert "symptom" in turn.steps, reply
    assert "Go ahead" not in reply and "Fragen Sie" not in reply, reply
