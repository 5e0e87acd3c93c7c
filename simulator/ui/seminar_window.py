"""The projector window of seminar mode: a small app (:mod:`simulator.ui.app`) with a call and a ranking view.

The logic is :class:`simulator.dialogue.seminar.Seminar`; the screens are in
:mod:`simulator.ui.seminar_views`; shared drawing comes from
:mod:`simulator.ui.drawing`. The app holds what both screens share: the
seminar, the strings, the status line, the note and adjustment dialog and the
customer's voice (a :class:`~simulator.voice.worker.VoiceWorker`, so no frame
waits for audio). pygame is imported lazily.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from simulator.dialogue.seminar import DIMENSIONS, Seminar
from simulator.errors import UsageError
from simulator.ui.app import App
from simulator.ui.drawing import dimension_name, reason_text, short_reason, status_bar
from simulator.ui.seminar_views import CURSOR, SeminarCallView, SeminarRankingView
from simulator.ui.widgets import TextField, panel, text, wrap

DIALOGS = ("note", "adjust_dimension", "adjust_delta", "adjust_reason", "rewind")
"""The dialog steps: a note; an adjustment's dimension, points and reason; the turn to rewind to."""
DEFAULT_SUMMARY = "seminar-summary.html"
"""Where S on the ranking writes the summary without ``--summary``."""
STATUS_SECONDS = 6.0
"""How long a status message stays before the key hint returns."""




class _NoMicrophone:
    """The seminar does not listen: the worker's listener gets a microphone that is never started."""

    def open(self) -> None:
        return None


def seminar_voice(pipeline: Any) -> tuple[Any, Any]:
    """A voice worker speaking through ``pipeline`` and the observer that feeds it (give it to the Seminar)."""
    from simulator.voice.speaker import Speaker
    from simulator.voice.worker import VoiceWorker

    worker = VoiceWorker(pipeline, microphone=_NoMicrophone())
    return worker, Speaker(worker)


