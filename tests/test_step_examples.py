"""Steps from examples: the example index, the engine using it, the validator's checks, conversations, explain."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.analysis.similarity import ExampleIndex, segments, language_data
from simulator.cli import cli
from simulator.dialogue import Engine
from simulator.dialogue.conversations import check_conversations
from simulator.dialogue.events import Pushback
from simulator.scenario import load, parse_scenario
from simulator.scenario.loader import SCENARIO_DIR

STEPS = {
    "find_out": ["Ich kläre das mit unserer Lizenzabteilung.", "Ich frage beim Hersteller nach, ob das enthalten ist."],
    "time": ["Sie haben die Antwort heute bis 16 Uhr.", "Spätestens um halb fünf bekommen Sie die Antwort."],
    "in_writing": ["Ich schicke Ihnen das Ergebnis schriftlich per Mail.", "Soll ich Ihnen das schriftlich bestätigen?"],
}


def test_a_line_close_to_a_steps_examples_takes_it_and_generic_lines_take_none() -> None:
    index = ExampleIndex(STEPS, "de")
    assert index.recognise("Ich frage das bei den Kollegen der Lizenzabteilung nach.") == {"find_out"}
    assert index.recognise("Guten Tag, IT-Hotline, mein Name ist Berger.") == frozenset()
    assert index.recognise("Aha, verstehe.") == frozenset()


def test_one_line_can_be_close_to_several_steps_clause_by_clause() -> None:
    index = ExampleIndex(STEPS, "de")
    line = "Ich kläre das mit der Lizenzabteilung, und Sie bekommen die Antwort heute bis 16 Uhr."
    assert index.recognise(line) == {"find_out", "time"}
    assert "Ich kläre das mit der Lizenzabteilung" in segments(line, language_data("de").stopwords, 2)


def test_only_open_steps_compete_and_the_runner_up_is_reported() -> None:
    index = ExampleIndex(STEPS, "de")
    close = index.closeness("Ich schicke Ihnen die Antwort schriftlich.", open_steps=("in_writing", "time"))
    assert set(close) <= {"in_writing", "time"}
    assert close["in_writing"].accepted and close["in_writing"].runner_up in ("time", "")


def test_an_empty_index_recognises_nothing() -> None:
    assert not ExampleIndex({}, "en")
    assert ExampleIndex({}, "en").recognise("anything at all") == frozenset()


# -- the engine ---------------------------------------------------------------------
def _at(engine: Engine, done: tuple[str, ...], pushed: tuple[str, ...] = ()):
    state = engine.start(seed=0)
    return replace(state, steps_done=done, pushed_back=pushed, turn=len(done))


def test_the_fix_in_own_words_meets_the_personas_pushback_not_a_filler() -> None:
    engine = Engine(load("mobile-caller"), "de")
    state = _at(engine, ("callback", "describe", "obstacle"))
    line = ("Dann notieren Sie bitte von Hand auf einem Blatt, dass Herr Yilmaz das umstellen darf, "
            "unterschreiben es, fotografieren es und schicken mir das Bild.")
    turn = engine.respond(state, line).exchanges[-1].trainee
    assert [e.step for e in turn.events if isinstance(e, Pushback)] == ["propose_photo"]


def test_one_line_admitting_naming_who_finds_out_and_giving_a_time_takes_three_steps() -> None:
    engine = Engine(load("unknown-answer"), "en")
    state = _at(engine, ("context",))
    turn = engine.respond(state, "Honestly, I'm not sure, I'll check with our licensing team and get back to you "
                                 "by 4 pm.").exchanges[-1].trainee
    assert turn.steps == ("admit", "find_out", "time")


def test_a_closed_question_does_not_take_an_open_question_step_by_its_examples() -> None:
    engine = Engine(load("checked-plug"), "de")
    turn = engine.respond(_at(engine, ()), "Geht der Drucker gar nicht an?").exchanges[-1].trainee
    assert "describe" not in turn.steps


def test_scenarios_without_examples_play_as_before() -> None:
    sc = load("checked-plug")
    bare = replace(sc, steps=tuple(replace(s, examples=type(s.examples)({})) for s in sc.steps))
    engine = Engine(bare, "en")
    assert not engine.examples
    turn = engine.respond(_at(engine, ("describe",)), "When is the deadline for the statements?").exchanges[-1].trainee
    assert turn.steps == ("context",)  # by its phrase


# -- the validator -------------------------------------------------------------------
BROKEN = """
version: 1
id: ex
title: {de: T, en: T}
languages: [de, en]
persona: {name: {de: A, en: A}, role: {de: R, en: R}, tech_level: low}
situation: {technical: {de: t, en: t}, human: {de: h, en: h}, process: {de: p, en: p}}
opening: {de: Hallo, en: Hello}
steps:
  - id: plug
    title: {de: S, en: S}
    reply: {de: Ok, en: Ok}
    examples:
      de: ["Ja, bitte, okay.", "Prüfen Sie den Stecker am Drucker.", "Prüfen Sie den Stecker am Drucker!"]
      en: ["Please check the plug at the printer."]
  - id: strip
    title: {de: S, en: S}
    reply: {de: Ok, en: Ok}
    examples:
      de: ["Schalten Sie die Steckdosenleiste unter dem Tisch ein.", "Drücken Sie den Schalter an der Leiste."]
      en: ["Switch the power strip on.", "Could you check whether the plug is firmly in the printer?"]
