"""What play-test round 4 and the in-context train set showed, and must not come back.

Indirect questions ("I'd like to know whether …"), reassurance by making it
easy ("a photo is all we need, no printer required"), and a diva who stops
resisting questions once the agent has shown she read the ticket.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from simulator.analysis import Analyser
from simulator.dialogue import Engine
from simulator.dialogue.events import Pushback
from simulator.errors import SimulatorError
from simulator.scenario import load, load_file


@pytest.mark.parametrize("lang, line, act", [
    ("en", "I'd also like to know whether it happens at particular times of day.", "closed_question"),
    ("en", "I wonder if it happens at certain times.", "closed_question"),
    ("en", "I'd like to know what you see on the screen right now", "open_question"),
    ("en", "i was wondering when it first started", "open_question"),
    ("de", "Mich würde noch interessieren, ob das zu bestimmten Uhrzeiten passiert.", "closed_question"),
    ("de", "Ich frage mich, wann das genau anfing.", "open_question"),
    ("de", "ich würde gern wissen seit wann das so ist", "open_question"),
    ("de", "Mich interessiert, was Sie auf dem Bildschirm sehen.", "open_question"),
])
def test_indirect_questions_are_questions(lang: str, line: str, act: str) -> None:
    assert act in Analyser.for_language(lang).analyse_rules(line).acts


@pytest.mark.parametrize("lang, line", [
    ("en", "I don't know what's wrong yet."),
    ("en", "I know what you mean."),
    ("de", "Ich weiß noch nicht, woran es liegt."),
])
def test_not_knowing_is_no_indirect_question(lang: str, line: str) -> None:
    acts = Analyser.for_language(lang).analyse_rules(line).acts
    assert "open_question" not in acts and "closed_question" not in acts


@pytest.mark.parametrize("lang, line", [
    ("en", "I can make this easy for you: a photo of a signed note is all we need."),
    ("en", "A photo from your phone, no printer required."),
    ("en", "You don't need a scanner for this."),
    ("de", "Ein Foto von einem unterschriebenen Zettel reicht uns völlig."),
    ("de", "Sie brauchen dafür keinen Drucker."),
    ("de", "Ein Foto genügt, mehr brauchen wir nicht."),
])
def test_making_it_easy_is_reassurance(lang: str, line: str) -> None:
    assert "reassurance" in Analyser.for_language(lang).analyse_rules(line).acts


def test_that_is_enough_said_sharply_is_no_reassurance() -> None:
    assert "reassurance" not in Analyser.for_language("de").analyse_rules("Das reicht jetzt!").acts


def _diva_after(done: tuple[str, ...], line: str, lang: str = "en"):
    engine = Engine(load("diva-complaint"), lang)
    state = engine.start(seed=0)
    state = replace(state, steps_done=done, turn=len(done))
    return engine.respond(state, line).exchanges[-1].trainee


@pytest.mark.parametrize("lang, line", [
    ("en", "I'd also like to know whether it happens at particular times of day."),
    ("de", "Mich würde noch interessieren, ob das zu bestimmten Uhrzeiten passiert."),
])
def test_after_the_ticket_recap_a_focused_question_meets_no_pushback(lang: str, line: str) -> None:
    turn = _diva_after(("apologise", "ticket", "recap_known"), line, lang)
    assert "pattern" in turn.steps
    assert not any(isinstance(e, Pushback) for e in turn.events)


def test_without_the_recap_the_diva_still_resists_a_bare_question() -> None:
    turn = _diva_after(("apologise", "ticket"), "Does it happen at particular times of day?")
    assert "pattern" not in turn.steps
    assert any(isinstance(e, Pushback) and e.step == "pattern" for e in turn.events)


def test_pushback_unless_steps_must_name_a_step(tmp_path: Path) -> None:
    text = Path(load("diva-complaint").location.path).read_text(encoding="utf-8")
    assert "unless_steps: [recap_known]" in text
    broken = tmp_path / "diva.yaml"
    broken.write_text(text.replace("unless_steps: [recap_known]", "unless_steps: [recap_knwon]"), encoding="utf-8")
    with pytest.raises(SimulatorError, match=r"diva\.yaml:\d+:\d+: .*unless_steps names unknown step 'recap_knwon' \(did you mean 'recap_known'\?\)"):
        load_file(broken)


@pytest.mark.parametrize("lang, line", [
    ("de", "IT-Hotline, Berger, guten Morgen."),
    ("de", "Lizenzbetreuung, Hartmann, guten Tag."),
    ("de", "MailHaus, Brandt."),
    ("en", "IT support, Sam Lee, how can I help?"),
])
def test_the_phone_formula_with_a_surname_is_an_introduction(lang: str, line: str) -> None:
    from simulator.scoring.wording import introduces

    assert introduces(line, lang)


@pytest.mark.parametrize("lang, line", [
    ("de", "Guten Morgen, Frau Hahn."),
    ("de", "Hallo, Moment bitte."),
    ("de", "IT-Support, guten Tag, was kann ich tun?"),
    ("en", "Hello, Mrs Vaughan."),
    ("en", "Hi, IT hotline, how can I help?"),
])
def test_an_address_or_a_team_alone_is_no_introduction(lang: str, line: str) -> None:
    from simulator.scoring.wording import introduces

    assert not introduces(line, lang)


def test_answering_with_firm_and_name_earns_the_introduction() -> None:
    """Round 4: "MailHaus, Brandt." introduces (no "no greeting with name and team"); round 13: without a greeting word
    it is not "Freundlich begrüßt" either – the introduction's smaller credit."""
    from simulator.dialogue.session import play
    from simulator.scoring import score_call
    from simulator.scoring.consistency import problems

    sc = load("checked-plug")
    state = play(Engine(sc, "de"), ["MailHaus, Brandt.", "Oh je, was ist denn passiert?"])
    score = score_call(sc, state)
    courtesy = next(d for d in score.dimensions if d.name == "courtesy")
    assert any(e.kind == "greeting_unspoken" and e.turn == 1 for e in courtesy.evidence)
    assert problems(sc, state, score) == []


