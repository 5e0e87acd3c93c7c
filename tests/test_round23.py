"""Play-test round 23: readings, steps and debrief items a careful trainer would expect (own lines, not the testers')."""

from __future__ import annotations

import pytest

from playtest_calls import engine, items, kinds, play, replayed

from simulator.analysis.analyser import Analyser
from simulator.analysis.language import compiled
from simulator.dialogue.recognition import repeats_time
from simulator.scoring import consistency
from simulator.scoring.wording import guesses


def rules(lang: str, line: str) -> tuple[str, ...]:
    return Analyser(compiled(lang)).analyse_rules(line).acts


# -- the stood-up customer wants an apology, not a stock "I understand" -------------------------------------------
@pytest.mark.parametrize(("lang", "line", "taken"), [
    ("en", "Ah okay, I can imagine, that's frustrating.", False),
    ("en", "I totally understand, that's not ideal.", False),
    ("en", "I understand you're cross – you kept the whole morning free and nobody turned up.", True),
    ("en", "I'm so sorry about yesterday.", True),
    ("de", "Oh je, das ist natürlich ärgerlich.", False),
    ("de", "Kann ich nachvollziehen, ist dumm gelaufen.", False),
    ("de", "Das verstehe ich, Sie haben umsonst auf den Techniker gewartet.", True),
    ("de", "Entschuldigen Sie bitte, das war unser Fehler.", True),
])
def test_missed_appointment_wants_an_apology(lang, line, taken):
    hello = {"en": "Good morning, service desk, Chris speaking.", "de": "Guten Morgen, Service Desk, Chris am Apparat."}
    state = replayed("missed-appointment", lang, [hello[lang], line])
    assert ("apologise" in state.steps_done) is taken
    if not taken and "empathy" in state.exchanges[-1].trainee.acts:
        assert any(w in state.exchanges[-1].reply.text for w in ("apology", "Entschuldigung"))


# -- rudeness the rules name ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(("line", "rude"), [
    ("Look, I haven't got all day, just check the cable.", True),
    ("we aint got all day mate", False),  # "we" is not the agent's own impatience in the pattern: left to the head
    ("It was probably you who yanked the cable out with your foot.", True),
    ("Bet you unplugged it yourself.", True),
    ("Maybe someone bumped the cable by accident, that happens all the time.", False),
    ("Probably the cleaners moved the desk – nothing you did.", False),
])
def test_blame_and_impatience_are_rude(line, rude):
    assert ("rude" in rules("en", line)) is rude


@pytest.mark.parametrize(("lang", "line", "guess"), [
    ("de", "An dem Update liegt das ganz sicher nicht.", True),
    ("de", "Das liegt bestimmt nicht am Update, das ist lokal.", True),
    ("de", "Ob das am Update liegt, weiß ich noch nicht.", False),
    ("en", "It's definitely not the update, that's on your machine.", True),
    ("en", "I can't say yet whether it's the update.", False),
])
def test_a_flat_denial_is_a_guess(lang, line, guess):
    assert guesses(line, lang) is guess


# -- time: a single digit is a time word -----------------------------------------------------------------------------
def test_a_digit_time_is_no_echo_of_her_words():
    assert not repeats_time("by 3", "I need it sorted by the end of the day, version 5.2 by the way.")
    assert repeats_time("by 3", "Can you do it by 3?")
    assert repeats_time("by three", "It has to work by three.")


def test_a_promise_by_a_digit_hour_is_a_time_commitment():
    lines = ["Hi, service desk, Alex speaking. What have you already tried?",
             "Got it: tunnel up, IP works, names don't. Could you check whether the NRPT rule for the internal domain "
             "is still in the 5.2 profile?",
             "I don't know yet if it's a known bug. I'll pass it to the network team so they can fix the profile, and "
             "I'll get back to you by 3 today."]
    sc, state, score = play("expert-user", "en", lines + ["Thanks, talk later, bye."])
    assert "commit_time" in state.steps_done
    assert "step_no_time" not in kinds(score, "checklist")
    assert not consistency.problems(sc, state, score)


