"""The goodbye of the courtesy dimension: how the call was closed once the problem was solved.

A proper close is more than a bare "bye": an offer of more help – in the goodbye or the line just before it ("Gibt's
noch etwas?" … "Tschüss") – or thanks or good wishes earn ``CLOSING``; a bare "bye" ``CLOSING_BARE`` (round 11,
DE 24: an offer in the line before the goodbye counted for nothing – "without an offer" beside it).
"""

from __future__ import annotations

from simulator.dialogue.events import PrematureClose, has
from simulator.dialogue.reading import without_thanks
from simulator.dialogue.state import Turn
from simulator.scoring.rules import CLOSING, CLOSING_BARE, MIN_SPAN_WORDS, NO_CLOSING, PREMATURE_CLOSE, PREMATURE_CLOSE_CAP
from simulator.scoring.transcript import DimensionDraft as _Dim
from simulator.scoring.transcript import ScoredCall as _Call
from simulator.scoring.transcript import sentences
from simulator.scoring.wording import closes_properly, greets, offers_more, says_goodbye, wishes_well

__all__ = ["closing"]


def _offered(call: _Call, t: Turn) -> bool:
    """The goodbye line, or the real line just before it, offers more help."""
    lang = call.state.lang
    before = [u for u in call.real if u.number < t.number]
    return offers_more(t.text, lang) or bool(before and offers_more(before[-1].text, lang) and "rude" not in before[-1].acts)


def _closing_quote(call: _Call, t: Turn, quote: str) -> str:
    """The sentences of the goodbye line that close the call – the offer, thanks or wish and the goodbye –, not only
    the analyser's span ("You're welcome, Brenda." was quoted for "… have a lovely day. Bye now.", round 16, both
    languages); the span where no sentence does."""
    lang = call.state.lang
    parts = [p for p in sentences(t.text) if closes_properly(p, lang) or says_goodbye(p, lang)]
    if not parts:
        return quote
    every = sentences(t.text)
    first, last = every.index(parts[0]), every.index(parts[-1])
    while first > 0 and len(" ".join(every[first:last + 1]).split()) < MIN_SPAN_WORDS:
        first -= 1  # "Auf Wiederhören!" alone is a fragment: with the sentence before it ("Gut, dann bis heute Mittag.")
    while last + 1 < len(every) and len(" ".join(every[first:last + 1]).split()) < MIN_SPAN_WORDS:
        last += 1  # "Anything else?" opening the line: with the sentence after it (round 23)
    start, end = t.text.find(every[first]), t.text.rfind(every[last])  # one stretch of the trainee's words, as said
    return t.text[start:end + len(every[last])] if 0 <= start <= end else quote


def _credit(call: _Call, dim: _Dim, t: Turn, quote: str) -> None:
    """The goodbye's credit: proper with an offer (in it or just before) or good wishes, else bare."""
    fb, lang = call.fb, call.state.lang
    if _offered(call, t) or wishes_well(t.text, lang):
        dim.add(t.number, _closing_quote(call, t, quote), CLOSING, fb.item("closing"))
    else:
        dim.add(t.number, t.text, CLOSING_BARE, fb.item("closing_bare"))


def _ring(call: _Call, t: Turn) -> bool:
    """The line answers the ring with a greeting: its "Servus" greets, it says no goodbye."""
    return t.number == call.first_real and greets(t.text, call.state.lang)


def _thanks_in_passing(call: _Call, t: Turn) -> bool:
    """*t* thanks her for what she said or did and the call went on ("… a really useful clue, thank you." and then the
    plan): no goodbye – the customer did not hear one either (round 34). The last line of a call is its goodbye."""
    last = call.real[-1].number if call.real else None
    lang = call.state.lang
    return t.number != last and without_thanks(t.text, lang) != t.text.strip() and not says_goodbye(t.text, lang)


def closing(call: _Call, dim: _Dim, premature: float) -> int | None:
    """Credit (or debit) the goodbye, once the problem is solved; a goodbye in a call left unsolved ended it early –
    that turn is returned (it was not "calm and factual" either)."""
    fb, state, scored = call.fb, call.state, call.scored
    outcome = state.outcome
    hung_up = outcome is not None and outcome.reason in ("hangup", "line_dropped")
    if call.last_real is None or call.last_real not in call.scored_numbers or hung_up:
        return None
    solved_at = state.solved_at
    # a goodbye ends the call: a closing act in the middle of it ("Before anything else, …") is none, unless it says
    # goodbye – the call went on (round 12, EN mobile-caller: the lost goodbye's credit went to turn 2)
    tail = {u.number for u in call.real[-2:]}
    closes = [t for t in reversed(scored) if "closing" in t.acts and not has(t.events, PrematureClose)
              and (solved_at is None or t.number >= solved_at)
              and (t.number in tail or says_goodbye(t.text, state.lang)) and not _ring(call, t)
              and not _thanks_in_passing(call, t)]
    # the best goodbye counts: a proper one, then the last bare "bye" after her goodbye takes nothing away
    close = next((t for t in closes if closes_properly(t.text, state.lang) or _offered(call, t)),
                 closes[0] if closes else None)
    if close is not None and not state.solved and premature < PREMATURE_CLOSE_CAP:
        # one rule for every goodbye said before anything was solved, whether or not the same line took a step: the
        # call ended early (round 13, DE voicebox mediocre: "schönen tag noch" while he still asked "bis wann?" was
        # "closed properly", the same close in diva mediocre "ended too early")
        dim.add(close.number, call.span(close, "closing"), -PREMATURE_CLOSE, fb.item("premature_close"))
        return close.number
    elif close is not None and state.solved:
        _credit(call, dim, close, call.span(close, "closing"))
    elif not premature:
        # a goodbye the analyser did not read as one ("not my department tbh. bye", "pfiat eahna") is no "no
        # goodbye": said before anything was solved it ended the call early; after, it is a bare goodbye
        bye = next((t for t in reversed(scored) if says_goodbye(t.text, state.lang) and not _ring(call, t)), None)
        if bye is not None and not state.solved:
            dim.add(bye.number, bye.text, -PREMATURE_CLOSE, fb.item("premature_close"))
            return bye.number
        elif bye is not None and "rude" not in bye.acts:
            _credit(call, dim, bye, bye.text)
        else:
            dim.add(scored[-1].number, scored[-1].text, NO_CLOSING, fb.item("no_closing"))
    return None
