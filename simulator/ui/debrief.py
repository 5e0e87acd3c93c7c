"""The debrief in the terminal (rich): draws a :class:`~simulator.reports.view.DebriefView`.

Only layout and colour here; what is shown and how it is labelled was decided
when the view was built. Meaning never rests on colour alone: every bar has
its number, every effect its sign. Works with ``Console(record=True)`` for
golden tests and keeps to 80 columns. rich is imported inside the functions.
"""

from __future__ import annotations

BAR_WIDTH = 10
"""Characters of a summary bar."""

STYLES = {"good": "green", "fair": "yellow", "poor": "red", "na": "dim"}
"""rich style per tone of a value."""


def bar(fraction: float, width: int = BAR_WIDTH) -> str:
    """A text bar for a 0..1 fill, e.g. '██████░░░░'."""
    full = int(round(max(0.0, min(1.0, fraction)) * width))
    return "█" * full + "░" * (width - full)


def view_renderables(view) -> list:
    """The debrief as rich renderables: heading, summary table, one panel per scored dimension."""
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    w = view.words
    head = Text()
    head.append(f"{view.heading}\n", style="bold")
    if view.outcome:
        head.append(f"{w.outcome}: {view.outcome}\n")
    head.append(f"{w.total}: {view.total_text}", style="bold")
    out: list = [head]

    table = Table(show_header=True, header_style="bold", expand=False, pad_edge=False)
    table.add_column(w.dimension, no_wrap=True)
    table.add_column(w.weight, justify="right")
    table.add_column(w.score, justify="right")
    table.add_column("", no_wrap=True)
    for r in view.rows:
        filled = bar(r.fraction) if r.value is not None else ""
        table.add_row(r.label, f"{r.weight:g}", r.value_text, Text(filled, style=STYLES[r.tone]))
    out.append(table)

    for r in view.sections:
        body = Text()
        if not r.evidence:
            body.append(w.no_evidence + "\n")
        for e in r.evidence:
            body.append(f"{w.turn} {e.turn}  ", style="bold")
            body.append(f"{e.effect:+.1f}", style="green" if e.effect > 0 else "red" if e.effect < 0 else "")
            body.append(f"  {e.note}\n")
            if e.quoted:
                body.append(f"    {e.quoted}\n", style="italic")
            if e.tip:
                body.append(f"    → {e.tip}\n")
        if r.tip:
            body.append(f"{w.tip}: ", style="bold")
            body.append(r.tip)
        else:
            body.rstrip()
        out.append(Panel(body, title=f"{r.label} – {r.value_text}/100", title_align="left", border_style=STYLES[r.tone]))
    if view.hints:
        body = Text()
        for h in view.hints:
            body.append(f"{h.label}: ", style="bold")
            body.append(f"{h.text}\n")
        body.rstrip()
        out.append(Panel(body, title=w.hints, title_align="left", border_style="magenta"))
    return out


def debrief_renderables(scenario, state, score, hints=None) -> list:
    """The debrief of a scored call as rich renderables (builds the view; ``hints``: the coach hints shown)."""
    from simulator.reports.view import DebriefView

    return view_renderables(DebriefView.build(scenario, state, score, hints=hints))


def show_debrief(console, scenario, state, score, hints=None) -> None:
    """Print the debrief on a rich Console."""
    for item in debrief_renderables(scenario, state, score, hints):
        console.print(item)


def debrief_text(scenario, state, score, width: int = 80) -> str:
    """The debrief as plain text (what a recorded Console exports), for tests and logs."""
    from rich.console import Console

    console = Console(record=True, width=width, color_system=None, force_terminal=False, file=_Null())
    show_debrief(console, scenario, state, score)
    return console.export_text()


class _Null:
    """A file that swallows output (the recording keeps it)."""

    def write(self, _text: str) -> int:
        return 0

    def flush(self) -> None:
        pass
