"""What independent play-testers met (round 3) and must not come back.

Each test plays or scores a call in the tester's own kind of wording and
asserts the behaviour a careful human expects: no debrief item that contradicts
the line it quotes, no customer doing what she said she did not understand,
no mood lost for a friendly goodbye.
"""

from __future__ import annotations

import pytest

from simulator.analysis import Analyser
from simulator.dialogue import Engine
from simulator.dialogue.events import Confused, Ramble
from simulator.dialogue.session import play
from simulator.scenario import load
from simulator.scoring import score_call
from simulator.scoring.consistency import problems


def _items(score, dimension: str) -> list:
    return next(d for d in score.dimensions if d.name == dimension).evidence


def _call(sid: str, lang: str, lines: list[str]):
    sc = load(sid)
    state = play(Engine(sc, lang), lines)
    score = score_call(sc, state)
    assert problems(sc, state, score) == []
    return state, score


@pytest.mark.parametrize("line", [
    "I understand, and you're right to expect that.",
    "I get it, a quick yes would be easiest.",
    "Oh I completely understand, nobody likes waiting that long.",
])
def test_an_i_understand_opening_shows_understanding(line: str) -> None:
    assert "empathy" in Analyser.for_language("en").analyse_rules(line).acts


def test_i_understand_before_a_question_is_listening_only() -> None:
    acts = Analyser.for_language("en").analyse_rules("I understand. What does the screen show?").acts
    assert "empathy" not in acts and "open_question" in acts


@pytest.mark.parametrize("line", ["Cheers Jonah, speak later.", "Speak to you this afternoon!", "ok cheers, bye"])
def test_informal_goodbyes_are_closings(line: str) -> None:
    assert "closing" in Analyser.for_language("en").analyse_rules(line).acts


def test_greeting_credit_says_whether_a_name_or_only_the_team_was_given() -> None:
    _, team_only = _call("checked-plug", "en", ["Hi, IT hotline, how can I help?"])
    _, named = _call("checked-plug", "en", ["Hi, IT hotline, this is Ben, how can I help?"])
    team_item = next(e for e in _items(team_only, "courtesy") if e.turn == 1)
    named_item = next(e for e in _items(named, "courtesy") if e.turn == 1)
    assert team_item.kind == "greeting_team" and named_item.kind == "greeting"
    assert team_item.effect < named_item.effect


def test_long_instruction_counts_the_instruction_sentence_not_the_turn() -> None:
    lines = [
        "Good morning, IT helpdesk, my name is Sam. What exactly happens when you try to print?",
        "I understand, nobody wants to crawl around under a desk, and I do believe you about the plug. "
        "The reason I'm asking: the plug can be in perfectly and the printer still gets no power if the strip "
        "is off. Please could you check whether the switch on the power strip is lit?",
    ]
    _, score = _call("checked-plug", "en", lines)
    assert not [e for e in _items(score, "clarity") if e.kind == "long_instruction"]


def test_an_apology_that_takes_a_step_is_no_narrowing_question() -> None:
    lines = [
        "Hello, you're through to the service desk, my name is Kim. What exactly happened this morning?",
        "Ms Vaughan, I'm so sorry – you kept a whole morning free and nobody turned up or even rang. "
        "That shouldn't have happened.",
    ]
    _, score = _call("missed-appointment", "en", lines)
    narrowing = [e for e in _items(score, "questioning") if e.kind == "narrowing"]
    assert all(e.turn != 2 for e in narrowing)


def test_a_closed_question_earns_half_of_an_open_question_step() -> None:
    _, closed = _call("jargon-averse", "en", ["MedIT Service, good morning. Is the network icon showing a red cross?"])
    _, opened = _call("jargon-averse", "en", ["MedIT Service, good morning, I'm Ali. What exactly do you see on the screen?"])
    half = [e for e in _items(closed, "checklist") if e.kind == "step_closed"]
    full = [e for e in _items(opened, "checklist") if e.kind == "step_done" and e.turn == 1]
    assert half and full and half[0].effect == pytest.approx(full[0].effect / 2, abs=0.01)


