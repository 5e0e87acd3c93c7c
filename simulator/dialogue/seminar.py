"""Seminar mode's logic: one customer, several trainees, an instructor; no UI library, no click.

A :class:`Seminar` runs on :class:`~simulator.dialogue.session.Call` objects:

* ``hotseat`` -- one Call shared by everyone; each line is ``call.say(text,
  by=on_seat)``, so every exchange knows who said it. The instructor passes
  the turn. Each trainee is scored on their own turns:
  ``scorer(scenario, state, turns={their turn numbers})``.
* ``sequence`` -- one Call per trainee, played one after the other.

The Call's own (whole-call) score stays the Call's; the per-trainee scores,
marks, notes, adjustments, pause and ranking are the seminar's.

Storage: give the seminar one log per trainee (``logs={name: CallLog(...,
mode="seminar", only=name)}``, see :mod:`simulator.storage.log`). Each log
hears the trainee's Call, keeps the opening and that trainee's own exchanges,
and is finished with *their* per-trainee score; instructor notes and
adjustments are written to that trainee's stored session (``author
"instructor"``) once their score is final (adjustments with the delta as
applied, see :func:`apply_adjustments`).

Adjustments never overwrite the automatic score: the adjusted dimension is
clamped to 0..100 and the ranking shows both totals.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from simulator.dialogue.session import Call, CallObserver, default_scorer
from simulator.errors import UsageError
from simulator.vocabulary import DIMENSIONS

if TYPE_CHECKING:
    from simulator.dialogue.engine import Engine
    from simulator.dialogue.state import CallState

MODES = ("hotseat", "sequence")
"""hotseat: turns on one call; sequence: one call per trainee."""
MAX_TRAINEES = 12
"""More names than this do not fit the projector layout."""
AUTHOR = "instructor"
"""Author of the notes and adjustments a seminar stores."""


@dataclass(frozen=True, slots=True)
class Adjustment:
    """An instructor's change to one dimension of one trainee's score, kept beside the automatic score."""

    trainee: str
    """Whose score."""
    dimension: str
    """One of the rubric's dimensions."""
    delta: float
    """Points asked for (negative: taken away); what counts is clamped, see :class:`AppliedAdjustment`."""
    reason: str
    """Why, as the instructor typed it."""
    turn: int
    """The call's trainee turn when the adjustment was made."""


@dataclass(frozen=True, slots=True)
class AppliedAdjustment:
    """An adjustment as it counts: the dimension before, the delta applied (clamped to 0..100), after."""

    adjustment: Adjustment
    """The adjustment as the instructor made it."""
    before: float | None
    """The dimension's value before it (after earlier adjustments); None without a score or value."""
    delta: float
    """Points actually added: ``after - before`` (the asked delta when there is no value to clamp)."""
    after: float | None
    """The dimension's value after it, within 0..100; None without a score or value."""

    def shown(self, label: str) -> str:
        """'Empathy 95 (+5 → 100)' (``label``: the dimension's name in the UI language); 'Empathy +5' without values."""
        delta = round(self.delta, 1) + 0.0  # no '-0'
        if self.before is None or self.after is None:
            return f"{label} {delta:+g}"
        return f"{label} {self.before:.0f} ({delta:+g} → {self.after:.0f})"


@dataclass(frozen=True, slots=True)
class Mark:
    """A moment marked for discussion, with an optional note."""

    trainee: str
    """Who was on the hot seat (or whom the note is about)."""
    turn: int
    """The call's trainee turn when marked."""
    note: str = ""
    """The instructor's note ('' for a plain mark)."""


