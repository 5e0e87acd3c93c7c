"""Colours, the bundled font and text sizes of the window and seminar screens.

pygame is imported only inside :class:`Fonts`, which the window creates after
``pygame.init()``. Colours are chosen for contrast on laptops and projectors
(dark text on light panels); meaning is never carried by colour alone
(bars have numbers, ticks have symbols).
"""

from __future__ import annotations

from pathlib import Path

FONT_DIR = Path(__file__).with_name("data") / "fonts"
"""DejaVu Sans (Bitstream Vera licence, see LICENSE-DejaVu.txt there)."""
FONT_REGULAR = FONT_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"

BACKGROUND = (236, 239, 243)
PANEL = (255, 255, 255)
PANEL_BORDER = (176, 184, 196)
FOCUS = (32, 96, 200)
TEXT = (22, 26, 33)
MUTED = (92, 100, 112)
CUSTOMER = (16, 84, 150)
TRAINEE = (22, 26, 33)
HEADER = (34, 45, 66)
HEADER_TEXT = (255, 255, 255)
GOOD = (34, 139, 34)
FAIR = (214, 150, 0)
BAD = (200, 40, 40)
BAR_BACK = (222, 226, 232)
INPUT = (250, 250, 252)
LISTENING = (200, 40, 40)
STATUS = (52, 60, 76)
STATUS_TEXT = (240, 242, 246)
HIGHLIGHT = (255, 244, 200)


def level_colour(fraction: float) -> tuple[int, int, int]:
    """Red / amber / green for a 0..1 level (always drawn together with a number or label)."""
    if fraction < 0.35:
        return BAD
    if fraction < 0.6:
        return FAIR
    return GOOD


def base_size(height: int, scale: float = 1.0) -> int:
    """Body text size in pixels for a window ``height`` pixels tall (19 px at 768, 27 px at 1080)."""
    return max(12, round(height / 40 * scale))


class Fonts:
    """The bundled font at the sizes of one layout; cached per size."""

    def __init__(self, body: int) -> None:
        import pygame

        self._pygame = pygame
        self.body_size = body
        self._cache: dict[tuple[int, bool], object] = {}
        self.body = self.get(body)
        self.bold = self.get(body, bold=True)
        self.small = self.get(max(10, round(body * 0.8)))
        self.title = self.get(round(body * 1.35), bold=True)
        self.large = self.get(round(body * 1.8), bold=True)

    def get(self, size: int, bold: bool = False):
        key = (size, bold)
        font = self._cache.get(key)
        if font is None:
            path = FONT_BOLD if bold else FONT_REGULAR
            font = self._pygame.font.Font(str(path) if path.exists() else None, size)
            self._cache[key] = font
        return font