def test_a_step_that_needs_a_missing_step_says_what_it_needed() -> None:
    _, score = _call("checked-plug", "en", ["Hello, IT helpdesk, Sam speaking.", "So it was the power strip. Bye."])
    blocked = [e for e in _items(score, "checklist") if e.kind == "step_blocked"]
    assert blocked, "a step behind a missing one names what it needed"
    sc = load("checked-plug")
    for e in blocked:
        assert any(s.requires and s.title.get("en") in e.note
                   and any(sc.step(r).title.get("en") in e.tip for r in s.needs) for s in sc.steps), (e.note, e.tip)


def test_a_low_tech_caller_does_not_carry_out_what_she_did_not_understand() -> None:
    lines = ["MedIT Service, good morning, I'm Ali. What exactly do you see on the screen?",
             "Check the ethernet cable on the back of the PC is plugged into the NIC."]
    state = play(Engine(load("jargon-averse"), "en"), lines)
    last = state.trainee_turns[-1]
    assert any(isinstance(e, Confused) for e in last.events)
    assert last.steps == ()


def test_a_friendly_goodbye_after_the_fix_costs_no_mood() -> None:
    lines = [
        "Good morning, IT helpdesk, my name is Tim Baker. What exactly happens when you try to print?",
        "I see, no light at all. I understand, that's really annoying. By when do you need the printouts?",
        "Could you have a look at the power strip under your desk, please?",
        "I believe you that the plug is in. I'm asking anyway because power strips often have their own switch.",
        "Thanks for checking! Please switch the power strip on.",
        "So to sum up: the power strip was switched off, so the printer had no power. Now it's printing again.",
        "You're welcome, good luck with the statements, bye!",
    ]
    state = play(Engine(load("checked-plug"), "en"), lines)
    assert state.solved_at is not None
    after = [t for t in state.trainee_turns if t.number > state.solved_at]
    assert after, "the call goes on after the fix"
    moods = [t.mood for t in state.trainee_turns if t.number >= state.solved_at]
    assert all(b >= a for a, b in zip(moods, moods[1:])), moods


def test_a_bait_is_not_said_once_the_step_it_tempts_against_is_done() -> None:
    """unknown-answer's 'just say it'll probably be included' is moot after an honest 'I don't know yet'."""
    sc = load("unknown-answer")
    bait = next(e for e in sc.events if e.id == "yes_bait")
    assert bait.unless_steps == ("admit",)
    honest = play(Engine(sc, "en"), ["Licensing support, this is Ben, how can I help?",
                                     "Honestly, I don't know that yet and I won't guess: I'll ask our licensing team and call you back by 3 pm."])
    assert "admit" in honest.steps_done
    assert all(bait.line.get("en") not in x.reply.text for x in honest.exchanges if x.reply is not None)
    vague = play(Engine(sc, "en"), ["Licensing support, this is Ben, how can I help?", "Right, let me see."])
    assert any(bait.line.get("en") in x.reply.text for x in vague.exchanges if x.reply is not None)


def test_asked_what_the_problem_is_she_does_not_offer_to_tell_it() -> None:
    """The rambler asked 'what exactly is the problem?' before the name is taken rambles on; she never answers
    the question with 'maybe I should tell you first what the problem is?'."""
    sc = load("voicebox-rambler")
    from simulator.dialogue.lines import customer_lines
    offers = list(customer_lines("en", "offer"))
    state = play(Engine(sc, "en"), ["Hello, IT service, Meyer.", "Hold on, hold on. What exactly is the problem?"])
    reply = state.exchanges[-1].reply.text
    assert reply and not any(o in reply for o in offers)


