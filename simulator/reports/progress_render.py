"""Rendering of a progress report: matplotlib figures, the HTML page, CSV rows, the PDF.

:mod:`simulator.reports.progress` computes the :class:`~simulator.reports.progress.Report`;
this module only draws and writes it. matplotlib (Agg backend) and jinja2 are
imported inside the functions that need them; plots are base64 PNGs inside the
HTML, and the PDF is made with matplotlib's PdfPages (no extra system packages).
"""

from __future__ import annotations

import base64
import csv
import io
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # progress.py re-exports this module's writers, so no runtime import back
    from simulator.reports.progress import Progress, Report


# -- figures -----------------------------------------------------------------------
def figures(report: Report, progress: Progress | None = None) -> list[tuple[str, Any]]:
    """(caption, matplotlib Figure) for the report: progress, heat map, cohort comparison."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    step = progress or (lambda label: None)
    out: list[tuple[str, Any]] = []
    step("plotting progress")
    fig, ax = plt.subplots(figsize=(9, 4.5))
    for key, points in report.progress.items():
        if not points:
            continue
        xs = list(range(len(points)))
        ax.plot(xs, [v for _, v in points], marker="o" if len(points) < 40 else None,
                linewidth=2.5 if key == "total" else 1.2, color="black" if key == "total" else None, label=key)
    labels = [p for p, _ in report.progress.get("total", [])]
    if labels:
        every = max(1, len(labels) // 12)
        ax.set_xticks(range(0, len(labels), every), [labels[i] for i in range(0, len(labels), every)], rotation=45,
                      ha="right", fontsize=7)
    ax.set_ylim(0, 100)
    ax.set_ylabel("score (0-100)")
    ax.set_title(f"Progress per dimension (per {report.period})")
    ax.legend(fontsize=7, ncol=3, loc="lower right")
    ax.grid(alpha=0.3)
    fig.tight_layout()
    out.append(("Progress over time per dimension", fig))

    step("plotting heat map")
    scenarios = list(report.heatmap)
    fig, ax = plt.subplots(figsize=(9, 1.2 + 0.45 * len(scenarios)))
    grid = [[(report.heatmap[sc].get(d) if report.heatmap[sc].get(d) is not None else float("nan"))
             for d in report.dimensions] for sc in scenarios]
    im = ax.imshow(grid, cmap="RdYlGn", vmin=0, vmax=100, aspect="auto")
    ax.set_xticks(range(len(report.dimensions)), report.dimensions, rotation=30, ha="right", fontsize=8)
    ax.set_yticks(range(len(scenarios)), scenarios, fontsize=8)
    for i, row in enumerate(grid):
        for j, v in enumerate(row):
            if v == v:
                ax.text(j, i, f"{v:.0f}", ha="center", va="center", fontsize=7)
    fig.colorbar(im, ax=ax, fraction=0.03)
    ax.set_title("Scenario x dimension (mean)")
    fig.tight_layout()
    out.append(("Scenario x dimension heat map", fig))

    if len(report.cohorts) > 1:
        step("plotting cohorts")
        fig, ax = plt.subplots(figsize=(9, 4))
        width = 0.8 / max(1, len(report.cohorts))
        for k, row in enumerate(report.cohorts):
            ax.bar([i + k * width for i in range(len(report.dimensions))],
                   [row.dimensions.get(d) or 0 for d in report.dimensions], width, label=f"{row.name} (n={row.trainees})")
        ax.set_xticks([i + 0.4 - width / 2 for i in range(len(report.dimensions))], report.dimensions, rotation=30,
                      ha="right", fontsize=8)
        ax.set_ylim(0, 100)
        ax.legend(fontsize=7)
        ax.set_title("Cohorts compared (mean per dimension)")
        fig.tight_layout()
        out.append(("Comparison of cohorts", fig))
    return out


def _png(fig: Any) -> str:
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90)
    plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode("ascii")


# -- writers ------------------------------------------------------------------------
def write_html(report: Report, out: io.TextIOBase | Any, progress: Progress | None = None) -> None:
    """The report as one self-contained HTML page (plots embedded as base64 PNGs)."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("simulator.reports", "templates"), autoescape=select_autoescape(["html", "j2"]))
    images = [(caption, _png(fig)) for caption, fig in figures(report, progress)]
    (progress or (lambda label: None))("writing HTML")
    out.write(env.get_template("progress.html.j2").render(r=report, images=images, hr=report.selection.audience == "hr"))


