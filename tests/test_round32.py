"""Play-test round 32: readings and debrief items four fresh testers found (public-sector formal German, Bavarian,
Australian and scripted call-centre English), and the review's own calls; neighbours that must not change beside each."""

from __future__ import annotations

import pytest

from playtest_calls import items as _items
from playtest_calls import kinds as _kinds
from playtest_calls import play as _play
from playtest_calls import rules
from playtest_calls import script
from simulator.scoring import consistency


def _call(sid: str, lang: str, lines: list[str], seed: int = 0):
    return _play(sid, lang, lines, seed)


def _problems(sc, state, score) -> list[str]:
    return consistency.problems(sc, state, score)


MOBILE_REFUSED = ["it hotline hier ist sam guten tag",
                  "herr reuter damit wir uns nicht verlieren unter welcher nummer erreiche ich sie falls die verbindung "
                  "abreißt",
                  "das nervt klar zweimal rausgeflogen was genau geht bei den mails nicht",
                  "okay also die mails gehen seit heute früh nicht und sie sind unterwegs haben sie einen laptop dabei",
                  "verstehe dann schreiben sie bitte auf einen zettel dass herr yilmaz die freigabe bekommt mit datum und "
                  "unterschrift machen ein foto und schicken mir das per sms ich schalte es dann in spätestens fünfzehn "
                  "minuten frei",
                  "also festgehalten foto per sms ich schalte frei und herr yilmaz stellt um gute fahrt herr reuter"]


def test_a_recap_of_a_fix_she_refused_is_no_summary_of_what_was_agreed():
    """She refused the fix ('Einfach so? Ist das denn überhaupt gültig?'); the recap after it earned '+25 summed up what
    was agreed' while the checklist said 'not reached: summarise what was agreed' – and the time named on the refused
    fix '+15' beside 'not reached: give a time frame', both without a quote."""
    sc, state, score = _call("mobile-caller", "de", MOBILE_REFUSED, seed=5)
    assert state.solved_at is None
    summ = _items(score, "summarising")
    assert "summary_end" not in [e.kind for e in summ]
    unagreed = [e for e in summ if e.kind == "summary_end_unagreed"]
    assert unagreed and unagreed[0].effect == 0 and unagreed[0].turn == 6 and "festgehalten" in unagreed[0].quote
    assert "no_summary_end" not in [e.kind for e in summ]  # it did sum up: not "never summed up"
    said = [e for e in _items(score, "checklist") if e.kind == "step_blocked_said"]
    assert {e.turn for e in said} == {5, 6} and all(e.quote and e.effect < 0 for e in said)
    assert "step_blocked" not in _kinds(score, "checklist")
    assert _problems(sc, state, score) == []


def test_the_recap_after_an_agreed_fix_still_earns_the_summary():
    """Neighbour: a call whose fix she accepted – the recap is the summary of what was agreed."""
    sc, state, score = _call("mobile-caller", "de", script("mobile-caller", "de-r24-good"))
    assert state.solved_at is not None
    summ = _kinds(score, "summarising")
    assert "summary_end" in summ and "summary_end_unagreed" not in summ
    assert _problems(sc, state, score) == []


def test_a_blocked_step_never_said_quotes_nothing():
    """Neighbour: a step behind a missing one, never said at all, stays the bare 'not reached'."""
    _, _, score = _call("checked-plug", "en", ["Hello, IT helpdesk, Sam speaking.", "Bye."])
    blocked = [e for e in _items(score, "checklist") if e.kind.startswith("step_blocked")]
    assert blocked and all(e.kind == "step_blocked" and not e.quote for e in blocked)


EXPERT_DE = ["Second-Level-Support, Albrecht, guten Tag, was kann ich für Sie tun?",
             "Verstanden, dann ohne Skript: Tunnel steht, per IP erreichbar, direkter nslookup gegen 10.20.0.53 "
             "funktioniert, also landen die Anfragen schlicht nicht beim internen Resolver – saubere Eingrenzung. Haben Sie "
             "sich bereits die NRPT-Einträge bzw. das DNS-Suffix auf dem VPN-Adapter angesehen, also ob die Split-DNS-Regel "
             "für Ihre interne Domain nach dem Update auf 5.2 noch drin ist?",
             "Ehrlich gesagt weiß ich das noch nicht, im Ticketsystem liegt bislang keine weitere Meldung zur 5.2 vor, ich "
             "werde das aber mit dem Netzwerkteam klären. Als Übergangslösung würde ich vorschlagen, dass Sie die NRPT-Regel "
             "für pixelwerk.intern lokal per PowerShell wieder setzen oder das Suffix manuell auf dem Adapter eintragen – "
             "wäre das für Sie heute praktikabel?",
             "Einverstanden, ich eskaliere das jetzt ans Netzwerkteam mit Ihrem Befund, also fehlende Split-DNS-Regel im "
             "5.2-Profil, betrifft neun Nutzer. Sie bekommen von mir bis heute 16 Uhr eine Rückmeldung mit dem Termin für "
             "den Profil-Fix. Zusammengefasst: Workaround läuft bei Ihnen, Eskalation ist raus, Rückmeldung bis 16 Uhr. "
             "Danke für die saubere Vorarbeit und bis später!"]


