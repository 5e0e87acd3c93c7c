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
