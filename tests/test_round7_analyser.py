"""Play-test round 7: lines the analyser read wrongly, as families (not single sentences).

The testers' calls are ``tests/scripts_playtest/<scenario>/<lang>-r7-<quality>.txt``. These tests ask the rules
alone (``analyse_rules``): the learned head may add or veto some acts, but the evidence the debrief quotes comes
from the rules.
"""

from __future__ import annotations

import pytest

from simulator.analysis import Analyser
from simulator.scenario import load


def _acts(lang: str, line: str) -> set[str]:
    return set(Analyser.for_language(lang).analyse_rules(line).acts)


# -- a shrug that exonerates the customer is no brush-off ------------------------------------------------------
@pytest.mark.parametrize("line", [
    "Probably not, these things happen. Can you check if the cable is plugged into the PC?",
    "No, you didn't do anything wrong, these things happen.",
    "Don't worry, these things happen.",
])
def test_these_things_happen_beside_exoneration_is_not_rude(line: str) -> None:
    assert "rude" not in _acts("en", line)


@pytest.mark.parametrize("line", [
    "Probably the tech had another job that overran, these things happen.",
    "Stuff happens.",
])
def test_these_things_happen_about_our_own_failure_stays_a_brush_off(line: str) -> None:
    assert "rude" in _acts("en", line)


# -- sarcasm and sneers ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang, line", [
    ("en", "yeah sure you did. is the power strip on or not"),
    ("en", "Sure you have."),
    ("en", "because the strip has its own switch genius."),
    ("en", "we are the experts, that's why. whatever. just do it"),
    ("en", "take it how you like. is the switch on or off"),
    ("en", "90% of these tickets are PEBKAC."),
    ("en", "Everyone's a sysadmin these days. Have you rebooted?"),
    ("en", "Nothing I can do."),
    ("en", "Not much more I can do from here mate. Reinstall, that's it."),
    ("de", "Ich bin aber kein Hellseher, deshalb frag ich nach: Leuchtet ein Lämpchen?"),
    ("de", "Jeder ist heute ein Admin."),
    ("de", "Das Problem sitzt meistens vor dem Bildschirm."),
    ("de", "Was haben Sie denn jetzt schon wieder angestellt?"),
    ("de", "Na, wat ham Se denn nu wieder angestellt?"),
    ("de", "Wenn Sie nicht unter den Tisch gucken, kann ich auch nix machen."),  # "nix" is read as "nichts" now
])
def test_sarcasm_is_rude(lang: str, line: str) -> None:
    assert "rude" in _acts(lang, line)


@pytest.mark.parametrize("lang, line", [
    ("en", "Whatever works best for you, Thursday or Friday."),
    ("en", "whatever you prefer is fine"),
    ("en", "Sure, you did restart it, that's great."),
    ("en", "Not much I can do about that, but here's what we'll try."),
    ("en", "There's not much more I can do from here, but I'll escalate it now."),
    ("de", "Was ist denn wieder los?"),
    ("de", "Was genau passiert denn jetzt wieder, wenn Sie drucken?"),
])
def test_polite_lines_that_look_like_sneers_are_not_rude(lang: str, line: str) -> None:
    assert "rude" not in _acts(lang, line)


# -- greetings, reassurance, honesty ---------------------------------------------------------------------------
@pytest.mark.parametrize("line", [
    "Good afternoon, thanks for calling, my name's Kevin Morales. What can I do for you today?",
    "Good morning, thank you for calling the IT service desk. My name is Deborah.",
])
def test_thanks_for_calling_in_a_greeting_is_no_goodbye(line: str) -> None:
    acts = _acts("en", line)
    assert "greeting" in acts and "closing" not in acts


def test_thanks_for_calling_with_a_goodbye_still_closes() -> None:
    assert "closing" in _acts("en", "Thank you for calling IT support. Goodbye.")


@pytest.mark.parametrize("line", [
    "You won't break anything by looking. Is one of the cables loose?",
    "you can't break anything",
    "Nothing can go wrong, I promise.",
])
def test_you_wont_break_anything_reassures(line: str) -> None:
    assert "reassurance" in _acts("en", line)


def test_you_cant_delete_it_yourself_is_no_reassurance() -> None:
    assert "reassurance" not in _acts("en", "You can't delete it yourself, I have to do that.")


