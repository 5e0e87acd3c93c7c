"""Drawing pieces shared by the trainee window and the seminar screen.

Every function draws onto a pygame surface it is given; nothing here keeps
state between frames except :class:`TextField` (pure, no pygame) and the
word-wrap cache. Imported only on the window path (it needs pygame surfaces,
but imports pygame lazily itself).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from simulator.ui import theme

_WRAP_CACHE: dict[tuple[int, int, str, int], tuple[str, ...]] = {}


def wrap(font, text: str, width: int) -> tuple[str, ...]:
    """``text`` broken into lines no wider than ``width`` pixels (long words are split)."""
    key = (id(font), font.get_height(), text, width)
    hit = _WRAP_CACHE.get(key)
    if hit is not None:
        return hit
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split(" "):
            candidate = f"{current} {word}" if current else word
            if font.size(candidate)[0] <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            while font.size(word)[0] > width and len(word) > 1:
                cut = len(word)
                while cut > 1 and font.size(word[:cut])[0] > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            current = word
        lines.append(current)
    result = tuple(lines)
    if len(_WRAP_CACHE) > 4000:
        _WRAP_CACHE.clear()
    _WRAP_CACHE[key] = result
    return result


def text(surface, font, value: str, pos: tuple[int, int], colour=theme.TEXT, *, right: bool = False,
         centre: bool = False):
    """Draw one line of text; returns its rect. ``pos`` is the top-left (top-right / top-centre)."""
    image = font.render(value, True, colour)
    rect = image.get_rect()
    if right:
        rect.topright = pos
    elif centre:
        rect.midtop = pos
    else:
        rect.topleft = pos
    surface.blit(image, rect)
    return rect


def shorten(font, value: str, width: int) -> str:
    """``value`` cut to ``width`` pixels, ending in … when it had to be cut."""
    if font.size(value)[0] <= width:
        return value
    while value and font.size(value + "…")[0] > width:
        value = value[:-1]
    return value.rstrip() + "…"


def header_bar(surface, fonts: theme.Fonts) -> tuple[int, int]:
    """The coloured bar at the top of every screen; returns (its height, its padding)."""
    import pygame

    height = round(fonts.title.get_linesize() * 1.6)
    pygame.draw.rect(surface, theme.HEADER, (0, 0, surface.get_width(), height))
    return height, fonts.body_size


def header_title(surface, fonts: theme.Fonts, title: str, height: int, right: int) -> None:
    """The screen's title, left in the header bar, shortened with … so it ends before ``right``."""
    pad = fonts.body_size
    while title and fonts.title.size(title)[0] > right - 2 * pad:
        title = title[:-2] + "…" if len(title) > 2 else ""
    text(surface, fonts.title, title, (pad, (height - fonts.title.get_linesize()) // 2), theme.HEADER_TEXT)


def panel(surface, rect, title: str, fonts: theme.Fonts, *, focused: bool = False, hint: str = ""):
    """A white panel with a title line; returns the inner rect below the title."""
    import pygame

    pygame.draw.rect(surface, theme.PANEL, rect, border_radius=6)
    border = theme.FOCUS if focused else theme.PANEL_BORDER
    pygame.draw.rect(surface, border, rect, width=3 if focused else 1, border_radius=6)
    pad = max(6, fonts.body_size // 2)
    y = rect.top + pad // 2
    if title:
        room = rect.width - 2 * pad - (fonts.small.size(hint)[0] + pad if hint else 0)
        text(surface, fonts.bold, shorten(fonts.bold, title, room), (rect.left + pad, y), theme.HEADER)
        if hint:
            text(surface, fonts.small, hint, (rect.right - pad, y + 2), theme.MUTED, right=True)
        y += fonts.bold.get_linesize() + pad // 3
    return pygame.Rect(rect.left + pad, y, rect.width - 2 * pad, rect.bottom - y - pad // 2)


def bar(surface, rect, fraction: float, label: str, fonts: theme.Fonts, colour=None) -> None:
    """A horizontal level bar with its number/label drawn beside it (never colour alone)."""
    import pygame

    fraction = max(0.0, min(1.0, fraction))
    pygame.draw.rect(surface, theme.BAR_BACK, rect, border_radius=3)
    filled = rect.copy()
    filled.width = round(rect.width * fraction)
    if filled.width:
        pygame.draw.rect(surface, colour or theme.level_colour(fraction), filled, border_radius=3)
    pygame.draw.rect(surface, theme.PANEL_BORDER, rect, width=1, border_radius=3)
    if label:
        image = fonts.small.render(label, True, theme.TEXT)
        surface.blit(image, image.get_rect(midleft=(rect.right + 8, rect.centery)))


def signal(surface, rect, bars: int, max_bars: int = 4, colour=theme.HEADER_TEXT) -> None:
    """Mobile-phone style signal bars: ``bars`` of ``max_bars`` filled, the rest outlined."""
    import pygame

    gap = max(2, rect.width // (max_bars * 4))
    width = (rect.width - gap * (max_bars - 1)) // max_bars
    for i in range(max_bars):
        h = round(rect.height * (i + 1) / max_bars)
        r = pygame.Rect(rect.left + i * (width + gap), rect.bottom - h, width, h)
        if i < bars:
            pygame.draw.rect(surface, colour, r)
        else:
            pygame.draw.rect(surface, colour, r, width=1)


@dataclass(frozen=True, slots=True)
class Line:
    """One display line of a scrolling text view."""

    text: str
    """The text (already wrapped)."""
    colour: tuple[int, int, int] = theme.TEXT
    """Its colour."""
    bold: bool = False
    """Bold font."""
    indent: int = 0
    """Left indent in pixels."""
    fill: tuple[int, int, int] | None = None
    """Background highlight, or None."""


def lines_of(font, value: str, width: int, **style) -> list[Line]:
    """``value`` wrapped to ``width`` as display lines with one style."""
    indent = style.get("indent", 0)
    return [Line(part, **style) for part in wrap(font, value, width - indent)]


def scroll_view(surface, rect, lines: list[Line], fonts: theme.Fonts, offset: int) -> int:
    """Draw ``lines`` from line ``offset`` into ``rect``; returns the greatest useful offset.

    An offset beyond the end is clamped, so "scroll to bottom" is any large number.
    """
    import pygame

    step = fonts.body.get_linesize()
    visible = max(1, rect.height // step)
    max_offset = max(0, len(lines) - visible)
    offset = max(0, min(offset, max_offset))
    clip = surface.get_clip()
    surface.set_clip(rect)
    y = rect.top
    for line in lines[offset:offset + visible]:
        if line.fill is not None:
            pygame.draw.rect(surface, line.fill, (rect.left, y, rect.width, step))
        font = fonts.bold if line.bold else fonts.body
        surface.blit(font.render(line.text, True, line.colour), (rect.left + line.indent, y))
        y += step
    surface.set_clip(clip)
    if max_offset:
        # a thin scrollbar so the trainee sees there is more
        track = pygame.Rect(rect.right + 2, rect.top, 4, rect.height)
        pygame.draw.rect(surface, theme.BAR_BACK, track)
        thumb_h = max(12, round(rect.height * visible / len(lines)))
        thumb_y = rect.top + round((rect.height - thumb_h) * offset / max_offset)
        pygame.draw.rect(surface, theme.MUTED, (track.left, thumb_y, 4, thumb_h))
    return max_offset


@dataclass(slots=True)
class TextField:
    """A one-line text entry with a cursor (pure state; the window feeds it key events)."""

    text: str = ""
    """What has been typed so far."""
    limit: int = 2000
    """Longest text accepted."""
    history: list[str] = field(default_factory=list)
    """Lines sent, for Up-arrow recall."""
    cursor: int | None = None
    """Insertion point (characters before it); None = at the end, wherever that is."""

    @property
    def position(self) -> int:
        """The insertion point, clamped to the text."""
        return len(self.text) if self.cursor is None else max(0, min(self.cursor, len(self.text)))

    def _place(self, position: int) -> None:
        position = max(0, min(position, len(self.text)))
        self.cursor = None if position == len(self.text) else position

    def insert(self, value: str) -> None:
        value = value.replace("\n", " ").replace("\r", " ")
        at = self.position
        room = max(0, self.limit - len(self.text))
        value = value[:room]
        self.text = self.text[:at] + value + self.text[at:]
        self._place(at + len(value))

    def backspace(self, word: bool = False) -> None:
        """Delete the character (``word``: the word) before the cursor."""
        at = self.position
        start = self.word_start(at) if word else max(0, at - 1)
        self.text = self.text[:start] + self.text[at:]
        self._place(start)

    def delete(self) -> None:
        """Delete the character after the cursor."""
        at = self.position
        self.text = self.text[:at] + self.text[at + 1:]
        self._place(at)

    def word_start(self, at: int) -> int:
        """Where the word before ``at`` begins (spaces before ``at`` are skipped first)."""
        while at > 0 and self.text[at - 1] == " ":
            at -= 1
        while at > 0 and self.text[at - 1] != " ":
            at -= 1
        return at

    def word_end(self, at: int) -> int:
        """Where the word after ``at`` ends (spaces after ``at`` are skipped first)."""
        n = len(self.text)
        while at < n and self.text[at] == " ":
            at += 1
        while at < n and self.text[at] != " ":
            at += 1
        return at

    def left(self, word: bool = False) -> None:
        self._place(self.word_start(self.position) if word else self.position - 1)

    def right(self, word: bool = False) -> None:
        self._place(self.word_end(self.position) if word else self.position + 1)

    def home(self) -> None:
        self._place(0)

    def end(self) -> None:
        self.cursor = None

    def clear(self) -> None:
        self.text, self.cursor = "", None

    def recall(self) -> None:
        """The last line sent, cursor at its end (↑ in an empty box)."""
        if self.history:
            self.text, self.cursor = self.history[-1], None

    def take(self) -> str:
        """The typed line (stripped), emptying the field."""
        value = self.text.strip()
        self.clear()
        if value:
            self.history.append(value)
        return value
