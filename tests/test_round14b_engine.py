"""Round 14, engine B: customer-side findings of the play-tests (mobile-caller, voicebox-rambler, jargon-averse,
checked-plug, diva-complaint) – each class tested with natural lines of our own in both languages."""

from __future__ import annotations

import pytest

from types import SimpleNamespace

from playtest_calls import last, replayed
from simulator.dialogue.recognition import bare_back_channel
from simulator.dialogue.planner import ReplyPlan

OBSTACLE_TOLD = {  # the obstacle told him in plain words, not asked
    "de": "Kurz gesagt: Wir brauchen Ihr Okay als Inhaber, bevor wir das umstellen dürfen.",
    "en": "In short: we need your okay as the account holder before we can switch it.",
}
MOBILE_TO_FIX = {  # callback, context, the obstacle asked for, the fix
    "de": ["Hallo, MailHaus, Jonas Weber. Unter welcher Nummer erreiche ich Sie, falls die Verbindung abreißt?",
           "Sind Sie unterwegs, haben Sie einen Rechner dabei?",
           "Woran scheitert es denn, dass Herr Yilmaz das nicht einfach umstellt?",
           "Ich verstehe, dass das nervt. Schreiben Sie von Hand auf ein Blatt, dass Herr Yilmaz das ändern darf, "
           "unterschreiben Sie, machen Sie ein Foto – das reicht uns."],
    "en": ["Hi, MailHaus, Jonas here. What number can I call you back on if the line drops?",
           "Are you travelling, have you got a laptop with you?",
           "What's stopping Mr Yilmaz from simply changing it?",
           "I get that it's annoying. Write on any piece of paper that Mr Yilmaz may change it, sign it and take a photo – "
           "that's enough for us."],
}
SEND_TO = {  # where the photo he has just taken goes: no question, no new step
    "de": "Das Foto schicken Sie per SMS an die 0151 998877, nicht per Mail.",
    "en": "Text the photo to 07700 900 456, not by e-mail.",
}
IDLE = {"de": ["Kommen Sie bitte zum Punkt.", "Hallo? Und jetzt?", "Ja, und? Ich hab nicht ewig Zeit."],
        "en": ["Please get to the point.", "Hello? And now?", "Yes, and? I haven't got all day."]}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_obstacle_told_to_him_is_taken(lang: str) -> None:
    state = replayed("mobile-caller", lang, MOBILE_TO_FIX[lang][:2] + [OBSTACLE_TOLD[lang]])
    turn, reply = last(state)
    assert "obstacle" in turn.steps, reply


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("seed", [0, 7])
def test_telling_him_how_to_do_what_he_just_did_is_acknowledged(lang: str, seed: int) -> None:
    state = replayed("mobile-caller", lang, MOBILE_TO_FIX[lang] + [SEND_TO[lang]], seed=seed)
    assert "propose_photo" in state.steps_done
    turn, reply = last(state)
    assert not turn.steps and reply and reply not in IDLE[lang], reply


NOTE_WITHOUT_PHOTO = {  # a note, no photo yet: his doubt names no photo either
    "de": "Schreiben Sie auf einen Zettel: Freigabe für Yilmaz, Datum, Unterschrift.",
    "en": "Write on a piece of paper: authorisation for Yilmaz, date, signature.",
}
PHOTO = {"de": ("foto",), "en": ("photo", "picture")}


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("seed", [0, 1, 7])
def test_his_doubt_names_no_way_the_line_did_not_say(lang: str, seed: int) -> None:
    state = replayed("mobile-caller", lang, MOBILE_TO_FIX[lang][:3] + [NOTE_WITHOUT_PHOTO[lang]], seed=seed)
    _, reply = last(state)
    assert not any(p in reply.lower() for p in PHOTO[lang]), reply


DICTATED = {"de": "Herr Yilmaz darf die Mail-Einstellungen", "en": "Mr Yilmaz may change the e-mail settings"}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_he_writes_no_note_text_of_his_own(lang: str) -> None:
    state = replayed("mobile-caller", lang, MOBILE_TO_FIX[lang])
    turn, reply = last(state)
    assert "propose_photo" in turn.steps and DICTATED[lang] not in reply, reply