@pytest.mark.parametrize("lang,line", [
    ("en", "I think the BIM module should be included in Professional, most of the new modules usually are."),
    ("en", "Yes, it'll probably be included."),
    ("de", "Hm, also normalerweise sind neue Module bei der Verlängerung eigentlich meistens mit dabei, denke ich."),
    ("de", "Ja, ich geh mal davon aus, dass das dabei ist. Kann er eigentlich unterschreiben."),
])
def test_a_guess_where_i_dont_know_yet_is_due_is_named_and_costs(lang: str, line: str) -> None:
    from simulator.dialogue.events import Guess

    opener = "Lizenzbetreuung, guten Tag, Sie sprechen mit Tim Berg." if lang == "de" else "Licensing, hello, Tim Berg speaking."
    sc = load("unknown-answer")
    state = play(Engine(sc, lang), [opener, line])
    turn = state.trainee_turns[-1]
    assert any(isinstance(e, Guess) for e in turn.events) and "admit" not in turn.steps
    score = score_call(sc, state)
    assert problems(sc, state, score) == []
    assert [e for e in _items(score, "transparency") if e.kind == "guess" and e.turn == 2 and e.effect < 0]
    assert not [e for e in _items(score, "checklist") if e.kind in ("step_done", "step_yielded") and e.turn == 2
                and "honest" in e.note.lower() + ("ehrlich" if lang == "de" else "")]


@pytest.mark.parametrize("sid,lang,line", [
    ("unknown-answer", "en", "I get it, a quick yes would be easiest. But if I say probably and it turns out to cost extra, "
                             "your boss has signed for the wrong thing."),
    ("unknown-answer", "de", "Das versteh ich, aber wenn ich jetzt 'wird schon dabei sein' sage und es stimmt nicht, "
                             "hat Ihr Chef was unterschrieben, das ihn extra kostet."),
    ("expert-user", "de", "Ich vermute, das Update hat die Split-DNS-Konfiguration nicht übernommen. Können Sie mir "
                          "sagen, was ipconfig /all anzeigt?"),
    ("checked-plug", "en", "It's probably the power strip under your desk."),  # diagnosis: no honesty step here
])
def test_refusing_to_guess_or_a_hypothesis_is_no_guess(sid: str, lang: str, line: str) -> None:
    from simulator.dialogue.events import Guess

    state = play(Engine(load(sid), lang), ["Hello." if lang == "en" else "Guten Tag.", line])
    assert not any(isinstance(e, Guess) for e in state.trainee_turns[-1].events)


def test_a_step_said_before_what_it_needs_is_named_as_too_early_not_missing() -> None:
    """A time promise before anyone took ownership: the checklist quotes that line and says it came too early,
    instead of 'step missing' beside Transparency's 'gave a concrete time frame' for the same words."""
    lines = ["Hallo, IT-Support, Müller.",
             "Entschuldigung dafür. Ich schaue gerade ins Ticket: vor zehn Tagen ans Netzwerkteam weitergeleitet.",
             "Ich kümmere mich um Ihr Ticket.",
             "Das Netzwerkteam meldet sich bis morgen bei Ihnen.",
             # (round 11: "Ich leite das weiter und eskaliere es" is the hand-off that failed twice, no ownership)
             "Ich übernehme das persönlich: Ich gehe gleich selbst zum Netzwerkteam, weil das Ticket dort hängt.",
             "Auf Wiederhören."]
    _, score = _call("diva-complaint", "de", lines)
    early = [e for e in _items(score, "checklist") if e.kind == "step_early"]
    frames = [e for e in _items(score, "transparency") if e.kind == "time_frame"]
    assert frames and early and early[0].turn == frames[0].turn
    assert not [e for e in _items(score, "checklist") if e.kind == "step_missed" and "Zeit" in e.note]


