"""Round 16 (play-tests in both languages, then my own lines): what a good trainee line met, fixed in general.

- Denied blame reassures ("none of this was your fault", "Daran sind Sie nicht schuld"); blame stays rude.
- A back-channel in a sentence of its own before a question ("Ah ja. Und seit wann …?") is heard with the head too.
- A W-question mid-line without punctuation ("… how busy is it for you at the moment …") stays a question.
- Someone's opening hours beside a hand-over ("die ist heute bis 17 Uhr erreichbar, und ich gebe die Frage dorthin
  weiter") promise no time; "bekommen Sie die Antwort von mir heute bis 16 Uhr" does, next to her deadline.
- Summarising: a summary that was not due earns its points once the recap at the end is there (the note said "right
  so" under a dimension stuck at 75); a recap that brings the fix and asks "Is that okay?" is the summary of what
  was agreed, in the checklist and in summarising alike.
- The closing quote holds the goodbye ("You're welcome, Sam." was quoted for a line that wished well and said bye).
- "Safe travels" wishes well; the customer does not answer "Anything else?" with "Yes" and hang up.
Every line was written for this test, not copied from the play-test scripts.
"""

from __future__ import annotations

import pytest

from playtest_calls import head_acts, items, kinds, play
from simulator.analysis import Analyser
from simulator.scoring.consistency import problems
from simulator.scoring.wording import commits_no_time, own_time, wishes_well


def _rules(lang: str, line: str) -> set[str]:
    return set(Analyser.for_language(lang).analyse_rules(line).acts)


# -- analyser ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang, line", [
    ("en", "and none of this was your fault, the cable just slipped out"),
    ("en", "Nothing was your fault, honestly."),
    ("en", "It was never your fault."),
    ("de", "Nichts davon war Ihre Schuld, das Kabel ist einfach rausgerutscht."),
    ("de", "Daran sind Sie überhaupt nicht schuld."),
    ("de", "Sie trifft keine Schuld."),
])
def test_denied_blame_reassures_and_is_not_rude(lang: str, line: str, monkeypatch) -> None:
    assert "rude" not in _rules(lang, line)
    acts = head_acts(lang, line, monkeypatch)
    assert "rude" not in acts and "reassurance" in acts, acts


@pytest.mark.parametrize("lang, line", [
    ("en", "That was your fault and you know it."),
    ("de", "Das ist Ihre Schuld."),
    ("de", "Sie sind doch selber schuld."),
])
def test_blame_stays_rude(lang: str, line: str) -> None:
    assert "rude" in _rules(lang, line)


@pytest.mark.parametrize("line", ["Ah ja. Und seit wann ist das so?", "Okay. Läuft der Rechner denn schon lange so?"])
def test_a_back_channel_of_its_own_before_a_question_is_listening(line: str, monkeypatch) -> None:
    acts = head_acts("de", line, monkeypatch)
    assert "active_listening" in acts and {"open_question", "closed_question"} & acts, acts


@pytest.mark.parametrize("lang, line", [
    ("en", "right nothing is broken how busy is it for you at the moment are people waiting"),
    ("de", "gut kaputt ist nichts wie voll ist es gerade bei ihnen warten leute"),
])
def test_a_w_question_mid_line_without_punctuation_is_a_question(lang: str, line: str, monkeypatch) -> None:
    assert "open_question" in _rules(lang, line)
    assert "open_question" in head_acts(lang, line, monkeypatch)


def test_opening_hours_beside_a_hand_over_promise_no_time() -> None:
    line = ("Das klärt unsere Lizenzabteilung, die ist heute bis 17 Uhr erreichbar, und ich gebe die Frage gleich "
            "dorthin weiter.")
    assert "time_commitment" not in _rules("de", line)
    assert "time_commitment" in _rules("de", "Die Kollegen sind bis 17 Uhr erreichbar, ich melde mich bis 16 Uhr.")


