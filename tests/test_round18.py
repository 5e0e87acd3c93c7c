"""Round 18 (play-tests in both languages, then my own lines). Every line was written for this test, not copied from
the play-test scripts."""

from __future__ import annotations

import pytest

from playtest_calls import head_acts, items, kinds, play, play_with_head, replayed
from simulator.scenario import load
from simulator.scoring.consistency import problems

_RECAP_FIRST = {
    "en": ["Good morning, IT service desk, this is Sam speaking.",
           "I'm sorry that nobody got back to you last week as promised, that should not have happened.",
           "So, to sum up: the VPN drops when you work from home, never in the office, and reinstalling it twice didn't help.",
           "I'll take this on myself and escalate it to the network team today. Does that work for you?"],
    "de": ["Guten Morgen, IT-Service, hier spricht Sam.",
           "Es tut mir leid, dass sich letzte Woche niemand wie versprochen gemeldet hat, das hätte nicht passieren dürfen.",
           "Also zusammengefasst: Das VPN bricht im Homeoffice ab, im Büro nie, und zweimal neu installieren hat nichts gebracht.",
           "Ich übernehme das persönlich und rufe Sie heute bis 16 Uhr selbst zurück. Passt das für Sie?"],
}


@pytest.mark.parametrize("lang", ["en", "de"])
def test_her_ticket_said_back_shows_it_was_read(lang: str) -> None:
    """The diva praises a recap of her ticket ("Nice that someone finally read it"): taking ownership next is not met
    with "Do you even know my case yet? Look into the ticket first" (round 18, own call)."""
    sc, state, score = play("diva-complaint", lang, _RECAP_FIRST[lang])
    steps = {s for x in state.exchanges if x.trainee is not None for s in x.trainee.steps}
    assert {"recap_known", "ownership"} <= steps
    assert "ticket" not in steps
    assert not problems(sc, state, score)


def test_requires_with_alternatives() -> None:
    step = load("diva-complaint").step("ownership")
    assert step.requires == ("ticket|recap_known",)
    assert step.needs == ("ticket", "recap_known")
    assert step.unmet(()) == ("ticket|recap_known",)
    assert step.unmet(("recap_known",)) == () and step.unmet(("ticket",)) == ()


@pytest.mark.parametrize("lang, lines", [
    ("en", ["Good morning, IT service desk, this is Sam speaking.",
            "I'm really sorry nobody got back to you last week, that should not have happened.",
            "When exactly does the connection drop, can you tell me?",
            "So in short: your VPN keeps dropping when you work from home, not in the office, and reinstalling it "
            "twice changed nothing."]),
    ("de", ["Guten Morgen, IT-Service, hier spricht Sam.",
            "Es tut mir wirklich leid, dass sich letzte Woche keiner gemeldet hat.",
            "Wann genau bricht die Verbindung denn ab?",
            "Kurz zusammengefasst: Ihr VPN bricht zu Hause immer wieder ab, im Büro nicht, und zweimal neu installieren "
            "hat nichts geändert."]),
])
def test_a_step_asked_too_early_is_not_called_missing(lang: str, lines: list[str]) -> None:
    """She answered the focused question with "look into the ticket first"; his recap of her ticket later opened
    the step, which he never asked again: the debrief says it came too early and quotes that line, not "Step missing
    – don't skip this step" (round 18, own call)."""
    sc, state, score = play("diva-complaint", lang, lines)
    title = sc.step("pattern").title.get(lang)
    about = [e for e in items(score, "checklist") if title in e.note]
    assert [e.kind for e in about] == ["step_early"]
    assert about[0].turn == 3 and about[0].quote == lines[2]


@pytest.mark.parametrize("lang, line, want", [
    ("en", "I can hear how fed up you are, and you have every right to be. I'm sorry nobody called you back as "
           "promised, that should not have happened.", "I'm sorry nobody called you back"),
    ("de", "Ich verstehe, dass Sie verärgert sind, und das zu Recht. Es tut mir leid, dass Sie niemand wie "
           "versprochen zurückgerufen hat.", "Es tut mir leid"),
])
def test_a_step_quote_is_the_sentence_that_does_the_step(lang: str, line: str, want: str) -> None:
    """In a line of several sentences the checklist quotes the one in the step's own words (the apology), not the
    first sentence with its act (round 17, left open)."""
    sc, state, score = play("diva-complaint", lang, [_RECAP_FIRST[lang][0], line])
    title = sc.step("apologise").title.get(lang)
    done = [e for e in items(score, "checklist", 2) if title in e.note]
    assert done and done[0].quote.startswith(want), done


