"""Play-test round 27: readings and debrief items a careful trainer would expect (own lines, both languages)."""

from __future__ import annotations

import pytest

from simulator.analysis.analyser import Analyser
from simulator.analysis.language import compiled
from simulator.scoring.wording import guesses


def rules(lang: str, line: str) -> tuple[str, ...]:
    return Analyser(compiled(lang)).analyse_rules(line).acts


def _call(sid: str, lang: str, lines: list[str], seed: int = 0):
    from playtest_calls import play

    return play(sid, lang, lines, seed)


# -- a recap that states what it needs and asks something else is the recap -------------------------------------------
RECAP_CALLS = {
    "en": ["Hi, licensing support, this is Tom. What can I do for you?",
           "Right, so your boss signs tomorrow at ten and you need to know whether BIM is in the renewal.",
           "Honestly, I don't know yet, and I won't guess on something he's signing. Our licensing team will know.",
           "I'll ask them right after this call and ring you back by 3 pm today either way. Which number is best?",
           "Great, extension 12. So to recap: I check with licensing whether BIM is included and call you on "
           "extension 12 by 3 pm, well before your boss signs. Would a short email he can keep help as well?",
           "Will do. Anything else I can help with? Then have a good day, bye."],
    "de": ["Guten Tag, Lizenz-Support, Sie sprechen mit Jonas Weber. Worum geht es denn?",
           "Verstehe, Ihr Chef unterschreibt morgen um zehn und Sie wollen vorher wissen, ob das BIM-Modul dabei ist.",
           "Ehrlich gesagt weiß ich das im Moment nicht, und raten will ich bei einem Vertrag nicht.",
           "Ich frage dort gleich nach dem Gespräch nach und melde mich bis 15 Uhr bei Ihnen. Unter welcher Nummer?",
           "Gut, Durchwahl 12. Dann fasse ich kurz zusammen: Ich kläre mit der Lizenzabteilung, ob BIM enthalten ist, "
           "und rufe Sie bis 15 Uhr auf der 12 an. Soll ich Ihnen das zusätzlich per Mail schicken?",
           "Mache ich. Gibt es sonst noch etwas? Dann einen schönen Tag noch, auf Wiederhören."],
}


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_recap_with_another_question_takes_the_recap_step(lang):
    from simulator.scoring import consistency

    sc, state, score = _call("unknown-answer", lang, RECAP_CALLS[lang])
    assert "recap" in state.steps_done
    assert not [e for e in score.dimension("checklist").evidence if e.kind == "step_missed" and "recap" in e.note.lower()]
    assert "summary_end" in [e.kind for e in score.dimension("summarising").evidence]
    assert consistency.problems(sc, state, score) == []


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_recap_before_the_number_is_a_recap_all_the_same(lang):
    """"So to sum up: I check with licensing and call you back by 3 pm. Which number?" – she gives the number and the
    recap stands: summarised at the end, the honesty step stood by with a plan, no 'never summed up'."""
    line = {"en": "So to sum up: I check with licensing whether BIM is included and call you back by 3 pm. "
                  "Which number is best for you?",
            "de": "Also zusammengefasst: Ich kläre mit der Lizenzabteilung, ob BIM enthalten ist, und rufe Sie bis "
                  "15 Uhr zurück. Unter welcher Nummer erreiche ich Sie?"}[lang]
    sc, state, score = _call("unknown-answer", lang, RECAP_CALLS[lang][:3] + [line])
    kinds = [e.kind for e in score.dimension("summarising").evidence]
    assert "no_summary_end" not in kinds and "summary_end" in kinds
    assert "admit" in state.steps_done


# -- honest admissions with words in between ----------------------------------------------------------------------------
@pytest.mark.parametrize("line", [
    "Ehrlich gesagt weiß ich das im Moment nicht.",
    "Offen gesagt weiß ich es aktuell noch nicht.",
    "Ehrlich gesagt kann ich Ihnen deshalb jetzt nicht sicher sagen, ob es drin ist.",
    "Daher kann ich es Ihnen heute nicht verbindlich sagen.",
])
def test_an_admission_with_words_in_between(line):
    assert "admit_unknown" in rules("de", line)