# -- summaries --------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("line", "summary"), [
    ("I'll read through your old tickets first so you don't have to explain it all again.", False),
    ("Let me check the history first so you don't need to repeat yourself.", False),
    ("First, so you've restarted it already?", True),
    ("So you don't have a second screen?", True),
])
def test_so_you_dont_have_to_is_a_purpose(line, summary):
    assert ("summary" in rules("en", line)) is summary


def test_a_callback_that_never_came_arranges_none():
    line = "So the VPN drops at home and you were promised a call back that never happened, is that right?"
    assert "callback" not in rules("en", line)
    assert "callback" in rules("en", "Can I call you back on your mobile at two?")


def test_a_recap_asked_on_is_a_recap_in_the_debrief():
    """A recap made before the symptom question it ends with: no recap step yet, but the debrief sees the recap."""
    lines = ["Hello, IT support, Robin here, how can I help?",
             "Before we start, can I take your name and a number in case we get cut off?",
             "Right, to sum up what I've got: the warehouse computer has been slow since Monday and a message popped "
             "up. What exactly did the message say?"]
    state = replayed("voicebox-rambler", "en", lines)
    assert "summary" in state.exchanges[-1].trainee.acts
    assert "recap" not in state.steps_done


def test_a_recap_after_the_fix_is_late():
    sc = engine("voicebox-rambler", "en").scenario
    assert sc.step("recap").before == ("fix",)


def test_a_line_like_a_step_done_takes_no_other_by_likeness():
    """'I've got your ticket here' after the ticket was looked into says that again: no ownership by its likeness."""
    lines = ["Hi, helpdesk, Jo speaking.",
             "I'm really sorry you've had to call a third time, that's not on. I'm opening your ticket now.",
             "Okay, I've got ticket 48213 in front of me here."]
    state = replayed("diva-complaint", "en", lines)
    assert "ticket" in state.steps_done
    assert "ownership" not in state.steps_done


# -- debrief wording ---------------------------------------------------------------------------------------------------
def test_no_understanding_in_the_whole_call_quotes_no_line():
    sc, state, score = play("voicebox-rambler", "en", [
        "Hello, IT service desk, this is Sam.", "Can I have a number to call you back on?",
        "What exactly happens when the computer gets slow?"])
    calm = [e for e in items(score, "empathy") if e.kind == "calm_none"]
    assert calm and all(e.quote == "" for e in calm)


def test_asking_again_after_her_push_back_says_give_a_reason():
    """Asking her to check the plug again without a reason: she pushes back, and the debit's tip asks for a reason."""
    sc, state, score = play("checked-plug", "de", [
        "IT-Support, Kim am Apparat, guten Tag.",
        "Was genau passiert denn, wenn Sie drucken wollen?",
        "Schauen Sie bitte trotzdem nochmal nach dem Stecker."])
    assert "asked_again_pushed" in kinds(score, "questioning")
    assert "asked_again" not in kinds(score, "questioning")
    assert not consistency.problems(sc, state, score)


@pytest.mark.parametrize("line", ["Sobald die Freigabe da ist, trage ich Ihren Dienstleister ein.",
                                  "Nachdem Sie das bestätigt haben, richte ich das Postfach neu ein."])
def test_the_next_own_step_after_a_clause_is_transparency(line):
    assert "transparency" in rules("de", line)


@pytest.mark.parametrize("line", ["Wenn das nicht klappt, weiß ich auch nicht weiter.",
                                  "Wenn Sie mich fragen, glaube ich das nicht."])
def test_a_clause_before_not_knowing_is_no_next_step(line):
    assert "transparency" not in rules("de", line)


