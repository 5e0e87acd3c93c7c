"""Play-test round 30: readings and debrief items four testers who had not read the code found (own lines, both
languages; neighbours that must not change beside each)."""

from __future__ import annotations

import pytest

from simulator.analysis.analyser import Analyser
from simulator.analysis.language import compiled

from playtest_calls import kinds as _kinds
from playtest_calls import play as _play
from playtest_calls import rules


def _call(sid: str, lang: str, lines: list[str], seed: int = 0):
    return _play(sid, lang, lines, seed)


# --- summaries the debrief must not call missing ---------------------------------------------------------------------

def test_a_recap_beside_the_fix_it_asks_for_is_the_recap():
    """'Also nochmal kurz zusammen: … Drücken Sie bitte den Schalter …' – was 'no summary at the end' (−25) and
    'step missing: recap' beside a summary of cause and fix."""
    lines = ["Guten Tag, hier ist der IT-Support, Sie sprechen mit Lukas Brandt. Was kann ich für Sie tun?",
             "Oh je, Frau Hahn, das ist wirklich ärgerlich. Bis wann brauchen Sie die Ausdrucke denn?",
             "Okay, bis 15 Uhr. Ich glaub Ihnen das mit dem Stecker. Trotzdem eine Bitte: oft hängt der Drucker an einer "
             "Steckdosenleiste mit eigenem Schalter. Könnten Sie mal unter den Schreibtisch schauen, ob deren Schalter leuchtet?",
             "Da haben wir den Übeltäter! Also nochmal kurz zusammen: Stecker steckt, aber die Leiste war ausgeschaltet, "
             "deshalb kam kein Strom an. Drücken Sie bitte den Schalter an der Leiste wieder rein und machen dann den Drucker an.",
             "Gern geschehen. Gibt's sonst noch was? Ansonsten einen schönen Tag, Frau Hahn!"]
    _, state, score = _call("checked-plug", "de", lines, seed=1234)
    assert {"power_on", "recap"} <= set(state.trainee_turns[3].steps)
    assert "no_summary_end" not in _kinds(score, "summarising")
    assert "step_missed" not in _kinds(score, "checklist")


@pytest.mark.parametrize(("lang", "line", "summary"), [
    ("de", "Kurz festgehalten: die Leiste war aus, jetzt druckt er wieder.", True),
    ("de", "also festgehalten die alten scans kommen ins archiv und der rechner läuft wieder", True),
    ("de", "also kurz nochmal die alten scans kommen ins archiv dann is laufwerk c wieder frei", True),
    ("de", "Okay, kurz nochmal: der Drucker geht seit heute früh nicht.", True),
    ("de", "also wir verbleiben so ich kläre das mit der lizenzabteilung und rufe sie bis 16 uhr an", True),
    ("de", "Also kurz nochmal die Leiste prüfen bitte.", False),
    ("de", "Das haben wir festgehalten.", False),
])
def test_spoken_recap_markers(lang, line, summary):
    assert ("summary" in rules(lang, line).acts) is summary


def test_kurz_festgehalten_is_no_instruction():
    """'festgehalten' was spelled into 'festhalten' and read as an order – the recap sentence then no recap."""
    assert "instruction" not in rules("de", "Kurz festgehalten: die Leiste war aus.").acts


def test_a_closing_recap_with_a_courtesy_first_counts():
    """'gerne also wir verbleiben so …' (speech, no punctuation): the engine took the recap, the debrief said 0/100."""
    lines = ["lizenzbetreuung jansen guten tag was kann ich für sie tun",
             "frau krüger ehrlich gesagt weiß ich es im moment nicht für das bim modul gibt es noch keine preisliste und ich "
             "will ihnen nichts falsches erzählen",
             "ich frage jetzt direkt bei unserer lizenzabteilung nach und ich rufe sie bis 16 uhr mit einer verbindlichen "
             "antwort zurück auf welcher nummer erreiche ich sie",
             "gerne also wir verbleiben so ich kläre mit der lizenzabteilung ob das bim modul in der verlängerung drin ist "
             "rufe sie bis 16 uhr unter durchwahl 12 an brauchen sie sonst noch etwas schönen tag noch frau krüger"]
    _, state, score = _call("unknown-answer", "de", lines, seed=7777)
    assert "recap" in state.trainee_turns[-1].steps
    assert "summary_end" in _kinds(score, "summarising")
    assert "no_summary_end" not in _kinds(score, "summarising")


