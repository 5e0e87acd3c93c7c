"""Play-test round 6: the customer engine (testers' lines and variants of them, both languages).

1. After her own offer to tell, a yes lets her tell; offers fit the scenario and never follow "tell me".
2. Her goodbye leaves the trainee the last word; script play, the CLI and the score agree.
3. Phrases match words, not letters; she never performs a step nobody asked her to.
4. A step asked for too early gets an answer in character, not silence.
5. Replies are not glued from contradicting or repeated pieces.
6. Messages of a scripted call come from the call's language.
"""

from __future__ import annotations

import re

import pytest

from simulator.analysis import Analyser
from simulator.dialogue import Engine
from simulator.dialogue.events import Farewell, Offered, has
from simulator.dialogue.lines import customer_lines
from simulator.dialogue.phrases import StepPhrases
from simulator.dialogue.planner import ReplyPlan
from simulator.dialogue.reading import assents, invites
from simulator.dialogue.session import Call, replay
from simulator.scenario import available, load
from simulator.scoring.consistency import problems


from playtest_calls import engine as _engine  # noqa: E402
from playtest_calls import last as _last  # noqa: E402
from playtest_calls import replayed as _play  # noqa: E402


# -- 1. "Describe first": her offer, the trainee's yes ------------------------------------------------------------
STUCK = {"en": ["IT helpdesk, hello.", "Ok.", "Fine.", "Hm."], "de": ["IT-Hotline, hallo.", "Okay.", "Gut.", "Hm."]}
YES = {"en": ["Sure, go ahead.", "Yes please.", "Go on then.", "Sure, go ahead. Is it showing an error on the display?",
              "Yes of course, sorry.", "Okay.", "Yes, go on."],
       "de": ["Ja, bitte.", "Klar, schießen Sie los.", "Gerne, erzählen Sie.", "Ja klar, sorry. Leuchtet die Power-LED?",
              "Okay.", "Ja, natürlich."]}


def _offered(lang: str):
    state = _play("checked-plug", lang, STUCK[lang])
    assert any(has(t.events, Offered) for t in state.trainee_turns), [x.reply.text for x in state.exchanges[1:]]
    while not has(state.trainee_turns[-1].events, Offered):  # the state right after her offer
        state = _play("checked-plug", lang, STUCK[lang][: state.turn - 1])
    return state


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_yes_to_her_offer_lets_her_tell(lang: str) -> None:
    engine = _engine("checked-plug", lang)
    before = _offered(lang)
    offer = before.exchanges[-1].reply.text
    assert any(o in offer for o in customer_lines(lang, "offer"))
    tell = engine.scenario.step("describe").reply.get(lang)
    for yes in YES[lang]:
        after = engine.respond(before, yes)
        turn, reply = _last(after)
        assert "describe" in turn.steps, yes
        assert tell in reply and not any(o in reply for o in customer_lines(lang, "offer")), (yes, reply)


@pytest.mark.parametrize("lang,no", [("en", "No, wait. Is the power LED on?"), ("en", "Not now, hang on."),
                                     ("de", "Nein, Moment. Leuchtet die Power-LED?"), ("de", "Jetzt nicht.")])
def test_a_no_to_her_offer_does_not(lang: str, no: str) -> None:
    after = _engine("checked-plug", lang).respond(_offered(lang), no)
    assert "describe" not in _last(after)[0].steps