@pytest.mark.parametrize("lang, line", [
    ("de", "Tja, der Kollege war krank, da kann man nix machen."),
    ("de", "Das passiert halt mal."),
    ("de", "das kann nicht sein, liegt bestimmt an ihrer konfig"),
    ("de", "Ich hab das Ticket nicht bearbeitet, da müssen Sie sich beim Netzwerkteam beschweren."),
    ("de", "Mehr geht nicht, ich bin nur der First Level."),
    ("de", "da hätte ihre sekretärin ja auch mal nachfragen können"),
    ("en", "Ticket says it's with the network team. Nothing I can do about that from here."),
    ("en", "yeah, different people on every shift, cant help that"),
    ("en", "Well, technicians get ill, it happens."),
    ("en", "Your secretary could have called us to check."),
])
def test_brushing_off_and_blaming_is_rude(lang: str, line: str) -> None:
    assert "rude" in Analyser.for_language(lang).analyse_rules(line).acts


@pytest.mark.parametrize("lang, line", [
    ("de", "Das passiert halt manchmal, wenn das Netz überlastet ist."),
    ("de", "Das kann jedem passieren, keine Sorge."),
    ("en", "Don't worry, it happens to everyone."),
    ("en", "Nothing I can do about the outage itself, but I can get you a loan laptop today."),
])
def test_explaining_or_reassuring_is_not_brushing_off(lang: str, line: str) -> None:
    assert "rude" not in Analyser.for_language(lang).analyse_rules(line).acts


def test_a_version_number_is_no_phone_number() -> None:
    an = Analyser.for_language("de")
    assert "callback" not in an.analyse_rules("ich guck parallel in unser profil für die 5.2").acts
    assert "callback" in an.analyse_rules("ist die 0151 234 567 noch richtig?").acts


