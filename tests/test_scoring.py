"""The scorer's rules: noise, repetition, empty calls, determinism, hot-seat turns, texts, debrief files."""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import pytest

from simulator.dialogue import Engine
from simulator.dialogue.events import Noise
from simulator.dialogue.session import play as play_call
from simulator.errors import UsageError
from simulator.scenario import load
from simulator.scoring import DIMENSIONS, Score, attach, score_call

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "tests" / "scripts"
GOLDEN = ROOT / "tests" / "golden"

# Hand-written calls (independent of the team's scripts) for the reference scenario.
GOOD_EN = [
    "Good morning, IT helpdesk, my name is Tim Baker. What exactly happens when you try to print?",
    "I see, no light at all. I understand, that's really annoying. By when do you need the printouts?",
    "Three o'clock, I understand you're under pressure. Could you have a look at the power strip under your desk, please?",
    "I believe you that the plug is in. I'm asking anyway because power strips often have their own switch. That way we can rule it out for sure.",
    "Thanks for checking! Please switch the power strip on.",
    "So to sum up: the power strip was switched off, so the printer had no power. Now it's on and printing again.",
    "Is there anything else I can do for you? Have a good day, goodbye.",
]
EMPATHY_LINE = "I understand, that's really annoying."


def play(sid: str, lang: str, lines: list[str]):
    sc = load(sid)
    return sc, play_call(Engine(sc, lang), lines)


def script(sid: str, name: str) -> list[str]:
    return [l for l in (SCRIPTS / sid / f"{name}.txt").read_text(encoding="utf-8").splitlines() if l.strip()]


def test_contract_shape():
    sc, st = play("checked-plug", "en", GOOD_EN)
    score = score_call(sc, st)
    assert isinstance(score, Score)
    assert tuple(d.name for d in score.dimensions) == DIMENSIONS
    assert score.total >= 75
    doc = score.to_json()
    assert set(doc) == {"total", "dimensions", "evidence"}
    assert set(doc["dimensions"]) == set(DIMENSIONS)
    assert all(set(e) == {"dimension", "turn", "quote", "speaker", "effect", "note", "tip", "kind"} for e in doc["evidence"])
    json.dumps(doc)
    assert score.dimension("checklist").weight == 1.5  # the scenario's override
    with pytest.raises(KeyError):
        score.dimension("charm")


def test_every_value_is_base_plus_evidence_and_explained():
    from simulator.scoring.scorer import base_of

    sc, st = play("checked-plug", "en", script("checked-plug", "en-mediocre"))
    score = score_call(sc, st)
    for d in score.dimensions:
        assert d.evidence, f"{d.name} has no evidence"
        assert all(e.note and e.tip for e in d.evidence)
        assert all(e.dimension == d.name for e in d.evidence)
        base = 70.0 if d.name == "empathy" and not any("cue" in e.tip or e.effect for e in d.evidence) else base_of(d.name)
        if d.name != "empathy":
            expected = max(0.0, min(100.0, base + sum(e.effect for e in d.evidence)))
            assert d.value == pytest.approx(expected, abs=0.11), d.name
        assert (d.tip != "") == (d.value < 80)


def test_weighted_total():
    sc, st = play("checked-plug", "en", GOOD_EN)
    score = score_call(sc, st)
    num = sum(d.value * d.weight for d in score.dimensions)
    assert score.total == pytest.approx(num / sum(d.weight for d in score.dimensions), abs=0.06)


def test_zero_weight_means_not_applicable():
    sc, st = play("checked-plug", "en", GOOD_EN)
    sc0 = dataclasses.replace(sc, scoring={"outcome": 0.0, "empathy": 2.0})
    score = score_call(sc0, st)
    assert score.dimension("outcome").value is None and score.dimension("outcome").evidence == ()
    assert score.to_json()["dimensions"]["outcome"] is None
    rest = [d for d in score.dimensions if d.value is not None]
    assert score.total == pytest.approx(sum(d.value * d.weight for d in rest) / sum(d.weight for d in rest), abs=0.06)