@pytest.mark.parametrize("line, unknown", [
    ("Standard procedure, I have to ask.", False),
    ("I have to ask you, did you restart it?", False),
    ("I'd have to ask the licensing team.", True),
    ("I need to ask someone about that.", True),
])
def test_i_have_to_ask_is_not_knowing_only_when_someone_is_to_be_asked(line: str, unknown: bool) -> None:
    assert ("admit_unknown" in _acts("en", line)) is unknown


# -- questions run on without punctuation (recogniser output) --------------------------------------------------
@pytest.mark.parametrize("line", [
    "so there's a little globe with a cross and the calendar says no connection have you got patients waiting right now",
    "the screen is black did you try the power button",
])
def test_a_question_run_on_after_a_statement_is_heard(line: str) -> None:
    assert "closed_question" in _acts("en", line)


def test_a_statement_with_have_you_inside_is_no_question() -> None:
    acts = _acts("en", "I know what you mean and I think you have tried everything")
    assert not acts & {"closed_question", "open_question"}


# -- recaps --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang, line", [
    ("de", "Gern. Also kurz fürs Protokoll: Ursache ist die fehlende Regel im Profil, Rückmeldung von mir bis 16 Uhr."),
    ("en", "Just for the record: the printer was off at the strip, it's on now and printing again."),
])
def test_for_the_record_opens_a_recap(lang: str, line: str) -> None:
    assert "summary" in _acts(lang, line)


def test_for_the_record_before_a_question_is_no_recap() -> None:
    assert "summary" not in _acts("de", "Fürs Protokoll: wie heißen Sie?")


# -- numbers that are no time ----------------------------------------------------------------------------------
@pytest.mark.parametrize("lang, line", [
    ("en", "add the rule by hand, pointing at 10.20.0.53. Which works better for you?"),
    ("de", "Tragen Sie als Server 10.20.0.53 ein."),
])
def test_an_address_is_no_time(lang: str, line: str) -> None:
    assert "time_commitment" not in _acts(lang, line)


@pytest.mark.parametrize("lang, line", [("en", "I'll call you at 4.30"), ("de", "um 10.20 Uhr rufe ich an")])
def test_a_time_with_a_dot_still_is(lang: str, line: str) -> None:
    assert "time_commitment" in _acts(lang, line)


# -- regional and chat spellings (language data ``variants``) --------------------------------------------------
@pytest.mark.parametrize("line, act", [
    ("I schau grad bei mir nach", "transparency"),
    ("Ick kiek grad in Ihr Kundenkonto", "transparency"),
    ("Sie könnet nix kaputt mache, versproche", "reassurance"),
    ("Wat ham Se denn als Letztes angeklickt?", "open_question"),
    ("Des woaß i ehrlich ned, do muaß i frogn.", "admit_unknown"),
    ("Drücken Se ma uff den roten Knopp.", "instruction"),
    ("Tach, IT, Kalle. Wer is dran?", "callback"),
])
def test_regional_german_is_understood(line: str, act: str) -> None:
    assert act in _acts("de", line)


def test_the_german_tag_ne_stays_a_question() -> None:
    assert "closed_question" in _acts("de", "Das ist gut so, ne?")


@pytest.mark.parametrize("line, act", [
    ("i dunno yet, lemme check with the team", "admit_unknown"),
    ("What happend when you tried to open it?", "open_question"),
    ("Could you pls try logging in on the website instead?", "instruction"),
])
def test_chat_spellings_are_understood(line: str, act: str) -> None:
    assert act in _acts("en", line)


# -- a scenario's short jargon term is a whole word ------------------------------------------------------------
@pytest.mark.parametrize("lang, line, jargon", [
    ("de", "Das dauert nicht lange.", False),
    ("de", "Ganz langsam bitte.", False),
    ("de", "Wir machen das auf dem Land genauso.", False),
    ("de", "Ist das LAN-Kabel drin?", True),
    ("en", "Can you check your landline?", False),
    ("en", "Do you have an iPhone?", False),
    ("en", "Is the LAN cable in?", True),
    ("en", "Check the IPs please", True),
])
def test_short_scenario_jargon_matches_whole_words(lang: str, line: str, jargon: bool) -> None:
    analyser = Analyser.for_scenario(load("jargon-averse"), lang)
    assert ("jargon" in analyser.analyse_rules(line).acts) is jargon


