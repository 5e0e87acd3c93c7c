"""Opening the pygame display, shared by the trainee window and the seminar projector screen."""

from __future__ import annotations

import os

from simulator.errors import BackendError


def open_display(title: str, size: tuple[int, int] = (1366, 768)):
    """Initialise pygame and open a resizable window; BackendError when there is no display."""
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
    if os.environ.get("SDL_VIDEODRIVER") == "dummy":
        return False
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return False
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    try:
        import pygame

        pygame.display.init()
        return pygame.display.get_num_displays() > 0
    except Exception:
        return False
