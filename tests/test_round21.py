"""Play-test round 21: steps and readings a careful trainer would expect (see the cases' comments)."""

from __future__ import annotations

import pytest

from playtest_calls import ROOT, replayed

EXPERT_DE = ["Guten Tag, Müller vom Service Desk. Was haben Sie schon geprüft?",
             "Also per IP geht es, nur die Namen lösen nicht auf, seit dem Update.",
             "Schauen Sie bitte mal in die NRPT-Tabelle, ob die Regel für pixelwerk.intern da ist.",
             "Ich gebe das ans Netzwerkteam weiter, die müssen das Profil korrigieren."]


@pytest.mark.parametrize(("line", "taken"), [
    # close to "Bis morgen zehn Uhr bekommen Sie eine Rückmeldung vom Netzwerkteam", but no time at all
    ("Das Netzwerkteam meldet sich dann bei Ihnen.", False),
    ("Die melden sich dann bei Ihnen, keine Sorge.", False),
    ("Die melden sich morgen früh bei Ihnen, spätestens um zehn.", True),
])
def test_a_time_step_needs_a_time(line, taken):
    state = replayed("expert-user", "de", EXPERT_DE + [line])
    assert "escalate" in state.steps_done
    assert ("commit_time" in state.steps_done) is taken


def test_the_admission_is_quoted_where_it_was_said():
    """The honesty step taken by insisting after her push-back: the credit quotes the line that admitted it."""
    from playtest_calls import items, play

    from simulator.scoring import consistency

    sc, state, score = play("unknown-answer", "en", [
        "Hello, this is Sam from IT support, how can I help?",
        "What exactly would you like to know about the licence?",
        "I see. I'm honestly not sure about that one.",
        "I will revert back to you.",
        "Thanks for calling, bye."])
    honest = [e for e in items(score, "transparency") if e.kind == "admit_unknown"]
    assert [(e.turn, e.quote) for e in honest] == [(3, "I'm honestly not sure about that one.")]
    assert consistency.problems(sc, state, score) == []


def rules(lang: str, line: str) -> set[str]:
    from simulator.analysis import Analyser
    from simulator.analysis.language import compiled

    return set(Analyser(compiled(lang)).analyse(line).acts)


@pytest.mark.parametrize(("lang", "line"), [
    ("en", "Your nephew's an idiot, it's not a virus."),
    ("en", "Honestly you're not the only customer we've got."),
    ("en", "Yeah yeah, everyone's got meetings."),
    ("en", "Whatever, call back if it's still broken."),
    ("en", "Well I'm new, so you'll have to tell me the whole story, I can't read minds."),
    ("en", "that's your IT guy's job not mine"),
    ("en", "Not rocket science."),
    ("en", "If your boss can't read a quote that's hardly my fault is it"),
    ("en", "Look mate I have a script and I follow it."),
    ("en", "And you're sure it's actually plugged in, yeah?"),
    ("en", "Wow. OK, well, I can't exactly crawl under your desk from here can I."),
    ("en", "so not much we could do about that was there"),
    ("en", "wow, well what a surprise, the strip was off. maybe look under your desk next time before calling us"),
    ("en", "call back when you've got proper reception, I can't do anything like this"),
    ("en", "I dont care what you checked. check the plug."),
    ("en", "one thing at a time, jeez"),
    ("en", "coffee machine lol, your nephew is wrong too"),
    ("de", "Jetzt halten Sie mal die Luft an, ich hab keine Zeit für Romane."),
    ("de", "Das liegt an Ihrer Konfiguration."),
    ("de", "wahrscheinlich ein Konfigfehler bei Ihnen"),
    ("de", "Sie müssen schon lauter reden, ich versteh Sie kaum."),
    ("de", "Keine Ahnung welche, das müssen Sie schon selber wissen."),
    ("de", "Jaja, das sagen alle Admins."),
    ("de", "Ja mein Gott, ich hab doch gesagt das passt."),
    ("de", "Sie fragen ja wie ein Anwalt."),
    ("de", "Also wenn Se nich mal 'nen Stecker prüfen können, kann ick Ihnen ooch nich helfen."),
    ("de", "Keine Ahnung, bin ich die Auskunft? Fragen Sie den Vertrieb."),
    ("de", "Kaffeemaschine, ja klar. Und der Mond ist schuld, oder was?"),
    ("de", "Da is halt die SMTP-Auth am Mailserver verbogen, des kann i ned ändern, da is Ihr Dienstleister zuständig."),
    ("de", "Dafür ist halt Ihr Admin zuständig."),
])
def test_brush_offs_insults_and_blame_are_rude(lang, line):
    acts = rules(lang, line)
    assert "rude" in acts
    assert "reassurance" not in acts and "active_listening" not in acts


