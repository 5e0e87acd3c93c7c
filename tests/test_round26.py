"""Play-test round 26: readings and debrief items a careful trainer would expect (own lines, both languages)."""

from __future__ import annotations

import pytest

from simulator.analysis.analyser import Analyser
from simulator.analysis.language import compiled


def rules(lang: str, line: str) -> tuple[str, ...]:
    return Analyser(compiled(lang)).analyse_rules(line).acts


# -- the fault put on the caller is rude; the fault taken off her is not ---------------------------------------------
@pytest.mark.parametrize(("lang", "line", "rude"), [
    ("de", "Das liegt eindeutig an Ihnen, bei uns ist alles in Ordnung.", True),
    ("de", "Es liegt sicher an Ihnen.", True),
    ("de", "Das Problem liegt auf Ihrer Seite.", True),
    ("de", "Haben Sie überhaupt schon mal einen Computer benutzt?", True),
    ("de", "Das liegt bestimmt nicht an Ihnen.", False),
    ("de", "Das liegt sicher nicht an Ihrem Gerät, keine Sorge.", False),
    ("de", "Liegt das Problem auf Ihrer Seite oder bei uns?", False),
    ("de", "Die Entscheidung liegt bei Ihnen.", False),
    ("de", "Ob das an Ihnen liegt, weiß ich noch nicht.", False),
    ("en", "it's something on your side.", True),
    ("en", "the problem is on your end, not ours", True),
    ("en", "the problem is usually between the chair and the keyboard", True),
    ("en", "have you ever used a computer before?", True),
    ("en", "could the problem be on your end?", False),
    ("en", "it's not your side, it's ours", False),
    ("en", "that's on your end, I'll check it from here", False),
])
def test_blame_on_the_caller(lang, line, rude):
    assert ("rude" in rules(lang, line)) is rude


# -- the phone answered with "Ja, hallo?" is a (bare) greeting --------------------------------------------------------
@pytest.mark.parametrize(("lang", "line"), [
    ("de", "Ja, hallo?"), ("de", "Ja hallo"), ("de", "Jo, servus?"),
    ("en", "yes hello?"), ("en", "yeah, hello?"), ("en", "Yep, hi."),
])
def test_the_phone_answered_with_yes_hello_greets(lang, line):
    assert "greeting" in rules(lang, line)


@pytest.mark.parametrize(("lang", "line", "rude"), [
    ("de", "Das liegt bestimmt nicht an Ihnen.", False),
    ("de", "Das liegt eindeutig an Ihnen.", True),
    ("en", "it's not on your end, it's our server.", False),
    ("en", "this has nothing to do with you", False),
    ("en", "it's something on your side.", True),
])
def test_the_head_adds_no_blame_for_a_denied_one(lang, line, rude, monkeypatch):
    from playtest_calls import head_analyser

    assert ("rude" in head_analyser(lang, monkeypatch).analyse(line).acts) is rude


# -- her need said back with "I understand" is understanding, not our promise ----------------------------------------
@pytest.mark.parametrize(("lang", "line", "acts", "not_acts"), [
    ("en", "Thanks Ms Cooper, I understand, you want to be sure before your boss signs tomorrow at ten.",
     {"empathy"}, {"time_commitment", "transparency"}),
    ("en", "I understand that you need the answer before tomorrow.", {"empathy"}, {"time_commitment"}),
    ("en", "I understand you need it by three, I'll call you back by two.", {"empathy", "time_commitment"}, set()),
    ("en", "Just to be sure, could you read me the error message?", {"transparency"}, set()),
    ("de", "Ich verstehe, Sie wollen sicher sein, bevor Ihr Chef morgen unterschreibt.", {"empathy"},
     {"time_commitment"}),
    ("de", "Ich verstehe, dass Sie die Antwort vor morgen brauchen.", {"empathy"}, {"time_commitment"}),
    ("de", "Ich verstehe, Sie brauchen es bis drei, ich rufe Sie um zwei zurück.", {"time_commitment"}, set()),
    ("de", "Ich verstehe, Sie meinen den Drucker im zweiten Stock.", set(), {"empathy"}),
    ("de", "Ich verstehe, Sie haben also schon neu gestartet?", set(), {"empathy"}),
])
def test_her_need_said_back_with_understanding(lang, line, acts, not_acts):
    found = set(rules(lang, line))
    assert acts <= found and not (not_acts & found), found