def test_yes_and_tell_me_are_read_as_such() -> None:
    assert assents("Sure, go ahead.", "en") and assents("Go on then.", "en") and assents("Ah, ok, yes please", "en")
    assert assents("Ja, gerne.", "de") and assents("Legen Sie los!", "de") and assents("okay", "de")
    assert not assents("No, go ahead with the ticket first.", "en") and not assents("Nein, danke.", "de")
    assert not assents("Okay. Is the LED on?", "en")  # a new question, not a yes
    assert invites("Erzählen Sie halt nochmal kurz, was los ist.", "de") and invites("Tell me what happened.", "en")


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("sid", ["missed-appointment", "diva-complaint"])
def test_no_offer_to_tell_where_she_has_told_it_already(sid: str, lang: str) -> None:
    """A complaint has no 'what happened?' step: she is never heard offering to describe what she sees."""
    chatter = {"en": ["Hello, service desk.", "Right. Ticket number?", "Ok.", "Hm.", "Go on then."],
               "de": ["Hallo, Service.", "Aha. Ticketnummer?", "Okay.", "Hm.", "Na dann, erzählen Sie."]}[lang]
    state = _play(sid, lang, chatter)
    replies = " ".join(x.reply.text for x in state.exchanges[1:] if x.reply is not None)
    assert not any(o in replies for o in customer_lines(lang, "offer")), replies
    assert not any(has(t.events, Offered) for t in state.trainee_turns)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_general_offers_fit_any_problem(lang: str) -> None:
    offers = " ".join(customer_lines(lang, "offer")).lower()
    assert not re.search(r"\bsee|seeing|sehe|bildschirm|screen|drucker|printer", offers)


@pytest.mark.parametrize("lang,line", [("de", "Erzählen Sie bitte nochmal kurz, was los ist."),
                                       ("en", "Just tell me again what the problem is.")])
def test_asked_to_tell_she_never_offers_to_tell(lang: str, line: str) -> None:
    for sid in ("checked-plug", "diva-complaint"):
        engine = _engine(sid, lang)
        state = engine.respond(engine.start(), {"de": "Hotline, hallo.", "en": "Helpdesk, hello."}[lang])
        for _ in range(3):
            state = engine.respond(state, line)
            assert not any(o in _last(state)[1] for o in customer_lines(lang, "offer")), (sid, _last(state)[1])


# -- 2. The trainee's goodbye ---------------------------------------------------------------------------------------
GOOD = {
    "en": ["Good morning, IT service desk, my name is Alex. What exactly happens when you try to print?",
           "That's really annoying. By when do you need the printouts?",
           "Could you please check the plug at the power strip under the desk?",
           "I understand you already checked it. I'm asking anyway because the strip under the desk is often switched "
           "off, and I want to rule that out.",
           "Then please switch the power strip on at its switch.",
           "So to recap: the power strip was off, and now the printer works again.",
           "Is there anything else I can do for you?",
           "Thanks, Ms Hall, have a good day, bye!"],
    "de": ["Guten Morgen, IT-Hotline, mein Name ist Tim Berger. Was genau passiert denn, wenn Sie drucken wollen?",
           "Ich verstehe, dass das ärgerlich ist. Bis wann brauchen Sie den Ausdruck?",
           "Schauen Sie bitte einmal nach der Steckdosenleiste unter dem Tisch?",
           "Das glaube ich Ihnen sofort, und ich verstehe, dass das nervt. Der Grund ist: Die Leiste hat oft einen eigenen "
           "Schalter, und der geht beim Putzen leicht mal aus. So können wir das sicher ausschließen.",
           "Gut, dass Sie nachgesehen haben! Schalten Sie den Schalter an der Leiste bitte einmal ein.",
           "Kurz zusammengefasst: Die Steckdosenleiste war ausgeschaltet, deshalb hatte der Drucker keinen Strom. Jetzt "
           "ist sie wieder an und der Drucker druckt.",
           "Kann ich sonst noch etwas für Sie tun?",
           "Danke, Frau Hahn, schönen Tag noch, tschüss!"],
}


@pytest.mark.parametrize("lang", ["en", "de"])
def test_her_goodbye_leaves_the_trainee_the_last_word(lang: str) -> None:
    sc = load("checked-plug")
    states = replay(Engine(sc, lang), GOOD[lang])
    farewell = next(s for s in states[1:] if has(s.trainee_turns[-1].events, Farewell))
    assert farewell.solved and not farewell.ended  # she said goodbye; the line is still open
    final = states[-1]
    assert final.turn == len(GOOD[lang]) and final.ended
    assert final.outcome.resolved and final.outcome.reason == "solved"
    assert final.exchanges[-1].reply is None  # she has hung up: nothing after the trainee's goodbye
    call = Call(Engine(sc, lang))
    state = call.play(GOOD[lang])
    assert state.turn == len(GOOD[lang])  # every line of the script was played
    assert problems(sc, state, call.score) == []
    closing = [e for d in call.score.dimensions for e in d.evidence if e.kind in ("closing", "closing_bare")]
    assert closing and closing[0].turn in (len(GOOD[lang]) - 1, len(GOOD[lang]))


