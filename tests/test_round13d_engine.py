"""Round 13 play-test findings on the customer side, part d (my own lines, both languages): the diva asked to tell
her story again is annoyed at once, even when the line also apologised; a scripted jab is not preceded by a stock
"And?"; asked whether she restarted (the advice of her first call) she says so even when the question also names a
step that reads as an instruction; a vague "when" is no "time" she was given."""

from __future__ import annotations

import pytest

from playtest_calls import last, replayed

HELLO = {"de": "Guten Tag, IT-Hotline, Sam am Apparat.", "en": "Hello, IT helpdesk, Sam speaking."}
SORRY_RETELL = {"de": "Oh, das tut mir leid, dass Sie nochmal anrufen müssen. Sagen Sie mir bitte kurz, worum es geht?",
                "en": "Oh, I'm sorry you had to call again. Could you tell me again what the problem is?"}
RETELL = {"de": ["Schon wieder von vorne? Es steht alles im Ticket.", "Das habe ich gerade gesagt: Ich erzähle das nicht"],
          "en": ["From the start again? It's all in the ticket.", "I've just told you: I'm not telling it a third time."]}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_an_apology_with_a_request_to_retell_meets_her_refusal_not_thanks(lang: str) -> None:
    state = replayed("diva-complaint", lang, [HELLO[lang], SORRY_RETELL[lang]])
    _, reply = last(state)
    assert any(r in reply for r in RETELL[lang]), reply
    assert "Danke" not in reply and "Thank you" not in reply


WAIT = {"de": ["Das tut mir wirklich leid, dass Sie schon wieder anrufen müssen.", "Einen Moment bitte, ich bin gleich wieder da."],
        "en": ["I'm really sorry you've had to call again.", "One moment please, bear with me."]}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_scripted_jab_needs_no_stock_and_before_it(lang: str) -> None:
    state = replayed("diva-complaint", lang, [HELLO[lang], *WAIT[lang]])
    _, reply = last(state)
    jab = {"de": "Und? Kommt jetzt wieder", "en": "So? Is the restart tip"}[lang]
    assert reply.startswith(jab), reply


def test_asked_whether_she_restarted_she_says_it_was_the_first_advice() -> None:
    # English only: the German rules read no instruction in "Haben Sie schon versucht, … neu zu verbinden?" anyway
    line = "Okay, I can see the ticket here. Did you already try to restart the laptop and reconnect?"
    state = replayed("diva-complaint", "en", [HELLO["en"], line])
    _, reply = last(state)
    assert "first call" in reply, reply


VAGUE_WHEN = {"de": ["Ich schaue in Ihr Ticket.", "Ich melde mich heute Nachmittag oder morgen früh nochmal bei Ihnen."],
              "en": ["I'm looking at your ticket.", "I'll ring you this afternoon or first thing tomorrow."]}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_when_without_an_owner_is_not_called_a_time(lang: str) -> None:
    state = replayed("diva-complaint", lang, [HELLO[lang], *VAGUE_WHEN[lang]])
    _, reply = last(state)
    assert "Uhrzeit" not in reply and "A time" not in reply, reply


MC_START = {"de": ["MailHaus Support, guten Tag, Sam hier, was kann ich für Sie tun?",
                   "Unter welcher Nummer erreiche ich Sie, falls die Verbindung abbricht?",
                   "Warum kann Ihr Dienstleister das nicht selbst ändern?"],
            "en": ["MailHaus support, hello, Sam here, how can I help?",
                   "What number can I call you back on if the line drops?",
                   "Why can't your provider change it himself?"]}
VAGUE_FIX = {"de": "Dann schicken Sie uns einfach irgendwie eine schriftliche Bestätigung.",
             "en": "Then just send us a written approval somehow."}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_vague_written_approval_is_no_fix_he_asks_how(lang: str) -> None:
    state = replayed("mobile-caller", lang, [*MC_START[lang], VAGUE_FIX[lang]])
    turn, reply = last(state)
    assert "propose_photo" not in turn.steps
    assert {"de": "wie soll das gehen", "en": "how's that supposed to work"}[lang] in reply, reply
    assert "Foto ist gemacht" not in reply and "Photo taken" not in reply


