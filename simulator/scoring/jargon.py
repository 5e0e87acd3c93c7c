"""How many unexplained technical terms a line holds: the clarity cost of jargon grows with them (capped).

The analyser says *that* a line is jargon (the act, with one span); a line that floods a lay caller with "Basic Auth,
OAuth, IMAP, SMTP, Port 993, SSL/TLS" loses her far more than one stray "DNS" (round 12, DE 30). The terms are the
analyser's jargon lexicon (as :func:`~simulator.analysis.language.compiled` read it) and the scenario's own jargon
list; each distinct stretch of the line that matches one counts once.
"""

from __future__ import annotations

import re
from functools import lru_cache

from simulator.analysis.language import compiled
from simulator.dialogue.state import Turn
from simulator.scoring.rules import JARGON_EXTRA_SHARE, JARGON_EXTRA_TERMS
from simulator.scoring.transcript import ScoredCall

__all__ = ["jargon_terms", "jargon_cost", "jargon_debit"]

_SEPARATORS = re.compile(r"[-/_.]")
_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def _lexicon(lang: str) -> tuple[str, ...]:
    """The analyser's jargon lexicon, as it compiled it (read once per process by :func:`compiled`)."""
    return tuple(compiled(lang).lexicons.get("jargon", ()))


def _fold(text: str) -> str:
    return " ".join(_SEPARATORS.sub(" ", (text or "").lower().translate(_FOLD)).split())


@lru_cache(maxsize=64)
def _pattern(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    parts = [r"\s".join(_fold(w) if not re.search(r"\\w", w) else w for w in term.split()) for term in terms if term]
    return re.compile(r"(?<!\w)(?:" + "|".join(f"(?:{p})" for p in parts) + r")(?!\w)") if parts else None


def _found(call: ScoredCall, t: Turn) -> list[str]:
    """The distinct technical terms of the line, folded, in the order said."""
    lang = call.state.lang
    pattern = _pattern(_lexicon(lang) + tuple(call.sc.jargon.get(lang)))
    found = [m.group(0) for m in pattern.finditer(_fold(t.text))] if pattern else []
    return list(dict.fromkeys(found))


def jargon_terms(call: ScoredCall, t: Turn) -> int:
    """The distinct technical terms in the line (at least one where the analyser read the act)."""
    return max(1, len(_found(call, t)))


def _named_term(call: ScoredCall, t: Turn) -> str:
    """The term the debrief names: the analyser's own jargon evidence as typed, else the first term found."""
    typed = next((x for k, x in t.evidence if k == "jargon" and x.strip()), "")
    return typed if typed and len(typed.split()) <= 4 else (_found(call, t) or [typed or "?"])[0]


def jargon_cost(call: ScoredCall, t: Turn, penalty: float) -> tuple[float, int]:
    """The clarity cost of the line's jargon and the number of terms: the persona's penalty for the first term and a
    share of it for each further one, up to :data:`JARGON_EXTRA_TERMS` more."""
    n = jargon_terms(call, t)
    return penalty * (1 + JARGON_EXTRA_SHARE * min(n - 1, JARGON_EXTRA_TERMS)), n


def jargon_debit(call: ScoredCall, t: Turn, penalty: float):
    """The clarity item's effect and text: "technical term left unexplained", or – for several – how many."""
    cost, n = jargon_cost(call, t, penalty)
    terms = ", ".join(_found(call, t)) or _named_term(call, t)
    return -cost, (call.fb.item("jargon_many", count=n, terms=terms) if n > 1
                   else call.fb.item("jargon", term=_named_term(call, t)))