def test_missed_empathy_after_a_cue_costs_more_than_in_a_calm_call():
    flat = ["Hello, IT helpdesk, Tim Baker here. What exactly happens when you try to print?",
            "Could you have a look at the power strip under your desk, please?"]
    sc, st = play("checked-plug", "en", flat)
    angry = score_call(sc, st).dimension("empathy").value
    calm_sc = dataclasses.replace(sc, mood=dataclasses.replace(sc.mood, start=10.0),
                                  situation=dataclasses.replace(sc.situation, urgency="low"), events=())
    calm = score_call(calm_sc, play_call(Engine(calm_sc, "en"), flat)).dimension("empathy").value
    assert angry < calm
    missed = [e for e in score_call(sc, st).dimension("empathy").evidence if e.effect < 0]
    assert missed and missed[0].turn == 1 and "plug" in missed[0].quote  # the customer's cue is quoted


# Noise before the problem is solved: after it, the engine counts a noise turn as one of the two
# turns it keeps the call open (AFTER_SOLVED_TURNS), which cuts the trainee's closing - an engine matter.
@pytest.mark.parametrize("lang,where", [("en", 0), ("de", 0), ("en", 2), ("de", 2), ("en", 3), ("de", 4)])
def test_a_noise_turn_is_not_punished_twice(lang: str, where: int):
    lines = script("checked-plug", f"{lang}-good")
    sc, st = play("checked-plug", lang, lines)
    _, st_noise = play("checked-plug", lang, lines[:where] + ["..."] + lines[where:])
    assert any(Noise() in t.events for t in st_noise.transcript)
    a, b = score_call(sc, st), score_call(sc, st_noise)
    assert abs(a.total - b.total) <= 2.0, (a.to_json()["dimensions"], b.to_json()["dimensions"])
    noise_turn = next(t.number for t in st_noise.transcript if Noise() in t.events)
    assert all(e.turn != noise_turn or e.dimension == "outcome" for e in b.evidence)


def test_repeating_one_empathy_line_earns_nothing():
    sc, st = play("checked-plug", "en", [EMPATHY_LINE] * 10)
    score = score_call(sc, st)
    assert score.dimension("empathy").value <= 50
    assert score.total <= 35
    repeats = [e for e in score.dimension("empathy").evidence if e.effect < 0 and "again" in e.note]
    assert repeats


def test_adding_repeats_to_a_good_call_does_not_raise_its_score():
    sc, st = play("checked-plug", "en", GOOD_EN)
    base = score_call(sc, st)
    padded = [f"{line} {EMPATHY_LINE}" for line in GOOD_EN]
    _, st2 = play("checked-plug", "en", padded)
    more = score_call(sc, st2)
    assert more.total <= base.total + 0.5
    assert more.dimension("empathy").value <= base.dimension("empathy").value


def test_empty_call_scores_low_and_does_not_crash():
    for lang in ("de", "en"):
        sc, st = play("checked-plug", lang, [])
        score = score_call(sc, st)
        assert score.total <= 30
        assert all(d.value is not None for d in score.dimensions)
        json.dumps(score.to_json())


def test_only_noise_scores_low():
    sc, st = play("checked-plug", "en", ["", "...", "äh"])
    assert score_call(sc, st).total <= 30


def test_deterministic():
    sc, st = play("checked-plug", "de", script("checked-plug", "de-mediocre"))
    assert score_call(sc, st) == score_call(sc, st)
    _, st2 = play("checked-plug", "de", script("checked-plug", "de-mediocre"))
    assert score_call(sc, st2).to_json() == score_call(sc, st).to_json()


def test_notes_are_in_the_language_of_the_call():
    sc, st_de = play("checked-plug", "de", script("checked-plug", "de-mediocre"))
    _, st_en = play("checked-plug", "en", script("checked-plug", "en-mediocre"))
    de, en = score_call(sc, st_de), score_call(sc, st_en)
    assert de.lang == "de" and en.lang == "en"
    de_notes = " ".join(e.note for e in de.evidence)
    en_notes = " ".join(e.note for e in en.evidence)
    assert "Schritt" in de_notes and "Step" not in de_notes
    assert "Step" in en_notes and "Schritt" not in en_notes


