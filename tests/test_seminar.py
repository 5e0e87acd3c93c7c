"""Seminar mode: the UI-independent logic, the terminal commands, the projector window."""

from __future__ import annotations

from pathlib import Path

import window_fakes as wf  # sets the SDL dummy drivers before pygame is imported

import pygame  # noqa: E402
import pytest  # noqa: E402

from simulator.dialogue import Engine  # noqa: E402
from simulator.errors import UsageError  # noqa: E402
from simulator.scenario import load  # noqa: E402
from simulator.dialogue.seminar import Adjustment, Mark, Seminar, apply_adjustments, parse_trainees  # noqa: E402
from simulator.ui.seminar_terminal import SeminarTerminal  # noqa: E402
from simulator.ui.seminar_window import SeminarWindow  # noqa: E402
from simulator.voice.speaker import Speaker as SeminarVoice  # noqa: E402 - the projector's voice observer

SCRIPTS = Path(__file__).parent / "scripts" / "checked-plug"


@pytest.fixture(scope="module")
def engine():
    return Engine(load("checked-plug"), "en")


def lines(lang="en", quality="good"):
    script = [l for l in (SCRIPTS / f"{lang}-{quality}.txt").read_text(encoding="utf-8").splitlines() if l.strip()]
    # her goodbye leaves the trainee the last word: a good call ends on the trainee's own goodbye
    return script + [{"en": "Bye, take care!", "de": "Tschüss, alles Gute!"}[lang]] if quality == "good" else script


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
    # each trainee on their own turns; the Call scores the whole call once (None: every turn)
    assert sorted(scorer.calls, key=str) == sorted([None, frozenset({1, 2}), frozenset({3})], key=str)
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
    assert "== Ranking ==" in text
    empathy = s.score_of("Ben").dimension("empathy").value
    assert f"{empathy:.0f} (+5 → {empathy + 5:.0f}): calm voice" in text  # shown as applied


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
            w.handle_event(e)
        w.update()
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


def test_window_dialogs_keep_the_answer_and_text_size_keys_type_nothing(engine, display):
    s = Seminar(engine, ["Ana", "Ben"], scorer=wf.fake_score, clock=wf.FakeClock())
    w = SeminarWindow(s, lang="en")
    surface = pygame.Surface((1280, 720))
    for e in (wf.typed("Hello, what"), wf.key(pygame.K_PLUS, pygame.KMOD_CTRL), wf.typed("+"),
              wf.key(pygame.K_F7), wf.typed("note about Ana"), wf.key(pygame.K_RETURN), wf.typed(" happened?")):
        w.handle_event(e)
    w.update()
    w.draw(surface)
    assert w.font_scale > SeminarWindow.SCALE and w.dialog is None
    assert s.marks[-1] == Mark("Ana", 0, "note about Ana")
    assert w.call_view.entry.text == "Hello, what happened?"  # the note did not eat the answer, Ctrl + typed no '+'
    w.handle_event(pygame.event.Event(pygame.QUIT))
    assert w.quit and s.finished and s.call.ended  # closing the window ends the call (and so stores it)


def test_the_customer_speaks_through_the_voice_observer(engine):
    spoken: list[str] = []

    class Worker:
        def speak(self, line):
            spoken.append(line)

    s = Seminar(engine, ["Ana", "Ben"], mode="sequence", scorer=None, observers=[SeminarVoice(Worker())])
    s.say(lines()[0])
    s.pass_turn()  # Ben's call opens: the customer starts again
    # the phone rings: each call's first state has no customer line; she opens when the trainee answers
    assert s.calls["Ana"].states[0].last_customer_line == "" and s.calls["Ben"].states[0].last_customer_line == ""
    assert spoken == [s.calls["Ana"].states[1].last_customer_line]


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
    w.show_ranking()
    w.draw(surface)
    diff = wf.compare_golden(surface, "seminar-ranking-en")
    assert diff <= wf.TOLERANCE, f"seminar ranking: {diff:.3%}"


# -- storage: each trainee's part of the seminar is their own stored call ---------------
def open_store(tmp_path):
    from simulator.storage import Store

    return Store.open(f"sqlite:///{tmp_path / 'seminar.db'}")


def test_adjustments_are_shown_and_stored_as_applied():
    full = wf.Score(total=90.0, lang="en", dimensions=(wf.DimensionScore("empathy", 100.0, 1.0, (), ""),
                                                       wf.DimensionScore("clarity", 80.0, 1.0, (), "")))
    adjs = [Adjustment("Ana", "empathy", 5, "r", 1), Adjustment("Ana", "empathy", -10, "r", 2),
            Adjustment("Ana", "clarity", -90, "r", 2)]
    applied = apply_adjustments(full, adjs)
    assert [(a.before, a.delta, a.after) for a in applied] == [(100, 0, 100), (100, -10, 90), (80, -80, 0)]
    assert applied[0].shown("Empathie") == "Empathie 100 (+0 → 100)"  # not '+5'
    assert Seminar.adjusted_total(full, adjs) == pytest.approx(90 + (-10 - 80) / 2)
    assert apply_adjustments(None, adjs[:1])[0].shown("Empathy") == "Empathy +5"  # no score: as asked


