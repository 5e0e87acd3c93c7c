"""The session core: one Call, observers told in order, scored exactly once; typed events; exchanges."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.dialogue import Engine
from simulator.dialogue.events import EVENT_TYPES, Event, Pushback, Revealed, Yielded, parse_event
from simulator.dialogue.session import Call, Observer, replay
from simulator.errors import UsageError
from simulator.scenario import load
from simulator.scoring import score_call

ROOT = Path(__file__).resolve().parent
GOOD_EN = [l for l in (ROOT / "scripts" / "checked-plug" / "en-good.txt").read_text(encoding="utf-8").splitlines() if l.strip()]


class Recorder(Observer):
    """Notes every notification, with a name, into a shared list."""

    def __init__(self, name: str, log: list) -> None:
        self.name, self.log = name, log

    def on_turn(self, state) -> None:
        self.log.append((self.name, "turn", state.turn))

    def on_end(self, state, score) -> None:
        self.log.append((self.name, "end", state.outcome.reason, score))


class CountingScorer:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, scenario, state, *, turns=None):
        self.calls += 1
        return score_call(scenario, state, turns=turns)


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(load("checked-plug"), "en")


def test_observers_hear_every_turn_in_order_and_the_end_once(engine: Engine) -> None:
    log: list = []
    scorer = CountingScorer()
    call = Call(engine, seed=3, observers=[Recorder("store", log), Recorder("view", log)], scorer=scorer)
    state = call.play(GOOD_EN)
    assert state.ended and call.score is not None
    assert scorer.calls == 1
    turns = [e for e in log if e[1] == "turn"]
    assert [t[2] for t in turns[::2]] == list(range(state.turn + 1))  # the opening, then every line
    assert [t[0] for t in turns[:4]] == ["store", "view", "store", "view"]  # the store always hears first
    ends = [e for e in log if e[1] == "end"]
    assert [e[0] for e in ends] == ["store", "view"] and ends[0][3] is call.score
    call.finish()  # finishing again neither rescores nor tells anybody twice
    assert scorer.calls == 1 and len([e for e in log if e[1] == "end"]) == 2


def test_finish_scores_an_open_call_once_and_say_after_the_end_is_refused(engine: Engine) -> None:
    scorer = CountingScorer()
    call = Call(engine, scorer=scorer)
    call.start()
    call.say("Hello, IT desk, Sam speaking. What exactly happens?")
    score = call.finish("quit")
    assert call.state.outcome.reason == "quit" and score is call.score and scorer.calls == 1
    with pytest.raises(UsageError):
        call.say("one more thing")


def test_exchanges_pair_each_line_with_its_reply(engine: Engine) -> None:
    state = replay(engine, GOOD_EN, seed=1)[-1]
    assert state.exchanges[0].trainee is None and state.exchanges[0].reply is None  # the ring
    assert state.exchanges[1].reply.text.startswith(engine.opening(state))  # she opens when the trainee answers
    for n, x in enumerate(state.exchanges):
        assert x.number == n
        if n:
            assert x.trainee.speaker == "trainee" and x.trainee.number == n
            assert x.reply is None or (x.reply.speaker == "customer" and x.reply.number == n)
    assert state.transcript == tuple(t for x in state.exchanges for t in x.turns)


def test_rewind_continues_from_an_earlier_turn_as_a_new_call(engine: Engine) -> None:
    log: list = []
    scorer = CountingScorer()
    first = Call(engine, seed=2, observers=[Recorder("o", log)], scorer=scorer)
    first.play(GOOD_EN[:3])
    retry = first.rewind(1)
    assert retry is not first and retry.observers == first.observers
    assert retry.state == first.states[1] and not retry.ended
    retry.say(GOOD_EN[1])
    assert retry.state.turn == 2 and retry.state.exchanges[:2] == first.states[2].exchanges[:2]
    retry.finish()
    assert scorer.calls == 2  # one score per attempt
    with pytest.raises(UsageError):
        first.rewind(99)


def test_by_tags_who_said_a_line(engine: Engine) -> None:
    call = Call(engine, scorer=None)
    call.start()
    call.say("Hello, IT desk, Sam speaking. What exactly happens?", by="Ana")
    call.say("I see. Is the power light on?", by="Ben")
    assert [t.by for t in call.state.trainee_turns] == ["Ana", "Ben"]
    assert call.state.exchanges[2].reply.by == ""


def test_events_are_typed_and_their_edge_form_round_trips(engine: Engine) -> None:
    state = replay(engine, GOOD_EN, seed=3)[-1]
    events = [e for t in state.trainee_turns for e in t.events]
    assert events and all(isinstance(e, Event) for e in events)
    assert any(isinstance(e, Pushback) for e in events) and any(isinstance(e, Yielded) for e in events)
    for e in events:
        assert parse_event(e.to_json()) == e
    assert parse_event("reveal:power_strip_off") == Revealed("power_strip_off")
    assert set(EVENT_TYPES) >= {"pushback", "yield", "give_in", "reveal", "noise", "line_drop", "line_saved"}
    with pytest.raises(ValueError):
        parse_event("nonsense:x")


def test_json_keeps_events_as_kind_detail_strings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from simulator.cli import main

    script = tmp_path / "s.txt"
    script.write_text("\n".join(GOOD_EN), encoding="utf-8")
    assert main(["play", "checked-plug", "--lang", "en", "--script", str(script), "--json", "--no-store"]) == 0
    doc = json.loads(capsys.readouterr().out)
    tags = [e for t in doc["turns"] for e in t["events"]]
    assert "pushback:check_plug" in tags and all(isinstance(e, str) for e in tags)
    assert doc["score"]["total"] > 75


def test_the_store_keeps_every_exchange_and_one_session_per_attempt(engine: Engine, tmp_path: Path) -> None:
    pytest.importorskip("sqlalchemy")
    from simulator.storage import Store
    from simulator.storage.log import CallLog

    store = Store.open(f"sqlite:///{tmp_path / 's.db'}")
    log = CallLog(store, engine.scenario, "en", trainee="Ana")
    call = Call(engine, observers=[log])
    call.play(GOOD_EN)
    retry = call.rewind(2)
    retry.finish()
    history = store.history("Ana")
    assert len(history) == 2 and len(log.sessions) == 2
    export = store.export("Ana")
    first = next(s for s in export["sessions"] if s["id"] == log.sessions[0])
    assert [t["number"] for t in first["turns"]] == list(range(1, call.state.turn + 1))  # the ring itself is no line
    stored = {t["number"]: t for t in first["turns"]}
    for x in call.state.exchanges[1:]:
        assert stored[x.number]["text"] == x.trainee.text
        assert stored[x.number]["reply"] == (x.reply.text if x.reply else None)
        assert stored[x.number]["events"] == [e.to_json() for e in x.trainee.events]
