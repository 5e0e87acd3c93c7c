"""Asking again what the customer has already said, ruled out or asked not to be asked.

A caller who opens with "I'm a sysadmin myself, skip the standard questions" or "before you ask: I checked the
plug!" has told the agent something; a line that asks for it again ("Have you restarted the computer?") shows she
was not listened to (seed: active listening – what the customer has already said need not be asked again). The
scenario names these things (``already_said``: since her opening, or since a fact of hers came out, with the words
of a line that asks for it); a line that gives a reason for asking anyway ("I know you checked the plug, but those
strips often have their own switch") or sums up what she said is no such line.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.dialogue.events import Pushback, Revealed, details, has
from simulator.dialogue.asked_again import ASKING_ACTS, names_it
from simulator.dialogue.reading import gives_reason, requests_story
from simulator.dialogue.state import Turn
from simulator.scoring.rules import ASKED_AGAIN, ASKED_AGAIN_CAP, MIN_SPAN_WORDS
from simulator.scoring.transcript import DimensionDraft, ScoredCall, questions, sentences



@dataclass(frozen=True, slots=True)
class AskedAgain:
    """One line that asked for what she had already said."""

    turn: int
    """The trainee turn that asked."""
    quote: str
    """The sentence that asked for it."""
    said_at: int
    """The exchange whose customer line said it (her opening, or the reply that revealed the fact)."""


def _said_at(call: ScoredCall, since: str, before: int) -> int | None:
    """The exchange (before trainee turn *before*) whose customer line said it, or None while she has not."""
    if since == "opening":
        opened = 0 if call.state.exchanges and call.state.exchanges[0].reply is not None else 1
        return opened if before > max(opened, call.first_real or 0) else None
    return next((u.number for u in call.trainee if u.number < before and since in details(u.events, Revealed)), None)


def _asking(t: Turn) -> list[str]:
    """The sentences of the line that ask: questions, and those holding a question's or a request's words – not
    "thanks for checking the plug already" before the real question."""
    spans = [text.strip() for act, text in t.evidence if act in ASKING_ACTS and text.strip()]
    return [s for s in sentences(t.text) if s.strip().endswith("?") or any(span in s for span in spans)]


def _retold(call: ScoredCall, t: Turn) -> AskedAgain | None:
    """The line asked her story again and she refused to tell it (the persona's ``retell`` filler in her reply: "From
    the start again? It's all in the ticket."): the engine's own reading, so the debrief never disagrees with her."""
    text, lang = call.sc.fillers.get("retell"), call.state.lang
    reply = call.customer_line(t.number)
    if text is None or not reply or not any(v in reply for v in text.all(lang)):
        return None
    quote = next((s for s in sentences(t.text) if requests_story(s, lang)), "") or next(iter(questions(t.text)), t.text)
    quote = quote.strip() if len(quote.split()) >= MIN_SPAN_WORDS else t.text.strip()  # "Worum gehts?": the line
    return AskedAgain(t.number, quote, _said_at(call, "opening", t.number) or 0)


def asked_again(call: ScoredCall, t: Turn) -> AskedAgain | None:
    """The line asks (with no reason, and not as a recap) for something she had already said, or None."""
    lang = call.state.lang
    retold = _retold(call, t)
    if retold is not None:
        return retold
    if not call.sc.already_said or not (any(a in t.acts for a in ASKING_ACTS) or questions(t.text)):
        return None
    # a recap of what she said ("So you've rebooted already?") asks nothing again – unless she heard it as a request
    # and refused it ("I told you, the plug is in!")
    # (the sentence that recaps: "I see the ticket: VPN drops at home. Have you restarted?" still asks)
    # A reason in words ("I know you did, but those strips have their own switch") excuses the whole line; the
    # transparency act only the sentence it is in ("I see your ticket here. Have you restarted?" still asks).
    # A recap only the learned head guessed (its evidence the whole line) excuses nothing – the customer does not take
    # it as one either ("also erstmal standardprozedur rechner neustarten …" – "Hab ich alles schon gemacht"; round 28)
    recaps = [x.strip() for a, x in t.evidence if a == "summary" and x.strip()]
    recap = "summary" in t.acts and not (recaps and all(x == t.text.strip() for x in recaps))
    if (recap and not recaps and not has(t.events, Pushback)) or gives_reason(t.text, lang):
        return None
    recaps = recaps if recap and not has(t.events, Pushback) else []
    said_why = [x.strip() for a, x in t.evidence if a == "transparency" and x.strip()]
    if "transparency" in t.acts and not said_why:
        return None
    for said in call.sc.already_said:
        phrases = said.asks.get(lang)
        at = _said_at(call, said.since, t.number) if phrases else None
        if at is None:
            continue
        quote = next((s for s in _asking(t) if names_it(phrases, s, lang) and not any(r in s for r in recaps + said_why)), "")
        if quote:
            # a question of a word or two ("und? stecker drin?") is quoted with its line: a fragment teaches nothing
            quote = quote.strip() if len(quote.split()) >= MIN_SPAN_WORDS else t.text.strip()
            return AskedAgain(t.number, quote, at)
    return None


def asked_again_debits(call: ScoredCall, dim: DimensionDraft) -> None:
    """Debit each line that asked again for what she had said (questioning: listening), up to the cap."""
    cost = 0.0
    for t in call.scored:
        found = asked_again(call, t)
        if found is None or "rude" in t.acts or cost >= ASKED_AGAIN_CAP:
            continue
        cost += ASKED_AGAIN
        # she pushed back on a step the line asked for ("I told you, the plug is in!"): checking it again is the step –
        # what was missing is the reason, and the tip says so rather than "don't ask it again" (round 23)
        kind = "asked_again_pushed" if has(t.events, Pushback) else "asked_again"
        dim.add(t.number, found.quote, -ASKED_AGAIN, call.fb.item(kind, turn=found.said_at))
