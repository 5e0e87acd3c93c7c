"""Seminar mode: one customer, several trainees, an instructor at the keyboard, a projector.

:class:`Seminar` holds the logic both screens use (who is on the hot seat,
pause, marks, notes, score adjustments, per-trainee scoring, ranking); it
imports no UI library. :class:`SeminarWindow` draws it for a projector
(pygame, imported lazily); :class:`SeminarTerminal` runs the same logic with
typed commands when there is no display. ``seminar`` is the click command.

Modes:

* ``hotseat`` -- the trainees answer the same customer in turns; the
  instructor passes the turn (F5/Tab, ``/next``). Each trainee is scored on
  their own turns: ``score_call(scenario, state, turns={their turn numbers})``.
* ``sequence`` -- each trainee plays the whole call, one after the other.

Adjustments never overwrite the automatic score; the ranking shows both.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import click

from simulator.errors import UsageError
from simulator.scenario.options import SCENARIOS_OPTION

if TYPE_CHECKING:
    from simulator.dialogue import CallState, Engine

from simulator.vocabulary import DIMENSIONS
"""The rubric's dimensions (as simulator.scoring.DIMENSIONS)."""
MODES = ("hotseat", "sequence")
"""hotseat: turns on one call; sequence: one call per trainee."""
MAX_TRAINEES = 12
"""More names than this do not fit the projector layout."""


@dataclass(frozen=True, slots=True)
class Adjustment:
    """An instructor's change to one dimension of one trainee's score, kept beside the automatic score."""

    trainee: str
    """Whose score."""
    dimension: str
    """One of the rubric's dimensions."""
    delta: float
    """Points added (negative: taken away); the adjusted dimension stays within 0..100."""
    reason: str
    """Why, as the instructor typed it."""
    turn: int
    """The call's trainee turn when the adjustment was made."""


@dataclass(frozen=True, slots=True)
class Mark:
    """A moment marked for discussion, with an optional note."""

    trainee: str
    """Who was on the hot seat."""
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


def default_scorer(scenario, state, *, turns=None):
    from simulator.scoring import score_call

    return score_call(scenario, state, turns=turns)


def rubric_weights(scenario) -> dict[str, float]:
    """Dimension -> weight of the scenario (0 = not applicable)."""
    try:
        from simulator.scoring.rubric import weights_for

        return weights_for(scenario)
    except ImportError:
        weights = {d: 1.0 for d in DIMENSIONS}
        weights.update({k: float(v) for k, v in (scenario.scoring or {}).items() if k in weights})
        return weights


