"""Play-test round 25 and the mediocre calls of round 24: debrief items a careful trainer would expect (own lines)."""

from __future__ import annotations

import pytest

from playtest_calls import forge, items, kinds, play

from simulator.analysis.analyser import Analyser
from simulator.analysis.language import compiled
from simulator.scoring import consistency


def rules(lang: str, line: str) -> tuple[str, ...]:
    return Analyser(compiled(lang)).analyse_rules(line).acts


# -- her deadline said back is nobody's promise ---------------------------------------------------------------------
@pytest.mark.parametrize(("lang", "line", "promise"), [
    ("en", "Ugh, and your statements are due at three, I get the stress.", False),
    ("en", "With the deadline at 3 pm that's really tight, I understand.", False),
    ("en", "So the report has to be on his desk by three.", False),
    ("en", "Your boss signs at ten tomorrow, so I'll call you back by 4 today.", True),
    ("en", "The statements are due at three, so let me get this sorted by two.", True),
    ("de", "Verstehe, Ihre Abgabe ist um 15 Uhr fällig.", False),
    ("de", "Oh je, die Abrechnungen müssen um drei fertig sein, das ist natürlich Stress.", False),
    ("de", "Ihr Chef unterschreibt morgen um zehn, richtig?", False),
    ("de", "Ihr Chef unterschreibt morgen um zehn, ich melde mich bis heute 16 Uhr.", True),
    ("de", "Die Abrechnung muss um drei raus, deshalb rufe ich Sie bis halb zwei zurück.", True),
])
def test_her_deadline_is_no_time_promise(lang, line, promise):
    assert ("time_commitment" in rules(lang, line)) is promise


def test_her_deadline_in_an_understanding_line_earns_no_time_frame():
    lines = ["Good morning, IT service desk, Alex speaking. What can I do for you?",
             "Oh no, and with the statements due at three, I get that this is stressful. I believe you about the plug, "
             "but could you quickly look at the power strip under your desk? It has its own switch, and that's often "
             "the culprit.",
             "Great, please flip that switch back on and then press the printer's power button.",
             "Perfect. So it was the strip.",
             "Anything else I can help you with? Then have a good afternoon, bye."]
    sc, state, score = play("checked-plug", "en", lines)
    assert state.outcome.resolved
    assert "time_frame" not in kinds(score, "transparency")
    # the only recap was four words: the summary not due before the fix earns what that recap earns, not full points
    not_due = next(e for e in items(score, "summarising") if e.kind == "summary_not_due_found")
    end = next(e for e in items(score, "summarising") if e.kind.startswith("summary_end"))
    assert end.kind == "summary_end_brief" and not_due.effect == end.effect
    assert score.dimension("summarising").value == 75
    assert consistency.problems(sc, state, score) == []


def test_a_full_recap_keeps_the_full_credit_for_the_summary_not_due():
    lines = ["Good morning, IT service desk, Alex speaking. What can I do for you?",
             "I believe you about the plug, but could you quickly look at the power strip under your desk? It has its "
             "own switch, and that's often the culprit.",
             "Great, please flip that switch back on and then press the printer's power button.",
             "So to sum up: the printer had no power because the switch on the power strip under your desk was off, "
             "you switched it back on and now it prints again.",
             "Anything else I can help you with? Then have a good afternoon, bye."]
    sc, state, score = play("checked-plug", "en", lines)
    not_due = next(e for e in items(score, "summarising") if e.kind == "summary_not_due_found")
    assert not_due.effect == 25
    assert consistency.problems(sc, state, score) == []


# -- the diva wants a time she can rely on --------------------------------------------------------------------------
DIVA = {
    "de": ["Guten Tag, IT-Service, Sie sprechen mit Kim Berger.",
           "Frau Brenner, es tut mir wirklich leid, dass Sie schon zum dritten Mal anrufen müssen und sich niemand "
           "gemeldet hat.",
           "Ich habe Ihr Ticket vor mir: Das VPN bricht nur im Homeoffice ab, im Büro läuft alles.",
           "Ich kümmere mich ab jetzt persönlich darum, ich gehe gleich selbst zum Netzwerkteam."],
    "en": ["Good afternoon, IT service, this is Kim Berger.",
           "Dr Bennett, I'm really sorry you've had to call a third time and nobody got back to you.",
           "I've got your ticket here: the VPN drops only when you work from home, the office is fine.",
           "I'll handle this myself from now on, I'll walk over to the network team myself."],
}
HEDGED = {"de": "Voraussichtlich rufe ich Sie morgen um zehn an.", "en": "I'll call you tomorrow at 10, probably."}
FIRM = {"de": "Morgen um zehn Uhr rufe ich Sie an, das ist verbindlich.",
        "en": "I'll call you tomorrow at ten, you have my word."}