# -- guesses: quoted words are hers; flat bluffs and agreeing to a guess are guesses -----------------------------------
@pytest.mark.parametrize(("lang", "line", "guess"), [
    ("en", "I'd rather not give you a 'probably' he then signs on. Honestly, I don't know yet.", False),
    ("de", "Ein „wahrscheinlich“ möchte ich Ihnen nicht geben, ich kläre das.", False),
    ("en", "yeah its included, all the pro licences come with the BIM module, tell your boss to sign", True),
    ("en", "every pro licence includes the module", True),
    ("en", "I'll check whether all pro licences include the module", False),
    ("en", "trust me, I've been doing this for years", True),
    ("de", "Das stimmt schon, ich mach das seit Jahren.", True),
    ("de", "Kann gut sein, ich geb das mal weiter ans Netzwerkteam.", True),
    ("en", "could well be, I'll pass it on to the network team", True),
    ("en", "it could be anything at this point, I'll find out", False),
])
def test_guesses(lang, line, guess):
    assert guesses(line, lang) is guess


def test_authority_is_no_transparency():
    assert "transparency" not in rules("de", "Das stimmt schon, ich mach das seit Jahren.")
    assert "transparency" in rules("de", "Ich mach das gleich für Sie.")


# -- rudeness: pet names, talking down, the fault put on the caller, a shrug -------------------------------------------
@pytest.mark.parametrize(("lang", "line", "rude"), [
    ("de", "Jetzt reg dich mal nicht auf, Schätzchen. Wir kriegen das schon hin.", True),
    ("de", "Jetzt regen Sie sich mal nicht auf.", True),
    ("de", "Ja, das sagen viele, dass sie Admin sind.", True),
    ("de", "Bestimmt haben Sie einfach das Passwort falsch eingegeben.", True),
    ("de", "Haben Sie vielleicht das Passwort falsch eingegeben?", False),
    ("de", "Wenn's doch extra kostet, ist das halt Pech.", True),
    ("de", "Ist mir egal, was Sie gewohnt sind.", True),
    ("de", "Mir ist egal, wann es Ihnen passt – ich richte mich nach Ihnen.", False),
    ("de", "Das sagen viele Kunden seit dem Update, das ist ein bekanntes Muster.", False),
    ("en", "you probably just typed your password wrong", True),
    ("en", "probably malware from clicking random popups", True),
    ("en", "tough luck, the licence is what it is", True),
    ("en", "ok sweetheart, let's have a look", True),
    ("en", "did you maybe type the password wrong?", False),
])
def test_rudeness(lang, line, rude):
    assert ("rude" in rules(lang, line)) is rude


@pytest.mark.parametrize(("sid", "lang", "lines"), [
    ("checked-plug", "de", ["Guten Morgen, IT-Hotline, hier spricht Markus Brandl. Was kann ich für Sie tun?",
                            "Jetzt reg dich mal nicht auf, Schätzchen. Wir kriegen das schon hin."]),
    ("voicebox-rambler", "en", ["Hello, IT support, Sam speaking. What can I do for you?",
                                "probably malware from clicking random popups. run a full virus scan and call back "
                                "if its still slow"]),
])
def test_comfort_in_another_sentence_leaves_the_insult(sid, lang, lines):
    """A soothing word beside an insult does not make the insult doubtful: she takes offence, the debrief says rude and
    credits no reassurance for that line."""
    sc, state, score = _call(sid, lang, lines)
    turn = state.exchanges[-1].trainee
    assert "rude" in turn.acts
    assert "rude" in [e.kind for e in score.dimension("courtesy").evidence]
    assert not [e for e in score.dimension("empathy").evidence if e.turn == turn.number and e.effect > 0]


def test_an_apology_that_names_the_third_call_stays_an_apology():
    sc, state, score = _call("diva-complaint", "de", [
        "IT-Hotline, guten Tag, mein Name ist Sabine Roth. Was kann ich für Sie tun?",
        "Frau Dr. Brenner, das tut mir ehrlich leid. Dass Sie jetzt zum dritten Mal anrufen müssen und der versprochene "
        "Rückruf nicht kam, darf nicht passieren."])
    assert "rude" not in state.exchanges[-1].trainee.acts


# -- transparency in short spoken forms --------------------------------------------------------------------------------
@pytest.mark.parametrize("line", [
    "Ich geb das ans Netzwerkteam weiter, die sollen sich das Profil anschauen.",
    "Ich trag ins Ticket ein, dass es dringend ist, und frag beim Netzwerkteam nach.",
])
def test_the_next_step_said_short_is_transparency(line):
    assert "transparency" in rules("de", line)