def test_a_recap_of_what_the_same_line_just_promised_is_the_summary_at_the_end():
    """'… ich eskaliere das jetzt … bis heute 16 Uhr … Zusammengefasst: Workaround läuft bei Ihnen, Eskalation ist raus,
    Rückmeldung bis 16 Uhr.' was '−25 never summed up at the end', quoting that very line: its words were said only
    earlier in the same line."""
    sc, state, score = _call("expert-user", "de", EXPERT_DE, seed=1357)
    summ = _items(score, "summarising")
    end = [e for e in summ if e.kind == "summary_end"]
    assert end and end[0].turn == 4 and end[0].quote.startswith("Zusammengefasst")
    assert "no_summary_end" not in [e.kind for e in summ]
    assert _problems(sc, state, score) == []


def test_a_closing_line_that_sums_up_nothing_said_is_still_no_summary():
    """Neighbour: a goodbye that names only new things is no summary because of its own first sentence."""
    lines = EXPERT_DE[:3] + ["Einverstanden. Zusammengefasst: Danke und schönen Tag noch!"]
    _, _, score = _call("expert-user", "de", lines, seed=1357)
    assert "summary_end" not in _kinds(score, "summarising")


MOBILE_DE = ["mailhaus kundenservice albrecht guten tag was kann ich für sie tun",
             "ok ähm haben sie schon mal geprüft ob die smtp und imap einstellungen auf dem handy stimmen",
             "geben sie mir sicherheitshalber noch ihre nummer falls wir getrennt werden"]


@pytest.mark.parametrize("line", ["ah ok also sind sie gerade am rechner oder nur am handy",
                                  "ah ok also sind sie gerade am rechner oder nur am handy?"])
def test_a_spoken_question_without_its_question_mark_is_asked(line):
    """'ah ok also sind sie gerade am rechner oder nur am handy' – with '?' he told his day, without it he said 'das kann
    ich Ihnen nicht sagen' (the question mark alone decided); 'am Rechner', 'nur am Handy' ask for the context."""
    _, state, _ = _call("mobile-caller", "de", MOBILE_DE + [line], seed=2468)
    last = state.exchanges[-1]
    assert "context" in last.trainee.steps
    assert "nicht sagen" not in last.reply.text and "Handy" in last.reply.text


def test_a_spoken_statement_is_not_taken_for_a_question():
    """Neighbour: a spoken line the rules read no question in asks her nothing."""
    from simulator.dialogue import Engine
    from simulator.scenario import load
    answers = Engine(load("mobile-caller"), "de").answers
    assert answers.asked("ah ok also sind sie gerade am rechner oder nur am handy")
    assert not answers.asked("ok ich schalte das jetzt frei und melde mich gleich wieder")
    assert not answers.asked("Sind Sie gerade am Rechner. Ich frage nur.")  # typed with marks: its marks count


CHECKED_PLUG_BY = ["Grüß Gott, IT-Support, da spricht der Maxi Huber – was kann ich für Sie tun?",
                   "Oje, des is ärgerlich, grad wenn die Abrechnung raus muss – bis wann brauchen Sie die Ausdrucke denn?",
                   "Verstehe, 15 Uhr, des schaffen mer. Ich weiß, Sie ham den Stecker schon geprüft – aber tät'n Sie mir den "
                   "Gefallen und schaun, wo der Stecker genau drinsteckt, Wand oder Steckdosenleiste? Weil oft liegt's ned "
                   "am Stecker selber, sondern an der Leiste."]


@pytest.mark.parametrize("verb", ["schalten's", "schalten Sie"])
def test_a_bavarian_sie_after_the_verb_is_a_request(verb):
    """'Dann schalten's die Leiste bitte wieder ein … – leuchtet jetzt was?' took no step ('Nein … der ist tot'), the
    same line with 'schalten Sie' did: '-'s' after a verb is 'Sie'."""
    line = f"Ah, passt scho, des kann jedem passieren. Dann {verb} die Leiste bitte wieder ein und danach den Drucker – leuchtet jetzt was?"
    _, state, _ = _call("checked-plug", "de", CHECKED_PLUG_BY + [line], seed=1357)
    assert "power_on" in state.exchanges[-1].trainee.steps


@pytest.mark.parametrize(("word", "standard"), [("schalten's", "schalten sie"), ("ham's", "haben sie"),
                                                ("koennten's", "koennten sie"), ("wenn's", None), ("kann's", None),
                                                ("gibt's", None), ("dann's", None), ("schalten", None)])
def test_the_regional_sie_ending_reads_only_after_a_verb(word, standard):
    from simulator.analysis.language import compiled
    assert compiled("de").variant(word) == standard


@pytest.mark.parametrize(("lang", "line"), [
    ("en", "Okay, we have Thursday morning available, is that fine?"),
    ("en", "How about Thursday morning between 8 and 10, does that work?"),
    ("de", "Okay, wir hätten Donnerstag vormittag frei, passt das?"),
    ("de", "Ich kann Ihnen Freitag um neun anbieten, geht das bei Ihnen?"),
])
def test_offering_a_slot_is_a_question_not_a_summary(lang, line, monkeypatch):
    """'Okay, we have Thursday morning available, is that fine?' was credited as saying back what she said."""
    from playtest_calls import head_acts
    acts = head_acts(lang, line, monkeypatch)
    assert "summary" not in acts and "closed_question" in acts


