"""The two projector screens of seminar mode, one view each (``handle_event``, ``update``, ``draw``).

:class:`SeminarCallView` -- the hot seat banner, the large transcript, the
answer box, mood, trainees and the rubric; :class:`SeminarRankingView` -- the
ranking with automatic and adjusted totals, the selected trainee's dimensions,
the marks and notes. Both belong to a :class:`~simulator.ui.seminar_window.SeminarWindow`
(the app: the seminar, strings, status line, the note and adjustment dialog)
and never import it (no import cycle). pygame is imported lazily.
"""

from __future__ import annotations

from typing import Any

from simulator.dialogue.seminar import DIMENSIONS
from simulator.ui import theme
from simulator.ui.drawing import (
    checklist_lines, dimension_name, draw_mood, format_clock, draw_lines, label_lines, overlay, persona_lines, reason_text,
    transcript_lines, weighted_rows, wrapped_header,
)
from simulator.ui.widgets import Line, TextField, bar, lines_of, panel, scroll_view, shorten, text, wrap

CURSOR = "▏"
"""Drawn at the end of the text being typed."""


def rubric_weights(scenario) -> dict[str, float]:
    """Dimension -> weight of the scenario (0 = not applicable)."""
    try:
        from simulator.scoring.rubric import weights_for

        return weights_for(scenario)
    except ImportError:
        weights = {d: 1.0 for d in DIMENSIONS}
        weights.update({k: float(v) for k, v in (scenario.scoring or {}).items() if k in weights})
        return weights


class SmallFonts:
    """The small font standing in as the body font, for the wrapping helpers that measure with ``fonts.body``."""

    def __init__(self, fonts) -> None:
        self.body = fonts.small
        self.body_size = fonts.small.get_height()


class SeminarView:
    """What both screens share: the note (F7) and adjustment (F8) dialog keys, the dialog drawn on top."""

    name = ""

    def __init__(self, app: Any) -> None:
        self.app = app
        """The SeminarWindow (seminar, strings, status, dialog)."""
        self.offset = 0
        """First line of the scrolled panel shown."""
        self.max_offset = 0
        """Greatest scroll offset, as found by the last frame."""
        self.page = 10
        """Lines per page of the scrolled panel, as found by the last frame."""

    def handle_event(self, event) -> None:
        import pygame

        app = self.app
        if event.type == pygame.TEXTINPUT:
            if app.dialog is not None:
                app.dialog_text(event.text)
            else:
                self.typed(event.text)
        elif event.type == pygame.KEYDOWN:
            if app.dialog is not None:
                app.dialog_key(event)
            elif event.key == pygame.K_F7:
                app.open_dialog("note", self.target())
            elif event.key == pygame.K_F8:
                app.open_dialog("adjust_dimension", self.target())
            else:
                self.key(event)

    def target(self) -> str:
        """Whom a note or adjustment made now is about."""
        return self.app.s.on_seat

    def typed(self, value: str) -> None:
        """Text typed with no dialog open."""

    def key(self, event) -> None:
        """A key pressed with no dialog open (besides F7 and F8)."""

    def scroll(self, down: bool) -> None:
        self.offset = max(0, min(self.max_offset, self.offset + self.page * (1 if down else -1)))

    def update(self) -> None:
        return None

    def draw(self, surface) -> None:
        fonts = self.app.fonts(surface.get_height())
        self.paint(surface, fonts)
        if self.app.s.paused and not self.app.s.finished:  # unmistakable from the back of the room
            overlay(surface, fonts, self.app.t("paused_title"), self.app.t("paused_window"))
        if self.app.dialog is not None:
            self.app.draw_dialog(surface, fonts)

    def paint(self, surface, fonts) -> None:
        """The screen itself, under any dialog."""