# -- sneers, brush-offs and contractions typed without the apostrophe ------------------------------------------------
@pytest.mark.parametrize(("lang", "line", "rude"), [
    ("en", "Mate, shut up for a second. What's actually wrong?", True),
    ("en", "stop stop stop. I dont have time for your life story. whats broken", True),
    ("en", "Could you stop rambling? What is the actual problem?", True),
    ("en", "mate if you were such an expert you wouldnt be calling us. its a known bug in 5.2", True),
    ("en", "look I wasnt on those calls, I cant help what my colleagues did.", True),
    ("en", "sir you're breaking up, you really should call from a landline.", True),
    ("en", "please shut down the laptop", False),
    ("en", "sorry, I should have seen it in the ticket", False),
    ("en", "we really should have noticed that, sorry", False),
    ("en", "you should have checked that first", True),
    ("de", "Quatsch. Also der Techniker kommt irgendwann nächste Woche.", True),
    ("de", "das sagen sie alle dass sie den stecker geprüft haben", True),
    ("de", "Wahrscheinlich haben Sie sich nen Virus eingefangen, mit Ihrem Rumgeklicke.", True),
    ("de", "Das ist doch Quatsch.", True),
    ("de", "Das ist kein Quatsch, das stimmt wirklich.", False),
    ("de", "Das sagen alle Kollegen hier: der Drucker ist alt.", False),
])
def test_sneers_and_brush_offs(lang, line, rude):
    assert ("rude" in rules(lang, line)) is rude


@pytest.mark.parametrize(("line", "act"), [
    ("I cant say that for sure, im afraid.", "admit_unknown"),
    ("ok so theres an outage on your floor thats why nobody can print", "transparency"),
    ("gotcha so its just the one laptop not the whole office", "summary"),
    ("i dont know yet, but ill find out", "admit_unknown"),
])
def test_contractions_without_apostrophe_read_like_with_it(line, act):
    assert act in rules("en", line)


@pytest.mark.parametrize(("line", "promise"), [
    ("Kurz zusammengefasst: Sie schicken das Foto, ich mach die Umstellung sofort, in spätestens 20 Minuten laufen "
     "Ihre Mails wieder, also lange vor Ihrem Termin um zwei.", True),
    ("ich mach die Umstellung sofort, in spätestens 20 Minuten laufen Ihre Mails wieder, also lange vor Ihrem Termin "
     "um zwei.", True),
    ("Ihr Termin ist um zwei, das ist knapp.", False),
])
def test_a_promise_beside_her_meeting_stays_a_promise(line, promise):
    assert ("time_commitment" in rules("de", line)) is promise


# -- a persona's term explained at once, in plain words, is no jargon -------------------------------------------------
@pytest.mark.parametrize(("lang", "line", "jargon"), [
    ("en", "Could you look at the router – that's the little box with the blinking lights? Are the lights green?", False),
    ("en", "look for the little box with the lights – we call it the router", False),
    ("en", "Could you check the LAN cable at the back of the computer – that's the one that looks like a phone cable?",
     False),
    ("en", "Please restart the router. That's the quickest fix.", True),
    ("de", "Schauen Sie bitte mal nach dem Router, das ist der kleine Kasten mit den Lämpchen im Flur.", False),
    ("de", "Der Kasten mit den Lämpchen, den nennen wir Router – leuchtet der grün?", False),
    ("de", "Starten Sie bitte den Router neu.", True),
])
def test_a_persona_term_explained_at_once(lang, line, jargon):
    from simulator.scenario import load

    view = Analyser(compiled(lang)).with_scenario(load("jargon-averse"))
    assert ("jargon" in view.analyse_rules(line).acts) is jargon