GOODBYE = {"de": "Gibt es sonst noch etwas? Dann einen schönen Tag, Frau Brenner, auf Wiederhören.",
           "en": "Is there anything else? Then have a good day, Dr Bennett, goodbye."}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_diva_objects_to_a_hedged_time(lang):
    sc, state, score = play("diva-complaint", lang, DIVA[lang] + [HEDGED[lang]])
    hedged = state.exchanges[-1]
    assert "commitment" not in state.steps_done
    assert [e.kind for e in hedged.trainee.events if e.kind == "objection"]
    assert any(w in hedged.reply.text for w in ("rely on", "verlassen kann"))
    # the debrief says why the step is missing, quoting her objection as hers; the time is no concrete one either
    objected = [e for e in items(score, "checklist") if e.kind == "step_objected"]
    assert objected and objected[0].speaker == "customer" and objected[0].turn == hedged.number
    assert objected[0].quote in hedged.reply.text
    assert "time_frame" not in kinds(score, "transparency", hedged.number)
    assert consistency.problems(sc, state, score) == []


@pytest.mark.parametrize("lang", ["de", "en"])
def test_diva_takes_the_firm_time_after_the_hedged_one(lang):
    sc, state, score = play("diva-complaint", lang, DIVA[lang] + [HEDGED[lang], FIRM[lang], GOODBYE[lang]])
    assert "commitment" in state.steps_done and state.outcome.resolved
    assert "step_objected" not in kinds(score, "checklist")
    assert consistency.problems(sc, state, score) == []


@pytest.mark.parametrize(("lang", "line"), [
    ("en", "I'll call you by ten tomorrow at the latest, probably earlier."),
    ("de", "Spätestens morgen um zehn rufe ich Sie an, vielleicht auch früher."),
])
def test_a_firm_time_with_a_hedge_about_being_early_is_taken(lang, line):
    _, state, _ = play("diva-complaint", lang, DIVA[lang] + [line])
    assert "commitment" in state.steps_done


# -- an open question in terms she does not know does half its work -------------------------------------------------
@pytest.mark.parametrize(("lang", "lines"), [
    ("en", ["MailHaus support.", "ok what's the error message exactly, and which client, IMAP or Exchange ActiveSync?"]),
    ("de", ["MailHaus Support.", "ok was genau sagt die Fehlermeldung, und welcher Client, IMAP oder Exchange ActiveSync?"]),
])
def test_open_question_in_jargon_earns_half(lang, lines):
    sc, state, score = play("mobile-caller", lang, lines)
    asked = state.exchanges[-1]
    assert "confused" in [e.kind for e in asked.trainee.events]
    assert "open_first_unclear" in kinds(score, "questioning", asked.trainee.number)
    assert "open_first" not in kinds(score, "questioning")
    assert consistency.problems(sc, state, score) == []
    # and the checker reports the full credit an older scorer gave such a line
    forged = forge(score, "questioning", lambda e: e.kind == "open_first_unclear", kind="open_first", effect=30.0)
    assert any("did not understand" in p for p in consistency.problems(sc, state, forged))


def test_the_expert_is_not_confused_by_terms_so_the_open_question_counts_in_full():
    lines = ["Guten Tag, IT-Service, Kim Berger.", "Was genau sehen Sie, wenn Sie nslookup auf den internen Namen machen?"]
    sc, state, score = play("expert-user", "de", lines)
    assert "open_first_unclear" not in kinds(score, "questioning")


