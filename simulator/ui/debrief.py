"""The debrief in the terminal: the score per dimension, its evidence and tips (rich).

Meaning never rests on colour alone: every bar has its number, every effect
its sign. Works with ``Console(record=True)`` for golden tests and keeps to
80 columns. rich is imported inside the functions.
"""

from __future__ import annotations

BAR_WIDTH = 10


def bar(value: float | None, width: int = BAR_WIDTH) -> str:
    """A text bar for 0..100, e.g. '██████░░░░'; '' for not applicable."""
    if value is None:
        return ""
    full = int(round(max(0.0, min(100.0, value)) / 100 * width))
    return "█" * full + "░" * (width - full)


def _style(value: float | None) -> str:
    if value is None:
        return "dim"
    return "green" if value >= 80 else "yellow" if value >= 50 else "red"


def debrief_renderables(scenario, state, score) -> list:
    """The debrief as a list of rich renderables (a summary table, then one panel per dimension)."""
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    from simulator.scoring.feedback import Feedback

    fb = Feedback.for_language(score.lang)
    lang = score.lang
    title = scenario.title.get(lang) if scenario is not None else ""
    out: list = []
    head = Text()
    head.append(f"{fb.word('debrief')}: {title}\n", style="bold")
    if state is not None and state.outcome is not None:
        head.append(f"{fb.word('outcome')}: {fb.reason(state.outcome.reason)}\n")
    head.append(f"{fb.word('total')}: {score.total:.0f} / 100", style="bold")
    out.append(head)

    table = Table(show_header=True, header_style="bold", expand=False, pad_edge=False)
    table.add_column(fb.word("dimension"), no_wrap=True)
    table.add_column(fb.word("weight"), justify="right")
    table.add_column(fb.word("score"), justify="right")
    table.add_column("", no_wrap=True)
    for d in score.dimensions:
        value = fb.word("not_applicable") if d.value is None else f"{d.value:.0f}"
        table.add_row(fb.label(d.name), f"{d.weight:g}", value, Text(bar(d.value), style=_style(d.value)))
    out.append(table)

    for d in score.dimensions:
        if d.value is None:
            continue
        body = Text()
        if not d.evidence:
            body.append(fb.word("no_evidence") + "\n")
        for e in d.evidence:
            body.append(f"{fb.word('turn')} {e.turn}  ", style="bold")
            body.append(f"{e.effect:+.1f}", style="green" if e.effect > 0 else "red" if e.effect < 0 else "")
            body.append(f"  {e.note}\n")
            if e.quote:
                body.append(f"    „{e.quote}“\n" if lang == "de" else f"    \"{e.quote}\"\n", style="italic")
            if e.effect <= 0:
                body.append(f"    → {e.tip}\n")
        if d.tip:
            body.append(f"{fb.word('tip')}: ", style="bold")
            body.append(d.tip)
        else:
            body.rstrip()
        out.append(Panel(body, title=f"{fb.label(d.name)} – {d.value:.0f}/100", title_align="left",
                         border_style=_style(d.value)))
    return out


def show_debrief(console, scenario, state, score) -> None:
    """Print the debrief on a rich Console."""
    for item in debrief_renderables(scenario, state, score):
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