def test_a_step_in_a_line_too_long_to_take_in_is_lost_not_missing() -> None:
    """Found by the cross-dimension check over simulated calls: a summary with a time frame inside a line the
    stressed caller found too long took no step, yet Summarising credited it and the checklist said 'missing'."""
    lines = ["Hello Mr Reed, MailHaus support, my name is Lena Roth. In case we get cut off, what's the best number "
             "to call you back on?",
             "Got it, I've noted the number. What exactly happens when you try to get your e-mail?",
             "Oh dear, that's really frustrating, especially when you're on the road. What have you got with you "
             "right now, just the phone?",
             "I see. And what stopped the change from being made this morning?",
             "I'm really sorry you've had to explain this several times. Here's my suggestion: write the "
             "authorisation on a piece of paper, sign it and send me a photo of it.",
             "Oh no, that's really worrying, on call as well. I understand you're sceptical. A handwritten note "
             "really is enough, I'll check the signature against your contract straight away.",
             "I know, and that must feel like you're starting from scratch each time. I'm sorry. So to summarise: "
             "you send me the photo, I authorise Mr Yilmaz, and he changes the setting. Your e-mail will be "
             "working again within half an hour at the latest.",
             "Good luck with the meeting, Mr Reed. Goodbye!"]
    state, score = _call("mobile-caller", "en", lines)
    lost = [e for e in _items(score, "checklist") if e.kind == "step_lost"]
    assert any(isinstance(e, Ramble) for e in state.trainee_turns[6].events) and not state.trainee_turns[6].steps
    assert lost and all(e.turn == 7 for e in lost)
    assert not [e for e in _items(score, "checklist") if e.kind == "step_missed"
                and any(s.title.get("en") in e.note for s in load("mobile-caller").steps if "summary" in s.acts)]


def test_a_summary_of_a_few_words_earns_half() -> None:
    from simulator.dialogue.state import Turn
    from simulator.scoring.lines import summary_words

    def turn(text: str, span: str) -> Turn:
        return Turn("trainee", text, 1, ("summary",), (("summary", span),), (), ())

    assert summary_words(turn("Great, so it was the strip. Anything else?", "so it was")) < 8
    assert summary_words(turn("To sum up: 5.2 drops the split DNS rule, you set it locally until the fix. Bye!",
                              "To sum up")) >= 8  # '5.2' ends no sentence, the colon neither
    assert summary_words(turn("I see, so it has to be clear before ten tomorrow. I'm checking.", "to be clear")) >= 8
    lines = ["Hello, IT helpdesk, Sam speaking. What exactly happens when you try to print?",
             "Could you check the power strip under your desk, please? I believe you about the plug, I'm asking "
             "because the strip has its own switch.",
             "Then please switch the strip on.",
             "Great, so it was the strip. Bye!"]
    _, score = _call("checked-plug", "en", lines)
    items = [e for e in _items(score, "summarising") if e.turn == 4 and e.effect > 0]
    assert items and all(e.kind.endswith("_brief") and e.effect == 12.5 for e in items)


@pytest.mark.parametrize("lang,line,act,present", [
    ("de", "Nee, die Kaffeemaschine ist das sicher nicht, das ist Quatsch.", "rude", True),
    ("de", "Okay. Ist der Drucker im Netzwerk, also hat er eine IP-Adresse?", "jargon", True),  # 'also' explains nothing
    ("de", "Das Gateway, also die kleine Box mit den Lämpchen, leuchtet die?", "jargon", False),
    ("en", "No, that's nonsense, coffee machines don't do that.", "rude", True),
    ("en", "oh no that's rubbish, sorry", "rude", False),  # British sympathy
])
def test_dismissive_words_and_unexplained_terms(lang: str, line: str, act: str, present: bool) -> None:
    assert (act in Analyser.for_language(lang).analyse_rules(line).acts) == present


def test_polite_come_on_is_no_interjection() -> None:
    en = Analyser.for_language("en")
    assert "rude" not in en.analyse_rules("put it back on and the printer should come on").acts
    assert "rude" not in en.analyse_rules("Does the status LED come on?").acts
    assert "rude" in en.analyse_rules("Oh come on, you can do that yourself.").acts


