"""Play-test round 7: the customer engine and the scenarios (testers' lines and variants of them, both languages)."""

from __future__ import annotations

import pytest

from simulator.dialogue.events import Pushback, has
from simulator.dialogue.session import replay
from simulator.scenario import load


from playtest_calls import engine as _engine  # noqa: E402
from playtest_calls import last as _last  # noqa: E402
from playtest_calls import replayed as _play  # noqa: E402


# -- DE F1/F16, EN F4: no defence against a request nobody made; no praise stitched to a refusal ----------------
THANKED = {
    "de": ["Guten Morgen, IT-Hotline, Berger. Was kann ich für Sie tun?",
           "Oh je, das ist ärgerlich. Danke, dass Sie den Stecker schon angeschaut haben. Bis wann brauchen Sie den Ausdruck?"],
    "en": ["Good morning, IT help desk, Tom speaking. What can I do for you?",
           "Oh no, that's stressful. Thanks for checking the plug already. By when do you need the printouts?"],
}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_thanking_her_for_checking_the_plug_asks_her_to_check_nothing(lang: str) -> None:
    turn, reply = _last(_play("checked-plug", lang, THANKED[lang]))
    assert not has(turn.events, Pushback), reply
    assert "context" in _play("checked-plug", lang, THANKED[lang]).steps_done
    refusals = _engine("checked-plug", lang).scenario.step("check_plug").pushback.reply.all(lang)
    assert not any(r in reply for r in refusals), reply


ASKED = {"de": "Ich muss leider nochmal nachfragen, auch wenn es nervt: Könnten Sie bitte unter den Tisch schauen, "
               "ob die Steckdosenleiste an ist?",
         "en": "I know it's annoying, sorry. Could you please look under the desk whether the power strip is on?"}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_no_praise_in_the_breath_of_her_refusal(lang: str) -> None:
    engine = _engine("checked-plug", lang)
    turn, reply = _last(_play("checked-plug", lang, THANKED[lang] + [ASKED[lang]]))
    assert has(turn.events, Pushback)
    praise = engine.scenario.reactions["empathy"].reply.all(lang)
    assert not any(p in reply for p in praise), reply


# -- DE F9: the fix in the trainee's own words; his doubt answered in its own terms -----------------------------
PHOTO = {
    "de": ["MailHaus Hotline, Schulz. Unter welcher Nummer kann ich Sie zurückrufen, falls die Verbindung abreißt?",
           "Was genau passiert, wenn Sie Mails abrufen wollen?",
           "Kurz: Ich brauch von Ihnen eine schriftliche Freigabe, dann stell ich's sofort um. Schreiben Sie einfach auf "
           "einen Zettel 'Bitte Einstellung ändern', Datum und Unterschrift, Foto mit dem Handy und mir schicken. Geht das?",
           "Genau, und dafür brauchen Sie keinen Rechner: Zettel, draufschreiben, unterschreiben, mit dem Handy "
           "abfotografieren und mir schicken."],
    "en": ["MailHaus support, Fiona. What's the best number to ring you back on if we get cut off?",
           "What exactly happens when you try to use your e-mail?",
           "Short version: I need your written OK, then I change it straight away. Write 'please change the setting' on a "
           "piece of paper, date and signature, a photo with your phone and send it to me. Can you do that?",
           "Exactly, and you don't need a computer for that: paper, write it, sign it, take a picture with the phone."],
}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_fix_stated_with_the_obstacle_is_heard_and_his_doubt_answered_wins_him(lang: str) -> None:
    engine = _engine("mobile-caller", lang)
    states = replay(engine, PHOTO[lang])
    third = states[3].exchanges[-1].trainee
    assert "obstacle" in third.steps and any(isinstance(e, Pushback) and e.step == "propose_photo" for e in third.events)
    fourth = states[4].exchanges[-1].trainee
    assert "propose_photo" in fourth.steps, states[4].exchanges[-1].reply.text


