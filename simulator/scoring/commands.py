"""``simulator rubric SCENARIO``: the persona card and the rubric the call will be scored by."""

from __future__ import annotations

import click

from simulator.scenario.options import SCENARIOS_OPTION


def rubric_renderables(scenario, lang: str, exam: bool = False) -> list:
    """Persona card, rubric table and (unless ``exam``) the checklist, as rich renderables (80 columns)."""
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    from simulator.scoring.feedback import Feedback
    from simulator.scoring.rubric import DIMENSIONS, weights_for

    fb = Feedback.for_language(lang)
    p = scenario.persona
    card = Text()
    card.append(p.name.get(lang), style="bold")
    card.append(f"\n{p.role.get(lang)}, {p.company.get(lang)}\n")
    card.append(f"{fb.word('tech_level')}: {fb.level(p.tech_level)}\n")
    card.append(f"{fb.word('briefing')}: ", style="bold")
    card.append(scenario.situation.briefing.get(lang))
    out: list = [Panel(card, title=f"{fb.word('persona')} – {scenario.title.get(lang)}", title_align="left")]

    weights = weights_for(scenario)
    table = Table(title=fb.word("rubric"), show_header=True, header_style="bold", show_lines=True, expand=True)
    table.add_column(fb.word("dimension"), ratio=2)
    table.add_column(fb.word("weight"), justify="right", no_wrap=True)
    table.add_column(fb.word("earns"), ratio=5)
    for name in DIMENSIONS:
        w = weights[name]
        table.add_row(fb.label(name), fb.word("not_applicable") if w <= 0 else f"{w:g}", fb.earns(name))
    out.append(table)

    if exam:
        out.append(Text(fb.word("exam_hidden"), style="italic"))
    else:
        steps = Table(title=fb.word("checklist_steps"), show_header=False, expand=True)
        steps.add_column("", justify="right", no_wrap=True)
        steps.add_column("")
        steps.add_column("", no_wrap=True)
        for i, s in enumerate(scenario.steps, 1):
            mark = f"★ {fb.word('essential')}" if s.essential else f"· {fb.word('optional')}"
            steps.add_row(f"{i}.", s.title.get(lang) or s.id, mark)
        out.append(steps)
    return out


@click.command()
@click.argument("scenario")
@SCENARIOS_OPTION
@click.option("--lang", "lang", default=None, metavar="de|en", help="Language (default: SIMULATOR_LANG or your locale).")
@click.option("--exam", is_flag=True, help="Exam mode: do not show the checklist steps.")
def rubric(scenario: str, lang: str | None, exam: bool) -> None:
    """Show the persona card and the rubric of SCENARIO (id or .yaml path)."""
    from rich.console import Console

    from simulator.config import default_language
    from simulator.scenario import load
    from simulator.scenario.loader import check_language

    sc = load(scenario)
    lang = check_language(sc, lang or default_language())
    console = Console(width=min(Console().width, 100))
    for item in rubric_renderables(sc, lang, exam):
        console.print(item)