# -- the analyser: thanks and a name, blame and condescension, jargon beside "the box", a request to tell ----------

def _rules(lang: str, line: str) -> set[str]:
    from simulator.analysis import Analyser
    return set(Analyser.for_language(lang).analyse_rules(line).acts)


@pytest.mark.parametrize("lang, line", [
    ("en", "Lovely, thanks Janet."),
    ("en", "Thank you Mr Patel."),
    ("de", "Prima, danke Herr Yilmaz."),
    ("de", "Danke, Frau Schulte."),
])
def test_thanks_and_a_name_are_neither_rude_nor_a_goodbye(lang: str, line: str, monkeypatch) -> None:
    """Said after she gave her number, thanks and a name acknowledge it: the learned head read "Thank you Mrs …" as
    rude and "Got it, thanks Tom." as a goodbye, and the customer asked "What, that's it?" (round 18, EN 4)."""
    acts = head_acts(lang, line, monkeypatch)
    assert "rude" not in acts and "closing" not in acts


@pytest.mark.parametrize("lang, line", [
    ("en", "Honestly, if users kept their coffee away from the keyboards this wouldn't happen."),
    ("en", "Next time maybe read the screen properly before ringing us."),
    ("en", "How am I supposed to know what your colleague did?"),
    ("de", "Wenn die Kollegen nicht ständig an den Kabeln ziehen würden, wäre das nicht passiert."),
    ("de", "Nächstes Mal bitte vorher genauer nachschauen."),
    ("de", "Das Ding einschalten, ist doch kein Hexenwerk."),
    ("de", "Woher soll ich denn das wissen?"),
])
def test_blame_and_condescension_are_rude(lang: str, line: str, monkeypatch) -> None:
    assert "rude" in _rules(lang, line)
    assert "rude" in head_acts(lang, line, monkeypatch)


@pytest.mark.parametrize("lang, line", [
    ("en", "If it happens again, just give me a call."),
    ("en", "Next time it freezes, hold the power button for ten seconds."),
    ("en", "If you keep the charger plugged in, it won't switch off again."),
    ("de", "Keine Sorge, das ist kein Hexenwerk, das kriegen wir zusammen hin."),
    ("de", "Wenn Sie den Stecker wieder einstecken, sollte es gehen."),
])
def test_tips_for_next_time_are_not_rude(lang: str, line: str) -> None:
    assert "rude" not in _rules(lang, line)


@pytest.mark.parametrize("lang, line", [
    ("en", "Right, the NIC shows no link, could be the DHCP lease. Look at the back of the grey box."),
    ("de", "Die NIC hat keinen Link, vielleicht die DHCP-Lease. Schauen Sie mal hinten am Kasten."),
])
def test_jargon_stays_jargon_beside_the_box(lang: str, line: str) -> None:
    """"the back of the box" explains no term: the jargon two sentences earlier is still jargon (round 18, EN 3)."""
    assert "jargon" in _rules(lang, line)


@pytest.mark.parametrize("lang, line", [
    ("en", "The router, that's the little box with the lights, is it blinking?"),
    ("de", "Der Router, also das kleine Kästchen mit den Lämpchen – blinkt das?"),
])
def test_a_term_said_again_in_plain_words_is_explained(lang: str, line: str) -> None:
    assert "jargon" not in _rules(lang, line)


@pytest.mark.parametrize("lang, line", [
    ("en", "Could you describe the issue for me once more?"),
    ("de", "Könnten Sie mir das Problem bitte noch einmal schildern?"),
])
def test_a_request_to_tell_is_an_open_question(lang: str, line: str, monkeypatch) -> None:
    assert "open_question" in head_acts(lang, line, monkeypatch)


