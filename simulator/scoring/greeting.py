"""The greeting of the courtesy dimension: how the trainee answered the ring.

The label follows the words of the first real line (``scoring/data/wording.yaml``), whether or not the analyser read a
greeting act in it: a greeting word, the team and the agent's name earn ``GREETING``; the name and team without any
greeting word ("Support, Schmidt.", "Ja, Lizenz, Kowalski.") ``GREETING_UNSPOKEN`` – an introduction, but nobody was
greeted (round 13, DE expert-user/unknown-answer poor: "Freundlich begrüßt" for a line with no greeting in it).
"""

from __future__ import annotations

from simulator.scoring.rules import GREETING, GREETING_BARE, GREETING_TEAM, GREETING_UNSPOKEN, NO_GREETING
from simulator.scoring.transcript import DimensionDraft as _Dim
from simulator.scoring.transcript import ScoredCall as _Call
from simulator.scoring.wording import answers_with_team, greets, introduces, names_team

__all__ = ["greeting"]


def greeting(call: _Call, dim: _Dim, opening: str) -> None:
    """Credit (or debit) how the first real line answered the ring; ``opening`` is her first words, quoted when the
    trainee never said a real line."""
    fb, state, scored = call.fb, call.state, call.scored
    if call.first_real is not None and call.first_real in call.scored_numbers:
        first = scored[0]
        lang = state.lang
        # answering with one's name ("MailHaus, Brandt.") introduces even without a "hello" – but greets nobody
        team = names_team(first.text, lang) and ("greeting" in first.acts or answers_with_team(first.text, lang))
        if introduces(first.text, lang) and greets(first.text, lang):
            dim.add(first.number, call.span(first, "greeting"), GREETING, fb.item("greeting"))
        elif introduces(first.text, lang):
            dim.add(first.number, first.text, GREETING_UNSPOKEN, fb.item("greeting_unspoken"))
        # the label follows the words, whether or not the analyser read a greeting act ("MailHaus support, hello.")
        elif team and greets(first.text, lang):
            dim.add(first.number, call.span(first, "greeting"), GREETING_TEAM, fb.item("greeting_team"))
        elif team:  # a bare "IT", "Ja, Helpdesk.": the team, but neither greeting nor name – as good as no greeting
            dim.add(first.number, first.text, NO_GREETING, fb.item("greeting_team_only"))
        elif "greeting" in first.acts and not greets(first.text, lang) and len(first.text.split()) <= 3:
            # the phone answered with a firm's name the data does not know ("medit", "mailhaus"): no greeting word,
            # no name of one's own – not "greeted, but without name and team" (round 28)
            dim.add(first.number, first.text, NO_GREETING, fb.item("greeting_team_only"))
        elif "greeting" in first.acts:
            dim.add(first.number, call.span(first, "greeting"), GREETING_BARE, fb.item("greeting_bare"))
        else:
            dim.add(first.number, first.text, NO_GREETING, fb.item("no_greeting"))
    elif not call.real:
        dim.add(0, opening, NO_GREETING, fb.item("no_greeting"), speaker="customer")