# --- terms explained on the spot, names -------------------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "line", "jargon"), [
    ("de", "das LAN-Kabel, also das Kabel, über das der Computer mit dem Praxisnetz verbunden ist, war rausgerutscht", False),
    ("de", "Prüfen Sie bitte das LAN-Kabel.", True),
    ("en", "the router, you know the box with the blinking lights, needs a restart", False),
    ("en", "Please restart the router.", True),
    ("en", "Good morning, IT hotline, you've got Jordan. How can I help?", False),
])
def test_terms_explained_at_once_and_names(lang, line, jargon):
    from simulator.scenario import load

    assert ("jargon" in Analyser.for_scenario(load("jargon-averse"), lang).analyse_rules(line).acts) is jargon


@pytest.mark.parametrize(("lang", "line", "named"), [
    ("de", "Guten Morgen, MedIT Service, hier ist der Lukas Berger – was kann ich für Sie tun?", True),
    ("de", "hallo it hotline berger", True),
    ("de", "ich ruf die hotline morgen", False),
    ("en", "Good morning, IT hotline, you've got Jordan. How can I help?", True),
    ("en", "you've got the wrong number", False),
    ("en", "you've got mail", False),
])
def test_introductions(lang, line, named):
    from simulator.scoring.wording import introduces

    assert introduces(line, lang) is named


# --- rudeness: sarcasm, brush-offs, a warm word conceded ---------------------------------------------------------------

@pytest.mark.parametrize(("lang", "line", "rude"), [
    ("en", "oh i totally understand, must be so hard to look under a desk. go check the power strip", True),
    ("en", "right because you never make mistakes. the strip has its own switch", True),
    ("en", "shocker. flip it on then", True),
    ("en", "Well if your home network is garbage there's not much we can do, that's not on us.", True),
    ("en", "whoa whoa slow down buddy. its probly a virus", True),
    ("en", "Like I said, the dispatch team handles scheduling, not me.", True),
    ("en", "No need for the attitude. Your home wifi is probably rubbish.", True),
    ("en", "Well it's not our end", True),
    ("en", "the tech was off sick, that happens. Are you sure you had the right day booked?", True),
    ("en", "It's not your fault at all, and that's not on you.", False),
    ("en", "That must be so hard for you, with the clients waiting.", False),
    ("de", "Jetzt regen Sie sich mal ab. Wahrscheinlich ist das Netzteil durch.", True),
    ("de", "ja schön für sie gucken sie ob der link hat", True),
    ("de", "wahrscheinlich ist ihr wlan zuhause einfach mist", True),
    ("de", "ja das sagen sie jetzt so", True),
    ("de", "weil sie irgendwo draufgeklickt haben machen sie mal nen neustart", True),
    ("de", "Sind Sie sicher, dass Sie den richtigen Tag eingetragen hatten?", True),
    ("de", "Schön für Sie, dass es wieder geht!", False),
    ("de", "Ist Ihr Drucker wirklich Schrott?", False),
    ("de", "Ja, schon klar, aber bitte schauen Sie halt nochmal unter den Tisch, ob die Leiste an ist, okay?", False),
    ("de", "Dann starten Sie halt neu.", True),
])
def test_round30_rudeness(lang, line, rude):
    assert ("rude" in rules(lang, line).acts) is rude


@pytest.mark.parametrize(("sid", "lang", "line"), [
    ("checked-plug", "en", "oh i totally understand, must be so hard to look under a desk. go check the power strip"),
    ("diva-complaint", "de", "Ich verstehe ja, dass Sie sauer sind, aber das ist echt nicht mein Problem."),
])
def test_a_kind_word_does_not_soften_a_sneer(sid, lang, line):
    """The sneer is rude and shows no understanding (it had +34 for understanding, her mood went up)."""
    greeting = {"en": "Hi, IT hotline, Sam here. How can I help?",
                "de": "IT-Hotline, Jansen, guten Tag. Was kann ich für Sie tun?"}[lang]
    _, state, score = _call(sid, lang, [greeting, line])
    turn = state.trainee_turns[1]
    assert "rude" in turn.acts and "empathy" not in turn.acts