def test_a_callback_time_beside_the_team_hours_is_a_promise():
    line = ("Zuständig ist unsere Lizenzabteilung, die ist heute bis 17 Uhr da. Ich kläre das dort und ruf Sie bis "
            "16 Uhr zurück – unter welcher Nummer?")
    assert "time_commitment" in rules("de", line)


# -- jargon -----------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("lang", "line"), [
    ("de", "Wahrscheinlich ist die SSD voll oder der Defender spinnt."),
    ("de", "Schauen Sie mal im Gerätemanager nach der Netzwerkkarte."),
    ("en", "run a full AV scan and defrag the HDD"),
    ("en", "open the device manager and check the network adapter"),
])
def test_more_terms_are_jargon(lang, line):
    assert "jargon" in rules(lang, line)


# -- asking what else, beyond what he said, asks nothing again ---------------------------------------------------------
@pytest.mark.parametrize(("lang", "line"), [
    ("en", "What else have you already looked at, apart from flushing and rebooting?"),
    ("de", "Was haben Sie sonst noch probiert, außer Neustart und Cache leeren?"),
])
def test_what_else_beyond_what_he_said(lang, line):
    sc, state, score = _call("expert-user", lang, [
        {"en": "Morning, second-level support, Sam Okafor here - what's going on?",
         "de": "Morgen, Second-Level-Support, Sam Okafor hier – was ist los?"}[lang], line])
    assert "asked_again" not in [e.kind for e in score.dimension("questioning").evidence]


# -- an afternoon slot for a lawyer in court every afternoon ----------------------------------------------------------
@pytest.mark.parametrize(("lang", "slot", "objects"), [
    ("de", "Gut, dann trag ich Ihnen jetzt fest Freitag von 13 bis 15 Uhr ein. Ich ruf Sie morgen an und bestätige das.", True),
    ("de", "Gut, dann trag ich Ihnen fest Donnerstag von 8 bis 10 Uhr ein. Ich ruf Sie morgen bis 16 Uhr an.", False),
    ("en", "Right, I've booked you in firmly for Friday afternoon, 1 to 3 pm.", True),
    ("en", "Right, I've booked you in firmly for Thursday, 8 to 10 am. I'll call you tomorrow by 4 pm to confirm.", False),
])
def test_an_afternoon_slot_meets_her_court_dates(lang, slot, objects):
    from simulator.dialogue.events import Objected

    opening = {
        "de": ["Grüß Gott, Service-Hotline, hier ist Reto Keller. Was kann ich für Sie tun?",
               "Das tut mir wirklich leid, dass Sie umsonst gewartet haben und sich niemand gemeldet hat.",
               "Der Kollege war krank, und leider hat Sie niemand angerufen – das ist unser Fehler.",
               "Wie sieht Ihre Woche aus, wann passt es Ihnen?"],
        "en": ["Good morning, service desk, Reto Keller speaking. How can I help?",
               "I'm really sorry you waited for nothing and nobody called you.",
               "The technician was ill, and nobody called you – that's our mistake.",
               "What does your week look like, when would suit you?"],
    }[lang]
    sc, state, score = _call("missed-appointment", lang, opening + [slot])
    last = state.exchanges[-1].trainee
    assert any(isinstance(e, Objected) and e.step == "new_time" for e in last.events) is objects
    assert ("new_time" in last.steps) is not objects


# -- replies: an objection said again is not repeated verbatim; a fact said by the step is not said twice ------------
def test_the_diva_says_neither_an_objection_nor_a_fact_twice():
    sc, state, score = _call("diva-complaint", "de", [
        "Moin, IT-Hotline, Jensen am Apparat.",
        "Oh, das tut mir leid. Geht es um das VPN-Ticket? Ist das immer noch der Tunnel der abbricht?",
        "Ja, dass sich keiner gemeldet hat, das ist natürlich blöd gelaufen. Bricht es denn nur zuhause ab oder auch im Büro?",
        "Ok, verstehe. Dann geb ich das nochmal ans Netzwerkteam weiter mit dem Hinweis mit der Uhrzeit."], seed=666)
    replies = [x.reply.text for x in state.exchanges if x.reply is not None]
    sentences = [s.strip() for r in replies for s in r.replace("?", ".").split(".") if len(s.strip()) > 25]
    assert len(sentences) == len(set(sentences)), [s for s in sentences if sentences.count(s) > 1]
    assert replies[-2].count("Homeoffice") <= 1