@dataclass(frozen=True, slots=True)
class RankingRow:
    """One trainee's line in the final ranking."""

    rank: int
    """1-based place (by adjusted total; trainees without turns last)."""
    trainee: str
    """Name."""
    turns: tuple[int, ...]
    """Trainee turns this person took (in their call)."""
    automatic: float | None
    """The scorer's total, untouched; None without turns or scorer."""
    adjusted: float | None
    """The total after the instructor's adjustments."""
    adjustments: tuple[Adjustment, ...]
    """The adjustments for this trainee."""
    score: Any = None
    """The automatic Score, for the dimension details."""
    applied: tuple[AppliedAdjustment, ...] = ()
    """The adjustments as applied to ``score`` (same order as ``adjustments``)."""


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


def apply_adjustments(score: Any, adjustments: Iterable[Adjustment]) -> tuple[AppliedAdjustment, ...]:
    """Each adjustment in order, applied to its dimension of ``score`` and clamped to 0..100."""
    values = {} if score is None else {d.name: d.value for d in score.dimensions}
    out = []
    for a in adjustments:
        before = values.get(a.dimension)
        if before is None:
            # no value to clamp against: without a score the asked delta stands, a not-applicable dimension gets none
            delta = float(a.delta) if score is None else 0.0
            out.append(AppliedAdjustment(a, None, delta, None))
            continue
        after = max(0.0, min(100.0, before + a.delta))
        values[a.dimension] = after
        out.append(AppliedAdjustment(a, before, after - before, after))
    return tuple(out)