@pytest.mark.parametrize("lang", ["en", "de"])
def test_hanging_up_after_her_goodbye_is_solved_too(lang: str) -> None:
    sc = load("checked-plug")
    call = Call(Engine(sc, lang))
    for line in GOOD[lang][:-1]:
        call.say(line)
    assert not call.ended and has(call.state.trainee_turns[-1].events, Farewell)
    call.finish("quit")
    assert call.state.outcome.resolved and call.state.outcome.reason == "solved"


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_last_summary_after_her_goodbye_is_answered_then_the_call_ends(lang: str) -> None:
    lines = GOOD[lang][:5] + GOOD[lang][6:7] + GOOD[lang][5:6]  # "anything else?" before the recap
    final = _play("checked-plug", lang, lines)
    turn, reply = _last(final)
    assert final.ended and "recap" in turn.steps and reply  # she answers the recap on her way out


# -- 3. Phrases match words; she does only what she is asked --------------------------------------------------------
def _matcher(lang: str, *phrases: str) -> StepPhrases:
    base = Analyser.for_language(lang).phrases(phrases)
    return StepPhrases(phrases, lang=lang, compounds=base.compounds, fuzzy=base.fuzzy)


@pytest.mark.parametrize("lang,phrase,line,hit", [
    ("de", "zug|bahn|ice|auto", "Ihre Zugangsdaten im Mailprogramm, stimmen die?", False),
    ("de", "zug|bahn|ice|auto", "Sitzen Sie gerade im Zug?", True),
    ("de", "rufe an|zurück", "Wir hätten Sie anrufen müssen.", False),
    ("de", "rufe an|zurück", "Ich rufe Sie heute noch zurück.", True),
    ("de", "leiste", "Schauen Sie bitte nach der Steckdosenleiste.", True),
    ("de", "schalte", "Die Leiste war ausgeschaltet.", True),
    ("de", "recht", "Yilmaz ist nicht berechtigt.", False),
    ("de", "erst", "Das verstehe ich.", False),
    ("de", "prüf*", "Haben Sie das überprüft?", True),
    ("de", "les", "Setzen Sie ein Lesezeichen.", False),
    ("de", "les*", "Setzen Sie ein Lesezeichen.", True),
    ("de", "netzwerk", "Ist das Netzwerkkabel eingesteckt?", True),
    ("de", "kabel", "Die Maus ist kabellos.", False),
    ("en", "switch on", "the strip switch is the one thing I can't see", False),
    ("en", "switch on", "Please switch it on.", True),
    ("en", "plug", "Is the printer plugged in?", True),
    ("en", "by when", "Bye. Call us when someone there knows.", False),
    ("en", "what stopping|blocking", "That's what's been blocking it all day.", True),
    ("en", "confirm", "I'll send you a confirmation email.", True),
    ("en", "solar*", "No solarstorms today.", True),
])
def test_phrase_words_match_words_not_letters(lang: str, phrase: str, line: str, hit: bool) -> None:
    analysis = Analyser.for_language(lang).analyse_rules(line)
    assert (_matcher(lang, phrase).search(analysis) is not None) == hit


def test_a_star_inside_a_phrase_word_is_reported_compiler_style(tmp_path) -> None:
    from simulator.errors import ScenarioError
    from simulator.scenario import load_file
    from simulator.scenario.loader import SCENARIO_DIR

    text = (SCENARIO_DIR / "checked-plug.yaml").read_text(encoding="utf-8").replace('"schalter",', '"schal*ter",', 1)
    assert '"schal*ter"' in text
    path = tmp_path / "checked-plug.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        load_file(path)
    assert re.search(r"checked-plug\.yaml:\d+:\d+: step 'check_plug' phrase .*schal\*ter", str(err.value))