# -- honesty: the promise to find out -------------------------------------------------------------------------------------
@pytest.mark.parametrize(("lang", "line", "finds"), [
    ("de", "Ich frage das gleich bei den Kollegen von der Lizenzabteilung nach.", True),
    ("de", "Das kläre ich und melde mich bis drei bei Ihnen.", True),
    ("de", "Dann trage ich Ihnen Donnerstag um neun ein.", False),
    ("en", "I'll check with licensing and let you know by four.", True),
    ("en", "Then I'll book you in for Thursday at nine.", False),
])
def test_a_promise_to_find_out(lang, line, finds):
    from simulator.scoring.wording import finds_out

    assert finds_out(line, lang) is finds


def test_the_promise_in_the_next_line_is_named_as_such():
    sc, state, score = play("unknown-answer", "en", [
        "Hello, licensing support, Sam speaking, how can I help?",
        "What do you need the module for, and by when?",
        "Honestly, I don't know yet whether it's included, and I'd rather not guess.",
        "I'll check with our licensing team and ring you back by three today.",
        "Thanks for calling, bye."])
    honest = [e for e in items(score, "transparency") if e.kind == "admit_unknown"]
    assert honest and honest[0].turn == 3 and "4" in honest[0].note
    assert not consistency.problems(sc, state, score)


# -- the caller told to ring back arranges no callback ------------------------------------------------------------------
@pytest.mark.parametrize(("line", "callback"), [
    ("Just ring back if it's still slow tomorrow.", False),
    ("Feel free to call back whenever it happens again.", False),
    ("I'll call back in ten minutes once it's done.", True),
    ("Can I call you back on this number in five minutes?", True),
])
def test_who_calls_back(line, callback):
    assert ("callback" in rules("en", line)) is callback


def test_a_summary_in_jargon_spares_her_no_open_question():
    sc, state, score = play("jargon-averse", "en", [
        "Support.", "ok so the NIC shows no link and DHCP failed, reseat the RJ45 please", "Bye."])
    assert "open_not_needed" not in kinds(score, "questioning")


def test_offended_she_offers_nothing():
    """A rude closed question: she answers the tone – never 'shall I tell you from the start?' in the same breath."""
    state = replayed("checked-plug", "en", ["IT.", "Did you even bother looking at the plug or not?"])
    reply = state.exchanges[-1].reply.text
    assert "from the start" not in reply and "what happened" not in reply


def test_the_expert_offers_his_analysis():
    state = replayed("expert-user", "en", ["Hello, IT support.", "Is the VPN on? Can you ping the server?"])
    reply = state.exchanges[-1].reply.text
    assert "what happened" not in reply and "what's going on" not in reply  # nothing "happened" to him: he found it


@pytest.mark.parametrize(("lang", "line", "asks"), [
    ("de", "Ich wollte wissen, ob Sie den Rechner heute schon mal neu gestartet haben?", True),
    ("de", "Haben Sie das Kabel schon überprüft?", True),
    ("de", "Ob Sie mir kurz sagen könnten, was da steht?", False),
    ("en", "I was wondering whether you've rebooted it yet?", True),
    ("en", "Could you tell me if you happen to know the version?", False),
])
def test_asked_whether_she_did_something(lang, line, asks):
    """'ob Sie … gemacht haben?' asks what she did as much as 'Haben Sie …?': she answers yes or no, not 'can't say'."""
    from simulator.dialogue.reading import her_action

    assert her_action(line, lang) is asks


@pytest.mark.parametrize(("lang", "question", "checks"), [
    ("en", "Have I got that roughly right?", True),
    ("en", "Did I leave anything out?", True),
    ("en", "Can I just take a quick look at your account?", True),
    ("en", "Does it drop at the same time every day?", False),
    ("de", "Ist das so ungefähr richtig?", True),
    ("de", "Darf ich mal kurz in Ihre Historie schauen?", True),
    ("de", "Bricht es immer zur selben Uhrzeit ab?", False),
])
def test_a_check_back_or_leave_to_look_narrows_nothing(lang, question, checks):
    from simulator.scoring.wording import checks_back

    assert checks_back(question, lang) is checks


