"""A small pygame app: one loop owns the screen and hands events, time and drawing to the current view.

::

    app = App(StartScreen(...))
    run(app, surface, fps=30)     # until app.quit

Each screen is a view with ``handle_event(event)``, ``update()`` and
``draw(surface)``; :meth:`App.show` switches views. What every screen shares
lives on the app: the text size (Ctrl +, Ctrl −, Ctrl 0, also on the keypad;
the key that resized never reaches a text box as "+", "=" or "-"), the fonts
per size, the frame counter and the quit flag. Tests drive an app without a
loop: ``app.handle_event(e)``, ``app.update()``, ``app.draw(surface)``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol

from simulator.ui import theme

SCALE_STEP = 0.1
"""Text size change per Ctrl + / Ctrl −."""
SCALE_RANGE = (0.6, 2.5)
"""Smallest and largest text size factor."""


class View(Protocol):
    """One screen of an app."""

    def handle_event(self, event) -> None:
        """One pygame event (already past the app's own keys)."""

    def update(self) -> None:
        """Once per frame, before drawing: timers, queues."""

    def draw(self, surface) -> None:
        """Render onto ``surface`` (already cleared to the background colour)."""


class App:
    """The loop's state: the current view and what all views share."""

    def __init__(self, view: View | None = None, *, scale: float = 1.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.view: View | None = view
        """The screen shown now."""
        self.clock = clock
        """Seconds, for timers and status messages (tests pass a fake)."""
        self.default_scale = scale
        """Text size factor Ctrl 0 returns to."""
        self.font_scale = scale
        """Text size factor (Ctrl + / Ctrl −)."""
        self.quit = False
        """The loop should stop after this frame."""
        self.frames = 0
        """Frames drawn."""
        self._fonts: dict[int, theme.Fonts] = {}
        self._swallow = False  # the TEXTINPUT of a resize key must not be typed

    def show(self, view: View) -> None:
        """Switch to ``view`` (drawn from the next frame on)."""
        self.view = view

    def fonts(self, height: int) -> theme.Fonts:
        """The fonts for a surface ``height`` pixels tall at the current text size."""
        size = theme.base_size(height, self.font_scale)
        if size not in self._fonts:
            self._fonts[size] = theme.Fonts(size)
        return self._fonts[size]

    # -- the frame ----------------------------------------------------------------
    def handle_event(self, event) -> None:
        """The app's own keys (window close, text size), everything else to the view."""
        import pygame

        if event.type == pygame.QUIT:
            self.on_quit()
            self.quit = True
            return
        if event.type == pygame.KEYDOWN:
            self._swallow = False
            if self._resize_key(event):
                self._swallow = True
                return
        elif event.type == pygame.TEXTINPUT and self._swallow:
            self._swallow = False
            if event.text in ("+", "=", "-", "0"):
                return
        if self.view is not None:
            self.view.handle_event(event)

    def update(self) -> None:
        """Once per frame, before drawing."""
        if self.view is not None:
            self.view.update()

    def draw(self, surface) -> None:
        """Clear ``surface`` and let the view draw."""
        surface.fill(theme.BACKGROUND)
        if self.view is not None:
            self.view.draw(surface)
        self.frames += 1

    def on_quit(self) -> None:
        """The window is being closed (override to save what is open)."""

    def close(self) -> None:
        """Release what the app holds (threads, devices); called once when the loop ends."""

    def _resize_key(self, event) -> bool:
        import pygame

        if not event.mod & pygame.KMOD_CTRL:
            return False
        low, high = SCALE_RANGE
        if event.key in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
            self.font_scale = min(high, round(self.font_scale + SCALE_STEP, 2))
        elif event.key in (pygame.K_MINUS, pygame.K_KP_MINUS):
            self.font_scale = max(low, round(self.font_scale - SCALE_STEP, 2))
        elif event.key in (pygame.K_0, pygame.K_KP_0):
            self.font_scale = self.default_scale
        else:
            return False
        return True


def run(app: App, surface=None, *, fps: int = 30, on_frame: Callable[[App], None] | None = None) -> App:
    """The frame loop: events, update, draw, flip, until ``app.quit``; ``app.close()`` at the end.

    ``surface``: the display surface (default: the current one). ``on_frame(app)``
    after every flip is for benchmarks and tests. Ctrl-C in the terminal is
    passed on after ``app.on_quit()`` (the open call is saved first).
    """
    import pygame

    surface = surface if surface is not None else pygame.display.get_surface()
    timer = pygame.time.Clock()
    try:
        while not app.quit:
            for event in pygame.event.get():
                if event.type == pygame.VIDEORESIZE and not getattr(pygame, "IS_CE", False):
                    surface = pygame.display.get_surface()
                app.handle_event(event)
            app.update()
            app.draw(surface)
            pygame.display.flip()
            if on_frame is not None:
                on_frame(app)
            timer.tick(fps)
    except KeyboardInterrupt:
        app.on_quit()
        raise
    finally:
        app.close()
    return app