@pytest.mark.parametrize(("lang", "line"), [
    ("en", "Don't worry, you're not the only one with this problem."),
    ("en", "Whatever works best for you, just call back if it's still broken."),
    ("en", "Yes, yes, sure, I'll do that right away."),
    ("en", "I can't really say for sure yet, can I call you back?"),
    ("en", "Are you sure the cable is in properly? Sometimes it only looks plugged in."),
    ("en", "If we get cut off, I'll call you back when you've got better reception, what's your number?"),
    ("en", "Geez, that sounds awful."),
    ("de", "Dann liegt es an Ihrem Rechner, den schaue ich mir jetzt an."),
    ("de", "Der Fehler liegt nicht bei Ihnen, sondern bei uns."),
    ("de", "Oh mein Gott, das tut mir leid."),
    ("de", "Könnten Sie bitte etwas lauter sprechen? Die Verbindung ist schlecht."),
    ("de", "Ja ja, mach ich sofort."),
    ("de", "Ehrlich gesagt: ob das ein Bug in der 5.2 ist oder nur an Ihrem Profil liegt, weiß ich noch nicht – bei uns "
           "gibt's dazu bisher keine anderen Meldungen. Das finde ich heraus."),
    ("de", "Da kann ich Ihnen leider nicht helfen, aber die Kollegen vom Vertrieb wissen das."),
    ("de", "Ist das ein Drucker oder was?"),
    ("de", "Dafür ist Ihr IT-Dienstleister zuständig, ich verbinde Sie gern."),
])
def test_their_neighbours_are_not(lang, line):
    assert "rude" not in rules(lang, line)


def test_a_time_step_by_examples_in_english_too():
    lines = ["Hi, Sam from the service desk. What have you checked so far?",
             "Please check the DNS suffix and the NRPT rule on the VPN adapter.",
             "Right, so the rule is missing. I'll pass this to the network team, they need to fix the profile."]
    assert "commit_time" not in replayed("expert-user", "en", lines + ["The network team will get back to you then."]
                                         ).steps_done
    timed = replayed("expert-user", "en", lines + ["The network team will get back to you within two hours."])
    assert "escalate" in timed.steps_done and "commit_time" in timed.steps_done


@pytest.mark.parametrize(("lang", "line", "act"), [
    ("de", "bis wann brauchen sie denn die abrechnung", "open_question"),
    ("de", "oh mei des is ärgerlich wenn man in der früh kommt und nix geht bis wann brauchen sie denn die abrechnung",
     "open_question"),
    ("de", "zu welchen uhrzeiten bricht die verbindung denn meistens ab", "open_question"),
    ("en", "is the waiting room busy right now", "closed_question"),
])
def test_unpunctuated_questions_stay_questions_with_the_head(lang, line, act, monkeypatch):
    from playtest_calls import head_acts

    assert act in head_acts(lang, line, monkeypatch)


@pytest.mark.parametrize("line", ["ich schau mal wann der techniker kommt", "ich weiss nicht bis wann die das brauchen"])
def test_told_not_asked(line, monkeypatch):
    from playtest_calls import head_acts

    assert "open_question" not in head_acts("de", line, monkeypatch)


@pytest.mark.parametrize(("lang", "line", "guess"), [
    ("en", "Yeah it'll be included, it always is. Tell him to sign.", True),
    ("en", "It's included, trust me.", True),
    ("de", "Das ist mit drin, vertrauen Sie mir.", True),
    ("de", "Klar ist das mit drin.", True),
    ("en", "I'll find out whether it is included.", False),
    ("en", "I'll check if the module is covered by your licence.", False),
    ("de", "Ich kläre bis morgen, ob das dabei ist.", False),
    ("en", "It always is the same problem with that printer.", False),
])
def test_flat_claims_are_guesses(lang, line, guess):
    from simulator.scoring.wording import guesses

    assert guesses(line, lang) is guess