# -- a bare "Good morning." greets, a grunted "yeah" does not; "anything else? no? bye" offers nothing ----------------
def _courtesy(sid: str, lang: str, lines: list[str], monkeypatch) -> list[str]:
    from playtest_calls import play_with_head

    _, _, score = play_with_head(sid, lang, lines, monkeypatch)
    return [e.kind for e in score.dimension("courtesy").evidence]


@pytest.mark.parametrize(("lang", "line", "kind"), [
    ("en", "Good morning.", "greeting_bare"), ("en", "yeah", "no_greeting"), ("en", "Hi.", "greeting_bare"),
    ("de", "Guten Morgen.", "greeting_bare"), ("de", "ja", "no_greeting"),
])
def test_the_first_words_greet_or_not(lang, line, kind, monkeypatch):
    from playtest_calls import head_analyser

    assert (("greeting" in head_analyser(lang, monkeypatch).analyse(line).acts) is (kind == "greeting_bare"))
    assert kind in _courtesy("checked-plug", lang, [line], monkeypatch)


@pytest.mark.parametrize(("lang", "line", "offers"), [
    ("en", "there you go. switch it on, should work. anything else? no? bye", False),
    ("en", "anything else? no problem, just call us.", True),
    ("en", "Anything else I can do for you?", True),
    ("de", "Sonst noch was? Nein? Tschüss.", False),
    ("de", "Kann ich sonst noch etwas für Sie tun?", True),
])
def test_an_offer_answered_in_the_same_breath_offers_nothing(lang, line, offers):
    from simulator.scoring.wording import offers_more

    assert offers_more(line, lang) is offers


# -- engine: a recap requests no check; thanks end at the verb; a booking names a day --------------------------------
def _turn(sid: str, lang: str, lines: list[str], seed: int = 0):
    from playtest_calls import replayed

    return replayed(sid, lang, lines, seed).exchanges[-1].trainee


def test_a_recap_that_requests_nothing_meets_no_refusal():
    from simulator.dialogue.events import Pushback

    turn = _turn("checked-plug", "de", [
        "Grüß Gott, hier ist Jonas Keller von der IT-Hotline. Was kann ich für Sie tun?",
        "Oh je, und das ausgerechnet, wenn die Abrechnung raus muss. Bis wann brauchen Sie die Ausdrucke denn?",
        "Verstehe. Also wenn ich das richtig mitbekommen hab: seit heute früh gibt der Drucker keinen Mucks von sich, "
        "kein Licht, nix, der Stecker steckt, und um drei muss die Abrechnung beim Chef sein. Das schaffen wir."])
    assert "check_plug" not in turn.steps
    assert not any(isinstance(e, Pushback) for e in turn.events)


def test_unpunctuated_thanks_keep_the_request_after_them():
    turn = _turn("checked-plug", "de", [
        "grüß gott it hotline mein name ist keller was kann ich für sie tun",
        "oje das ist natürlich blöd wenn man grad was drucken muss bis wann brauchen sie das denn",
        "danke dass sie den stecker schon geprüft haben die drucker hängen bei ihnen meistens an so ner steckerleiste "
        "unterm tisch und die wird abends gern mal ausgschaltet schaun s bitte mal nach ob die leuchtet gell"])
    assert "check_plug" in turn.steps


def test_a_technician_booked_yesterday_books_no_new_appointment():
    lines = ["Good morning, you're through to the service desk, my name's Ben Walker. How can I help?",
             "Ms Vaughan, I'm really sorry. You rearranged two clients and we let you down – that shouldn't have "
             "happened. Let me pull up your ticket right now.",
             "I've got it in front of me now. To be completely open with you: the technician booked for you was off "
             "sick yesterday, and the job simply wasn't handed to anyone else. When would suit you for a new visit?"]
    assert "new_time" not in _turn("missed-appointment", "en", lines).steps
    lines.append("Thursday 8 till 10 then, I'll book the technician for you firmly.")
    assert "new_time" in _turn("missed-appointment", "en", lines).steps