@pytest.mark.parametrize(("lang", "line"), [
    ("en", "So you waited all morning and nobody came, is that right?"),
    ("de", "Also Sie haben den ganzen Vormittag gewartet und keiner kam, richtig?"),
])
def test_a_recap_checked_back_is_still_a_summary(lang, line, monkeypatch):
    from playtest_calls import head_acts
    assert "summary" in head_acts(lang, line, monkeypatch)


MISSED_STOCK = ["Hi, IT support, how can I help you today?",
                "I do apologize for the inconvenience, sir. It seems there was some issue on our side. Can we reschedule?",
                "Okay, we have Thursday morning available, is that fine?",
                "Okay great, I have booked it. Is there anything else I can help you with today?"]


def test_a_stock_apology_she_threw_back_earns_nothing():
    """'I do apologize for the inconvenience' – "'Inconvenience'? I waited a whole morning for nothing" – was +25 for
    answering her stress beside the checklist's 'the customer objected to the way it was done'."""
    sc, state, score = _call("missed-appointment", "en", MISSED_STOCK, seed=2468)
    emp = [e for e in _items(score, "empathy") if e.turn == 2 and e.kind.startswith("cue_")]
    assert emp and emp[0].kind == "cue_answered_rebuffed" and emp[0].effect == 0
    assert "step_blocked_said" not in _kinds(score, "checklist")  # the slot offered summed nothing up
    assert _problems(sc, state, score) == []


def test_a_stock_apology_she_let_pass_still_earns_half():
    """Neighbour: a bare 'sorry' she did not throw back keeps the half credit for a stock phrase."""
    lines = ["Hi, IT support, Sam speaking.", "Oh, sorry about that. So what happened exactly?"]
    _, _, score = _call("checked-plug", "en", lines)
    kinds = _kinds(score, "empathy")
    assert "cue_answered_rebuffed" not in kinds


@pytest.mark.parametrize(("line", "reassures"), [
    ("No worries, have a good one.", False), ("Sweet, no worries, bye.", False), ("no worries mate, cheers", False),
    ("No worries, we got this.", True), ("No worries at all, easy fix.", True),
])
def test_no_worries_as_a_sign_off_reassures_nobody(line, reassures):
    assert ("reassurance" in rules("en", line).acts) == reassures


EXPERT_EN = ["Hey, IT support, Jack here – what can I do for you?",
             "Too easy, no script then. So tunnel up, IP reachability fine, nslookup against 10.20.0.53 works, but the 5.2 "
             "client isn't pushing the internal resolver – that smells like split DNS config getting dropped in the update. "
             "Which OS are you on, and does the adapter show 10.20.0.53 as its DNS server at all?"]


def test_a_long_question_proposing_the_workaround_proposes_it():
    """'Meanwhile, you could set the NRPT rule … by hand, or I roll your machines back to 5.1 … – your call?' was read as
    a question for his number ('call … back'): he gave his extension, the workaround was 'missing', the call unsolved."""
    line = ("Honestly, I don't know yet – you're the first report on 5.2 in our system. I'll open a case with the vendor "
            "and check our distribution package today. Meanwhile, you could set the NRPT rule for pixelwerk.internal by "
            "hand, or I roll your machines back to 5.1 through software distribution – your call?")
    _, state, _ = _call("expert-user", "en", EXPERT_EN + [line], seed=1357)
    assert "workaround" in state.exchanges[-1].trainee.steps


def test_a_short_question_for_a_fact_still_only_asks():
    """Neighbour: 'Hängt der Drucker an einer Leiste?' asks what she knows and has her check nothing."""
    _, state, _ = _call("checked-plug", "de", ["Guten Tag, IT-Support, Sam.", "Hängt der Drucker an einer Leiste?"])
    assert "check_plug" not in state.exchanges[-1].trainee.steps


MOBILE_EN = ["MailHaus support, Fiona speaking, hello!",
             "In case we get cut off, what's the best number to ring you back on?",
             "Got it. What exactly happens when you try your e-mail?",
             "Are you on the train with just your phone?",
             "Sorry, short version: the fix needs an approval first - who can approve it for you?"]


@pytest.mark.parametrize(("line", "objected"), [
    ("Here's what I can do: you give me your approval right now on the phone, I note it in the ticket, and then Mr "
     "Yilmaz is allowed to make the change today. Shall we do it that way?", True),
    ("Write a short note that Mr Yilmaz may change it, sign it, take a photo and text it to me.", False),
])
def test_his_ok_on_the_phone_is_no_written_approval(line, objected):
    """'you give me your approval right now on the phone …' had him say 'Yes, thanks … I don't really know' and the call
    end unsolved beside 'Yes, that works for me': his colleague wanted it in writing – he says so."""
    _, state, _ = _call("mobile-caller", "en", MOBILE_EN + [line], seed=1357)
    last = state.exchanges[-1]
    assert ("Over the phone?" in last.reply.text) == objected
    from simulator.dialogue.events import Pushback, details
    proposed = "propose_photo" in last.trainee.steps or "propose_photo" in details(last.trainee.events, Pushback)
    assert proposed != objected  # the note and photo: taken, or doubted as this morning's colleague made him doubt it


