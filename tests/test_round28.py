"""Play-test round 28: readings, replies and debrief items a careful trainer would expect (own lines, both languages)."""

from __future__ import annotations

import pytest

from simulator.analysis.analyser import Analyser
from simulator.analysis.language import compiled


def rules(lang: str, line: str) -> tuple[str, ...]:
    return Analyser(compiled(lang)).analyse_rules(line).acts


def _call(sid: str, lang: str, lines: list[str], seed: int = 0):
    from playtest_calls import play

    return play(sid, lang, lines, seed)


def _kinds(score, dim: str) -> list[str]:
    return [e.kind for e in score.dimension(dim).evidence]


def _problems(sc, state, score) -> list[str]:
    from simulator.scoring import consistency

    return consistency.problems(sc, state, score)


# -- a workaround asked for in the line that makes him look is the workaround -------------------------------------------
WORKAROUND = {
    "de": ["Guten Tag Herr Richter, hier ist Jan Berger vom Support. Was haben Sie denn schon alles geprüft?",
           "Verstehe, das klingt nach einer sauberen Analyse. Können Sie die NRPT-Regel für pixelwerk.intern erstmal "
           "lokal setzen, als Übergangslösung?",
           "Ehrlich gesagt weiß ich noch nicht, ob das ein bekannter Fehler der 5.2 ist. Ich gebe das ans Netzwerkteam "
           "weiter, die korrigieren das Profil.",
           "Ich melde mich bis 15 Uhr heute bei Ihnen mit dem Stand.",
           "Danke Ihnen, Herr Richter, bis später. Auf Wiederhören."],
    "en": ["Hi Jonah, Sam from the support desk here. What have you checked so far?",
           "Right, that's a solid analysis. Could you set the NRPT rule for pixelwerk.internal locally for now, as a "
           "stopgap?",
           "To be honest I don't know yet whether it's a known bug in 5.2. I'll pass this to the network team so they "
           "fix the profile.",
           "I'll call you back by 3 pm today with an update.",
           "Thanks Jonah, talk later. Bye."],
}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_workaround_asked_for_with_the_check_is_taken(lang):
    """He looks (the rule is gone) and sets it: no "Step missing: workaround", no objection to the goodbye."""
    sc, state, score = _call("expert-user", lang, WORKAROUND[lang])
    assert state.trainee_turns[1].steps == ("check_config", "workaround")
    missing = [e.note for e in score.dimension("checklist").evidence if e.kind in ("step_missed", "step_blocked")]
    assert not [n for n in missing if "Workaround" in n or "workaround" in n]
    assert "workaround" in state.steps_done
    assert _problems(sc, state, score) == []


@pytest.mark.parametrize(("lang", "line"), [
    ("en", "Could you check the NRPT rule?"),
    ("en", "Can you look at the name resolution policy?"),
    ("de", "Können Sie die NRPT-Regel prüfen?"),
])
def test_the_config_check_by_its_name(lang, line):
    """'nrpt|resolution policy' read as (nrpt or resolution) + policy: "the NRPT rule" took no step in English."""
    opening = WORKAROUND[lang][0]
    _, state, _ = _call("expert-user", lang, [opening, line])
    assert "check_config" in state.trainee_turns[1].steps


@pytest.mark.parametrize("lang", ["de", "en"])
def test_an_action_that_waits_for_the_check_is_still_held_back(lang):
    """A question that names the fix ("is the switch on the strip off?") still takes only the check it asks for."""
    line = {"de": "Ist an der Steckdosenleiste unter dem Tisch der Schalter aus?",
            "en": "Is the switch on the power strip under your desk off?"}[lang]
    opening = {"de": "Guten Tag, IT-Support, Jan Berger. Was ist denn passiert?",
               "en": "Hi, IT support, Sam speaking. What happened?"}[lang]
    _, state, _ = _call("checked-plug", lang, [opening, line])
    assert "switch_on" not in {s for t in state.trainee_turns for s in t.steps}