def test_hot_seat_seminar_is_stored_per_trainee(engine, tmp_path):
    from simulator.reports.progress import Selection, build_report
    from simulator.storage.log import CallLog

    store = open_store(tmp_path)
    names = ("Ana", "Ben", "Cem")
    logs = {n: CallLog(store, engine.scenario, "en", trainee=n, mode="seminar", only=n) for n in names}
    s = Seminar(engine, names, logs=logs, clock=wf.FakeClock())
    said: dict[str, dict[int, str]] = {n: {} for n in names}
    for i, line in enumerate(lines()[:7]):
        if s.state.ended:
            break
        who = s.on_seat
        said[who][s.say(line).turn] = line
        if i % 2:  # Ana says two lines, then each passes after two lines
            s.pass_turn()
    s.mark("good open question", "Ben")
    s.mark()  # a plain mark is not a note: not stored
    s.adjust("empathy", 100, "stayed calm", "Cem")
    s.end_call()
    s.adjust("clarity", -5, "too much jargon", "Ana")  # after the end: stored at once
    rows = {r.trainee: r for r in s.ranking()}
    for name in names:
        assert said[name], name
        stored = [c for c in store.export(name)["sessions"]]
        assert len(stored) == 1
        call = stored[0]
        assert call["mode"] == "seminar" and call["status"] == "finished"
        trainee_turns = {t["number"]: t["text"] for t in call["turns"] if t["speaker"] == "trainee"}
        assert trainee_turns == said[name]  # their own words, and nobody else's
        # whoever answered the ring heard the opening as the reply to their greeting; the others keep it as line 0
        assert [t["number"] for t in call["turns"] if t["speaker"] == "customer"] == ([] if 1 in said[name] else [0])
        assert call["total"] == pytest.approx(rows[name].automatic)  # their score, not the call's
        assert call["total"] != pytest.approx(s.call.score.total)
        history = store.history(trainee=name)
        assert [h["id"] for h in history] == [call["id"]] and history[0]["total"] == pytest.approx(call["total"])
        report = build_report(store, Selection(trainee=name, audience="trainee"))
        assert [c.id for c in report.calls] == [call["id"]] and report.calls[0].mode == "seminar"
    notes = {n: [(a["dimension"], a["delta"], a["reason"], a["author"]) for a in store.export(n)["sessions"][0]["adjustments"]]
             for n in names}
    cem = rows["Cem"].applied[0]
    assert notes["Ben"] == [(None, None, "good open question", "instructor")]
    assert notes["Cem"] == [("empathy", pytest.approx(cem.delta), "stayed calm", "instructor")]
    assert cem.after == 100 and cem.delta < 100  # clamped: stored as applied
    assert notes["Ana"] == [("clarity", pytest.approx(-5.0), "too much jargon", "instructor")]
    report = build_report(store, Selection(trainee="Cem", audience="instructor"))
    assert [a["reason"] for a in report.adjustments] == ["stayed calm"]
    store.close()


def test_sequence_seminar_is_stored_per_trainee(engine, tmp_path):
    from simulator.storage.log import CallLog

    store = open_store(tmp_path)
    logs = {n: CallLog(store, engine.scenario, "en", trainee=n, mode="seminar", only=n) for n in ("Ana", "Ben", "Cem")}
    s = Seminar(engine, ("Ana", "Ben", "Cem"), mode="sequence", logs=logs, clock=wf.FakeClock())
    s.say(lines()[0])
    s.adjust("empathy", 5, "warm start")  # Ana's call is open: stored when it ends
    assert store.export("Ana")["sessions"][0]["adjustments"] == []
    s.pass_turn()
    assert [a["reason"] for a in store.export("Ana")["sessions"][0]["adjustments"]] == ["warm start"]
    s.say(lines("en", "poor")[0])
    s.say(lines("en", "poor")[1])
    s.end_call()  # Cem never plays
    ana, ben = (store.export(n)["sessions"] for n in ("Ana", "Ben"))
    assert [t["text"] for t in ana[0]["turns"] if t["speaker"] == "trainee"] == [lines()[0]]
    assert [t["number"] for t in ben[0]["turns"] if t["speaker"] == "trainee"] == [1, 2]
    assert ana[0]["total"] == pytest.approx(s.score_of("Ana").total)
    with pytest.raises(UsageError):  # never played: no stored call, not even a trainee
        store.history(trainee="Cem")
    store.close()


def test_seminar_command_stores_every_trainee(tmp_path):
    from click.testing import CliRunner

    from simulator.cli import cli

    db = f"sqlite:///{tmp_path / 'cli.db'}"
    typed = "Hello, IT helpdesk, what exactly happens?\n/next\nI see, that's annoying.\n/note nice\n/end\n"
    result = CliRunner().invoke(cli, ["seminar", "checked-plug", "--trainees", "Ana,Ben", "--lang", "en", "--ui",
                                      "terminal", "--db", db], input=typed)
    assert result.exit_code == 0, result.output
    from simulator.storage import Store

    with Store.open(db) as store:
        for name, text in (("Ana", "Hello, IT helpdesk"), ("Ben", "I see")):
            (call,) = store.export(name)["sessions"]
            own = [t["text"][:len(text)] for t in call["turns"] if t["speaker"] == "trainee"]
            assert call["mode"] == "seminar" and own == [text]
            assert call["turns"][0]["number"] == (1 if name == "Ana" else 0)  # Ana answered the ring; Ben keeps the opening
        assert store.export("Ben")["sessions"][0]["adjustments"][0]["reason"] == "nice"
    result = CliRunner().invoke(cli, ["seminar", "checked-plug", "--trainees", "Ana", "--ui", "terminal", "--db", db,
                                      "--no-store"], input="Hello\n/end\n")
    assert result.exit_code == 0, result.output
    with Store.open(db) as store:
        assert len(store.history()) == 2
