"""Long trainee lines: marks off for the length, what was said still counts (play-testers, repeatedly).

A good 70–100-word line – an apology, a recap of the ticket, "I'll call you back by 12 tomorrow" – got "Spare me the
essay. What happens now, concretely?", took no step, and the debrief said "not counted – too long" for all of it. Now
the customer complains about the length (her ``mood.ramble`` cost and words) and answers what the line said in the
same breath, asking none of it again; the debrief debits the length once ("too long: N words, she listens to M") and
credits the steps. Only on a bad mobile line (``mood.ramble.lost``, the scenario's data) is a long line really lost.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from simulator.dialogue import Engine
from simulator.dialogue.events import Ramble, Unheard, has
from simulator.dialogue.session import replay
from simulator.scenario import load
from simulator.scoring.consistency import problems
from simulator.scoring.rubric import EvidenceItem
from simulator.scoring.wording import word_count

from playtest_calls import added, forge, items, kinds, play, replayed

LONG = {
    ("diva-complaint", "en"): [
        "IT service desk, Sam speaking, good morning.",
        "Dr Bennett, first of all I'm really sorry that you've had to call us a third time, that simply should not have "
        "happened. I've got your ticket 48213 open in front of me: on your first call you were told to restart, on the "
        "second it was forwarded to the network team, and the callback you were promised never came. From now on I'm "
        "personally taking care of your case, and I'll call you back by 12 tomorrow, whatever happens.",
    ],
    ("diva-complaint", "de"): [
        "IT-Service, Berger, guten Tag.",
        "Frau Dr. Brenner, zuerst einmal tut es mir wirklich leid, dass Sie uns schon zum dritten Mal anrufen müssen, das "
        "hätte nicht passieren dürfen. Ich habe Ihr Ticket 48213 vor mir: Beim ersten Anruf wurde Ihnen ein Neustart "
        "geraten, beim zweiten wurde es ans Netzwerkteam weitergeleitet, und der zugesagte Rückruf kam nie. Ich kümmere "
        "mich ab jetzt persönlich um Ihren Fall und rufe Sie bis morgen um 12 Uhr zurück, egal wie es aussieht.",
    ],
    ("unknown-answer", "en"): [
        "Hello, licensing support, Sam. What do you need the information for, and by when?",
        "Thank you, that really helps, and I completely understand that you want a clear answer before your boss signs "
        "tomorrow at ten. To be honest with you, I don't know whether the BIM module is included in the renewal, and I'd "
        "rather not guess, because the quote in your account only says Professional, five seats, nothing more. I'll check "
        "with our licensing team straight away and call you back by 4 pm today with a definite answer.",
    ],
    ("unknown-answer", "de"): [
        "Guten Tag, Lizenzbetreuung, Berger. Wofür brauchen Sie die Auskunft denn, und bis wann?",
        "Danke, das hilft mir sehr, und ich verstehe gut, dass Sie vor der Unterschrift Ihres Chefs morgen um zehn eine "
        "klare Antwort brauchen. Ehrlich gesagt weiß ich nicht sicher, ob das BIM-Modul in der Verlängerung enthalten ist, "
        "und raten möchte ich nicht, weil im Angebot in Ihrem Kundenkonto nur Professional, fünf Plätze steht, sonst nichts. "
        "Ich kläre das gleich mit unserer Lizenzabteilung und rufe Sie bis heute 16 Uhr mit einer verbindlichen Antwort zurück.",
    ],
}
"""Natural long lines (over the persona's ``max_words``) that say what a good agent says, and the line before them."""
TAKES = {"diva-complaint": {"apologise", "recap_known", "commitment"}, "unknown-answer": {"admit", "find_out", "time"}}
"""Steps each long line must take (among others)."""


def _last_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?…])\s+", text.strip())[-1]


def _long_turn(sid: str, lang: str):
    state = replayed(sid, lang, LONG[sid, lang])
    x = state.exchanges[-1]
    return load(sid), state, x.trainee, x.reply.text


@pytest.mark.parametrize("sid, lang", sorted(LONG))
def test_a_long_line_is_complained_about_and_still_taken_in(sid: str, lang: str) -> None:
    sc, state, turn, reply = _long_turn(sid, lang)
    assert has(turn.events, Ramble) and not has(turn.events, Unheard)  # too long, and she heard it all the same
    assert TAKES[sid] <= set(turn.steps), turn.steps
    for step in turn.steps:  # she answers each step in the same reply (a second "Gut." may be left out) …
        assert any(_last_sentence(answer) in reply for answer in sc.step(step).reply.all(lang)), (step, reply)
    # … after her complaint about the length, which asks for nothing she was just told
    complaint = sc.mood.ramble_heard.all(lang)
    assert complaint and reply.startswith(complaint), reply
    assert not any(text in reply for text in sc.mood.ramble.reply.all(lang))  # "Spare me the essay. What happens now?"


@pytest.mark.parametrize("sid, lang", sorted(LONG))
def test_the_length_still_costs_what_her_ramble_reaction_says(sid: str, lang: str) -> None:
    sc = load(sid)
    unlimited = replace(sc, mood=replace(sc.mood, max_words=0))  # the same persona, listening to any length
    long = replay(Engine(sc, lang), LONG[sid, lang])[-1]
    heard = replay(Engine(unlimited, lang), LONG[sid, lang])[-1]
    ramble = sc.mood.ramble
    assert long.trust == pytest.approx(max(0.0, heard.trust + ramble.trust))
    assert long.patience == pytest.approx(heard.patience + ramble.patience)
    if long.steps_done == heard.steps_done:
        assert long.mood == pytest.approx(heard.mood + ramble.mood)


