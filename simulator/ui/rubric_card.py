"""The persona card and the rubric before a call, in the terminal (rich).

Shown by ``simulator rubric`` and before a terminal call. Words come from the
string catalogue (the same dimension labels as every debrief); rich is
imported inside the function.
"""

from __future__ import annotations


def rubric_renderables(scenario, lang: str, exam: bool = False) -> list:
    """Persona card, rubric table and (unless ``exam``) the checklist, as rich renderables (80 columns)."""
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    from simulator.scoring.rubric import weights_for
    from simulator.strings import strings
    from simulator.vocabulary import DIMENSIONS

    s = strings(lang)
    p = scenario.persona
    card = Text()
    card.append(p.name.get(lang), style="bold")
    card.append(f"\n{p.role.get(lang)}, {p.company.get(lang)}\n")
    card.append(f"{s.t('tech_level')}: {s.t('tech_' + p.tech_level)}\n")
    card.append(f"{s.t('what_you_know')}: ", style="bold")
    card.append(scenario.situation.briefing.get(lang))
    out: list = [Panel(card, title=f"{s.t('caller')} – {scenario.title.get(lang)}", title_align="left")]

    weights = weights_for(scenario)
    table = Table(title=s.t("rubric"), show_header=True, header_style="bold", show_lines=True, expand=True)
    table.add_column(s.t("column.dimension"), ratio=2)
    table.add_column(s.t("column.weight"), justify="right", no_wrap=True)
    table.add_column(s.t("earns_heading"), ratio=5)
    for name in DIMENSIONS:
        w = weights[name]
        table.add_row(s.dimension(name), s.t("not_applicable") if w <= 0 else f"{w:g}", s.t(f"earns.{name}"))
    out.append(table)

    if exam:
        out.append(Text(s.t("exam"), style="italic"))
    else:
        steps = Table(title=s.t("checklist_steps"), show_header=False, expand=True)
        steps.add_column("", justify="right", no_wrap=True)
        steps.add_column("")
        steps.add_column("", no_wrap=True)
        for i, step in enumerate(scenario.steps, 1):
            mark = f"★ {s.t('essential')}" if step.essential else f"· {s.t('optional')}"
            steps.add_row(f"{i}.", step.title.get(lang) or step.id, mark)
        out.append(steps)
    return out
