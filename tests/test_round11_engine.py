"""Round 11 play-test fixes on the customer's side (engine, its data and the scenarios)."""

from __future__ import annotations

import pytest

from playtest_calls import last, replayed
from simulator.dialogue.events import Guess, Objected, Offended, PrematureClose, Pushback, Temptation, has
from simulator.dialogue.lines import customer_lines
from simulator.scenario import load

DIVA_OPEN = {"en": ["Hello, IT service, Sam. I'm really sorry you've had to call us a third time.",
                    "I'm looking at your ticket right now."],
             "de": ["Guten Tag, IT-Service, Berger. Es tut mir wirklich leid, dass Sie schon zum dritten Mal anrufen müssen.",
                    "Ich schaue mir gerade Ihr Ticket an."]}


# -- words that only sound like a step take none (EN 11, 12, 22, 37, 45): she says why ----------------------------
@pytest.mark.parametrize("lang,line", [
    ("en", "So sorry for the inconvenience madam. What seems to be the issue?"),
    ("en", "Hello, I apologise for any inconvenience caused."),
    ("de", "Guten Tag, entschuldigen Sie bitte die Unannehmlichkeiten."),
    ("de", "Hallo, tut mir leid für die Umstände."),
])
def test_a_stock_apology_is_no_apology_for_the_repeated_failure(lang: str, line: str) -> None:
    turn, reply = last(replayed("diva-complaint", lang, [line]))
    assert "apologise" not in turn.steps and has(turn.events, Objected, "apologise"), reply


@pytest.mark.parametrize("lang,line", [
    ("en", "Hello, I'm so sorry for the inconvenience – this is your third call, that shouldn't have happened."),
    ("de", "Guten Tag, entschuldigen Sie die Unannehmlichkeiten – das ist schon Ihr dritter Anruf, das hätte nicht passieren dürfen."),
])
def test_an_apology_that_names_the_failure_is_one(lang: str, line: str) -> None:
    assert "apologise" in last(replayed("diva-complaint", lang, [line]))[0].steps


@pytest.mark.parametrize("lang,line", [
    ("en", "I will escalate it again to them."), ("en", "I'll pass it on to the network team once more."),
    ("de", "Ich push das Ticket nochmal bei denen."), ("de", "Ich eskaliere das nochmal an die Kollegen."),
])
def test_passing_the_case_on_is_no_ownership(lang: str, line: str) -> None:
    turn, reply = last(replayed("diva-complaint", lang, DIVA_OPEN[lang] + [line]))
    assert "ownership" not in turn.steps and has(turn.events, Objected, "ownership"), reply
    assert "whom to call" not in reply and "wen ich anrufen" not in reply, reply


@pytest.mark.parametrize("lang,line", [
    ("en", "I'm taking this on personally and I'll escalate it to the network team myself."),
    ("de", "Ich eskaliere das persönlich und bleibe Ihr Ansprechpartner."),
])
def test_escalating_while_keeping_the_case_is_ownership(lang: str, line: str) -> None:
    assert "ownership" in last(replayed("diva-complaint", lang, DIVA_OPEN[lang] + [line]))[0].steps


@pytest.mark.parametrize("lang,line", [
    ("en", "no worries its fine its the network cable the blue one at the back, can you check it"),
    ("en", "No problem. Can you look behind the computer for a blue cable?"),
    ("de", "Kein Problem. Schauen Sie mal hinten am Computer nach dem blauen Kabel."),
    ("de", "alles gut, schauen sie mal hinten nach dem kabel"),
])
def test_a_bare_no_worries_does_not_tell_her_she_did_nothing_wrong(lang: str, line: str) -> None:
    opening = {"en": "Medical IT service, good morning, how can I help?", "de": "Praxis-IT, guten Morgen, wie kann ich helfen?"}
    turn, reply = last(replayed("jargon-averse", lang, [opening[lang], line]))
    assert "calm" not in turn.steps, reply
    if any(a in turn.acts for a in ("reassurance", "empathy")):  # read as reassuring: she says what still worries her
        assert has(turn.events, Objected, "calm"), reply
        assert "check_cable" in turn.steps or "Pushback" in repr(turn.events), reply  # the rest of the line still counts


@pytest.mark.parametrize("lang,line", [("en", "Don't worry, you haven't done anything wrong."),
                                       ("de", "Keine Sorge, das ist nicht Ihre Schuld.")])
def test_no_fault_said_is_the_reassurance(lang: str, line: str) -> None:
    opening = {"en": "Medical IT service, good morning, how can I help?", "de": "Praxis-IT, guten Morgen, wie kann ich helfen?"}
    assert "calm" in last(replayed("jargon-averse", lang, [opening[lang], line]))[0].steps