def test_a_rude_line_takes_no_step_and_the_checklist_says_why() -> None:
    """'der Kollege war krank, da kann man nix machen' explains what happened – rudely: she answers the tone
    ('Ich brauche keine Ausreden'), not 'Gut, dass Sie mir das so offen sagen'; the step stays open."""
    from simulator.dialogue.events import Offended
    from simulator.dialogue.session import play
    from simulator.scoring import score_call
    from simulator.scoring.consistency import problems

    sc = load("missed-appointment")
    state = play(Engine(sc, "de"), ["IT-Service, Krämer.", "Tja, der Kollege war krank, da kann man nix machen."])
    turn = state.exchanges[-1].trainee
    assert "rude" in turn.acts and turn.steps == ()
    assert any(isinstance(e, Offended) for e in turn.events)
    score = score_call(sc, state)
    checklist = next(d for d in score.dimensions if d.name == "checklist")
    assert any(e.kind == "step_offended" and e.turn == 2 for e in checklist.evidence)
    assert problems(sc, state, score) == []


@pytest.mark.parametrize("lang, line", [
    ("de", "Ist die Abrechnung heute noch fällig, bis wann brauchen Sie die denn?"),
    ("de", "Damit es passt: Wann haben Sie in den nächsten Tagen Mandantentermine?"),
    ("de", "Ich trag Sie wieder ein, das wird dann zeitnah nächste Woche irgendwann."),
    ("en", "Is the report due today, or can it wait?"),
    ("en", "Someone will come sometime next week."),
])
def test_a_time_asked_about_or_hedged_is_no_commitment(lang: str, line: str) -> None:
    assert "time_commitment" not in Analyser.for_language(lang).analyse(line).acts


@pytest.mark.parametrize("lang, line", [
    ("de", "Ich rufe Sie in zehn Minuten zurück, passt das?"),
    ("de", "Soll ich Sie morgen um neun anrufen?"),
    ("de", "Würde Ihnen morgen um 9 Uhr passen?"),
    ("de", "Ich melde mich zeitnah, spätestens Donnerstag um 10 Uhr."),
    ("en", "I'll call you back at 3 pm, is that ok?"),
    ("en", "I'll get back to you as soon as possible, at the latest by 3 pm."),
])
def test_a_time_promised_or_offered_stays_a_commitment(lang: str, line: str) -> None:
    assert "time_commitment" in Analyser.for_language(lang).analyse(line).acts


@pytest.mark.parametrize("lang, line", [
    ("de", "Das ist nicht meine Schuld, ich plane die Techniker nicht."),
    ("de", "Ihr Techniker war krank, was soll ich denn da machen?"),
    ("en", "He was sick, what am I supposed to do about it?"),
])
def test_rhetorical_shrugs_are_rude(lang: str, line: str) -> None:
    assert "rude" in Analyser.for_language(lang).analyse_rules(line).acts


def test_asking_what_to_do_about_an_error_is_no_shrug() -> None:
    assert "rude" not in Analyser.for_language("en").analyse_rules("What should I do about that error, restart?").acts


@pytest.mark.parametrize("lang, line, term", [
    ("de", "Das liegt an der ARP-Tabelle.", "ARP-Tabelle"),
    ("de", "Läuft Ihr Rechner noch mit dem alten Image oder schon mit 23H2?", "23H2"),
    ("de", "Platte voll, ich mach das über den Fileserver.", "Fileserver"),
    ("en", "Is that the 5 seat SKU?", "SKU"),
    ("en", "Looks like the Autodiscover record is wrong.", "Autodiscover"),
])
def test_glossary_terms_are_jargon_with_the_term_as_evidence(lang: str, line: str, term: str) -> None:
    analysis = Analyser.for_language(lang).analyse_rules(line)
    assert "jargon" in analysis.acts
    assert any(e.act == "jargon" and term.lower() in e.text.lower() for e in analysis.evidence)