class Seminar:
    """The seminar's logic, shared by the window and the terminal."""

    def __init__(self, engine: Engine, trainees: Iterable[str], *, mode: str = "hotseat", seed: int = 0,
                 scorer: Callable | None = default_scorer, clock: Callable[[], float] = time.monotonic) -> None:
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
        self.current = 0
        self.paused = False
        self.paused_at: float | None = None
        self.paused_total = 0.0
        self.started_at = clock()
        self.ended_at: float | None = None
        self.marks: list[Mark] = []
        self.adjustments: list[Adjustment] = []
        self.owners: dict[int, str] = {}
        """Hot seat: trainee turn number -> who said it."""
        self.calls: dict[str, list] = {self.trainees[0]: [engine.start(seed)]}
        """Trainee -> their call's states (hot seat: everyone shares the first trainee's list)."""
        self._closed = False
        self._scores: dict[str, Any] = {}
        self.score_error = ""

    # -- state -----------------------------------------------------------------
    @property
    def on_seat(self) -> str:
        """The trainee answering now."""
        return self.trainees[self.current]

    @property
    def states(self) -> list:
        key = self.trainees[0] if self.mode == "hotseat" else self.on_seat
        return self.calls[key]

    @property
    def state(self) -> CallState:
        return self.states[-1]

    @property
    def finished(self) -> bool:
        """No more answers: the ranking can be shown."""
        return self._closed

    def turns_of(self, trainee: str) -> tuple[int, ...]:
        if self.mode == "hotseat":
            return tuple(sorted(n for n, who in self.owners.items() if who == trainee))
        states = self.calls.get(trainee)
        return tuple(range(1, states[-1].turn + 1)) if states else ()

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
        state = self.engine.respond(self.state, text)
        self.states.append(state)
        if self.mode == "hotseat":
            self.owners[state.turn] = self.on_seat
        else:
            self.owners = {n: self.on_seat for n in range(1, state.turn + 1)}
        if state.ended:
            self.ended_at = self.clock()
        self._scores.clear()
        return state

    def pass_turn(self) -> str:
        """Hot seat: the next trainee answers. Sequence: the current call ends, the next trainee's starts."""
        if self._closed:
            return self.on_seat
        if self.mode == "hotseat":
            self.current = (self.current + 1) % len(self.trainees)
            return self.on_seat
        if not self.state.ended:
            self.states[-1] = self.engine.finish(self.state, "quit")
        if self.current == len(self.trainees) - 1:
            self.close()
            return self.on_seat
        self.current += 1
        self.calls[self.on_seat] = [self.engine.start(self.seed)]
        self.owners = {}
        self.started_at, self.paused_total = self.clock(), 0.0
        self.ended_at = None
        return self.on_seat

    def end_call(self) -> None:
        """The instructor ends the call (hot seat) or the seminar (sequence: the remaining trainees do not play)."""
        if not self.state.ended:
            self.states[-1] = self.engine.finish(self.state, "quit")
        self.close()

    def close(self) -> None:
        if self.ended_at is None:
            self.ended_at = self.clock()
        self.paused = False
        self._closed = True
        self._scores.clear()

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
        """Mark the current moment (with an optional note) for discussion."""
        m = Mark(trainee or self.on_seat, self.state.turn, note.strip())
        self.marks.append(m)
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
        return adj

    # -- scoring -----------------------------------------------------------------
    def score_of(self, trainee: str):
        """The automatic Score of one trainee's turns (None without turns or scorer)."""
        if trainee in self._scores:
            return self._scores[trainee]
        turns = self.turns_of(trainee)
        score = None
        if turns and self.scorer is not None:
            if self.mode == "hotseat":
                state = self.calls[self.trainees[0]][-1]
                counted = set(turns)
            else:
                state, counted = self.calls[trainee][-1], None
            try:
                score = self.scorer(self.scenario, state, turns=counted)
            except ImportError as exc:
                self.score_error = str(exc)
        self._scores[trainee] = score
        return score

    @staticmethod
    def adjusted_total(score, adjustments: Iterable[Adjustment]) -> float | None:
        """The weighted mean after adding each adjustment to its dimension (clamped to 0..100)."""
        if score is None:
            return None
        deltas: dict[str, float] = {}
        for a in adjustments:
            deltas[a.dimension] = deltas.get(a.dimension, 0.0) + a.delta
        applicable = [d for d in score.dimensions if d.value is not None and d.weight > 0]
        weight = sum(d.weight for d in applicable)
        if not weight:
            return score.total
        change = 0.0
        for d in applicable:
            if d.name in deltas:
                change += d.weight * (max(0.0, min(100.0, d.value + deltas[d.name])) - d.value)
        return max(0.0, min(100.0, score.total + change / weight))

    def ranking(self) -> list[RankingRow]:
        """Trainees by adjusted total, best first; trainees without turns last."""
        rows = []
        for name in self.trainees:
            score = self.score_of(name)
            adjs = tuple(a for a in self.adjustments if a.trainee == name)
            automatic = None if score is None else score.total
            rows.append((name, self.turns_of(name), automatic, self.adjusted_total(score, adjs), adjs, score))
        order = sorted(rows, key=lambda r: (r[3] is None, -(r[3] or 0.0), self.trainees.index(r[0])))
        return [RankingRow(i + 1, *r) for i, r in enumerate(order)]