def test_the_agents_own_account_of_what_happened_tells_it():
    """'I can see what happened: the technician was off sick …' was read as inviting her to tell ('what happened'):
    the step 'say openly what the ticket shows' was 'missing' beside the line that did it."""
    lines = ["Good morning, thank you for calling IT support, this is Jordan, how can I help you?",
             "Mr Vaughan, I'm really sorry - waiting a whole morning for nothing is not okay, and nobody even called you. "
             "Let me look at ticket 7731 right now. I can see what happened: the technician was off sick yesterday and the "
             "job was not handed to a colleague, and no one phoned you. That's our mistake."]
    _, state, _ = _call("missed-appointment", "en", lines, seed=1357)
    assert {"apologise", "explain"} <= set(state.exchanges[-1].trainee.steps)


@pytest.mark.parametrize(("line", "invites"), [
    ("I can see what happened: he was off sick.", False), ("Here's what happened: he was off sick.", False),
    ("Let me explain what went wrong.", False), ("I'll tell you what happened.", False),
    ("Tell me what happened.", True), ("So what happened?", True), ("Could you describe what you see?", True),
])
def test_only_asking_her_invites_her_to_tell(line, invites):
    from simulator.dialogue.reading import invites as invited
    assert invited(line, "en") == invites


@pytest.mark.parametrize(("sid", "lang", "path"), [("mobile-caller", "de", "de1"), ("checked-plug", "en", "en1")])
def test_understanding_before_a_dash_is_said_not_asked(sid, lang, path):
    """'ich verstehe, dass das im Zug vor einem Termin sehr stressig ist – würden Sie mir … Ihre Rückrufnummer nennen?'
    and 'Oh no, that's a rotten start to the day Brenda, and with statements to get out too – …, so how urgent is it …?'
    were half points as 'a stock phrase that names nothing': the sentence ended in a question."""
    line = {"de": "Herr Reuter, ich verstehe, dass das im Zug vor einem Termin sehr stressig ist – würden Sie mir für den "
                  "Fall, dass die Verbindung abbricht, bitte zunächst Ihre Rückrufnummer nennen?",
            "en": "Oh no, that's a rotten start to the day Brenda, and with statements to get out too – I hear you on the "
                  "plug, so how urgent is it, when do the statements need to go out?"}[lang]
    opening = {"de": "MailHaus Kundenservice, guten Tag, mein Name ist Albrecht, womit kann ich Ihnen behilflich sein?",
               "en": "G'day, IT support, this is Jack speaking – what can I do for you this arvo?"}[lang]
    _, _, score = _call(sid, lang, [opening, line], seed=1357)
    kinds = _kinds(score, "empathy", 2)
    assert "cue_answered" in kinds and "cue_answered_bare" not in kinds


def test_a_bare_sorry_before_a_question_is_still_a_stock_phrase():
    """Neighbour: 'Oh, sorry about that – what's the error message?' names nothing before its dash."""
    lines = ["Hi, IT support, Sam speaking.", "Oh, sorry about that – what exactly happens when you print?"]
    _, _, score = _call("checked-plug", "en", lines)
    assert "cue_answered" not in _kinds(score, "empathy", 2)


@pytest.mark.parametrize(("line", "transparent"), [
    ("würden Sie mir für den Fall, dass die Verbindung abbricht, bitte zunächst Ihre Rückrufnummer nennen?", True),
    ("Kurz gesagt: Die Einstellung braucht Ihre schriftliche Freigabe als Inhaber.", True),
    ("Die Änderung erfordert Ihre Zustimmung als Kontoinhaber.", True),
    ("Braucht es Ihre Freigabe?", False),
])
def test_a_formal_reason_is_transparency(line, transparent, monkeypatch):
    """The formal 'für den Fall, dass …' and '… braucht Ihre schriftliche Freigabe' were 'never said why' (Transparenz 40),
    while the sloppy '… falls wir getrennt werden' earned +25."""
    from playtest_calls import head_acts
    assert ("transparency" in head_acts("de", line, monkeypatch)) == transparent


@pytest.mark.parametrize(("line", "guess"), [
    ("hm also ich glaube eigentlich schon dass das mit drin ist aber sicher bin ich mir nicht", True),
    ("Ich glaube eigentlich schon, dass das enthalten ist.", True),
    ("Das glaube ich Ihnen.", False), ("Ich weiß es eigentlich nicht.", False),
])
def test_a_hedged_yes_is_a_guess(line, guess):
    """'ich glaube eigentlich schon dass das mit drin ist aber sicher bin ich mir nicht' was thanked as honest."""
    from simulator.scoring.wording import guesses
    assert guesses(line, "de") == guess


def test_a_spoken_check_narrows_down(monkeypatch):
    """Every good call typed like a recogniser got 'did not narrow down' beside the checklist's check steps: '… could
    you have a look behind the computer theres a cable … is it plugged in firmly' has no '?' to find."""
    lines = ["hiya it help desk jack speaking whats happening on your end",
             "no worries pauline you havent done anything wrong this happens heaps and well sort it together uh was "
             "anything moved around at the desk today maybe while cleaning",
             "not at all so the globe with the cross means the computer has lost its connection to the rest of the "
             "practice could you have a look behind the computer theres a cable that looks a bit like a phone cable with "
             "a little clip is it plugged in firmly"]
    from playtest_calls import play_with_head
    _, state, score = play_with_head("jargon-averse", "en", lines, monkeypatch)
    assert "check_cable" in state.exchanges[-1].trainee.steps
    assert "narrowing" in _kinds(score, "questioning")
    assert "no_narrowing" not in _kinds(score, "questioning") and "no_narrowing_example" not in _kinds(score, "questioning")