class SeminarWindow(App):
    """The projector app: the call view until the seminar is over, then the ranking view.

    Tests drive it without a loop: ``handle_event(e)``, ``update()``,
    ``draw(surface)``; ``screen`` is ``call`` or ``ranking``, ``dialog`` the
    open dialog step (None: none).
    """

    SCALE = 1.2
    """Projector text is larger than the trainee window's."""

    def __init__(self, seminar: Seminar, *, lang: str, clock: Callable[[], float] | None = None,
                 voice: Any = None, font_scale: float = 1.0, exam: bool = False, summary: str | None = None) -> None:
        from simulator.ui.texts import Texts

        super().__init__(scale=round(self.SCALE * font_scale, 2), clock=clock or seminar.clock)
        self.exam = exam
        """Exam: the checklist is not shown on the projector."""
        self.summary = summary
        """Where S on the ranking writes the summary (.html or .pdf; default DEFAULT_SUMMARY)."""
        self.s = seminar
        """The seminar shown and driven."""
        self.lang = lang
        """Language of the interface."""
        self.t = Texts(lang)
        """The interface strings."""
        self.worker = voice
        """The customer's voice (a VoiceWorker, see :func:`seminar_voice`) or None."""
        self.status = ""
        """The status line's message ('' shows the key hint)."""
        self.status_until = 0.0
        """Clock time after which the key hint returns."""
        self.speaking_until = 0.0
        """Clock time until which the customer is speaking."""
        self.dialog: str | None = None
        """None or one of DIALOGS."""
        self.dialog_for = ""
        """Whom the open dialog's note or adjustment is about."""
        self.dialog_entry = TextField()
        """What is typed into the dialog."""
        self.dim_cursor = 0
        """Selected dimension in the adjustment dialog."""
        self.pending_delta = 0.0
        """Points of the adjustment being made."""
        self.call_view = SeminarCallView(self)
        """The call screen."""
        self.ranking_view = SeminarRankingView(self)
        """The ranking screen."""
        self.show(self.call_view)

    @property
    def screen(self) -> str:
        """call | ranking."""
        return getattr(self.view, "name", "")

    # -- actions both screens use ---------------------------------------------------
    def say_status(self, message: str, *, lasting: bool = False) -> None:
        """Show ``message`` in the status line for a few seconds (``lasting``: until the next message)."""
        self.status = message
        self.status_until = float("inf") if lasting else self.clock() + STATUS_SECONDS

    def next_trainee(self) -> None:
        """Pass the turn (hot seat) or start the next trainee's call (sequence); the ranking once all are done."""
        s = self.s
        s.pass_turn()
        self.call_view.entry.text = ""
        self.call_view.follow = True
        if s.finished:
            self.show_ranking()
        else:
            self.say_status(self.t("next_trainee", trainee=s.on_seat) if s.mode == "hotseat" else "")

    def open_rewind(self) -> None:
        """The rewind dialog, offering the last turn that did not end the call."""
        s = self.s
        if s.finished:
            return
        last = s.state.turn - 1 if s.state.ended else s.state.turn
        self.open_dialog("rewind", self.t("attempt", n=s.attempt.number + 1))
        self.dialog_entry.insert(str(max(0, last)))

    def rewind(self, value: str) -> bool:
        """Rewind to the turn typed; the status says who answers now (or what was wrong)."""
        try:
            self.s.rewind(value.strip() or "x")
        except UsageError as exc:
            self.say_status(exc.message)
            return False
        a = self.s.attempt
        self.dialog = None
        self.call_view.entry.text = ""
        self.call_view.follow = True
        self.say_status(self.t("rewound", n=a.start, attempt=a.number, trainee=self.s.on_seat))
        return True

    def write_summary(self) -> None:
        """Write the seminar summary for the participants; the status line names the file."""
        from simulator.reports.seminar_summary import write_summary

        try:
            path = write_summary(self.summary or DEFAULT_SUMMARY, self.s, lang=self.lang)
        except UsageError as exc:
            self.say_status(exc.message)
            return
        self.say_status(self.t("summary_written", path=path))

    def end(self) -> None:
        """The instructor ends the call (and the seminar): on to the ranking."""
        self.s.end_call()
        self.show_ranking()

    def show_ranking(self) -> None:
        self.status = ""
        self.dialog = None
        self.show(self.ranking_view)

    def on_quit(self) -> None:
        self.s.end_call()

    def close(self) -> None:
        if self.worker is not None:
            self.worker.close()

    def update(self) -> None:
        """Voice results, the status timeout, and the ranking once a sequence seminar is over."""
        if self.worker is not None:
            from simulator.voice.worker import Speaking, VoiceFailure

            for item in self.worker.drain():
                if isinstance(item, Speaking):
                    self.speaking_until = max(self.speaking_until, item.until)
                elif isinstance(item, VoiceFailure):
                    self.say_status(short_reason(item.message))
        if self.status and self.clock() > self.status_until:
            self.status = ""
        if self.s.finished and self.screen == "call" and self.s.mode == "sequence":
            self.show_ranking()
        super().update()

    def status_bar(self, surface, fonts, hint: str) -> int:
        """The status line (red while paused); returns its top."""
        if self.status:
            message = self.status
        elif self.screen == "call" and self.s.state.ended and self.s.mode == "hotseat":
            message = self.t("call_over_window", reason=reason_text(self.t, self.s.state.outcome.reason))
        elif self.s.paused:
            message = self.t("paused")
        elif self.clock() < self.speaking_until:
            message = self.t("speaking") + "   " + hint
        else:
            message = hint
        return status_bar(surface, fonts, message, alert=self.s.paused)

    # -- the note and adjustment dialog -------------------------------------------------
    def open_dialog(self, step: str, trainee: str) -> None:
        self.dialog, self.dialog_for, self.dialog_entry.text = step, trainee, ""

    def dialog_text(self, value: str) -> None:
        if self.dialog != "adjust_dimension":
            self.dialog_entry.insert(value)

    def dialog_key(self, event) -> None:
        import pygame

        key = event.key
        if key == pygame.K_ESCAPE:
            self.dialog = None
            return
        if self.dialog == "adjust_dimension":
            if key in (pygame.K_UP, pygame.K_DOWN):
                self.dim_cursor = (self.dim_cursor + (1 if key == pygame.K_DOWN else -1)) % len(DIMENSIONS)
            elif key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self.dialog, self.dialog_entry.text = "adjust_delta", ""
            return
        if key == pygame.K_BACKSPACE:
            self.dialog_entry.backspace()
            return
        if key not in (pygame.K_RETURN, pygame.K_KP_ENTER):
            return
        value = self.dialog_entry.text.strip()
        if self.dialog == "rewind":
            if self.rewind(value):
                self.dialog = None
        elif self.dialog == "note":
            if value:
                self.say_status(self.t("marked", n=self.s.mark(value, self.dialog_for).turn))
            self.dialog = None
        elif self.dialog == "adjust_delta":
            try:
                self.pending_delta = float(value.replace(",", "."))
            except ValueError:
                self.say_status(f"{value!r}: +5 / -10")
                return
            self.dialog, self.dialog_entry.text = "adjust_reason", ""
        elif self.dialog == "adjust_reason":
            try:
                adj = self.s.adjust(DIMENSIONS[self.dim_cursor], self.pending_delta, value, self.dialog_for)
            except UsageError as exc:
                self.say_status(exc.message)
                return
            applied = self.s.applied(adj.trainee)[-1]  # as it counts against the trainee's score so far
            self.say_status(f"{adj.trainee}: {applied.shown(dimension_name(self.t, adj.dimension))} ({adj.reason})")
            self.dialog = None

    def draw_dialog(self, surface, fonts) -> None:
        import pygame

        from simulator.ui import theme

        w, h = surface.get_size()
        t = self.t
        shade = pygame.Surface((w, h), pygame.SRCALPHA)
        shade.fill((0, 0, 0, 110))
        surface.blit(shade, (0, 0))
        step = fonts.body.get_linesize()
        last = self.s.state.turn - 1 if self.s.state.ended else self.s.state.turn
        prompt = {"note": t("note_prompt"), "adjust_dimension": t("adjust_dimension"),
                  "adjust_delta": t("adjust_delta"), "adjust_reason": t("adjust_reason"),
                  "rewind": t("rewind_prompt", max=max(0, last))}[self.dialog]
        width = min(w - 40, fonts.body_size * 40)
        pad = max(6, fonts.body_size // 2)
        asked = wrap(fonts.body, prompt.strip(), width - 2 * pad)  # a long prompt wraps, it is not cut
        rows = len(DIMENSIONS) if self.dialog == "adjust_dimension" else 1
        box = pygame.Rect(0, 0, width, step * (rows + len(asked) + 1) + fonts.bold.get_linesize() + 2 * pad)
        box.center = (w // 2, h // 2)
        inner = panel(surface, box, self.dialog_for, fonts, focused=True)
        for i, line in enumerate(asked):
            text(surface, fonts.body, line, (inner.left, inner.top + i * step), theme.MUTED)
        top = inner.top + len(asked) * step + pad // 2
        if self.dialog == "adjust_dimension":
            for i, d in enumerate(DIMENSIONS):
                y = top + i * step
                if i == self.dim_cursor:
                    pygame.draw.rect(surface, theme.HIGHLIGHT, (inner.left, y, inner.width, step))
                text(surface, fonts.body, ("▶ " if i == self.dim_cursor else "   ") + dimension_name(t, d),
                     (inner.left, y))
        else:
            value = self.dialog_entry.text + CURSOR
            while fonts.body.size(value)[0] > inner.width:
                value = "…" + value[2:]
            text(surface, fonts.body, value, (inner.left, top))


def run_seminar_window(seminar: Seminar, *, lang: str, voice: Any = None, fps: int = 30, surface: Any = None,
                       font_scale: float = 1.0, exam: bool = False, summary: str | None = None) -> Seminar:
    """The projector window until the instructor quits the ranking screen (Ctrl-C: the call is ended first).

    ``voice``: the VoiceWorker of :func:`seminar_voice` (closed when the window closes) or None.
    ``surface``: the display, when the caller opened it already (default: opened here).
    """
    from simulator.ui.app import run
    from simulator.ui.display import open_display

    window = SeminarWindow(seminar, lang=lang, voice=voice, font_scale=font_scale, exam=exam, summary=summary)
    if surface is None:
        surface = open_display(window.t("seminar"), (1600, 900))
    try:
        run(window, surface, fps=fps)
    except KeyboardInterrupt:
        pass  # run() ended the call (on_quit); the ranking is shown in the terminal
    finally:
        import pygame

        pygame.display.quit()
    return seminar

