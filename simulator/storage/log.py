"""The play loop's view of the store: record a call turn by turn as it happens."""

from __future__ import annotations

from typing import Any

from simulator.dialogue.state import CallState
from simulator.scenario.model import Scenario
from simulator.storage.store import NOT_STORED, Store


class CallLog:
    """Writes the calls of one trainee to a :class:`Store`, each turn committed as it happens.

    UIs call :meth:`observe` with every new :class:`CallState` and
    :meth:`finish` when a call ends. A state that does not continue the call
    being recorded (a retry from an earlier turn after the call was finished)
    starts a new stored session, so every attempt is kept.
    """

    def __init__(self, store: Store, scenario: Scenario, lang: str, *, seed: int = 0, trainee: str | None = None,
                 mode: str = "practice", private: bool = False) -> None:
        self.store = store
        self.scenario = scenario
        self.lang = lang
        self.seed = seed
        self.trainee = trainee
        self.mode = mode
        self.private = private
        self.session: int | None = None
        self.recorded = 0  # transcript lines stored for the current session
        self.sessions: list[int] = []

    def observe(self, state: CallState) -> None:
        """Store the lines of ``state`` not stored yet."""
        if self.session is None:
            self.session = self.store.begin_session(self.trainee, self.scenario, self.lang, state.seed,
                                                    self.mode, self.private)
            self.sessions.append(self.session)
            self.recorded = 0
        if self.session == NOT_STORED:
            return
        lines = state.transcript
        if self.recorded == 0 and lines:
            self.store.record_turn(self.session, lines[0], None)
            self.recorded = 1
        while self.recorded < len(lines):
            turn = lines[self.recorded]
            reply = lines[self.recorded + 1] if self.recorded + 1 < len(lines) else None
            if reply is not None and (reply.speaker != "customer" or reply.number != turn.number):
                reply = None
            self.store.record_turn(self.session, turn, reply)
            self.recorded += 2 if reply is not None else 1

    def finish(self, state: CallState, score: Any = None) -> None:
        """Store the end of the call and its score; the next :meth:`observe` starts a new session."""
        self.observe(state)
        if self.session not in (None, NOT_STORED):
            self.store.finish_session(self.session, state, score)
        self.session = None

    def hook(self, scenario: Scenario, state: CallState, score: Any) -> None:
        """The window's store hook: ``hook(scenario, final_state, score)``."""
        self.finish(state, score)
