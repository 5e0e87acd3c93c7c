"""The trainee's pygame window: start screen, call screen, debrief.

Structure (testable step by step, no real-time loop needed)::

    window = CallWindow(engine, seed=0, exam=False, voice=None)
    window.handle(event)      # one pygame event -> changes window.model
    window.tick()             # drain the voice worker, update timers
    window.draw(surface)      # render window.model onto any surface

:class:`WindowModel` is the whole view state (screen, list of CallStates,
focus, scroll offsets, ticks, status line); it can be inspected by tests.
The window only renders the engine's immutable :class:`CallState` and the
scorer's ``Score``; the engine never imports pygame. Speech runs in
:class:`VoiceWorker` threads, so the window stays responsive.
``run_window`` is the entry point for ``simulator play --ui window``.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from simulator.errors import BackendError, SimulatorError
from simulator.ui import theme
from simulator.ui.texts import Texts
from simulator.ui.widgets import (Line, TextField, bar, header_bar, header_title, lines_of, panel, scroll_view,
                                  signal, text, wrap)

if TYPE_CHECKING:
    from simulator.dialogue import CallState, Engine
    from simulator.scenario import Scenario

from simulator.vocabulary import DIMENSIONS
"""The rubric's dimensions (the scorer's ``DIMENSIONS``; repeated here so the window starts without it)."""
SCREENS = ("start", "call", "debrief")
"""The trainee window's screens, in order."""
STATUS_SECONDS = 8.0
"""How long a status message stays before the key hint returns."""
LINE_BARS = {"landline": 4, "office": 4, "mobile": 3}
"""Full signal (bars of 4) per line kind: a mobile line never shows full strength."""

Scorer = Callable[..., Any]
"""``scorer(scenario, state, *, turns=None) -> Score`` (simulator.scoring.score_call)."""
StoreHook = Callable[[Any, Any, Any], None]
"""``hook(scenario, final_state, score_or_None)``, called once per finished attempt."""


def default_scorer(scenario, state, *, turns: Collection[int] | None = None):
    """simulator.scoring.score_call, imported when the first call ends."""
    from simulator.scoring import score_call

    return score_call(scenario, state, turns=turns)


# -- voice ----------------------------------------------------------------
class VoiceWorker:
    """Speech off the UI thread: one thread speaks customer lines, one listens (push-to-talk).

    Results arrive on :attr:`results` as tuples the window drains in ``tick``:
    ``("speaking", until)``, ``("dropouts", ((start, end), ...))`` in clock
    seconds, ``("no_mic", message)``, ``("listening",)``, ``("recognising",)``,
    ``("heard", text)``, ``("error", message)``.
    """

    def __init__(self, pipeline, microphone=None, clock: Callable[[], float] = time.monotonic) -> None:
        self.pipeline = pipeline
        self.microphone = microphone
        self.clock = clock
        self.results: queue.Queue = queue.Queue()
        self._speak: queue.Queue = queue.Queue()
        self._listen: queue.Queue = queue.Queue()
        self._mic_ok: bool | None = None
        self._threads = [
            threading.Thread(target=self._speaker, name="voice-speaker", daemon=True),
            threading.Thread(target=self._listener, name="voice-listener", daemon=True),
        ]
        for t in self._threads:
            t.start()

    # public, called from the UI thread
    def speak(self, line: str) -> None:
        self._speak.put(line)

    def press(self) -> None:
        self._listen.put("start")

    def release(self) -> None:
        self._listen.put("stop")

    def close(self) -> None:
        self._speak.put(None)
        self._listen.put(None)
        player = getattr(self.pipeline, "player", None)
        if player is not None:
            try:
                player.stop()
            except Exception:  # the device may be gone already
                pass
        for t in self._threads:
            t.join(timeout=1.0)

    # threads
    def _speaker(self) -> None:
        while True:
            line = self._speak.get()
            if line is None:
                return
            try:
                self._say(line)
            except SimulatorError as exc:
                self.results.put(("error", exc.message))
            except Exception as exc:  # a broken audio device must not kill the window
                self.results.put(("error", f"speech output failed: {exc}"))

    def _say(self, line: str) -> None:
        pipe = self.pipeline
        player = pipe.player
        parts = []
        for i, part in enumerate(pipe.sentences(line)):
            if i:
                player.wait()
            player.play(part.audio)
            start = self.clock()
            parts.append(part)
            self.results.put(("speaking", start + part.audio.duration))
            if part.dropouts:
                self.results.put(("dropouts", tuple((start + s, start + e) for s, e in part.dropouts)))
        recorder = getattr(pipe, "recorder", None)
        if recorder is not None and parts:
            whole = parts[0].audio
            for part in parts[1:]:
                whole = whole.concat(part.audio)
            recorder.write("customer", whole)

    def _open_mic(self) -> bool:
        if self._mic_ok is None:
            try:
                if self.microphone is None:
                    from simulator.voice.microphone import Microphone

                    self.microphone = Microphone()
                self.microphone.open()
                self._mic_ok = True
            except SimulatorError as exc:
                self._mic_ok = False
                self.results.put(("no_mic", exc.message))
        return self._mic_ok

    def _listener(self) -> None:
        self._open_mic()  # probe at start, so "no microphone" shows before the first press
        recording = False
        while True:
            job = self._listen.get()
            if job is None:
                return
            try:
                if job == "start" and not recording:
                    if not self._open_mic():
                        self.results.put(("no_mic", ""))
                        continue
                    self.microphone.start()
                    recording = True
                    self.results.put(("listening",))
                elif job == "stop" and recording:
                    recording = False
                    audio = self.microphone.stop()
                    self.results.put(("recognising",))
                    self.results.put(("heard", self.pipeline.hear(audio).text.strip()))
            except SimulatorError as exc:
                recording = False
                self.results.put(("error", exc.message))
            except Exception as exc:
                recording = False
                self.results.put(("error", f"speech input failed: {exc}"))


