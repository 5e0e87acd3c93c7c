"""The projector screens of seminar mode (pygame, imported lazily): the call view and the ranking view.

The logic is :class:`simulator.dialogue.seminar.Seminar`; this module only
draws it and turns keys into its actions. Like
the trainee window's views (:mod:`simulator.ui.screens`): ``handle(event)``,
``tick()``, ``draw(surface)``; shared drawing comes from :mod:`simulator.ui.drawing`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from simulator.dialogue.seminar import DIMENSIONS, Seminar
from simulator.errors import UsageError


def rubric_weights(scenario) -> dict[str, float]:
    """Dimension -> weight of the scenario (0 = not applicable)."""
    try:
        from simulator.scoring.rubric import weights_for

        return weights_for(scenario)
    except ImportError:
        weights = {d: 1.0 for d in DIMENSIONS}
        weights.update({k: float(v) for k, v in (scenario.scoring or {}).items() if k in weights})
        return weights



class SeminarWindow:
    """The projector screen: large transcript and mood, the rubric, the trainees; then the ranking.

    Like the trainee window's views: ``handle(event)``,
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
                        from simulator.ui.drawing import reason_text

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
            from simulator.ui.drawing import dimension_name

            try:
                adj = self.s.adjust(DIMENSIONS[self.dim_cursor], self.pending_delta, value, self._target())
            except UsageError as exc:
                self.status = exc.message
                return
            applied = self.s.applied(adj.trainee)[-1]  # as it counts against the trainee's score so far
            self.status = f"{adj.trainee}: {applied.shown(dimension_name(self.t, adj.dimension))} ({adj.reason})"
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
        from simulator.ui.drawing import dimension_name, draw_mood, format_clock, header, transcript_lines

        s, t = self.s, self.t
        w, h = surface.get_size()
        seat = t("hot_seat") if s.mode == "hotseat" else t("now_playing")
        top = header(surface, fonts, f"{t('seminar')}: {s.scenario.title.get(self.lang)}",
                     clock=format_clock(s.elapsed()))
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
        from simulator.ui.drawing import dimension_name, header
        from simulator.ui.widgets import Line, bar, panel, scroll_view, text

        s, t = self.s, self.t
        w, h = surface.get_size()
        top = header(surface, fonts, f"{t('ranking')}: {s.scenario.title.get(self.lang)}")
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
            for a in row.applied:
                if y + fonts.small.get_linesize() > inner.bottom:
                    break
                text(surface, fonts.small, f"{a.shown(dimension_name(t, a.adjustment.dimension))}: {a.adjustment.reason} "
                     f"({t('turn', n=a.adjustment.turn)})", (inner.left + fonts.body_size * 2, y), theme.MUTED)
                y += fonts.small.get_linesize()
            y += pad // 2
        # marks and notes, and the selected trainee's dimensions
        rrect = pygame.Rect(lrect.right + pad, lrect.top, w - lrect.right - 2 * pad, lrect.height)
        selected = rows[self.row_cursor % len(rows)] if rows else None
        inner = panel(surface, rrect, selected.trainee if selected else "", fonts)
        lines: list[Line] = []
        from simulator.ui.widgets import lines_of

        if selected is not None and selected.score is not None:
            final: dict[str, Any] = {}  # dimension -> (value after the adjustments, applied delta)
            for a in selected.applied:
                if a.after is not None:
                    before = final.get(a.adjustment.dimension, (None, 0.0))[1]
                    final[a.adjustment.dimension] = (a.after, before + a.delta)
            for d in selected.score.dimensions:
                value = t("not_applicable") if d.value is None else f"{d.value:.0f}"
                extra = ""
                if d.name in final:
                    after, delta = final[d.name]
                    extra = f" → {after:.0f} ({round(delta, 1) + 0.0:+g})"
                lines += lines_of(fonts.body, f"{dimension_name(t, d.name)}: {value}{extra}", inner.width - 8,
                                  indent=fonts.body_size // 2)
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
        from simulator.ui.drawing import dimension_name

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

    from simulator.ui.display import open_display

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