def test_a_statement_read_as_a_question_narrows_nothing():
    """A typed line without a '?' that the head alone reads as a yes/no question asks nothing."""
    from dataclasses import replace

    from simulator.scoring.lines import narrows
    from simulator.scoring.transcript import ScoredCall

    sc, state, _ = play("unknown-answer", "de", ["Guten Tag, Lizenzservice, Kim am Apparat.",
                                                 "Ich kläre das gleich mit unserer Lizenzabteilung, die weiß das sicher."])
    turn = state.exchanges[-1].trainee
    forced = replace(turn, acts=tuple(dict.fromkeys(turn.acts + ("closed_question",))))
    assert not narrows(ScoredCall(sc, state, None), forced)


# -- round 24 (the same testers' brief, a fresh pair of testers) --------------------------------------------------------
@pytest.mark.parametrize(("lang", "line", "rude"), [
    ("de", "Was hast du denn da schon wieder angestellt?", True),
    ("de", "Meine Güte, jetzt drücken Sie halt den Knopf.", True),
    ("de", "Vergessen Sie es, ich schick einen Techniker.", True),
    ("de", "Vergessen Sie nicht, die Leiste wieder einzuschalten.", False),
    ("de", "Oh mein Gott, das tut mir wirklich leid für Sie.", False),
    ("de", "Ich bin doch nicht schuld, dass der Kollege krank war.", True),
    ("de", "Da kann ich nichts dafür, das macht die Disposition.", True),
    ("de", "Ach herrje, das ist ja ein Start in den Tag.", False),
    ("en", "Don't fiddle with the cables again next time.", True),
    ("en", "So you actually unplugged it yourself.", True),
    ("en", "I'm so sorry, it simply slipped through the net on our side.", False),
    ("en", "Eh, tickets slip through the net sometimes.", True),
])
def test_round24_rudeness_named_by_the_rules(lang, line, rude):
    assert ("rude" in rules(lang, line)) is rude


@pytest.mark.parametrize(("line", "reassures"), [
    ("That's a problem for the whole team.", False),
    ("It was never your fault, honestly.", True),
    ("None of this was your fault.", True),
    ("That's not a problem at all.", True),
])
def test_only_a_denied_fault_or_problem_reassures(line, reassures):
    assert ("reassurance" in rules("en", line)) is reassures


def test_a_bare_let_me_check_is_only_a_vague_explanation():
    sc, state, score = play("unknown-answer", "en", ["Licensing, hello.", "Let me check.", "Okay, bye."])
    said = [e.kind for e in items(score, "transparency") if e.turn == 2]
    assert "transparency" not in said


def test_refusing_to_say_probably_is_no_guess():
    assert not guesses("I won't tell you 'probably' – if that's wrong, your boss signs the wrong thing.", "en")
    assert guesses("It's probably part of the package.", "en")


def test_halte_ich_fest_is_a_recap():
    assert "summary" in rules("de", "Gut, dann halte ich noch einmal fest: Termin Freitag um neun, Bestätigung per Mail.")


def test_a_lukewarm_it_shouldnt_happen_is_no_apology_to_the_diva():
    state = replayed("diva-complaint", "en", ["Hi, service desk.", "Right, that shouldn't happen really."])
    assert "apologise" not in state.steps_done
    state = replayed("diva-complaint", "en", ["Hi, service desk.", "I'm sorry, that really shouldn't have happened."])
    assert "apologise" in state.steps_done


def test_checking_her_licence_names_nobody_who_finds_out():
    state = replayed("unknown-answer", "en", ["Licensing, hello.", "Let me check. Is it the five-seat licence?"])
    assert "find_out" not in state.steps_done


def test_her_reply_to_a_guess_quotes_no_word():
    from simulator.dialogue.lines import customer_lines

    for lang, word in (("de", "wahrscheinlich"), ("en", "probably")):
        assert not any(word in line.lower() for line in customer_lines(lang, "guess"))