# -- the view state ---------------------------------------------------------
@dataclass(slots=True)
class WindowModel:
    """Everything the trainee window shows; changed only by :class:`CallWindow`."""

    screen: str = "start"
    """start | call | debrief."""
    states: list = field(default_factory=list)
    """CallState after each trainee turn: index n = the state after turn n (0 = the opening)."""
    final: Any = None
    """The finished CallState (also when the trainee ended the call), or None while it runs."""
    focus: str = "input"
    """Focused panel: input | transcript | checklist | persona (call screen)."""
    transcript_offset: int = 0
    """First transcript line shown (when not following the end)."""
    follow: bool = True
    """The transcript sticks to its newest line."""
    debrief_offset: int = 0
    """First line of the evidence list shown."""
    persona_offset: int = 0
    """First line of the persona card shown."""
    ticks: set = field(default_factory=set)
    """Checklist steps the trainee ticked by hand."""
    cursor: int = 0
    """Selected checklist row."""
    entry: TextField = field(default_factory=TextField)
    """The answer being typed."""
    status: str = ""
    """One-line message in the status bar ('' = key hint)."""
    status_until: float = 0.0
    """Clock time after which the status message gives way to the key hint."""
    mic_message: str = ""
    """Why speech input is unavailable ('' = available or not tried)."""
    voice_state: str = "idle"
    """idle | listening | recognising (push-to-talk)."""
    speaking_until: float = 0.0
    """Clock time until which the customer is speaking."""
    dropouts: list = field(default_factory=list)
    """(start, end) clock times of line dropouts reported by the voice."""
    retry_entry: str | None = None
    """Digits typed for "retry from turn N", or None when not asking."""
    score: Any = None
    """The Score of the finished call, or None."""
    score_error: str = ""
    """Why there is no score."""
    started_at: float = 0.0
    """Clock time the call was taken."""
    ended_at: float | None = None
    """Clock time the call ended."""
    font_scale: float = 1.0
    """Text size factor (Ctrl +/-)."""
    attempts: int = 0
    """Calls finished so far (retries count)."""
    quit: bool = False
    """The window should close."""
    frames: int = 0
    """Frames drawn."""
    drawn_turns: int = 0
    """Transcript lines drawn in the last frame of the call screen (0 elsewhere)."""
    max_offsets: dict = field(default_factory=dict)
    """Greatest scroll offset per view, as found by the last frame."""
    page: int = 10
    """Lines per page of the focused view, as found by the last frame."""

    @property
    def state(self):
        """The newest CallState (the finished one after the call)."""
        return self.final if self.final is not None else self.states[-1]

    @property
    def transcript_length(self) -> int:
        return len(self.state.transcript) if self.states else 0

    @property
    def debrief_visible(self) -> bool:
        return self.screen == "debrief"

    def retry_max(self) -> int:
        """Highest turn the call can be resumed from."""
        last = len(self.states) - 1
        return last - 1 if self.states[last].ended else last


def reason_text(t: Texts, reason: str) -> str:
    return t(f"reason_{reason}") if t(f"reason_{reason}") != f"reason_{reason}" else reason