@pytest.mark.parametrize("lang, line, word", [
    ("en", "Could you describe the issue for me once more?", "ticket"),
    ("de", "Könnten Sie mir das Problem bitte noch einmal schildern?", "Ticket"),
])
def test_the_diva_will_not_retell_on_request(lang: str, line: str, word: str) -> None:
    """Asked to tell her story again she says she will not – not "I couldn't tell you" (round 18, DE 10)."""
    state = replayed("diva-complaint", lang, [_RECAP_FIRST[lang][0], line], seed=5)
    assert word in (state.exchanges[-1].reply.text if state.exchanges[-1].reply else "")


# -- the debrief: excuses, vague weeks, a team name is no introduction, her number asked later, the recap -----------

@pytest.mark.parametrize("lang, line, excuse", [
    ("de", "Das tut mir leid, da war wohl jemand krank, so was kommt halt mal vor.", True),
    ("de", "Das tut mir leid, das passiert leider mal.", True),
    ("en", "Sorry about that, it happens sometimes.", True),
    ("de", "Kommt das öfter vor, oder nur heute?", False),
    ("en", "When does it happen, in the morning?", False),
])
def test_it_happens_sometimes_is_an_excuse(lang: str, line: str, excuse: bool) -> None:
    from simulator.scoring.wording import excuses
    assert excuses(line, lang) is excuse


@pytest.mark.parametrize("lang, sentence, is_vague", [
    ("de", "Wir schicken Ihnen nächste Woche jemanden vorbei.", True),
    ("de", "Wir kommen nächste Woche am Dienstag zwischen acht und zehn.", False),
    ("en", "We'll send an engineer next week.", True),
    ("en", "We'll send an engineer next week on Tuesday between 8 and 10.", False),
])
def test_a_week_without_a_day_is_vague(lang: str, sentence: str, is_vague: bool) -> None:
    from simulator.scoring.wording import vague
    assert vague(sentence, lang) is is_vague


@pytest.mark.parametrize("lang, line", [
    ("de", "servus, 2nd level hier, was gibts"),
    ("en", "hey, first level here, whats up"),
])
def test_a_support_level_is_no_name(lang: str, line: str) -> None:
    from simulator.scoring.wording import introduces
    assert not introduces(line, lang)


_UNKNOWN = {
    "de": ["Guten Tag, Lizenzbetreuung, Sie sprechen mit Kim Berger, was kann ich für Sie tun?",
           "Gern. Wozu brauchen Sie die Auskunft, und bis wann?",
           "Das verstehe ich. Ehrlich gesagt weiß ich es gerade nicht, und raten will ich nicht, sonst sage ich Ihnen "
           "womöglich etwas Falsches.",
           "Klären wird das unsere Lizenzabteilung, die ist heute bis 17 Uhr besetzt, ich gebe die Frage gleich nach "
           "unserem Gespräch dorthin weiter.",
           "Sie bekommen die Antwort heute bis 15 Uhr von mir.",
           "Unter welcher Nummer erreiche ich Sie heute Nachmittag am besten?"],
    "en": ["Good morning, licensing support, you're speaking with Kim Berger, how can I help?",
           "Sure. What do you need it for, and by when?",
           "I understand. Honestly, I don't know that right now, and I'd rather not guess, or I might tell you "
           "something wrong.",
           "Our licensing team will clear it up, they're in until 5 today, I'll pass the question on to them straight "
           "after this call.",
           "You'll have the answer from me today by 3 pm.",
           "What's the best number to reach you on this afternoon?"],
}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_her_number_asked_for_the_normal_way_is_asked(lang: str) -> None:
    sc, state, score = play("unknown-answer", lang, _UNKNOWN[lang])
    assert "step_callback_unasked" not in kinds(score, "checklist")


_HANDED_ON = {
    "de": ["Guten Tag, Lizenzbetreuung, hier spricht Kim Berger, was kann ich für Sie tun?",
           "Da frage ich bei unserer Lizenzabteilung nach und melde mich dann wieder bei Ihnen."],
    "en": ["Good morning, licensing support, Kim Berger speaking, how can I help?",
           "I'll check with our licensing department on that and get back to you."],
}
_ASKED = {"de": "Unter welcher Nummer erreiche ich Sie heute Nachmittag am besten?",
          "en": "What's the best number to reach you on this afternoon?"}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_her_number_asked_for_after_she_gave_it_is_asked(lang: str) -> None:
    """She gave her number unasked, and he asked for it the line after all the same: the debrief does not say he
    never asked (round 18, DE 6)."""
    sc, state, score = play("unknown-answer", lang, _HANDED_ON[lang])
    if "step_callback_unasked" not in kinds(score, "checklist"):
        pytest.skip("she did not give her number unasked here")
    sc, state, score = play("unknown-answer", lang, _HANDED_ON[lang] + [_ASKED[lang]])
    assert "step_callback_unasked" not in kinds(score, "checklist")


