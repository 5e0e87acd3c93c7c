"""Progress reports over many stored calls, for trainees, instructors and HR.

:func:`build_report` reads the store once and computes everything a report
shows: progress over time per rubric dimension, a scenario x dimension heat
map, the weakest skills with example quotes, and a comparison of cohorts.
:func:`write_html`, :func:`write_csv` and :func:`write_pdf` render it
(matplotlib with the Agg backend; plots are base64 PNGs inside the HTML; the
PDF is made with matplotlib's PdfPages, so no extra system packages).

Privacy: HR reports name nobody (pseudonyms only, no quotes); with
``hr_view=aggregates`` (the default) HR sees cohort aggregates only, and a
group of fewer than ``MIN_GROUP_SIZE`` trainees is never shown to HR.
"""

from __future__ import annotations

import base64
import csv
import io
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from math import fsum
from typing import Any

from simulator.errors import SimulatorError, UsageError

AUDIENCES = ("trainee", "instructor", "hr")
"""Who a report is for."""
FORMATS = ("html", "csv", "pdf")
"""Output formats."""
DIMENSION_ORDER = ("empathy", "questioning", "summarising", "checklist", "clarity", "transparency", "courtesy", "outcome")
"""Rubric dimensions in display order (as simulator.scoring.DIMENSIONS)."""
NO_COHORT = "(no cohort)"
"""Group label of trainees outside any cohort."""
QUOTES_PER_SKILL = 3
"""Example quotes shown per weak skill."""
WEAKEST = 3
"""How many weakest skills a report lists."""

Progress = Callable[[str], None]
"""Called with a label before each long step (drives the progress bar)."""


class EmptySelection(SimulatorError):
    """No stored call matches the selection (exit 1)."""

    exit_code = 1


@dataclass(frozen=True, slots=True)
class Selection:
    """Which calls a report covers and for whom it is."""

    trainee: str | None = None
    """A pseudonym or name; None = not one person."""
    cohort: str | None = None
    """A cohort name; None = every cohort."""
    since: date | None = None
    """Only calls started on or after this day."""
    audience: str = "instructor"
    """trainee | instructor | hr."""


@dataclass(frozen=True, slots=True)
class Call:
    """One finished, scored call as a report sees it."""

    id: int
    """Session id."""
    trainee: str
    """Pseudonym ('anonymous' for calls without a trainee)."""
    cohort: str
    """Cohort name or NO_COHORT."""
    scenario: str
    """Scenario id."""
    started: datetime
    """When the call started (UTC)."""
    mode: str
    """practice | exam | seminar."""
    total: float
    """Total score 0..100."""
    scores: dict[str, float | None]
    """Dimension -> value (None: not applicable)."""
    evidence: tuple[dict[str, Any], ...] = ()
    """Score evidence items (dimension, turn, quote, effect, note, tip); empty for HR."""


@dataclass(frozen=True, slots=True)
class Skill:
    """A weak skill: its mean and example quotes."""

    dimension: str
    """Rubric dimension."""
    mean: float
    """Mean value over the selection."""
    quotes: tuple[tuple[str, str, str], ...]
    """(quote, note, tip) examples that cost points; empty for HR."""


@dataclass(frozen=True, slots=True)
class GroupRow:
    """Aggregates of one group (cohort or pseudonym)."""

    name: str
    """Cohort name or pseudonym."""
    trainees: int
    """Distinct trainees."""
    calls: int
    """Calls."""
    total: float
    """Mean total."""
    dimensions: dict[str, float | None]
    """Dimension -> mean (None: never applicable)."""


@dataclass(frozen=True, slots=True)
class Report:
    """Everything one progress report shows."""

    title: str
    """Heading."""
    selection: Selection
    """What was asked for."""
    generated: datetime
    """When the report was made (UTC)."""
    dimensions: tuple[str, ...]
    """Dimensions present, in display order."""
    calls: tuple[Call, ...]
    """Calls covered (empty in HR aggregate reports' CSV rows, but counted)."""
    period: str
    """Granularity of the progress plot: call | week | month."""
    progress: dict[str, list[tuple[str, float]]]
    """'total' and each dimension -> [(period label, mean)] in time order."""
    heatmap: dict[str, dict[str, float | None]]
    """Scenario -> dimension -> mean."""
    weakest: tuple[Skill, ...]
    """Lowest-scoring dimensions, weakest first."""
    cohorts: tuple[GroupRow, ...]
    """Comparison of cohorts (groups below the HR minimum removed for HR)."""
    individuals: tuple[GroupRow, ...]
    """Per-pseudonym rows (instructor; HR only with hr_view=individual)."""
    adjustments: tuple[dict[str, Any], ...]
    """Instructor notes and adjustments (not for HR)."""
    notes: tuple[str, ...]
    """Privacy and data notes printed with the report."""
    names: dict[str, str] = field(default_factory=dict)
    """Pseudonym -> display name (trainee and instructor audiences only)."""

    @property
    def trainee_count(self) -> int:
        return len({c.trainee for c in self.calls})

    def label(self, pseudonym: str) -> str:
        """How a trainee is shown: 'T-7f3a9c (Name)' or just the pseudonym."""
        name = self.names.get(pseudonym)
        return f"{pseudonym} ({name})" if name else pseudonym


