"""Seminar mode: the UI-independent logic, the terminal commands, the projector window."""

from __future__ import annotations

from pathlib import Path

import window_fakes as wf  # sets the SDL dummy drivers before pygame is imported

import pygame  # noqa: E402
import pytest  # noqa: E402

from simulator.dialogue import Engine  # noqa: E402
from simulator.errors import UsageError  # noqa: E402
from simulator.scenario import load  # noqa: E402
from simulator.ui.seminar import Adjustment, Seminar, SeminarTerminal, SeminarWindow, parse_trainees  # noqa: E402

SCRIPTS = Path(__file__).parent / "scripts" / "checked-plug"


@pytest.fixture(scope="module")
def engine():
    return Engine(load("checked-plug"), "en")


def lines(lang="en", quality="good"):
    return [l for l in (SCRIPTS / f"{lang}-{quality}.txt").read_text(encoding="utf-8").splitlines() if l.strip()]


class RecordingScorer:
    """Remembers the turns each scoring call counted."""

    def __init__(self):
        self.calls = []

    def __call__(self, scenario, state, *, turns=None):
        self.calls.append(None if turns is None else frozenset(turns))
        return wf.fake_score(scenario, state, turns=turns)


def test_parse_trainees():
    assert parse_trainees(" Ana, Ben ,Cem,") == ("Ana", "Ben", "Cem")
    for bad in ("", " , ", "Ana,ana"):
        with pytest.raises(UsageError):
            parse_trainees(bad)


def test_hot_seat_scores_each_trainee_on_their_own_turns(engine):
    scorer = RecordingScorer()
    s = Seminar(engine, ["Ana", "Ben"], scorer=scorer, clock=wf.FakeClock())
    s.say(lines()[0])
    s.say(lines()[1])  # Ana keeps the seat until the instructor passes it
    assert s.pass_turn() == "Ben"
    s.say(lines()[2])
    s.pass_turn()
    assert s.on_seat == "Ana"
    assert s.turns_of("Ana") == (1, 2) and s.turns_of("Ben") == (3,)
    s.end_call()
    assert s.finished and s.state.outcome.reason == "quit"
    rows = s.ranking()
    assert {r.trainee for r in rows} == {"Ana", "Ben"}
    assert set(scorer.calls) == {frozenset({1, 2}), frozenset({3})}
    with pytest.raises(UsageError):
        s.say("anything")


def test_adjustments_are_kept_beside_the_automatic_score(engine):
    s = Seminar(engine, ["Ana", "Ben", "Cem"], scorer=wf.fake_score, clock=wf.FakeClock())
    for i, line in enumerate(lines()[:3]):
        s.say(line)
        s.pass_turn()
    before = {r.trainee: r.automatic for r in s.ranking()}
    adj = s.adjust("empathy", "+10", "stayed calm", trainee="Cem")
    assert adj == Adjustment("Cem", "empathy", 10.0, "stayed calm", 3)
    rows = {r.trainee: r for r in s.ranking()}
    assert {t: r.automatic for t, r in rows.items()} == before  # never overwritten
    score = rows["Cem"].score
    applicable = [d for d in score.dimensions if d.value is not None]
    emp = score.dimension("empathy").value
    expected = score.total + (min(100.0, emp + 10) - emp) / len(applicable)
    assert rows["Cem"].adjusted == pytest.approx(expected)
    assert rows["Cem"].adjustments == (adj,)
    for args in (("kindness", 5, "x"), ("empathy", "lots", "x"), ("empathy", 5, "  "), ("empathy", 500, "x")):
        with pytest.raises(UsageError):
            s.adjust(*args)
    with pytest.raises(UsageError):
        s.adjust("empathy", 5, "x", trainee="Zoe")


def test_adjusted_total_clamps_the_dimension():
    score = wf.fake_score(None, Engine(load("checked-plug"), "en").start(0), turns=None)
    full = wf.Score(total=90.0, lang="en", dimensions=(wf.DimensionScore("empathy", 95.0, 1.0, (), ""),
                                                       wf.DimensionScore("clarity", 85.0, 1.0, (), "")))
    adj = [Adjustment("Ana", "empathy", 20, "r", 1)]
    assert Seminar.adjusted_total(full, adj) == pytest.approx(92.5)  # 95 -> 100, not 115
    assert Seminar.adjusted_total(None, adj) is None
    assert score is not None


def test_ranking_orders_by_adjusted_total_and_puts_silent_trainees_last(engine):
    s = Seminar(engine, ["Ana", "Ben", "Cem"], scorer=wf.fake_score, clock=wf.FakeClock())
    s.say(lines()[0])
    s.pass_turn()
    s.say(lines()[1])
    s.end_call()
    rows = s.ranking()
    assert rows[-1].trainee == "Cem" and rows[-1].automatic is None
    s.adjust("clarity", -100, "way off", trainee=rows[0].trainee)
    assert s.ranking()[0].trainee == rows[1].trainee
    assert [r.rank for r in s.ranking()] == [1, 2, 3]


def test_pause_marks_and_notes(engine):
    clock = wf.FakeClock()
    s = Seminar(engine, ["Ana", "Ben"], scorer=wf.fake_score, clock=clock)
    s.say(lines()[0])
    assert s.toggle_pause() is True
    with pytest.raises(UsageError):
        s.say(lines()[1])
    clock.now += 30
    s.toggle_pause()
    clock.now += 5
    assert s.elapsed() == pytest.approx(5)  # the pause does not count
    s.mark()
    s.mark("ask why she pushed back")
    assert [(m.trainee, m.turn, m.note) for m in s.marks] == [("Ana", 1, ""), ("Ana", 1, "ask why she pushed back")]


