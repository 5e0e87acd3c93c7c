"""The typeset PDF of a progress report (reportlab Platypus): title page, the same sections as the HTML, page numbers.

reportlab is a pure-Python wheel from PyPI (no system libraries, unlike
WeasyPrint's Pango/Cairo), lays out tables that wrap their cells, split
across pages and repeat their header row, and embeds the plots as PNGs.
Text is set in DejaVu Sans, which matplotlib ships, so German and English
quotation marks and umlauts print on any machine.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from simulator.reports.progress_model import Report, Section

FONT, BOLD = "DejaVuSans", "DejaVuSans-Bold"
"""Font names registered with reportlab."""


def _fonts() -> tuple[str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT in pdfmetrics.getRegisteredFontNames():
        return FONT, BOLD
    try:
        import matplotlib

        folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
        pdfmetrics.registerFont(TTFont(FONT, str(folder / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont(BOLD, str(folder / "DejaVuSans-Bold.ttf")))
        return FONT, BOLD
    except Exception:  # no DejaVu: the PDF standard fonts still cover German and English
        return "Helvetica", "Helvetica-Bold"


def render_pdf(report: Report, parts: list[Section], images: dict[str, bytes], privacy: str, out: Any) -> None:
    """Write the PDF to ``out`` (a path or a binary file)."""
    import io

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        Image, KeepTogether, LongTable, PageBreak, Paragraph, SimpleDocTemplate, Spacer, TableStyle,
    )

    font, bold = _fonts()
    body = ParagraphStyle("body", fontName=font, fontSize=9, leading=12)
    small = ParagraphStyle("small", parent=body, fontSize=7, leading=8.6)
    note = ParagraphStyle("note", parent=body, fontSize=8, leading=10.5, textColor=colors.HexColor("#555555"))
    h1 = ParagraphStyle("h1", parent=body, fontName=bold, fontSize=18, leading=23, spaceAfter=10)
    h2 = ParagraphStyle("h2", parent=body, fontName=bold, fontSize=12, leading=15, spaceBefore=10, spaceAfter=4)
    boxed = ParagraphStyle("privacy", parent=body, backColor=colors.HexColor("#fff8e8"),
                           borderColor=colors.HexColor("#ccbb88"), borderWidth=0.6, borderPadding=6, spaceBefore=8)

    def p(text: str, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(escape(str(text)), style)

    page = landscape(A4)  # room for a name column and eight dimensions at a readable size
    width, height = page[0] - 30 * mm, page[1] - 33 * mm
    story: list[Any] = [Spacer(1, 25 * mm), p(report.title, h1)]
    when = f"Generated {report.generated:%Y-%m-%d %H:%M} UTC"
    if report.period_label:
        when += f" \u00b7 period {report.period_label}"
    elif report.selection.since:
        when += f" \u00b7 calls since {report.selection.since.isoformat()}"
    story += [p(when), p(f"{report.n_calls} call(s) \u00b7 {report.n_trainees} trainee(s)"), Spacer(1, 6 * mm),
              p(privacy, boxed), Spacer(1, 4 * mm)]
    story += [p(n, note) for n in report.notes]
    story.append(PageBreak())
    for part in parts:
        block: list[Any] = [p(part.title, h2), *[p(n, note) for n in part.notes]]
        if part.image and part.image in images:
            from reportlab.lib.utils import ImageReader

            data = images[part.image]
            iw, ih = ImageReader(io.BytesIO(data)).getSize()
            scale = min(width / iw, (height - 30 * mm) / ih)  # the whole plot on one page, under its heading
            block.append(Image(io.BytesIO(data), width=iw * scale, height=ih * scale))
        story.append(KeepTogether(block))
        if part.header:
            story.append(Spacer(1, 2 * mm))
            story.append(_table(part, width, small, bold, LongTable, TableStyle, colors))
    doc = SimpleDocTemplate(out, pagesize=page, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm,
                            bottomMargin=18 * mm, title=report.title, author="simulator report",
                            subject=privacy[:200], creator="simulator (reportlab)")

    def footer(canvas: Any, doc_: Any) -> None:
        canvas.saveState()
        canvas.setFont(font, 7)
        canvas.setFillColor(colors.HexColor("#666666"))
        canvas.drawString(15 * mm, 10 * mm, report.title[:110])
        canvas.drawRightString(page[0] - 15 * mm, 10 * mm, f"page {doc_.page}")
        canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)


def _table(part: Section, width: float, style: Any, bold: str, table_cls: Any, table_style: Any, colors: Any) -> Any:
    """A table that fits the page: wrapped cells, a wide text column where there is one, header repeated."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    head = ParagraphStyle("head", parent=style, fontName=bold)
    n = len(part.header)
    text_col = n - 1 if part.header[-1] in ("reason", "example line (scenario, turn)") else -1
    first = 0.22 * width if text_col != 1 else 0.16 * width
    if text_col > 0:
        rest = (width - first - 0.4 * width) / max(1, n - 2)
        widths = [first] + [rest] * (n - 2) + [0.4 * width]
    else:
        widths = [first] + [(width - first) / max(1, n - 1)] * (n - 1)
    size = _fitting_size(part, widths, style.fontName, bold, style.fontSize)
    if size < style.fontSize:
        style = ParagraphStyle(f"{style.name}-{size}", parent=style, fontSize=size, leading=size * 1.2)
        head = ParagraphStyle(f"head-{size}", parent=style, fontName=bold)
    from reportlab.lib.enums import TA_RIGHT

    number, number_head = (ParagraphStyle(f"{st.name}-r", parent=st, alignment=TA_RIGHT) for st in (style, head))
    numeric = [0 < i != text_col and part.header[i] not in ("date", "trainee", "author", "change", "call")
               for i in range(n)]
    data = [[Paragraph(escape(h), number_head if numeric[i] else head) for i, h in enumerate(part.header)]]
    data += [[Paragraph(escape(str(c)), number if numeric[i] else style) for i, c in enumerate(row)] for row in part.rows]
    t = table_cls(data, colWidths=widths, repeatRows=1)
    t.setStyle(table_style([
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.HexColor("#888888")),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#dddddd")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
    ]))
    return t


def _fitting_size(part: Section, widths: list[float], font: str, bold: str, size: float, smallest: float = 5.0) -> float:
    """The largest font size (<= size) at which no single word is wider than its column (words cannot wrap)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    padding = 4.5
    while size > smallest:
        fits = True
        for col, width in enumerate(widths):
            words = [w for w in part.header[col].split()] + [w for row in part.rows for w in str(row[col]).split()]
            widest = max((stringWidth(w, bold if not part.rows else font, size) for w in words), default=0.0)
            head = max((stringWidth(w, bold, size) for w in part.header[col].split()), default=0.0)
            if max(widest, head) + padding > width:
                fits = False
                break
        if fits:
            return size
        size -= 0.5
    return smallest