@pytest.mark.parametrize("lang, line", [
    ("de", "Steckt das Netzwerkkabel hinten am Computer noch fest?"),
    ("de", "Das ist der Autodiscover, sozusagen das Telefonbuch für Outlook."),
    ("en", "Could you check the cable at the back of the computer?"),
    ("en", "I'll check the logs and call you back by three."),
])
def test_everyday_or_explained_words_are_no_jargon(lang: str, line: str) -> None:
    assert "jargon" not in Analyser.for_language(lang).analyse_rules(line).acts


def test_a_lay_caller_takes_what_the_clauses_without_jargon_say() -> None:
    """'I'd rather not guess, I'll ask the vendor, I need to check the SKU first' – she does not know what a SKU
    is, but she understood the honest answer: the honesty step is taken, the jargon still noted."""
    from simulator.dialogue.recognition import understood_part

    sc = load("unknown-answer")
    engine = Engine(sc, "en")
    assert understood_part(engine.analyser, "No, I'd rather not guess. I'll ask the vendor, I need to check the SKU first.") \
        == "No, I'd rather not guess. I'll ask the vendor,"
    assert understood_part(engine.analyser, "Check the SKU.") == ""


@pytest.mark.parametrize("lang, line", [
    ("en", "Right, so let me just check I've got this: since Monday the PC freezes whenever you save. Is that about it?"),
    ("en", "Just to go over it: technician on site Thursday between 8 and 10, and I'll call you the day before."),
    ("en", "So: tomorrow at 8, a different engineer, full setup of PC and printer."),
    ("de", "ich les ihnen kurz vor was drin steht: beim ersten anruf neustart, beim zweiten weitergeleitet. hab ich das so richtig?"),
    ("de", "Also: heute der Workaround, das Netzwerkteam repariert das Profil, und ich rufe Sie um zwei an."),
    ("de", "Kurz, was passiert war: Das Kabel war ein Stück rausgerutscht."),
])
def test_recaps_with_a_marker_are_summaries(lang: str, line: str) -> None:
    assert "summary" in Analyser.for_language(lang).analyse_rules(line).acts


@pytest.mark.parametrize("lang, line", [("en", "Okay, so."), ("de", "Kurz."), ("en", "So: what exactly happened?"),
                                        ("de", "Also: Was genau passiert?")])
def test_a_bare_so_or_a_question_after_it_is_no_summary(lang: str, line: str) -> None:
    assert "summary" not in Analyser.for_language(lang).analyse_rules(line).acts


def test_the_head_never_vetoes_a_summary_the_rules_found() -> None:
    from simulator.analysis.head import KEPT_ACTS, Policy, combine
    from simulator.analysis.acts import ACTS

    assert "summary" in KEPT_ACTS
    policies = {a: Policy("head", 0.5) for a in ACTS}
    assert "summary" in combine(("summary",), [0.0] * len(ACTS), policies)


def test_a_recap_step_taken_by_its_examples_is_credited_as_a_summary_too() -> None:
    """'ok gut, dann läuft er ja wieder' took the recap step by closeness to its examples; the summarising
    dimension said 'never summarised at the end' beside it. The turn now shows the summary, with the line as
    evidence, so both agree – since round 14 on what the line is: the bare result sums nothing up (no cause, no
    agreement), so the summarising card credits nothing and the checklist says the step is only half done."""
    from simulator.scoring import score_call

    sc = load("checked-plug")
    engine = Engine(sc, "de")
    state = replace(engine.start(seed=0), steps_done=("describe", "check_plug", "power_on"), turn=3)
    assert "summary" not in Analyser.for_language("de").analyse_rules("ok gut, dann läuft er ja wieder.").acts
    state = engine.respond(state, "ok gut, dann läuft er ja wieder.")
    turn = state.exchanges[-1].trainee
    assert "recap" in turn.steps and "summary" in turn.acts
    assert ("summary", "ok gut, dann läuft er ja wieder.") in turn.evidence
    state = engine.respond(state, "Schönen Tag noch, tschüss!")
    score = score_call(sc, state)
    summarising = next(d for d in score.dimensions if d.name == "summarising")
    assert not any(e.turn == turn.number and e.effect > 0 and e.kind.startswith("summary") for e in summarising.evidence)
    checklist = next(d for d in score.dimensions if d.name == "checklist")
    assert any(e.turn == turn.number and e.kind == "step_recap_result" for e in checklist.evidence)