def test_turns_restrict_the_score_to_one_trainee():
    sc, st = play("checked-plug", "en", GOOD_EN)
    full = score_call(sc, st)
    first = score_call(sc, st, turns={1, 2, 3})
    assert all(e.turn in (0, 1, 2, 3) or e.dimension == "outcome" for e in first.evidence)
    assert first.to_json() != full.to_json()
    later = score_call(sc, st, turns={4, 5, 6, 7})
    assert not any(e.note.startswith("Greeted") or "greeting" in e.note for e in later.dimension("courtesy").evidence)


def test_rudeness_after_provocation_is_named():
    lines = ["Hello, IT helpdesk, Tim Baker. What happens when you print?", "I see. By when do you need it?",
             "Could you check the plug?", "That's not my problem. Just look, otherwise I can't do anything."]
    sc, st = play("checked-plug", "en", lines)
    courtesy = score_call(sc, st).dimension("courtesy")
    assert any(e.effect <= -30 and e.turn == 4 and "provocation" in e.note for e in courtesy.evidence)


def test_attach_adds_the_score():
    sc, st = play("checked-plug", "en", GOOD_EN)
    doc = attach({"scenario": "checked-plug"}, sc, st)
    assert doc["score"] == score_call(sc, st).to_json()


# -- debrief files and golden output -----------------------------------------
def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1" or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        if os.environ.get("UPDATE_GOLDEN") != "1":
            pytest.fail(f"golden {name} was missing and has been written; re-run")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs; UPDATE_GOLDEN=1 to accept"


GOLDEN_CALL = [
    "Hello, IT helpdesk. <b>really</b> | \"sure\" & *so*",
    "Does the printer not switch on at all?",
    "Is the plug in?",
    "Okay. Can you check the plug anyway?",
    "Maybe the power strip is off? Switch it on then.",
    "Right, so it was a PSU power issue. Bye.",
]


GOLDEN_CALL_DE = [
    "Hallo, IT-Hotline, Berger.",
    "Geht der Drucker gar nicht an?",
    "Ja, schon klar. Ich frage nur, damit wir das ausschließen können. Schauen Sie trotzdem mal nach.",
    "Dann bitte die Leiste einschalten.",
]


@pytest.mark.parametrize("lang", ["en"])
def test_golden_markdown(lang: str, tmp_path: Path):
    from simulator.reports.debrief import write_debrief

    sc, st = play("checked-plug", lang, GOLDEN_CALL)
    path = write_debrief(tmp_path / "debrief.md", sc, st, score_call(sc, st))
    _golden(f"debrief-checked-plug-{lang}.md", path.read_text(encoding="utf-8"))


def test_golden_rich_text():
    from simulator.ui.debrief import debrief_text

    sc, st = play("checked-plug", "de", GOLDEN_CALL_DE)
    text = debrief_text(sc, st, score_call(sc, st), width=80)
    assert max(len(l) for l in text.splitlines()) <= 80
    _golden("debrief-checked-plug-de.txt", text)


def test_html_debrief_is_standalone_and_escaped(tmp_path: Path):
    from simulator.reports.debrief import write_debrief

    sc, st = play("checked-plug", "en", GOLDEN_CALL)
    score = score_call(sc, st)
    html = write_debrief(tmp_path / "d.HTML", sc, st, score).read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<style>" in html
    assert "<b>really</b>" not in html and "&lt;b&gt;really&lt;/b&gt;" in html
    assert "&#34;sure&#34;" in html or "&quot;sure&quot;" in html
    for external in ("http://", "https://", "<script", "<link", "src="):
        assert external not in html
    assert f"{score.total:.0f} / 100" in html


def test_unknown_suffix_is_a_usage_error(tmp_path: Path):
    from simulator.reports.debrief import write_debrief

    sc, st = play("checked-plug", "en", GOLDEN_CALL[:2])
    with pytest.raises(UsageError):
        write_debrief(tmp_path / "debrief.pdf", sc, st, score_call(sc, st))
    assert not (tmp_path / "debrief.pdf").exists()


def test_rubric_command(capsys):
    from simulator.cli import main

    assert main(["rubric", "checked-plug", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Brenda Hall" in out and "Checklist" in out and "essential" in out
    assert main(["rubric", "checked-plug", "--lang", "en", "--exam"]) == 0
    exam = capsys.readouterr().out
    assert "Have her switch the strip on" not in exam and "Exam mode" in exam
    assert main(["rubric", "checked-plug", "--lang", "fr"]) == 2