PHOTO = {"de": ["Dann schreiben Sie das auf Papier, unterschreiben, machen ein Foto und schicken es uns.",
                "Ja, das ist gültig. Sobald das Foto da ist, schalte ich Herrn Yilmaz in zehn Minuten frei."],
         "en": ["Then you can also write it on paper and sign, make a photo and send it to us.",
                "Yes, that's valid. Once the photo is here I'll authorise Mr Yilmaz within ten minutes."]}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_his_doubt_whether_the_photo_is_valid_is_answered_by_it_is_valid(lang: str) -> None:
    state = replayed("mobile-caller", lang, [*MC_START[lang], *PHOTO[lang]])
    turn, reply = last(state)
    assert "propose_photo" in turn.steps, reply
    assert "ohne Rechner" not in reply and "without a computer" not in reply and "while I can't" not in reply


ERROR_AGAIN = {"de": "Alles klar, keine Sorge. Welche Fehlermeldung zeigt Ihr Handy denn genau?",
               "en": "Alright, no worries. What error message does your phone show exactly?"}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_asked_again_for_the_error_he_opened_with_he_says_he_told_it(lang: str) -> None:
    state = replayed("mobile-caller", lang, [MC_START[lang][0], ERROR_AGAIN[lang]])
    _, reply = last(state)
    assert {"de": "Hab ich doch gesagt", "en": "I just told you"}[lang] in reply, reply
    assert "der Erste" not in reply and "first one" not in reply


MAYBE_NUMBER = {"de": "Geben Sie mir vielleicht mal Ihre Nummer, falls die Verbindung abbricht.",
                "en": "Sorry, give me maybe your number in case we get cut off."}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_hedged_request_for_his_number_is_no_vague_promise(lang: str) -> None:
    state = replayed("mobile-caller", lang, ["MailHaus Support, Sam hier." if lang == "de" else "MailHaus support, Sam here.",
                                             MAYBE_NUMBER[lang]])
    turn, reply = last(state)
    assert "callback" in turn.steps, reply
    assert "vage" not in reply and "vague" not in reply


DISK_TWICE = {"de": ["Hallo, Hotline, Sam hier.", "Ist vielleicht die Festplatte voll?", "Okay. Und macht die Festplatte komische Geräusche?"],
              "en": ["Hi, hotline, Sam here.", "Is the disk maybe full?", "Okay. And is the hard drive making odd noises?"]}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_asked_about_the_disk_twice_he_does_not_repeat_himself_word_for_word(lang: str) -> None:
    state = replayed("voicebox-rambler", lang, DISK_TWICE[lang])
    before, now = (x.reply.text for x in state.exchanges[-2:])
    assert before not in now, now


VB_FIX = {"de": ["Hallo, Hotline, Sam hier.", "Danke. Lassen Sie uns das der Reihe nach machen: Was genau ist langsam, und seit wann?",
                 "Wo speichern Sie die eingescannten Lieferscheine denn ab?",
                 "Ich schiebe die alten Scans per Fernwartung aufs Archiv.",  # his virus theory first: push-back
                 "Ein Virus ist das nicht, weil die Meldung klar sagt: kein Platz mehr auf der Platte. Das mach ich dann heute irgendwann."],
          "en": ["Hi, hotline, Sam here.", "Thanks. Let's take it one step at a time: what exactly is slow, and since when?",
                 "Where do you save the scanned delivery notes?",
                 "I'll move the old scans to the server archive by remote, sometime soon."]}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_agreeing_to_a_plan_with_a_vague_time_he_asks_only_when(lang: str) -> None:
    state = replayed("voicebox-rambler", lang, VB_FIX[lang])
    turn, reply = last(state)
    assert "fix" in turn.steps
    assert {"de": "wann genau", "en": "when exactly"}[lang] in reply, reply
    # no "too vague for me – who gets in touch?" right after his yes to the plan
    assert not any(w in reply for w in ("zu vage", "und wer", "too vague", "and who", "when, and who"))


ABOUT_UPDATE = {"de": ["Hi, 2nd-Level Support, Sam hier, was kann ich für dich tun?",
                       "Okay, 5.1 geht, 5.2 ist kaputt. Kannst du mal schauen, ob nach dem Update die NRPT-Regel noch im Profil ist?"],
                "en": ["Hi, 2nd level support, Sam here, what can I do for you?",
                       "Okay, 5.1 works and 5.2 is broken. Why would the update break that? Can you check whether the NRPT "
                       "rule is still in the profile?"]}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_diagnostic_question_about_the_update_is_no_honest_admission(lang: str) -> None:
    # the examples of "say honestly what you don't know" shared the topic ("why the update breaks this"): a question
    # about the update came close to them, and he thanked the trainee for an honest answer nobody gave
    state = replayed("expert-user", lang, ABOUT_UPDATE[lang])
    turn, reply = last(state)
    assert "honest_status" not in turn.steps
    assert "ehrliche Antwort" not in reply and "honest answer" not in reply, reply
