"""The seminar summary for the participants: one :class:`SummaryView`, written as HTML (jinja2) or PDF (reportlab).

``write_summary(path, seminar, lang=)`` builds the view from a
:class:`~simulator.dialogue.seminar.Seminar` and writes it by suffix:
``.html``/``.htm`` -> one self-contained page (inline CSS, autoescaped, like
:mod:`simulator.reports.debrief`); ``.pdf`` -> a typeset page with
reportlab, the renderer the progress reports use
(:mod:`simulator.reports.progress_pdf`, whose DejaVu fonts it shares). Any
other suffix, or a file that cannot be written, is a
:class:`~simulator.errors.UsageError`. Both renderers only format the view.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from simulator.errors import UsageError

HTML_SUFFIXES = (".html", ".htm")
PDF_SUFFIXES = (".pdf",)


@dataclass(frozen=True, slots=True)
class SummaryDimension:
    """One rubric dimension of a trainee's counted attempt."""

    label: str
    """The dimension's name in the summary's language."""
    value: str
    """The automatic value ('–' when the scenario does not score it)."""
    adjusted: str
    """'→ 100 (+5)' when the instructor adjusted it, else ''."""
    weight: float
    """The scenario's weight of the dimension."""


@dataclass(frozen=True, slots=True)
class SummaryAttempt:
    """One attempt a trainee spoke in."""

    label: str
    """'attempt 2 (counted)'."""
    total: str
    """The automatic total of their turns in it ('–' unscored)."""
    turns: str
    """Their turn numbers in it, '1, 2'."""
    outcome: str
    """How that attempt's call ended, in words."""


@dataclass(frozen=True, slots=True)
class SummaryRow:
    """One trainee in the summary, in ranking order."""

    rank: int
    """1-based place."""
    trainee: str
    """Name."""
    automatic: str
    """Automatic total of the counted attempt ('–' without turns)."""
    adjusted: str
    """Total after the instructor's adjustments."""
    taken: int
    """Lines said in the whole seminar."""
    attempts: tuple[SummaryAttempt, ...]
    """Every attempt they spoke in, oldest first."""
    dimensions: tuple[SummaryDimension, ...]
    """The counted attempt's dimensions."""
    adjustments: tuple[str, ...]
    """Each adjustment as applied, with its reason."""
    marks: tuple[str, ...]
    """Marks and notes about them: 'turn 3: rude'."""


@dataclass(frozen=True, slots=True)
class SummaryView:
    """Everything the summary shows, worded in one language; HTML and PDF only format it."""

    lang: str
    """Language of the words."""
    title: str
    """'Seminar: The printer that was plugged in'."""
    intro: str
    """Trainees, mode and date."""
    counting: str
    """How attempts count in the ranking."""
    words: dict[str, str]
    """Column heads and labels."""
    rows: tuple[SummaryRow, ...]
    """The trainees in ranking order."""
    footer: str
    """Where the page comes from."""


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


def build(seminar: Any, lang: str, *, today: dt.date | None = None) -> SummaryView:
    """The summary of ``seminar`` (its ranking, attempts, dimensions, adjustments, marks) in ``lang``."""
    from simulator.strings import strings

    s = strings(lang)
    rows = []
    for row in seminar.ranking():
        attempts = tuple(SummaryAttempt(
            s.t("attempt_counted" if r.counted and len(row.attempts) > 1 else "attempt", n=r.attempt),
            _num(None if r.score is None else r.score.total), ", ".join(map(str, r.turns)),
            s.t(r.outcome_key)) for r in row.attempts)
        final: dict[str, tuple[float, float]] = {}
        for a in row.applied:
            if a.after is not None:
                final[a.adjustment.dimension] = (a.after, final.get(a.adjustment.dimension, (0.0, 0.0))[1] + a.delta)
        dims = ()
        if row.score is not None:
            dims = tuple(SummaryDimension(
                s.dimension(d.name), _num(d.value),
                f"→ {final[d.name][0]:.0f} ({round(final[d.name][1], 1) + 0.0:+g})" if d.name in final else "",
                d.weight) for d in row.score.dimensions)
        adjustments = tuple(f"{a.shown(s.dimension(a.adjustment.dimension))}: {a.adjustment.reason}"
                            for a in row.applied)
        marks = tuple(f"{s.t('turn', n=m.turn)}"
                      + (f", {s.t('attempt', n=m.attempt)}" if len(seminar.attempts) > 1 else "")
                      + f": {m.note or '⚑ ' + s.t('mark')}" for m in row.marks)
        rows.append(SummaryRow(row.rank, row.trainee, _num(row.automatic), _num(row.adjusted), row.taken, attempts,
                               dims, adjustments, marks))
    words = {k: s.t(k) for k in ("ranking", "rank", "trainee", "automatic", "adjusted", "turns_header", "marks",
                                 "adjustments", "dimensions", "weight", "no_turns")}
    words["lines_said"] = s.t("lines_said", n="").rstrip(": ").strip()
    title = seminar.scenario.title.get(lang)
    return SummaryView(
        lang=s.lang, title=s.t("summary_title", title=title),
        intro=s.t("summary_intro", trainees=", ".join(seminar.trainees), mode=seminar.mode,
                  date=(today or dt.date.today()).isoformat()),
        counting=s.t("summary_counted"), words=words, rows=tuple(rows), footer=s.t("summary_generated"))