def test_a_typed_statement_still_narrows_nothing():
    """Neighbour: a typed line that asks nothing narrows nothing."""
    lines = ["Hi, IT support, Sam speaking. What's happening on your screen?", "I'm looking at the ticket, one moment please."]
    _, _, score = _call("jargon-averse", "en", lines)
    assert "narrowing" not in _kinds(score, "questioning")


@pytest.mark.parametrize(("line", "asks"), [
    ("Which one suits you better?", True), ("Which of the two works best for you?", True),
    ("Thursday or Friday, which suits you better?", True),
    ("I'll check which slot works for you and book it.", False),
])
def test_asking_her_to_choose_is_an_open_question(line, asks, monkeypatch):
    """'I can offer Thursday 8 to 10 am or Friday 1 to 3 pm - which one suits you better? - …' read no question:
    'did not narrow down' beside the line that asked her to choose."""
    from playtest_calls import head_acts
    assert ("open_question" in head_acts("en", line, monkeypatch)) == asks


def test_a_choice_asked_in_the_last_clause_narrows_down():
    lines = ["Good morning, thank you for calling IT support, this is Jordan, how can I help you?",
             "Mr Vaughan, I'm really sorry - waiting a whole morning for nothing is not okay, and nobody even called you.",
             "I understand, you moved two client meetings and that cost you real time. I'd like to fix it properly: I can "
             "offer Thursday 8 to 10 am or Friday 1 to 3 pm - which one suits you better? - and I will personally call you "
             "the day before to confirm the technician's name."]
    _, _, score = _call("missed-appointment", "en", lines, seed=1357)
    assert "narrowing" in _kinds(score, "questioning", 3)


@pytest.mark.parametrize(("question", "one_thing"), [
    ("I can offer Thursday or Friday - which one suits you better?", True), ("Okay, since when does it hang?", True),
    ("Okay, so what's going on?", False), ("Can you tell me everything that happened?", False),
])
def test_a_targeted_question_may_close_a_longer_sentence(question, one_thing):
    from simulator.scoring.wording import targeted
    assert targeted(question, "en") == one_thing


def test_asking_for_her_constraints_books_nothing():
    """'Damit der neue Termin diesmal passt: Bis wann muss der Arbeitsplatz … eingerichtet sein, und welche Zeiten sind …
    ungünstig?' after a statement took the booking step: she answered 'Gut. Das trage ich mir ein.' to no date."""
    lines = ["Guten Tag, Hotline, Albrecht am Apparat, was kann ich für Sie tun?",
             "Frau Dr. Vogt, dafür entschuldige ich mich ausdrücklich, dass Sie einen ganzen Vormittag vergeblich gewartet "
             "haben und nicht einmal informiert wurden, ist nicht in Ordnung. Ich sehe in Ihrem Ticket 7731 nach: Herr Kraus "
             "hatte sich gestern krank gemeldet, der Termin wurde aber leider weder neu vergeben noch wurden Sie angerufen – "
             "das ist unser Versäumnis.",
             "Das kann ich Ihnen ehrlich gesagt nicht erklären, im Vorgang ist kein Anruf vermerkt, und das werde ich intern "
             "klären. Damit der neue Termin diesmal passt: Bis wann muss der Arbeitsplatz bei Ihnen spätestens eingerichtet "
             "sein, und welche Zeiten sind in der Kanzlei ungünstig?"]
    _, state, _ = _call("missed-appointment", "de", lines, seed=1357)
    last = state.exchanges[-1]
    assert "new_time" not in last.trainee.steps and "availability" in last.trainee.steps
    assert "trage ich mir ein" not in last.reply.text


@pytest.mark.parametrize(("line", "books"), [
    ("Das kläre ich intern. Bis wann muss der Arbeitsplatz stehen?", False),
    ("Ich trage Sie für Donnerstag ein. Welche Uhrzeit passt Ihnen?", True),
    ("Passt Ihnen Donnerstag von acht bis zehn?", True),
])
def test_a_question_for_her_times_beside_a_statement(line, books):
    from simulator.dialogue.reading import asks_without_booking
    assert asks_without_booking(line, "de") != books


@pytest.mark.parametrize(("lang", "line"), [
    ("de", "Ich fasse zunächst zusammen: Ihr Drucker zeigt seit heute früh weder Lämpchen noch Geräusch."),
    ("de", "ich fasse das Ganze mal zusammen der drucker ist seit heute früh aus"),
    ("de", "verstehe frau krüger also ihr chef unterschreibt morgen um zehn und möchte das bim modul nutzen"),
])
def test_formal_and_addressed_recaps_are_summaries(lang, line):
    assert "summary" in rules(lang, line).acts


def test_a_stock_apology_beside_a_question_with_again_is_still_stock():
    """'I do apologize for the inconvenience ma'am. Is it the VPN issue again?' took 'sincerely apologise' – the
    'again' of the question counted as naming her repeated calls."""
    lines = ["Good afternoon, IT helpdesk, how may I help you?",
             "I do apologize for the inconvenience ma'am. Is it the VPN issue again?"]
    _, state, _ = _call("diva-complaint", "en", lines, seed=2468)
    assert "apologise" not in state.exchanges[-1].trainee.steps
    lines[1] = "I'm so sorry you've had to call again and again about this, that's not acceptable."
    _, state, _ = _call("diva-complaint", "en", lines, seed=2468)
    assert "apologise" in state.exchanges[-1].trainee.steps