def test_persuaded_by_is_loaded_and_checked_compiler_style(tmp_path) -> None:
    import re

    pb = load("mobile-caller").step("propose_photo").pushback
    assert pb.persuaded_by.get("de") and pb.persuaded_by.get("en") and pb.persuaded_by.location.line > 0
    error = _edited_error(tmp_path, "mobile-caller", '"reicht|genügt|', '"rei*cht|genügt|')
    assert re.search(r"mobile-caller\.yaml:\d+:\d+: step 'propose_photo' phrase .*rei\*cht", error)


# -- DE F13: a hedged guess is a guess; EN F17: an agreed next step is the outcome of unknown-answer -------------
@pytest.mark.parametrize("lang,line", [
    ("de", "also im angebot seh ich das modul nicht ich glaub eher nicht aber ich klär das und meld mich dann bei ihnen"),
    ("de", "Hm, ich würde sagen eher nicht, aber ich kläre das."),
    ("en", "I don't see it in the quote, I don't think it is, but I'll check and get back to you."),
    ("en", "I doubt it, to be honest, but I'll find out."),
])
def test_a_hedged_guess_takes_no_honesty_step(lang: str, line: str) -> None:
    from simulator.dialogue.events import Guess

    opening = {"de": "Lizenzbetreuung, Schmidt, guten Tag.", "en": "Licensing support, Sam speaking, hello."}[lang]
    turn, reply = _last(_play("unknown-answer", lang, [opening, line]))
    assert "admit" not in turn.steps and has(turn.events, Guess), reply
    honest = _engine("unknown-answer", lang).scenario.step("admit").reply.get(lang)
    assert honest not in reply


NEXT_STEP = {
    "en": ["Licensing support, Sam speaking, hello.",
           "I'll check with our licensing team whether the BIM module is included.",
           "I'll call you back by 4:30 today. What's the best number to reach you on?",
           "Perfect, extension 12. Thanks, bye!"],
    "de": ["Lizenzbetreuung, Schmidt, guten Tag.",
           "Ich kläre das mit unserer Lizenzabteilung, ob das BIM-Modul dabei ist.",
           "Ich rufe Sie heute bis 16 Uhr zurück. Unter welcher Nummer erreiche ich Sie?",
           "Prima, Durchwahl 12. Danke, tschüss!"],
}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_an_agreed_next_step_without_the_honesty_step_is_the_outcome(lang: str) -> None:
    engine = _engine("unknown-answer", lang)
    state = engine.finish(replay(engine, NEXT_STEP[lang])[-1])
    assert "admit" not in state.steps_done
    assert state.solved and state.outcome.resolved, [x.reply.text for x in state.exchanges[1:] if x.reply]


# -- missed-appointment: EN F12/F13/F22-F24, DE F8 ---------------------------------------------------------------
def test_thanks_for_calling_answering_the_phone_is_a_greeting_not_a_goodbye() -> None:
    from simulator.dialogue.events import PrematureClose

    turn, reply = _last(_play("missed-appointment", "en",
                              ["Good afternoon, thanks for calling, my name's Kevin. What can I do for you today?"]))
    assert not has(turn.events, PrematureClose) and "hanging up" not in reply, reply


@pytest.mark.parametrize("lang,line", [
    ("en", "I'm really sorry. Let me pull up your ticket right now so I can see what happened."),
    ("de", "Das tut mir leid. Darf ich kurz ins Ticket schauen, damit ich Ihnen sagen kann, was da passiert ist?"),
])
def test_announcing_a_look_at_the_ticket_discloses_nothing(lang: str, line: str) -> None:
    opening = {"en": "IT hotline, Ben speaking.", "de": "IT-Hotline, Demir, guten Tag."}[lang]
    turn, reply = _last(_play("missed-appointment", lang, [opening, line]))
    assert "explain" not in turn.steps, reply
    told = {"en": "I can see here in the ticket: the technician was off sick and the job was not reassigned.",
            "de": "Ich sehe hier im Ticket: Der Kollege war krank, und der Termin wurde nicht neu vergeben."}[lang]
    assert "explain" in _last(_play("missed-appointment", lang, [opening, line, told]))[0].steps