def test_an_apology_naming_the_third_call_is_still_an_apology():
    """Neighbour: an apology anywhere in the line still makes a rude reading doubtful (round 27)."""
    _, state, _ = _call("diva-complaint", "de", [
        "IT-Hotline, guten Tag, mein Name ist Sabine Roth. Was kann ich für Sie tun?",
        "Frau Dr. Brenner, das tut mir ehrlich leid. Dass Sie jetzt zum dritten Mal anrufen müssen und der versprochene "
        "Rückruf nicht kam, darf nicht passieren."])
    assert "rude" not in state.trainee_turns[1].acts


# --- questions, guesses, honesty ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "line", "act"), [
    ("en", "Which days work for you this week?", "open_question"),
    ("en", "first lets get you a new date that actually sticks what days work for you this week", "open_question"),
    ("en", "uh is it maybe a known bug with the new version", "closed_question"),
    ("en", "um what does the screen show", "open_question"),
    ("de", "äh was steht denn auf dem bildschirm", "open_question"),
])
def test_questions_behind_fillers_and_without_a_verb_first(lang, line, act):
    assert act in rules(lang, line).acts


def test_i_know_which_days_work_is_no_question():
    assert "open_question" not in rules("en", "I know which days work for you").acts


def test_asking_whether_it_is_a_known_bug_admits_nothing():
    """'uh is it maybe a known bug with the new version' took 'say honestly what you don't know' (+25 transparency, +15
    admitted not knowing); the guess two lines later went uncharged."""
    lines = ["hi support how can i help", "ok have you tried restarting your computer",
             "ok sorry. uh is it maybe a known bug with the new version",
             "ok can you check your dns settings on the vpn adapter",
             "yeah probably i think there were some issues with 5.2. ill pass it on to the network team and theyll look at it soon"]
    _, state, score = _call("expert-user", "en", lines, seed=8888)
    assert "honest_status" not in state.trainee_turns[2].steps
    assert "transparency" not in state.trainee_turns[2].acts
    assert "guess" in _kinds(score, "transparency")


@pytest.mark.parametrize(("lang", "line", "taken"), [
    ("en", "the tech was off sick, that happens. Are you sure you had the right day booked?", False),
    ("en", "According to the ticket the technician was off sick and nobody reassigned the job. That shouldn't have happened.", True),
    ("de", "Da war wohl irgendwas mit der Disposition, der Kollege war vielleicht krank oder so.", False),
    ("de", "Laut Ticket hat sich der Techniker krank gemeldet, und der Termin wurde nicht neu vergeben.", True),
])
def test_the_sick_call_as_an_excuse_or_a_guess_is_no_account(lang, line, taken):
    greeting = {"en": "Hi, IT hotline, Sam here. How can I help?",
                "de": "IT-Hotline, Jansen, guten Tag. Was kann ich für Sie tun?"}[lang]
    _, state, _ = _call("missed-appointment", lang, [greeting, line])
    assert ("explain" in state.trainee_turns[1].steps) is taken


# --- apologies ---------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("sid", "lang", "line", "taken"), [
    ("missed-appointment", "de", "Oh, das ist natürlich blöd. Hatten Sie denn den Termin bestätigt bekommen?", False),
    ("missed-appointment", "de", "Oh, das ist blöd, dass der Techniker nicht kam und Sie den ganzen Vormittag gewartet haben.", True),
    ("missed-appointment", "en", "oh no thats not great. when was your appointment booked?", False),
    ("missed-appointment", "en", "That's rough, you waited all morning for nothing.", True),
    ("diva-complaint", "en", "sorry i mean ill tell the network team again. theyll call you today or tomorrow probably", False),
    ("diva-complaint", "en", "I'm so sorry, I mean it: three calls and nobody called you back, that's our failure.", True),
])
def test_what_is_an_apology(sid, lang, line, taken):
    greeting = {"en": "Hi, IT hotline, Sam here. How can I help?",
                "de": "IT-Hotline, Jansen, guten Tag. Was kann ich für Sie tun?"}[lang]
    _, state, _ = _call(sid, lang, [greeting, line])
    assert ("apologise" in state.trainee_turns[1].steps) is taken


