"""The transparency dimension: saying what is happening and why, a time frame, and an honest "I don't know (yet)".

Reads the transcript only (acts, evidence spans, steps, engine events). See ``docs/scoring.md`` (transparency).
"""

from __future__ import annotations

import re

from simulator.dialogue.events import Confused, Guess, Pushback, details, has
from simulator.dialogue.state import Turn
from simulator.scoring.lines import explains, guessed, lost, promise_quote, time_promise, vaguely
from simulator.scoring.recap import recap_quote, summarises
from simulator.scoring.rules import (ADMIT_UNKNOWN, ADMIT_UNKNOWN_BARE, GUESS, GUESS_CAP, NO_TRANSPARENCY, TIME_FRAME,
                                     TRANSPARENCY_STEPS, VAGUE_PROMISE)
from simulator.scoring.transcript import DimensionDraft as _Dim
from simulator.scoring.transcript import ScoredCall as _Call
from simulator.scoring.wording import finds_out, guesses, states_cause, vague_when

__all__ = ["transparency"]


def _promises(call: _Call, t: Turn, nxt: Turn | None) -> str:
    """After an honest "I don't know": a promise to find out – a callback or a time in the same line, an explanation
    in the same line beyond the admission itself (not a guess): "own"; any of them in the next line (not a rude or
    guessing one): "next"; else ''."""
    def fair(u: Turn) -> bool:
        return "rude" not in u.acts and not has(u.events, Guess)

    explains = next((x for k, x in t.evidence if k == "transparency"), "")
    own = ("callback" in t.acts or time_promise(call, t) == "concrete"  # "diese Woche?" promises no finding out
           or ("transparency" in t.acts and not _same_words(t, "transparency", "admit_unknown")
               and not guesses(explains, call.state.lang)))  # "probably the tech overran" promises nothing
    follow = (nxt is not None and fair(nxt) and any(a in nxt.acts for a in ("transparency", "callback", "time_commitment"))
              and finds_out(nxt.text, call.state.lang))  # "Dann trag ich Donnerstag ein" books a date, it finds out nothing
    return "own" if own else "next" if follow else ""


def _same_words(t: Turn, act: str, other: str) -> bool:
    """The evidence of ``act`` is the words of ``other`` (or lies inside them, or holds them)."""
    a = next((x.lower() for k, x in t.evidence if k == act), "")
    b = next((x.lower() for k, x in t.evidence if k == other), "")
    return bool(a and b) and (a in b or b in a)


_BUT = re.compile(r"\b(?:but|though|aber|doch|allerdings|jedoch)\b", re.IGNORECASE)
"""Where a hedge turns ("…, but I'm not sure", "…, aber sicher bin ich nicht")."""


def _guess_first(call: _Call, t: Turn) -> bool:
    """The line leads with a guess and hedges it after ("I think it's included probably, but I'm not sure"): she hears
    the guess as the answer (round 14). Not "I don't know yet – most likely the profile", a hypothesis after the honest
    answer (half the honesty credit, no debit)."""
    span = next((x for a, x in t.evidence if a == "admit_unknown" and x.strip()), "")
    at = t.text.find(span) if span else -1
    if not guessed(call, t):
        return False
    lang = call.state.lang
    if at > 0:
        return guesses(t.text[:at], lang)
    # the admission's words not found apart from the line: the part before its first "but" leads with the guess
    parts = _BUT.split(t.text, maxsplit=1)
    return len(parts) == 2 and guesses(parts[0], lang)