_MOBILE = ["Hi, mail support, Jo speaking. Before anything else, what number can I reach you on if we get cut off?",
           "Got it, thanks Tom.",
           "What's happening with your e-mail, and where are you right now?",
           "I can see it: your IT company isn't authorised on the account, so nobody could make the change.",
           "Here's a way from your phone: write a short note saying you authorise them, sign it, photograph it and "
           "send it to us by text.",
           "It's valid, I understand you're doubtful after this morning: a signed note from the account holder is all "
           "we need.",
           "Quick recap: you send the photo, I make the change, and your e-mail works again.",
           "Within half an hour of the photo arriving. I'll call you by half past one to confirm.",
           "Is there anything else I can help you with?",
           "Safe travels, bye!"]


def test_thanks_and_his_name_do_not_end_the_call(monkeypatch) -> None:
    """"Got it, thanks Tom." after he gave his number: the customer heard a goodbye ("What, that's it?"), the
    debrief said "tried to end the call" (round 18, EN 4)."""
    sc, state, score = play_with_head("mobile-caller", "en", _MOBILE, monkeypatch)
    assert not [e for e in state.exchanges[2].trainee.events if e.kind == "premature_close"]
    assert not [e for e in items(score, "courtesy") if e.kind == "premature_close" and "Tom" in e.quote]


def test_the_recap_before_the_time_frame_is_the_summary_at_the_end() -> None:
    """The checklist credits the recap of what was agreed; the time frame came a line later: the summarising card
    credits that recap too, not "no summary at the end" (round 18, EN 6)."""
    sc, state, score = play("mobile-caller", "en", _MOBILE)
    recap = [e for e in items(score, "checklist") if e.kind == "step_done" and "agreed" in e.note]
    assert recap and recap[0].turn == 7, items(score, "checklist")
    assert "summary_end" in kinds(score, "summarising", 7), items(score, "summarising")
    assert "no_summary_end" not in kinds(score, "summarising")
    assert problems(sc, state, score) == []


@pytest.mark.parametrize("lang, line", [
    ("de", "Oh je, das ist natürlich ärgerlich, gerade am Vormittag."),
    ("en", "Oh dear, that's really annoying, with a full waiting room."),
])
def test_understanding_alone_does_not_tell_her_she_broke_nothing(lang: str, line: str) -> None:
    """The step is "she did nothing wrong": sympathy alone does not take it, and she does not answer "Phew, I thought
    I'd broken something" to it (round 18, DE 3)."""
    greet = {"de": "Praxis-IT, guten Morgen, hier ist Sam.", "en": "Practice IT, good morning, Sam speaking."}[lang]
    state = replayed("jargon-averse", lang, [greet, line])
    assert "calm" not in state.exchanges[-1].trainee.steps


@pytest.mark.parametrize("lang, word", [("de", "morgen um zehn"), ("en", "tomorrow at ten")])
def test_asked_again_what_for_and_by_when_she_says_it_again(lang: str, word: str) -> None:
    """Her greeting's answer told her deadline; asked for it in so many words she says it again, short – not only
    "it's enough if you say it'll be included" (round 18, DE 12 / EN 14)."""
    state = replayed("unknown-answer", lang, _UNKNOWN[lang][:2])
    assert word in state.exchanges[-1].reply.text


# -- round 18, second batch: a bare sorry, "ok, I'll …", asked again, how things stand now --------------------------

@pytest.mark.parametrize("lang, bare, real", [
    ("en", "right, sorry about that.", "I'm sorry you've had to ring three times, that should not have happened."),
    ("de", "Ach so, tut mir leid.", "Es tut mir leid, dass Sie schon zum dritten Mal anrufen müssen."),
])
def test_a_bare_sorry_is_no_apology_for_the_repeated_failure(lang: str, bare: str, real: str) -> None:
    """'ok sorry about that' took 'Sincerely apologise for the repeated failure' in full (round 18, DE 4 / EN 7): she
    asks what for, and the apology that names the failure then takes the step."""
    state = replayed("diva-complaint", lang, [_RECAP_FIRST[lang][0], bare, real])
    assert "apologise" not in state.exchanges[2].trainee.steps
    assert "apologise" in state.exchanges[3].trainee.steps