def test_zugangsdaten_is_no_train() -> None:
    lines = ["MailHaus, Weber. Was genau passiert denn?", "Ihre Zugangsdaten im Mailprogramm, stimmen die?"]
    turn, reply = _last(_play("mobile-caller", "de", lines))
    assert "context" not in turn.steps and "ICE" not in reply


@pytest.mark.parametrize("lang,lines", [
    ("de", ["Hallo, MedIT, Weber. Was sehen Sie denn auf dem Bildschirm?",
            "Keine Sorge, Sie haben nichts kaputt gemacht. Schauen Sie bitte hinten am Computer nach dem Kabel?",
            "Da geht nichts weg, versprochen. Das ist so ein Stecker wie beim Telefon, nur breiter. Hängt der irgendwo "
            "lose rum?"]),
    ("en", ["Hello, MedIT, Sam. What do you see on the screen?",
            "Don't worry, you haven't broken anything. Could you look at the cable at the back of the computer?",
            "Nothing gets lost, I promise. It's a plug like a phone plug, only wider. Is it hanging loose anywhere?"]),
])
def test_she_never_plugs_the_cable_in_unasked(lang: str, lines: list[str]) -> None:
    state = _play("jargon-averse", lang, lines)
    assert "check_cable" in state.steps_done and "plug_in" not in state.steps_done
    assert not state.solved
    done = _engine("jargon-averse", lang).respond(
        state, {"de": "Super, das ist er. Stecken Sie den bitte wieder ein, bis es klickt.",
                "en": "Great, that's the one. Please push it back in until it clicks."}[lang])
    assert "plug_in" in _last(done)[0].steps  # asked for, she does it


@pytest.mark.parametrize("lang,line", [("de", "Ich frag mal nach und meld mich dann bei Ihnen, okay?"),
                                       ("en", "I'll find out and call you back, ok?")])
def test_a_vague_promise_names_nobody_who_finds_out(lang: str, line: str) -> None:
    opening = {"de": "Lizenzbetreuung, Weber, guten Tag.", "en": "Licensing support, Sam, hello."}[lang]
    honest = {"de": "Das weiß ich ehrlich gesagt nicht, raten will ich nicht.",
              "en": "Honestly, I don't know, and I don't want to guess."}[lang]
    turn, reply = _last(_play("unknown-answer", lang, [opening, honest, line]))
    assert "find_out" not in turn.steps and "callback" not in turn.steps
    assert reply  # she answers, in character


@pytest.mark.parametrize("lang,line", [("en", "Should be working again within the hour or so, before your meeting hopefully."),
                                       ("de", "Das sollte in einer Stunde wieder laufen, noch vor Ihrem Termin hoffentlich.")])
def test_a_statement_does_not_make_her_tell_her_day(lang: str, line: str) -> None:
    first = {"en": "MailHaus support, Sam. What exactly happens with your e-mail?",
             "de": "MailHaus, Weber. Was genau passiert mit Ihren Mails?"}[lang]
    turn, _ = _last(_play("mobile-caller", lang, [first, line]))
    assert "context" not in turn.steps


@pytest.mark.parametrize("lang,check", [
    ("en", "It's just that the strip has its own switch on the side – could you have a look whether the switch on the "
           "strip is off? I'm asking because cleaners knock it."),
    ("de", "Ich frage, weil die Leiste einen eigenen Schalter hat, den die Putzkolonne gern erwischt: Schauen Sie bitte, "
           "ob der Schalter an der Leiste aus ist – könnten Sie ihn einschalten?"),
])
def test_a_check_she_is_asked_for_is_not_also_the_fix(lang: str, check: str) -> None:
    opening = {"en": "IT helpdesk, Sam. What exactly happens when you print?",
               "de": "IT-Hotline, Berger. Was genau passiert, wenn Sie drucken?"}[lang]
    plug = {"en": "Could you check the plug at the power strip?", "de": "Können Sie nach dem Stecker an der Leiste schauen?"}[lang]
    state = _play("checked-plug", lang, [opening, plug, check])
    assert "check_plug" in state.steps_done and "power_on" not in state.steps_done