@pytest.mark.parametrize("lang,apology", [
    ("en", "Yes, apologies for that, the job should have been reassigned and you should have been called."),
    ("en", "I do apologise for yesterday."),
    ("de", "Dafür entschuldige ich mich, da hätte Sie jemand anrufen müssen."),
])
def test_an_apology_in_other_words_is_the_apology(lang: str, apology: str) -> None:
    opening = {"en": "IT hotline, Ben speaking.", "de": "IT-Hotline, Demir, guten Tag."}[lang]
    assert "apologise" in _last(_play("missed-appointment", lang, [opening, apology]))[0].steps
    # by the scenario's own phrases, whatever the analyser (or its learned head) reads as empathy
    engine = _engine("missed-appointment", lang)
    assert engine._step_matchers["apologise"].search(engine.analyser.analyse_rules(apology)) is not None
    for excuse in {"en": ["That's not my fault, I'm not responsible for scheduling.", "Sorry, what's the ticket number?"],
                   "de": ["Das ist nicht mein Fehler.", "Entschuldigung, wie war die Ticketnummer?"]}[lang]:
        assert engine._step_matchers["apologise"].search(engine.analyser.analyse_rules(excuse)) is None, excuse


@pytest.mark.parametrize("line", ["Thursday 8 to 10 then?", "So Thursday 8-10, the technician will be there.",
                                  "I've booked Thursday 8 to 10 am for you."])
def test_a_day_with_clock_times_is_an_appointment_and_no_confirmation_is_asked_about(line: str) -> None:
    lines = ["IT hotline, Ben speaking.", "I'm so sorry nobody came yesterday, that was our mistake.", line]
    turn, reply = _last(_play("missed-appointment", "en", lines))
    assert "new_time" in turn.steps or any(isinstance(e, Pushback) and e.step == "new_time" for e in turn.events), reply
    assert "Confirm what" not in reply and "don't have an appointment" not in reply, reply
    bait = _engine("missed-appointment", "en").scenario.events
    assert not any(e.line.get("en") in reply for e in bait), reply  # no scripted line stitched to her push-back


def test_asks_and_tells_together_are_reported_compiler_style(tmp_path) -> None:
    import re

    error = _edited_error(tmp_path, "missed-appointment", "    tells: true", "    asks: true\n    tells: true")
    assert re.search(r"missed-appointment\.yaml:\d+:\d+: step 'explain': 'asks' and 'tells'", error)


# -- DE F3, EN F6: the diva answers a reasoned focused question; DE F12: a yes/no about her own action ------------
DIVA = {"de": ["Guten Tag, IT-Service, Kraus.",
               "Frau Brenner, das tut mir ehrlich leid, dass Sie zum dritten Mal anrufen müssen. Ich hab Ihr Ticket gerade vor mir."],
        "en": ["Hello, IT support, Sarah speaking.",
               "Dr Bennett, I'm really sorry you have to call a third time. I've got your ticket 48213 open right now."]}
REASONED = {"de": ["Im Ticket steht nur, dass es abbricht, mir fehlt noch eins: wann genau und an welchem Platz tritt die Störung auf?",
                   "Das fehlt im Ticket, damit das Netzwerkteam es findet: wann genau und wo?"],
            "en": ["One quick question so the network team has what they need: when exactly does it happen, at particular "
                   "times of day or in a particular room?",
                   "The notes are missing one thing: when or where does the problem show up?"]}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_diva_answers_a_focused_question_with_its_reason(lang: str) -> None:
    for question in REASONED[lang]:
        turn, reply = _last(_play("diva-complaint", lang, DIVA[lang] + [question]))
        assert "pattern" in turn.steps, (question, reply)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_asked_again_with_the_reason_she_yields(lang: str) -> None:
    bare = {"de": "Wann genau tritt die Störung auf, und an welchem Platz?",
            "en": "When exactly does it happen, and in which room?"}[lang]
    states = replay(_engine("diva-complaint", lang), DIVA[lang] + [bare, REASONED[lang][1]])
    assert has(states[-2].exchanges[-1].trainee.events, Pushback)
    assert "pattern" in states[-1].exchanges[-1].trainee.steps