def test_the_missing_summary_before_the_solution_names_the_step_that_was_the_solution() -> None:
    """An honest 'I don't know yet' proposes nothing by itself: the debit says which solving step it was."""
    from simulator.dialogue.session import play
    from simulator.scoring import score_call
    from simulator.scoring.consistency import problems

    sc = load("unknown-answer")
    state = play(Engine(sc, "en"), ["Licensing support, this is Ben, how can I help?",
                                    "Honestly, I don't know that yet and I won't guess: I'll ask our licensing team "
                                    "and call you back by 3 pm."])
    score = score_call(sc, state)
    item = next(e for d in score.dimensions for e in d.evidence if e.kind.startswith("no_summary_before"))
    admit = next(s for s in sc.steps if s.id in state.exchanges[-1].trainee.steps and s.id in sc.end.solved_when)
    assert item.kind == "no_summary_before_step" and admit.title.get("en") in item.note
    assert problems(sc, state, score) == []


@pytest.mark.parametrize("lang, line, reassures", [
    ("en", "a photo is enough, just text the picture to me", True),
    ("en", "That's enough!", False),
    ("de", "Ein Foto mit Unterschrift reicht uns als Freigabe, wirklich.", True),
    ("de", "Ein Foto genügt völlig.", True),
])
def test_saying_a_photo_is_enough_reassures(lang: str, line: str, reassures: bool) -> None:
    assert ("reassurance" in Analyser.for_language(lang).analyse_rules(line).acts) is reassures


@pytest.mark.parametrize("lang, line", [
    ("de", "kurz: schreiben sie auf nen zettel, unterschreiben, foto machen und vom handy schicken"),
    ("en", "So: check the cable at the back, then press the switch."),
])
def test_an_instruction_after_so_is_no_summary(lang: str, line: str) -> None:
    assert "summary" not in Analyser.for_language(lang).analyse_rules(line).acts


def test_after_the_fix_a_long_recap_gets_no_too_long_complaint_and_the_call_ends_with_her_goodbye() -> None:
    """jargon-averse, solved: a 50-word recap with 'anything else?' got 'Um … that was quite a lot. What exactly
    should I do now?' as her last words. Once solved she listens; the call ends with her goodbye."""
    from simulator.dialogue.events import Ramble
    from simulator.dialogue.session import play

    sc = load("jargon-averse")
    lines = ["Good morning, practice support, this is Sam. What's happened?",
             "Oh dear, that sounds stressful with patients waiting. Don't worry, you haven't done anything wrong. "
             "Could you look at the back of the computer for the cable with the little plug?",
             "Please push that plug back in until it clicks.",
             "No bother at all! So, quick recap: the cable that connects your computer to the practice's system had "
             "come loose at the back, probably got nudged, you've clicked it back in and the calendar's working "
             "again, so nothing was broken and nothing was lost. If the little cross ever comes back, just ring us. "
             "Is there anything else I can help you with?"]
    state = play(Engine(sc, "en"), lines)
    if state.solved_at is None or state.solved_at >= 4:
        pytest.skip("the fix was not reached with these lines")
    last = state.exchanges[-1]
    assert any(isinstance(e, Ramble) for e in last.trainee.events)  # still measured as long
    ramble = sc.mood.ramble.reply.get("en")
    assert ramble not in last.reply.text
    assert state.ended and any(w in last.reply.text for w in ("Bye", "bye", "Goodbye"))


