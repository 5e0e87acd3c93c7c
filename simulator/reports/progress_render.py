"""Rendering of a progress report: the sections both HTML and PDF show, matplotlib figures, CSV.

:func:`sections` turns a :class:`~simulator.reports.progress_model.Report`
into headed tables and notes; the HTML page (jinja2) and the PDF
(:mod:`simulator.reports.progress_pdf`, reportlab) render the same list, so
they carry the same content. Plots are matplotlib (Agg) PNGs; every piece of
user text in a plot goes through :func:`plot_text` (a '$' in a cohort name
is not mathtext). CSV is streamed row by row.
"""

from __future__ import annotations

import base64
import csv
import io
from collections.abc import Iterator
from typing import Any

from simulator.reports.progress_model import GroupRow, Progress, Report, Section

QUOTES = {"de": ("\u201e", "\u201c"), "en": ("\u201c", "\u201d")}
"""Opening and closing quotation marks per language (German „…“, English “…”)."""
ROLLING = 4
"""Points in the rolling mean of a progress panel."""
MIN_POINTS = 3
"""Fewer shown points than this: the panel says 'too little data'."""
SUPPRESSED = "suppressed"
"""What a figure hidden by the privacy gate shows."""


def quoted(text: str, lang: str) -> str:
    """``text`` in the quotation marks of ``lang`` (English marks for other languages)."""
    left, right = QUOTES.get(lang, QUOTES["en"])
    return f"{left}{text}{right}"


def plot_text(text: str) -> str:
    """User text made safe for a matplotlib label ('$' would start mathtext)."""
    return str(text).replace("\\", "\\\\").replace("$", r"\$")


def _fmt(v: float | None, hidden: bool = False) -> str:
    if hidden:
        return SUPPRESSED
    return "\u2013" if v is None else f"{v:.0f}"


def _group_rows(rows: tuple[GroupRow, ...], dims: tuple[str, ...], label: Any = str) -> tuple[tuple[str, ...], ...]:
    out = []
    for g in rows:
        if "calls" in g.hidden:
            out.append((label(g.name), SUPPRESSED, SUPPRESSED, SUPPRESSED, *[SUPPRESSED] * len(dims)))
            continue
        out.append((label(g.name), str(g.trainees), str(g.calls), f"{g.total:.1f}",
                    *[_fmt(g.dimensions.get(d), d in g.hidden) for d in dims]))
    return tuple(out)


def sections(report: Report) -> list[Section]:
    """The report's content in display order (figures referenced by key: progress, heatmap, cohorts)."""
    dims = report.dimensions
    out = []
    weak_rows = []
    for sk in report.weakest:
        if report.hr or not sk.examples:
            weak_rows.append((sk.dimension, f"{sk.mean:.1f}", "" if report.hr else "no example line of the trainee stored"))
        for i, ex in enumerate(sk.examples):
            text = f"{quoted(ex.quote, ex.lang)} ({ex.scenario}, turn {ex.turn}) \u2014 {ex.note}"
            if ex.tip:
                text += f" Tip: {ex.tip}"
            weak_rows.append((sk.dimension if i == 0 else "", f"{sk.mean:.1f}" if i == 0 else "", text))
    out.append(Section("Weakest skills", header=("dimension", "mean", "" if report.hr else "example line (scenario, turn)"),
                       rows=tuple(weak_rows)))
    per = {"call": "per call", "week": "per week", "month": "per month"}[report.period]
    out.append(Section("Progress per dimension", notes=(
        f"Points {per}, line: rolling mean of {ROLLING}. A panel with fewer than {MIN_POINTS} points says so.",),
        image="progress"))
    heat_header = ("scenario", "trainees", "calls", "total", *dims)
    out.append(Section("Scenario \u00d7 dimension", notes=(
        "Mean per scenario and dimension; the map shows how many trainees (n) each cell rests on.",),
        header=heat_header, rows=_group_rows(report.heatmap, dims), image="heatmap"))
    out.append(Section("Cohorts compared", header=("cohort", "trainees", "calls", "total", *dims),
                       rows=_group_rows(report.cohorts, dims), image="cohorts" if len(report.cohorts) > 1 else ""))
    if report.individuals:
        out.append(Section("Trainees", header=("trainee", "calls", "total", *dims),
                           rows=tuple(r[:1] + r[2:] for r in _group_rows(report.individuals, dims, report.label))))
    if report.adjustments:
        out.append(Section("Instructor notes and adjustments", notes=("Kept beside the automatic score, which is never changed.",),
                           header=("call", "date", "trainee", "author", "change", "reason"),
                           rows=tuple((f"#{a['session']}", a["date"], report.label(a["trainee"]) if a["trainee"] else "anonymous",
                                       a["author"], adjustment_text(a).strip(), a["reason"]) for a in report.adjustments)))
    return out