@pytest.mark.parametrize(("line", "rude"), [
    ("well if you wont do basic troubleshooting theres not much i can do.", True),
    ("there's not much I can do from here, I'm afraid, but I'll pass it on.", False),
])
def test_a_conditional_brush_off(line, rude):
    assert ("rude" in rules("en", line)) is rude


@pytest.mark.parametrize(("lang", "line", "rude"), [
    ("en", "looks like the tech was off sick, these things happen unfortunately.", True),
    ("de", "Oh, das ist natürlich blöd. Da war wohl der Kollege krank, sowas kann halt mal passieren.", True),
    ("de", "Ach, das kann schon mal passieren, kein Problem.", False),
])
def test_an_excuse_that_shrugs_the_failure_off(lang, line, rude):
    assert ("rude" in rules(lang, line)) is rude


@pytest.mark.parametrize(("lang", "sentence", "vague"), [
    ("en", "you should hear something by tomorrow-ish", True),
    ("en", "Tomorrow or so someone calls.", True),
    ("en", "I'll call you by 4 pm today.", False),
    ("de", "ich melde mich morgen oder so", True),
    ("de", "Ich melde mich morgen um zehn.", False),
])
def test_a_time_with_ish_or_so_is_vague(lang, sentence, vague):
    from simulator.scoring.wording import _patterns, standard

    assert bool(_patterns("vague_time", lang).search(standard(sentence, lang))) is vague


# -- a flat "it's a known bug" to the sysadmin is a bluff, "I can't confirm it's a known bug" is not ------------------
@pytest.mark.parametrize(("lang", "line", "bluff"), [
    ("en", "its a known bug in 5.2, it'll fix itself with the next update.", True),
    ("en", "hmm, could be, I think there were some issues with 5.2.", True),
    ("en", "Honest answer: I don't know yet whether that's a bug in 5.2 or a changed profile setting on our side.", False),
    ("en", "There are no other 5.2 reports so far, so I can't confirm it's a known bug.", False),
    ("de", "Das ist ein bekannter Fehler in der 5.2, das behebt das nächste Update.", True),
    ("de", "Da gab's wohl Probleme mit der 5.2.", True),
    ("de", "Ob das ein bekannter Fehler ist, kann ich Ihnen gerade nicht sagen.", False),
])
def test_a_flat_known_bug_is_a_bluff(lang, line, bluff):
    from simulator.scoring.wording import guesses

    first = {"en": ["Hi, service desk, Sam speaking, what can I do for you?", "What have you already tried?"],
             "de": ["Guten Tag, Service Desk, Sam Berger, was kann ich für Sie tun?",
                    "Was haben Sie denn schon ausprobiert?"]}[lang]
    assert guesses(line, lang) is bluff
    assert ("honest_status" not in _turn("expert-user", lang, [*first, line]).steps) is bluff


def test_validate_names_a_phrase_with_words_written_as_alternatives(tmp_path):
    from click.testing import CliRunner

    from simulator.cli import cli
    from simulator.scenario.library import SCENARIO_DIR

    text = (SCENARIO_DIR / "expert-user.yaml").read_text(encoding="utf-8")
    assert '"weiß nicht", "nicht sicher"' in text
    (tmp_path / "expert-user.yaml").write_text(text.replace('"weiß nicht", "nicht sicher"', '"weiß nicht|noch nicht sicher"'),
                                               encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(tmp_path)], prog_name="simulator")
    assert result.exit_code != 0
    assert "'nicht' stands in two of its words" in result.output
    assert "step by step" not in result.output  # a word said twice on its own is fine