@pytest.mark.parametrize("lang, sentence, marked", [
    ("en", "okay, I'll pass it on to the network team again.", False),
    ("en", "Okay, so the plug was loose and it's back in.", True),
    ("en", "So I'll unlock it once the photo is in and ring you by two.", True),
    ("de", "Okay, ich gebe das nochmal ans Netzwerkteam weiter.", False),
    ("de", "Okay, die Leiste war aus, jetzt läuft alles.", True),
])
def test_okay_before_the_agents_next_step_is_no_recap(lang: str, sentence: str, marked: bool) -> None:
    from simulator.scoring.wording import recap_marker
    assert recap_marker(sentence, lang) is marked


@pytest.mark.parametrize("lang, first, again, word", [
    ("en", "Can you tell me what's happening, and are there patients waiting?", "Are many patients waiting right now?",
     "said"),
    ("de", "Erzählen Sie mal, was passiert ist – und warten gerade Patienten?", "Wie viele Patienten warten denn gerade?",
     "gesagt"),
])
def test_asked_again_what_she_told_she_says_it_again(lang: str, first: str, again: str, word: str) -> None:
    """A question a step that asks took already gets her answer again, short ("Like I said: the waiting room's full
    …") – not "Hm, I'm not sure about that" (round 18, EN jargon-averse 10 / DE 13)."""
    greet = {"de": "Praxis-IT, guten Morgen, hier ist Sam.", "en": "Practice IT, good morning, Sam speaking."}[lang]
    state = replayed("jargon-averse", lang, [greet, first, again])
    if "context" not in {s for x in state.exchanges[:-1] if x.trainee for s in x.trainee.steps}:
        pytest.skip("the urgency was not told before the second question")
    assert word in state.exchanges[-1].reply.text


@pytest.mark.parametrize("lang, line", [("en", "Brilliant. What does the screen say now?"),
                                        ("de", "Super. Was steht jetzt auf dem Bildschirm?")])
def test_what_the_screen_says_now_asks_how_things_stand(lang: str, line: str) -> None:
    from simulator.dialogue.reading import checks_status
    assert checks_status(line, lang)


# -- statements and recaps ask her to do nothing --------------------------------------------------------------------

@pytest.mark.parametrize("lang, line", [
    ("en", "alright so the suffix thing broke after the update"),
    ("de", "aha also ist nach dem update das suffix kaputt"),
])
def test_a_hypothesis_stated_is_no_request_to_check(lang: str, line: str) -> None:
    """The expert ran the split-DNS checks herself after a plain statement that only came close to the step's
    examples, all of them questions or requests (round 18, EN expert 5)."""
    from playtest_calls import engine
    from simulator.dialogue.recognition import by_examples
    eng = engine("expert-user", lang)
    heard = eng.analyser.analyse(line)
    assert "check_config" not in by_examples(eng.examples, eng.scenario, line, heard.acts, ("ask_tried",))


_CABLE = {
    "de": ["Praxis-IT, guten Morgen, hier ist Sam.",
           "Keine Sorge, Sie haben bestimmt nichts kaputt gemacht. Was sehen Sie denn gerade auf dem Bildschirm?",
           "Sehr gut, dann stecken Sie das bitte einmal raus und wieder rein, bis es leise klick macht.",
           "Alles klar, dann kurz zusammengefasst: Das Kabel hinten am Rechner war locker, jetzt sitzt es wieder fest "
           "und alles läuft."],
    "en": ["Practice IT, good morning, Sam speaking.",
           "Don't worry, you definitely haven't broken anything. What can you see on the screen right now?",
           "Great, now pull it out once and push it back in until it clicks.",
           "Right, so to sum up: the cable at the back of the computer was loose, it's back in now and everything "
           "works."],
}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_recap_of_a_fix_never_made_makes_her_fix_nothing(lang: str) -> None:
    """A recap claiming the cable is back in made her find it and plug it in, and the debrief credited both cable
    steps to the recap (round 18, DE 2 / EN 3)."""
    state = replayed("jargon-averse", lang, _CABLE[lang])
    recap = state.exchanges[-1].trainee
    assert recap.steps == () and not [e for e in recap.events if e.kind in ("pushback", "yielded")]
    assert state.solved_at is None