@pytest.mark.parametrize("lang, line, callback", [
    ("de", "Dass Sie zum dritten Mal anrufen müssen und der versprochene Rückruf letzte Woche nicht kam, tut mir leid.", False),
    ("de", "Der versprochene Rückruf kam nicht, deshalb rufe ich Sie heute um drei selbst an.", True),
    ("en", "I'm so sorry the callback you were promised never came.", False),
    ("en", "The promised callback never came, so I'll call you myself at three.", True),
])
def test_apologising_for_a_missed_callback_arranges_none(lang: str, line: str, callback: bool) -> None:
    assert ("callback" in Analyser.for_language(lang).analyse_rules(line).acts) is callback


def test_the_head_adds_an_honest_i_dont_know_only_to_a_line_with_a_negation_or_doubt() -> None:
    from simulator.analysis.language import compiled

    cue = compiled("de").head_cues["admit_unknown"]
    assert not cue.search(" . ich sag ihnen ehrlich was im system steht . ")
    assert cue.search(" . das weiss ich gerade gar nicht auswendig . ")
    assert compiled("en").head_cues["admit_unknown"].search(" . i haven't seen this one before . ")


@pytest.mark.parametrize("lang, line", [
    ("de", "Falls das Kreuz nochmal auftaucht, rufen Sie an. Dann wünsch ich Ihnen einen ruhigen Vormittag, tschüss!"),
    ("en", "Have a lovely afternoon, bye!"),
])
def test_good_wishes_make_a_proper_goodbye(lang: str, line: str) -> None:
    from simulator.scoring.wording import closes_properly

    assert closes_properly(line, lang)


def test_asking_the_caller_to_call_back_from_a_computer_is_no_callback_number() -> None:
    """'Honestly this would be easier if you called back from a computer' took 'Take a callback number' (the
    phrase 'call back') while courtesy said 'never asked for a callback number'."""
    from simulator.dialogue.session import play

    state = play(Engine(load("mobile-caller"), "en"), [
        "MailHaus support.", "You're breaking up. Whats the problem?",
        "Your password. Is it right? Honestly this would be easier if you called back from a computer."])
    assert "callback" not in state.exchanges[-1].trainee.steps


def test_a_callback_step_taken_by_its_phrases_shows_the_callback_act() -> None:
    from simulator.dialogue.session import play
    from simulator.scoring import score_call
    from simulator.scoring.consistency import problems

    sc = load("mobile-caller")
    state = play(Engine(sc, "en"), ["MailHaus support, Sam speaking.",
                                    "Quick one first in case the line drops: what's your mobile number?"])
    turn = state.exchanges[-1].trainee
    assert "callback" in turn.steps and "callback" in turn.acts
    assert problems(sc, state, score_call(sc, state)) == []


@pytest.mark.parametrize("lang, line", [
    ("en", "Have you actually rebooted? Most of these tickets are user error to be honest."),
    ("en", "well i wasnt here last week was i"),
    ("en", "it's their problem now, not mine"),
    ("en", "Right, I haven't got time for this. Get the doctor to call us when someone there knows how a computer works."),
    ("en", "somebody must've touched something"),
    ("en", "oh for gods sake, is it plugged in or not"),
    ("de", "Jaja, kommen Sie mal zum Punkt, ich hab noch andere Anrufer in der Leitung."),
    ("de", "ja dann müssen sie halt ins kundenportal, steht alles in der doku"),
])
def test_round5_brush_offs_are_rude(lang: str, line: str) -> None:
    assert "rude" in Analyser.for_language(lang).analyse_rules(line).acts


@pytest.mark.parametrize("lang, line", [
    ("en", "Do you know how the printer works when it is in sleep mode?"),
    ("en", "What did you change just before they disappeared?"),
])
def test_diagnostic_questions_are_not_blame(lang: str, line: str) -> None:
    assert "rude" not in Analyser.for_language(lang).analyse_rules(line).acts