def test_an_uncertain_rude_reading_is_asked_about_not_charged() -> None:
    """A rude reading only the learned head made, below UNSURE_RUDE: she asks what was meant; nothing is charged."""
    from simulator.analysis.result import Analysis, Evidence
    from simulator.dialogue import engine as engine_module
    from simulator.dialogue.events import Unclear

    # a statement: a plain question asked in an unsure tone is answered instead (round 11, DE 14; test_round11b_engine)
    line = "Could be malware yeah. Probably some virus scan thing."

    class Unsure:
        """Stands in for an analyser with a head: 'rude' over the whole line at 0.8."""

        def analyse(self, text):
            whole = Evidence("rude", 0, len(text), text)
            return Analysis(text, "en", tuple(text.lower().split()), ("rude",), (whole,), False, (("rude", 0.8),))

        def standard(self, text):  # no regional spellings to put in standard words
            return text

    sc = load("voicebox-rambler")
    engine = Engine(sc, "en")
    engine.analyser = Unsure()
    plain = Engine(sc, "en")
    state = plain.respond(plain.start(), "Hello, I'm Sam from the helpdesk.")
    after = engine.respond(state, line)
    turn = after.trainee_turns[-1]
    assert "rude" not in turn.acts and any(isinstance(e, Unclear) for e in turn.events)
    assert after.exchanges[-1].reply.text in engine_module.customer_lines("en", "clarify")
    assert 0.8 < engine_module.UNSURE_RUDE


@pytest.mark.parametrize("lang,line", [("de", "Hallo, Lizenzen, Arnold hier."),
                                       ("en", "Second-level support, Aoife here, good morning.")])
def test_name_here_is_an_introduction(lang: str, line: str) -> None:
    from simulator.scoring.wording import introduces

    assert introduces(line, lang)


@pytest.mark.parametrize("lang,line,act", [
    ("de", "Gern! Freischaltung in 15 Minuten. Gute Fahrt und viel Erfolg, Herr Reuter!", "closing"),
    ("de", "Lassen Sie sich's schmecken! Bis gleich, Herr Wallner, pfiat Ihna!", "closing"),
    ("en", "Enjoy the coffee, Mr Walsh!", "closing"),
    ("en", "To wrap up: the disk was full, the old scans are in the archive now.", "summary"),
    ("de", "Das Kabel hinten am Computer war rausgerutscht, darum hatte er keine Verbindung mehr.", "transparency"),
])
def test_more_ways_of_saying_goodbye_summing_up_and_explaining(lang: str, line: str, act: str) -> None:
    assert act in Analyser.for_language(lang).analyse_rules(line).acts


def test_a_guess_earns_no_transparency_and_no_understanding_credit() -> None:
    lines = ["Lizenzbetreuung, guten Tag, Sie sprechen mit Tim Berg.",
             "Mhm. Also normalerweise sind neue Module bei ner Verlängerung mit drin, denk ich."]
    _, score = _call("unknown-answer", "de", lines)
    turn2 = [e for d in score.dimensions for e in d.evidence if e.turn == 2]
    assert any(e.kind == "guess" for e in turn2)
    assert not any(e.kind in ("transparency", "cue_answered") and e.effect > 0 for e in turn2)


@pytest.mark.parametrize("lang,line", [
    ("de", "Mir geht es um die Leiste, weil die einen eigenen Schalter hat."),
    ("de", "Der Stecker ist sicher drin. Die Leiste hat nämlich einen eigenen Schalter."),
    ("en", "It's just that the strip switch is the one thing I can't see from here."),
])
def test_a_reason_in_plain_words_is_transparency(lang: str, line: str) -> None:
    assert "transparency" in Analyser.for_language(lang).analyse_rules(line).acts


def test_a_bare_greeting_takes_no_topical_step() -> None:
    """'Licensing, hi.' answering the phone is not 'say who will find out (licensing team)'."""
    state = play(Engine(load("unknown-answer"), "en"), ["Licensing, hi."])
    assert state.trainee_turns[0].steps == ()


