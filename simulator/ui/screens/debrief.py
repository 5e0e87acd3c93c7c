"""The debrief screen: the Call's score (never scored again here), the evidence by turn, retry from turn N.

The screen draws the :class:`~simulator.reports.view.DebriefView` of the
call's score, the same data (labels, tones, tips) the terminal and the report
files render, so every interface names a dimension the same way.
"""

from __future__ import annotations

from typing import Any

from simulator.ui import theme
from simulator.ui.screens.card import COACH
from simulator.ui.drawing import debrief_lines, draw_scores, header, reason_text, status_bar
from simulator.ui.widgets import Line, bar, lines_of, panel, scroll_view, text, wrap

TONE_COLOURS = {"good": theme.GOOD, "fair": theme.FAIR, "poor": theme.BAD}
"""Bar colour per DebriefView tone (the number is always drawn beside it)."""


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
        self._debrief = None

    @property
    def score(self):
        """The Call's score (None when it could not be scored; see ``app.score_error``)."""
        return self.call.score

    @property
    def debrief(self):
        """The DebriefView of the score, built once (None without a score)."""
        if self._debrief is None and self.score is not None:
            from simulator.reports.view import DebriefView

            coach = getattr(self.app, "coach", None)
            self._debrief = DebriefView.build(self.app.scenario, self.call.state, self.score, self.app.lang,
                                              hints=coach.all_shown() if coach is not None else ())
        return self._debrief

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
        view = self.debrief
        outcome = view.outcome if view is not None else reason_text(t, self.call.state.outcome.reason)
        inner = panel(surface, lrect, t("call_ended", reason=outcome), fonts)
        if view is None:
            draw_scores(surface, inner, fonts, t, self.score, app.score_error)
        else:
            draw_rows(surface, inner, fonts, view)
        rrect = pygame.Rect(lrect.right + pad, lrect.top, w - lrect.right - 2 * pad, lrect.height)
        inner = panel(surface, rrect, view.words.evidence if view is not None else t("evidence"), fonts, focused=True)
        if view is None:
            lines = debrief_lines(t, self.score, app.score_error, fonts, inner.width - 8)
        else:
            lines = evidence_lines(t, view, fonts, inner.width - 8)
        self.max_offset = scroll_view(surface, inner, lines, fonts, self.offset)
        self.page = max(1, inner.height // fonts.body.get_linesize() - 1)


def draw_rows(surface, rect, fonts, view) -> None:
    """The total and one bar per dimension of a DebriefView, each with its number ('n/a' when not applicable)."""
    import pygame

    y = rect.top
    text(surface, fonts.large, f"{view.words.total}: {view.total_text}", (rect.left, y), theme.HEADER)
    y += round(fonts.large.get_linesize() * 1.2)
    label_w = min(max(fonts.body.size(r.label)[0] for r in view.rows) + fonts.body_size // 2, rect.width * 2 // 3)
    number_w = max(fonts.small.size(r.value_text)[0] for r in view.rows) + 14
    bar_w = max(20, rect.width - label_w - number_w)
    step = round(fonts.body.get_linesize() * 1.45)
    for row in view.rows:
        label = row.label
        if fonts.body.size(label)[0] > label_w - fonts.body_size // 2:  # a narrow window: shorten with …
            label = wrap(fonts.body, label, label_w - fonts.body_size)[0].rstrip() + "…"
        text(surface, fonts.body, label, (rect.left, y), theme.TEXT)
        brect = pygame.Rect(rect.left + label_w, y + step // 8, bar_w, step // 2)
        bar(surface, brect, row.fraction, row.value_text, fonts, colour=TONE_COLOURS.get(row.tone))
        y += step
        if y > rect.bottom - step:
            break


def evidence_lines(t, view, fonts, width: int) -> list[Line]:
    """The DebriefView's timeline by turn (quote, what happened, tip), then its top tips."""
    out: list[Line] = []
    indent = fonts.body_size
    for e in view.timeline:
        colour = theme.GOOD if e.effect > 0 else theme.BAD if e.effect < 0 else theme.TEXT
        out.append(Line(f"{t('turn', n=e.turn)} · {e.label} {e.effect:+.0f}", colour=colour, bold=True))
        if e.quoted:
            out += lines_of(fonts.body, e.quoted, width, colour=theme.CUSTOMER, indent=indent)
        if e.note:
            out += lines_of(fonts.body, e.note, width, indent=indent)
        if e.tip:
            out += lines_of(fonts.body, f"{view.words.tip}: {e.tip}", width, colour=theme.MUTED, indent=indent)
        out.append(Line(""))
    if view.top_tips:
        out.append(Line(view.words.top_tips, colour=theme.HEADER, bold=True))
        for tip in view.top_tips:
            out += lines_of(fonts.body, f"{tip.label}: {tip.text}", width, indent=indent)
    if view.hints:  # the coach's hints during the call, so the trainee sees what was pointed out
        out.append(Line(""))
        out.append(Line(view.words.hints, colour=COACH, bold=True))
        for h in view.hints:
            out += lines_of(fonts.body, f"{h.label}: {h.text}", width, colour=COACH, indent=indent)
    if not out:
        out.append(Line(view.words.no_evidence, colour=theme.MUTED))
    return out