# -- asked for what she has not said yet, she tells it (no "Hab ich doch gesagt") --------------------------------------
@pytest.mark.parametrize(("lang", "lines"), [
    ("de", ["MailHaus, Schwarz, hallo.", "Okay. Haben Sie vielleicht Ihr Passwort geändert?",
            "Nein, nein. Was genau zeigt denn das Handy an?"]),
    ("en", ["MailHaus, Sam speaking, hello.", "Okay. Did you change your password by any chance?",
            "No, no. What exactly does the phone show?"]),
])
def test_a_question_for_what_he_has_not_said_takes_the_step(lang, lines):
    sc, state, score = _call("mobile-caller", lang, lines, seed=888)
    last = state.exchanges[-1]
    assert "describe" in last.trainee.steps
    assert "open_question" in last.trainee.acts
    assert not any(w in last.reply.text for w in ("Hab ich doch gesagt", "I just told you"))
    assert "no_open" not in _kinds(score, "questioning")


def test_asked_again_after_he_said_it_he_says_so():
    lines = ["MailHaus, Schwarz, hallo.", "Was genau zeigt denn das Handy an?", "Und was zeigt das Handy genau?"]
    _, state, _ = _call("mobile-caller", "de", lines, seed=888)
    assert "describe" in state.trainee_turns[1].steps
    assert "Anmeldung vom Server abgelehnt" in state.exchanges[-1].reply.text


# -- the diva: a look into the ticket and a request to retell it --------------------------------------------------------
def test_a_look_into_the_ticket_does_not_excuse_asking_her_to_retell():
    lines = ["hallo it hotline schwarz was gibts",
             "ähm nein ich seh hier nur das ticket können sie mir nochmal kurz sagen was genau das problem ist"]
    sc, state, score = _call("diva-complaint", "de", lines, seed=888)
    reply = state.exchanges[-1].reply.text
    assert "Ticket" in reply and "Dann haben Sie es ja vor sich" not in reply
    assert "asked_again" in _kinds(score, "questioning")


def test_a_request_to_tell_after_a_first_sentence_is_an_open_question():
    assert "open_question" in rules("de", "ich seh hier nur das ticket können sie mir nochmal kurz sagen was genau "
                                          "das problem ist")


def test_the_head_keeps_a_request_to_tell(monkeypatch):
    from playtest_calls import head_acts

    line = "ähm nein ich seh hier nur das ticket können sie mir nochmal kurz sagen was genau das problem ist"
    assert "open_question" in head_acts("de", line, monkeypatch)


# -- a vague promise is answered by the time she asks for ---------------------------------------------------------------
DIVA = ["Guten Tag, IT-Service, Lena Schwarz. Was kann ich für Sie tun?",
        "Ich sehe hier Ihr Ticket: Ihr VPN bricht im Homeoffice ständig ab, und der Client wurde zweimal neu installiert.",
        "Ich kümmere mich drum.",
        "Es tut mir ehrlich leid, dass Sie dreimal anrufen mussten und keiner zurückgerufen hat.",
        "Ich meld mich dann morgen irgendwann bei Ihnen."]


def test_a_vague_promise_after_her_pushback_is_no_ownership():
    _, state, _ = _call("diva-complaint", "de", DIVA)
    assert "ownership" not in state.steps_done


def test_the_time_she_asked_for_makes_the_promise():
    sc, state, score = _call("diva-complaint", "de", DIVA + ["Morgen Vormittag, bis spätestens zwölf Uhr."])
    assert {"ownership", "commitment"} <= set(state.trainee_turns[-1].steps)
    assert _problems(sc, state, score) == []


@pytest.mark.parametrize(("lang", "sentence"), [
    ("de", "ich ruf sie dann zurück sobald ich was weiß"),
    ("de", "Ich melde mich, sobald ich Näheres weiß."),
    ("en", "I'll call you back as soon as I know something."),
    ("en", "I'll get back to you as soon as I hear back."),
])
def test_as_soon_as_i_know_is_a_vague_time(lang, sentence):
    from simulator.scoring.wording import vague

    assert vague(sentence, lang)


@pytest.mark.parametrize(("lang", "sentence"), [
    ("en", "As soon as the photo is in, I'll unlock it."),
    ("de", "Sobald das Foto da ist, schalte ich das frei."),
])
def test_a_condition_she_controls_is_no_vague_time(lang, sentence):
    from simulator.scoring.wording import vague

    assert not vague(sentence, lang)