class SeminarCallView(SeminarView):
    """The call on the projector: whoever is on the hot seat types (or the instructor types for them)."""

    name = "call"

    def __init__(self, app: Any) -> None:
        super().__init__(app)
        self.entry = TextField()
        """The answer being typed (kept while a dialog is open)."""
        self.follow = True
        """The transcript sticks to its newest line."""

    def typed(self, value: str) -> None:
        s = self.app.s
        if not (s.paused or s.state.ended):
            self.entry.insert(value)

    def key(self, event) -> None:
        import pygame

        app, s, key = self.app, self.app.s, event.key
        if key == pygame.K_F6:
            app.say_status(app.t("marked", n=s.mark().turn))
        elif key == pygame.K_F9:
            app.say_status(app.t("paused") if s.toggle_pause() else "")
        elif key == pygame.K_ESCAPE:
            app.end()
        elif key in (pygame.K_F5, pygame.K_TAB):
            app.next_trainee()
        elif key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            if self.follow:
                self.offset = self.max_offset
            self.scroll(key == pygame.K_PAGEDOWN)
            self.follow = self.offset >= self.max_offset
        elif key == pygame.K_F4:
            app.open_rewind()
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            if s.state.ended:
                app.next_trainee() if s.mode == "sequence" else app.open_rewind()
            elif not s.paused:
                self.send(self.entry.take())
        elif key == pygame.K_BACKSPACE:
            self.entry.backspace(word=bool(event.mod & pygame.KMOD_CTRL))

    def send(self, line: str) -> None:
        """The trainee on the hot seat says ``line``; the status line tells when the call ended."""
        app, s, t = self.app, self.app.s, self.app.t
        if not line.strip():
            return
        s.say(line)
        self.follow = True
        if s.state.ended:
            reason = reason_text(t, s.state.outcome.reason)
            if s.mode == "sequence" and s.current < len(s.trainees) - 1:
                app.say_status(t("press_enter_next", reason=reason, trainee=s.trainees[s.current + 1]), lasting=True)
            else:
                app.say_status(t("call_over_window", reason=reason), lasting=True)

    def paint(self, surface, fonts) -> None:
        import pygame

        app = self.app
        s, t = app.s, app.t
        w, h = surface.get_size()
        seat = t("hot_seat") if s.mode == "hotseat" else t("now_playing")
        top = wrapped_header(surface, fonts, f"{t('seminar')}: {s.scenario.title.get(app.lang)}",
                             clock=format_clock(s.elapsed()))
        bottom = app.status_bar(surface, fonts, t("keys_seminar"))
        pad = max(6, fonts.body_size // 2)
        # the hot seat banner
        banner_h = round(fonts.large.get_linesize() * 1.3)
        brect = pygame.Rect(pad, top + pad, w - 2 * pad, banner_h)
        pygame.draw.rect(surface, theme.HIGHLIGHT, brect, border_radius=6)
        pygame.draw.rect(surface, theme.FAIR, brect, width=2, border_radius=6)
        r = text(surface, fonts.body, f"{seat}:", (brect.left + pad, brect.centery - fonts.body.get_linesize() // 2))
        text(surface, fonts.large, s.on_seat, (r.right + pad, brect.centery - fonts.large.get_linesize() // 2),
             theme.HEADER)
        right = []
        if s.state.ended:  # the room sees at once that the customer is gone
            right.append(t("call_ended", reason=reason_text(t, s.state.outcome.reason)))
        if s.mode == "sequence":
            right.append(t("call_of", i=s.current + 1, n=len(s.trainees)))
        if len(s.attempts) > 1:
            right.append(t("attempt", n=s.attempt.number))
        if right:
            text(surface, fonts.bold if s.state.ended else fonts.body, "  ·  ".join(right),
                 (brect.right - pad, brect.centery - fonts.body.get_linesize() // 2),
                 theme.BAD if s.state.ended else theme.MUTED, right=True)
        y0 = brect.bottom + pad
        # three columns: briefing and rubric | transcript and answer | mood, trainees, checklist
        left_w = max(fonts.body_size * 12, round(w * 0.27))
        right_w = max(fonts.body_size * 11, round(w * 0.24))
        lcol = pygame.Rect(pad, y0, left_w, bottom - y0 - pad)
        rcol = pygame.Rect(w - pad - right_w, y0, right_w, lcol.height)
        self.paint_briefing(surface, fonts, lcol, pad)
        x = lcol.right + pad
        input_h = round(fonts.body.get_linesize() * 1.8)
        trect = pygame.Rect(x, y0, rcol.left - pad - x, bottom - y0 - 2 * pad - input_h)
        inner = panel(surface, trect, t("transcript"), fonts)
        lines = transcript_lines(t, s.state, fonts, inner.width - 8, owners=s.owners)
        offset = 10**9 if self.follow else self.offset
        self.max_offset = scroll_view(surface, inner, lines, fonts, offset)
        self.page = max(1, inner.height // fonts.body.get_linesize() - 1)
        # input
        irect = pygame.Rect(x, trect.bottom + pad, trect.width, input_h)
        pygame.draw.rect(surface, theme.INPUT, irect, border_radius=6)
        pygame.draw.rect(surface, theme.FOCUS, irect, width=2, border_radius=6)
        value = self.entry.text + CURSOR
        if not self.entry.text:
            value = "" if s.state.ended else f"{s.on_seat}: {t('type_here')}"
        while fonts.body.size(value)[0] > irect.width - 2 * pad:
            value = "…" + value[2:]
        text(surface, fonts.body, value, (irect.left + pad, irect.centery - fonts.body.get_linesize() // 2),
             theme.TEXT if self.entry.text else theme.MUTED)
        self.paint_room(surface, fonts, rcol, pad)

    def paint_briefing(self, surface, fonts, col, pad: int) -> None:
        """Left: the persona card and what the agent knows; under it the rubric with the scenario's weights."""
        import pygame

        app, s, t = self.app, self.app.s, self.app.t
        weights = rubric_weights(s.scenario)
        font = fonts.small  # reference material: smaller than the transcript, still readable on a projector
        rows = weighted_rows(font, [(dimension_name(t, d), f"× {weights.get(d, 1.0):g}" if weights.get(d, 1.0)
                                     else t("not_applicable"), theme.TEXT if weights.get(d, 1.0) else theme.MUTED)
                                    for d in DIMENSIONS], col.width - 2 * pad - 8)
        step = font.get_linesize()
        rubric_h = min(round(col.height * 0.5), len(rows) * step + fonts.bold.get_linesize() + 2 * pad)
        prect = pygame.Rect(col.left, col.top, col.width, col.height - rubric_h - pad)
        inner = panel(surface, prect, t("briefing"), fonts)
        scroll_view(surface, inner, persona_lines(t, s.scenario, app.lang, fonts, inner.width - 8), fonts, 0)
        rrect = pygame.Rect(col.left, prect.bottom + pad, col.width, rubric_h)
        inner = panel(surface, rrect, t("rubric"), fonts)
        shown = draw_lines(surface, inner, [line for line, _ in rows], font)
        for i, (line, value) in enumerate(rows[:shown]):
            if value:
                text(surface, font, value, (inner.right, inner.top + i * step), line.colour, right=True)

    def paint_room(self, surface, fonts, col, pad: int) -> None:
        """Right: mood and patience, the trainees with their turns and the latest marks, the checklist (not in an exam)."""
        import pygame

        app, s, t = self.app, self.app.s, self.app.t
        mrect = pygame.Rect(col.left, col.top, col.width, round(fonts.title.get_linesize() * 2.5) + 2 * pad)
        draw_mood(surface, panel(surface, mrect, "", fonts), fonts, t, s.state, s.scenario, big=True)
        width = col.width - 2 * pad - 8
        rows: list[Line] = []
        for name in s.trainees:
            here = name == s.on_seat
            rows += lines_of(fonts.body, f"{'▶ ' if here else ''}{name}  ·  {t('turns_count', n=len(s.turns_of(name)))}",
                             width, bold=here, colour=theme.HEADER if here else theme.TEXT,
                             fill=theme.HIGHLIGHT if here else None)
        if s.marks:
            rows.append(Line(t("marks"), bold=True, colour=theme.HEADER))
            for m in s.marks[-3:]:
                rows += lines_of(fonts.body, f"{t('turn', n=m.turn)} {m.trainee}: {m.note or '⚑'}", width,
                                 colour=theme.MUTED)
        step = fonts.body.get_linesize()
        room = col.bottom - mrect.bottom - pad
        wanted = len(rows) * step + fonts.bold.get_linesize() + 2 * pad
        share = 1.0 if app.exam else 0.5
        prect = pygame.Rect(col.left, mrect.bottom + pad, col.width, min(wanted, round(room * share)))
        inner = panel(surface, prect, t("trainees"), fonts)
        scroll_view(surface, inner, rows, fonts, max(0, len(rows) - inner.height // step))
        if app.exam:
            return
        crect = pygame.Rect(col.left, prect.bottom + pad, col.width, col.bottom - prect.bottom - pad)
        inner = panel(surface, crect, t("checklist"), fonts)
        small = SmallFonts(fonts)
        draw_lines(surface, inner, checklist_lines(t, s.scenario, s.state, app.lang, small, inner.width - 8), fonts.small)


class SeminarRankingView(SeminarView):
    """The ranking: ↑↓ choose a trainee (notes and adjustments are about them), PgUp/PgDn scroll, Esc quits."""

    name = "ranking"

    def __init__(self, app: Any) -> None:
        super().__init__(app)
        self.cursor = 0
        """Selected row of the ranking."""

    def target(self) -> str:
        rows = self.app.s.ranking()
        return rows[self.cursor % len(rows)].trainee

    def key(self, event) -> None:
        import pygame

        key = event.key
        if key == pygame.K_ESCAPE:
            self.app.quit = True
        elif key in (pygame.K_UP, pygame.K_DOWN):
            self.cursor = max(0, min(len(self.app.s.trainees) - 1, self.cursor + (1 if key == pygame.K_DOWN else -1)))
            self.offset = 0
        elif key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            self.scroll(key == pygame.K_PAGEDOWN)
        elif key == pygame.K_s:
            self.app.write_summary()

    def paint(self, surface, fonts) -> None:
        import pygame

        app = self.app
        s, t = app.s, app.t
        w, h = surface.get_size()
        top = wrapped_header(surface, fonts, f"{t('ranking')}: {s.scenario.title.get(app.lang)}")
        bottom = app.status_bar(surface, fonts, t("keys_ranking"))
        pad = max(6, fonts.body_size // 2)
        rows = s.ranking()
        left_w = round(w * 0.55)
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
        step = round(fonts.title.get_linesize() * 1.15)
        small = fonts.small.get_linesize()
        for i, row in enumerate(rows):
            if y + step > inner.bottom:
                break
            extra = [t("lines_said", n=row.taken)]
            if len(row.attempts) > 1:
                extra.append(t("attempt_counted", n=row.attempts[-1].attempt))
            notes = [f"{a.shown(dimension_name(t, a.adjustment.dimension))}: {a.adjustment.reason}" for a in row.applied]
            below = [part for note in ["  ·  ".join(extra)] + notes
                     for part in wrap(fonts.small, note, inner.width - fonts.body_size * 2)]
            if i == self.cursor % len(rows):
                pygame.draw.rect(surface, theme.HIGHLIGHT, (inner.left - 4, y - 2, inner.width + 8,
                                                            step + small * len(below) + 2))
            name = shorten(fonts.title, f"{row.rank}. {row.trainee}", col_auto - inner.left - pad)
            text(surface, fonts.title, name, (inner.left, y), theme.HEADER)
            for col, value in ((col_auto, row.automatic), (col_adj, row.adjusted)):
                brect = pygame.Rect(col, y + step // 5, bar_w, step // 2)
                if value is None:
                    bar(surface, brect, 0.0, t("no_turns"), fonts)
                else:
                    bar(surface, brect, value / 100, f"{value:.0f}", fonts)
            y += step
            for part in below:
                if y + small > inner.bottom:
                    break
                text(surface, fonts.small, part, (inner.left + fonts.body_size * 2, y), theme.MUTED)
                y += small
            y += pad // 2
        # the selected trainee: attempts, dimensions, adjustments, marks and notes
        rrect = pygame.Rect(lrect.right + pad, lrect.top, w - lrect.right - 2 * pad, lrect.height)
        selected = rows[self.cursor % len(rows)] if rows else None
        inner = panel(surface, rrect, selected.trainee if selected else "", fonts)
        self.max_offset = scroll_view(surface, inner, self.details(selected, fonts, inner.width - 8), fonts,
                                      self.offset)

    def details(self, row, fonts, width: int) -> list[Line]:
        """The selected trainee's lines said, attempts, dimensions (adjusted ones with the change), marks and notes."""
        t, s = self.app.t, self.app.s
        if row is None:
            return []
        lines = lines_of(fonts.body, t("lines_said", n=row.taken), width, colour=theme.MUTED)
        for r in row.attempts:
            label = t("attempt_counted" if r.counted and len(row.attempts) > 1 else "attempt", n=r.attempt)
            total = "–" if r.score is None else f"{r.score.total:.0f}"
            outcome = t(r.outcome_key)
            lines += lines_of(fonts.body, f"{label}: {total} · {t('turns_header')} {', '.join(map(str, r.turns))} · "
                              f"{outcome}", width, colour=theme.TEXT if r.counted else theme.MUTED)
        if row.score is not None:
            lines.append(Line(""))
            final: dict[str, Any] = {}  # dimension -> (value after the adjustments, applied delta)
            for a in row.applied:
                if a.after is not None:
                    before = final.get(a.adjustment.dimension, (None, 0.0))[1]
                    final[a.adjustment.dimension] = (a.after, before + a.delta)
            for d in row.score.dimensions:
                value = t("not_applicable") if d.value is None else f"{d.value:.0f}"
                if d.name in final:
                    after, delta = final[d.name]
                    value += f" → {after:.0f} ({round(delta, 1) + 0.0:+g})"
                lines += label_lines(fonts.body, dimension_name(t, d.name), value, width, indent=fonts.body_size // 2)
        if row.applied:
            lines.append(Line(""))
            lines.append(Line(t("adjustments"), bold=True, colour=theme.HEADER))
            for a in row.applied:
                lines += lines_of(fonts.body, f"{a.shown(dimension_name(t, a.adjustment.dimension))}: "
                                  f"{a.adjustment.reason} ({t('turn', n=a.adjustment.turn)})", width)
        if row.marks:
            lines.append(Line(""))
            lines.append(Line(t("marks"), bold=True, colour=theme.HEADER))
            for m in row.marks:
                where = t("turn", n=m.turn) + (f", {t('attempt', n=m.attempt)}" if len(s.attempts) > 1 else "")
                lines += lines_of(fonts.body, f"{where}: {m.note or '⚑ ' + t('mark')}", width)
        if s.score_error:
            lines += lines_of(fonts.body, t("score_unavailable", reason=s.score_error), width, colour=theme.BAD)
        return lines