@pytest.mark.parametrize("lang, line", [
    ("de", "Weil Ihr Chef morgen früh unterschreibt, bekommen Sie die Antwort von mir heute bis 15 Uhr."),
    ("en", "Since your boss signs tomorrow morning, you'll have the answer from me by 3 pm today."),
])
def test_the_answer_promised_to_her_is_the_agents_time(lang: str, line: str) -> None:
    assert own_time(line, lang)


@pytest.mark.parametrize("lang, line", [
    ("de", "Haben Sie bis morgen Zeit für einen Rückruf?"),
    ("en", "Do you get an answer from them by Friday?"),
])
def test_asking_about_her_answer_promises_nothing(lang: str, line: str) -> None:
    assert not own_time(line, lang)


@pytest.mark.parametrize("lang, line, mine", [
    ("de", "Kurz zusammengefasst: Der Drucker ist aus, und Sie brauchen die Ausdrucke bis heute Mittag.", False),
    ("en", "So the printer is dead and you need the statements by three.", False),
    ("de", "Sie brauchen nichts zu tun, ich rufe Sie bis 16 Uhr an.", True),
    ("en", "So you need them by three, and I will call you at two.", True),
])
def test_her_deadline_said_back_is_no_promise(lang: str, line: str, mine: bool) -> None:
    assert commits_no_time(line, lang) is not mine


# -- summarising and closing ---------------------------------------------------------------------------------------
FOUND = {
    "de": ["Guten Morgen, IT-Support, Sie sprechen mit Sam Müller. Was kann ich für Sie tun?",
           "Oje, und das am Abrechnungstag. Was genau passiert, wenn Sie drucken wollen?",
           "Ich glaube Ihnen, dass der Stecker drin ist. Könnten Sie trotzdem kurz nach der Steckdosenleiste unter dem "
           "Tisch schauen? Deren Schalter wird oft aus Versehen ausgetreten.",
           "Prima, dann schalten Sie die Leiste bitte ein und starten den Drucker.",
           "Ich fasse zusammen: Der Schalter an der Leiste war aus, jetzt ist er an, und der Drucker läuft wieder.",
           "Kann ich sonst noch etwas für Sie tun? Dann viel Erfolg mit dem Abschluss und einen schönen Tag noch. "
           "Auf Wiederhören!"],
    "en": ["Good morning, IT support, Sam Miller speaking. How can I help?",
           "Oh dear, on the day of the month-end run. What exactly do you see on the printer when you try to print?",
           "I believe you checked the plug. Could you please look at the power strip under the desk as well, because "
           "those switches get kicked off easily?",
           "Great, then please switch the strip on and start the printer.",
           "So to sum up: the switch on the power strip was off, it's back on, and the printer is running again.",
           "Is there anything else I can do for you? Then good luck with the month-end and have a nice day. Bye!"],
}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_summary_not_due_earns_its_points_with_the_recap_at_the_end(lang: str) -> None:
    sc, state, score = play("checked-plug", lang, FOUND[lang])
    assert state.solved, [x.reply.text for x in state.exchanges]
    assert "summary_not_due_found" in kinds(score, "summarising"), kinds(score, "summarising")
    assert score.dimension("summarising").value == 100
    assert problems(sc, state, score) == []


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_summary_not_due_without_any_recap_earns_nothing(lang: str) -> None:
    lines = FOUND[lang][:4] + FOUND[lang][5:]  # no recap at the end
    sc, state, score = play("checked-plug", lang, lines)
    not_due = [e for e in items(score, "summarising") if e.kind == "summary_not_due_found"]
    assert not_due and not_due[0].effect == 0, items(score, "summarising")
    assert "no_summary_end" in kinds(score, "summarising")
    assert problems(sc, state, score) == []


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_closing_quote_holds_the_goodbye(lang: str) -> None:
    _, _, score = play("checked-plug", lang, FOUND[lang])
    close = [e for e in items(score, "courtesy") if e.kind == "closing"]
    assert close and ("Wiederhören" in close[0].quote or "Bye" in close[0].quote), close