@pytest.mark.parametrize(("lang", "line", "question"), [
    ("en", "What exactly is behind it, I honestly can't tell you yet.", False),
    ("en", "what exactly is behind it i cant tell you yet", False),
    ("en", "What happened, can you tell me?", True),
    ("de", "Was genau dahintersteckt, kann ich Ihnen ehrlich gesagt jetzt noch nicht sagen.", False),
    ("de", "Was genau kaputt ist, weiß ich noch nicht.", False),
    ("de", "Was genau passiert ist, können Sie mir das kurz schildern?", True),
])
def test_what_is_not_known_yet_asks_her_nothing(lang, line, question):
    acts = rules(lang, line)
    assert ("open_question" in acts) is question
    assert question or "admit_unknown" in acts


@pytest.mark.parametrize(("lang", "line", "apology"), [
    ("de", "Doch doch, keine Sorge. Ich setz das Ticket auf dringend, dann gehts schneller.", False),
    ("en", "I get that it's frustrating.", False),
    ("de", "Das tut mir ehrlich leid, dass Sie schon zum dritten Mal anrufen müssen.", True),
    ("en", "I'm really sorry you've had to call us three times about this.", True),
])
def test_the_diva_hears_an_apology_only_where_one_is_made(lang, line, apology):
    first = {"de": "Guten Morgen, IT-Hotline, Sie sprechen mit Sarah Brandt. Wie kann ich Ihnen helfen?",
             "en": "Good morning, IT support, Sam speaking. How can I help?"}[lang]
    assert ("apologise" in _turn("diva-complaint", lang, [first, line]).steps) is apology


def test_a_recap_checked_back_meets_no_refusal():
    from simulator.dialogue.events import Pushback

    turn = _turn("checked-plug", "de", [
        "grüß gott it hotline mein name ist keller was kann ich für sie tun",
        "oje das ist natürlich blöd wenn man grad was drucken muss bis wann brauchen sie das denn",
        "Verstehe. Also der Drucker zeigt gar nichts mehr, kein Licht, den Stecker haben Sie schon angeschaut, und um "
        "drei muss die Abrechnung fertig sein – hab ich das so richtig?"])
    assert "check_plug" not in turn.steps
    assert not any(isinstance(e, Pushback) for e in turn.events)


@pytest.mark.parametrize("line", [
    "Just so I've got it right: since Monday the warehouse PC says 'Not enough disk space on drive C' when you save.",
    "just to make sure ive got this right, the printer has no lights at all",
])
def test_just_so_ive_got_it_right_opens_a_recap(line):
    assert "summary" in rules("en", line)


def test_a_hedged_guess_is_charged_without_contradicting_the_hedge():
    from playtest_calls import items, play

    lines = ["licensing, hi", "hmm, is that the professional package, 5 seats?",
             "I think it probably is, but I'm not 100% sure tbh. I'll check with the licensing team and get back to you "
             "later.",
             "ok, ext 12. I'll try to call you this afternoon sometime. anything else? thanks, bye"]
    sc, state, score = play("unknown-answer", "en", lines)
    kinds = [e.kind for e in items(score, "transparency")]
    assert "admit_unknown_guess" in kinds and "guess_hedged" in kinds and "guess" not in kinds
    assert "no_transparency" not in kinds  # it said what happens next, in the guessing line


# -- review: own calls – the bad moment named is understanding; "I'll ask them" stands by an honest "I don't know" ------
@pytest.mark.parametrize(("lang", "line"), [
    ("de", "Oh, das ist natürlich ungünstig mit dem vollen Wartezimmer."),
    ("en", "Ah, that's awkward with a full waiting room."),
])
def test_the_bad_moment_named_is_no_stock_phrase(lang, line):
    from simulator.scoring.wording import names_situation

    assert names_situation(line, lang)


def test_ill_ask_them_stands_by_an_honest_i_dont_know(monkeypatch):
    from playtest_calls import head_analyser

    line = "I'll ask them right after this call and ring you back by 3 pm today either way. Which number is best for you?"
    assert "transparency" in head_analyser("en", monkeypatch).analyse(line).acts