def _honesty(call: _Call, dim: _Dim) -> None:
    """Credit for an honest "I don't know (yet)". In a scenario with a step taken by it, only where that step counts:
    the line that took it (half when it guessed in the same breath); never on a rude or guessing line."""
    fb, lang = call.fb, call.state.lang
    steps = [s for s in call.sc.steps if "admit_unknown" in s.acts]
    fair = [t for t in call.scored if "rude" not in t.acts and not has(t.events, Guess)]
    if steps:
        ids = {s.id for s in steps}
        took = next((t for t in call.trainee if ids & set(t.steps)), None)
        if took is None or not call.counts(took):
            said = next((t for t in fair if "admit_unknown" in t.acts), None)
            if said is not None and took is None:
                dim.add(said.number, call.span(said, "admit_unknown"), 0.0,
                        fb.item("admit_unknown_uncounted", step=steps[0].title.get(lang) or steps[0].id))
            return
        if took not in fair:
            return
        # the step taken by insisting after her push-back ("I'll get back to you"): the admission is the earlier line
        # that said it, quoted as such (round 21: "Admitted honestly not knowing yet" quoted "I will revert back")
        admitted = [t for t in fair if "admit_unknown" in t.acts and t.number <= took.number]
        # … and where she pushed back on the admission itself, the admission is the line she pushed back on, however
        # the insisting line repeats it (round 23, EN: "I know it'd be easier to just hear a yes" quoted, not "I
        # genuinely don't know right now")
        pushed = next((u.number for u in call.trainee if u.number < took.number and ids & set(details(u.events, Pushback))), None)
        first = next((t for t in admitted if pushed is not None and t.number >= pushed), None)
        admit = first or (took if "admit_unknown" in took.acts or not admitted else admitted[-1])
        if guesses(admit.text, lang):
            dim.add(admit.number, call.span(admit, "admit_unknown"), ADMIT_UNKNOWN_BARE, fb.item("admit_unknown_guess"))
            return
    else:
        admit = next((t for t in fair if "admit_unknown" in t.acts and not lost(call, t)), None)
        unheard = next((t for t in fair if "admit_unknown" in t.acts and lost(call, t)), None)
        if admit is None and unheard is not None:  # said in a line she lost (a bad line): not counted, and said so
            dim.add(unheard.number, call.span(unheard, "admit_unknown"), 0.0,
                    fb.item("lost", claim=fb.item("admit_unknown").note))
        if admit is None:
            return
    i = call.scored.index(admit)
    nxt = call.scored[i + 1] if i + 1 < len(call.scored) else None
    promise = _promises(call, admit, nxt)
    # the promise in the next line: the note says so, the quote stays the admission (round 23, DE: "… und zugesagt,
    # es herauszufinden" on a line that promised nothing yet)
    item = (fb.item("admit_unknown") if promise == "own" else fb.item("admit_unknown_next", turn=nxt.number)._replace(
        kind="admit_unknown") if promise else fb.item("admit_unknown_bare"))
    dim.add(admit.number, call.span(admit, "admit_unknown"), ADMIT_UNKNOWN if promise else ADMIT_UNKNOWN_BARE, item)


def recaps_cause(call: _Call, t: Turn) -> bool:
    """A summary that says what happened: the recap after the fix (what the cause was), or one that names the cause
    ("…, deshalb das Kreuz", "the cable had come loose"). It says what is happening or why as much as any explanation
    (round 12, EN 20 / DE 15: a good call's recap of the cause stood beside "never said what is happening or why")."""
    if not summarises(call, t):
        return False
    span = next((x for a, x in t.evidence if a == "summary" and x.strip()), "")
    solved = call.state.solved_at is not None and t.number > call.state.solved_at
    return solved or states_cause(recap_quote(call, t), call.state.lang)


def _repairs(call: _Call, t: Turn) -> bool:
    """The line explains again, in everyday words, what the line before it said in terms she did not understand
    ("that means nothing to me"): a repair – the explanation reached her only at the second try (round 12: the
    jargon-averse mediocre call earned the full credit for re-saying its "ethernet cable" line)."""
    i = call.scored.index(t)
    before = call.scored[i - 1] if i else None
    return (before is not None and "jargon" in before.acts and has(before.events, Confused)
            and explains(call, before))