@pytest.mark.parametrize("lang,opening,question,no", [
    ("de", "Praxis-IT, guten Tag.", "Okay. Haben Sie den PC schon neu gestartet?", "nein"),
    ("en", "IT support, hello.", "Okay. Did you restart the computer?", "no"),
])
def test_asked_whether_she_did_something_she_says_yes_or_no(lang: str, opening: str, question: str, no: str) -> None:
    _, reply = _last(_play("jargon-averse", lang, [opening, question]))
    assert reply.lower().startswith((no, "äh – nein", "er – no")), reply


def test_a_question_after_the_fix_is_not_met_with_anything_else() -> None:
    lines = ["Good morning, IT help desk, Tom. What exactly happened with the printer?",
             "Please check under the desk whether the printer is getting any power.",
             "I'm sure the plug is in. I'm asking because the power strip under the desk has its own switch.",
             "Then please switch the strip back on.",
             "Is there anything about when it went off that I should pass on to the cleaners?"]
    state = _play("checked-plug", "en", lines)
    turn, reply = _last(state)
    assert state.solved_at is not None and state.solved_at < turn.number
    assert "Anything else" not in reply, reply


# -- EN F20: her complaint about length is never said twice in the same words -----------------------------------
LONG = {"en": "So if I've got this right: since Monday, every time you save a delivery note you get a message, the "
              "computer freezes for a couple of minutes, and ten years of scans are sitting on that one computer "
              "filling it up, which is a lot of files, and that is probably why. Does that sound right to you then?",
        "de": "Wenn ich das richtig verstehe: Seit Montag kommt beim Speichern jedes Lieferscheins eine Meldung, der "
              "Rechner hängt ein paar Minuten, und zehn Jahre Scans liegen auf diesem einen Rechner und füllen ihn, "
              "das sind sehr viele Dateien, und das ist wahrscheinlich der Grund dafür. Stimmt das so ungefähr für Sie?"}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_too_long_three_times_she_never_repeats_her_complaint(lang: str) -> None:
    opening = {"en": "IT support, Sam, hello.", "de": "IT-Support, Berger, hallo."}[lang]
    state = _play("voicebox-rambler", lang, [opening, LONG[lang], LONG[lang], LONG[lang]])
    variants = _engine("voicebox-rambler", lang).scenario.mood.ramble.reply.all(lang)
    replies = [x.reply.text for x in state.exchanges[2:] if x.reply is not None]
    assert len(replies) == 3
    for v in variants:
        assert sum(v in r for r in replies) <= 1, replies
    assert len({r.split("?")[0] for r in replies}) == 3, replies


# -- DE F10: the question a line ends with is answered, however many steps the line took before it --------------
@pytest.mark.parametrize("lang,line", [
    ("de", "Ich weiß es noch nicht, und raten möchte ich nicht. Unsere Lizenzabteilung weiß das. Ich frag da gleich nach "
           "und ruf Sie heute bis spätestens 16 Uhr zurück. Unter welcher Nummer erreiche ich Sie am besten?"),
    ("en", "I don't know yet, and I'd rather not guess. Our licensing team knows. I'll ask them right away and call you "
           "back by 4 pm today. What's the best number to reach you on?"),
])
def test_the_closing_question_of_a_line_with_many_steps_is_answered(lang: str, line: str) -> None:
    opening = {"de": "Lizenzbetreuung, Schmidt, guten Tag.", "en": "Licensing support, Sam speaking, hello."}[lang]
    turn, reply = _last(_play("unknown-answer", lang, [opening, line]))
    assert "callback" in turn.steps, (turn.steps, reply)
    assert _engine("unknown-answer", lang).scenario.step("callback").reply.get(lang) in reply