fillers: {neutral: {de: n, en: n}, confused: {de: c, en: c}, annoyed: {de: a, en: a}, noise: {de: x, en: x}}
end: {solved_when: [plug], max_turns: 10, solved: {de: s, en: s}, hangup: {de: h, en: h}}
conversations:
  - id: c1
    lang: de
    lines:
      - say: "Prüfen Sie bitte den Stecker am Drucker."
        steps: [plugg]
        events: ["pushback:"]
"""


def test_bad_examples_and_conversations_are_reported_compiler_style(tmp_path: Path) -> None:
    path = tmp_path / "ex.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    _, problems = parse_scenario(str(path), path.read_bytes())
    text = [str(p) for p in problems]
    assert any(":14:12: step 'plug' example (de) has too few content words" in t for t in text), text
    assert any(":14:" in t and "repeats an example of this step in its content words (line 14)" in t for t in text), text
    assert any(":21:" in t and "step 'strip' example (en) reads more like step 'plug'" in t for t in text), text
    assert any(":29:" in t and "expects unknown step 'plugg' (did you mean 'plug'?)" in t for t in text), text
    assert any(":30:" in t and "must be written 'kind' or 'kind:detail'" in t for t in text), text


def test_conversations_report_each_mismatch_at_its_expectation(tmp_path: Path) -> None:
    source = (SCENARIO_DIR / "checked-plug.yaml").read_text(encoding="utf-8")
    source += ("\n  - id: wrong\n    lang: en\n    lines:\n      - say: \"What exactly happened?\"\n"
               "        steps: [context]\n        acts: [empathy]\n")
    path = tmp_path / "checked-plug.yaml"
    path.write_text(source, encoding="utf-8")
    sc, problems = parse_scenario(str(path), path.read_bytes())
    assert problems == [] and sc is not None
    found = [str(p) for p in check_conversations(sc)]
    last = len(source.splitlines())
    assert any(f":{last - 1}:16: conversation 'wrong' line 1: expected steps [context], the engine took [describe]"
               in t for t in found), found
    assert any(f":{last}:15: conversation 'wrong' line 1: expected act 'empathy' was not recognised" in t
               for t in found), found


@pytest.mark.parametrize("sid", ["checked-plug", "mobile-caller", "unknown-answer"])
def test_shipped_scenarios_have_examples_everywhere_and_passing_conversations(sid: str) -> None:
    sc = load(sid)
    for step in sc.steps:
        for lang in sc.languages:
            assert 3 <= len(step.examples.get(lang)) <= 8, (step.id, lang)
    assert {c.lang for c in sc.conversations} == set(sc.languages)
    assert check_conversations(sc) == []


def test_validate_plays_the_conversations_and_explain_shows_why() -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["validate", str(SCENARIO_DIR)], prog_name="simulator")
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["explain", "I'm not sure, I'll check with our licensing team and call you back by 4 pm.",
                                 "--scenario", "unknown-answer", "--lang", "en",
                                 "--after", "What do you need the information for, and by when?"],
                           prog_name="simulator")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "admit_unknown" in out and "find_out" in out and "TAKEN" in out
    assert "examples 0." in out and "runner-up" in out and "customer: " in out


def test_validate_gives_the_same_verdict_with_the_head_as_default(monkeypatch) -> None:
    """The shipped scenarios are valid whatever SIMULATOR_EMBEDDINGS says (conversations play rules-only)."""
    from simulator.analysis import opinion
    from simulator.dialogue.conversations import check_conversations
    from simulator.scenario import available, load

    monkeypatch.setenv("SIMULATOR_EMBEDDINGS", "auto")
    opinion.second_opinion.cache_clear()
    try:
        for sid in available():
            assert check_conversations(load(sid)) == [], sid
    finally:
        monkeypatch.undo()
        opinion.second_opinion.cache_clear()