def test_let_me_know_is_no_agent_action():
    """'… and let me know if the lights come on' asks her to report: the request before it stays an instruction."""
    assert "instruction" in rules("en", "Flip that switch back on for me, then let me know what the printer does.")
    assert "instruction" not in rules("en", "Let me check the settings on my side.")


@pytest.mark.parametrize(("lang", "line", "status"), [
    ("en", "Great, so is the strip turned back on now?", True),
    ("en", "Is the strip switched on?", False),
    ("de", "Ist die Leiste jetzt wieder eingeschaltet?", True),
    ("de", "Ist die Leiste eingeschaltet?", False),
    ("de", "Leuchtet jetzt was am Gerät?", True),
])
def test_asked_how_things_stand_after_the_fix(lang, line, status):
    from simulator.dialogue.reading import checks_status

    assert checks_status(line, lang) is status


def test_following_the_cable_to_the_wall_checks_the_power():
    state = replayed("checked-plug", "en", [
        "Hi, IT desk, Robin speaking. What's happening with the printer?",
        "I believe you about the plug. With no light at all it's usually the power somewhere along the way, so could "
        "you follow the cable from the printer to where it ends and tell me what you find?"])
    assert "check_plug" in state.steps_done


def test_a_reason_after_the_request_spares_the_asked_again_complaint():
    """What she heard of the line may leave the reason out; the reason anywhere in the whole line counts."""
    from simulator.dialogue.asked_again import asks_again

    sc = engine("checked-plug", "en").scenario
    state = replayed("checked-plug", "en", ["Hi, IT desk, Robin speaking. What's happening with the printer?"])
    heard = "Could you check whether the strip the printer is plugged into is switched on?"
    whole = heard + " Those switches often get knocked off by a foot."
    assert asks_again(sc, state, heard, ("instruction",), "en") == "plug"
    assert asks_again(sc, state, heard, ("instruction",), "en", whole) == ""


def test_sorry_for_the_inconvenience_is_no_apology_for_a_lost_morning():
    state = replayed("missed-appointment", "en", ["Service desk, hello.", "Sorry for any inconvenience caused."])
    assert "apologise" not in state.steps_done
    state = replayed("missed-appointment", "en", ["Service desk, hello.",
                                                  "I'm sorry for the inconvenience – you waited all morning for nothing."])
    assert "apologise" in state.steps_done


@pytest.mark.parametrize(("lang", "line"), [("en", "Alright, cheers, bye."), ("de", "Gut, danke, auf Wiederhören.")])
def test_an_okay_before_goodbye_is_no_listening(lang, line):
    assert "active_listening" not in rules(lang, line) and "closing" in rules(lang, line)


def test_asked_again_for_a_fact_she_says_it_once_more():
    """Her answer to a fact already given is not 'Hm, das kann ich so nicht sagen' but the fact, short, once more."""
    state = replayed("diva-complaint", "de", ["IT-Hotline, guten Tag.", "Verstehe. Passiert das nur im Homeoffice?",
                                              "Ok. Und im Büro, tritt es da auch auf?"])
    reply = state.exchanges[-1].reply.text
    assert "Homeoffice" in reply and "nicht sagen" not in reply


def test_offered_two_slots_she_picks_one():
    state = replayed("missed-appointment", "en", ["Service desk, Sam speaking.",
                                                  "Which would suit you better, a Thursday morning or a Friday afternoon?"])
    assert "Thursday" in state.exchanges[-1].reply.text


@pytest.mark.parametrize(("lang", "line"), [("en", "Oh no. And when do the statements have to be out?"),
                                            ("de", "Oh je. Und wann müssen die Abrechnungen raus?")])
def test_when_they_have_to_go_out_asks_the_urgency(lang, line):
    hello = {"en": "IT support, Priya speaking. What's going on with the printer?",
             "de": "IT-Support, Priya am Apparat. Was ist denn mit dem Drucker?"}[lang]
    assert "context" in replayed("checked-plug", lang, [hello, line]).steps_done