# -- a bluff's comfort shows no understanding ---------------------------------------------------------------------------
@pytest.mark.parametrize(("lang", "lines"), [
    ("de", ["Lizenz-Support, Schwarz.",
            "äh ja das ist bestimmt mit drin das ist ja professional da ist immer alles dabei der chef kann ruhig "
            "unterschreiben"]),
    ("en", ["Licensing, Sam.", "yeah its definitely included pro always has everything your boss can sign no worries"]),
])
def test_a_bluff_earns_no_empathy(lang, lines):
    _, _, score = _call("unknown-answer", lang, lines)
    credited = [e for e in score.dimension("empathy").evidence if e.effect > 0]
    assert not credited
    assert "calm_empathy_bare" not in _kinds(score, "empathy")


# -- a recap due before the fix, ahead of it in the fix's line ---------------------------------------------------------
RAMBLER_DE = [
    "Guten Tag, Service-Hotline, Lena Schwarz. Was kann ich für Sie tun?",
    "Darf ich Sie ganz kurz unterbrechen? Verraten Sie mir bitte zuerst Ihren Namen und eine Nummer, unter der ich Sie "
    "zurückrufen kann.",
    "Danke, Herr Wallner. Welche Meldung kam heute früh genau, und was passiert, wenn der Rechner so langsam ist?",
    "Wohin speichert denn der Scanner die eingescannten Lieferscheine?",
    "Dann fasse ich kurz zusammen: Seit Montag ist der Lagerrechner langsam, beim Speichern kommt die Meldung, dass "
    "auf Laufwerk C kein Platz mehr ist. Mein Vorschlag: Ich schalte mich per Fernwartung auf und verschiebe die alten "
    "Scans ins Archiv auf dem Server. Wäre das in Ordnung?",
    "Ich bin in fünf Minuten drauf, das dauert etwa eine halbe Stunde. Auf Wiederhören!",
]


def test_a_recap_ahead_of_the_fix_in_one_line_is_the_summary_before():
    sc, state, score = _call("voicebox-rambler", "de", RAMBLER_DE)
    assert {"recap", "fix"} <= set(state.trainee_turns[4].steps)
    kinds = _kinds(score, "summarising")
    assert "summary_before" in kinds and "no_summary_before_with" not in kinds
    assert _problems(sc, state, score) == []


# -- recogniser-style questions (no question mark) ----------------------------------------------------------------------
def test_a_number_asked_for_without_a_question_mark_is_asked_for():
    lines = ["hi mailhaus support how can i help", "ok sorry whats a good number to call you back on"]
    sc, state, score = _call("mobile-caller", "en", lines, seed=888)
    assert "callback" in state.trainee_turns[1].steps
    kinds = _kinds(score, "checklist")
    assert "step_callback_unasked" not in kinds and "step_done" in kinds


@pytest.mark.parametrize(("lang", "line"), [
    ("en", "yes of course can we find a new appointment do you have time next week"),
    ("en", "ok great so are you free tomorrow morning"),
    ("de", "ok dann machen wir einen neuen termin haben sie nächste woche zeit"),
])
def test_a_question_run_on_mid_line_is_a_question_and_promises_nothing(lang, line):
    acts = rules(lang, line)
    assert "closed_question" in acts and "time_commitment" not in acts


@pytest.mark.parametrize(("lang", "line"), [
    ("en", "I can come next Tuesday at 10, do you have time then?"),
    ("de", "Ich komme am Dienstag um 10, haben Sie da Zeit?"),
])
def test_a_slot_offered_with_the_question_still_promises_it(lang, line):
    assert "time_commitment" in rules(lang, line)


def test_her_availability_asked_without_a_question_mark_takes_the_step():
    lines = ["hello it service hotline how can i help", "oh i am so sorry nobody came yesterday that should not happen",
             "yes of course can we find a new appointment do you have time next week"]
    _, state, _ = _call("missed-appointment", "en", lines, seed=888)
    assert "availability" in state.trainee_turns[2].steps