@pytest.mark.parametrize("lang,line", [
    ("en", "look I can't check all that for you, just tell your boss to sign and if there's an issue raise a ticket"),
    ("en", "I can't say for sure, just have your manager go ahead and order it."),
    ("de", "Das kann ich nicht sagen, lassen Sie Ihren Chef einfach unterschreiben, wenn was fehlt, machen Sie ein Ticket auf."),
])
def test_sending_her_off_to_sign_blind_is_no_honest_dont_know(lang: str, line: str) -> None:
    opening = {"en": "Licensing support, Mike speaking.", "de": "Lizenz-Support, Meier, guten Tag."}
    turn, reply = last(replayed("unknown-answer", lang, [opening[lang], line]))
    assert "admit" not in turn.steps and has(turn.events, Objected, "admit"), reply
    assert "honest" not in reply and "ehrlich" not in reply, reply


@pytest.mark.parametrize("lang,line", [("en", "whats your name and company btw?"), ("en", "Who am I speaking to?"),
                                       ("de", "Wie heißen Sie denn eigentlich, und von welcher Firma?")])
def test_asking_his_name_only_takes_no_callback_number(lang: str, line: str) -> None:
    opening = {"en": "Hi, service hotline, how can I help?", "de": "Service-Hotline, guten Tag, wie kann ich helfen?"}
    turn, reply = last(replayed("voicebox-rambler", lang, [opening[lang], line]))
    assert "identify" not in turn.steps, reply


# -- a clear correction after her objection is accepted (EN 33/34, DE 4) ---------------------------------------------
CORRECTED = {
    "en": ["MailHaus support, Jamie. Which number can I call you back on if we drop?",
           "What exactly happens with your e-mail?",
           "I see the snag: Mr Yilmaz isn't authorised on your account, only you can approve it.",
           "No computer needed: write a note by hand that Mr Yilmaz may change the settings, sign it, take a photo with "
           "your phone and email it to me.",
           "Sorry, my mistake – of course, send the photo by text message to our service number 0800 555 0199."],
    "de": ["MailHaus Hotline, Schulz. Unter welcher Nummer kann ich Sie zurückrufen, falls die Verbindung abreißt?",
           "Was genau passiert, wenn Sie Mails abrufen wollen?",
           "Ich seh das Problem: Herr Yilmaz ist bei uns nicht berechtigt, freigeben können nur Sie.",
           "Dafür brauchen Sie keinen Rechner: Schreiben Sie auf einen Zettel, dass Herr Yilmaz die Einstellung ändern darf, "
           "unterschreiben Sie, und mailen Sie mir ein Foto davon.",
           "Oh, Entschuldigung – natürlich nicht per Mail. Schicken Sie das Foto bitte per SMS an unsere Servicenummer "
           "0800 6245 4287."],
}


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_correction_after_her_objection_takes_the_step(lang: str) -> None:
    state = replayed("mobile-caller", lang, CORRECTED[lang])
    objected = state.exchanges[-2].trainee
    assert has(objected.events, Objected, "propose_photo"), state.exchanges[-2].reply.text
    turn, reply = last(state)  # taken – or, the first time, met with his doubt whether a photo is valid at all
    assert "propose_photo" in turn.steps or has(turn.events, Pushback, "propose_photo"), reply
    assert not any(n in reply for n in customer_lines(lang, "nudge_next")), reply


@pytest.mark.parametrize("lang", ["en", "de"])
def test_his_doubt_about_the_photo_never_asks_how_with_only_a_phone(lang: str) -> None:
    """The fix itself names the phone: his doubt is whether a photo is valid, not how to take one."""
    replies = load("mobile-caller").step("propose_photo").pushback.reply.all(lang)
    assert not any("only my phone" in r or "nur das Handy" in r for r in replies)


# -- a refusal to guess that quotes the guess is no guess (DE 1) -----------------------------------------------------
HONEST = {
    "en": ["Licensing support, Mike speaking, good morning.", "Honestly, I don't know that right now, and I don't want to guess.",
           "I get that a quick yes would be easier. But if I said \"it's probably included\" and it isn't, your boss signs "
           "something that costs extra."],
    "de": ["Lizenz-Support, Meier, guten Tag.", "Ehrlich gesagt: Das weiß ich im Moment nicht, und raten will ich da nicht.",
           "Ich versteh, dass Ihnen ein schnelles Ja lieber wär. Aber wenn ich jetzt \"wird schon dabei sein\" sag und es "
           "stimmt net, dann unterschreibt Ihr Chef was Falsches."],
}


@pytest.mark.parametrize("lang", ["en", "de"])
def test_quoting_the_guess_one_refuses_is_no_guess_and_standing_firm_wins_her(lang: str) -> None:
    turn, reply = last(replayed("unknown-answer", lang, HONEST[lang]))
    assert not has(turn.events, Guess) and "admit" in turn.steps, reply


@pytest.mark.parametrize("lang,guess", [("en", "Yeah, it's probably included, the pro licence usually covers it."),
                                        ("de", "Ja, das ist bestimmt mit drin.")])
def test_after_a_guess_the_bait_for_one_is_moot(lang: str, guess: str) -> None:
    """DE 20: "It's enough if you just say 'probably'" after the agent said "probably" already."""
    opening = {"en": "Licensing support, Mike.", "de": "Lizenz-Support, Meier."}[lang]
    state = replayed("unknown-answer", lang, [opening, guess, "Okay.", "Hm.", "Right."])
    bait = next(e for e in load("unknown-answer").events if e.id == "yes_bait").line.get(lang)
    said = [x.reply.text for x in state.exchanges if x.reply is not None]
    assert any(has(x.trainee.events, Guess) for x in state.exchanges[1:]), said
    assert not any(bait in r for r in said), said