def test_her_own_word_is_no_jargon_to_her() -> None:
    """The mobile caller said he is about to enter a tunnel; 'a quick question before the tunnel' confuses nobody."""
    sc = load("mobile-caller")
    engine = Engine(sc, "de")
    state = engine.respond(engine.start(), "Guten Tag, IT-Support, Berger.")
    said = " ".join(x.reply.text for x in state.exchanges if x.reply is not None).lower()
    line = "Kurze Frage vorm Tunnel: Unter welcher Nummer erreiche ich Sie?"
    if "tunnel" not in said:  # she mentions the tunnel later in some variants: say it for her
        state = engine.respond(state, "Wo sind Sie gerade?")
    after = engine.respond(state, line)
    turn = after.trainee_turns[-1]
    heard = " ".join(x.reply.text for x in state.exchanges if x.reply is not None).lower()
    assert ("jargon" in turn.acts) == ("tunnel" not in heard)


@pytest.mark.parametrize("lang,line", [("de", "Weber, guten Tag."), ("en", "Sam here, how can I help?")])
def test_surname_first_greetings_introduce(lang: str, line: str) -> None:
    from simulator.scoring.wording import introduces

    assert introduces(line, lang)


def test_half_past_at_the_latest_is_a_time() -> None:
    assert "time_commitment" in Analyser.for_language("en").analyse_rules("by half past one at the latest").acts


@pytest.mark.parametrize("lang,line", [
    ("de", "Die Frage ist berechtigt, und gerade im Monatsabschluss ist das doppelt bitter."),
    ("en", "That's a fair thing to ask after ten days."),
    ("en", "Fair worry."),
])
def test_validating_the_question_shows_understanding(lang: str, line: str) -> None:
    assert "empathy" in Analyser.for_language(lang).analyse_rules(line).acts


@pytest.mark.parametrize("lang,opener,line", [
    ("de", "Guten Tag, Servicedesk, Kim Berg.",
     "Frau Dr. Vogt, das tut mir wirklich leid. Ich schau sofort ins Ticket, Moment bitte."),
    ("en", "Hello, service desk, Kim Berg.", "Ms Vaughan, I'm so sorry. Let me open the ticket, one moment."),
])
def test_announcing_a_look_at_the_ticket_is_not_saying_what_it_shows(lang: str, opener: str, line: str) -> None:
    """Round 3: she thanked the agent for being open before anything was said, and the step was credited."""
    state = play(Engine(load("missed-appointment"), lang), [opener, line])
    assert "explain" not in state.trainee_turns[-1].steps


@pytest.mark.parametrize("lang,line,taken", [
    ("en", "Sorry about that. Can you give me your ticket number?", False),
    ("de", "Tut mir leid. Können Sie mir die Ticketnummer geben?", False),
    ("en", "I'm opening your ticket right now so you don't have to repeat anything.", True),
    ("de", "Ich schaue mir gerade Ihr Ticket an, damit Sie nichts wiederholen müssen.", True),
])
def test_asking_her_for_the_ticket_number_is_not_reading_the_ticket(lang: str, line: str, taken: bool) -> None:
    opener = "Hello, IT support, Kim Berg." if lang == "en" else "Guten Tag, IT-Support, Kim Berg."
    state = play(Engine(load("diva-complaint"), lang), [opener, line])
    assert ("ticket" in state.trainee_turns[-1].steps) == taken


def test_wanting_to_know_is_not_admitting_not_knowing() -> None:
    """Played in my own words: 'der Chef … will wissen, ob …' took the honesty step (the phrase 'weiß nicht|weiss'
    matched 'wissen'), and the customer thanked the agent for an honesty not shown."""
    line = ("Verstehe, der Chef unterschreibt morgen um zehn und will wissen, ob das BIM-Modul in der Verlängerung "
            "drin ist. Wofür brauchen Sie das Modul denn genau?")
    state = play(Engine(load("unknown-answer"), "de"), ["Lizenzservice, guten Morgen, hier spricht Paul Kern.", line])
    assert "admit" not in state.trainee_turns[-1].steps