def privacy_note(report: Report) -> str:
    """The privacy note printed on every report."""
    if report.hr:
        return (f"Privacy: for HR. Every figure rests on at least {report.k} distinct trainees; smaller groups, and "
                "figures that would reveal them, are suppressed. Pseudonyms only, no quotes.")
    return ("Privacy: contains personal results and the trainee's own words. For the trainee and their instructors "
            "only; do not pass to HR (HR gets its own report: --audience hr).")


def adjustment_text(a: dict[str, Any]) -> str:
    """'empathy +5 ' / 'empathy =70 ' / '' for a plain note."""
    if a["dimension"] is None:
        return ""
    if a["value"] is not None:
        return f"{a['dimension']} ={a['value']:g} "
    return f"{a['dimension']} {a['delta'] or 0:+g} "


# -- figures -----------------------------------------------------------------------
def _rolling(values: list[float], n: int) -> list[float]:
    out, window = [], []
    for v in values:
        window.append(v)
        if len(window) > n:
            window.pop(0)
        out.append(sum(window) / len(window))
    return out


def figures(report: Report, progress: Progress | None = None) -> dict[str, Any]:
    """Key -> matplotlib Figure: progress (one panel per dimension), heatmap (with n), cohorts (several only)."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    step = progress or (lambda label: None)
    out: dict[str, Any] = {}
    step("plotting progress")
    keys = ["total", *report.dimensions]
    cols = 3
    rows = (len(keys) + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(9, 2.1 * rows), sharey=True, squeeze=False)
    for ax, key in zip(axes.flat, keys):
        pts = [(i, p.value) for i, p in enumerate(report.progress.get(key, [])) if p.value is not None]
        ax.set_title(plot_text(key), fontsize=9)
        ax.set_ylim(0, 100)
        ax.grid(alpha=0.3)
        ax.tick_params(labelsize=7)
        if len(pts) < MIN_POINTS:
            ax.text(0.5, 0.5, "too little data", ha="center", va="center", transform=ax.transAxes, fontsize=9, color="#777")
            ax.set_xticks([])
            continue
        xs, ys = [x for x, _ in pts], [y for _, y in pts]
        ax.plot(xs, ys, "o", markersize=2.5, color="#9ab", alpha=0.8)
        ax.plot(xs, _rolling(ys, ROLLING), color="black" if key == "total" else "#1f6fb4", linewidth=1.6)
        labels = [p.label for p in report.progress[key]]
        ticks = [xs[0], xs[-1]]
        ax.set_xticks(ticks, [plot_text(labels[t][:10]) for t in ticks], fontsize=6)
    for ax in list(axes.flat)[len(keys):]:
        ax.axis("off")
    fig.tight_layout()
    out["progress"] = fig

    step("plotting heat map")
    heat = [g for g in report.heatmap]
    dims = report.dimensions
    fig, ax = plt.subplots(figsize=(9, 1.3 + 0.5 * max(1, len(heat))))
    grid = [[(g.dimensions.get(d) if g.dimensions.get(d) is not None else float("nan")) for d in dims] for g in heat]
    im = ax.imshow(grid or [[float("nan")] * len(dims)], cmap="RdYlGn", vmin=0, vmax=100, aspect="auto")
    ax.set_xticks(range(len(dims)), [plot_text(d) for d in dims], rotation=30, ha="right", fontsize=8)
    ax.set_yticks(range(len(heat)), [plot_text(g.name) for g in heat], fontsize=8)
    for i, g in enumerate(heat):
        for j, d in enumerate(dims):
            v = g.dimensions.get(d)
            if "calls" in g.hidden or d in g.hidden:
                ax.text(j, i, "supp.", ha="center", va="center", fontsize=6, color="#555")
            elif v is not None:
                ax.text(j, i, f"{v:.0f}\nn={g.dim_trainees.get(d, 0)}", ha="center", va="center", fontsize=6)
    fig.colorbar(im, ax=ax, fraction=0.03)
    ax.set_title("Scenario \u00d7 dimension (mean; n = trainees)", fontsize=9)
    fig.tight_layout()
    out["heatmap"] = fig

    shown = [g for g in report.cohorts if "calls" not in g.hidden]
    if len(shown) > 1:
        step("plotting cohorts")
        fig, ax = plt.subplots(figsize=(9, 3.6))
        width = 0.8 / len(shown)
        for k, row in enumerate(shown):
            ax.bar([i + k * width for i in range(len(dims))], [row.dimensions.get(d) or 0 for d in dims], width,
                   label=plot_text(f"{row.name} (n={row.trainees})"))
        ax.set_xticks([i + 0.4 - width / 2 for i in range(len(dims))], [plot_text(d) for d in dims], rotation=30,
                      ha="right", fontsize=8)
        ax.set_ylim(0, 100)
        ax.legend(fontsize=7, ncol=2)
        ax.set_title("Cohorts compared (mean per dimension)", fontsize=9)
        fig.tight_layout()
        out["cohorts"] = fig
    return out


def png(fig: Any, dpi: int = 90) -> bytes:
    """The figure as PNG bytes (the figure is closed)."""
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    plt.close(fig)
    return buf.getvalue()


# -- writers ------------------------------------------------------------------------
def write_html(report: Report, out: Any, progress: Progress | None = None) -> None:
    """The report as one self-contained HTML page (plots embedded as base64 PNGs)."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("simulator.reports", "templates"), autoescape=select_autoescape(["html", "j2"]))
    images = {key: base64.b64encode(png(fig)).decode("ascii") for key, fig in figures(report, progress).items()}
    (progress or (lambda label: None))("writing HTML")
    out.write(env.get_template("progress.html.j2").render(r=report, sections=sections(report), images=images,
                                                          privacy=privacy_note(report)))