# -- a vague time takes no time commitment (EN 14) -------------------------------------------------------------------
@pytest.mark.parametrize("lang,vague,concrete", [
    ("en", "They will revert back to you shortly, maybe by tomorrow or day after.", "I'll call you tomorrow by 12 with a result."),
    ("de", "Ich melde mich zeitnah, morgen oder übermorgen.", "Ich rufe Sie morgen bis 12 Uhr an."),
])
def test_a_vague_time_is_no_commitment_and_she_asks_when_exactly(lang: str, vague: str, concrete: str) -> None:
    owner = {"en": "From now on I'm taking care of your case personally, I'm your fixed contact.",
             "de": "Ich kümmere mich ab jetzt persönlich um Ihren Fall, ich bin Ihr fester Ansprechpartner."}[lang]
    lines = DIVA_OPEN[lang] + [owner, vague]
    state = replayed("diva-complaint", lang, lines)
    turn, reply = last(state)
    assert "commitment" not in turn.steps, reply
    if "time_commitment" in turn.acts:  # the analyser read a time: she asks for a real one, never "binding"
        assert any(v in reply for v in customer_lines(lang, "vague_time")), reply
    assert "Verbindliches" not in reply and "binding" not in reply, reply
    turn, reply = last(replayed("diva-complaint", lang, lines + [concrete]))
    assert "commitment" in turn.steps, reply


# -- a provocation waits while she answers what the line did (EN 8) --------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "de"])
def test_no_jab_in_the_breath_of_her_approval(lang: str) -> None:
    owner = {"en": "From now on I'm taking care of your case personally, I'm your fixed contact.",
             "de": "Ich kümmere mich ab jetzt persönlich um Ihren Fall, ich bin Ihr fester Ansprechpartner."}[lang]
    state = replayed("diva-complaint", lang, DIVA_OPEN[lang] + [owner])
    for x in state.exchanges[1:]:
        if x.trainee.steps:
            assert not has(x.trainee.events, Temptation), x.reply.text


# -- a question she was about to predict is answered, not predicted (EN 17) -----------------------------------------
@pytest.mark.parametrize("lang,line", [("en", "Okay sir, first have you tried turning the laptop off and on again?"),
                                       ("en", "Could you reboot the machine once?"),
                                       ("de", "Haben Sie den Rechner mal neu gestartet?")])
def test_the_restart_jab_is_moot_once_the_restart_is_asked(lang: str, line: str) -> None:
    opening = {"en": "IT support, Sam speaking.", "de": "IT-Support, Sam am Apparat."}[lang]
    bait = next(e for e in load("expert-user").events if e.id == "script_bait").line.get(lang)
    state = replayed("expert-user", lang, [opening, line, "Okay."])
    assert not any(bait in x.reply.text for x in state.exchanges if x.reply is not None)


# -- no canned praise for a curt "sorry" just after insulting her (DE 8) --------------------------------------------
@pytest.mark.parametrize("lang,lines", [
    ("de", ["ja hotline", "na wenn der stecker drin is dann is er drin. haben sie mal geguckt ob die PSU vom drucker überhaupt strom kriegt",
            "naja 90% der fälle is es der user. kucken sie halt mal unterm tisch nach der leiste",
            "ja ok sorry. is da n schalter an der leiste? der muss an sein"]),
    ("en", ["helpdesk", "look, 90% of the time it's the user, you idiot. just look under the desk for the strip",
            "ok sorry, I apologise. is there a switch on the strip?"]),
])
def test_no_praise_right_after_an_insult(lang: str, lines: list[str]) -> None:
    state = replayed("checked-plug", lang, lines)
    assert "rude" in state.exchanges[-2].trainee.acts or has(state.exchanges[-2].trainee.events, Offended)
    praise = [r for x in load("checked-plug").reactions.values() if x.mood > 0 and x.reply for r in x.reply.all(lang)]
    reply = last(state)[1]
    assert not any(p in reply for p in praise), reply


# -- a goodbye she hears as one, read by the analyser or not (DE 13, 14) ---------------------------------------------
@pytest.mark.parametrize("lang,line", [("de", "des macht die disposition. die melden sich scho. pfiat eahna"),
                                       ("de", "Gut, dann war's das von meiner Seite."), ("de", "Servus."),
                                       ("en", "not my department tbh. bye"), ("en", "That's all from my side, take care.")])
def test_a_goodbye_before_the_fix_is_answered_as_one(lang: str, line: str) -> None:
    opening = {"en": "Support desk, Sam.", "de": "Kundendienst, grüß Gott."}[lang]
    turn, reply = last(replayed("missed-appointment", lang, [opening, line]))
    assert "closing" in turn.acts and has(turn.events, PrematureClose), reply
    assert not any(n in reply for n in customer_lines(lang, "nudge_next")), reply
