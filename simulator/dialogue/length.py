"""A line longer than the persona listens to (``mood.max_words``): what it costs and what she says about it.

A trainer takes off marks for length but still counts what was said, and so does the customer: she complains about
the length (her ``mood.ramble`` reaction: its mood and trust cost, her words) and answers what the line told her in
the same breath, without asking again for what she was just told. Only where the scenario says a long line is lost
(``mood.ramble.lost``: a bad mobile line, "I only caught half") does she take nothing from it. Once the problem is
solved she listens to a long wrap-up (summary, goodbye) all the same.
"""

from __future__ import annotations

from simulator.dialogue.events import Event, Ramble, Unheard
from simulator.dialogue.speech import Speech
from simulator.dialogue.state import CallState
from simulator.scenario.model import Scenario


def long_line(sc: Scenario, words: int, solved: bool) -> tuple[Event, ...]:
    """The events of a line of ``words`` words: ``Ramble`` where it is longer than she listens to, and ``Unheard`` as
    well where such a line is lost (``mood.ramble.lost``) and the problem is not solved yet."""
    if not sc.mood.max_words or words <= sc.mood.max_words:
        return ()
    return (Ramble(), Unheard()) if sc.mood.ramble is not None and sc.mood.ramble_lost and not solved else (Ramble(),)


def complaint(speech: Speech, state: CallState, said: str, took: bool) -> str:
    """What she says about the length ('' where her ``mood.ramble`` says nothing). ``took``: she answers something
    the line said (a step, a refusal) – then a complaint that asks for nothing (``heard``); else her ``reply``, which
    may ask what the trainee wants. A variant said already in the call gives way to a general line (customer.yaml)."""
    sc = speech.scenario
    ramble = sc.mood.ramble
    if ramble is None or not ramble.reply:
        return ""
    text, general = (sc.mood.ramble_heard, "too_long_heard") if took else (ramble.reply, "too_long_again")
    return (speech.say(text, state, "ramble", said, optional=True) if text else "") or speech.general(
        general, state, said, "ramble", optional=False)
