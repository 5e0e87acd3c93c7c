"""How the customer takes a line read as rude: whether the reading is sure, and what kindness beside it still counts."""

from __future__ import annotations

import re

from simulator.analysis.result import Analysis
from simulator.dialogue.reading import concedes, cuts

KIND_ACTS = ("empathy", "reassurance")
"""A line read as rude that shows one of these is an uncertain reading (reassurance: in the rude sentence itself)."""

UNSURE_RUDE = 0.9
"""Below this confidence a rude reading the learned head added (no rule named the words) is uncertain: she asks "Wie
meinen Sie das?", nothing is charged. On the bank's held-out split head readings ≥ 0.9 were right 24 of 24 times,
0.7–0.9 20 of 23; play-testers met three polite lines read as rude in that band
("… and the printer should come on", "Could be malware yeah. Have you run a virus scan?") – and a false
'rude' costs a trainee's trust more than a missed one."""


def rude_reading(analysis: Analysis, line: str) -> tuple[tuple[str, ...], bool, bool]:
    """The acts of the line as the customer takes them, whether 'rude' was only the learned head's unsure guess
    (``unsure``: she asks what was meant) and whether 'rude' was dropped as uncertain (``unclear``: also a sentence
    read as rude and kind at once – an apology that mentions the failure, self-blame). Kindness softens no sneer or
    brush-off (``cutting``: "oh i totally understand, must be so hard to look under a desk") and none conceded before
    the rude words ("Ich verstehe ja, dass Sie sauer sind, aber …", ``concession``): those kind acts are dropped."""
    acts = analysis.acts
    def by_rule(act: str) -> bool:  # a rule's words, not the learned head's reading of the whole line
        return any(e.act == act and e.text.strip() != line.strip() for e in analysis.evidence)

    named = by_rule("rude")
    rude_at = min((e.start for e in analysis.evidence if e.act == "rude" and e.text.strip() != line.strip()), default=0)
    conceded = named and (cuts(line, analysis.lang) or all(  # "must be so hard to look under a desk"; "… verstehe ja,
        e.end <= rude_at and concedes(line[e.end:rude_at], analysis.lang) for e in analysis.evidence
        if e.act in KIND_ACTS and e.act in acts))  # …, aber nicht mein Problem": no kindness softens these
    if named and "rude" in acts and (conceded or not any(by_rule(a) for a in KIND_ACTS if a in acts)):
        # named rudeness beats a kindness only the head read: "Stopp, stopp. Das interessiert mich alles nicht."
        acts = tuple(a for a in acts if a not in KIND_ACTS)
    unsure = "rude" in acts and not named and 0 < analysis.confidence_of("rude") < UNSURE_RUDE
    ends = [m.end() for m in re.finditer(r"[.!?]+\s", line)]  # comfort in another sentence leaves the insult standing
    at = lambda act: {sum(x <= e.start for x in ends) for e in analysis.evidence if e.act == act}  # noqa: E731
    unclear = unsure or ("rude" in acts and any(a in acts and (a == "empathy" or not named or at(a) & at("rude")) for a in KIND_ACTS))
    return (tuple(a for a in acts if a != "rude") if unclear else acts), unsure, unclear
