"""One call, many views: the :class:`Call` every interface shares.

A :class:`Call` owns the sequence of immutable :class:`CallState` values of one
call and tells its observers what happened, in the spirit of Yarn Spinner's
``DialogueRunner`` and its handlers:

* ``on_turn(state)`` when the phone rings (state 0: no customer line yet) and after every trainee line
  (the first one answers the ring; her reply holds her opening),
* ``on_end(state, score)`` once, when the call has ended and been scored.

Storage, voice, report writing and every UI are observers or views; no
interface runs its own copy of the "play a line, react, store, speak" loop.
Interfaces are line sources: they hand each trainee line to :meth:`Call.say`
(or a whole script to :meth:`Call.play`). Every call is scored exactly once.

Observers are called in the order they were attached; attach the store first,
so a line is stored before anything else (voice, drawing) can go wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from simulator.dialogue.engine import Engine
from simulator.dialogue.state import CallState
from simulator.errors import UsageError

if TYPE_CHECKING:
    from simulator.scoring.rubric import Score

Scorer = Callable[..., Any]
"""``scorer(scenario, state, *, turns=None) -> Score`` (the default is :func:`simulator.scoring.score_call`)."""


@runtime_checkable
class CallObserver(Protocol):
    """Anything that wants to know what happens in a call."""

    def on_turn(self, state: CallState) -> None:
        """A new state: the ringing phone, or the trainee's line and the customer's reply (``state.exchanges[-1]``)."""

    def on_end(self, state: CallState, score: Score | None) -> None:
        """The call has ended (``state.outcome`` is set) and was scored (``score`` None without a scorer)."""


class Observer:
    """A :class:`CallObserver` that ignores everything; subclass it and override what you need."""

    def on_turn(self, state: CallState) -> None:  # noqa: D102 - see CallObserver
        return None

    def on_end(self, state: CallState, score: Score | None) -> None:  # noqa: D102 - see CallObserver
        return None


def default_scorer(scenario, state: CallState, *, turns=None):
    """The rubric's scorer, imported when a call ends (keeps the engine importable without scoring)."""
    from simulator.scoring import score_call

    return score_call(scenario, state, turns=turns)


class Call:
    """One call: its states, its observers, its single score.

    ``Call(engine, seed=3, observers=[log, view, voice])`` creates the call;
    :meth:`start` lets the phone ring (the trainee's first line answers). ``history`` resumes from
    earlier states (a retry from turn N) without replaying them.
    """

    def __init__(self, engine: Engine, *, seed: int = 0, observers: Iterable[CallObserver] = (),
                 scorer: Scorer | None = default_scorer, history: Sequence[CallState] = ()) -> None:
        self.engine = engine
        self.scenario = engine.scenario
        self.lang = engine.lang
        self.seed = history[0].seed if history else seed
        self.scorer = scorer
        self.observers: list[CallObserver] = list(observers)
        self._states: list[CallState] = list(history)
        self._score: Any = None
        self._scored = False

    # -- reading ----------------------------------------------------------------
    @property
    def started(self) -> bool:
        return bool(self._states)

    @property
    def states(self) -> tuple[CallState, ...]:
        """Every state so far (index n: after the trainee's n-th line; 0: the phone ringing)."""
        return tuple(self._states)

    @property
    def state(self) -> CallState:
        """The current state (starts the call if needed)."""
        if not self._states:
            self.start()
        return self._states[-1]

    @property
    def ended(self) -> bool:
        return bool(self._states) and self._states[-1].ended

    @property
    def score(self) -> Any:
        """The score, once the call has ended (None before, or without a scorer)."""
        return self._score

    def attach(self, observer: CallObserver) -> None:
        """Add an observer (it hears every later turn)."""
        self.observers.append(observer)

    # -- playing ----------------------------------------------------------------
    def start(self) -> CallState:
        """The ringing phone (or, for a resumed call, its last state), told to every observer."""
        if not self._states:
            self._states.append(self.engine.start(self.seed))
        state = self._states[-1]
        for obs in self.observers:
            obs.on_turn(state)
        return state

    def say(self, text: str, *, by: str = "") -> CallState:
        """The trainee says ``text`` (``by``: who, when several share the call); the customer answers."""
        state = self.state
        if state.ended:
            raise UsageError("the call has already ended")
        new = self.engine.respond(state, text)
        if by:
            last = new.exchanges[-1]
            new = replace(new, exchanges=new.exchanges[:-1] + (replace(last, trainee=replace(last.trainee, by=by)),))
        self._states.append(new)
        for obs in self.observers:
            obs.on_turn(new)
        if new.ended:
            self._end()
        return new

    def finish(self, reason: str = "quit") -> Any:
        """End the call now if it is still open (the trainee hung up, the script ran out); returns the score."""
        if not self._states:
            self.start()
        if not self.ended:
            self._states.append(self.engine.finish(self._states[-1], reason))
        self._end()
        return self._score

    def play(self, lines: Iterable[str], *, reason: str = "script_end") -> CallState:
        """A whole scripted call: each line in turn until the call ends, then finished and scored."""
        if not self._states:
            self.start()
        for line in lines:
            if self.ended:
                break
            self.say(line)
        self.finish(reason)
        return self.state

    def rewind(self, turn: int) -> Call:
        """A new call continuing from the state after trainee turn ``turn`` (0: the ringing phone), same observers.

        The current call is finished first (and so stored and scored) when it is still open.
        """
        if not self._states:
            raise UsageError("the call has not started")
        if not 0 <= turn < len(self._states):
            raise UsageError(f"no turn {turn} to go back to (0..{len(self._states) - 1})")
        if self._states[turn].ended:
            raise UsageError(f"turn {turn} ended the call; go back further")
        history = self._states[: turn + 1]
        self.finish()
        return Call(self.engine, observers=self.observers, scorer=self.scorer, history=history)

    def _end(self) -> None:
        if self._scored:
            return
        self._scored = True
        state = self._states[-1]
        if self.scorer is not None:
            self._score = self.scorer(self.scenario, state)
        for obs in self.observers:
            obs.on_end(state, self._score)


def replay(engine: Engine, lines: Iterable[str], seed: int = 0) -> list[CallState]:
    """Every state of a call played from ``lines`` (index 0: the ringing phone), unscored and unobserved."""
    call = Call(engine, seed=seed, scorer=None)
    call.start()
    for line in lines:
        if call.ended:
            break
        call.say(line)
    return list(call.states)


def play(engine: Engine, lines: Iterable[str], seed: int = 0) -> CallState:
    """The final state of a scripted call (finished with reason ``script_end`` when the lines ran out), unscored."""
    return Call(engine, seed=seed, scorer=None).play(lines)