def test_a_head_guess_is_no_request_for_his_number() -> None:
    """'Is the password right on your phone?' – an unsure head reading of 'callback' takes no callback step."""
    from simulator.analysis.result import Analysis, Evidence

    line = "Sorry, is the password right on your phone?"

    class Guessing:
        def __init__(self, real):
            self.real = real

        def analyse(self, text):
            if text != line:
                return self.real.analyse(text)
            return Analysis(text, "en", tuple(text.lower().split()), ("closed_question", "callback"),
                            (Evidence("closed_question", 7, 9, text[7:9]), Evidence("callback", 0, len(text), text)),
                            False, (("closed_question", 0.94), ("callback", 0.64)))

        def __getattr__(self, name):
            return getattr(self.real, name)

    engine = _engine("mobile-caller", "en")
    engine.analyser = Guessing(engine.analyser)
    state = engine.respond(engine.start(), "MailHaus support, hello, how can I help?")
    turn, reply = _last(engine.respond(state, line))
    assert "callback" not in turn.steps and "callback" not in turn.acts
    assert "553" not in reply
    firm = engine.respond(state, "In case we get cut off: what's your mobile number?")
    assert "callback" in _last(firm)[0].steps


# -- 4. Too early: an answer in character ---------------------------------------------------------------------------
@pytest.mark.parametrize("lang,lines", [
    ("en", ["Licensing support, hi, how can I help?",
            "Hmm, I'm not 100% sure tbh, normally new modules are an add-on SKU but I'll have to check with the "
            "licencing team."]),
    ("de", ["Lizenzbetreuung, guten Tag.",
            "Ehrlich gesagt weiß ich es nicht, das hängt vermutlich am DHCP, aber ich kläre das mit unserer "
            "Lizenzabteilung."]),
])
def test_jargon_in_one_clause_does_not_hide_who_finds_out(lang: str, lines: list[str]) -> None:
    turn, _ = _last(_play("unknown-answer", lang, lines))
    assert "jargon" in turn.acts and "find_out" in turn.steps


@pytest.mark.parametrize("lang,asks", [
    ("en", ["Same number as in the system?", "Is the number we have on file ok?", "What number can I reach you on?"]),
    ("de", ["Ist die Nummer im System noch richtig?", "Unter welcher Nummer erreiche ich Sie?", "Ihre Durchwahl bitte?"]),
])
def test_a_request_asked_too_early_is_answered_not_ignored(lang: str, asks: list[str]) -> None:
    sc = load("unknown-answer")
    opening = {"en": "Licensing support, hi.", "de": "Lizenzbetreuung, hallo."}[lang]
    state = _play("unknown-answer", lang, [opening] + asks)
    early = sc.step("callback").early.all(lang)
    replies = [x.reply.text for x in state.exchanges[2:]]
    assert early and all(any(e in r for e in early) or "?" in r for r in replies), replies
    assert any(e in r for r in replies for e in early)
    assert not any(r in customer_lines(lang, "nudge_next") for r in replies)


@pytest.mark.parametrize("sid", available())
def test_every_step_with_requires_that_a_trainee_asks_for_has_an_early_answer(sid: str) -> None:
    """Steps taken by what the trainee asks for (phrases) answer 'too early' in character; summaries and open
    questions may rely on the general nudge, and a step that needs her to tell first on her offer to tell."""
    sc = load(sid)
    for step in sc.steps:
        after_telling = all("open_question" in sc.step(r).acts for r in step.needs)
        if step.requires and step.recognise.by_lang and not step.asks and not after_telling and not any(
                a in step.acts for a in ("summary", "open_question")):
            for lang in sc.languages:
                assert step.early.all(lang), f"{sid}: step '{step.id}' has no early text in {lang}"


