"""The start screen: who is calling, what the agent knows before picking up, the keys; Enter takes the call."""

from __future__ import annotations

from typing import Any

from simulator.ui import theme
from simulator.ui.drawing import header, status_bar
from simulator.ui.screens.card import caller_name, card_lines
from simulator.ui.widgets import Line, lines_of, panel, scroll_view, text


class StartScreen:
    """The incoming call, before it is taken (nothing is started, scored or stored yet)."""

    name = "start"

    def __init__(self, app: Any) -> None:
        self.app = app
        """The TraineeApp."""

    def handle_event(self, event) -> None:
        import pygame

        if event.type != pygame.KEYDOWN:
            return
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            self.app.take_call()
        elif event.key == pygame.K_ESCAPE:
            self.app.quit = True

    def update(self) -> None:
        return None

    def draw(self, surface) -> None:
        import pygame

        app, t, sc, lang = self.app, self.app.t, self.app.scenario, self.app.lang
        w, h = surface.get_size()
        fonts = app.fonts(h)
        top = header(surface, fonts, f"{t('incoming')}: {sc.title.get(lang)}")
        bottom = status_bar(surface, fonts, app.status_message(t("take_call")), alert=app.voice_state == "listening")
        pad = fonts.body_size
        card_w = min(w - 2 * pad, fonts.body_size * 44)
        width = card_w - 2 * max(6, fonts.body_size // 2)
        lines = card_lines(t, sc, lang, fonts, width, name=False)
        lines.append(Line(""))
        lines += lines_of(fonts.bold, t("keys_title"), width, bold=True, colour=theme.HEADER)
        lines += lines_of(fonts.body, t("keys_call"), width, colour=theme.MUTED)
        lines.append(Line(""))
        lines += lines_of(fonts.bold, t("ring"), width, bold=True, colour=theme.FOCUS)
        lines += lines_of(fonts.body, t("take_call"), width, colour=theme.FOCUS)
        wanted = ((len(lines) + 1) * fonts.body.get_linesize() + fonts.large.get_linesize()
                  + fonts.bold.get_linesize() + 2 * pad)
        room = bottom - top - 2 * pad
        height = min(room, wanted)
        card = pygame.Rect((w - card_w) // 2, top + pad + (room - height) // 3, card_w, height)
        inner = panel(surface, card, t("caller"), fonts)
        y = inner.top
        text(surface, fonts.large, caller_name(t, sc, lang), (inner.left, y), theme.CUSTOMER)
        y += fonts.large.get_linesize()
        scroll_view(surface, pygame.Rect(inner.left, y, inner.width, inner.bottom - y), lines, fonts, 0)