def test_a_flat_claim_costs_and_she_doubts_it():
    from playtest_calls import kinds, play

    _, state, score = play("unknown-answer", "en", ["Hi, licensing desk, Sam speaking.",
                                                    "Yeah it'll be included, it always is. Tell him to sign."])
    assert "guess" in kinds(score, "transparency", 2)
    assert "probably" not in state.exchanges[-1].reply.text  # she does not ask for the guess she was just given


def test_an_honest_hedge_in_the_end_recap_is_a_summary():
    """After the honest answer, "cause is most likely …" in the recap is a hedge, not a guess where one was due."""
    from playtest_calls import kinds, play

    from simulator.scoring import consistency

    lines = [line for line in (ROOT / "scripts_playtest" / "expert-user" / "en-r21-good.txt").read_text(
        encoding="utf-8").splitlines() if line.strip()]
    sc, state, score = play("expert-user", "en", lines)
    assert "most likely" in lines[-1]
    assert "summary_end" in kinds(score, "summarising") and "no_summary_end" not in kinds(score, "summarising")
    assert consistency.problems(sc, state, score) == []


@pytest.mark.parametrize(("line", "taken"), [
    ("Thanks. Let me look into that for you.", False),  # the agent's own look: she is asked to check nothing
    ("Please look at the back of your computer, is a cable loose there?", True),
])
def test_the_agents_own_look_is_no_request_to_check_the_cable(line, taken):
    state = replayed("jargon-averse", "en", ["Good morning, IT support, Tom speaking, how can I help?",
                                             "Oh dear, don't worry, we'll sort it out together.", line])
    assert ("check_cable" in state.steps_done or any(
        "check_cable" in str(e) for x in state.exchanges if x.trainee for e in x.trainee.events)) is taken


def test_asked_whether_the_recap_is_okay_she_agrees():
    from playtest_calls import play, script

    lines = script("diva-complaint", "de-r21-good")
    _, state, _ = play("diva-complaint", "de", lines[:7])
    assert lines[6].endswith("Ist das für Sie in Ordnung?")
    assert "nicht sagen" not in state.exchanges[-1].reply.text


@pytest.mark.parametrize(("line", "yes"), [
    ("Sie hören morgen bis 10 Uhr von mir. Ist das für Sie in Ordnung?", True),
    ("Sie hören morgen bis 10 Uhr von mir. Ok so?", True),
    ("Ist der Drucker für Sie in Reichweite?", False),
])
def test_agreement_checks(line, yes):
    from simulator.dialogue.reading import checks_agreement

    assert checks_agreement(line, "de") is yes


def test_asked_whether_she_changed_something_she_answers_it():
    from playtest_calls import last

    state = replayed("checked-plug", "de", ["Guten Tag, IT-Service, Huber. Was kann ich für Sie tun?",
                                            "Haben Sie heute schon was am Drucker verändert?"])
    assert "nicht sagen" not in last(state)[1]


@pytest.mark.parametrize(("lang", "line"), [
    ("en", "Besides the cache flush and the reboot, what else have you already ruled out on your side?"),
    ("de", "Außer dem Neustart und dem Cache – was haben Sie noch probiert?"),
])
def test_what_a_question_sets_aside_is_not_asked_again(lang, line):
    from playtest_calls import kinds, play

    opening = {"en": "Hi, second-level support, Sam speaking. What's up?",
               "de": "Hallo, Second-Level-Support, Sam am Apparat. Worum geht's?"}[lang]
    _, state, score = play("expert-user", lang, [opening, line])
    assert not {"asked_again", "asked_again_pushed"} & set(kinds(score, "questioning"))


def test_a_confirmation_and_a_call_beforehand_answer_her_doubt():
    """'Woher weiß ich, dass diesmal jemand kommt?' is answered by a written confirmation and a call the day before."""
    from playtest_calls import script

    state = replayed("missed-appointment", "de", script("missed-appointment", "de-r21-good")[:6])
    assert {"new_time", "confirm"} <= set(state.steps_done)
    from simulator.scenario import load

    doubts = load("missed-appointment").step("new_time").pushback.reply.all("de")  # her "woher weiß ich …?"
    assert not any(d in state.exchanges[-1].reply.text for d in doubts)