# -- 5. Replies that hang together ------------------------------------------------------------------------------------
def test_one_acknowledgement_and_no_sentence_twice_per_answer() -> None:
    en = ReplyPlan("", lang="en")
    for part in ("Good. Then at least I know whom to call.", "I'm writing that down.",
                 "Good. That's the first time anyone has told me something binding."):
        en.add(part)
    assert en.text().count("Good.") == 1 and "That's the first time" in en.text()
    de = ReplyPlan("", lang="de")
    de.add("Gut, dass das jemand verbindlich klärt.")
    de.add("Ja, gern. Sie erreichen mich bis halb sechs.")
    assert de.text() == "Gut, dass das jemand verbindlich klärt. Sie erreichen mich bis halb sechs."
    wife = ReplyPlan("", lang="de")
    wife.add("Hab ich das nicht gesagt? Meine Frau sagt auch immer, ich fang hinten an.")
    wife.add("Ja, ja, Entschuldigung. Meine Frau sagt auch immer, ich fang hinten an. Fragen Sie.")
    assert wife.text().count("Meine Frau") == 1 and wife.text().endswith("Fragen Sie.")


@pytest.mark.parametrize("lang", ["en", "de"])
def test_her_number_answers_what_is_your_number(lang: str) -> None:
    lines = {"en": ["Licensing support, Sam, hello.", "Honestly, I don't know, and I won't guess.",
                    "I'll check with our licensing team and call you back by 4 pm today. What's your number?"],
             "de": ["Lizenzbetreuung, Weber, hallo.", "Ehrlich gesagt weiß ich das nicht, raten will ich nicht.",
                    "Ich kläre das mit unserer Lizenzabteilung und rufe Sie bis 16 Uhr zurück. Wie ist Ihre Nummer?"]}[lang]
    turn, reply = _last(_play("unknown-answer", lang, lines))
    assert "callback" in turn.steps
    assert not re.search(r"Yes, please|Ja, gern", reply)
    assert reply.count("Good") <= 1 and len(re.findall(r"\bGut\b", reply)) <= 1, reply


@pytest.mark.parametrize("lang", ["en", "de"])
def test_no_third_time_after_the_first_missed_visit(lang: str) -> None:
    sc = load("missed-appointment")
    texts = [sc.end.solved.get(lang)] + [e.line.get(lang) for e in sc.events] + list(sc.fillers["nudge"].all(lang))
    assert not any(re.search(r"third time|dritte", t, re.I) for t in texts)
    assert not any(re.search(r"again\.|nicht wieder", e.line.get(lang)) for e in sc.events)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_no_cleaner_that_never_came_up(lang: str) -> None:
    recap = load("jargon-averse").step("recap").reply.all(lang)
    assert not any(re.search(r"cleaner|Putzfrau", r) for r in recap)


@pytest.mark.parametrize("lang,summary", [
    ("de", "Ich fass mal zusammen: Ihre Festplatte ist voll mit alten Scans. Kein Virus, keine Sonnenstürme, einfach "
           "kein Platz mehr. Passt das so?"),
    ("en", "Let me sum up: your disk is full of old scans. No virus, no solar storms, just no space left. Is that right?"),
])
def test_a_theory_the_trainee_ruled_out_is_not_brought_up_after_it(lang: str, summary: str) -> None:
    lines = {"de": ["Service, Weber. Darf ich kurz unterbrechen: Ihr Name und Ihre Rückrufnummer?",
                    "Danke. Gehen wir der Reihe nach vor: Was genau passiert, wenn der Rechner hängt?",
                    "Und wo speichern Sie die eingescannten Lieferscheine?", "Okay.", summary, "Okay."],
             "en": ["Service desk, Sam. May I cut in: your name and callback number?",
                    "Thanks. Let's go one step at a time: what exactly happens when the computer hangs?",
                    "And where do you save the scanned delivery notes?", "Okay.", summary, "Okay."]}[lang]
    state = _play("voicebox-rambler", lang, lines)
    storm = load("voicebox-rambler").events[1].line.get(lang)
    assert "solar_theory" in state.fired_events  # moot once raised
    assert not any(storm in x.reply.text for x in state.exchanges[5:] if x.reply is not None)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_no_stock_line_glued_to_her_own_reaction(lang: str) -> None:
    """'Hello? I didn't get that – say it in plain words, please. Sorry? That didn't come through.'"""
    lines = {"en": ["MailHaus support, hello.", "Ok, have you checked the password is correct in the IMAP settings?"],
             "de": ["MailHaus Support, hallo.", "Ok, stimmt das Passwort in den IMAP-Einstellungen?"]}[lang]
    sc = load("mobile-caller")
    _, reply = _last(_play("mobile-caller", lang, lines))
    reactions = sc.reactions["jargon"].reply.all(lang)
    assert any(r in reply for r in reactions)
    assert not any(f in reply for f in sc.fillers["confused"].all(lang))