# --- times -------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "text", "clocked"), [
    ("de", "Alles klar, Durchwahl 12, dann ruf ich Sie heute noch zurück.", False),
    ("de", "unter der 0341 22 87 14 melde ich mich heute noch", False),
    ("de", "bis 16 Uhr", True),
    ("en", "ticket 7731, I'll call you later", False),
    ("en", "by 4 pm", True),
])
def test_a_reference_number_is_no_time(lang, text, clocked):
    assert compiled(lang).clocked(text) is clocked


def test_heute_noch_beside_an_extension_stays_vague():
    from simulator.scoring.wording import vague

    assert vague("Alles klar, Durchwahl 12, dann ruf ich Sie heute noch zurück.", "de", time_only=True)
    assert not vague("Ich rufe Sie bis 16 Uhr zurück.", "de", time_only=True)


@pytest.mark.parametrize(("lang", "line"), [
    ("de", "ich rufe Sie bis sechzehn Uhr an"),
    ("en", "I'll call you back by four pm"),
])
def test_hours_spelled_out_are_times(lang, line):
    assert "time_commitment" in rules(lang, line).acts


def test_a_long_recap_checked_back_is_no_fact_question():
    """'Ich hab Ihr Ticket 48213 grad offen vor mir: … – hab ich das so richtig?' says back what is known: it took no
    look into the ticket ('step missing' beside 'Schön, dass das mal jemand gelesen hat') as it was read as a question
    for a fact she knows."""
    lines = ["Servus, IT-Hotline, Lukas Berger am Apparat – was kann ich für Sie tun?",
             "Das tut mir wirklich leid, dass Sie schon das dritte Mal anrufen müssen. Ich hab Ihr Ticket 48213 grad offen "
             "vor mir: das VPN bricht im Homeoffice immer wieder ab, im Büro nicht, der Client ist schon zweimal neu "
             "installiert worden – hab ich das so richtig?"]
    _, state, _ = _call("diva-complaint", "de", lines, seed=4321)
    assert {"ticket", "recap_known"} <= set(state.trainee_turns[1].steps)


def test_a_short_fact_question_with_a_tag_stays_a_question():
    """Neighbour: 'Hängt der Drucker an einer Leiste, richtig?' asks for a fact she knows – she answers, checks nothing."""
    _, state, _ = _call("checked-plug", "de", ["IT-Hotline, Jansen, guten Tag. Was kann ich für Sie tun?",
                                               "Hängt der Drucker an einer Leiste, richtig?"])
    assert "check_plug" not in state.trainee_turns[1].steps
    assert "Leiste" in state.exchanges[-1].reply.text


@pytest.mark.parametrize(("line", "closing"), [
    ("Cheers, Mr Walsh, got that. Right then, let's take it one thing at a time", False),
    ("Cheers, bye!", True),
    ("Cheers Jonah, speak later.", True),
    ("Cheers, Brenda.", True),
])
def test_cheers_mid_call_thanks(line, closing):
    assert ("closing" in rules("en", line).acts) is closing


def test_get_back_to_you_is_no_stock_understanding():
    """'… someone will get back to you soon' after her objection was answered with 'Your colleagues were very
    understanding too' – 'get' was a word of understanding."""
    lines = ["Hi, IT hotline, how can I help?", "Sorry about that. Is this about the VPN?",
             "Yes, that shouldn't have happened. Does the VPN still drop when you're at home?",
             "OK, I apologise. I can see the ticket is with the network team. Did you reinstall the client?",
             "Yes. I'll chase the network team and someone will get back to you soon."]
    _, state, _ = _call("diva-complaint", "en", lines, seed=5432)
    assert "understanding too" not in state.exchanges[-1].reply.text


def test_the_word_she_asked_for_quoted_makes_no_time_vague():
    """'… if i say probably and its wrong … ring you back by four today': she asked 'When exactly?' – the quoted
    'probably' made the time a hedge."""
    from simulator.scoring.wording import vague

    assert not vague("if i say probably and its wrong, ill ring you back by four today", "en", time_only=True)
    assert vague("ill ring you back probably tomorrow", "en", time_only=True)
    assert not vague("wenn ich jetzt sage wahrscheinlich und es stimmt nicht, rufe ich Sie bis vier Uhr an", "de", time_only=True)