def test_the_mood_at_a_dropped_line_stays_in_its_range():
    """'Customer's mood at the end: -103' – the line dropped before the mood was clamped."""
    lines = ["yeah support", "uh whats your customer id and the smtp auth error code exactly",
             "nah your it guy isnt authorised mate you gotta log into the portal and approve it not my problem",
             "well find a computer then cant help ya"]
    _, state, _ = _call("mobile-caller", "en", lines, seed=9753)
    assert state.outcome is not None and -100 <= state.outcome.final_mood <= 100


@pytest.mark.parametrize(("line", "closes"), [
    ("so to sum up your photo authorises mr yilmaz i unlock him in ten minutes he changes the setting and your mail works "
     "before the meeting cheers tom good luck", True),
    ("Good luck with the meeting!", True), ("Cheers Tom, bye.", True), ("Lovely, thanks Janet.", False),
    ("Good luck finding the cable, now is there a strip under the desk?", False),
    ("cheers for that, whats the error message", False),
])
def test_a_wish_or_thanks_ending_the_line_says_goodbye(line, closes):
    """'… cheers tom good luck' was 'No goodbye'."""
    assert ("closing" in rules("en", line).acts) == closes


@pytest.mark.parametrize(("lang", "line", "admits"), [
    ("de", "Gute Frage, aber die Kaffeemaschine isses ned, da können's beruhigt sein.", False),
    ("de", "Gute Frage – das weiß ich gerade nicht.", True),
    ("en", "Good question, but the coffee machine isn't the problem.", False),
    ("en", "Good question, I'll have to check.", True),
])
def test_a_good_question_answered_admits_nothing(lang, line, admits):
    """'Gute Frage, aber die Kaffeemaschine isses ned' was 'said you don't know'."""
    assert ("admit_unknown" in rules(lang, line).acts) == admits


@pytest.mark.parametrize(("line", "introduced"), [
    ("grüß gott it support hier is der maxi huber was kann ich für sie tun", True),
    ("Guten Tag, hier spricht die Frau Berger vom Support", True),
    ("Hier ist der Support, was kann ich tun?", False), ("hier ist die Hotline", False),
])
def test_an_article_before_ones_own_name_introduces(line, introduced):
    """'hier is der maxi huber' was 'greeted and named the team – but not yourself'."""
    from simulator.scoring.wording import introduces
    assert introduces(line, "de") == introduced


@pytest.mark.parametrize(("lang", "line", "said"), [
    ("en", "Okay. Did you restart the router at home?", "Restarted?"),
    ("de", "Haben Sie den Router zu Hause neu gestartet?", "Neu gestartet?"),
    ("en", "Are you on Wi-Fi or cable at home?", "Wi-Fi."),
])
def test_asked_whether_she_restarted_she_says_so(lang, line, said):
    """'Did you restart the router at home?' had her answer 'Wi-Fi.' – the router was a word of how she is connected."""
    opening = {"en": ["Good afternoon, IT helpdesk, how may I help you?",
                      "I'm sorry you've had to call three times about this, that's not acceptable."],
               "de": ["Guten Tag, IT-Helpdesk, was kann ich für Sie tun?",
                      "Es tut mir leid, dass Sie schon dreimal anrufen mussten, das ist nicht in Ordnung."]}[lang]
    _, state, _ = _call("diva-complaint", lang, opening + [line], seed=2468)
    assert state.exchanges[-1].reply.text.startswith(said)


# -- round 33 (second fresh round on the round-32 build) ----------------------------------------------------------
@pytest.mark.parametrize(("line", "instructs"), [
    ("Melden Sie sich einfach, wenn noch was ist.", False), ("Rufen Sie gerne wieder an, wenn noch etwas ist.", False),
    ("Melden Sie sich bitte bei mir, wenn das Foto da ist.", True), ("Schalten Sie bitte die Leiste ein.", True),
])
def test_the_offer_to_call_again_is_no_instruction(line, instructs):
    """'Melden Sie sich einfach, wenn noch was ist.' in a premature goodbye was praised as a clear, short instruction."""
    acts = rules("de", line).acts
    assert ("instruction" in acts) == instructs
    if not instructs:
        assert "closing" in acts


def test_take_care_of_someone_is_no_goodbye():
    """'No stress, take care of your patient first, I wait on the line.' cost −10 for ending the call early."""
    lines = ["hi it support mike here whats going on", "okay is there a little globe at the bottom right of the screen",
             "No stress, take care of your patient first, I wait on the line. When you are back, please click one time "
             "on the little globe at the bottom right."]
    _, state, _ = _call("jargon-averse", "en", lines, seed=2020)
    from simulator.dialogue.events import PrematureClose
    from simulator.dialogue import events as ev_
    assert not ev_.has(state.exchanges[-1].trainee.events, PrematureClose)
    from simulator.dialogue.reading import signs_off
    assert signs_off("Thanks, take care!", "en") and not signs_off("take care of your patient first", "en")


@pytest.mark.parametrize(("line", "warm"), [
    ("ok so the quote only says archiplan professional five seats and your boss signs tomorrow at ten i understand thats "
     "a tight spot honestly i dont know yet if the bim module is included", True),
    ("That's a tough situation with the deadline.", True),
    ("ok so the quote only says five seats and your boss signs tomorrow at ten", False),
])
def test_a_hard_situation_named_mid_line_is_understanding(line, warm):
    """'… i understand thats a tight spot …' in a recogniser's line had 'no understanding shown in the whole call'."""
    assert ("empathy" in rules("en", line).acts) == warm