def csv_rows(report: Report) -> Iterator[list[Any]]:
    """CSV rows: one per call (pseudonyms only); for HR one per cohort the gate lets through (hidden: empty)."""
    from simulator.vocabulary import DIMENSIONS

    def fmt(v: float | None) -> Any:
        return "" if v is None else round(v, 1)

    if report.rows is None:
        dims = list(report.dimensions)
        yield ["cohort", "trainees", "calls", "total", *dims]
        rows = report.cohorts + (report.individuals if report.hr else ())
        for g in rows:
            yield [g.name, "" if g.trainees is None else g.trainees, "" if g.calls is None else g.calls, fmt(g.total),
                   *[fmt(g.dimensions.get(d)) for d in dims]]
        return
    yield ["session", "date", "trainee", "cohort", "scenario", "mode", "total", *DIMENSIONS]
    for r in report.rows():
        yield [r[0], r[1].strftime("%Y-%m-%d %H:%M"), r[2], r[3], r[4], r[5], fmt(r[6]), *[fmt(v) for v in r[7:7 + len(DIMENSIONS)]]]


def write_csv(report: Report, out: Any, progress: Progress | None = None) -> None:
    """The report's data as CSV, streamed (pseudonyms only, never names)."""
    (progress or (lambda label: None))("writing CSV")
    csv.writer(out, lineterminator="\n").writerows(csv_rows(report))


def write_pdf(report: Report, path: Any, progress: Progress | None = None) -> None:
    """The report as a typeset PDF (see :mod:`simulator.reports.progress_pdf`)."""
    from simulator.reports.progress_pdf import render_pdf

    figs = figures(report, progress)
    (progress or (lambda label: None))("writing PDF")
    render_pdf(report, sections(report), {k: png(f, dpi=150) for k, f in figs.items()}, privacy_note(report), path)