# -- round 19 (play-tests on the round-18 build), my own lines --------------------------------------------------------

@pytest.mark.parametrize("lang, line", [
    ("de", "ok warten sie kurz ich muss nachhaken was genau ist denn kaputt und seit wann"),
    ("en", "right and the files where do they end up is that on the server"),
])
def test_a_question_mid_line_without_punctuation_stays_a_question(lang: str, line: str, monkeypatch) -> None:
    assert "open_question" in head_acts(lang, line, monkeypatch)


@pytest.mark.parametrize("lang, line", [
    ("de", "Das ist ein klassischer Anwenderfehler."),
    ("de", "Reden Sie mal lauter, ich versteh nix."),
    ("en", "honestly thats literally your job"),
])
def test_user_error_and_a_snapped_line_are_rude(lang: str, line: str, monkeypatch) -> None:
    assert "rude" in _rules(lang, line)
    assert "rude" in head_acts(lang, line, monkeypatch)


@pytest.mark.parametrize("lang, line", [
    ("de", "Das war bestimmt kein Bedienfehler, keine Sorge."),
    ("de", "Ich verstehe Sie leider kaum, könnten Sie etwas lauter sprechen?"),
    ("en", "It's not user error at all, don't worry."),
])
def test_denied_user_error_and_a_polite_cannot_hear_are_not_rude(lang: str, line: str) -> None:
    assert "rude" not in _rules(lang, line)


@pytest.mark.parametrize("lang, line", [
    ("de", "Gut. Falls noch was ist, melden Sie sich einfach. Tschüss."),
    ("en", "Fine. All working now. Bye."),
])
def test_a_goodbye_that_waves_her_off_does_not_calm_her(lang: str, line: str, monkeypatch) -> None:
    """"Gut. Wenn noch was ist, melden Sie sich zeitnah. Tschüss." took "she did nothing wrong" (the learned head
    reads such a goodbye as reassurance, as the corpus does), and she said how relieved she was with her calendar still
    gone (round 18 EN 1, round 19 DE 6)."""
    greet = {"de": "Praxis-IT, guten Morgen, hier ist Sam.", "en": "Practice IT, good morning, Sam speaking."}[lang]
    sc, state, score = play_with_head("jargon-averse", lang, [greet, line], monkeypatch)
    assert "calm" not in state.exchanges[-1].trainee.steps


def test_in_case_we_get_cut_off_is_no_interruption() -> None:
    state = replayed("voicebox-rambler", "de", ["Hallo, IT-Support, hier ist Sam.",
                                                "Und Ihre Nummer, falls wir unterbrochen werden?"])
    assert "structure" not in state.exchanges[-1].trainee.steps


@pytest.mark.parametrize("lang, line", [
    ("en", "I believe it's part of the renewal, but I can't say for sure."),
    ("de", "Ich denke schon, dass es dabei ist, aber ich kann es nicht hundertprozentig sagen."),
])
def test_a_guess_with_a_hedge_is_still_a_guess(lang: str, line: str) -> None:
    from simulator.scoring.wording import guesses
    assert guesses(line, lang)


@pytest.mark.parametrize("lang, line", [
    ("en", "Apologies, the engineer was off sick, not something we could have prevented."),
    ("de", "Tut mir leid, das können wir halt nicht immer verhindern."),
])
def test_nothing_we_could_have_done_is_an_excuse(lang: str, line: str) -> None:
    from simulator.scoring.wording import excuses
    assert excuses(line, lang)


@pytest.mark.parametrize("lang, line", [
    ("en", "could you read me the anydesk id on your screen please"),
    ("de", "Können Sie mir bitte die TeamViewer-ID durchgeben?"),
])
def test_a_remote_session_id_is_no_callback(lang: str, line: str, monkeypatch) -> None:
    assert "callback" not in head_acts(lang, line, monkeypatch)


