"""How a line won her over after she pushed back: with a reason, with what she asked for, or with a warm word alone.

The engine yields to a push-back when the line holds one of its ``yields_to`` acts, a reason in any words, or one of
its ``persuaded_by`` phrases (an answer to her doubt itself: "a photo is enough", "looking breaks nothing"). The
checklist and the understanding card read the line the same way, so the debrief never calls a line "won over without
a reason" when it gave one ("mit Ihrer Unterschrift reicht uns das", "if I guess wrong your boss signs something that
costs more"), nor "insisted with a reason" on a line that only hedged ("Thursday morning then probably, bye").
"""

from __future__ import annotations

from simulator.dialogue.asked_again import names_it
from simulator.dialogue.events import Pushback, Yielded, has
from simulator.dialogue.reading import gives_reason
from simulator.dialogue.state import Turn
from simulator.scoring.transcript import ScoredCall
from simulator.scoring.wording import hedges_commitment, names_consequence

__all__ = ["gave_reason", "yield_kind", "unreasoned_yield", "REASONED", "ANSWERED", "UNREASONED"]

REASONED, ANSWERED, UNREASONED = "reasoned", "answered", "unreasoned"
"""How a line won her over: with a reason; with what her push-back asked for (a firm time, a callback, a way
forward) but no reason; with a warm word alone, a hedge, or a rude line."""

_WARM = ("empathy", "reassurance")
"""Acts that only soothe: a "sorry" wins her over, it persuades her of nothing."""


def gave_reason(call: ScoredCall, t: Turn) -> bool:
    """The line says why: the analyser's transparency act, a reason in any words ("weil …", "often …"), or what goes
    wrong otherwise ("wenn ich jetzt ‚ist dabei' sage und es stimmt nicht, …", "if I guess wrong, …")."""
    lang = call.state.lang
    return "transparency" in t.acts or gives_reason(t.text, lang) or names_consequence(t.text, lang)


def _answers_doubt(call: ScoredCall, t: Turn, step: str) -> bool:
    """The line holds one of the push-back's ``persuaded_by`` phrases: it answers her doubt itself."""
    lang = call.state.lang
    pb = call.sc.step(step).pushback
    phrases = tuple(pb.persuaded_by.get(lang) or ()) if pb is not None else ()
    if not phrases:
        return False
    return names_it(phrases, t.text, lang)


_PROMISES = ("callback", "time_commitment")


def _promise_only(t: Turn) -> bool:
    """The line's transparency is only its promise ("Donnerstag, acht bis zehn Uhr. Ich schicke Ihnen eine Bestätigung
    per Mail."): every transparency span lies inside a callback or time span, and no reason in words is given."""
    told = [x.strip().lower() for a, x in t.evidence if a == "transparency" and x.strip()]
    promised = [x.strip().lower() for a, x in t.evidence if a in _PROMISES and x.strip()]
    return bool(told) and all(any(x in p for p in promised) for x in told)


def yield_kind(call: ScoredCall, t: Turn, step: str) -> str:
    """How the line that took ``step`` after her push-back won her over ('' when she did not push back on it).

    Rude, or only a hedge ("probably") with no reason in it: unreasoned. A reason, or an answer to her doubt itself:
    reasoned. A reason in the polite line she first pushed back on still stands for the plain request after it
    ("I'm asking because the strip has its own switch" – "please just check the switch"; round 13). What her
    push-back asked for, beyond a warm word ("Donnerstag, acht bis zehn Uhr, ich schicke Ihnen eine Bestätigung"):
    answered. A warm word alone ("ja ok sorry … der muss an sein"; round 11, DE 8): unreasoned."""
    if not has(t.events, Yielded, step):
        return ""
    lang = call.state.lang
    if "rude" in t.acts:
        return UNREASONED
    words = gives_reason(t.text, lang) or names_consequence(t.text, lang)
    if words or ("transparency" in t.acts and not _promise_only(t)) or _answers_doubt(call, t, step):
        return REASONED
    if hedges_commitment(t.text, lang):  # "so Thursday morning then, probably": no firm word, no reason
        return UNREASONED
    if any(has(p.events, Pushback, step) and "rude" not in p.acts and gave_reason(call, p)
           for p in call.trainee if p.number < t.number):
        return REASONED
    pb = call.sc.step(step).pushback
    if pb is not None and any(a in t.acts and a not in _WARM for a in pb.yields_to):
        return ANSWERED
    return UNREASONED


def unreasoned_yield(call: ScoredCall, t: Turn, step: str) -> bool:
    """She took ``step`` after pushing back on it, won over by a warm word alone, a hedge or a rude line."""
    return yield_kind(call, t, step) == UNREASONED