@pytest.mark.parametrize("lang, line", [
    ("en", "so just so you know what happened: the cable had slipped out at the back, and you plugged it back in."),
    ("en", "What happened was that the strip got switched off."),
    ("de", "Damit Sie wissen, was passiert ist: das Kabel war locker."),
])
def test_telling_what_happened_is_a_summary_not_a_question(lang: str, line: str) -> None:
    acts = Analyser.for_language(lang).analyse_rules(line).acts
    assert "summary" in acts and "open_question" not in acts


def test_a_step_asked_for_too_early_gets_her_in_character_reason_and_no_bait_beside_it() -> None:
    """Round 5 (missed-appointment, no apology yet): 'Ich kann Ihnen Freitag 13 bis 15 Uhr anbieten' got
    'bitte nicht wieder zeitnah – ich brauche einen Tag und eine Uhrzeit'. She now says what is missing."""
    from simulator.dialogue.session import play

    sc = load("missed-appointment")
    step = next(s for s in sc.steps if s.id == "new_time")
    assert step.early.all("de")
    state = play(Engine(sc, "de"), ["Hotline, guten Tag, Sie sprechen mit Herrn Pohl.",
                                    "Einen Moment. Ja, der Kollege war leider krank.",
                                    "Haben Sie eine Ticketnummer?",
                                    "Ich kann Ihnen Freitag 13 bis 15 Uhr anbieten. Passt das?"])
    reply = state.exchanges[-1].reply.text
    assert "new_time" not in state.steps_done
    assert any(variant in reply for variant in step.early.all("de"))
    bait = next(e for e in sc.events if e.id == "vague_bait").line.get("de")
    assert bait not in reply


def test_a_sentence_starting_with_because_gives_a_reason() -> None:
    acts = Analyser.for_language("en").analyse_rules(
        "Because the strip has its own switch, it could be off even if the plug is in.").acts
    assert "transparency" in acts
    assert "transparency" not in Analyser.for_language("en").analyse_rules("Because of the update?").acts


def test_an_ok_leading_into_a_question_gets_no_cheer_before_the_answer() -> None:
    """Round 5 (voicebox-rambler, en): 'Ok. Is it slow all the time?' got 'That's what I'm saying! Hm, I'm not sure
    about that.' – a reaction to the 'ok' stitched to the answer."""
    from simulator.dialogue.session import play

    sc = load("voicebox-rambler")
    cheers = sc.reactions["active_listening"].reply.all("en")
    state = play(Engine(sc, "en"), ["Helpdesk, Sam here.", "Ok. Is it slow all the time?"])
    assert not any(c in state.exchanges[-1].reply.text for c in cheers)


def test_the_customers_own_deadline_repeated_in_an_empathy_line_is_no_promise() -> None:
    """'Verstehe, das ist blöd, wenn der Chef morgen unterschreiben will und Sie keine klare Antwort haben. Um welches
    Modul geht es?' took 'commit to a time' (the customer's 'morgen') and 'say who finds out' ('klare' ~ 'kläre')."""
    from simulator.dialogue.session import play

    state = play(Engine(load("unknown-answer"), "de"), [
        "Lizenzservice, guten Tag, hier ist Katrin Wolf. Was kann ich für Sie tun?",
        "Verstehe, das ist natürlich blöd, wenn der Chef morgen unterschreiben will und Sie keine klare Antwort "
        "haben. Um welches Modul geht es genau?"])
    turn = state.exchanges[-1].trainee
    assert "time_commitment" not in turn.acts and "time" not in turn.steps and "find_out" not in turn.steps
    assert Analyser.for_language("de").speaks_for_self(Analyser.for_language("de").analyse_rules("Ich melde mich morgen."))


def test_offering_a_slot_before_the_apology_gets_her_reason_in_english_too() -> None:
    from simulator.dialogue.session import play

    sc = load("missed-appointment")
    state = play(Engine(sc, "en"), ["Service hotline, good morning, you're speaking to Priya.",
                                    "Right, I can offer Thursday 8 to 10 for a technician."])
    early = next(s for s in sc.steps if s.id == "new_time").early.all("en")
    assert any(v in state.exchanges[-1].reply.text for v in early)