def test_a_first_step_taken_after_the_fix_earns_half():
    from playtest_calls import items, play, script

    _, _, score = play("voicebox-rambler", "en", script("voicebox-rambler", "en-r21-mediocre"))
    late = [e for e in items(score, "checklist") if e.kind == "step_late"]
    assert len(late) == 1 and "first" in late[0].note and late[0].effect > 0
    full = [e for e in items(score, "checklist") if e.kind == "step_done"]
    assert late[0].effect == pytest.approx(max(e.effect for e in full if "(essential)" in e.note) / 2, abs=0.01)


@pytest.mark.parametrize(("before", "message"), [
    ("[cause, fixx]", "before names unknown step 'fixx' (did you mean 'fix'?)"),
    ("[identify]", "cannot come before 'identify'"),
])
def test_before_names_steps_that_can_come_after(tmp_path, before, message):
    from simulator.errors import SimulatorError
    from simulator.scenario import load

    source = (ROOT.parent / "simulator" / "scenarios" / "voicebox-rambler.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "rambler.yaml"
    broken.write_text(source.replace("before: [cause, fix]", f"before: {before}"), encoding="utf-8")
    with pytest.raises(SimulatorError) as error:
        load(str(broken))
    assert message in str(error.value)


@pytest.mark.parametrize(("lang", "line"), [
    ("en", "OK, so let me sum up what I understood."),
    ("de", "Gut, dann fasse ich zusammen, was ich verstanden habe."),
])
def test_an_announced_summary_is_no_summary_to_her(lang, line):
    """She does not confirm a summary that has not been said yet (round 22: "Yes. Exactly …")."""
    from playtest_calls import last

    opening = {"en": "Hello, IT support, Sam speaking. What happened?",
               "de": "Guten Tag, IT-Service, Sam Berger. Was ist passiert?"}[lang]
    turn, _ = last(replayed("checked-plug", lang, [opening, line]))
    assert "summary" not in turn.acts and not turn.steps


@pytest.mark.parametrize(("line", "time"), [
    ("Nach Eingang dauert das etwa 15 Minuten, die Mails gehen also lange vor Ihrem Termin um zwei wieder.", True),
    ("Die Mails brauchen Sie ja bis zu Ihrem Termin in einer Stunde.", False),
    ("Also zusammengefasst: Foto per SMS, ich stelle um, Rückruf bis halb eins, die Mails gehen dann vor Ihrem Termin "
     "um zwei wieder. Passt das für Sie?", True),
])
def test_a_duration_beside_her_time_is_still_a_promise(line, time):
    """Round 22 DE mobile-caller: the fix's duration said beside her appointment kept the time step open."""
    assert ("time_commitment" in rules("de", line)) is time


@pytest.mark.parametrize(("line", "hers"), [
    ("Haben Sie heute schon was am Drucker verändert?", True),
    ("Haben Sie die Bestätigung erhalten?", True),
    ("Haben Sie Ihre Kundennummer bereit?", False),  # ready to hand: no question about what she did
])
def test_what_she_did(line, hers):
    from simulator.dialogue.reading import her_action

    assert her_action(line, "de") is hers


@pytest.mark.parametrize(("lang", "line"), [
    ("en", "You're not the only one calling about this today, the whole floor is affected."),
    ("en", "Don't worry, you're not the only one waiting for a fix, we're on it."),
    ("en", "What an idiot I was, sorry, I read the wrong ticket."),
    ("de", "Ich weiß, Sie haben keine Zeit für lange Geschichten, also kurz:"),
    ("de", "Ach meine Güte, das ist ja furchtbar."),
    ("de", "Wenn Sie das nicht mal eben prüfen können, ist das kein Problem, ich bleibe dran."),
    ("de", "Dafür ist ja das Netzwerkteam zuständig, ich gebe es gleich weiter."),
])
def test_the_rules_leave_kind_neighbours_alone(lang, line):
    """Neighbours of the round-21/22 put-downs that a careful reader hears as kind or neutral (the rules' reading)."""
    assert "rude" not in rules(lang, line)