# -- blame is rude; reassurance about blame is not ----------------------------------------------------------------------
@pytest.mark.parametrize(("lang", "line", "rude"), [
    ("en", "Users always think they know what the problem is.", True),
    ("en", "No. It's obviously something you broke on your machine.", True),
    ("en", "I mean you messed it up, not us.", True),
    ("en", "Well, if you call from a train, what do you expect?", True),
    ("en", "well somebody at your desk obviously messed with something", True),
    ("en", "these things dont break on their own", True),
    ("en", "Don't worry, you haven't broken anything.", False),
    ("en", "I was worried you broke something, but no.", False),
    ("en", "You didn't break anything, these things happen.", False),
    ("en", "What do you expect the new setup to do?", False),
    ("de", "Da haben Sie bestimmt was verstellt.", True),
    ("de", "Das haben Sie kaputt gemacht, nicht wir.", True),
    ("de", "Da hat bei Ihnen jemand rumgespielt.", True),
    ("de", "so was geht nicht von alleine kaputt", True),
    ("de", "Die User denken immer, sie wissen es besser.", True),
    ("de", "Was erwarten Sie denn, wenn Sie aus dem Zug anrufen?", True),
    ("de", "Sie haben nichts kaputt gemacht, keine Sorge.", False),
    ("de", "Das haben Sie nicht kaputt gemacht.", False),
    ("de", "Was erwarten Sie von der neuen Lösung?", False),
])
def test_blame_is_rude(lang, line, rude):
    assert ("rude" in rules(lang, line)) is rude


def test_the_head_alone_calls_a_line_rude_only_when_sure(monkeypatch):
    from playtest_calls import head_acts

    assert "rude" not in head_acts("en", "no he was sick actually so whats a good day for you", monkeypatch)
    assert "rude" in head_acts("en", "you are useless", monkeypatch)


def test_an_apology_with_staff_issues_is_excused():
    lines = ["hello it service hotline how can i help", "oh sorry about that uh we had some staff issues yesterday"]
    _, _, score = _call("missed-appointment", "en", lines, seed=888)
    assert "step_excused" in _kinds(score, "checklist")


# -- a new date asked for is no date booked -----------------------------------------------------------------------------
def test_asking_for_her_week_books_no_date():
    lines = ["Good morning, IT service hotline, Sam speaking. How can I help you?",
             "Ms Vaughan, I'm very sorry – you rearranged two clients and nobody came. That should not have happened.",
             "Honestly, I can't tell you yet why it was missed – I'll raise it with our dispatch team today. Now let's "
             "get you a new date: what does your week look like, and by when do you need the new workstation running?"]
    _, state, _ = _call("missed-appointment", "en", lines, seed=777)
    assert "new_time" not in state.steps_done


# -- the rambler: the recap before the fix, asked in the line the fix is pushed back on ---------------------------------
RAMBLER_EN = [
    "Good afternoon, Service hotline, Sam speaking – what can I do for you?",
    "Let me stop you there for a second so I don't lose anything – first, may I have your name and a number where I "
    "can reach you?",
    "Thank you, Mr Walsh. You mentioned a message this morning about space: what exactly did it say, and since when is "
    "the computer slow?",
    "Where do the scanned delivery notes get saved – on that computer itself?",
    "Let me sum up: since Monday the computer is slow, it says drive C is full, and years of scans are stored right on "
    "it. My suggestion: I connect remotely and move the old scans to the archive. Is that all right with you?",
]


def test_the_recap_before_the_fix_stands_when_the_fix_is_pushed_back():
    sc, state, score = _call("voicebox-rambler", "en", RAMBLER_EN)
    assert "recap" in state.trainee_turns[4].steps
    before = [e for e in score.dimension("summarising").evidence if e.kind == "summary_before"]
    assert before and before[0].turn == 5
    assert "step_late" not in _kinds(score, "checklist")


# -- what she checked said back, a warm goodbye, an admission, a goodbye as reassurance, a guessed recap ---------------
@pytest.mark.parametrize(("lang", "lines"), [
    ("de", ["Guten Morgen, IT-Hotline, Lena Schwarz. Was kann ich für Sie tun?",
            "Oh je, das ist ärgerlich. Verstehe, Sie haben den Stecker schon kontrolliert – danke, dass Sie das schon "
            "gemacht haben. Bis wann brauchen Sie die Ausdrucke denn?"]),
    ("en", ["Hi, IT support, Sam speaking. What's happened?",
            "Got it, you've already checked the plug. When do you need the statements by?"]),
    ("en", ["Hi, IT support, Sam speaking. What's happened?",
            "I see, so you already checked the plug, thanks for that. When do you need the printouts?"]),
])
def test_what_she_checked_said_back_asks_her_nothing(lang, lines):
    _, state, _ = _call("checked-plug", lang, lines, seed=777)
    reply = state.exchanges[-1].reply.text
    assert "nicht blöd" not in reply and "not stupid" not in reply
    assert "context" in state.trainee_turns[1].steps


