"""Example lines for the weakest skills: what the trainee said that cost points, with scenario and turn.

Evidence is stored encrypted per trainee; only the newest calls are
decrypted, until every weak skill has its examples. Items whose quote is the
customer's cue (a missed behaviour) are never used: an example is always the
trainee's own line.
"""

from __future__ import annotations

from typing import Any

from simulator.reports.aggregate import Filter, recent_evidence
from simulator.reports.progress_model import QUOTES_PER_SKILL, Example

SEARCH_CALLS = 400
"""How many of the newest calls are searched for examples."""


def find_examples(store: Any, f: Filter, dimensions: list[str]) -> dict[str, list[Example]]:
    """Up to QUOTES_PER_SKILL distinct trainee lines per dimension that lost points, newest calls first."""
    from simulator.storage.crypto import ANONYMOUS

    found: dict[str, list[Example]] = {d: [] for d in dimensions}
    seen: set[tuple[str, str]] = set()
    if not dimensions:
        return found
    with store.read() as s:
        for trainee, scenario, lang, blob in recent_evidence(store, f, SEARCH_CALLS):
            key = store.keys.get(s, trainee or ANONYMOUS)
            if key is None:
                continue
            for e in key.decrypt_json(blob, "evidence") or ():
                d = e.get("dimension")
                quote = str(e.get("quote") or "").strip()
                if (d not in found or len(found[d]) >= QUOTES_PER_SKILL or (e.get("effect") or 0) >= 0
                        or e.get("speaker") != "trainee" or not quote or (d, quote) in seen):
                    continue
                seen.add((d, quote))
                found[d].append(Example(quote, e.get("note", ""), e.get("tip", ""), scenario, int(e.get("turn") or 0), lang))
            if all(len(v) >= QUOTES_PER_SKILL for v in found.values()):
                break
    return found