def test_a_spoken_recap_ending_in_a_goodbye_is_the_summary_at_the_end(monkeypatch):
    """'lovely so extension 12 a call from me by four today the written answer by email before ten tomorrow anything
    else cheers sandra' was '−25 never summed up at the end', quoting it: the goodbye at its end made the one sentence of
    a recogniser's line a goodbye."""
    lines = ["uh hello it support callum speaking how can i help",
             "right so the quote only says five seats professional and your boss signs tomorrow at ten ill be honest with "
             "you i dont know yet if the bim module is included theres no price list for it on my side",
             "our licensing team knows that and theyre in till five today so ill ask them this afternoon and ring you back "
             "by four whats the best number to reach you on",
             "i get that tomorrow's tight and i wont guess cos if im wrong your boss signs for the wrong thing if licensing "
             "hasnt answered by four ill still ring you at four and tell you where it stands and ask them to put it in "
             "writing by email so your boss has it before ten",
             "lovely so extension 12 a call from me by four today the written answer by email before ten tomorrow "
             "anything else cheers sandra"]
    from playtest_calls import play_with_head
    sc, state, score = play_with_head("unknown-answer", "en", lines, monkeypatch)
    summ = _kinds(score, "summarising")
    assert "summary_end" in summ and "no_summary_end" not in summ
    assert _problems(sc, state, score) == []


def test_what_will_be_passed_on_point_by_point_is_the_recap():
    """'Das gebe ich genau so weiter: Im 5.2-Profil fehlt …, Ihre manuelle NRPT-Regel ist die Übergangslösung, … Ich
    melde mich bis heute 14 Uhr …' was '−25 not summed up at the end', quoting it."""
    from simulator.scoring.wording import recap_marker
    assert recap_marker("Das gebe ich genau so weiter: Im 5.2-Profil fehlt die Split-DNS-Regel.", "de")
    assert not recap_marker("Das gebe ich weiter.", "de")


@pytest.mark.parametrize(("lang", "line", "rude"), [
    ("de", "Keine Ahnung, was da los war, vermutlich haben Sie den Termin falsch notiert.", True),
    ("de", "Sie haben den Termin bestimmt falsch eingetragen.", True),
    ("de", "Ich prüfe, ob wir den Termin falsch eingetragen haben.", False),
    ("de", "stopp stopp stopp das ist mir zu viel gelaber", True),
    ("en", "you probably wrote the appointment down wrong", True),
    ("en", "You must have typed the password in wrong.", True),
    ("en", "I'll check whether we wrote it down wrong.", False),
    ("en", "stop stop stop thats too much blabber", True),
])
def test_her_mistake_guessed_and_her_words_waved_off_are_rude(lang, line, rude):
    """'vermutlich haben Sie den Termin falsch notiert' had her say 'Okay, mach ich.'; 'zu viel gelaber' took the step
    'interrupt politely'."""
    assert ("rude" in rules(lang, line).acts) == rude


@pytest.mark.parametrize(("line", "acts", "not_acts"), [
    ("Sie haben bestimmt nichts falsch gemacht.", {"reassurance"}, {"rude"}),
    ("Ganz ruhig, Frau Lindner, Sie ham da bestimmt nix falsch gmacht, des passiert einfach amal.", {"reassurance"},
     {"rude"}),
    ("ja also das schau ich mir mal an und melde mich dann irgendwann bei ihnen", set(), {"rude"}),
    ("der kollege meldet sich dann irgendwann", {"rude"}, set()),
])
def test_reassurance_and_a_vague_promise_of_ones_own_are_no_snub(line, acts, not_acts, monkeypatch):
    """'Sie haben bestimmt nichts falsch gemacht' was rude to the head (0.80); 'ich melde mich dann irgendwann' was −30
    'rude, condescending or blaming' – it is vague."""
    from playtest_calls import head_acts
    found = head_acts("de", line, monkeypatch)
    assert acts <= found and not (not_acts & found), found


def test_she_never_hangs_up_on_the_line_that_answers_the_phone():
    """'ja support was is' answering the phone: the diva hung up before she had said what she wanted."""
    _, state, _ = _call("diva-complaint", "de", ["ja support was is"], seed=9753)
    assert state.outcome is not None and state.outcome.reason != "hangup"


@pytest.mark.parametrize(("line", "acts", "not_acts"), [
    ("ok stecken sie das mal wieder rein", {"instruction"}, {"reassurance"}),
    ("nein nein das wird schon passen schauen sie mal hinten am computer ob da ein kabel lose ist", {"reassurance"}, set()),
    ("da brauchen se dat vpn natürlich stabil zu welchen uhrzeiten bricht et denn ab", {"open_question"}, set()),
    ("Dann halten wa fest: Seit dem Update auf 5.2 fehlt im Profil die Split-DNS-Regel.", {"summary"}, set()),
])
def test_ruhr_german_readings(line, acts, not_acts, monkeypatch):
    """Round 33 (Ruhr style): a bare instruction was reassurance (0.36), 'das wird schon passen' was not; 'bricht et denn
    ab' hid the question; 'Dann halten wa fest: …' was '−25 not summed up'."""
    from playtest_calls import head_acts
    found = head_acts("de", line, monkeypatch)
    assert acts <= found and not (not_acts & found), found