def test_a_wish_for_her_morning_is_a_goodbye():
    assert "closing" in rules("de", "Ich wünsche Ihnen einen ruhigen Vormittag, Frau Lindner!")


def test_wissen_tu_ich_es_nicht_is_an_admission_with_a_promise():
    lines = ["Lizenzbetreuung, Schwarz, hallo, was kann ich für Sie tun?",
             "Nein, wissen tu ich es nicht. Ich kläre das mit den Kollegen von der Lizenzabteilung und rufe Sie dann "
             "bis 15 Uhr zurück, okay?"]
    assert "admit_unknown" in rules("de", lines[1])
    _, _, score = _call("unknown-answer", "de", lines)
    assert "admit_unknown" in _kinds(score, "transparency")


def test_a_goodbye_does_not_tell_her_she_did_nothing_wrong():
    lines = ["medit service schwarz hallo", "okay haben sie am rechner irgendwas verändert", "ja ok",
             "das kabel hinten am computer wo der internet stecker drin ist schauen sie mal ob das fest ist",
             "super dann passt ja alles wieder bis dann"]
    _, state, _ = _call("jargon-averse", "de", lines, seed=888)
    assert "calm" not in state.steps_done


def test_the_standard_script_to_the_admin_is_asked_again(monkeypatch):
    """The head reads 'summary' into the curt script; neither the customer nor the debrief take it as a recap."""
    from playtest_calls import play_with_head

    lines = ["ja hallo", "also erstmal standardprozedur rechner neustarten ipconfig flushdns und dann nochmal melden"]
    _, state, score = play_with_head("expert-user", "de", lines, monkeypatch)
    assert "Standardfragen" in state.exchanges[-1].reply.text or "sagte ich doch" in state.exchanges[-1].reply.text
    assert "asked_again" in _kinds(score, "questioning")


@pytest.mark.parametrize(("lang", "line"), [
    ("en", "hm ok could you maybe send us something in writing somehow"),
    ("en", "Did you try rebooting the router at home?"),
    ("de", "Können Sie uns vielleicht irgendwie was Schriftliches schicken?"),
])
def test_a_vague_request_or_a_question_about_her_is_no_clear_instruction(lang, line):
    from simulator.dialogue.reading import her_action
    from simulator.scoring.wording import hedges_request

    assert hedges_request(line, lang) or her_action(line, lang)


@pytest.mark.parametrize(("lang", "line"), [
    ("en", "Please switch the strip back on."),
    ("de", "Schalten Sie die Leiste bitte wieder ein."),
])
def test_a_plain_request_is_no_hedge(lang, line):
    from simulator.scoring.wording import hedges_request

    assert not hedges_request(line, lang)


@pytest.mark.parametrize(("lang", "text", "weak"), [
    ("de", "ja ok", True), ("de", "Ah okay.", True), ("en", "ah ok", True), ("en", "okay right", True),
    ("de", "ok, verstehe", False), ("en", "Ah, I see.", False),
])
def test_two_bare_back_channels_are_still_bare(lang, text, weak):
    from simulator.scoring.wording import weak_backchannel

    assert weak_backchannel(text, lang) is weak


@pytest.mark.parametrize(("lang", "sid"), [("en", "jargon-averse"), ("de", "mobile-caller")])
def test_the_phone_answered_with_a_firm_name_alone_is_no_greeting(lang, sid, monkeypatch):
    """The head reads the firm's name as a greeting; the debrief says 'only named the team', not 'greeted'."""
    from playtest_calls import play_with_head

    _, _, score = play_with_head(sid, lang, ["medit" if lang == "en" else "mailhaus"], monkeypatch)
    kinds = _kinds(score, "courtesy")
    assert "greeting_bare" not in kinds
    assert "greeting_team_only" in kinds or "no_greeting" in kinds