def test_a_proposal_is_not_confirmed_as_her_own_words() -> None:
    lines = ["MailHaus support, Sam. What exactly happens?", "Do you have a computer with you, or only the phone?",
             "Who would have to authorise the change?", "Can't you just open the portal in the browser on your phone?"]
    _, reply = _last(_play("mobile-caller", "en", lines))
    assert "that's what I said" not in reply


@pytest.mark.parametrize("lang", ["en", "de"])
def test_no_provocation_after_a_binding_agreement(lang: str) -> None:
    lines = {"en": ["IT service desk, Sam. I'm very sorry you've had to call a third time.",
                    "I'm looking at your ticket right now.",
                    "From now on I'm personally taking care of your case. I'll call you by 4 pm today.",
                    "Okay.", "Okay.", "Is there anything else?"],
             "de": ["IT-Service, Berger. Es tut mir sehr leid, dass Sie schon zum dritten Mal anrufen müssen.",
                    "Ich schaue mir gerade Ihr Ticket an.",
                    "Ich kümmere mich ab jetzt persönlich um Ihren Fall und rufe Sie heute bis 16 Uhr an.",
                    "Okay.", "Okay.", "Kann ich sonst noch etwas tun?"]}[lang]
    state = _play("diva-complaint", lang, lines)
    assert state.solved
    jabs = [e.line.get(lang) for e in load("diva-complaint").events]
    after = [x.reply.text for x in state.exchanges if x.number > state.solved_at and x.reply is not None]
    assert not any(j in r for r in after for j in jabs)


# -- 6. The CLI speaks the call's language ----------------------------------------------------------------------------
def test_unplayed_script_lines_are_reported_in_german(tmp_path, capsys) -> None:
    from simulator.cli import main

    script = tmp_path / "kurz.txt"
    script.write_text("Ja?\nHaben Sie den Stecker überhaupt geprüft? Sind Sie zu blöd dafür?\n"
                      "Das ist nicht mein Problem.\nDas ist mir egal.\nDann rufen Sie halt später an.\n"
                      "Noch was?\nTschüss.\n", encoding="utf-8")
    code = main(["play", "checked-plug", "--lang", "de", "--script", str(script), "--no-voice", "--no-store",
                 "--ui", "terminal"])
    err = capsys.readouterr().err
    assert code == 0
    assert "weitere Skriptzeile(n) wurden nicht gespielt" in err and "were not played" not in err


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_terminal_says_when_the_next_line_ends_the_call(lang: str) -> None:
    from click.testing import CliRunner

    from simulator.cli import cli
    from simulator.dialogue.state import awaits_last_word
    from simulator.strings import strings

    states = replay(Engine(load("checked-plug"), lang), GOOD[lang])
    waiting = [n for n, s in enumerate(states) if awaits_last_word(s)]
    assert waiting == [len(GOOD[lang]) - 1]  # only after her goodbye, and never once the call has ended
    typed = "\n".join(GOOD[lang]) + "\n\n\n"
    result = CliRunner().invoke(cli, ["play", "checked-plug", "--ui", "terminal", "--no-voice", "--no-store",
                                      "--lang", lang], input=typed)
    assert result.exit_code == 0, result.output
    out = " ".join(result.output.split())
    assert out.count(strings(lang).t("last_word_hint")) == 1