def test_a_spoken_question_asks_from_where_it_starts():
    """'nee keine sorge neustart hatten se jetz oft genug dat bringt nix … zu welchen uhrzeiten bricht es denn ab' had
    her say 'Neu gestartet? … Lesen Sie eigentlich das Ticket?' – the whole spoken line was the question."""
    line = ("nee keine sorge neustart hatten se jetz oft genug dat bringt nix ich versteh dat dat langsam zermürbt zu "
            "welchen uhrzeiten bricht es denn ab")
    _, state, _ = _call("diva-complaint", "de", ["grüß gott it support was kann ich für sie tun", line], seed=2020)
    assert "Neu gestartet?" not in state.exchanges[-1].reply.text


def test_cheers_and_a_send_off_close_the_call_properly():
    """'Is there anything else? No? Cheers, Pauline, go see to your patient.' was 'said goodbye – but without … thanks or
    good wishes'."""
    from simulator.scoring.wording import wishes_well
    assert wishes_well("Is there anything else? No? Cheers, Pauline, go see to your patient.", "en")
    assert not wishes_well("ok bye", "en")


def test_a_sorry_she_threw_back_earns_nothing_even_where_it_names_something():
    """'ok sorry about that have you tried restarting the laptop' – 'Sorry about what, exactly?' – was +27.8 'answered
    with understanding'."""
    lines = ["hello it support whats your name please", "ok sorry about that have you tried restarting the laptop"]
    _, _, score = _call("diva-complaint", "en", lines, seed=3030)
    assert "cue_answered_rebuffed" in _kinds(score, "empathy", 2)
    assert not [e for e in _items(score, "empathy", 2) if e.effect > 0]


@pytest.mark.parametrize(("lang", "line"), [
    ("en", "Oh no, and with the statements due too – that's a rotten start. How long have you got before they need to go out?"),
    ("de", "Oje, und die Abrechnung muss ja auch raus. Wie viel Zeit haben Sie noch?"),
])
def test_asking_how_long_she_has_asks_the_urgency(lang, line):
    """Own play after round 33: 'How long have you got before they need to go out?' got 'Thanks. I'm really under
    pressure.' – no deadline – and the debrief said 'step missing: ask about urgency' beside '+10 narrowed down'."""
    opening = {"en": "Morning, IT helpdesk, Alex speaking – what's going on?",
               "de": "Guten Morgen, IT-Helpdesk, Alex hier – was ist los?"}[lang]
    _, state, _ = _call("checked-plug", lang, [opening, line], seed=11)
    assert "context" in state.exchanges[-1].trainee.steps


@pytest.mark.parametrize(("lang", "text", "clocked"), [
    ("de", "ich rufe sie bis sechzehn uhr zurück", True), ("de", "um halb vier rufe ich an", True),
    ("de", "ich melde mich heute noch", False), ("de", "Durchwahl 12, ich melde mich", False),
    ("en", "I will call you by four o'clock", True), ("en", "at half three", True), ("en", "I'll call you back later", False),
])
def test_an_hour_in_words_is_a_time(lang, text, clocked):
    from simulator.analysis.language import compiled
    assert compiled(lang).clocked(text) == clocked


def test_a_spoken_line_with_a_vague_and_a_clock_time_commits_to_the_clock_time():
    """Own play after round 33: 'ich frage das heute noch bei unserer lizenzabteilung nach und rufe sie bis sechzehn uhr
    zurück …' was 'nur ein vager Zeitpunkt (heute noch)' – the hour in words stood beyond the window of 'heute noch'."""
    lines = ["lizenzservice hier ist tom becker guten tag was kann ich für sie tun",
             "verstehe also ihr chef unterschreibt morgen um zehn und will wissen ob das bim modul dabei ist ganz ehrlich "
             "das weiß ich gerade nicht und raten möchte ich da nicht",
             "ich frage das heute noch bei unserer lizenzabteilung nach und rufe sie bis sechzehn uhr zurück unter welcher "
             "nummer erreiche ich sie"]
    _, _, score = _call("unknown-answer", "de", lines, seed=7)
    kinds = _kinds(score, "transparency", 3)
    assert "time_frame" in kinds and "time_frame_vague" not in kinds


@pytest.mark.parametrize(("lang", "line", "checks"), [
    ("en", "So printer's dark and you've already checked the plug – aye?", True),
    ("en", "So it's the strip under the desk, innit?", True),
    ("de", "Also, der Drucker ist aus und den Stecker haben Sie geprüft, ja?", True),
    ("en", "Could you check the strip under the desk?", False),
])
def test_a_regional_tag_checks_a_recap_back(lang, line, checks):
    """'… and you've already checked the plug – aye?' took 'have the power supply checked': she went and looked."""
    from simulator.dialogue.reading import checks_back
    assert checks_back(line, lang) == checks


def test_a_recap_checked_back_with_aye_asks_her_to_check_nothing():
    lines = ["Hiya, IT helpdesk, you're through to Fraser – what's up?",
             "Och, that's a rotten start. When do the statements need to go out?",
             "Right then, three o'clock, we'll get you there. So just to be sure I've got it: printer's completely dark, no "
             "light, no noise, since you came in this morning, and you've already checked the plug – aye?"]
    _, state, _ = _call("checked-plug", "en", lines, seed=2020)
    assert "check_plug" not in state.exchanges[-1].trainee.steps
