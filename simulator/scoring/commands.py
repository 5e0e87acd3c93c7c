"""``simulator rubric SCENARIO``: the persona card and the rubric the call will be scored by."""

from __future__ import annotations

import click

from simulator.scenario.options import SCENARIOS_OPTION


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
    from simulator.ui.rubric_card import rubric_renderables

    sc = load(scenario)
    lang = check_language(sc, lang or default_language())
    console = Console(width=min(Console().width, 100))
    for item in rubric_renderables(sc, lang, exam):
        console.print(item)