@pytest.mark.parametrize("lang", ["de", "en"])
def test_anything_else_is_not_answered_with_yes(lang: str) -> None:
    _, state, _ = play("checked-plug", lang, FOUND[lang])
    last = state.exchanges[-1].reply.text
    assert not last.lower().startswith(("yes", "ja")), last


MOBILE = ["Hello, mail support, Sam speaking, how can I help?",
          "I'm sorry, that sounds stressful on the road. What number can I call you back on if the line drops?",
          "Where are you right now, do you have a laptop with you?",
          "I can see the cause: your IT company isn't authorised on the account yet, so nobody could make the change.",
          "So, to sum up: your mail is down because Yilmaz IT isn't authorised, you write a short note by hand saying "
          "you authorise them, sign it, take a photo and send it to us, and I unlock them. Is that okay?",
          "As soon as the photo is in, I'll unlock it within 30 minutes and call you back by 2 pm.",
          "Safe travels, talk to you by 2. Bye!"]


def test_a_recap_that_brings_the_fix_and_asks_for_agreement_is_the_summary_of_what_was_agreed() -> None:
    sc, state, score = play("mobile-caller", "en", MOBILE)
    recap = [e for e in items(score, "checklist") if e.kind == "step_done" and "agreed" in e.note]
    assert recap and recap[0].turn == 5, items(score, "checklist")
    assert "summary_end" in kinds(score, "summarising", 5), items(score, "summarising")
    assert "no_summary_end" not in kinds(score, "summarising")
    assert problems(sc, state, score) == []


@pytest.mark.parametrize("line", ["Safe travels, and talk soon!", "Have a safe trip home.", "Good flight tomorrow!"])
def test_a_wish_for_the_journey_is_a_good_wish(line: str) -> None:
    assert wishes_well(line, "en")


# -- second pass: more of the play-tests' findings -----------------------------------------------------------------
@pytest.mark.parametrize("line", ["danke hab ich notiert wo sind sie gerade und was steht heute noch an",
                                  "was haben sie heute noch vor"])
def test_asking_about_her_day_promises_no_time(line: str) -> None:
    assert "time_commitment" not in _rules("de", line)


@pytest.mark.parametrize("lang, line", [
    ("de", "Gut, dann schaut sich das ein Kollege per Fernwartung an, der meldet sich dann bei Ihnen."),
    ("en", "Okay, a colleague will look at it remotely and he will get back to you."),
])
def test_someone_will_get_back_to_you_is_vague(lang: str, line: str) -> None:
    from simulator.scoring.wording import vague

    assert vague(line, lang)
    assert not vague("Der Kollege meldet sich heute bis 14 Uhr bei Ihnen." if lang == "de"
                     else "The technician will call you by 3 pm today.", lang)


@pytest.mark.parametrize("lang, line, excuse", [
    ("en", "please don't worry, you haven't done anything wrong, these things happen", False),
    ("de", "Keine Sorge, Sie haben nichts kaputt gemacht, so was kann passieren.", False),
    ("en", "Unfortunately these things happen sometimes, the technician was ill.", True),
    ("de", "Das kann mal passieren, der Kollege war krank.", True),
])
def test_these_things_happen_said_to_reassure_her_is_no_excuse(lang: str, line: str, excuse: bool) -> None:
    from simulator.scoring.wording import excuses

    assert excuses(line, lang) is excuse


@pytest.mark.parametrize("lang, line, open_", [
    ("en", "Hello, service desk, good morning, how are you doing today?", False),
    ("en", "How are you doing today, and what can I do for you?", True),
    ("en", "How are you connecting today?", True),
    ("de", "Guten Morgen, IT-Hotline, wie geht es Ihnen heute?", False),
    ("de", "Wie geht es Ihnen, und was kann ich für Sie tun?", True),
])
def test_small_talk_alone_is_no_open_question(lang: str, line: str, open_: bool, monkeypatch) -> None:
    assert ("open_question" in _rules(lang, line)) is open_
    assert ("open_question" in head_acts(lang, line, monkeypatch)) is open_


