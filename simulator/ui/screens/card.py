"""The agent's card: what the trainee knows about the caller – before the call, and what the caller has said since.

Only the persona fields the scenario marks as known to the agent
(``persona.known_to_agent``) are shown before the call; a field the caller
says during the call (her name, say) appears once she has said it. The
briefing is what the agent knows about the situation. Traits, technical level
and the caller's mood model stay hidden: a real agent would not see them.
"""

from __future__ import annotations

from typing import Any

from simulator.ui import theme
from simulator.ui.widgets import Line, lines_of

COACH = (120, 40, 140)
"""Colour of coach hints (with their label; meaning never rests on colour)."""


def heard_so_far(state: Any) -> str:
    """Everything the customer has said in the call so far (for fields she has revealed)."""
    if state is None:
        return ""
    return " ".join(t.text for t in state.transcript if t.speaker == "customer")


def caller_name(t: Any, scenario: Any, lang: str, heard: str = "") -> str:
    """The caller's name when the agent knows it, else the catalogue's 'name not known yet'."""
    return scenario.persona.known(lang, heard).get("name") or t("caller_unknown")


def card_lines(t: Any, scenario: Any, lang: str, fonts: Any, width: int, heard: str = "", *,
               name: bool = True) -> list[Line]:
    """The agent's card as display lines (``name``: start with the caller's name line)."""
    known = scenario.persona.known(lang, heard)
    out: list[Line] = []
    if name:
        out += lines_of(fonts.bold, known.get("name") or t("caller_unknown"), width, bold=True)
    rest = ", ".join(v for k, v in known.items() if k != "name")
    if rest:
        out += lines_of(fonts.body, rest, width, colour=theme.MUTED)
    out.append(Line(""))
    out += lines_of(fonts.bold, t("what_you_know"), width, bold=True, colour=theme.HEADER)
    s = scenario.situation
    out += lines_of(fonts.body, s.briefing.get(lang) or s.technical.get(lang), width)
    return out