def mean(values: Any) -> float:
    """Arithmetic mean (float; statistics.mean is exact and ten times slower)."""
    values = list(values)
    return fsum(values) / len(values)


def _mean(values: list[float]) -> float | None:
    return round(mean(values), 1) if values else None


def _start_of(day: date | None) -> datetime | None:
    return datetime.combine(day, time()) if day else None


def load_calls(store: Any, sel: Selection, *, with_evidence: bool) -> tuple[list[Call], str | None]:
    """The finished, scored calls of the selection (private runs only in a trainee's own report)."""
    from sqlalchemy import select

    from simulator.storage.models import Cohort, ScenarioRow, ScoreRow, SessionRow, Trainee

    cols = [SessionRow.id, SessionRow.trainee_id, Cohort.name, ScenarioRow.scenario_id, SessionRow.started_at,
            SessionRow.mode, SessionRow.total_score]
    if with_evidence:
        cols.append(SessionRow.evidence)
    query = (select(*cols).join(ScenarioRow, ScenarioRow.id == SessionRow.scenario_ref)
             .outerjoin(Trainee, Trainee.id == SessionRow.trainee_id)
             .outerjoin(Cohort, Cohort.id == Trainee.cohort_id)
             .where(SessionRow.status == "finished", SessionRow.total_score.is_not(None)))
    tid = None
    with store.read() as s:
        if sel.trainee:
            tid = store._resolve(s, sel.trainee)
            query = query.where(SessionRow.trainee_id == tid)
        if sel.cohort:
            if s.execute(select(Cohort.id).where(Cohort.name == sel.cohort)).scalar_one_or_none() is None:
                raise UsageError(f"no cohort '{sel.cohort}' (see 'simulator cohort list')")
            query = query.where(Cohort.name == sel.cohort)
        if sel.since:
            query = query.where(SessionRow.started_at >= _start_of(sel.since))
        if sel.audience != "trainee":
            query = query.where(SessionRow.private.is_(False))
        conn = s.connection()  # Core rows: much faster than ORM result processing for 100k calls
        rows = conn.execute(query.order_by(SessionRow.started_at, SessionRow.id)).all()
        scores: dict[int, dict[str, float | None]] = defaultdict(dict)
        score_query = (select(ScoreRow.session_id, ScoreRow.dimension, ScoreRow.value)
                       .where(ScoreRow.session_id.in_(query.with_only_columns(SessionRow.id).scalar_subquery())))
        for sid, dim, value in conn.execute(score_query).all():
            scores[sid][dim] = value
    calls = [Call(id=r[0], trainee=r[1] or "anonymous", cohort=r[2] or NO_COHORT, scenario=r[3], started=r[4],
                  mode=r[5], total=float(r[6]), scores=scores.get(r[0], {}),
                  evidence=tuple(r[7] or ()) if with_evidence else ())
             for r in rows]
    return calls, tid


def _dimensions(calls: list[Call]) -> tuple[str, ...]:
    found = {d for c in calls for d in c.scores}
    return tuple(d for d in DIMENSION_ORDER if d in found) + tuple(sorted(found - set(DIMENSION_ORDER)))


def _period_key(started: datetime, period: str) -> str:
    if period == "month":
        return started.strftime("%Y-%m")
    iso = started.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def _progress(calls: list[Call], dims: tuple[str, ...], period: str) -> dict[str, list[tuple[str, float]]]:
    series: dict[str, list[tuple[str, float]]] = {}
    if period == "call":
        series["total"] = [(c.started.strftime("%Y-%m-%d %H:%M"), c.total) for c in calls]
        for d in dims:
            series[d] = [(c.started.strftime("%Y-%m-%d %H:%M"), v) for c in calls if (v := c.scores.get(d)) is not None]
        return series
    buckets: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for c in calls:
        b = buckets[_period_key(c.started, period)]
        b["total"].append(c.total)
        for d, v in c.scores.items():
            if v is not None:
                b[d].append(v)
    for key in ("total", *dims):
        series[key] = [(p, round(mean(b[key]), 1)) for p, b in sorted(buckets.items()) if b.get(key)]
    return series


def _group(name: str, calls: list[Call], dims: tuple[str, ...]) -> GroupRow:
    return GroupRow(name=name, trainees=len({c.trainee for c in calls}), calls=len(calls),
                    total=round(mean(c.total for c in calls), 1),
                    dimensions={d: _mean([v for c in calls if (v := c.scores.get(d)) is not None]) for d in dims})