@pytest.mark.parametrize("lang, line, word", [
    ("de", "Ist das nur daheim so oder auch im Büro?", "Homeoffice"),
    ("en", "Is it only at home, or at the office as well?", "from home"),
])
def test_the_diva_knows_where_it_drops(lang: str, line: str, word: str) -> None:
    """What her ticket says she knows: 'only at home or in the office too?' is not met with 'I couldn't tell you'
    (round 19, DE 9)."""
    state = replayed("diva-complaint", lang, [_RECAP_FIRST[lang][0], _RECAP_FIRST[lang][1], line])
    assert word in state.exchanges[-1].reply.text


_PHOTO_BY_MAIL = {
    "de": ["MailHaus Support, hier ist Kim Berger, guten Tag.",
           "Falls wir getrennt werden: Unter welcher Nummer erreiche ich Sie?",
           "Danke. Was genau funktioniert nicht?",
           "Ich sehe im Konto: Ihr Dienstleister ist eingetragen, darf aber nichts ändern. Deshalb hängt es.",
           "Mein Vorschlag: Schreiben Sie auf einen Zettel, dass Ihr Dienstleister das ändern darf, unterschreiben "
           "Sie, fotografieren Sie ihn und mailen Sie uns das Foto.",
           "Kurz zusammengefasst: Sie schicken uns das Foto vom Zettel per SMS, ich schalte Ihren Dienstleister frei "
           "und melde mich bis 14 Uhr bei Ihnen."],
    "en": ["MailHaus support, Kim Berger speaking, good afternoon.",
           "In case we get cut off: what's the best number to call you back on?",
           "Thanks. What exactly isn't working?",
           "I can see it in the account: your IT firm is listed, but isn't allowed to change anything. That's why it's "
           "stuck.",
           "Here's my suggestion: write on a piece of paper that your IT firm may change it, sign it, photograph it "
           "and e-mail us the photo.",
           "So in short: you text us the photo of the note, I unlock your IT firm and I'll call you back by 2 pm."],
}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_fix_she_objected_to_was_proposed_all_the_same(lang: str) -> None:
    """She objected to the photo by e-mail; the recap then took the fix. Summarising said 'moved on to the solution
    without summarising' and 'summarised at the end' about that one recap line (round 19, DE 7a): the proposal is
    the line she objected to."""
    sc, state, score = play("mobile-caller", lang, _PHOTO_BY_MAIL[lang])
    assert any(e.kind == "objection" for e in state.exchanges[5].trainee.events), state.exchanges[5].reply.text
    by_turn: dict[int, list[str]] = {}
    for e in items(score, "summarising"):
        by_turn.setdefault(e.turn, []).append(e.kind)
    assert not any("summary_end" in ks and any(k.startswith("no_summary_before") for k in ks) for ks in by_turn.values())
    assert problems(sc, state, score) == []


def test_a_recap_after_a_thank_you_still_fixes_nothing() -> None:
    state = replayed("jargon-averse", "en", _CABLE["en"][:-1] + [
        "Great stuff. So just to sum up: the cable at the back had come loose, you've pushed it back in and the "
        "computer is online again."])
    recap = state.exchanges[-1].trainee
    assert recap.steps == () and not [e for e in recap.events if e.kind in ("pushback", "yielded")]


@pytest.mark.parametrize("lang, line", [("en", "Great. Is the cross on the screen gone now?"),
                                        ("de", "Gut. Ist das Kreuz unten rechts jetzt weg?")])
def test_is_it_gone_now_asks_how_things_stand(lang: str, line: str) -> None:
    from simulator.dialogue.reading import checks_status
    assert checks_status(line, lang)


@pytest.mark.parametrize("lang, line", [
    ("de", "Ich hab Ihren Vorgang hier offen: zwei Neuinstallationen, weitergeleitet ans Netzwerkteam, der Rückruf kam nie."),
    ("en", "I have your case open here: two reinstalls, forwarded to the network team, and the callback never came."),
])
def test_the_ticket_history_said_back_is_a_summary(lang: str, line: str) -> None:
    """"Ich habe Ihr Ticket vor mir: zweimal neu installiert, …" said her ticket back, yet counted as no summary:
    questioning said she was never invited to describe it, summarising 'moved on without summarising' (own call)."""
    assert "summary" in _rules(lang, line)
    state = replayed("diva-complaint", lang, [_RECAP_FIRST[lang][0], _RECAP_FIRST[lang][1], line])
    assert "recap_known" in state.exchanges[-1].trainee.steps