# -- terminal -------------------------------------------------------------------
class SeminarTerminal:
    """The seminar with typed commands, for machines without a display.

    Lines starting with ``/`` are instructor commands; any other line is the
    answer of the trainee on the hot seat.
    """

    def __init__(self, seminar: Seminar, *, lang: str, read: Callable[[str], str] | None = None,
                 write: Callable[[str], None] | None = None) -> None:
        from simulator.ui.texts import Texts

        self.s = seminar
        self.t = Texts(lang)
        self.read = read or (lambda prompt: click.prompt(prompt, default="", show_default=False, prompt_suffix=""))
        self.write = write or click.echo

    def _customer(self) -> None:
        self.write(f"{self.t('customer')}: {self.s.state.last_customer_line}")

    def run(self) -> Seminar:
        s, t = self.s, self.t
        self.write(f"{t('seminar')}: {s.scenario.title.get(s.engine.lang)}  ·  {', '.join(s.trainees)}  ·  {s.mode}")
        self.write(t("terminal_help"))
        self._customer()
        while not s.finished:
            prompt = f"[{s.on_seat}{' · ' + t('paused') if s.paused else ''}]> "
            try:
                line = self.read(prompt)
            except (EOFError, click.exceptions.Abort):
                s.end_call()
                break
            try:
                self.command(line)
            except UsageError as exc:
                self.write(f"! {exc.message}")
        self.show_ranking()
        return s

    def command(self, line: str) -> None:
        s, t = self.s, self.t
        line = line.strip()
        if not line:
            return
        if not line.startswith("/"):
            before = s.state.ended
            state = s.say(line)
            self._customer()
            if state.ended and not before:
                from simulator.ui.window import reason_text

                self.write(t("call_ended", reason=reason_text(t, state.outcome.reason)))
                if s.mode == "hotseat":
                    s.close()
                elif s.current < len(s.trainees) - 1:
                    self.write(t("next_trainee", trainee=s.trainees[s.current + 1]) + "  (/next)")
                else:
                    s.close()
            return
        cmd, _, rest = line[1:].partition(" ")
        cmd = cmd.lower()
        if cmd in ("next", "n"):
            who = s.pass_turn()
            if not s.finished:
                self.write(f"→ {t('hot_seat')}: {who}")
                if s.mode == "sequence":
                    self._customer()
        elif cmd in ("mark", "m"):
            m = s.mark(rest)
            self.write(t("marked", n=m.turn))
        elif cmd == "note":
            if not rest.strip():
                raise UsageError("/note needs a text")
            m = s.mark(rest)
            self.write(t("marked", n=m.turn) + f" {rest.strip()}")
        elif cmd == "adjust":
            parts = rest.split()
            trainee = None
            if parts and parts[0] in s.trainees:
                trainee = parts.pop(0)
            if len(parts) < 3:
                raise UsageError("usage: /adjust [TRAINEE] DIMENSION +N REASON, e.g. /adjust empathy +5 good recap")
            adj = s.adjust(parts[0].lower(), parts[1], " ".join(parts[2:]), trainee)
            from simulator.ui.window import dimension_name

            self.write(t("adjusted_note", trainee=adj.trainee, dimension=dimension_name(t, adj.dimension),
                         delta=adj.delta, reason=adj.reason))
        elif cmd in ("pause", "resume"):
            if (cmd == "pause") != s.paused:
                s.toggle_pause()
            self.write(t("paused") if s.paused else "▶")
        elif cmd == "end":
            s.end_call()
        elif cmd in ("help", "h", "?"):
            self.write(t("terminal_help"))
        else:
            raise UsageError(f"unknown command /{cmd}: " + t("terminal_help"))

    def show_ranking(self) -> None:
        from simulator.ui.window import dimension_name

        s, t = self.s, self.t
        self.write("")
        self.write(f"== {t('ranking')} ==")
        self.write(f"{t('rank'):>2}  {t('trainee'):<16} {t('automatic'):>11} {t('adjusted'):>11}  {t('turns_header')}")
        for row in s.ranking():
            auto = "–" if row.automatic is None else f"{row.automatic:.0f}"
            adj = "–" if row.adjusted is None else f"{row.adjusted:.0f}"
            self.write(f"{row.rank:>2}  {row.trainee:<16} {auto:>11} {adj:>11}  {len(row.turns)}")
            for a in row.adjustments:
                self.write(f"      {dimension_name(t, a.dimension)} {a.delta:+g}: {a.reason} ({t('turn', n=a.turn)})")
        if s.score_error:
            self.write(t("score_unavailable", reason=s.score_error))
        if s.marks:
            self.write(f"== {t('marks')} ==")
            for m in s.marks:
                self.write(f"  {t('turn', n=m.turn)} · {m.trainee}: {m.note or t('mark')}")