def csv_rows(report: Report) -> list[list[Any]]:
    """CSV rows: one per call; for HR with hr_view=aggregates one per cohort instead."""
    dims = list(report.dimensions)

    def fmt(v: float | None) -> Any:
        return "" if v is None else round(v, 1)

    if report.selection.audience == "hr" and not report.individuals:
        rows: list[list[Any]] = [["cohort", "trainees", "calls", "total", *dims]]
        rows += [[g.name, g.trainees, g.calls, fmt(g.total), *[fmt(g.dimensions.get(d)) for d in dims]]
                 for g in report.cohorts]
        return rows
    rows = [["session", "date", "trainee", "cohort", "scenario", "mode", "total", *dims]]
    rows += [[c.id, c.started.strftime("%Y-%m-%d %H:%M"), c.trainee, c.cohort, c.scenario, c.mode, fmt(c.total),
              *[fmt(c.scores.get(d)) for d in dims]] for c in report.calls]
    return rows


def write_csv(report: Report, out: Any, progress: Progress | None = None) -> None:
    """The report's data as CSV (pseudonyms only, never names)."""
    (progress or (lambda label: None))("writing CSV")
    csv.writer(out, lineterminator="\n").writerows(csv_rows(report))


def text_lines(report: Report) -> list[str]:
    """The report's tables as plain text lines (PDF text pages)."""
    dims = report.dimensions
    lines = [report.title, f"Generated {report.generated:%Y-%m-%d %H:%M} UTC", ""]
    if report.selection.since:
        lines.append(f"Calls since {report.selection.since.isoformat()}")
    lines += [f"Calls: {len(report.calls)}   Trainees: {report.trainee_count}", *report.notes, ""]
    lines.append("Weakest skills")
    for sk in report.weakest:
        lines.append(f"  {sk.dimension:14} {sk.mean:5.1f}")
        for quote, note, tip in sk.quotes:
            lines.append(f'      "{quote[:80]}"  {note[:40]}')
            if tip:
                lines.append(f"        tip: {tip[:80]}")
    lines += ["", "Cohorts compared", "  " + f"{'cohort':16}{'n':>4}{'calls':>7}{'total':>7}" +
              "".join(f"{d[:6]:>7}" for d in dims)]
    for g in report.cohorts:
        lines.append(f"  {g.name[:16]:16}{g.trainees:>4}{g.calls:>7}{g.total:>7.1f}" +
                     "".join(f"{'-' if g.dimensions.get(d) is None else round(g.dimensions[d]):>7}" for d in dims))
    if report.individuals:
        lines += ["", "Trainees", "  " + f"{'trainee':28}{'calls':>7}{'total':>7}"]
        for g in report.individuals:
            lines.append(f"  {report.label(g.name)[:28]:28}{g.calls:>7}{g.total:>7.1f}")
    if report.adjustments:
        lines += ["", "Instructor notes and adjustments"]
        for a in report.adjustments:
            lines.append(f"  #{a['session']} {a['date']} {a['author']}: {adjustment_text(a)}{a['reason']}"[:110])
    return lines


def adjustment_text(a: dict[str, Any]) -> str:
    """'empathy +5 ' / 'empathy =70 ' / '' for a plain note."""
    if a["dimension"] is None:
        return ""
    if a["value"] is not None:
        return f"{a['dimension']} ={a['value']:g} "
    return f"{a['dimension']} {a['delta'] or 0:+g} "


def write_pdf(report: Report, path: str, progress: Progress | None = None) -> None:
    """The report as a PDF: text pages with the tables, then one page per plot (matplotlib PdfPages)."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    figs = figures(report, progress)
    (progress or (lambda label: None))("writing PDF")
    lines = text_lines(report)
    per_page = 60
    with PdfPages(path) as pdf:
        for start in range(0, len(lines), per_page):
            page = plt.figure(figsize=(8.27, 11.69))
            page.text(0.06, 0.96, "\n".join(lines[start:start + per_page]), va="top", ha="left", family="monospace",
                      fontsize=7.5)
            pdf.savefig(page)
            plt.close(page)
        for caption, fig in figs:
            fig.suptitle(caption, fontsize=9, y=0.995)
            pdf.savefig(fig)
            plt.close(fig)
        info = pdf.infodict()
        info["Title"] = report.title
        info["Creator"] = "simulator report"
