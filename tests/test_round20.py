"""Play-test round 20: sarcasm at the caller's own checks and blame for a typo are rude; neighbours are not."""

from __future__ import annotations

import pytest

from simulator.analysis import Analyser
from simulator.analysis.language import compiled


def acts(lang: str, line: str) -> set[str]:
    return set(Analyser(compiled(lang)).analyse(line).acts)


@pytest.mark.parametrize(("lang", "line"), [
    ("en", 'Oh great, another user who "already checked". Just look under the desk.'),
    ("en", "Brilliant, yet another caller who supposedly tried everything."),
    ("en", "you probably typed the password wrong"),
    ("en", "You must have just entered it incorrectly."),
    ("de", "Na toll, noch so ein User, der schon alles geprüft hat."),
    ("de", "Super, schon wieder ein Experte, der angeblich alles neu gestartet hat."),
    ("de", "Sie haben das Passwort bestimmt falsch eingetippt."),
    ("de", "Sie haben sich wahrscheinlich vertippt."),
])
def test_sarcasm_and_typo_blame_are_rude(lang, line):
    assert "rude" in acts(lang, line)


@pytest.mark.parametrize(("lang", "line"), [
    ("en", "Great, another user who can print again - thanks for your patience."),
    ("en", "Maybe the password was typed wrong, shall we reset it together?"),
    ("en", "Could you type the password again? Caps lock is easy to miss."),
    ("de", "Haben Sie das Passwort vielleicht falsch eingegeben? Das passiert schnell."),
    ("de", "Vielleicht hat sich beim Passwort ein Tippfehler eingeschlichen, das passiert jedem."),
    ("de", "Prima, noch ein Kollege, der wieder drucken kann."),
])
def test_neighbours_are_not_rude(lang, line):
    assert "rude" not in acts(lang, line)


# --- the summary at the end that also takes the solving steps -------------------------------------------------------

from playtest_calls import items, play  # noqa: E402

from simulator.scoring.consistency import problems  # noqa: E402

DIVA = {
    "en": ["Hello, IT support, Jo Novak speaking.",
           "I'm so sorry you've had to ring three times and nobody called you back. I've got your ticket up on my screen.",
           "So as far as I can see, the VPN cuts out when you work from home, the client was reinstalled twice, and the "
           "network team has it. You don't have to explain it all again.",
           "I'll get back to you by three this afternoon.",
           "To sum up: the VPN cuts out every hour at home, I'm your contact person from now on and I'll call you by "
           "three today."],
    "de": ["Guten Tag, IT-Service, Sie sprechen mit Jo Novak.",
           "Es tut mir wirklich leid, dass Sie jetzt schon zum dritten Mal anrufen müssen und der Rückruf nie kam. Ich "
           "habe Ihr Ticket vor mir.",
           "Wenn ich das Ticket richtig lese: Das VPN bricht ab, wenn Sie von zu Hause arbeiten, der Client wurde zweimal "
           "neu installiert und das Netzwerkteam hat es. Das müssen Sie mir nicht noch einmal erzählen.",
           "Ich melde mich heute bis 15 Uhr bei Ihnen.",
           "Zusammengefasst: Das VPN bricht zu Hause jede Stunde ab, ich bin ab jetzt Ihr Ansprechpartner und rufe Sie "
           "heute bis 15 Uhr an."],
}


@pytest.mark.parametrize("lang", ["en", "de"])
def test_recap_that_says_back_the_promised_time_is_the_summary_at_the_end(lang):
    # the last line takes ownership and the commitment (so it is where the solution was proposed) and sums up what
    # was agreed, repeating the time promised a line before: "no summary at the end" quoting it contradicted itself
    sc, state, score = play("diva-complaint", lang, DIVA[lang])
    kinds = {(e.turn, e.kind) for e in items(score, "summarising")}
    assert (5, "summary_end") in kinds and (5, "no_summary_end") not in kinds
    assert (3, "summary_before") in kinds
    assert problems(sc, state, score) == []


def test_walking_the_ticket_over_oneself_takes_ownership():
    sc, state, score = play("diva-complaint", "en", DIVA["en"][:3] + [
        "I'll walk this over to the network team right after our call and phone you by three today with the status."])
    assert {"ownership", "commitment"} <= set(state.steps_done)


# --- a confident claim where nobody has checked is a guess too -----------------------------------------------------

from playtest_calls import kinds  # noqa: E402

from simulator.scoring.wording import guesses  # noqa: E402


@pytest.mark.parametrize(("lang", "line", "guess"), [
    ("en", "yeah thats covered for sure", True),
    ("en", "Yes, it's definitely included in your licence.", True),
    ("en", "It is covered 100%.", True),
    ("en", "I'll find out whether it's definitely included and call you back by three.", False),
    ("en", "Honestly, I don't know yet - I'll ask the licensing team.", False),
    ("de", "Das ist garantiert mit drin.", True),
    ("de", "Ja, das ist auf jeden Fall enthalten, keine Sorge.", True),
    ("de", "Ich kläre bis drei, ob das wirklich enthalten ist.", False),
    ("de", "Da bin ich mir nicht sicher, das kläre ich.", False),
])
def test_confident_claims_are_guesses(lang, line, guess):
    assert guesses(line, lang) is guess


