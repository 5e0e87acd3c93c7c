"""Drawing of call content shared by the trainee window and the seminar screens.

Where :mod:`simulator.ui.widgets` draws generic pieces (panels, bars, text
views), this module draws the *call*: the transcript, mood and patience, the
score bars, the evidence list, the header and the status bar. Every function
draws onto a surface it is given and keeps no state; pygame is imported
lazily. The window's screens and the seminar both import from here (never
from each other).
"""

from __future__ import annotations

from typing import Any

from simulator.ui import theme
from simulator.ui.texts import Texts
from simulator.ui.widgets import Line, bar, header_bar, header_title, lines_of, signal, text, wrap


def reason_text(t: Texts, reason: str) -> str:
    """The interface wording of an outcome reason (the reason itself when there is none)."""
    value = t(f"reason_{reason}")
    return value if value != f"reason_{reason}" else reason


def format_clock(seconds: float) -> str:
    """``m:ss`` for a call timer."""
    seconds = max(0, int(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


def short_reason(message: str) -> str:
    """The part of a backend message worth a status line."""
    message = message.split(";")[0]
    for prefix in ("no microphone found: ", "microphone input needs "):
        if message.startswith(prefix):
            message = message[len(prefix):]
    return message[:80]


def dimension_name(t: Texts, name: str) -> str:
    """The interface label of a rubric dimension (the name itself when there is none)."""
    value = t(f"dim_{name}")
    return value if value != f"dim_{name}" else name


def event_kinds(turn: Any) -> set[str]:
    """The kinds of a turn's events (``line_drop``, ``pushback``, ...)."""
    return {getattr(e, "kind", str(e).partition(":")[0]) for e in turn.events}


def transcript_lines(t: Texts, state, fonts, width: int, owners: dict[int, str] | None = None) -> list[Line]:
    """The transcript as display lines: speaker in bold, text indented, line events noted.

    ``owners``: trainee turn number -> who said it (seminar); else "You (n)".
    """
    out: list[Line] = []
    indent = fonts.body_size
    for turn in state.transcript:
        if turn.speaker == "customer":
            label, colour = t("customer"), theme.CUSTOMER
        else:
            label = owners.get(turn.number, t("you")) if owners else t("you")
            label, colour = f"{label} ({turn.number})", theme.TRAINEE
        out.append(Line(label, colour=colour, bold=True))
        out += lines_of(fonts.body, turn.text, width, colour=colour, indent=indent)
        kinds = event_kinds(turn)
        if "line_drop" in kinds:
            out.append(Line("— " + t("line_drop") + " —", colour=theme.BAD, bold=True, indent=indent))
        elif "line_saved" in kinds:
            out.append(Line("— " + t("line_saved") + " —", colour=theme.FAIR, bold=True, indent=indent))
    return out


def draw_mood(surface, rect, fonts, t: Texts, state, scenario, *, big: bool = False) -> None:
    """Mood (-100..100) and patience bars, each with its number."""
    import pygame

    font = fonts.bold if not big else fonts.title
    step = round(font.get_linesize() * 1.25)
    label_w = max(font.size(t("mood"))[0], font.size(t("patience"))[0]) + fonts.body_size // 2
    number_w = fonts.small.size("+100")[0] + 12
    bar_w = max(20, rect.width - label_w - number_w)
    full = max(1.0, scenario.mood.patience)
    rows = (
        (t("mood"), (state.mood + 100) / 200, f"{state.mood:+.0f}"),
        (t("patience"), state.patience / full, f"{state.patience:.0f}"),
    )
    for i, (label, fraction, number) in enumerate(rows):
        y = rect.top + i * step
        text(surface, font, label, (rect.left, y), theme.TEXT)
        bar(surface, pygame.Rect(rect.left + label_w, y + step // 6, bar_w, step * 3 // 5), fraction, number, fonts)


def draw_scores(surface, rect, fonts, t: Texts, score, error: str, *, labels: dict[str, str] | None = None) -> None:
    """The total and one bar per dimension, each with its number ('n/a' when not applicable).

    ``labels``: dimension -> label (e.g. from the debrief view); else the window's own wording.
    """
    import pygame

    if score is None:
        for i, line in enumerate(wrap(fonts.body, t("score_unavailable", reason=error), rect.width)):
            text(surface, fonts.body, line, (rect.left, rect.top + i * fonts.body.get_linesize()), theme.BAD)
        return

    def label(name: str) -> str:
        return (labels or {}).get(name) or dimension_name(t, name)

    y = rect.top
    text(surface, fonts.large, f"{t('total')}: {score.total:.0f} / 100", (rect.left, y), theme.HEADER)
    y += round(fonts.large.get_linesize() * 1.2)
    names = [d.name for d in score.dimensions]
    label_w = max(fonts.body.size(label(n))[0] for n in names) + fonts.body_size // 2
    number_w = fonts.small.size(t("not_applicable"))[0] + 14
    bar_w = max(20, rect.width - label_w - number_w)
    step = round(fonts.body.get_linesize() * 1.45)
    for d in score.dimensions:
        text(surface, fonts.body, label(d.name), (rect.left, y), theme.TEXT)
        brect = pygame.Rect(rect.left + label_w, y + step // 8, bar_w, step // 2)
        if d.value is None:
            bar(surface, brect, 0.0, t("not_applicable"), fonts)
        else:
            bar(surface, brect, d.value / 100, f"{d.value:.0f}", fonts)
        y += step
        if y > rect.bottom - step:
            break


def debrief_lines(t: Texts, score, error: str, fonts, width: int, *,
                  labels: dict[str, str] | None = None) -> list[Line]:
    """Evidence quotes, what happened and tips, by turn; then each dimension's tip."""
    if score is None:
        return lines_of(fonts.body, t("score_unavailable", reason=error), width, colour=theme.BAD)

    def label(name: str) -> str:
        return (labels or {}).get(name) or dimension_name(t, name)

    out: list[Line] = []
    indent = fonts.body_size
    items = sorted(score.evidence, key=lambda e: (e.turn, e.dimension))
    for e in items:
        head = f"{t('turn', n=e.turn)} · {label(e.dimension)} {e.effect:+.0f}"
        out.append(Line(head, colour=theme.GOOD if e.effect > 0 else theme.BAD if e.effect < 0 else theme.TEXT,
                        bold=True))
        if e.quote:
            out += lines_of(fonts.body, f"“{e.quote}”", width, colour=theme.CUSTOMER, indent=indent)
        if e.note:
            out += lines_of(fonts.body, e.note, width, indent=indent)
        if e.tip:
            out += lines_of(fonts.body, f"{t('tip')}: {e.tip}", width, colour=theme.MUTED, indent=indent)
        out.append(Line(""))
    tips = [(d.name, d.tip) for d in score.dimensions if d.tip]
    if tips:
        out.append(Line(t("tip"), colour=theme.HEADER, bold=True))
        for name, tip in tips:
            out += lines_of(fonts.body, f"{label(name)}: {tip}", width, indent=indent)
    if not out:
        out.append(Line(t("no_evidence"), colour=theme.MUTED))
    return out


def header(surface, fonts, title: str, *, clock: str = "", line: str = "", bars: int | None = None) -> int:
    """The header bar: ``title`` left; right to left the signal ``bars``, the ``line`` kind, the ``clock``.

    Returns the header's height.
    """
    import pygame

    height, pad = header_bar(surface, fonts)
    right = surface.get_width() - pad
    if bars is not None:
        bw = fonts.body_size * 2
        signal(surface, pygame.Rect(right - bw, height // 4, bw, height // 2), bars)
        right -= bw + pad // 2
    if line:
        r = text(surface, fonts.body, line, (right, (height - fonts.body.get_linesize()) // 2), theme.HEADER_TEXT,
                 right=True)
        right = r.left - pad * 2
    if clock:
        r = text(surface, fonts.title, clock, (right, (height - fonts.title.get_linesize()) // 2), theme.HEADER_TEXT,
                 right=True)
        right = r.left - pad
    header_title(surface, fonts, title, height, right)
    return height


def status_bar(surface, fonts, message: str, *, alert: bool = False) -> int:
    """The one-line bar at the bottom (red while ``alert``, e.g. listening); returns its top."""
    import pygame

    w, h = surface.get_size()
    height = round(fonts.small.get_linesize() * 1.5)
    top = h - height
    pygame.draw.rect(surface, theme.LISTENING if alert else theme.STATUS, (0, top, w, height))
    font = fonts.small
    while message and font.size(message)[0] > w - 2 * fonts.body_size:
        message = message[:-2] + "…"
    text(surface, font, message, (fonts.body_size, top + (height - font.get_linesize()) // 2), theme.STATUS_TEXT)
    return top


def persona_lines(t: Texts, scenario, lang: str, fonts, width: int) -> list[Line]:
    """The persona card: name, role and company, what the agent knows, traits, technical level, urgency."""
    p, s = scenario.persona, scenario.situation
    out = lines_of(fonts.bold, p.name.get(lang), width, bold=True)
    out += lines_of(fonts.body, ", ".join(x for x in (p.role.get(lang), p.company.get(lang)) if x), width,
                    colour=theme.MUTED)
    out.append(Line(""))
    out += lines_of(fonts.bold, t("what_you_know"), width, bold=True, colour=theme.HEADER)
    out += lines_of(fonts.body, s.briefing.get(lang) or s.technical.get(lang), width)
    traits = ", ".join(p.traits.all(lang))
    if traits:
        out.append(Line(""))
        out += lines_of(fonts.body, f"{t('traits')}: {traits}", width, colour=theme.MUTED)
    out += lines_of(fonts.body, f"{t('tech_level')}: {t('tech_' + p.tech_level)}  ·  "
                    f"{t('urgency')}: {t('urgency_' + s.urgency)}", width, colour=theme.MUTED)
    return out


# -- wrapping helpers (the seminar's projector; additive, the trainee window does not use them yet) ----------------
def wrapped_header(surface, fonts, title: str, *, clock: str = "", max_lines: int = 3) -> int:
    """A header bar as tall as ``title`` needs: the title wraps (up to ``max_lines`` lines) instead of being cut.

    ``clock`` is drawn right, vertically centred. Returns the header's height.
    """
    import pygame

    w = surface.get_width()
    pad = fonts.body_size
    clock_w = fonts.title.size(clock)[0] + pad if clock else 0
    lines = list(wrap(fonts.title, title, w - 2 * pad - clock_w)) or [""]
    if len(lines) > max_lines:  # only a title longer than three screen lines is shortened
        lines = lines[:max_lines]
        while lines[-1] and fonts.title.size(lines[-1] + "…")[0] > w - 2 * pad - clock_w:
            lines[-1] = lines[-1][:-1]
        lines[-1] += "…"
    step = fonts.title.get_linesize()
    height = step * len(lines) + round(step * 0.6)
    pygame.draw.rect(surface, theme.HEADER, (0, 0, w, height))
    y = (height - step * len(lines)) // 2
    for i, line in enumerate(lines):
        text(surface, fonts.title, line, (pad, y + i * step), theme.HEADER_TEXT)
    if clock:
        text(surface, fonts.title, clock, (w - pad, (height - step) // 2), theme.HEADER_TEXT, right=True)
    return height


def label_lines(font, label: str, value: str, width: int, **style) -> list[Line]:
    """'label · value' wrapped to ``width``: a long label takes more lines instead of running into its value."""
    return lines_of(font, f"{label}  ·  {value}" if value else label, width, **style)


def checklist_lines(t: Texts, scenario, state, lang: str, fonts, width: int) -> list[Line]:
    """The scenario's checklist as wrapped lines: '✓' for a step the engine recognised, '○' for one still open."""
    done = set(getattr(state, "steps_done", ()) or ())
    out: list[Line] = []
    indent = fonts.body.size("✓ ")[0]
    for step in scenario.steps:
        title = step.title.get(lang) + (" *" if step.essential else "")
        ok = step.id in done
        parts = wrap(fonts.body, title, width - indent)
        for i, part in enumerate(parts):
            mark = ("✓ " if ok else "○ ") if i == 0 else ""
            out.append(Line(mark + part, colour=theme.GOOD if ok else theme.TEXT, indent=0 if i == 0 else indent))
    return out


def overlay(surface, fonts, title: str, subtitle: str = "") -> None:
    """A full-screen overlay: the screen darkened, ``title`` huge in the middle, ``subtitle`` wrapped under it."""
    import pygame

    w, h = surface.get_size()
    shade = pygame.Surface((w, h), pygame.SRCALPHA)
    shade.fill((*theme.HEADER, 245))
    surface.blit(shade, (0, 0))
    big = fonts.get(max(fonts.body_size * 4, 24), bold=True)
    while big.size(title)[0] > w * 0.9 and big.get_height() > fonts.body_size:
        big = fonts.get(round(big.get_height() * 0.8), bold=True)
    th = big.get_linesize()
    sub = list(wrap(fonts.title, subtitle, round(w * 0.8))) if subtitle else []
    total = th + len(sub) * fonts.title.get_linesize()
    y = (h - total) // 2
    r = big.render(title, True, theme.HEADER_TEXT)
    surface.blit(r, ((w - r.get_width()) // 2, y))
    y += th
    for line in sub:
        r = fonts.title.render(line, True, theme.HEADER_TEXT)
        surface.blit(r, ((w - r.get_width()) // 2, y))
        y += fonts.title.get_linesize()


def draw_lines(surface, rect, lines: list[Line], font, bold_font=None) -> int:
    """``lines`` in ``font`` (``bold_font`` for bold ones) from the top of ``rect``, clipped; returns how many fitted."""
    import pygame

    step = font.get_linesize()
    clip = surface.get_clip()
    surface.set_clip(rect)
    shown = 0
    for i, line in enumerate(lines):
        y = rect.top + i * step
        if y + step > rect.bottom + step // 4:
            break
        if line.fill is not None:
            pygame.draw.rect(surface, line.fill, (rect.left, y, rect.width, step))
        f = bold_font if line.bold and bold_font is not None else font
        surface.blit(f.render(line.text, True, line.colour), (rect.left + line.indent, y))
        shown += 1
    surface.set_clip(clip)
    return shown


def weighted_rows(font, rows, width: int) -> list[tuple[Line, str]]:
    """(label, value, colour) rows as wrapped lines with the value beside the first line, right-aligned.

    A long label wraps within ``width`` minus the widest value instead of running into it.
    """
    value_w = max((font.size(v)[0] for _, v, _ in rows), default=0) + font.size("  ")[0]
    out: list[tuple[Line, str]] = []
    for label, value, colour in rows:
        for i, part in enumerate(wrap(font, label, width - value_w)):
            out.append((Line(part, colour=colour, indent=0 if i == 0 else font.size("  ")[0]), value if i == 0 else ""))
    return out