def format_clock(seconds: float) -> str:
    seconds = max(0, int(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


# -- the window -------------------------------------------------------------
class CallWindow:
    """Model + event handler + renderer of the trainee window."""

    def __init__(
        self,
        engine: Engine,
        *,
        seed: int = 0,
        exam: bool = False,
        voice=None,
        lang: str | None = None,
        store_hooks: Sequence[StoreHook] | None = None,
        scorer: Scorer | None = default_scorer,
        clock: Callable[[], float] = time.monotonic,
        microphone=None,
    ) -> None:
        self.engine = engine
        self.scenario: Scenario = engine.scenario
        self.lang = lang or engine.lang
        self.t = Texts(self.lang)
        self.seed = seed
        self.exam = exam
        self.scorer = scorer
        self.clock = clock
        self.store_hooks = tuple(store_hooks or ())
        self.turn_hooks: tuple[Callable[[CallState], None], ...] = ()
        self.model = WindowModel()
        self.model.states.append(engine.start(seed))
        self.worker = VoiceWorker(voice, microphone, clock) if voice is not None else None
        self._fonts: dict[int, theme.Fonts] = {}

    # -- helpers -------------------------------------------------------------
    def panels(self) -> tuple[str, ...]:
        return ("input", "transcript", "persona") if self.exam else ("input", "transcript", "checklist", "persona")

    def fonts(self, height: int) -> theme.Fonts:
        size = theme.base_size(height, self.model.font_scale)
        if size not in self._fonts:
            self._fonts[size] = theme.Fonts(size)
        return self._fonts[size]

    def say_status(self, message: str, seconds: float = STATUS_SECONDS) -> None:
        self.model.status = message
        self.model.status_until = self.clock() + seconds

    def close(self) -> None:
        if self.worker is not None:
            self.worker.close()
            self.worker = None

    # -- actions -----------------------------------------------------------
    def take_call(self) -> None:
        m = self.model
        m.screen = "call"
        m.started_at = self.clock()
        m.ended_at = None
        m.follow = True
        if self.worker is not None:
            self.worker.speak(m.state.last_customer_line)

    def send(self, line: str) -> None:
        """The trainee says ``line``: the engine answers; the window shows and speaks the answer."""
        m = self.model
        line = line.strip()
        if m.screen != "call" or not line or m.state.ended:
            return
        before = len(m.state.transcript)
        state = self.engine.respond(m.state, line)
        m.states.append(state)
        for hook in self.turn_hooks:  # e.g. the store: every turn committed as it happens
            try:
                hook(state)
            except SimulatorError as exc:
                self.say_status(exc.message)
        m.follow = True
        events = [e for turn in state.transcript[before:] for e in turn.events]
        notes = []
        if any(e.startswith("line_saved:") for e in events):
            notes.append(self.t("line_saved"))
        elif any(e.startswith("line_drop:") for e in events):
            notes.append(self.t("line_drop"))
        answer = state.transcript[-1]
        if self.worker is not None and answer.speaker == "customer" and len(state.transcript) > before + 1:
            self.worker.speak(answer.text)
        if state.ended:
            m.ended_at = self.clock()
            notes.append(self.t("call_ended", reason=reason_text(self.t, state.outcome.reason)))
            notes.append("Enter → " + self.t("debrief"))
            self.say_status("  ·  ".join(notes), seconds=1e9)
        elif notes:
            self.say_status("  ·  ".join(notes))

    def end_call(self, reason: str = "quit") -> None:
        """Finish the call (if still open) and show the debrief."""
        m = self.model
        final = m.states[-1] if m.states[-1].ended else self.engine.finish(m.states[-1], reason)
        m.final = final
        if m.ended_at is None:
            m.ended_at = self.clock()
        m.score, m.score_error = None, ""
        if self.scorer is None:
            m.score_error = "no scorer"
        else:
            try:
                m.score = self.scorer(self.scenario, final)
            except ImportError as exc:
                m.score_error = str(exc)
            except SimulatorError as exc:
                m.score_error = exc.message
        m.attempts += 1
        for hook in self.store_hooks:
            try:
                hook(self.scenario, final, m.score)
            except SimulatorError as exc:
                self.say_status(exc.message)
        m.screen = "debrief"
        m.debrief_offset = 0
        m.retry_entry = None
        m.status = ""

    def retry(self, turn: int) -> bool:
        """Resume the call from the state after ``turn`` (0 = the opening). False if out of range."""
        m = self.model
        top = m.retry_max()
        if not 0 <= turn <= top:
            self.say_status(self.t("retry_bad", max=top))
            return False
        del m.states[turn + 1:]
        m.final = None
        m.score = None
        m.retry_entry = None
        m.status = ""
        m.focus = "input"
        m.entry.text = ""
        self.take_call()
        m.dropouts.clear()
        return True

    def toggle_tick(self) -> None:
        steps = self.scenario.steps
        if not steps:
            return
        sid = steps[self.model.cursor % len(steps)].id
        self.model.ticks ^= {sid}

    def ticked(self) -> dict[str, str]:
        """Step -> 'auto' (recognised by the engine) or 'self' (ticked by the trainee)."""
        out = {s: "self" for s in self.model.ticks}
        out.update({s: "auto" for s in self.model.state.steps_done})
        return out

    # -- events --------------------------------------------------------------
    def handle(self, event) -> None:
        import pygame

        m = self.model
        if event.type == pygame.QUIT:
            if m.screen == "call":
                self.end_call("interrupted")
            m.quit = True
            return
        if event.type == pygame.KEYDOWN:
            self._key(event)
        elif event.type == pygame.KEYUP:
            if event.key in (pygame.K_F2, pygame.K_SPACE) and m.voice_state == "listening" and self.worker:
                self.worker.release()
                m.voice_state = "recognising"
        elif event.type == pygame.TEXTINPUT:
            self._text(event.text)
        elif event.type == pygame.MOUSEWHEEL:
            self._scroll(-event.y * 3)

    def _text(self, value: str) -> None:
        m = self.model
        if m.screen == "debrief":
            if m.retry_entry is not None:
                m.retry_entry += "".join(ch for ch in value if ch.isdigit())
            elif value.lower() == "r":
                m.retry_entry = ""
            return
        if m.screen != "call" or m.voice_state == "listening":
            return
        if m.focus != "input":
            if value == " ":
                return  # Space ticks in the checklist, handled as a key
            m.focus = "input"
        if not m.entry.text and not value.strip():
            return  # leading spaces: Space in an empty box is push-to-talk
        m.entry.insert(value)

    def _scroll(self, delta: int) -> None:
        m = self.model
        if m.screen == "debrief":
            m.debrief_offset = max(0, min(m.debrief_offset + delta, m.max_offsets.get("debrief", 0)))
        elif m.screen == "call":
            if m.focus == "persona":
                m.persona_offset = max(0, min(m.persona_offset + delta, m.max_offsets.get("persona", 0)))
                return
            top = m.max_offsets.get("transcript", 0)
            current = top if m.follow else m.transcript_offset
            m.transcript_offset = max(0, min(current + delta, top))
            m.follow = m.transcript_offset >= top

    def _key(self, event) -> None:
        import pygame

        m, key = self.model, event.key
        ctrl = bool(event.mod & pygame.KMOD_CTRL)
        if ctrl and key in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
            m.font_scale = min(2.5, round(m.font_scale + 0.1, 2))
            return
        if ctrl and key in (pygame.K_MINUS, pygame.K_KP_MINUS):
            m.font_scale = max(0.6, round(m.font_scale - 0.1, 2))
            return
        if ctrl and key == pygame.K_0:
            m.font_scale = 1.0
            return
        if m.screen == "start":
            if key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
                self.take_call()
            elif key == pygame.K_ESCAPE:
                m.quit = True
            return
        if m.screen == "debrief":
            self._debrief_key(event)
            return
        # call screen
        if key == pygame.K_ESCAPE:
            self.end_call("quit")
            return
        if m.state.ended:
            if key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self.end_call()
            elif key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
                self._scroll((-1 if key == pygame.K_PAGEUP else 1) * m.page)
            return
        if key == pygame.K_TAB:
            order = self.panels()
            step = -1 if event.mod & pygame.KMOD_SHIFT else 1
            m.focus = order[(order.index(m.focus) + step) % len(order)] if m.focus in order else "input"
            return
        ptt = key == pygame.K_F2 or (key == pygame.K_SPACE and m.focus == "input" and not m.entry.text)
        if ptt:
            self._push_to_talk()
            return
        if key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            self._scroll((-1 if key == pygame.K_PAGEUP else 1) * m.page)
            return
        if m.focus == "input":
            if key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self.send(m.entry.take())
            elif key == pygame.K_BACKSPACE:
                m.entry.backspace(word=ctrl)
            elif key == pygame.K_u and ctrl:
                m.entry.text = ""
            elif key == pygame.K_UP and not m.entry.text and m.entry.history:
                m.entry.text = m.entry.history[-1]
        elif m.focus in ("transcript", "persona"):
            if key in (pygame.K_UP, pygame.K_DOWN):
                self._scroll(-1 if key == pygame.K_UP else 1)
            elif key == pygame.K_HOME:
                self._scroll(-10**6)
            elif key == pygame.K_END:
                self._scroll(10**6)
        elif m.focus == "checklist":
            n = max(1, len(self.scenario.steps))
            if key == pygame.K_UP:
                m.cursor = (m.cursor - 1) % n
            elif key == pygame.K_DOWN:
                m.cursor = (m.cursor + 1) % n
            elif key in (pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER):
                self.toggle_tick()

    def _push_to_talk(self) -> None:
        m = self.model
        if self.worker is None:
            self.say_status(self.t("voice_off"))
        elif m.mic_message:
            self.say_status(self.t("no_mic", reason=m.mic_message))
        elif m.voice_state == "idle":
            self.worker.press()
            m.voice_state = "listening"

    def _debrief_key(self, event) -> None:
        import pygame

        m, key = self.model, event.key
        if m.retry_entry is not None:
            if key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                if m.retry_entry:
                    self.retry(int(m.retry_entry))
                    if m.screen == "debrief":
                        m.retry_entry = ""
            elif key == pygame.K_ESCAPE:
                m.retry_entry = None
            elif key == pygame.K_BACKSPACE:
                m.retry_entry = m.retry_entry[:-1]
            return
        if key == pygame.K_ESCAPE:
            m.quit = True
        elif key in (pygame.K_UP, pygame.K_DOWN):
            self._scroll(-1 if key == pygame.K_UP else 1)
        elif key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            self._scroll((-1 if key == pygame.K_PAGEUP else 1) * m.page)
        elif key == pygame.K_HOME:
            m.debrief_offset = 0

    # -- time ----------------------------------------------------------------
    def tick(self) -> None:
        """Take in what the voice worker reported; expire old messages."""
        m = self.model
        now = self.clock()
        if self.worker is not None:
            while True:
                try:
                    item = self.worker.results.get_nowait()
                except queue.Empty:
                    break
                self._voice_result(item)
        if m.status and now > m.status_until:
            m.status = ""
        m.dropouts = [d for d in m.dropouts if d[1] >= now]

    def _voice_result(self, item: tuple) -> None:
        m, kind = self.model, item[0]
        if kind == "speaking":
            m.speaking_until = max(m.speaking_until, item[1])
        elif kind == "dropouts":
            m.dropouts.extend(item[1])
        elif kind == "no_mic":
            if item[1]:
                m.mic_message = short_reason(item[1])
            m.voice_state = "idle"
            self.say_status(self.t("no_mic", reason=m.mic_message))
        elif kind == "listening":
            pass
        elif kind == "recognising":
            m.voice_state = "recognising"
        elif kind == "heard":
            m.voice_state = "idle"
            if item[1]:
                self.say_status(self.t("heard", text=item[1]))
                self.send(item[1])
            else:
                self.say_status(self.t("nothing_heard"))
        elif kind == "error":
            m.voice_state = "idle"
            self.say_status(item[1])

    def signal_bars(self) -> tuple[int, bool]:
        """(bars of 4, line breaking up now) from CallState.signal, line kind and voice dropouts."""
        now = self.clock()
        breaking = any(s <= now <= e for s, e in self.model.dropouts)
        line = self.scenario.line
        full = LINE_BARS.get(line.kind, 4)
        if line.noise_snr_db is not None and line.noise_snr_db < 15:
            full -= 1
        if line.dropout_rate > 0:
            full -= 1
        bars = round(self.model.state.signal * max(1, full))
        if breaking:
            bars = 0
        return bars, breaking

    # -- drawing -------------------------------------------------------------
    def draw(self, surface) -> None:
        m = self.model
        w, h = surface.get_size()
        fonts = self.fonts(h)
        surface.fill(theme.BACKGROUND)
        m.drawn_turns = 0
        if m.screen == "start":
            self._draw_start(surface, fonts)
        elif m.screen == "call":
            self._draw_call(surface, fonts)
        else:
            self._draw_debrief(surface, fonts)
        m.frames += 1

    def _header(self, surface, fonts, title: str, *, clock: bool = False) -> int:
        import pygame

        height, pad = header_bar(surface, fonts)
        right = surface.get_width() - pad
        if clock:
            bars, breaking = self.signal_bars()
            bw = fonts.body_size * 2
            signal(surface, pygame.Rect(right - bw, height // 4, bw, height // 2), bars)
            right -= bw + pad // 2
            label = self.t(f"line_{self.scenario.line.kind}")
            if breaking:
                label = self.t("breaking_up")
            r = text(surface, fonts.body, label, (right, (height - fonts.body.get_linesize()) // 2),
                     theme.HEADER_TEXT, right=True)
            right = r.left - pad * 2
            m = self.model
            elapsed = (m.ended_at if m.ended_at is not None else self.clock()) - m.started_at
            r = text(surface, fonts.title, f"{self.t('call_time')} {format_clock(elapsed)}",
                     (right, (height - fonts.title.get_linesize()) // 2), theme.HEADER_TEXT, right=True)
            right = r.left - pad
        header_title(surface, fonts, title, height, right)
        return height

    def _status_bar(self, surface, fonts, hint: str) -> int:
        import pygame

        m = self.model
        w, h = surface.get_size()
        height = round(fonts.small.get_linesize() * 1.5)
        top = h - height
        colour = theme.LISTENING if m.voice_state == "listening" else theme.STATUS
        pygame.draw.rect(surface, colour, (0, top, w, height))
        message = m.status or hint
        if m.voice_state == "listening":
            message = self.t("listening")
        elif m.voice_state == "recognising":
            message = self.t("recognising")
        elif m.retry_entry is not None:
            message = self.t("retry_prompt", max=m.retry_max()) + m.retry_entry + "▏"
        elif not m.status and self.clock() < m.speaking_until:
            message = self.t("speaking") + "   " + hint
        font = fonts.small
        while message and font.size(message)[0] > w - 2 * fonts.body_size:
            message = message[:-2] + "…"
        text(surface, font, message, (fonts.body_size, top + (height - font.get_linesize()) // 2), theme.STATUS_TEXT)
        return top

    def persona_lines(self, fonts, width: int) -> list[Line]:
        sc, lang, t = self.scenario, self.lang, self.t
        p, s = sc.persona, sc.situation
        out = lines_of(fonts.bold, p.name.get(lang), width, bold=True)
        out += lines_of(fonts.body, ", ".join(x for x in (p.role.get(lang), p.company.get(lang)) if x), width,
                        colour=theme.MUTED)
        out.append(Line(""))
        out += lines_of(fonts.bold, t("what_you_know"), width, bold=True, colour=theme.HEADER)
        out += lines_of(fonts.body, s.briefing.get(lang) or s.technical.get(lang), width)
        traits = ", ".join(p.traits.all(lang))
        if traits:
            out.append(Line(""))
            out += lines_of(fonts.body, f"{t('traits')}: {traits}", width, colour=theme.MUTED)
        out += lines_of(fonts.body, f"{t('tech_level')}: {t('tech_' + p.tech_level)}  ·  "
                        f"{t('urgency')}: {t('urgency_' + s.urgency)}", width, colour=theme.MUTED)
        return out

    def _draw_start(self, surface, fonts) -> None:
        import pygame

        w, h = surface.get_size()
        top = self._header(surface, fonts, f"{self.t('incoming')}: {self.scenario.title.get(self.lang)}")
        bottom = self._status_bar(surface, fonts, self.t("take_call"))
        pad = fonts.body_size
        card_w = min(w - 2 * pad, fonts.body_size * 44)
        width = card_w - 2 * max(6, fonts.body_size // 2)
        lines = self.persona_lines(fonts, width)[1:]
        lines.append(Line(""))
        lines += lines_of(fonts.bold, self.t("keys_title"), width, bold=True, colour=theme.HEADER)
        lines += lines_of(fonts.body, self.t("keys_call"), width, colour=theme.MUTED)
        lines.append(Line(""))
        lines += lines_of(fonts.bold, self.t("take_call"), width, bold=True, colour=theme.FOCUS)
        wanted = (len(lines) + 1) * fonts.body.get_linesize() + fonts.large.get_linesize() + fonts.bold.get_linesize() + 2 * pad
        room = bottom - top - 2 * pad
        height = min(room, wanted)
        card = pygame.Rect((w - card_w) // 2, top + pad + (room - height) // 3, card_w, height)
        inner = panel(surface, card, self.t("caller"), fonts)
        name = self.scenario.persona.name.get(self.lang)
        y = inner.top
        text(surface, fonts.large, name, (inner.left, y), theme.CUSTOMER)
        y += fonts.large.get_linesize()
        scroll_view(surface, pygame.Rect(inner.left, y, inner.width, inner.bottom - y), lines, fonts, 0)

    def transcript_lines(self, fonts, width: int, state=None) -> list[Line]:
        return transcript_lines(self.t, state or self.model.state, fonts, width)

    def _draw_call(self, surface, fonts) -> None:
        import pygame

        m = self.model
        w, h = surface.get_size()
        top = self._header(surface, fonts, self.scenario.title.get(self.lang), clock=True)
        bottom = self._status_bar(surface, fonts, self.t("keys_call"))
        pad = max(6, fonts.body_size // 2)
        left_w = max(fonts.body_size * 14, round(w * 0.3))
        x0, y0 = pad, top + pad
        col = pygame.Rect(x0, y0, left_w, bottom - y0 - pad)
        # persona card (scrollable)
        persona_h = round(col.height * (0.34 if not self.exam else 0.6))
        prect = pygame.Rect(col.left, col.top, col.width, persona_h)
        inner = panel(surface, prect, self.t("customer"), fonts, focused=m.focus == "persona")
        plines = self.persona_lines(fonts, inner.width - 8)
        m.max_offsets["persona"] = scroll_view(surface, inner, plines, fonts, m.persona_offset)
        # mood and patience
        y = prect.bottom + pad
        mood_h = fonts.bold.get_linesize() + 2 * round(fonts.body.get_linesize() * 1.25) + pad
        mrect = pygame.Rect(col.left, y, col.width, mood_h)
        inner = panel(surface, mrect, "", fonts)
        draw_mood(surface, inner, fonts, self.t, m.state, self.scenario)
        # checklist
        y = mrect.bottom + pad
        crect = pygame.Rect(col.left, y, col.width, col.bottom - y)
        if self.exam:
            inner = panel(surface, crect, self.t("checklist"), fonts)
            for i, line in enumerate(wrap(fonts.body, self.t("exam"), inner.width)):
                text(surface, fonts.body, line, (inner.left, inner.top + i * fonts.body.get_linesize()), theme.MUTED)
        else:
            inner = panel(surface, crect, self.t("checklist"), fonts, focused=m.focus == "checklist",
                          hint=self.t("checklist_hint") if m.focus == "checklist" else "")
            self._draw_checklist(surface, inner, fonts)
        # transcript and input
        x1 = col.right + pad
        input_h = round(fonts.body.get_linesize() * 2.4)
        trect = pygame.Rect(x1, y0, w - x1 - pad, bottom - y0 - 2 * pad - input_h)
        inner = panel(surface, trect, self.t("transcript"), fonts, focused=m.focus == "transcript")
        lines = self.transcript_lines(fonts, inner.width - 8)
        offset = 10**9 if m.follow else m.transcript_offset
        m.max_offsets["transcript"] = scroll_view(surface, inner, lines, fonts, offset)
        if m.follow:
            m.transcript_offset = m.max_offsets["transcript"]
        m.page = max(1, inner.height // fonts.body.get_linesize() - 1)
        m.drawn_turns = len(m.state.transcript)
        irect = pygame.Rect(x1, trect.bottom + pad, trect.width, input_h)
        self._draw_input(surface, irect, fonts)

    def _draw_checklist(self, surface, rect, fonts) -> None:
        import pygame

        m = self.model
        marks = self.ticked()
        step = fonts.body.get_linesize()
        y = rect.top
        clip = surface.get_clip()
        surface.set_clip(rect)
        box = fonts.body_size - 2
        for i, s in enumerate(self.scenario.steps):
            title = s.title.get(self.lang) + (" *" if s.essential else "")
            lines = wrap(fonts.body, title, rect.width - box - 10)
            if m.focus == "checklist" and i == m.cursor:
                pygame.draw.rect(surface, theme.HIGHLIGHT, (rect.left, y, rect.width, step * len(lines)))
            brect = pygame.Rect(rect.left, y + (step - box) // 2, box, box)
            kind = marks.get(s.id)
            pygame.draw.rect(surface, theme.GOOD if kind == "auto" else theme.TEXT, brect, width=2)
            if kind == "auto":
                pygame.draw.lines(surface, theme.GOOD, False, [(brect.left + 3, brect.centery),
                                  (brect.centerx - 1, brect.bottom - 4), (brect.right - 3, brect.top + 3)], 3)
            elif kind == "self":
                pygame.draw.line(surface, theme.TEXT, (brect.left + 3, brect.centery), (brect.right - 3, brect.centery), 2)
            colour = theme.MUTED if kind else theme.TEXT
            for j, line in enumerate(lines):
                text(surface, fonts.body, line, (rect.left + box + 10, y + j * step), colour)
            y += step * len(lines) + step // 4
        surface.set_clip(clip)

    def _draw_input(self, surface, rect, fonts) -> None:
        import pygame

        m = self.model
        focused = m.focus == "input"
        fill = theme.LISTENING if m.voice_state == "listening" else theme.INPUT
        pygame.draw.rect(surface, fill, rect, border_radius=6)
        pygame.draw.rect(surface, theme.FOCUS if focused else theme.PANEL_BORDER, rect,
                         width=3 if focused else 1, border_radius=6)
        pad = fonts.body_size // 2
        inner_w = rect.width - 2 * pad
        if m.voice_state == "listening":
            value, colour = self.t("listening"), theme.HEADER_TEXT
        elif m.voice_state == "recognising":
            value, colour = self.t("recognising"), theme.MUTED
        elif m.entry.text:
            value, colour = m.entry.text + ("▏" if focused else ""), theme.TEXT
        elif m.state.ended:
            value, colour = self.t("call_ended", reason=reason_text(self.t, m.state.outcome.reason)), theme.MUTED
        else:
            value, colour = self.t("type_here"), theme.MUTED
        lines = wrap(fonts.body, value, inner_w)
        shown = lines[-2:]
        for i, line in enumerate(shown):
            text(surface, fonts.body, line, (rect.left + pad, rect.top + pad // 2 + i * fonts.body.get_linesize()), colour)

    def debrief_lines(self, fonts, width: int) -> list[Line]:
        return debrief_lines(self.t, self.model.score, self.model.score_error, fonts, width)

    def _draw_debrief(self, surface, fonts) -> None:
        import pygame

        m = self.model
        w, h = surface.get_size()
        top = self._header(surface, fonts, f"{self.t('debrief')}: {self.scenario.title.get(self.lang)}")
        bottom = self._status_bar(surface, fonts, self.t("keys_debrief"))
        pad = max(6, fonts.body_size // 2)
        left_w = max(fonts.body_size * 18, round(w * 0.36))
        lrect = pygame.Rect(pad, top + pad, left_w, bottom - top - 2 * pad)
        outcome = m.state.outcome
        inner = panel(surface, lrect, self.t("call_ended", reason=reason_text(self.t, outcome.reason)), fonts)
        draw_scores(surface, inner, fonts, self.t, m.score, m.score_error)
        rrect = pygame.Rect(lrect.right + pad, lrect.top, w - lrect.right - 2 * pad, lrect.height)
        inner = panel(surface, rrect, self.t("evidence"), fonts, focused=True)
        lines = self.debrief_lines(fonts, inner.width - 8)
        m.max_offsets["debrief"] = scroll_view(surface, inner, lines, fonts, m.debrief_offset)
        m.page = max(1, inner.height // fonts.body.get_linesize() - 1)


# -- drawing shared with the seminar screen -----------------------------------
def short_reason(message: str) -> str:
    """The part of a backend message worth a status line."""
    message = message.split(";")[0]
    for prefix in ("no microphone found: ", "microphone input needs "):
        if message.startswith(prefix):
            message = message[len(prefix):]
    return message[:80]


def transcript_lines(t: Texts, state, fonts, width: int, owners: dict[int, str] | None = None) -> list[Line]:
    """The transcript as display lines: speaker in bold, text indented, line events noted."""
    out: list[Line] = []
    indent = fonts.body_size
    for turn in state.transcript:
        if turn.speaker == "customer":
            label, colour = t("customer"), theme.CUSTOMER
        else:
            label = owners.get(turn.number, t("you")) if owners else t("you")
            label, colour = f"{label} ({turn.number})", theme.TRAINEE
        out.append(Line(label, colour=colour, bold=True))
        out += lines_of(fonts.body, turn.text, width, colour=colour, indent=indent)
        for event in turn.events:
            if event.startswith("line_drop:"):
                out.append(Line("— " + t("line_drop") + " —", colour=theme.BAD, bold=True, indent=indent))
            elif event.startswith("line_saved:"):
                out.append(Line("— " + t("line_saved") + " —", colour=theme.FAIR, bold=True, indent=indent))
    return out


def draw_mood(surface, rect, fonts, t: Texts, state, scenario, *, big: bool = False) -> None:
    """Mood (-100..100) and patience bars, each with its number."""
    import pygame

    font = fonts.bold if not big else fonts.title
    step = round(font.get_linesize() * 1.25)
    label_w = max(font.size(t("mood"))[0], font.size(t("patience"))[0]) + fonts.body_size // 2
    number_w = fonts.small.size("+100")[0] + 12
    bar_w = max(20, rect.width - label_w - number_w)
    full = max(1.0, scenario.mood.patience)
    rows = (
        (t("mood"), (state.mood + 100) / 200, f"{state.mood:+.0f}"),
        (t("patience"), state.patience / full, f"{state.patience:.0f}"),
    )
    for i, (label, fraction, number) in enumerate(rows):
        y = rect.top + i * step
        text(surface, font, label, (rect.left, y), theme.TEXT)
        bar(surface, pygame.Rect(rect.left + label_w, y + step // 6, bar_w, step * 3 // 5), fraction, number, fonts)


def dimension_name(t: Texts, name: str) -> str:
    value = t(f"dim_{name}")
    return value if value != f"dim_{name}" else name


def draw_scores(surface, rect, fonts, t: Texts, score, error: str) -> None:
    """The total and one bar per dimension, each with its number ('n/a' when not applicable)."""
    import pygame

    if score is None:
        for i, line in enumerate(wrap(fonts.body, t("score_unavailable", reason=error), rect.width)):
            text(surface, fonts.body, line, (rect.left, rect.top + i * fonts.body.get_linesize()), theme.BAD)
        return
    y = rect.top
    text(surface, fonts.large, f"{t('total')}: {score.total:.0f} / 100", (rect.left, y), theme.HEADER)
    y += round(fonts.large.get_linesize() * 1.2)
    names = [d.name for d in score.dimensions]
    label_w = max(fonts.body.size(dimension_name(t, n))[0] for n in names) + fonts.body_size // 2
    number_w = fonts.small.size(t("not_applicable"))[0] + 14
    bar_w = max(20, rect.width - label_w - number_w)
    step = round(fonts.body.get_linesize() * 1.45)
    for d in score.dimensions:
        text(surface, fonts.body, dimension_name(t, d.name), (rect.left, y), theme.TEXT)
        brect = pygame.Rect(rect.left + label_w, y + step // 8, bar_w, step // 2)
        if d.value is None:
            bar(surface, brect, 0.0, t("not_applicable"), fonts)
        else:
            bar(surface, brect, d.value / 100, f"{d.value:.0f}", fonts)
        y += step
        if y > rect.bottom - step:
            break


def debrief_lines(t: Texts, score, error: str, fonts, width: int) -> list[Line]:
    """Evidence quotes, what happened and tips, by turn; then each dimension's tip."""
    if score is None:
        return lines_of(fonts.body, t("score_unavailable", reason=error), width, colour=theme.BAD)
    out: list[Line] = []
    indent = fonts.body_size
    items = sorted(score.evidence, key=lambda e: (e.turn, e.dimension))
    for e in items:
        head = f"{t('turn', n=e.turn)} · {dimension_name(t, e.dimension)} {e.effect:+.0f}"
        out.append(Line(head, colour=theme.GOOD if e.effect > 0 else theme.BAD if e.effect < 0 else theme.TEXT,
                        bold=True))
        if e.quote:
            out += lines_of(fonts.body, f"“{e.quote}”", width, colour=theme.CUSTOMER, indent=indent)
        if e.note:
            out += lines_of(fonts.body, e.note, width, indent=indent)
        if e.tip:
            out += lines_of(fonts.body, f"{t('tip')}: {e.tip}", width, colour=theme.MUTED, indent=indent)
        out.append(Line(""))
    tips = [(d.name, d.tip) for d in score.dimensions if d.tip]
    if tips:
        out.append(Line(t("tip"), colour=theme.HEADER, bold=True))
        for name, tip in tips:
            out += lines_of(fonts.body, f"{dimension_name(t, name)}: {tip}", width, indent=indent)
    if not out:
        out.append(Line(t("no_evidence"), colour=theme.MUTED))
    return out


# -- entry point ----------------------------------------------------------------
def open_display(title: str, size: tuple[int, int] = (1366, 768)):
    """Initialise pygame and open a resizable window; BackendError when there is no display."""
    import os

    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    if (os.name == "posix" and not os.environ.get("SDL_VIDEODRIVER")
            and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))):
        # SDL would otherwise pick an off-screen driver and show nothing at all
        raise BackendError("cannot open a window: no display (DISPLAY is not set); use --ui terminal")
    try:
        import pygame
    except ImportError as exc:
        raise BackendError("the window needs pygame: pip install simulator[window]") from exc
    try:
        pygame.display.init()
        pygame.font.init()
        info = pygame.display.Info()
        if info.current_w > 0 and info.current_h > 0:
            size = (min(size[0], info.current_w), min(size[1], max(480, info.current_h - 60)))
        surface = pygame.display.set_mode(size, pygame.RESIZABLE)
    except pygame.error as exc:
        raise BackendError(f"cannot open a window: {exc}; use --ui terminal") from exc
    pygame.display.set_caption(title)
    pygame.key.start_text_input()
    pygame.key.set_repeat(400, 40)
    return surface


def display_available() -> bool:
    """True when a display is present (DISPLAY/WAYLAND_DISPLAY set) and pygame can open it (for --ui auto)."""
    import os

    if os.environ.get("SDL_VIDEODRIVER") == "dummy":
        return False
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return False
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    try:
        import pygame

        pygame.display.init()
        ok = pygame.display.get_num_displays() > 0
        return ok
    except Exception:
        return False


def run_window(
    engine: Engine,
    *,
    seed: int = 0,
    exam: bool = False,
    voice=None,
    lang: str | None = None,
    store_hooks: Sequence[StoreHook] | None = None,
    scorer: Scorer | None = default_scorer,
    fps: int = 30,
    on_frame: Callable[[CallWindow], None] | None = None,
    turn_hooks: Sequence[Callable[[CallState], None]] | None = None,
) -> CallState:
    """Play one call (and its retries) in a window; returns the last finished CallState.

    ``voice``: a VoicePipeline (customer speaks, push-to-talk) or None (typing
    only). ``store_hooks`` are called as ``hook(scenario, state, score)`` after
    every finished attempt. ``on_frame`` is for benchmarks and tests.
    """
    import pygame

    window = CallWindow(engine, seed=seed, exam=exam, voice=voice, lang=lang, store_hooks=store_hooks, scorer=scorer)
    window.turn_hooks = tuple(turn_hooks or ())
    surface = open_display(window.t("window_title"))
    clock = pygame.time.Clock()
    try:
        while not window.model.quit:
            for event in pygame.event.get():
                if event.type == pygame.VIDEORESIZE and not getattr(pygame, "IS_CE", False):
                    surface = pygame.display.get_surface()
                window.handle(event)
            window.tick()
            window.draw(surface)
            pygame.display.flip()
            if on_frame is not None:
                on_frame(window)
            clock.tick(fps)
    except KeyboardInterrupt:
        if window.model.screen == "call":
            window.end_call("interrupted")
    finally:
        window.close()
        pygame.display.quit()
    m = window.model
    if m.final is None:
        return engine.finish(m.states[-1], "interrupted")
    return m.final