# -- DE F7: regional German; EN F22: "you won't break anything by looking" answers her fear -----------------------
CABLE = {"de": ["Praxis-IT, Maier, grüß Gott.", "Was sehen Sie denn auf dem Bildschirm?",
                "Schauen Sie bitte hinten an Ihren Computer. Sehen Sie da ein Kabel, das lose rumhängt?"],
         "en": ["Practice IT, Sam, hello.", "What can you see on the screen?",
                "Please look at the back of your computer. Can you see a cable hanging loose there?"]}


@pytest.mark.parametrize("lang,line", [
    ("de", "Des verstehe i, aber Sie könnet nix kaputt mache, versproche – mir guckt ja bloß. Sehet Se a Kabel hinte "
           "am Computer?"),
    ("de", "Sie können nichts kaputt machen, wir schauen nur. Sehen Sie ein Kabel hinten am Computer?"),
    ("en", "You won't break anything by looking. Is one of the cables loose?"),
])
def test_an_answer_to_her_fear_wins_her_over_also_in_dialect(lang: str, line: str) -> None:
    states = replay(_engine("jargon-averse", lang), CABLE[lang] + [line])
    assert has(states[-2].exchanges[-1].trainee.events, Pushback)
    turn, reply = _last(states[-1])
    assert "check_cable" in turn.steps, reply


@pytest.mark.parametrize("regional,standard", [
    ("Sehet Se so oins?", "Sehen Sie so eins?"), ("Sie könnet nix kaputt mache", "Sie können nichts kaputt mache"),
    ("I schau grad", "ich schau gerade"), ("Ick kiek grad, jeht dit?", "ich guck gerade, geht das?"),
])
def test_regional_forms_read_as_standard_words(regional: str, standard: str) -> None:
    from simulator.analysis import Analyser
    from simulator.analysis.normaliser import fold

    analyser = Analyser.for_language("de")
    assert fold(analyser.standard(regional)).lower() == fold(standard).lower()
    for line in ("Können Sie prüfen, ob der Stecker steckt?", "Geht das Netzwerk nicht?", "Ist das Internet weg?"):
        assert analyser.standard(line) == line  # standard words stay as they are ("Netzwerk" is no "net")


def test_an_event_that_requires_a_step_waits_for_it() -> None:
    from simulator.dialogue.events import Temptation

    engine = _engine("missed-appointment", "en")
    bait = next(e for e in engine.scenario.events if e.id == "vague_bait")
    assert bait.requires == ("apologise",) and bait.at_turn is not None
    lines = ["IT hotline, Ben speaking.", "I see.", "Okay.", "Right.", "Hm.",
             "I'm so sorry nobody came yesterday, that was our mistake."]
    states = replay(engine, lines)
    said = [x.reply.text for s in states[1:-1] for x in s.exchanges[-1:] if x.reply]
    assert not any(bait.line.get("en") in r for r in said), said
    last = states[-1].exchanges[-1]
    assert "apologise" in last.trainee.steps and bait.line.get("en") in last.reply.text, last.reply.text
    assert has(last.trainee.events, Temptation)


def test_an_event_requiring_an_unknown_step_is_reported_compiler_style(tmp_path) -> None:
    import re

    error = _edited_error(tmp_path, "missed-appointment", "requires: [apologise]      #", "requires: [apologize]      #")
    assert re.search(r"missed-appointment\.yaml:\d+:\d+: event 'vague_bait' requires names unknown step 'apologize'",
                     error)


def test_a_reason_that_names_the_switch_does_not_switch_it_on() -> None:
    """The check is asked for with its reason stated first: she looks, she does not also switch the strip on."""
    lines = ["Good morning, IT help desk, Tom. What exactly happened with the printer?",
             "Could you follow the cable down to where it's plugged in under the desk?",
             "I'm not doubting you at all. It's just that there's often a power strip with its own on/off switch under "
             "the desk, and cleaners can flip it off. Is there a strip down there, and is its little switch lit up?"]
    turn, reply = _last(_play("checked-plug", "en", lines))
    assert "check_plug" in turn.steps and "power_on" not in turn.steps, reply


