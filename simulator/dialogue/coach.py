"""Coach mode: after a turn in which the trainee missed something the rubric cares about, one short hint.

Pure: :func:`hint_after` reads only the scenario and the call's state, so the
same call always gets the same hints, and a stored call can show them again.
At most one hint per trainee turn, in the seed texts' terms (Verständnis
zeigen, Transparenz, W-Fragen, Zusammenfassen, Zeithorizont, TMP) – a nudge
about *how* to talk, never the solution. The words are in the string
catalogue (``coach.<kind>``); the view that shows a hint (terminal, window)
is an observer, :class:`Coach` remembers which hints were shown so the store
and the debrief keep them.

Exam mode shows no hints: the play loop never attaches a coach then.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from simulator.dialogue.events import CoachHint, Noise, Pushback, Temptation, has
from simulator.dialogue.state import CallState, Turn

KINDS = ("reason", "jargon", "empathy", "callback", "time_frame", "open_question", "summary")
"""Hint kinds, most important first: when a turn misses several things, the first one is shown (what she
 just reacted to – a refusal, confusion – before what she showed earlier)."""
WARM_ACTS = ("empathy", "reassurance")
"""Acts that show understanding."""
MOOD_DROP = 10.0
"""A fall of the customer's mood by at least this much in one turn is a cue to show understanding."""
CALLBACK_BY = 2
"""On a failing line, the callback number should be asked for within this many real turns."""
OPEN_BY = 3
"""Without an open question (or any step taken) in this many real turns, the coach suggests a W-question."""
MAX_SAME = 2
"""The same kind of hint is given at most this often in one call."""


def _opening_at(state: CallState) -> int:
    """The exchange whose reply holds the customer's opening (1 since the phone rings first; 0 in older calls)."""
    return 0 if state.exchanges and state.exchanges[0].reply is not None else 1


def _warm(turn: Turn | None) -> bool:
    return turn is not None and bool(set(turn.acts) & set(WARM_ACTS))


def _missed(scenario, state: CallState, turn: Turn, before: list[Turn]) -> list[str]:
    """Every hint kind that applies to trainee ``turn`` (``before``: the real trainee turns before it).

    A hint comes when the chance has passed, not at the first moment: a feeling she showed at the start or
    by a sharp drop in mood may be answered in either of the next two lines, a refusal or provocation in the
    very next one (so the coach names it when the scorer would), a missing time frame in the line after
    "I'll find out".
    """
    acts = set(turn.acts)
    out: list[str] = []
    prev = before[-1] if before else None
    # Verständnis zeigen: she showed feelings (an angry or pressed opening, a sharp mood drop), two lines passed
    opened_at = _opening_at(state)
    upset = scenario.mood.start <= -15 or scenario.situation.urgency in ("medium", "high")
    heard = [t for t in before if t.number > opened_at] + [turn]
    opening_missed = upset and len(heard) == 2 and not any(_warm(t) for t in before + [turn])
    drop_missed = False
    if len(before) >= 2:
        cause, before_cause = before[-2], (before[-3].mood if len(before) >= 3 else scenario.mood.start)
        drop_missed = cause.mood <= before_cause - MOOD_DROP and not _warm(prev) and not _warm(turn)
    # she refused or provoked in her last answer: the scorer wants understanding in the next line
    provoked = prev is not None and (has(prev.events, Pushback) or has(prev.events, Temptation)) and not _warm(turn)
    if opening_missed or drop_missed or provoked:
        out.append("empathy")
    # Transparenz: a request without a reason, and she resisted
    if has(turn.events, Pushback) and "transparency" not in acts:
        out.append("reason")
    # TMP – Mensch: technical words for a caller who does not speak them
    if "jargon" in acts and scenario.persona.tech_level in ("low", "medium"):
        out.append("jargon")
    # a failing line: the callback number first
    bad_line = scenario.line.kind == "mobile" or any(e.kind == "line_drop" for e in scenario.events)
    asked = "callback" in acts or any("callback" in t.acts for t in before)
    if bad_line and not asked and len(before) + 1 == CALLBACK_BY:
        out.append("callback")
    # Zeithorizont: "I'll find out" without saying by when, in that line or the next
    if prev is not None and "admit_unknown" in prev.acts and "time_commitment" not in set(prev.acts) | acts:
        out.append("time_frame")
    # W-Fragen: nothing found out yet and no open question asked
    if len(before) + 1 == OPEN_BY and not any("open_question" in t.acts or t.steps for t in before + [turn]):
        out.append("open_question")
    # Zusammenfassen: the problem was solved a line ago, nothing summed up yet
    if state.solved_at is not None and turn.number == state.solved_at + 1 \
            and not any("summary" in t.acts for t in before + [turn]):
        out.append("summary")
    return out


def hints(scenario, state: CallState) -> tuple[tuple[int, CoachHint], ...]:
    """(trainee turn, hint) for every turn of ``state`` that gets one, in order; pure and deterministic."""
    out: list[tuple[int, CoachHint]] = []
    given: dict[str, int] = {}
    real: list[Turn] = []
    last_kind = ""
    for turn in state.trainee_turns:
        if has(turn.events, Noise):
            continue
        kinds = [k for k in _missed(scenario, state, turn, real)
                 if given.get(k, 0) < MAX_SAME and k != last_kind]
        real.append(turn)
        last_kind = ""
        if kinds:
            kind = min(kinds, key=KINDS.index)
            given[kind] = given.get(kind, 0) + 1
            last_kind = kind
            out.append((turn.number, CoachHint(kind)))
    return tuple(out)


def hint_after(scenario, state: CallState) -> CoachHint | None:
    """The hint for the trainee's latest line (None when it missed nothing, or at the ring)."""
    if state.turn == 0:
        return None
    return dict(hints(scenario, state)).get(state.turn)


@dataclass(slots=True)
class Coach:
    """Coach mode for one call, a call observer: which hints were shown (the window can switch it on and off).

    Views ask :meth:`hint_for` after each turn; the store asks too (it is
    attached first), so a hint is stored with the turn it belongs to. The
    window finds the coach among the call's observers.
    """

    scenario: object
    """The scenario played."""
    enabled: bool = True
    """Coach mode on (hints are shown) or off."""
    shown: dict[int, CoachHint] = field(default_factory=dict)
    """Trainee turn -> the hint shown after it."""

    def hint_for(self, state: CallState) -> CoachHint | None:
        """The hint after the latest turn of ``state`` while coaching is on (remembered as shown), else None."""
        if state.turn in self.shown:
            return self.shown[state.turn]
        if not self.enabled or state.turn == 0:
            return None
        hint = hint_after(self.scenario, state)
        if hint is not None:
            self.shown[state.turn] = hint
        return hint

    # -- a call observer: decides the hint of each turn as it happens (views then read it) -------------
    def on_turn(self, state: CallState) -> None:
        self.hint_for(state)

    def on_end(self, state: CallState, score: object) -> None:
        return None

    def forget_after(self, turn: int) -> None:
        """A retry from ``turn``: hints of later turns belong to the abandoned attempt."""
        self.shown = {n: h for n, h in self.shown.items() if n <= turn}

    def all_shown(self) -> tuple[tuple[int, CoachHint], ...]:
        """(turn, hint) pairs shown so far, in turn order."""
        return tuple(sorted(self.shown.items(), key=lambda kv: kv[0]))