# -- one word of content takes no step by its likeness to examples --------------------------------------------------
@pytest.mark.parametrize(("lang", "line"), [("en", "licensing"), ("de", "Lizenzen"), ("en", "Licensing."), ("de", "Support.")])
def test_a_one_word_answer_to_the_ring_takes_no_step(lang, line):
    from playtest_calls import replayed
    state = replayed("unknown-answer", lang, [line])
    assert state.steps_done == ()


# -- an explanation explains the term beside it, not every term in the line -----------------------------------------
@pytest.mark.parametrize(("lang", "line", "jargon"), [
    ("de", "Das ist die Festplatte. Ich mach das per RDP.", True),
    ("de", "Nee, das ist die C-Partition, die ist voll. Ich mach das per RDP und schieb die Daten rüber.", True),
    ("de", "Ich verbinde mich per RDP, das ist sozusagen ein Fernzugriff auf Ihren Rechner.", False),
    ("en", "That's the hard drive. I'll go in via RDP.", True),
    ("en", "I'll connect via RDP, which means I can see your screen from here.", False),
    ("en", "So basically your client isn't getting a DHCP lease.", True),
])
def test_an_explanation_covers_only_the_term_beside_it(lang, line, jargon):
    assert ("jargon" in rules(lang, line)) is jargon


# -- "Also das Team meldet sich" promises; it sums nothing up --------------------------------------------------------
@pytest.mark.parametrize(("line", "summary"), [
    ("Doch doch, ich weiß schon was ich tu. Also das Netzwerkteam meldet sich bei Ihnen, ok?", False),
    ("Also die Kollegen melden sich bis 16 Uhr bei Ihnen.", False),
    ("Also der Drucker hat seit heute früh kein Licht, richtig?", True),
    ("Also das Netzwerkteam hat das schon zweimal angeschaut, und der Client wurde neu installiert.", True),
])
def test_also_before_what_someone_will_do_is_no_summary(line, summary):
    assert ("summary" in rules("de", line)) is summary


# -- a known bug claimed with confidence is a bluff, not an honest status ------------------------------------------
EXPERT = {
    "de": ["Hallo, 2nd-Level-Support, Kim Berger. Was haben Sie schon alles geprüft?",
           "Schauen Sie bitte mit ipconfig /all, ob am VPN-Adapter ein DNS-Suffix eingetragen ist.",
           "Ja, das ist bestimmt ein bekannter Bug, das hatten wir schon öfter bei Updates."],
    "en": ["Hi, second-level support, Kim Berger speaking. What have you checked so far?",
           "Could you run ipconfig /all and check whether the VPN adapter has a DNS suffix?",
           "Yeah, that's definitely a known bug, we've had it loads with updates."],
}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_bluffed_known_bug_is_no_honest_status(lang):
    sc, state, score = play("expert-user", lang, EXPERT[lang])
    bluff = state.exchanges[-1]
    assert "honest_status" not in state.steps_done
    assert {"objection", "guess"} & {e.kind for e in bluff.trainee.events}
    assert "ehrlich" not in bluff.reply.text and "honest" not in bluff.reply.text
    assert not [e for e in items(score, "transparency", bluff.trainee.number) if e.effect > 0]
    assert consistency.problems(sc, state, score) == []


@pytest.mark.parametrize(("lang", "line"), [
    ("de", "Ob das ein bekannter Bug ist, kann ich Ihnen noch nicht sagen – ich prüfe das."),
    ("en", "Whether it's a known bug I can't tell you yet, I'll check."),
])
def test_an_honest_status_about_a_known_bug_still_counts(lang, line):
    _, state, _ = play("expert-user", lang, EXPERT[lang][:2] + [line])
    assert "honest_status" in state.steps_done


