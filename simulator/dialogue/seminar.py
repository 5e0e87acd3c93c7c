"""Seminar mode's logic: one customer, several trainees, an instructor; no UI library, no click.

A :class:`Seminar` runs on :class:`~simulator.dialogue.session.Call` objects:

* ``hotseat`` -- one Call shared by everyone; each line is ``call.say(text,
  by=on_seat)``, so every exchange knows who said it. The instructor passes
  the turn. Each trainee is scored on their own turns:
  ``scorer(scenario, state, turns={their turn numbers})``.
* ``sequence`` -- one Call per trainee, played one after the other.

A call that ends (the customer hangs up after a rude line) does not end the
seminar: the instructor can still mark, note and adjust, then
:meth:`Seminar.rewind` to any turn (``Call.rewind``, like the trainee
window's retry) and let the next trainee try from there. Only
:meth:`Seminar.end_call` ends the seminar and brings the ranking.

**Attempts.** The first run of a call and every run after a rewind is an
:class:`Attempt`. A trainee's part in an attempt is scored on all their
turns in that attempt's call (turns before the rewind point included, as a
retry in the trainee window keeps the earlier turns). The ranking counts each
trainee's **last** attempt they spoke in: a rewind is the instructor's "try
that again", so the ranking shows where each trainee ended up, which is also
the newest call in their stored history; the earlier attempts stay stored
and are listed beside it (:class:`~simulator.dialogue.seminar_scores.AttemptResult`).
A best-of rule would hide exactly the attempt the room discussed.

Storage: give the seminar one log per trainee (``logs={name: CallLog(...,
mode="seminar", only=name)}``, see :mod:`simulator.storage.log`). A trainee
gets a stored session for an attempt once they speak in it (so a retry is a
new stored session, and a trainee who did not speak in an attempt gets none
for it); it keeps the opening and that trainee's own exchanges and is
finished with *their* score in that attempt, not the call's. Notes and
adjustments belong to the trainee's attempt (the last one they had spoken in
when made) and are written to that attempt's stored session (``author
"instructor"``) once its call has ended (adjustments with the delta as
applied, see :func:`apply_adjustments`).

Adjustments never overwrite the automatic score: the adjusted dimension is
clamped to 0..100 and the ranking shows both totals.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from simulator.dialogue.seminar_scores import (
    Adjustment, AppliedAdjustment, AttemptResult, Mark, RankingRow, adjusted_total, apply_adjustments,
)
from simulator.dialogue.session import Call, CallObserver, default_scorer
from simulator.errors import UsageError
from simulator.vocabulary import DIMENSIONS

if TYPE_CHECKING:
    from simulator.dialogue.engine import Engine
    from simulator.dialogue.state import CallState

__all__ = ["AUTHOR", "Adjustment", "AppliedAdjustment", "Attempt", "AttemptResult", "DIMENSIONS", "MAX_TRAINEES",
           "MODES", "Mark", "RankingRow", "Seminar", "TraineeLog", "apply_adjustments", "parse_trainees"]

MODES = ("hotseat", "sequence")
"""hotseat: turns on one call; sequence: one call per trainee."""
MAX_TRAINEES = 12
"""More names than this do not fit the projector layout."""
AUTHOR = "instructor"
"""Author of the notes and adjustments a seminar stores."""


@dataclass(frozen=True, slots=True)
class Attempt:
    """One run of a call: the first one, or a retry from a turn (:meth:`Seminar.rewind`)."""

    number: int
    """1-based within its line of calls (hot seat: the shared call; sequence: one trainee's calls)."""
    call: Call
    """The Call of this attempt."""
    start: int
    """The trainee turn it continues after (0: the opening; always 0 for a first attempt)."""
    players: tuple[str, ...]
    """Who answers in it (hot seat: everyone; sequence: one trainee)."""

    def turns_of(self, trainee: str) -> tuple[int, ...]:
        """Every trainee turn of this person in the call (those before the rewind point included)."""
        if not self.call.started:
            return ()
        return tuple(x.number for x in self.call.state.exchanges if x.trainee is not None and x.trainee.by == trainee)

    def new_turns_of(self, trainee: str) -> tuple[int, ...]:
        """The turns this person said in this attempt (after the rewind point)."""
        return tuple(n for n in self.turns_of(trainee) if n > self.start)


class TraineeLog(Protocol):
    """What the seminar needs of one trainee's store log (a :class:`simulator.storage.log.CallLog`)."""

    store: Any
    """The store (``adjust(session_id, reason=, author=, dimension=, delta=)``)."""
    sessions: list[int]
    """Stored session ids, the newest last (0: a private run that is not stored)."""

    def on_turn(self, state: CallState) -> None:
        """Store what is new in ``state``."""

    def on_end(self, state: CallState, score: Any = None) -> None:
        """Store the end of the call with ``score``."""


def parse_trainees(value: str) -> tuple[str, ...]:
    """'Ana, Ben,Cem' -> ('Ana', 'Ben', 'Cem'); UsageError when empty, duplicated or too many."""
    names = tuple(n.strip() for n in value.split(",") if n.strip())
    if not names:
        raise UsageError("--trainees needs at least one name, e.g. --trainees \"Ana,Ben,Cem\"")
    seen = {n.casefold() for n in names}
    if len(seen) != len(names):
        raise UsageError("--trainees: each name only once")
    if len(names) > MAX_TRAINEES:
        raise UsageError(f"--trainees: at most {MAX_TRAINEES} names")
    return names


class _TraineePart:
    """Hears one attempt's Call for one trainee's log.

    Nothing is stored until the trainee speaks in this attempt; then the log
    (a new stored session) gets the opening and their exchanges, and at the
    end their own score in this attempt (not the Call's).
    """

    def __init__(self, seminar: Seminar, trainee: str, log: TraineeLog, attempt: Attempt) -> None:
        self.seminar = seminar
        self.trainee = trainee
        self.log = log
        self.attempt = attempt
        self.started = False
        self.session: int | None = None  # the stored session once this part has ended (0: not stored)

    def on_turn(self, state: CallState) -> None:
        if not self.started:
            if not any(x.trainee is not None and x.trainee.by == self.trainee and x.number > self.attempt.start
                       for x in state.exchanges):
                return
            self.started = True
        self.log.on_turn(state)

    def on_end(self, state: CallState, score: Any) -> None:
        if not self.started:
            return
        self.log.on_end(state, self.seminar.score_in(self.attempt, self.trainee))
        self.session = self.log.sessions[-1] if self.log.sessions else 0
        self.seminar._store_notes(self.trainee)


class Seminar:
    """The seminar's logic, shared by the projector window and the terminal."""

    def __init__(self, engine: Engine, trainees: Iterable[str], *, mode: str = "hotseat", seed: int = 0,
                 scorer: Callable | None = default_scorer, clock: Callable[[], float] = time.monotonic,
                 logs: Mapping[str, TraineeLog] | None = None, observers: Iterable[CallObserver] = ()) -> None:
        if mode not in MODES:
            raise UsageError(f"unknown seminar mode {mode!r}: choose hotseat or sequence")
        self.engine = engine
        self.scenario = engine.scenario
        self.trainees = tuple(trainees)
        if not self.trainees:
            raise UsageError("a seminar needs at least one trainee")
        self.mode = mode
        self.seed = seed
        self.scorer = scorer
        self.clock = clock
        self.logs: dict[str, TraineeLog] = dict(logs or {})
        """Trainee -> their store log (none: nothing stored)."""
        self.observers = tuple(observers)
        """Views (voice, ...) told about every call of the seminar, after the logs."""
        self.current = 0
        self.paused = False
        self.paused_at: float | None = None
        self.paused_total = 0.0
        self.started_at = clock()
        self.ended_at: float | None = None
        self.marks: list[Mark] = []
        self.adjustments: list[Adjustment] = []
        self.calls: dict[str, Call] = {}
        """Trainee -> the Call they answer in now (hot seat: everyone the same Call; sequence: once their turn came)."""
        self.attempts: list[Attempt] = []
        """Every attempt so far, oldest first."""
        self._parts: dict[tuple[str, int], _TraineePart] = {}  # (trainee, attempt number) -> its store observer
        self._closed = False
        self._scores: dict[tuple[str, int], Any] = {}
        self._stored: set[int] = set()  # ids of the marks and adjustments written to the store
        self.score_error = ""
        self._begin(self.trainees if mode == "hotseat" else (self.on_seat,))
        self.call.start()

    def _begin(self, players: tuple[str, ...], previous: Call | None = None, start: int = 0) -> Call:
        """A new attempt for ``players``: a fresh Call, or ``previous.rewind(start)`` (which ends ``previous``)."""
        number = 1 + sum(1 for a in self.attempts if a.players == players)
        if previous is None:
            call = Call(self.engine, seed=self.seed, observers=list(self.observers),
                        scorer=None if self.scorer is None else self._call_scorer)
        else:
            call = previous.rewind(start)
            call.observers = [o for o in call.observers if not isinstance(o, _TraineePart)]
        attempt = Attempt(number, call, start, players)
        parts = [_TraineePart(self, name, self.logs[name], attempt) for name in players if name in self.logs]
        for part in parts:
            self._parts[(part.trainee, number)] = part
        call.observers[:0] = parts  # the logs first: a line is stored before it is spoken
        self.attempts.append(attempt)
        for name in players:
            self.calls[name] = call
        return call

    def _call_scorer(self, scenario, state, *, turns=None):
        """The Call's own score; a missing scoring module leaves the call unscored (and says why)."""
        try:
            return self.scorer(scenario, state, turns=turns)
        except ImportError as exc:
            self.score_error = str(exc)
            return None

    # -- state -----------------------------------------------------------------
    @property
    def on_seat(self) -> str:
        """The trainee answering now."""
        return self.trainees[self.current]

    @property
    def call(self) -> Call:
        """The Call being played (hot seat: the shared one; sequence: the current trainee's)."""
        return self.calls[self.on_seat]

    @property
    def attempt(self) -> Attempt:
        """The attempt on screen."""
        return next(a for a in reversed(self.attempts) if a.call is self.call)

    @property
    def states(self) -> tuple[CallState, ...]:
        return self.call.states

    @property
    def state(self) -> CallState:
        return self.call.state

    @property
    def owners(self) -> dict[int, str]:
        """Trainee turn number -> who said it, in the call on screen."""
        return {x.number: x.trainee.by or self.on_seat for x in self.state.exchanges if x.trainee is not None}

    @property
    def finished(self) -> bool:
        """No more answers: the ranking can be shown."""
        return self._closed

    def attempts_of(self, trainee: str) -> tuple[Attempt, ...]:
        """The attempts this person spoke in, oldest first."""
        return tuple(a for a in self.attempts if trainee in a.players and a.new_turns_of(trainee))

    def counted(self, trainee: str) -> Attempt | None:
        """The attempt the ranking counts for this person: the last one they spoke in."""
        spoken = self.attempts_of(trainee)
        return spoken[-1] if spoken else None

    def turns_of(self, trainee: str) -> tuple[int, ...]:
        """The trainee turn numbers of this person in their counted attempt."""
        attempt = self.counted(trainee)
        return () if attempt is None else attempt.turns_of(trainee)

    def turns_taken(self, trainee: str) -> int:
        """Lines this person said in the whole seminar, each counted once over all attempts."""
        return sum(len(a.new_turns_of(trainee)) for a in self.attempts if trainee in a.players)

    def elapsed(self) -> float:
        end = self.ended_at if self.ended_at is not None else (self.paused_at or self.clock())
        return end - self.started_at - self.paused_total

    # -- actions ---------------------------------------------------------------
    def say(self, text: str) -> CallState:
        """The trainee on the hot seat says ``text``; the customer answers."""
        if self.paused:
            raise UsageError("the seminar is paused")
        if self._closed:
            raise UsageError("the seminar has ended")
        if self.state.ended:
            raise UsageError("the call has ended: rewind to a turn to try again, or end the seminar")
        if not text.strip():
            raise UsageError("nothing to say")
        self._scores.clear()  # before the Call: its end scores (and stores) each trainee at once
        state = self.call.say(text, by=self.on_seat)
        if state.ended:
            self.ended_at = self.clock()
        return state

    def pass_turn(self) -> str:
        """Hot seat: the next trainee answers. Sequence: the current call ends, the next trainee's starts.

        In sequence mode passing on from the last trainee ends the seminar.
        """
        if self._closed:
            return self.on_seat
        if self.mode == "hotseat":
            self.current = (self.current + 1) % len(self.trainees)
            return self.on_seat
        self.call.finish("quit")
        if self.current == len(self.trainees) - 1:
            self.close()
            return self.on_seat
        self.current += 1
        self._begin((self.on_seat,))
        self.started_at, self.paused_total = self.clock(), 0.0
        self.ended_at = None
        self.call.start()
        return self.on_seat

    def rewind(self, turn: int, trainee: str | None = None) -> Call:
        """Go back to the state after trainee turn ``turn`` (0: the opening) in a new attempt; returns its Call.

        The call on screen is ended first when still open (so stored and
        scored). Hot seat: ``trainee`` takes the seat (default: the next one
        after whoever is on it); sequence: the same trainee tries again.
        """
        if self._closed:
            raise UsageError("the seminar has ended")
        try:
            turn = int(turn)
        except (TypeError, ValueError):
            raise UsageError(f"a turn is a number like 2, not {turn!r}") from None
        if trainee is not None and trainee not in self.trainees:
            raise UsageError(f"unknown trainee {trainee!r}: one of {', '.join(self.trainees)}")
        if not 0 <= turn <= self.state.turn:
            raise UsageError(f"no turn {turn} to go back to (0..{self.state.turn})")
        if self.states[turn].ended:
            raise UsageError(f"turn {turn} ended the call; go back further")
        self._scores.clear()
        now = self.clock()
        if self.ended_at is not None:
            self.paused_total += now - self.ended_at  # the discussion after the end is not call time
            self.ended_at = None
        call = self._begin(self.attempt.players, previous=self.call, start=turn)
        if self.mode == "hotseat":
            self.current = self.trainees.index(trainee) if trainee else (self.current + 1) % len(self.trainees)
        for obs in call.observers:  # the views (voice) hear the resumed state; the logs wait for a new line
            if not isinstance(obs, _TraineePart):
                obs.on_turn(call.state)
        return call

    def end_call(self) -> None:
        """The instructor ends the seminar: the open call is ended (sequence: the remaining trainees do not play)."""
        self.call.finish("quit")
        self.close()

    def close(self) -> None:
        if self.ended_at is None:
            self.ended_at = self.clock()
        self.paused = False
        self._closed = True

    def toggle_pause(self) -> bool:
        """Pause or resume (the call timer stops while paused); returns the new paused flag."""
        now = self.clock()
        if self.paused:
            self.paused_total += now - (self.paused_at or now)
            self.paused_at = None
            self.paused = False
        else:
            self.paused_at = now
            self.paused = True
        return self.paused

    def _attempt_for(self, trainee: str) -> int:
        """The attempt a note or adjustment about ``trainee`` made now belongs to."""
        counted = self.counted(trainee)
        if counted is not None:
            return counted.number
        mine = [a for a in self.attempts if trainee in a.players]
        return mine[-1].number if mine else 1

    def mark(self, note: str = "", trainee: str | None = None) -> Mark:
        """Mark the current moment (with an optional note) for discussion; a note is stored with the trainee's call."""
        who = trainee or self.on_seat
        if who not in self.trainees:
            raise UsageError(f"unknown trainee {who!r}: one of {', '.join(self.trainees)}")
        m = Mark(who, self.state.turn, note.strip(), self._attempt_for(who))
        self.marks.append(m)
        self._store_notes(m.trainee)
        return m

    def adjust(self, dimension: str, delta: float, reason: str, trainee: str | None = None) -> Adjustment:
        """Add ``delta`` points to a dimension of a trainee's score, with a reason; never overwrites the automatic score."""
        who = trainee if trainee is not None else self.on_seat
        if who not in self.trainees:
            raise UsageError(f"unknown trainee {who!r}: one of {', '.join(self.trainees)}")
        if dimension not in DIMENSIONS:
            raise UsageError(f"unknown dimension {dimension!r}: one of {', '.join(DIMENSIONS)}")
        try:
            delta = float(delta)
        except (TypeError, ValueError):
            raise UsageError(f"points must be a number like +5 or -10, not {delta!r}") from None
        if not -100 <= delta <= 100 or delta == 0:
            raise UsageError("points must be between -100 and +100 and not 0")
        if not reason.strip():
            raise UsageError("an adjustment needs a reason")
        adj = Adjustment(who, dimension, delta, reason.strip(), self.state.turn, self._attempt_for(who))
        self.adjustments.append(adj)
        self._store_notes(who)
        return adj

    # -- scoring -----------------------------------------------------------------
    def score_in(self, attempt: Attempt, trainee: str):
        """The automatic Score of one trainee's turns in one attempt (None without turns or scorer)."""
        key = (trainee, attempt.number)
        if key in self._scores:
            return self._scores[key]
        turns = attempt.turns_of(trainee)
        score = None
        if turns and self.scorer is not None:
            call = attempt.call
            if self.mode == "sequence" and call.ended:
                score = call.score  # the whole call is theirs: the Call's own score
            else:
                try:
                    score = self.scorer(self.scenario, call.state, turns=set(turns) if self.mode == "hotseat" else None)
                except ImportError as exc:
                    self.score_error = str(exc)
        self._scores[key] = score
        return score

    def score_of(self, trainee: str):
        """The automatic Score of the trainee's counted attempt (None without turns or scorer)."""
        attempt = self.counted(trainee)
        return None if attempt is None else self.score_in(attempt, trainee)

    def counted_adjustments(self, trainee: str) -> tuple[Adjustment, ...]:
        """The trainee's adjustments about their counted attempt, in the order made."""
        attempt = self.counted(trainee)
        number = 1 if attempt is None else attempt.number
        return tuple(a for a in self.adjustments if a.trainee == trainee and a.attempt == number)

    def applied(self, trainee: str) -> tuple[AppliedAdjustment, ...]:
        """The trainee's counted adjustments as they apply to their counted score."""
        return apply_adjustments(self.score_of(trainee), self.counted_adjustments(trainee))

    adjusted_total = staticmethod(adjusted_total)

    def results(self, trainee: str) -> tuple[AttemptResult, ...]:
        """Each attempt the trainee spoke in, with its score; the last one is counted."""
        spoken = self.attempts_of(trainee)
        rewound = {id(a) for a in self.attempts  # a later attempt of the same call continued from it
                   if any(b.players == a.players and b.number == a.number + 1 for b in self.attempts)}
        return tuple(AttemptResult(a.number, a.turns_of(trainee), a.new_turns_of(trainee),
                                   a.call.state.outcome.reason if a.call.ended else "", self.score_in(a, trainee),
                                   i == len(spoken) - 1, id(a) in rewound) for i, a in enumerate(spoken))

    def ranking(self) -> list[RankingRow]:
        """Trainees by adjusted total of their counted attempt, best first; trainees without turns last."""
        rows = []
        for name in self.trainees:
            score = self.score_of(name)
            adjs = self.counted_adjustments(name)
            rows.append(dict(trainee=name, turns=self.turns_of(name), automatic=None if score is None else score.total,
                             adjusted=adjusted_total(score, adjs), adjustments=adjs, score=score,
                             applied=apply_adjustments(score, adjs), taken=self.turns_taken(name),
                             attempts=self.results(name), marks=tuple(m for m in self.marks if m.trainee == name)))
        order = sorted(rows, key=lambda r: (r["adjusted"] is None, -(r["adjusted"] or 0.0),
                                            self.trainees.index(r["trainee"])))
        return [RankingRow(rank=i + 1, **r) for i, r in enumerate(order)]

    # -- storage -----------------------------------------------------------------
    def _store_notes(self, trainee: str) -> None:
        """Write the trainee's notes and adjustments not stored yet to their attempt's session, once it has ended.

        Adjustments are stored with the delta as applied to that attempt's
        score; a note about an attempt the trainee has no stored session for
        (they never spoke in it) stays in the seminar only.
        """
        log = self.logs.get(trainee)
        if log is None:
            return
        for m in self.marks:
            part = self._parts.get((trainee, m.attempt))
            if m.trainee == trainee and m.note and id(m) not in self._stored and part and part.session:
                log.store.adjust(part.session, reason=m.note, author=AUTHOR)
                self._stored.add(id(m))
        for number in {a.attempt for a in self.adjustments if a.trainee == trainee}:
            part = self._parts.get((trainee, number))
            if not part or not part.session:
                continue
            mine = [a for a in self.adjustments if a.trainee == trainee and a.attempt == number]
            for a in apply_adjustments(self.score_in(part.attempt, trainee), mine):
                if id(a.adjustment) not in self._stored:
                    log.store.adjust(part.session, reason=a.adjustment.reason, author=AUTHOR,
                                     dimension=a.adjustment.dimension, delta=a.delta)
                    self._stored.add(id(a.adjustment))