# -- EN F16: a way of doing a step that cannot work for him (his e-mail is down) ----------------------------------
MAIL = {"en": ["MailHaus support, Fiona. What's the best number to ring you back on if we get cut off?",
               "What exactly happens when you try to use your e-mail?",
               "What's stopping Mr Yilmaz from changing it?",
               "You don't need a computer: write on a note that he may change it, sign it, take a photo and send it to "
               "me by e-mail.",
               "You don't need a computer: write on a note that he may change it, sign it, take a photo and send it to "
               "me by WhatsApp."],
        "de": ["MailHaus Hotline, Schulz. Unter welcher Nummer kann ich Sie zurückrufen, falls die Verbindung abreißt?",
               "Was genau passiert, wenn Sie Mails abrufen wollen?",
               "Woran scheitert es denn, dass Herr Yilmaz das nicht umstellt?",
               "Dafür brauchen Sie keinen Rechner: Zettel, draufschreiben, unterschreiben, abfotografieren und mir mailen.",
               "Dafür brauchen Sie keinen Rechner: Zettel, draufschreiben, unterschreiben, abfotografieren und per "
               "WhatsApp schicken."]}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_sending_the_photo_by_e_mail_meets_his_objection(lang: str) -> None:
    engine = _engine("mobile-caller", lang)
    states = replay(engine, MAIL[lang])
    turn, reply = _last(states[4])
    assert "propose_photo" not in turn.steps and engine.scenario.step("propose_photo").objection.reply.get(lang) in reply
    assert "propose_photo" in _last(states[5])[0].steps, _last(states[5])[1]


@pytest.mark.parametrize("lang, line", [
    ("en", "So your boss signs tomorrow at 10. I don't know yet if BIM is included, I'll check with our licensing team."),
    ("de", "Ihr Chef unterschreibt also morgen um zehn. Ob BIM dabei ist, weiß ich noch nicht, ich frage bei der "
           "Lizenzabteilung nach."),
])
def test_her_deadline_said_back_is_no_time_of_ours_even_beside_an_i(lang: str, line: str) -> None:
    """Round 8: the sentence with the time has no I/we – it repeats her deadline; the 'I' of the next sentence does
    not make it a promise."""
    engine = _engine("unknown-answer", lang)
    state = engine.respond(engine.start(), "Licensing desk, Sam speaking, how can I help?" if lang == "en"
                           else "Lizenz-Hotline, Sam am Apparat, was kann ich für Sie tun?")
    state = engine.respond(state, line)
    assert "time" not in state.trainee_turns[-1].steps and "time" not in state.steps_done


def test_round8_taking_the_case_in_plain_words_is_ownership() -> None:
    from simulator.analysis import Analyser
    from simulator.dialogue.phrases import StepPhrases

    step = load("diva-complaint").step("ownership")
    phrases = tuple(step.recognise.get("en"))
    analyser = Analyser.for_language("en")
    base = analyser.phrases(phrases)
    matcher = StepPhrases(phrases, lang="en", compounds=base.compounds, fuzzy=base.fuzzy)
    for line in ("Now that it's mine I will call you back today by two pm.", "i own this ticket from now on"):
        assert matcher.search(analyser.analyse_rules(line)) is not None, line


@pytest.mark.parametrize("sid", ["diva-complaint", "expert-user", "mobile-caller"])
def test_round8_a_time_given_too_early_is_not_asked_for_again(sid: str) -> None:
    """Round 8: "I'll call you back today by two" before the ownership got "By when – and who's responsible?"."""
    for step in load(sid).steps:
        if "time_commitment" in step.acts and step.early:
            for lang in ("de", "en"):
                for text in step.early.all(lang):
                    assert not text.startswith(("By when", "Bis wann")), text


def _edited_error(tmp_path, sid: str, old: str, new: str) -> str:
    """The one-line error loading scenario *sid* gives with its first *old* replaced by *new* (it must give one)."""
    from simulator.errors import ScenarioError
    from simulator.scenario import load_file
    from simulator.scenario.loader import SCENARIO_DIR

    text = (SCENARIO_DIR / f"{sid}.yaml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / f"{sid}.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        load_file(path)
    return str(err.value)