def transparency(call: _Call, dim: _Dim) -> None:
    fb = call.fb
    steps = iter(TRANSPARENCY_STEPS)
    frames = iter(TIME_FRAME)
    any_clear = False
    vague_said = vague_time = False  # a vague promise earns its small credit once
    expert = call.sc.persona.tech_level == "high"  # terms an expert understands are no obstacle to transparency
    for t in call.scored:
        unclear = ("jargon" in t.acts and not expert) or "rude" in t.acts
        if lost(call, t):  # she did not take it in: what it explained or promised did not reach her
            for act, kind in (("transparency", "transparency"), ("time_commitment", "time_frame")):
                if act in t.acts and "rude" not in t.acts:
                    dim.add(t.number, call.span(t, act), 0.0, fb.item("lost", claim=fb.item(kind).note))
            continue
        # a line that takes a step promising a reason or openness explains, as the checklist says; a guess does not;
        # a recap of the cause says what happened
        recap = "transparency" not in t.acts and recaps_cause(call, t)
        says, guess = explains(call, t), guessed(call, t)
        if says and guess and finds_out(t.text, call.state.lang):
            any_clear = True  # "I'll check with licensing and get back to you" beside the guess charged below: said what happens
        if (says or recap) and not guess:
            if unclear:
                dim.add(t.number, call.span(t, "transparency"), 0.0, fb.item("transparency_unclear"))
            elif "transparency" in t.acts and vaguely(call, t, "transparency"):
                # "die melden sich zeitnah": says that something happens, not who, what or when – the smallest credit
                # (it did say something: never "never said what is happening" beside it)
                any_clear = True
                if not vague_said:
                    vague_said = True
                    # who does what is said, only not by when ("I'll send you a confirmation later"): said so
                    when = vague_when(call.sentence(t, "transparency"), call.state.lang)
                    dim.add(t.number, call.sentence(t, "transparency"), VAGUE_PROMISE,
                            fb.item("transparency_vague_time" if when else "transparency_vague"))
            else:
                any_clear = True
                points = next(steps, 0.0)
                quote = recap_quote(call, t) if recap else call.span(t, "transparency")
                if points and _repairs(call, t):  # said again in plain words after the jargon lost her: half
                    dim.add(t.number, quote, points / 2, fb.item("transparency_repair"))
                elif points:
                    dim.add(t.number, quote, points, fb.item("transparency_recap" if recap else "transparency"))
        promise = time_promise(call, t)  # the checklist's time step reads the line the same way
        if promise:
            if promise == "vague":  # "heute noch", "soon": no concrete time frame
                if not vague_time:
                    vague_time = True
                    dim.add(t.number, call.sentence(t, "time_commitment"), VAGUE_PROMISE, fb.item("time_frame_vague"))
                continue
            points = next(frames, 0.0)
            if points:
                dim.add(t.number, promise_quote(call, t), points, fb.item("time_frame"))
    _honesty(call, dim)
    guess_cost = 0.0
    # "it'll probably be included" where "I don't know yet" was due – also hedged in the same breath ("I think it's
    # included, but I'm not a hundred percent sure"), which the engine reads as a hedge, not as her guess (round 14)
    for t in call.scored:
        hedged = "admit_unknown" in t.acts and _guess_first(call, t)  # not a vague "vermutlich heute noch" alone
        if (has(t.events, Guess) or hedged) and guess_cost < GUESS_CAP:
            guess_cost += GUESS
            # in the same breath as "I'm not sure" the guess is what she hears – not "instead of saying" it (round 26)
            dim.add(t.number, t.text, -GUESS, fb.item("guess_hedged" if hedged and not has(t.events, Guess) else "guess"))
    if not any_clear:
        at = call.scored[-1] if call.scored else None
        # quoting nothing: a "never" is in no one line (round 8: the quoted goodbye had explained what happened)
        dim.add(at.number if at else 0, "", NO_TRANSPARENCY, fb.item("no_transparency"))