# -- questions said without "?" (recogniser output): alternatives, check-back tags, bare "welche" -----------
@pytest.mark.parametrize("lang, line", [
    ("en", "green or red"),
    ("en", "blank every time or only sometimes"),
    ("en", "so the card machine works for contactless but not chip and pin correct"),
    ("de", "grün oder rot"),
    ("de", "bei allen kollegen oder nur bei ihnen"),
    ("de", "welche fehlermeldung"),
    ("de", "welche namen lösen nicht auf"),
    ("de", "servicedesk omar da sind sie richtig worum geht's"),
    ("de", "wos genau geht ned"),
    ("de", "griaß gott frau hahn it da maier wos is mit'm drucker"),
    ("de", "griaß gott it da huber schorsch wo fehlt's"),
    ("de", "morgen um acht ginge das"),
    ("de", "hat sich an ihrem arbeitsplatz in letzter zeit etwas verändert"),
    ("de", "kommen die mails auf dem handy an"),
    ("de", "das headset knackt seit dem update was hat sich denn sonst noch geändert"),
])
def test_unpunctuated_questions_are_heard(lang: str, line: str) -> None:
    assert _acts(lang, line) & {"open_question", "closed_question"}


@pytest.mark.parametrize("lang, line", [
    ("en", "it takes about ten minutes or so"),
    ("en", "i'll call you at 2 pm whether the network team has finished or not"),
    ("en", "you did everything right"),
    ("en", "i can send someone tomorrow or thursday"),
    ("en", "click on the little arrow pointing right"),
    ("de", "ich rufe sie morgen oder übermorgen an"),
    ("de", "welche ursache das hat weiß ich noch nicht"),
    ("de", "ich frage weil heute nacht welche verteilt wurden"),
    ("de", "passt scho des kriag ma hin"),
    ("de", "so geht das"),
    ("de", "hat sich erledigt"),
    ("de", "kommen Sie einfach vorbei"),
])
def test_statements_with_or_right_or_welche_are_no_questions(lang: str, line: str) -> None:
    assert not _acts(lang, line) & {"open_question", "closed_question"}


# -- round 8 (same testers' brief, a new build): Bavarian, recaps without "zusammenfassen", a wish is no greeting ----
@pytest.mark.parametrize("line, act", [
    ("Griaß Gott, do is da Sepp Huber vo da EDV-Hotline. Wos is denn bei Eahna los?", "greeting"),
    ("Kurz zsammgfasst: Des Kabel hinten war rausgrutscht, drum hod da Computer koa Verbindung ghabt.", "summary"),
    ("Dann an scheena Dog no, pfiat Eahna, Frau Lindner!", "closing"),
    ("Also noch mal kurz: der Drucker war aus, jetzt geht er wieder.", "summary"),
    ("Also nochmal in Kürze: Ich klär das mit der Lizenzabteilung und rufe Sie bis 16 Uhr an.", "summary"),
    ("danke für ihre geduld also noch mal kurz ich kläre das mit dem netzwerkteam und rufe sie bis 14 uhr an", "summary"),
    ("Ich eskalier das jetzt ans Netzwerkteam, dann müssen Sie nichts doppelt erklären.", "transparency"),
])
def test_round8_german_lines_are_read(line: str, act: str) -> None:
    assert act in _acts("de", line)


@pytest.mark.parametrize("line, act", [
    ("ich wünsch ihnen trotzdem noch einen guten tag auf wiederhören", "greeting"),
    ("sie haben meine durchwahl falls was ist", "open_question"),
])
def test_round8_a_wish_is_no_greeting_and_falls_was_ist_no_question(line: str, act: str) -> None:
    assert act not in _acts("de", line)


@pytest.mark.parametrize("lang, line", [
    ("en", "So just so you know what happend: the network cable had come loose at the back, you clicked it back in."),
    ("de", "Des Kabel hinten war rausgerutscht, drum hod da Computer koa Verbindung ghabt."),
])
def test_round8_telling_the_cause_is_transparency(lang: str, line: str) -> None:
    assert "transparency" in _acts(lang, line)


def test_round8_asking_whether_she_knows_what_happened_explains_nothing() -> None:
    assert "transparency" not in _acts("en", "Do you know what happened?")


@pytest.mark.parametrize("line", ["Moin, Lizenzbetreuung.", "Die Toilette und der Boiler", "Können Sie prüfen, ob der Stecker steckt?"])
def test_standard_words_stay_as_they_are(line: str) -> None:
    """The Swabian oi -> ei pattern turned "Moin" into "Mein" (and a greeting into an introduction): only listed words."""
    from simulator.analysis.language import compiled

    assert compiled("de").standard(line) == line