def build_report(store: Any, sel: Selection, *, progress: Progress | None = None) -> Report:
    """Compute the report for ``sel``; raises EmptySelection (exit 1) when no scored call matches."""
    from simulator.storage.config import MIN_GROUP_SIZE
    from simulator.storage.models import utcnow

    step = progress or (lambda label: None)
    if sel.audience not in AUDIENCES:
        raise UsageError(f"audience must be one of {', '.join(AUDIENCES)}")
    hr = sel.audience == "hr"
    hr_view = store.setting("hr_view")
    if hr and sel.trainee and hr_view != "individual":
        raise UsageError("HR reports show cohort aggregates only (privacy setting hr_view=aggregates); "
                         "ask the works council / admin to change it with 'simulator privacy set hr_view individual'")
    if sel.audience == "trainee" and not sel.trainee:
        raise UsageError("a trainee report needs --trainee")
    step("reading calls")
    calls, tid = load_calls(store, sel, with_evidence=not hr)
    notes: list[str] = []
    if hr:
        sizes: dict[str, set[str]] = defaultdict(set)
        for c in calls:
            sizes[c.cohort].add(c.trainee)
        small = sorted(g for g, members in sizes.items() if len(members) < MIN_GROUP_SIZE)
        if small and not sel.trainee:
            calls = [c for c in calls if c.cohort not in small]
            notes.append(f"{len(small)} group(s) with fewer than {MIN_GROUP_SIZE} trainees not shown (privacy).")
        notes.append("Trainees appear only by pseudonym; no quotes from calls are shown to HR.")
    what = (f"trainee {sel.trainee}" if sel.trainee else f"cohort {sel.cohort}" if sel.cohort else "the store")
    if not calls:
        since = f" since {sel.since.isoformat()}" if sel.since else ""
        extra = f" that HR may see (groups of at least {MIN_GROUP_SIZE} trainees)" if hr and not sel.trainee else ""
        raise EmptySelection(f"no finished, scored calls for {what}{since}{extra}: nothing to report")
    dims = _dimensions(calls)
    span = (calls[-1].started - calls[0].started).days
    period = "call" if (tid and len(calls) <= 60) else ("month" if span > 180 else "week")
    step("computing aggregates")
    heat_calls: dict[str, list[Call]] = defaultdict(list)
    for c in calls:
        heat_calls[c.scenario].append(c)
    heatmap = {sc: _group(sc, cs, dims).dimensions for sc, cs in sorted(heat_calls.items())}
    overall = _group("all", calls, dims).dimensions
    ranked = sorted((d for d in dims if overall[d] is not None), key=lambda d: overall[d])[:WEAKEST]
    weakest = []
    for d in ranked:
        quotes: list[tuple[str, str, str]] = []
        if not hr:
            items = [e for c in reversed(calls) for e in c.evidence if e.get("dimension") == d and (e.get("effect") or 0) < 0
                     and e.get("quote")]
            seen = set()
            for e in sorted(items, key=lambda e: e.get("effect") or 0):
                if e["quote"] not in seen:
                    seen.add(e["quote"])
                    quotes.append((e["quote"], e.get("note", ""), e.get("tip", "")))
                if len(quotes) >= QUOTES_PER_SKILL:
                    break
        weakest.append(Skill(d, overall[d], tuple(quotes)))
    by_cohort: dict[str, list[Call]] = defaultdict(list)
    by_trainee: dict[str, list[Call]] = defaultdict(list)
    for c in calls:
        by_cohort[c.cohort].append(c)
        by_trainee[c.trainee].append(c)
    cohorts = tuple(_group(name, cs, dims) for name, cs in sorted(by_cohort.items()))
    show_individuals = sel.audience == "instructor" or (hr and hr_view == "individual") or sel.audience == "trainee"
    individuals = tuple(_group(t, cs, dims) for t, cs in sorted(by_trainee.items())) if show_individuals else ()
    adjustments: tuple[dict[str, Any], ...] = ()
    names: dict[str, str] = {}
    if not hr:
        adjustments = _adjustments(store, [c.id for c in calls])
        names = store.names()
        names = {t: n for t, n in names.items() if t in by_trainee}
    audience = {"trainee": "for the trainee", "instructor": "for instructors", "hr": "for HR"}[sel.audience]
    title = f"Progress report: {what} ({audience})"
    return Report(title=title, selection=sel, generated=utcnow(), dimensions=dims,
                  calls=tuple(calls),
                  period=period, progress=_progress(calls, dims, period), heatmap=heatmap, weakest=tuple(weakest),
                  cohorts=cohorts, individuals=individuals, adjustments=adjustments, notes=tuple(notes), names=names)


def _adjustments(store: Any, ids: list[int]) -> tuple[dict[str, Any], ...]:
    from sqlalchemy import select

    from simulator.storage.models import Adjustment, SessionRow

    out = []
    with store.read() as s:
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            rows = s.execute(select(Adjustment, SessionRow.trainee_id).join(SessionRow, SessionRow.id == Adjustment.session_id)
                             .where(Adjustment.session_id.in_(chunk)).order_by(Adjustment.created_at)).all()
            out += [{"session": a.session_id, "trainee": t, "dimension": a.dimension, "delta": a.delta, "value": a.value,
                     "reason": a.reason, "author": a.author, "date": a.created_at.strftime("%Y-%m-%d")} for a, t in rows]
    return tuple(out)


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