@pytest.mark.parametrize("lang,first,second", [
    ("en", "Yes, right. Finally someone who listens.", "Finally. Note, photo, done."),
    ("de", "Na endlich! Jemand, der zuhört.", "Endlich! Zettel, Foto, fertig."),
])
def test_a_short_exclamation_is_not_said_twice_in_one_answer(lang: str, first: str, second: str) -> None:
    plan = ReplyPlan("", lang=lang)
    plan.add(first)
    plan.add(second)
    text = plan.text()
    word = second.split()[0].strip(".!").lower()
    assert text.lower().count(word) == 1, text


RAMBLER_START = {"de": "Guten Tag, Hotline, Petra Lange.", "en": "Good morning, hotline, Petra speaking."}
ASKED_TWICE = {  # a direct question about the symptom, put again after he lost the thread
    "de": ["Was für eine Fehlermeldung kam denn da?",
           "Egal wo wir anfangen – was stand denn in der Meldung?"],
    "en": ["What kind of error message did you get?",
           "Never mind where we start – what did the message say?"],
}
SYMPTOM = {"de": "Speicherplatz", "en": "disk space"}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_question_put_again_after_he_lost_the_thread_is_answered(lang: str) -> None:
    state = replayed("voicebox-rambler", lang, [RAMBLER_START[lang]] + ASKED_TWICE[lang])
    turn, reply = last(state)
    assert "symptom" in turn.steps and SYMPTOM[lang] in reply, reply


THANKS_AND_ASK = {  # thanks, then a question: no cheer ("Exactly, exactly!") for what he never said
    "de": ["Guten Tag, Hotline, Petra Lange. Darf ich kurz unterbrechen – Ihr Name und Ihre Rückrufnummer?",
           "Vielen Dank, Herr Wallner, das hab ich. Gehen wir der Reihe nach: Was genau ist langsam, und seit wann?"],
    "en": ["Good morning, hotline, Petra. Sorry to cut in – your name and a number to call you back on?",
           "Thank you, Mr Walsh, noted. Let us take it step by step. First, what exactly is slow, and when did you "
           "first notice it?"],
}


@pytest.mark.parametrize("line", [
    "Danke, Herr Wallner, notiert. Eins nach dem andern: Was genau ist langsam, und seit wann?",
    "Thank you, Mr Walsh, noted. One by one: what exactly is slow, and since when?",
])
def test_a_long_line_read_as_listening_as_a_whole_is_no_bare_back_channel(line: str) -> None:
    """The learned head reads a back-channel off the whole line (no span): a long line with a question is no bare
    "Okay" to cheer at."""
    evidence = (SimpleNamespace(act="active_listening", text=line),)
    assert not bare_back_channel(SimpleNamespace(evidence=evidence), line)


def test_a_claim_before_the_next_question_is_no_recap_he_confirms() -> None:
    """A claim close to a recap example, then the question of the next step: he answers the question, no "Genau"."""
    lines = ["Guten Tag, Hotline, Petra Lange. Darf ich kurz unterbrechen – Ihr Name und Ihre Rückrufnummer?",
             "Danke, Herr Wallner, kein Problem. Eins nach dem andern: Was genau ist denn langsam, und seit wann merken "
             "Sie das?",
             "Das Update können wir ausschließen, das macht keinen Speicher voll. Wo legen Sie denn die Scans "
             "normalerweise ab?"]
    turn, reply = last(replayed("voicebox-rambler", "de", lines))
    assert "cause" in turn.steps and "recap" not in turn.steps and "Genau, genau" not in reply, reply