def render_html(view: SummaryView) -> str:
    """The summary as one HTML page."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("simulator.reports", "templates"),
        autoescape=True, keep_trailing_newline=True, undefined=jinja2.StrictUndefined,
    )
    return env.get_template("seminar_summary.html.j2").render(view=view, w=view.words)


def render_pdf(view: SummaryView, out: Any) -> None:
    """Write the summary as a PDF to ``out`` (a path or a binary file)."""
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

    from simulator.reports.progress_pdf import _fonts

    font, bold = _fonts()
    body = ParagraphStyle("body", fontName=font, fontSize=9.5, leading=12.5)
    note = ParagraphStyle("note", parent=body, fontSize=8.5, leading=11, textColor=colors.HexColor("#555555"))
    h1 = ParagraphStyle("h1", parent=body, fontName=bold, fontSize=17, leading=22, spaceAfter=6)
    h2 = ParagraphStyle("h2", parent=body, fontName=bold, fontSize=12, leading=15, spaceBefore=10, spaceAfter=3)
    head = ParagraphStyle("head", parent=body, fontName=bold)

    def p(value: Any, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(escape(str(value)), style)

    def table(data: list[list[Any]], widths: list[float]) -> Any:
        t = LongTable(data, colWidths=widths, repeatRows=1)
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.HexColor("#888888")),
                               ("LINEBELOW", (0, 1), (-1, -1), 0.3, colors.HexColor("#dddddd"))]))
        return t

    width = A4[0] - 30 * mm
    w = view.words
    story: list[Any] = [p(view.title, h1), p(view.intro, note), p(view.counting, note), Spacer(1, 4 * mm),
                        p(w["ranking"], h2)]
    story.append(table([[p(x, head) for x in (w["rank"], w["trainee"], w["automatic"], w["adjusted"], w["lines_said"])]]
                       + [[p(r.rank), p(r.trainee), p(r.automatic), p(r.adjusted), p(r.taken)] for r in view.rows],
                       [width * f for f in (0.08, 0.38, 0.18, 0.18, 0.18)]))
    for r in view.rows:
        block: list[Any] = [p(f"{r.rank}. {r.trainee}", h2)]
        block += [p(f"{a.label}: {a.total} · {w['turns_header']} {a.turns or '–'} · {a.outcome}", note)
                  for a in r.attempts] or [p(w["no_turns"], note)]
        if r.dimensions:
            block.append(table([[p(w["dimensions"], head), p(w["weight"], head), p(w["automatic"], head),
                                 p(w["adjusted"], head)]]
                               + [[p(d.label), p(f"{d.weight:g}"), p(d.value), p(d.adjusted)] for d in r.dimensions],
                               [width * f for f in (0.46, 0.14, 0.16, 0.24)]))
        if r.adjustments:
            block += [p(w["adjustments"], head)] + [p(a) for a in r.adjustments]
        if r.marks:
            block += [p(w["marks"], head)] + [p(m) for m in r.marks]
        story.append(KeepTogether(block))
    story += [Spacer(1, 6 * mm), p(view.footer, note)]
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm,
                            bottomMargin=15 * mm, title=view.title)
    doc.build(story)


def write_summary(path: Any, seminar: Any, *, lang: str) -> Path:
    """Write the summary of ``seminar`` to ``path`` (.html/.htm or .pdf); returns the path."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in HTML_SUFFIXES + PDF_SUFFIXES:
        raise UsageError(f"cannot write a seminar summary as '{suffix or target.name}': use a .html or .pdf file")
    view = build(seminar, lang)
    try:
        if suffix in HTML_SUFFIXES:
            target.write_text(render_html(view), encoding="utf-8")
        else:
            try:
                import reportlab  # noqa: F401
            except ImportError:
                raise UsageError("a PDF summary needs reportlab: pip install 'simulator[store]', "
                                 "or write .html") from None
            render_pdf(view, str(target))
    except OSError as exc:
        raise UsageError(f"cannot write {target}: {exc.strerror or exc}") from None
    return target