class _TraineeEnd:
    """Hears a Call for one trainee's log and finishes it with the trainee's own score (not the Call's)."""

    def __init__(self, seminar: Seminar, trainee: str, log: TraineeLog) -> None:
        self.seminar = seminar
        self.trainee = trainee
        self.log = log

    def on_turn(self, state: CallState) -> None:
        self.log.on_turn(state)

    def on_end(self, state: CallState, score: Any) -> None:
        self.log.on_end(state, self.seminar.score_of(self.trainee))
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
        """Trainee -> their Call (hot seat: everyone the same Call; sequence: once their turn came)."""
        self._closed = False
        self._scores: dict[str, Any] = {}
        self._stored: set[int] = set()  # ids of the marks and adjustments written to the store
        self.score_error = ""
        if mode == "hotseat":
            call = self._new_call(self.trainees)
            self.calls = {name: call for name in self.trainees}
        else:
            self.calls[self.on_seat] = self._new_call((self.on_seat,))
        self.call.start()

    def _new_call(self, trainees: Iterable[str]) -> Call:
        observers: list = [_TraineeEnd(self, name, self.logs[name]) for name in trainees if name in self.logs]
        return Call(self.engine, seed=self.seed, observers=observers + list(self.observers),
                    scorer=None if self.scorer is None else self._call_scorer)

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

    def turns_of(self, trainee: str) -> tuple[int, ...]:
        """The trainee turn numbers this person said (in their call)."""
        call = self.calls.get(trainee)
        if call is None or not call.started:
            return ()
        return tuple(x.number for x in call.state.exchanges if x.trainee is not None and x.trainee.by == trainee)

    def elapsed(self) -> float:
        end = self.ended_at if self.ended_at is not None else (self.paused_at or self.clock())
        return end - self.started_at - self.paused_total

    # -- actions ---------------------------------------------------------------
    def say(self, text: str) -> CallState:
        """The trainee on the hot seat says ``text``; the customer answers."""
        if self.paused:
            raise UsageError("the seminar is paused")
        if self._closed or self.state.ended:
            raise UsageError("the call has ended")
        if not text.strip():
            raise UsageError("nothing to say")
        self._scores.clear()  # before the Call: its end scores (and stores) each trainee at once
        state = self.call.say(text, by=self.on_seat)
        if state.ended:
            self.ended_at = self.clock()
        return state

    def pass_turn(self) -> str:
        """Hot seat: the next trainee answers. Sequence: the current call ends, the next trainee's starts."""
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
        self.calls[self.on_seat] = self._new_call((self.on_seat,))
        self.started_at, self.paused_total = self.clock(), 0.0
        self.ended_at = None
        self.call.start()
        return self.on_seat

    def end_call(self) -> None:
        """The instructor ends the call (hot seat) or the seminar (sequence: the remaining trainees do not play)."""
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

    def mark(self, note: str = "", trainee: str | None = None) -> Mark:
        """Mark the current moment (with an optional note) for discussion; a note is stored with the trainee's call."""
        m = Mark(trainee or self.on_seat, self.state.turn, note.strip())
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
        adj = Adjustment(who, dimension, delta, reason.strip(), self.state.turn)
        self.adjustments.append(adj)
        self._store_notes(who)
        return adj

    # -- scoring -----------------------------------------------------------------
    def score_of(self, trainee: str):
        """The automatic Score of one trainee's turns (None without turns or scorer)."""
        if trainee in self._scores:
            return self._scores[trainee]
        turns = self.turns_of(trainee)
        score = None
        if turns and self.scorer is not None:
            call = self.calls[trainee]
            if self.mode == "sequence" and call.ended:
                score = call.score  # the whole call is theirs: the Call's own score
            else:
                try:
                    score = self.scorer(self.scenario, call.state, turns=set(turns) if self.mode == "hotseat" else None)
                except ImportError as exc:
                    self.score_error = str(exc)
        self._scores[trainee] = score
        return score

    def applied(self, trainee: str) -> tuple[AppliedAdjustment, ...]:
        """The trainee's adjustments as they count against their current score."""
        return apply_adjustments(self.score_of(trainee), (a for a in self.adjustments if a.trainee == trainee))

    @staticmethod
    def adjusted_total(score, adjustments: Iterable[Adjustment]) -> float | None:
        """The weighted mean after applying each adjustment to its dimension in turn (each clamped to 0..100)."""
        if score is None:
            return None
        applicable = [d for d in score.dimensions if d.value is not None and d.weight > 0]
        weight = sum(d.weight for d in applicable)
        if not weight:
            return score.total
        final = {d.name: d.value for d in score.dimensions}
        for a in apply_adjustments(score, adjustments):
            if a.after is not None:
                final[a.adjustment.dimension] = a.after
        change = sum(d.weight * (final[d.name] - d.value) for d in applicable)
        return max(0.0, min(100.0, score.total + change / weight))

    def ranking(self) -> list[RankingRow]:
        """Trainees by adjusted total, best first; trainees without turns last."""
        rows = []
        for name in self.trainees:
            score = self.score_of(name)
            adjs = tuple(a for a in self.adjustments if a.trainee == name)
            automatic = None if score is None else score.total
            rows.append((name, self.turns_of(name), automatic, self.adjusted_total(score, adjs), adjs, score,
                         apply_adjustments(score, adjs)))
        order = sorted(rows, key=lambda r: (r[3] is None, -(r[3] or 0.0), self.trainees.index(r[0])))
        return [RankingRow(i + 1, *r) for i, r in enumerate(order)]

    # -- storage -----------------------------------------------------------------
    def _store_notes(self, trainee: str) -> None:
        """Write the trainee's notes and adjustments not stored yet, once their score is final.

        Adjustments are stored with the delta as applied to the final score;
        a trainee who never had a stored call (sequence mode ended before
        their turn) keeps their notes in the seminar only.
        """
        log = self.logs.get(trainee)
        call = self.calls.get(trainee)
        if log is None or call is None or not call.ended or not log.sessions or not log.sessions[-1]:
            return
        session = log.sessions[-1]
        for m in self.marks:
            if m.trainee == trainee and m.note and id(m) not in self._stored:
                log.store.adjust(session, reason=m.note, author=AUTHOR)
                self._stored.add(id(m))
        for a in self.applied(trainee):
            if id(a.adjustment) not in self._stored:
                log.store.adjust(session, reason=a.adjustment.reason, author=AUTHOR, dimension=a.adjustment.dimension,
                                 delta=a.delta)
                self._stored.add(id(a.adjustment))