def test_a_yes_no_question_checking_back_what_he_said_is_answered_yes() -> None:
    """The rambler said "seit Montag so langsam"; asked back after a "Danke." he said "das kann ich so nicht sagen"."""
    from playtest_calls import replayed

    state = replayed("voicebox-rambler", "de", ["Guten Tag, Systemhaus Service, Tim Krause am Apparat.",
                                                "Danke. Ist der Rechner denn seit Montag so langsam?"], seed=7)
    reply = state.exchanges[-1].reply.text
    assert "nicht sagen" not in reply and "weiß ich nicht" not in reply, reply


def test_the_price_she_needs_is_no_callback_number() -> None:
    from playtest_calls import replayed

    state = replayed("unknown-answer", "en", ["hi licensing, this is Dan, how can i help?",
                                              "i see, ur boss needs a number before he signs, thats tight"])
    reply = state.exchanges[-1].reply.text
    assert "callback" not in reply.lower(), reply


@pytest.mark.parametrize("line", ["They're in until five today.", "the licensing team is here till 5",
                                  "what i can do is ask the licensing team, theyre in till 5 today"])
def test_someones_hours_in_chat_spelling_promise_no_time(line: str) -> None:
    assert "time_commitment" not in _rules("en", line)


@pytest.mark.parametrize("lang, line", [
    ("en", "So to sum up: I call the network team today and you hear from me by 11 tomorrow. Is that okay for you?"),
    ("de", "Ich fasse zusammen: Ich kläre das heute mit dem Netzwerkteam, und Sie hören bis morgen 11 Uhr von mir. "
           "Passt das so für Sie?"),
])
def test_a_closing_recap_asking_agreement_is_confirmed_not_met_with_i_dont_know(lang: str, line: str) -> None:
    from simulator.dialogue.reading import checks_agreement

    assert checks_agreement(line, lang)


@pytest.mark.parametrize("lang, line, hedged", [
    ("en", "So the switch on the strip had been turned off, probably knocked by accident, and now it prints.", True),
    ("de", "Der Schalter war aus, wahrscheinlich beim Putzen angestoßen, und jetzt druckt er wieder.", True),
    ("en", "Someone will probably call you back later.", False),
    ("de", "Die melden sich dann wahrscheinlich morgen.", False),
])
def test_a_guess_at_what_happened_is_no_vague_promise(lang: str, line: str, hedged: bool) -> None:
    from simulator.scoring.wording import hedges_the_past

    assert hedges_the_past(line, lang) is hedged


def test_a_recap_with_the_fix_the_engine_did_not_take_as_a_recap_is_no_summary_of_what_was_agreed() -> None:
    """Where the line that first proposed the fix summarised, but the checklist's recap step was not taken there (nor
    ever), summarising credits no "summarised at the end what was agreed" for it: the checklist says the step is
    missing, and the two never disagree (the engine as it stands takes the recap there; this pins the scorer's side)."""
    from dataclasses import replace

    from playtest_calls import reading
    from simulator.scoring import score_call

    sc, state, _ = play("mobile-caller", "en", MOBILE)
    fifth = next(x.trainee for x in state.exchanges if x.trainee is not None and x.trainee.number == 5)
    assert "recap" in fifth.steps  # the engine took it on the proposal's line
    state = reading(state, 5, fifth.acts, steps=tuple(s for s in fifth.steps if s != "recap"))
    state = replace(state, steps_done=tuple(s for s in state.steps_done if s != "recap"))
    score = score_call(sc, state)
    assert "summary_end" not in kinds(score, "summarising", 5), items(score, "summarising")
    assert problems(sc, state, score) == []
