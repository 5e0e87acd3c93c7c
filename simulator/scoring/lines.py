"""What one trainee line does, read from the call around it: echoes, listening, deadlines, instruction length.

Small predicates the scorer's dimensions share; they read the transcript only
(acts, evidence spans, the customer's lines), never the analyser.
"""

from __future__ import annotations

import re

from simulator.dialogue.state import Turn
from simulator.scoring.transcript import ScoredCall
from simulator.scoring.wording import weak_backchannel

__all__ = ["echoes", "listens", "echoed_deadline", "paraphrases", "instruction_words", "summary_words"]

_WORD = re.compile(r"\w{4,}", re.UNICODE)
_TIME_WORD = re.compile(r"\w{2,}", re.UNICODE)


def echoes(call: ScoredCall, t: Turn, words: int) -> bool:
    """The line repeats at least ``words`` words (of four letters or more) of the customer's previous line."""
    heard = {w.lower() for w in _WORD.findall(call.customer_line(t.number - 1))}
    said = {w.lower() for w in _WORD.findall(t.text)}
    return len(heard & said) >= words


def listens(call: ScoredCall, t: Turn) -> bool:
    """An active-listening signal that is more than a bare "ok"/"gut" (those only take the turn)."""
    if "active_listening" not in t.acts:
        return False
    spans = [text for act, text in t.evidence if act == "active_listening"]
    return not spans or any(not weak_backchannel(text, call.state.lang) for text in spans)


def echoed_deadline(call: ScoredCall, t: Turn) -> bool:
    """The line's time words only repeat a time the customer named ("by three, that's tight"): no commitment."""
    span = next((text for act, text in t.evidence if act == "time_commitment"), "")
    words = {w.lower() for w in _TIME_WORD.findall(span)}
    if not words:
        return False
    heard = {w.lower() for n in range(0, t.number) for w in _TIME_WORD.findall(call.customer_line(n))}
    return words <= heard


def paraphrases(call: ScoredCall, t: Turn) -> bool:
    """An active-listening line that echoes two words of the customer's previous line, or any line echoing three."""
    return echoes(call, t, 2 if "active_listening" in t.acts else 3)


_SENTENCE = re.compile(r"[^.!?;:]+[.!?;:]*", re.UNICODE)


_FULL_STOP = re.compile(r"[.!?]+(?=\s|$)")  # "5.2" is no full stop


def summary_words(t: Turn) -> int:
    """Words of the sentence that holds the summary (a colon does not end it: "So to sum up: …").

    Evidence covering the whole line (an act the learned head added) counts the line's longest sentence.
    """
    text = t.text
    span = next((s for a, s in t.evidence if a == "summary" and s and s.strip() != text.strip()), "")
    start = text.lower().find(span.lower()) if span else -1
    if start < 0:
        return max((len(part.split()) for part in _FULL_STOP.split(text)), default=0)
    begin = max((m.end() for m in _FULL_STOP.finditer(text, 0, start)), default=0)
    stop = _FULL_STOP.search(text, start + len(span))
    return len(text[begin: stop.start() if stop else len(text)].split())


def instruction_words(t: Turn) -> int:
    """Words of the sentence that gives the instruction (not of the whole turn around it)."""
    spans = [text.lower() for act, text in t.evidence if act == "instruction" and text]
    sentences = [m.group(0) for m in _SENTENCE.finditer(t.text)] or [t.text]
    hit = [s for s in sentences if any(span in s.lower() for span in spans)]
    return max(len(s.split()) for s in (hit or sentences))
