"""The customer's reply planner: one coherent answer per turn.

The engine decides *what happened* (acts, steps, push-back, events); the
planner decides *what the customer says* about it, under three rules:

1. **One reaction.** At most one reaction to the trainee's manner (the
   strongest one), and never one that contradicts another part: a complaint
   that the line was too long drops a friendly "Exactly, that's how I
   understood it too".
2. **No verbatim repeats.** A line the customer already said in this call is
   not said again while another variant is left; an optional part (a
   reaction, a filler) with no fresh variant is left out rather than
   repeated.
3. **Order.** Reaction, then the substance (a step's answer, push-back, a
   scripted event, the solution), each part once.
4. **One acknowledgement.** Parts written to stand alone often open with
   "Gut, …", "Yes, please." or "Okay."; in one answer only the first such
   opening is said ("Good, someone will check it. That works for me – …",
   not "… Good, that works for me"), and no sentence is said twice – nor a
   short exclamation whose words were all said already ("Finally someone
   who gets to the point. … Finally. Note, photo, done").
5. **No praise with a refusal.** When she refuses what she was asked, a
   friendly reaction is not said in the same breath.

Pure: the parts and the lines said so far go in, a string comes out.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import re

from simulator.dialogue.reading import SENTENCE_END, acknowledges, drop_acknowledgement, ends_acknowledging

OPTIONAL = ("reaction", "filler")
"""Part kinds that are left out rather than repeated verbatim."""
SAME_SENTENCE_WORDS = 3
"""A sentence of at least this many words is not said twice in one answer (shorter ones – "Hm.", "…" – may be)."""
_WORD = re.compile(r"\w+", re.UNICODE)


def _echoed(sentence: str, words: set[str]) -> bool:
    """*sentence* is a short exclamation ("Finally.", "Genau!") whose words were all said already (*words*)."""
    own = [w.lower() for w in _WORD.findall(sentence)]
    return 0 < len(own) < SAME_SENTENCE_WORDS and all(w in words for w in own)


def said_lines(replies: list[str] | tuple[str, ...]) -> str:
    """Every customer reply of the call so far, joined, for repeat checks."""
    return "\n".join(replies)


def choose(options: tuple[str, ...] | list[str], key: str, said: str, *, optional: bool) -> str:
    """One of ``options``, picked by ``key``, preferring variants not said yet in the call.

    With every variant said already: '' when ``optional``, else the picked one again.
    """
    options = [o for o in options if o]
    if not options:
        return ""
    fresh = [o for o in options if o not in said]
    pool = fresh or ([] if optional else options)
    if not pool:
        return ""
    return pool[random.Random(key).randrange(len(pool))]


@dataclass(slots=True)
class ReplyPlan:
    """The parts of one customer answer, collected while the engine works through a turn."""

    said: str
    """The customer's earlier lines in this call (joined), for repeat checks."""
    reaction: str = ""
    """The one reaction to the trainee's manner ('' for none)."""
    reaction_weight: float = 0.0
    """How strongly the chosen reaction moved the mood (its absolute mood change)."""
    reaction_tone: int = 0
    """+1 friendly, -1 hostile, 0 neutral."""
    complaint: str = ""
    """A complaint about how the trainee spoke (too long); it overrules friendly reactions."""
    parts: list[str] = field(default_factory=list)
    """The substance, in order: step answers, push-back, yielding, events, the solution."""
    lang: str = "en"
    """The language of the answer (which openings are only an acknowledgement)."""
    refusing: bool = False
    """She refuses what she was asked (push-back): no friendly reaction in the same breath ("Well, at least someone
    understands. I told you, the plug is in! I'm not stupid")."""

    def react(self, text: str, mood: float) -> None:
        """Offer a reaction; the strongest one (by mood change) wins."""
        if text and (not self.reaction or abs(mood) > self.reaction_weight):
            self.reaction, self.reaction_weight = text, abs(mood)
            self.reaction_tone = (mood > 0) - (mood < 0)

    def complain(self, text: str, alone: bool = False) -> None:
        """Say ``text`` first; ``alone``: instead of her answers so far ("Sorry! Tell me again what the issue is?" –
        her refusal to tell it again, not "Thank you" for the apology in the same breath)."""
        self.complaint = text or self.complaint
        if text and alone:
            self.reaction, self.parts = "", []

    def refuse(self, text: str) -> None:
        """Add her refusal of a request; a friendly reaction is then not said."""
        self.refusing = self.refusing or bool(text)
        self.add(text)

    def add(self, text: str) -> None:
        if text and text not in self.parts:
            self.parts.append(text)

    @property
    def empty(self) -> bool:
        return not (self.reaction or self.complaint or self.parts)

    def keep(self, parts: list[str]) -> None:
        """Say only those of the parts so far that are in ``parts`` (her answers to steps), no reaction."""
        self.reaction, self.complaint = "", ""
        self.parts = [p for p in self.parts if p in parts]

    def replace_all(self, text: str) -> None:
        """Say only ``text`` (a hang-up, a goodbye)."""
        self.reaction, self.complaint, self.parts = "", "", [text] if text else []

    def text(self) -> str:
        """The answer: complaint or reaction, then the substance."""
        head = []
        if self.complaint:
            head.append(self.complaint)
            if self.reaction and self.reaction_tone < 0:
                head.append(self.reaction)  # hostile on top of too long: both fit
        elif self.reaction and not (self.refusing and self.reaction_tone > 0):
            head.append(self.reaction)
        out: list[str] = []
        sentences: set[str] = set()
        words: set[str] = set()  # every word said in this answer so far
        acknowledged = False
        for p in head + self.parts:
            if not p or p in out:
                continue
            if acknowledged and acknowledges(p, self.lang):
                p = drop_acknowledgement(p, self.lang)  # "Gut. … Gut, das reicht mir" -> "… Das reicht mir"
            # a sentence said once in this answer is not said again ("Meine Frau sagt das auch." twice)
            kept = [s for s in SENTENCE_END.split(p) if s and not (len(s.split()) >= SAME_SENTENCE_WORDS and s in sentences)
                    and not _echoed(s, words)]
            sentences.update(kept)
            words.update(w.lower() for s in kept for w in _WORD.findall(s))
            p = " ".join(kept).strip()
            if not p:
                continue
            acknowledged = acknowledged or acknowledges(p, self.lang) or ends_acknowledging(p, self.lang)
            out.append(p)
        return " ".join(out)