def test_sequence_mode_plays_one_call_per_trainee(engine):
    scorer = RecordingScorer()
    s = Seminar(engine, ["Ana", "Ben"], mode="sequence", scorer=scorer, clock=wf.FakeClock())
    for line in lines():
        if s.state.ended:
            break
        s.say(line)
    assert s.state.outcome.reason == "solved" and not s.finished
    s.pass_turn()
    assert s.on_seat == "Ben" and s.state.turn == 0
    s.say(lines("en", "poor")[0])
    s.pass_turn()  # the last trainee: the seminar ends
    assert s.finished
    rows = {r.trainee: r for r in s.ranking()}
    assert rows["Ana"].turns == tuple(range(1, len(lines()) + 1)) and rows["Ben"].turns == (1,)
    assert scorer.calls == [None, None]
    assert rows["Ana"].automatic > rows["Ben"].automatic


def test_terminal_commands(engine):
    typed = iter(["Hello, IT helpdesk, what exactly happens?", "/mark", "/next", "/note  ", "/note good open question",
                  "/adjust empathy +5 calm voice", "/adjust Ana clarity -5 mumbled", "/adjust empathy", "/pause",
                  "I see.", "/resume", "/bogus", "I see, that's annoying.", "/end"])
    out: list[str] = []
    s = Seminar(engine, ["Ana", "Ben"], scorer=wf.fake_score, clock=wf.FakeClock())
    SeminarTerminal(s, lang="en", read=lambda prompt: next(typed), write=out.append).run()
    text = "\n".join(out)
    assert s.finished and s.turns_of("Ana") == (1,) and s.turns_of("Ben") == (2,)
    assert [(a.trainee, a.dimension, a.delta) for a in s.adjustments] == [("Ben", "empathy", 5.0), ("Ana", "clarity", -5.0)]
    assert [m.note for m in s.marks] == ["", "good open question"]
    assert "! the seminar is paused" in text and "! unknown command /bogus" in text
    assert "! /note needs a text" in text and "! usage: /adjust" in text
    assert "== Ranking ==" in text and "Empathy +5: calm voice" in text


def test_terminal_ends_on_end_of_input(engine):
    s = Seminar(engine, ["Ana"], scorer=wf.fake_score, clock=wf.FakeClock())

    def read(prompt):
        raise EOFError

    SeminarTerminal(s, lang="de", read=read, write=lambda line: None).run()
    assert s.finished


# -- the projector window -----------------------------------------------------------
@pytest.fixture(scope="module")
def display():
    pygame.display.init()
    pygame.font.init()
    yield
    pygame.display.quit()


def test_window_keys_drive_the_seminar(engine, display):
    s = Seminar(engine, ["Ana", "Ben"], scorer=wf.fake_score, clock=wf.FakeClock())
    w = SeminarWindow(s, lang="en")
    surface = pygame.Surface((1600, 900))

    def keys(*events):
        for e in events:
            w.handle(e)
        w.tick()
        w.draw(surface)

    keys(wf.typed(lines()[0]), wf.key(pygame.K_RETURN))
    assert s.turns_of("Ana") == (1,)
    keys(wf.key(pygame.K_F5), wf.typed(lines()[1]), wf.key(pygame.K_RETURN))
    assert s.turns_of("Ben") == (2,)
    keys(wf.key(pygame.K_F6))
    assert s.marks[-1].trainee == "Ben" and s.marks[-1].note == ""
    keys(wf.key(pygame.K_F7), wf.typed("nice summary"), wf.key(pygame.K_RETURN))
    assert s.marks[-1].note == "nice summary" and w.dialog is None
    keys(wf.key(pygame.K_F9), wf.typed("ignored"), wf.key(pygame.K_RETURN))
    assert s.paused and s.state.turn == 2
    keys(wf.key(pygame.K_F9))
    keys(wf.key(pygame.K_F8), wf.key(pygame.K_DOWN), wf.key(pygame.K_RETURN))  # questioning
    assert w.dialog == "adjust_delta"
    keys(wf.typed("+5"), wf.key(pygame.K_RETURN), wf.typed("good W-question"), wf.key(pygame.K_RETURN))
    assert s.adjustments == [Adjustment("Ben", "questioning", 5.0, "good W-question", 2)]
    keys(wf.key(pygame.K_ESCAPE))
    assert w.screen == "ranking" and s.finished
    keys(wf.key(pygame.K_ESCAPE))
    assert w.quit


def test_seminar_screens_match_golden(engine, display):
    clock = wf.FakeClock()
    s = Seminar(engine, ["Ana", "Ben", "Cem"], scorer=wf.fake_score, clock=clock)
    w = SeminarWindow(s, lang="en")
    surface = pygame.Surface((1600, 900))
    for line in lines()[:4]:
        s.say(line)
        s.pass_turn()
    s.mark("good empathy here")
    clock.now += 125
    w.draw(surface)
    diff = wf.compare_golden(surface, "seminar-call-en")
    assert diff <= wf.TOLERANCE, f"seminar call: {diff:.3%}"
    for line in lines()[4:]:
        if not s.state.ended:
            s.say(line)
            s.pass_turn()
    s.adjust("empathy", 10, "kept calm under pressure", "Ben")
    s.adjust("clarity", -5, "too much jargon", "Ana")
    s.end_call()
    w.screen = "ranking"
    w.draw(surface)
    diff = wf.compare_golden(surface, "seminar-ranking-en")
    assert diff <= wf.TOLERANCE, f"seminar ranking: {diff:.3%}"