LONG_RECAP = {  # a recap too long for him: no praise for its brevity in the same breath as "that was a lot"
    "de": "Dann fasse ich mal zusammen, was ich bis jetzt verstanden habe: Seit Montag hängt der Rechner beim Speichern "
          "der Lieferscheine jedes Mal für ungefähr zwei Minuten, es kommt die Meldung, dass auf Laufwerk C nicht "
          "genügend Speicherplatz ist, und alle Scans seit 2015 liegen direkt auf diesem Rechner. Habe ich das richtig?",
    "en": "Let me sum up what I have understood so far: since Monday the computer hangs for about two minutes every "
          "single time you save a delivery note, you get the message that there is not enough space on drive C, and "
          "all the scans since 2015 are stored right on that computer. Have I got that right?",
}
BRIEF = {"de": "So kurz", "en": "briefly"}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_long_recap_is_not_praised_as_brief(lang: str) -> None:
    state = replayed("voicebox-rambler", lang, THANKS_AND_ASK[lang] + [LONG_RECAP[lang]])
    turn, reply = last(state)
    assert "recap" in turn.steps and BRIEF[lang] not in reply, reply


PLUG_OPEN = {"de": "Guten Morgen, IT-Service, Jan Berg, was kann ich für Sie tun?",
             "en": "Good morning, IT service, Jan here, what can I do for you?"}
ASKED_AGAIN = {  # kind words and the open question her opening has answered already
    "de": "Oh je, das kommt natürlich ungelegen. Was passiert denn, wenn Sie drucken?",
    "en": "Oh dear, that's bad timing. So what happens when you print?",
}
AGAIN = {"de": "nichts passiert", "en": "nothing happens"}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_question_her_opening_answered_gets_her_answer_again(lang: str) -> None:
    state = replayed("checked-plug", lang, [PLUG_OPEN[lang], ASKED_AGAIN[lang]])
    _, reply = last(state)
    assert AGAIN[lang] in reply, reply


DIVA_TO_TICKET = {
    "de": ["Guten Tag, IT-Hotline, Sven Roth.",
           "Es tut mir leid, dass Sie schon zum dritten Mal anrufen müssen. Ich habe Ihr Ticket offen vor mir."],
    "en": ["Hello, IT hotline, Sven speaking.",
           "I'm sorry you've had to call a third time. I've got your ticket open in front of me."],
}
TWO_QUESTIONS = {  # one a step answers (when), one she simply knows (how she is connected)
    "de": "Eins fehlt mir noch im Ticket: Wann genau bricht es ab, und hängen Sie zu Hause am WLAN oder am Kabel?",
    "en": "One thing is not in the ticket yet: when exactly does it drop, and are you on wireless or on a cable at home?",
}
BOTH = {"de": ("Stunde", "WLAN"), "en": ("hour", "Wi-Fi")}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_two_questions_in_one_line_get_two_answers(lang: str) -> None:
    state = replayed("diva-complaint", lang, DIVA_TO_TICKET[lang] + [TWO_QUESTIONS[lang]])
    turn, reply = last(state)
    assert "pattern" in turn.steps and all(b in reply for b in BOTH[lang]), reply


FROM_THE_START = {  # asked to tell it all again: her refusal, not the scripted restart jab
    "de": "Gut. Erzählen Sie mir bitte alles von vorne.",
    "en": "Okay. Walk me through it from the start.",
}
REFUSAL = {"de": "Ticket", "en": "ticket"}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_asked_to_tell_it_from_the_start_she_refuses_to_retell(lang: str) -> None:
    state = replayed("diva-complaint", lang, [DIVA_TO_TICKET[lang][0], FROM_THE_START[lang]])
    _, reply = last(state)
    assert REFUSAL[lang] in reply and "Neustart" not in reply and "restart" not in reply, reply


GLUE = {"de": "Dann wissen Sie ja", "en": "Then you know"}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_look_into_the_ticket_and_a_recap_get_one_answer_not_two_reactions(lang: str) -> None:
    recap = {"de": "Ich sehe im Ticket: Ihr VPN bricht zu Hause immer wieder ab, im Büro nicht, und der Client wurde "
                   "schon zweimal neu installiert. Stimmt das?",
             "en": "I can see in the ticket: your VPN keeps dropping at home, not in the office, and the client has "
                   "been reinstalled twice. Is that right?"}
    state = replayed("diva-complaint", lang, [DIVA_TO_TICKET[lang][0], recap[lang]])
    turn, reply = last(state)
    assert "recap_known" in turn.steps and GLUE[lang] not in reply, reply
