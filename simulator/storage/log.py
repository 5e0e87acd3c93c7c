"""The store as an observer of a :class:`~simulator.dialogue.session.Call`: every exchange committed as it happens."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from simulator.dialogue.state import CallState, Exchange, Turn
from simulator.scenario.model import Scenario
from simulator.storage.store import NOT_STORED, Store


class CallLog:
    """Writes the calls of one trainee to a :class:`Store`, each exchange committed as it happens.

    Attach it to a ``Call`` first among the observers: ``on_turn`` stores the
    exchanges not stored yet, ``on_end`` the outcome and the score. After an
    end, the next ``on_turn`` (a retry from an earlier turn) starts a new
    stored session, so every attempt is kept.

    ``only``: store only the exchanges whose trainee line was said by this
    person (``Turn.by``), plus the opening: a seminar keeps one log per
    trainee, so each person's stored call holds their own words only. The
    phone rings first, so the opening is the start of the reply to whoever
    answered; the others' calls keep it as the customer's line number 0.
    """

    def __init__(self, store: Store, scenario: Scenario, lang: str, *, seed: int = 0, trainee: str | None = None,
                 mode: str = "practice", private: bool = False, only: str | None = None, coach: Any = None) -> None:
        self.store = store
        self.scenario = scenario
        self.lang = lang
        self.seed = seed
        self.trainee = trainee
        self.mode = mode
        self.private = private
        self.only = only
        self.coach = coach  # coach mode: the hint shown after a turn is stored with its reply ("coach:<kind>")
        self.session: int | None = None
        self.recorded = 0  # exchanges looked at (stored or skipped) for the current session
        self.sessions: list[int] = []

    def _keeps(self, x: Exchange) -> bool:
        return self.only is None or x.trainee is None or x.trainee.by == self.only

    def on_turn(self, state: CallState) -> None:
        """Store the exchanges of ``state`` not stored yet."""
        if self.session is None:
            self.session = self.store.begin_session(self.trainee, self.scenario, self.lang, state.seed,
                                                    self.mode, self.private)
            self.sessions.append(self.session)
            self.recorded = 0
        if self.session == NOT_STORED:
            return
        if self.coach is not None:
            self.coach.hint_for(state)  # the store hears the turn first: decide the hint now, so it is kept
        while self.recorded < len(state.exchanges):
            x = state.exchanges[self.recorded]
            if self._keeps(x):
                line = x.trainee or x.reply
                if line is not None:
                    self.store.record_turn(self.session, line, self._with_hint(x) if x.trainee is not None else None)
            elif x.number == 1 and x.reply is not None and state.exchanges[0].reply is None:
                self.store.record_turn(self.session, self._opening(x.reply), None)  # someone else answered the ring
            self.recorded += 1

    def _with_hint(self, x: Exchange) -> Turn | None:
        """The reply of ``x``, carrying the coach hint shown after it (if any) among its events."""
        hint = self.coach.shown.get(x.number) if self.coach is not None else None
        if hint is None or x.reply is None:
            return x.reply
        return replace(x.reply, events=x.reply.events + (hint,))

    def _opening(self, reply: Turn) -> Turn:
        """The customer's opening as her line number 0: the start of ``reply`` that is one of the scenario's openings."""
        said = next((v for v in self.scenario.opening.all(self.lang) if v and reply.text.startswith(v)), reply.text)
        return Turn("customer", said, 0, mood=reply.mood, patience=reply.patience, trust=reply.trust)

    def on_end(self, state: CallState, score: Any = None) -> None:
        """Store the end of the call and its score; the next :meth:`on_turn` starts a new session."""
        self.on_turn(state)
        if self.session not in (None, NOT_STORED):
            if self.only is not None:  # the other trainees' exchanges are not this person's to keep
                state = replace(state, exchanges=tuple(x for x in state.exchanges if self._keeps(x)))
            self.store.finish_session(self.session, state, score)
        self.session = None
