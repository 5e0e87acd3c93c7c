"""The debrief screen: the Call's score (never scored again here), the evidence by turn, retry from turn N."""

from __future__ import annotations

from typing import Any

from simulator.ui.drawing import debrief_lines, draw_scores, header, reason_text, status_bar
from simulator.ui.widgets import panel, scroll_view


class DebriefScreen:
    """Total and dimension bars on the left, evidence and tips on the right; R, digits, Enter retries."""

    name = "debrief"

    def __init__(self, app: Any, call: Any) -> None:
        self.app = app
        """The TraineeApp."""
        self.call = call
        """The finished Call whose score is shown."""
        self.offset = 0
        """First line of the evidence list shown."""
        self.retry_entry: str | None = None
        """Digits typed for "retry from turn N", or None when not asking."""
        self.max_offset = 0
        """Greatest useful offset, as found by the last frame."""
        self.page = 10
        """Lines per page of the evidence list, as found by the last frame."""

    @property
    def score(self):
        """The Call's score (None when it could not be scored; see ``app.score_error``)."""
        return self.call.score

    # -- events -------------------------------------------------------------------
    def handle_event(self, event) -> None:
        import pygame

        if event.type == pygame.KEYDOWN:
            self._key(event)
        elif event.type == pygame.TEXTINPUT:
            if self.retry_entry is not None:
                self.retry_entry += "".join(ch for ch in event.text if ch.isdigit())
            elif event.text.lower() == "r":
                self.retry_entry = ""
        elif event.type == pygame.MOUSEWHEEL:
            self.scroll(-event.y * 3)

    def update(self) -> None:
        return None

    def scroll(self, delta: int) -> None:
        self.offset = max(0, min(self.offset + delta, self.max_offset))

    def _key(self, event) -> None:
        import pygame

        key = event.key
        if self.retry_entry is not None:
            if key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                if self.retry_entry and not self.app.retry(int(self.retry_entry)):
                    self.retry_entry = ""  # out of range: the status line says so; ask again
            elif key == pygame.K_ESCAPE:
                self.retry_entry = None
            elif key == pygame.K_BACKSPACE:
                self.retry_entry = self.retry_entry[:-1]
            return
        if key == pygame.K_ESCAPE:
            self.app.quit = True
        elif key in (pygame.K_UP, pygame.K_DOWN):
            self.scroll(-1 if key == pygame.K_UP else 1)
        elif key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            self.scroll((-1 if key == pygame.K_PAGEUP else 1) * self.page)
        elif key == pygame.K_HOME:
            self.offset = 0

    # -- drawing ------------------------------------------------------------------
    def draw(self, surface) -> None:
        import pygame

        app, t = self.app, self.app.t
        w, h = surface.get_size()
        fonts = app.fonts(h)
        top = header(surface, fonts, f"{t('debrief')}: {app.scenario.title.get(app.lang)}")
        message = app.status_message(t("keys_debrief"))
        if self.retry_entry is not None and app.voice_state == "idle":
            prompt = t("retry_prompt", max=app.retry_max()) + self.retry_entry + "▏"
            message = f"{app.status.text}  ·  {prompt}" if app.status.text else prompt
        bottom = status_bar(surface, fonts, message, alert=app.voice_state == "listening")
        pad = max(6, fonts.body_size // 2)
        left_w = max(fonts.body_size * 18, round(w * 0.36))
        lrect = pygame.Rect(pad, top + pad, left_w, bottom - top - 2 * pad)
        outcome = self.call.state.outcome
        inner = panel(surface, lrect, t("call_ended", reason=reason_text(t, outcome.reason)), fonts)
        draw_scores(surface, inner, fonts, t, self.score, app.score_error)
        rrect = pygame.Rect(lrect.right + pad, lrect.top, w - lrect.right - 2 * pad, lrect.height)
        inner = panel(surface, rrect, t("evidence"), fonts, focused=True)
        lines = debrief_lines(t, self.score, app.score_error, fonts, inner.width - 8)
        self.max_offset = scroll_view(surface, inner, lines, fonts, self.offset)
        self.page = max(1, inner.height // fonts.body.get_linesize() - 1)