@pytest.mark.parametrize(("lang", "lines"), [
    ("en", ["Good morning, IT support, Alex speaking. How can I help?", "Sure, the BIM module is definitely included."]),
    ("de", ["Guten Morgen, IT-Support, Alex am Apparat. Was kann ich für Sie tun?",
            "Ja klar, das BIM-Modul ist garantiert mit drin."]),
])
def test_a_confident_claim_costs_the_guess_points(lang, lines):
    sc, state, score = play("unknown-answer", lang, lines)
    assert "guess" in kinds(score, "transparency", 2)
    assert problems(sc, state, score) == []


# --- granting her own check, with a reason about the thing itself --------------------------------------------------

from playtest_calls import head_acts, last, replayed  # noqa: E402


@pytest.mark.parametrize(("lang", "line"), [
    ("en", "I know you've already checked the plug."),
    ("en", "I know you tried that already, thanks."),
    ("de", "Ich weiß, dass Sie das schon geprüft haben."),
    ("de", "Ich weiß, Sie haben den Stecker bereits kontrolliert."),
])
def test_granting_her_check_is_understanding_not_rudeness(lang, line, monkeypatch):
    assert "empathy" in acts(lang, line)
    assert "rude" not in head_acts(lang, line, monkeypatch)


@pytest.mark.parametrize(("lang", "line"), [
    ("en", "Yeah yeah, I know you checked, everybody says that."),
    ("de", "Ja ja, ich weiß, Sie haben schon alles geprüft, das sagen alle."),
])
def test_granting_with_a_sneer_is_no_understanding(lang, line):
    assert "empathy" not in acts(lang, line)


@pytest.mark.parametrize(("lang", "lines"), [
    ("en", ["Hi, service desk, Robin here. What can I do for you?",
            "I know you've already checked the plug. Could you look at the power strip under the desk? It has its own "
            "switch."]),
    ("de", ["Hallo, Servicedesk, hier ist Robin. Was kann ich für Sie tun?",
            "Ich weiß, Sie haben den Stecker schon geprüft. Schauen Sie bitte mal auf die Steckerleiste unterm Tisch? "
            "Die hat einen eigenen Schalter."]),
])
def test_her_check_granted_and_a_reason_about_the_strip_wins_her_over(lang, lines):
    state = replayed("checked-plug", lang, lines)
    assert "check_plug" in state.steps_done


# --- a question she could not understand narrowed nothing down ----------------------------------------------------


@pytest.mark.parametrize(("lang", "lines"), [
    ("en", ["Hello, IT support, Chris speaking. What happened?",
            "Is your ethernet cable plugged into the RJ45 port on the NIC?"]),
    ("de", ["Hallo, IT-Support, Chris am Apparat. Was ist denn passiert?",
            "Steckt das Patchkabel im RJ45-Port der NIC?"]),
])
def test_a_jargon_question_that_confused_her_is_no_narrowing(lang, lines):
    sc, state, score = play("jargon-averse", lang, lines)
    assert "confused" in {e.kind for e in state.exchanges[-1].trainee.events}
    assert "narrowing" not in kinds(score, "questioning")
    assert problems(sc, state, score) == []


# --- "at the earliest" with no time is no time anyone can hold the agent to ---------------------------------------

from simulator.scoring.wording import vague  # noqa: E402


@pytest.mark.parametrize(("lang", "sentence", "is_vague"), [
    ("en", "Yes madam, I will revert back at the earliest.", True),
    ("en", "I'll get back to you at your earliest convenience.", True),
    ("en", "I will call you by 3 pm at the latest.", False),
    ("de", "Ich melde mich baldmöglichst bei Ihnen.", True),
    ("de", "Ich melde mich schnellstens.", True),
    ("de", "Ich rufe Sie heute um 15 Uhr an.", False),
])
def test_as_soon_as_possible_in_other_words_is_vague(lang, sentence, is_vague):
    assert vague(sentence, lang) is is_vague


@pytest.mark.parametrize(("line", "is_rude"), [
    ("Ja mei, i war's ned, i bin erst seit Montag da.", True),
    ("Ich war das nicht, ich bin neu hier.", True),
    ("Ob ich das war, weiß ich nicht.", False),
    ("Ich war nicht da, als Sie angerufen haben, das tut mir leid.", False),
])
def test_it_was_not_me_shifts_the_blame(line, is_rude):
    assert ("rude" in acts("de", line)) is is_rude


def test_it_was_not_me_is_no_apology():
    state = replayed("missed-appointment", "de", ["Grüß Gott, IT-Service, Huber am Apparat.",
                                                  "Ja mei, i war's ned, i bin erst seit Montag da."])
    trainee, reply = last(state)
    assert "rude" in trainee.acts and not trainee.steps