# -- window -----------------------------------------------------------------------
class SeminarWindow:
    """The projector screen: large transcript and mood, the rubric, the trainees; then the ranking.

    Like :class:`~simulator.ui.window.CallWindow`: ``handle(event)``,
    ``tick()``, ``draw(surface)``; the view state is on the instance
    (``screen``, ``dialog``, ``status``).
    """

    SCALE = 1.2
    """Projector text is larger than the trainee window's."""

    def __init__(self, seminar: Seminar, *, lang: str, clock: Callable[[], float] | None = None) -> None:
        from simulator.ui.texts import Texts
        from simulator.ui.widgets import TextField

        self.s = seminar
        self.lang = lang
        self.t = Texts(lang)
        self.clock = clock or seminar.clock
        self.screen = "call"
        """call | ranking."""
        self.dialog: str | None = None
        """None | note | adjust_dimension | adjust_delta | adjust_reason."""
        self.entry = TextField()
        self.dim_cursor = 0
        self.pending_delta = ""
        self.row_cursor = 0
        self.status = ""
        self.transcript_offset = 0
        self.follow = True
        self.ranking_offset = 0
        self.font_scale = self.SCALE
        self.quit = False
        self.frames = 0
        self._fonts: dict[int, Any] = {}
        self._max = {"transcript": 0, "ranking": 0}
        self._page = 10

    def fonts(self, height: int):
        from simulator.ui import theme

        size = theme.base_size(height, self.font_scale)
        if size not in self._fonts:
            self._fonts[size] = theme.Fonts(size)
        return self._fonts[size]

    # -- events ------------------------------------------------------------------
    def handle(self, event) -> None:
        import pygame

        if event.type == pygame.QUIT:
            self.s.end_call()
            self.quit = True
        elif event.type == pygame.TEXTINPUT:
            if self.dialog in ("note", "adjust_delta", "adjust_reason") or (self.screen == "call" and self.dialog is None):
                if self.dialog is None and (self.s.paused or self.s.state.ended):
                    return
                self.entry.insert(event.text)
        elif event.type == pygame.KEYDOWN:
            if self.dialog is not None:
                self._dialog_key(event)
            else:
                self._key(event)

    def _target(self) -> str:
        if self.screen == "ranking":
            rows = self.s.ranking()
            return rows[self.row_cursor % len(rows)].trainee
        return self.s.on_seat

    def _key(self, event) -> None:
        import pygame

        s, key = self.s, event.key
        ctrl = bool(event.mod & pygame.KMOD_CTRL)
        if ctrl and key in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
            self.font_scale = min(3.0, round(self.font_scale + 0.1, 2))
        elif ctrl and key in (pygame.K_MINUS, pygame.K_KP_MINUS):
            self.font_scale = max(0.6, round(self.font_scale - 0.1, 2))
        elif key == pygame.K_F6 and self.screen == "call":
            self.status = self.t("marked", n=s.mark().turn)
        elif key == pygame.K_F7:
            self.dialog, self.entry.text = "note", ""
        elif key == pygame.K_F8:
            self.dialog, self.entry.text = "adjust_dimension", ""
        elif self.screen == "ranking":
            if key == pygame.K_ESCAPE:
                self.quit = True
            elif key in (pygame.K_UP, pygame.K_DOWN):
                self.row_cursor = max(0, min(len(s.trainees) - 1, self.row_cursor + (1 if key == pygame.K_DOWN else -1)))
            elif key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
                step = self._page * (1 if key == pygame.K_PAGEDOWN else -1)
                self.ranking_offset = max(0, min(self._max["ranking"], self.ranking_offset + step))
        elif key == pygame.K_F9:
            self.status = self.t("paused") if s.toggle_pause() else ""
        elif key == pygame.K_ESCAPE:
            s.end_call()
            self.screen = "ranking"
        elif key in (pygame.K_F5, pygame.K_TAB):
            self._next()
        elif key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            step = self._page * (1 if key == pygame.K_PAGEDOWN else -1)
            current = self._max["transcript"] if self.follow else self.transcript_offset
            self.transcript_offset = max(0, min(self._max["transcript"], current + step))
            self.follow = self.transcript_offset >= self._max["transcript"]
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            if s.state.ended:
                self._next()
            elif not s.paused:
                line = self.entry.take()
                if line:
                    s.say(line)
                    self.follow = True
                    if s.state.ended:
                        from simulator.ui.window import reason_text

                        reason = reason_text(self.t, s.state.outcome.reason)
                        if s.mode == "sequence" and s.current < len(s.trainees) - 1:
                            self.status = self.t("press_enter_next", reason=reason, trainee=s.trainees[s.current + 1])
                        else:
                            self.status = self.t("call_ended", reason=reason) + "  ·  Enter → " + self.t("ranking")
        elif key == pygame.K_BACKSPACE:
            self.entry.backspace(word=ctrl)

    def _next(self) -> None:
        s = self.s
        if s.mode == "hotseat" and s.state.ended:
            s.close()
        else:
            s.pass_turn()
        self.entry.text = ""
        self.follow = True
        if s.finished:
            self.screen = "ranking"
            self.status = ""
        else:
            self.status = self.t("next_trainee", trainee=s.on_seat) if s.mode == "hotseat" else ""

    def _dialog_key(self, event) -> None:
        import pygame

        key = event.key
        if key == pygame.K_ESCAPE:
            self.dialog, self.entry.text = None, ""
            return
        if self.dialog == "adjust_dimension":
            if key in (pygame.K_UP, pygame.K_DOWN):
                self.dim_cursor = (self.dim_cursor + (1 if key == pygame.K_DOWN else -1)) % len(DIMENSIONS)
            elif key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self.dialog, self.entry.text = "adjust_delta", ""
            return
        if key == pygame.K_BACKSPACE:
            self.entry.backspace()
            return
        if key not in (pygame.K_RETURN, pygame.K_KP_ENTER):
            return
        value = self.entry.text.strip()
        if self.dialog == "note":
            if value:
                m = self.s.mark(value, self._target())
                self.status = self.t("marked", n=m.turn)
            self.dialog, self.entry.text = None, ""
        elif self.dialog == "adjust_delta":
            try:
                number = float(value.replace(",", "."))
            except ValueError:
                self.status = f"{value!r}: +5 / -10"
                return
            self.pending_delta = number
            self.dialog, self.entry.text = "adjust_reason", ""
        elif self.dialog == "adjust_reason":
            from simulator.ui.window import dimension_name

            try:
                adj = self.s.adjust(DIMENSIONS[self.dim_cursor], self.pending_delta, value, self._target())
            except UsageError as exc:
                self.status = exc.message
                return
            self.status = self.t("adjusted_note", trainee=adj.trainee, dimension=dimension_name(self.t, adj.dimension),
                                 delta=adj.delta, reason=adj.reason)
            self.dialog, self.entry.text = None, ""

    def tick(self) -> None:
        if self.s.finished and self.screen == "call" and self.s.mode == "sequence":
            self.screen = "ranking"

    # -- drawing -----------------------------------------------------------------
    def draw(self, surface) -> None:
        from simulator.ui import theme

        fonts = self.fonts(surface.get_height())
        surface.fill(theme.BACKGROUND)
        if self.screen == "call":
            self._draw_call(surface, fonts)
        else:
            self._draw_ranking(surface, fonts)
        if self.dialog is not None:
            self._draw_dialog(surface, fonts)
        self.frames += 1

    def _header(self, surface, fonts, title: str, right_text: str = "") -> int:
        from simulator.ui import theme
        from simulator.ui.widgets import header_bar, header_title, text

        height, pad = header_bar(surface, fonts)
        right = surface.get_width() - pad
        if right_text:
            r = text(surface, fonts.title, right_text, (right, (height - fonts.title.get_linesize()) // 2),
                     theme.HEADER_TEXT, right=True)
            right = r.left - pad
        header_title(surface, fonts, title, height, right)
        return height

    def _status(self, surface, fonts, hint: str) -> int:
        import pygame

        from simulator.ui import theme
        from simulator.ui.widgets import text

        w, h = surface.get_size()
        height = round(fonts.small.get_linesize() * 1.5)
        top = h - height
        pygame.draw.rect(surface, theme.BAD if self.s.paused else theme.STATUS, (0, top, w, height))
        message = self.t("paused") if self.s.paused and not self.status else (self.status or hint)
        while message and fonts.small.size(message)[0] > w - 2 * fonts.body_size:
            message = message[:-2] + "…"
        text(surface, fonts.small, message, (fonts.body_size, top + (height - fonts.small.get_linesize()) // 2),
             theme.STATUS_TEXT)
        return top

    def _draw_call(self, surface, fonts) -> None:
        import pygame

        from simulator.ui import theme
        from simulator.ui.widgets import Line, panel, scroll_view, text
        from simulator.ui.window import dimension_name, draw_mood, format_clock, transcript_lines

        s, t = self.s, self.t
        w, h = surface.get_size()
        seat = t("hot_seat") if s.mode == "hotseat" else t("now_playing")
        top = self._header(surface, fonts, f"{t('seminar')}: {s.scenario.title.get(self.lang)}",
                           f"{format_clock(s.elapsed())}")
        bottom = self._status(surface, fonts, t("keys_seminar"))
        pad = max(6, fonts.body_size // 2)
        # the hot seat banner
        banner_h = round(fonts.large.get_linesize() * 1.3)
        brect = pygame.Rect(pad, top + pad, w - 2 * pad, banner_h)
        pygame.draw.rect(surface, theme.HIGHLIGHT, brect, border_radius=6)
        pygame.draw.rect(surface, theme.FAIR, brect, width=2, border_radius=6)
        r = text(surface, fonts.body, f"{seat}:", (brect.left + pad, brect.centery - fonts.body.get_linesize() // 2))
        text(surface, fonts.large, s.on_seat, (r.right + pad, brect.centery - fonts.large.get_linesize() // 2),
             theme.HEADER)
        if s.mode == "sequence":
            text(surface, fonts.body, t("call_of", i=s.current + 1, n=len(s.trainees)),
                 (brect.right - pad, brect.centery - fonts.body.get_linesize() // 2), theme.MUTED, right=True)
        y0 = brect.bottom + pad
        right_w = max(fonts.body_size * 16, round(w * 0.3))
        input_h = round(fonts.body.get_linesize() * 1.8)
        trect = pygame.Rect(pad, y0, w - right_w - 3 * pad, bottom - y0 - 2 * pad - input_h)
        inner = panel(surface, trect, t("transcript"), fonts)
        lines = transcript_lines(t, s.state, fonts, inner.width - 8, owners=s.owners)
        offset = 10**9 if self.follow else self.transcript_offset
        self._max["transcript"] = scroll_view(surface, inner, lines, fonts, offset)
        self._page = max(1, inner.height // fonts.body.get_linesize() - 1)
        # input
        irect = pygame.Rect(pad, trect.bottom + pad, trect.width, input_h)
        pygame.draw.rect(surface, theme.INPUT, irect, border_radius=6)
        pygame.draw.rect(surface, theme.FOCUS, irect, width=2, border_radius=6)
        value = self.entry.text + "▏" if self.entry.text or not s.state.ended else ""
        if not self.entry.text:
            value = f"{s.on_seat}: {t('type_here')}"
        while fonts.body.size(value)[0] > irect.width - 2 * pad:
            value = "…" + value[2:]
        text(surface, fonts.body, value, (irect.left + pad, irect.centery - fonts.body.get_linesize() // 2),
             theme.TEXT if self.entry.text else theme.MUTED)
        # right column: mood, trainees, rubric
        x = trect.right + pad
        mrect = pygame.Rect(x, y0, right_w, round(fonts.title.get_linesize() * 2.5) + 2 * pad)
        draw_mood(surface, panel(surface, mrect, "", fonts), fonts, t, s.state, s.scenario, big=True)
        rows = []
        for name in s.trainees:
            here = name == s.on_seat
            rows.append(Line(f"{'▶ ' if here else '   '}{name}  ·  {t('turns_count', n=len(s.turns_of(name)))}",
                             bold=here, colour=theme.HEADER if here else theme.TEXT,
                             fill=theme.HIGHLIGHT if here else None))
        if s.marks:
            rows.append(Line(t("marks"), bold=True, colour=theme.HEADER))
            for m in s.marks[-3:]:
                rows.append(Line(f"{t('turn', n=m.turn)} {m.trainee}: {m.note or '⚑'}"[:48], colour=theme.MUTED))
        step = fonts.body.get_linesize()
        room = bottom - mrect.bottom - 3 * pad
        wanted = len(rows) * step + fonts.bold.get_linesize() + 2 * pad
        prect = pygame.Rect(x, mrect.bottom + pad, right_w, min(wanted, room // 2))
        inner = panel(surface, prect, t("trainees"), fonts)
        scroll_view(surface, inner, rows, fonts, max(0, len(rows) - inner.height // step))
        rrect = pygame.Rect(x, prect.bottom + pad, right_w, bottom - prect.bottom - 2 * pad)
        inner = panel(surface, rrect, t("rubric"), fonts)
        weights = rubric_weights(s.scenario)
        small = fonts.small if inner.height < len(DIMENSIONS) * step else fonts.body
        rstep = small.get_linesize()
        for i, d in enumerate(DIMENSIONS):
            wgt = weights.get(d, 1.0)
            col = theme.TEXT if wgt else theme.MUTED
            y = inner.top + i * rstep
            if y + rstep > inner.bottom:
                break
            text(surface, small, dimension_name(t, d), (inner.left, y), col)
            text(surface, small, f"× {wgt:g}" if wgt else t("not_applicable"), (inner.right, y), col, right=True)

    def _draw_ranking(self, surface, fonts) -> None:
        import pygame

        from simulator.ui import theme
        from simulator.ui.widgets import Line, bar, panel, scroll_view, text
        from simulator.ui.window import dimension_name

        s, t = self.s, self.t
        w, h = surface.get_size()
        top = self._header(surface, fonts, f"{t('ranking')}: {s.scenario.title.get(self.lang)}")
        bottom = self._status(surface, fonts, t("keys_ranking"))
        pad = max(6, fonts.body_size // 2)
        rows = s.ranking()
        left_w = round(w * 0.62)
        lrect = pygame.Rect(pad, top + pad, left_w, bottom - top - 2 * pad)
        inner = panel(surface, lrect, t("ranking"), fonts)
        # column heads
        col_auto = inner.left + round(inner.width * 0.42)
        col_adj = inner.left + round(inner.width * 0.71)
        bar_w = round(inner.width * 0.2)
        y = inner.top
        text(surface, fonts.small, t("trainee"), (inner.left, y), theme.MUTED)
        text(surface, fonts.small, t("automatic"), (col_auto, y), theme.MUTED)
        text(surface, fonts.small, t("adjusted"), (col_adj, y), theme.MUTED)
        y += fonts.small.get_linesize() + pad // 2
        step = round(fonts.title.get_linesize() * 1.2)
        for i, row in enumerate(rows):
            if y + step > inner.bottom:
                break
            if i == self.row_cursor % len(rows):
                pygame.draw.rect(surface, theme.HIGHLIGHT, (inner.left - 4, y - 2, inner.width + 8, step))
            text(surface, fonts.title, f"{row.rank}. {row.trainee}", (inner.left, y), theme.HEADER)
            for col, value in ((col_auto, row.automatic), (col_adj, row.adjusted)):
                brect = pygame.Rect(col, y + step // 5, bar_w, step // 2)
                if value is None:
                    bar(surface, brect, 0.0, t("no_turns"), fonts)
                else:
                    bar(surface, brect, value / 100, f"{value:.0f}", fonts)
            y += step
            for a in row.adjustments:
                if y + fonts.small.get_linesize() > inner.bottom:
                    break
                text(surface, fonts.small, f"{dimension_name(t, a.dimension)} {a.delta:+g}: {a.reason} "
                     f"({t('turn', n=a.turn)})", (inner.left + fonts.body_size * 2, y), theme.MUTED)
                y += fonts.small.get_linesize()
            y += pad // 2
        # marks and notes, and the selected trainee's dimensions
        rrect = pygame.Rect(lrect.right + pad, lrect.top, w - lrect.right - 2 * pad, lrect.height)
        selected = rows[self.row_cursor % len(rows)] if rows else None
        inner = panel(surface, rrect, selected.trainee if selected else "", fonts)
        lines: list[Line] = []
        from simulator.ui.widgets import lines_of

        if selected is not None and selected.score is not None:
            deltas: dict[str, float] = {}
            for a in selected.adjustments:
                deltas[a.dimension] = deltas.get(a.dimension, 0.0) + a.delta
            for d in selected.score.dimensions:
                value = t("not_applicable") if d.value is None else f"{d.value:.0f}"
                extra = f"  ({deltas[d.name]:+g})" if d.name in deltas else ""
                lines.append(Line(f"{dimension_name(t, d.name)}: {value}{extra}", indent=fonts.body_size // 2))
            lines.append(Line(""))
        if s.marks:
            lines.append(Line(t("marks"), bold=True, colour=theme.HEADER))
        for m in s.marks:
            lines += lines_of(fonts.body, f"{t('turn', n=m.turn)} · {m.trainee}: {m.note or '⚑ ' + t('mark')}",
                              inner.width - 8)
        if s.score_error:
            lines += lines_of(fonts.body, t("score_unavailable", reason=s.score_error), inner.width - 8,
                              colour=theme.BAD)
        self._max["ranking"] = scroll_view(surface, inner, lines, fonts, self.ranking_offset)

    def _draw_dialog(self, surface, fonts) -> None:
        import pygame

        from simulator.ui import theme
        from simulator.ui.widgets import panel, text
        from simulator.ui.window import dimension_name

        w, h = surface.get_size()
        t = self.t
        shade = pygame.Surface((w, h), pygame.SRCALPHA)
        shade.fill((0, 0, 0, 110))
        surface.blit(shade, (0, 0))
        step = fonts.body.get_linesize()
        rows = len(DIMENSIONS) + 1 if self.dialog == "adjust_dimension" else 2
        box = pygame.Rect(0, 0, min(w - 40, fonts.body_size * 40), step * (rows + 2) + fonts.bold.get_linesize())
        box.center = (w // 2, h // 2)
        title = {"note": t("note_prompt"), "adjust_dimension": t("adjust_dimension"),
                 "adjust_delta": t("adjust_delta"), "adjust_reason": t("adjust_reason")}[self.dialog]
        who = self._target()
        inner = panel(surface, box, f"{who} · {title}" if self.dialog != "note" else title, fonts, focused=True)
        if self.dialog == "adjust_dimension":
            for i, d in enumerate(DIMENSIONS):
                y = inner.top + i * step
                if i == self.dim_cursor:
                    pygame.draw.rect(surface, theme.HIGHLIGHT, (inner.left, y, inner.width, step))
                text(surface, fonts.body, ("▶ " if i == self.dim_cursor else "   ") + dimension_name(t, d),
                     (inner.left, y))
        else:
            value = self.entry.text + "▏"
            while fonts.body.size(value)[0] > inner.width:
                value = "…" + value[2:]
            text(surface, fonts.body, value, (inner.left, inner.top))


def run_seminar_window(seminar: Seminar, *, lang: str, fps: int = 30) -> Seminar:
    """The projector window until the instructor quits the ranking screen."""
    import pygame

    from simulator.ui.window import open_display

    window = SeminarWindow(seminar, lang=lang)
    surface = open_display(window.t("seminar"), (1600, 900))
    clock = pygame.time.Clock()
    try:
        while not window.quit:
            for event in pygame.event.get():
                if event.type == pygame.VIDEORESIZE:
                    surface = pygame.display.get_surface()
                window.handle(event)
            window.tick()
            window.draw(surface)
            pygame.display.flip()
            clock.tick(fps)
    except KeyboardInterrupt:
        seminar.end_call()
    finally:
        pygame.display.quit()
    return seminar


@click.command()
@click.argument("scenario", required=False, default="checked-plug")
@SCENARIOS_OPTION
@click.option("--trainees", required=True, metavar="NAMES", help='Comma-separated names, e.g. "Ana,Ben,Cem".')
@click.option("--lang", "lang", default=None, metavar="de|en", help="Language of the call (default: SIMULATOR_LANG or your locale).")
@click.option("--mode", type=click.Choice(MODES), default="hotseat", show_default=True,
              help="hotseat: take turns on one call; sequence: each trainee plays the whole call.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed for the customer's phrasings.")
@click.option("--ui", type=click.Choice(["auto", "window", "terminal"]), default="auto", show_default=True,
              help="A projector window when a display is present, else typed commands in the terminal.")
def seminar(scenario: str, trainees: str, lang: str | None, mode: str, seed: int, ui: str) -> None:
    """Run a call on a projector with several trainees (hot seat or one after the other)."""
    from simulator.config import default_language
    from simulator.dialogue import Engine
    from simulator.scenario import load

    names = parse_trainees(trainees)
    sc = load(scenario)
    engine = Engine(sc, lang or default_language())
    run = Seminar(engine, names, mode=mode, seed=seed)
    if ui == "auto":
        from simulator.ui.window import display_available

        ui = "window" if display_available() else "terminal"
    if ui == "window":
        run_seminar_window(run, lang=engine.lang)
        SeminarTerminal(run, lang=engine.lang).show_ranking()
    else:
        SeminarTerminal(run, lang=engine.lang).run()