# -- two slots offered: she picks one, nothing is booked yet -------------------------------------------------------
APPOINTMENT = {
    "de": ["Guten Morgen, IT-Service, Aylin Demir.",
           "Das tut mir wirklich leid, Frau Vogt, Sie haben umsonst gewartet und niemand hat angerufen. Das war unser Fehler.",
           "Ich hätte zwei Termine frei: Donnerstag zwischen 8 und 10 Uhr oder Freitag zwischen 13 und 15 Uhr. "
           "Welcher passt Ihnen besser?",
           "Dann trage ich Sie fest für Donnerstag, 8 bis 10 Uhr, ein und rufe Sie am Mittwoch vorher noch mal an."],
    "en": ["Good morning, IT service, Aylin Demir.",
           "I'm really sorry, Mr Vaughan, you waited for nothing and nobody called you. That was our mistake.",
           "I've got two slots: Thursday between 8 and 10 or Friday between 1 and 3. Which one suits you better?",
           "Then I'm booking you firmly for Thursday, 8 to 10, and I'll call you on Wednesday beforehand to confirm."],
}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_two_slots_offered_are_a_choice_not_a_booking(lang):
    sc, state, score = play("missed-appointment", lang, APPOINTMENT[lang][:3])
    offer = state.exchanges[-1]
    assert "new_time" not in state.steps_done
    assert any(w in offer.reply.text for w in ("Donnerstag", "Thursday"))
    assert not any(w in offer.reply.text for w in ("Einverstanden", "Agreed", "beim Wort", "at your word"))
    sc, state, score = play("missed-appointment", lang, APPOINTMENT[lang])
    assert "new_time" in state.steps_done
    assert "step_objected" not in kinds(score, "checklist")
    assert consistency.problems(sc, state, score) == []


def test_owing_a_call_is_no_confirmation_call():
    # "a call would have been the least we owed you" grants her point; it arranges no call (round 25, EN good)
    from playtest_calls import replayed
    lines = APPOINTMENT["en"][:2] + ["You're right, a call would have been the least we owed you."]
    state = replayed("missed-appointment", "en", lines)
    assert "First I need a date" not in state.exchanges[-1].reply.text


# -- "good question, but no" answers at once: no admission -----------------------------------------------------------
@pytest.mark.parametrize(("lang", "line", "admits"), [
    ("en", "Good question, but no, the coffee machine isn't the cause here.", False),
    ("en", "Good question – I don't know yet, I'll find out.", True),
    ("en", "Good question.", True),
    ("de", "Gute Frage, aber nein, an der Kaffeemaschine liegt es nicht.", False),
    ("de", "Gute Frage, das weiß ich ehrlich gesagt noch nicht.", True),
])
def test_good_question_then_an_answer_admits_nothing(lang, line, admits):
    assert ("admit_unknown" in rules(lang, line)) is admits


# -- after her "Sorry about what, exactly?" a vague forwarding promise is no apology -------------------------------
@pytest.mark.parametrize(("lang", "lines"), [
    ("en", ["IT support, hello.", "sorry about that. ok i see the ticket, the VPN disconnects at home.",
            "ok. I will forward it to the network team again and they should get back to you soon."]),
    ("de", ["IT-Support, hallo.", "ah ok, tut mir leid. ich seh das ticket, das VPN bricht zuhause ab.",
            "ok. ich geb das nochmal ans netzwerkteam weiter, die sollten sich dann bald melden."]),
])
def test_a_vague_promise_after_her_objection_is_no_apology(lang, lines):
    sc, state, score = play("diva-complaint", lang, lines)
    assert "objection" in [e.kind for e in state.trainee_turns[1].events]
    assert "apologise" not in state.steps_done
    assert "step_done" not in [e.kind for e in items(score, "checklist")
                               if "apolog" in e.note.lower() or "entschuldig" in e.note.lower()]
    assert consistency.problems(sc, state, score) == []


# -- the head adds an act above its threshold; a rule's reassurance stands --------------------------------
def test_head_thresholds_and_kept_rule_reassurance():
    from simulator.analysis.acts import ACTS
    from simulator.analysis.head import Policy, combine

    policies = {a: Policy("head", 0.35) for a in ACTS}

    def probs(**p):
        return [p.get(a, 0.0) for a in ACTS]

    assert "empathy" in combine([], probs(empathy=0.45), policies)  # the head may add it
    assert "empathy" not in combine([], probs(empathy=0.30), policies)  # below the act's threshold
    assert "empathy" in combine(["empathy"], probs(empathy=0.40), policies)  # a rule hit keeps the act's threshold
    assert "empathy" not in combine(["empathy"], probs(empathy=0.10), policies)  # … and may still be vetoed
    assert "reassurance" in combine(["reassurance"], probs(reassurance=0.05), policies)  # never vetoed