@pytest.mark.parametrize("sid, lang", sorted(LONG))
def test_the_debrief_debits_the_length_once_and_credits_the_steps(sid: str, lang: str) -> None:
    sc, state, score = play(sid, lang, LONG[sid, lang])
    n = state.trainee_turns[-1].number
    debits = [e for d in score.dimensions for e in d.evidence if e.turn == n and e.kind in ("ramble", "ramble_lost")]
    assert [e.kind for e in debits] == ["ramble"] and debits[0].effect < 0
    words = word_count(state.trainee_turns[-1].text, lang)  # as she counts them (the analyser's tokens)
    assert words > sc.mood.max_words
    assert f"{words} " in debits[0].note and str(sc.mood.max_words) in debits[0].note  # "too long: 73 words … about 60"
    done = [e for e in items(score, "checklist", n) if e.kind == "step_done" and e.effect > 0]
    assert len(done) >= len(TAKES[sid])
    lost = [e.kind for d in score.dimensions for e in d.evidence if e.kind in ("step_lost", "lost")]
    assert lost == []
    assert problems(sc, state, score) == []  # credit and a length debit on one line: no contradiction


def test_on_a_bad_mobile_line_a_long_line_is_still_lost() -> None:
    """mobile-caller: ``mood.ramble.lost`` – "I only caught half"; nothing in the line counts, and the debrief says so."""
    sc = load("mobile-caller")
    assert sc.mood.ramble_lost and not load("diva-complaint").mood.ramble_lost
    lines = ["Hello Mr Reed, MailHaus support, my name is Lena Roth. In case we get cut off, what's the best number to "
             "call you back on?",
             "I'm really sorry you've had to explain this several times already, that must be very frustrating when "
             "you're travelling and need your e-mail for work. I want to sort this out for you today, properly and "
             "without sending you round in circles again, so tell me: what exactly happens when you try to send or "
             "receive your e-mail on the phone?"]
    sc, state, score = play("mobile-caller", "en", lines)
    turn = state.trainee_turns[-1]
    reply = state.exchanges[-1].reply.text
    assert has(turn.events, Ramble) and has(turn.events, Unheard) and not turn.steps
    assert any(text in reply for text in sc.mood.ramble.reply.all("en")) or "short" in reply
    assert kinds(score, "clarity", turn.number) == ["ramble_lost"]
    assert "step_lost" in kinds(score, "checklist", turn.number)
    assert problems(sc, state, score) == []


def test_the_checker_keeps_the_two_readings_of_a_long_line_apart() -> None:
    sc, state, score = play("diva-complaint", "en", LONG["diva-complaint", "en"])
    n = state.trainee_turns[-1].number
    lost = forge(score, "checklist", lambda e: e.kind == "step_done" and e.turn == n, kind="step_lost", effect=0.0)
    assert any("for a line the customer took in" in p for p in problems(sc, state, lost))
    ramble = next(e for e in items(score, "clarity", n) if e.kind == "ramble")
    twice = added(score, "courtesy", replace(ramble, dimension="courtesy"))
    assert any("debited 2 times" in p for p in problems(sc, state, twice))
    # the lost case keeps its check: a step credited in a line she lost
    lines = ["Hello Mr Reed, MailHaus support, Lena Roth speaking. What's the best number to call you back on?",
             " ".join(["I'm really sorry about all this trouble, Mr Reed, and I do understand how annoying it is."] * 4)]
    sc, state, score = play("mobile-caller", "en", lines)
    m = state.trainee_turns[-1].number
    assert has(state.trainee_turns[-1].events, Unheard)
    credit = added(score, "checklist", EvidenceItem("checklist", m, state.trainee_turns[-1].text, 5.0, "Step done.", "",
                                                    "step_done"))
    assert any("a line the customer lost" in p for p in problems(sc, state, credit))


@pytest.mark.parametrize("value", ["maybe", "3", '"true"'])
def test_ramble_lost_must_be_true_or_false_compiler_style(tmp_path, value: str) -> None:
    from simulator.errors import ScenarioError
    from simulator.scenario import load_file
    from simulator.scenario.loader import SCENARIO_DIR

    text = (SCENARIO_DIR / "mobile-caller.yaml").read_text(encoding="utf-8")
    assert "    lost: true" in text
    path = tmp_path / "mobile-caller.yaml"
    path.write_text(text.replace("    lost: true", f"    lost: {value}", 1), encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        load_file(path)
    assert re.search(r"mobile-caller\.yaml:\d+:\d+: mood\.ramble\.lost must be true or false", str(err.value))


def test_ramble_lost_needs_a_word_limit_compiler_style(tmp_path) -> None:
    from simulator.errors import ScenarioError
    from simulator.scenario import load_file
    from simulator.scenario.loader import SCENARIO_DIR

    text = (SCENARIO_DIR / "mobile-caller.yaml").read_text(encoding="utf-8")
    assert "  max_words: 45" in text
    path = tmp_path / "mobile-caller.yaml"
    path.write_text(text.replace("  max_words: 45", "  max_words: 0", 1), encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        load_file(path)
    assert re.search(r"mobile-caller\.yaml:\d+:\d+: mood\.ramble\.lost needs mood\.max_words", str(err.value))
