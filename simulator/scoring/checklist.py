"""The checklist dimension: each step of the scenario done, half done, refused, too early, lost or missing.

Every step is worth ``50 * weight / total`` (essential steps count twice), on
top of the base; the item says which turn did it (or, for a step never taken,
why not: it needed another step first, came too early, was lost in a line too
long to take in, or was refused). Asking again bluntly after push-back costs.
"""

from __future__ import annotations

from simulator.dialogue.asked_again import names_it
from simulator.dialogue.reading import credits_her
from simulator.dialogue.events import GaveIn, Objected, Offended, Offered, Pushback, Revealed, details, has
from simulator.dialogue.state import Turn
from simulator.scoring.lines import echoed_deadline, gave_unasked, lost, promise_quote, time_promise, unreasoned_yield, vague_callback, volunteered
from simulator.scoring.persuasion import ANSWERED, REASONED, yield_kind
from simulator.scoring.recap import summarises
from simulator.scoring.rules import BLUNT_INSIST, BLUNT_INSIST_CAP, MIN_SPAN_WORDS
from simulator.scoring.summarising import solution
from simulator.scoring.transcript import DimensionDraft as _Dim
from simulator.scoring.transcript import ScoredCall as _Call
from simulator.scoring.transcript import questions, sentences
from simulator.scoring.wording import excuses, guesses

__all__ = ["checklist", "moot_steps", "insisted_bluntly"]


def _too_early(call: _Call, step, taken: dict[str, Turn]) -> tuple[Turn, str] | None:
    """The turn that did ``step`` by its act before what it needs was done (and the titles of what it needed)."""
    if not step.acts or not step.requires or step.unmet(taken):
        return None
    done_at = {r: min(taken[x].number for x in r.split("|") if x in taken) for r in step.requires}
    ready = max(done_at.values())
    # a summary up to the solution's proposal is the summary before the solution, which summarising credits – no
    # attempt at the recap "too early" (round 12, EN 24: "+12.5 summarised before" and "−5 came too early", one line)
    proposed = solution(call).turn
    tail = {u.number for u in call.real[-3:]}  # where summarising reads a summary as the one at the end

    def before(t: Turn) -> bool:
        return proposed is not None and t.number <= proposed and t.number not in tail

    t = next((t for t in call.scored if t.number < ready and any(
        a in t.acts and not (a == "summary" and before(t))
        and not (a == "time_commitment" and echoed_deadline(call, t)) for a in step.acts)), None)
    if t is None:
        return None
    lang = call.state.lang
    return t, ", ".join(_title(call, r) for r in step.requires if done_at[r] > t.number)


def _asked_early(call: _Call, step) -> tuple[Turn, str] | None:
    """The turn that asked for ``step`` before what it needs, as her reply shows: she said the step's ``early`` line
    ("Isn't that all in your ticket? Have a look at it first."); and the titles of what was not done by then."""
    said = [v for v in step.early.all(call.state.lang) if v]
    t = next((t for t in call.scored if any(v in call.customer_line(t.number) for v in said)), None) if said else None
    if t is None:
        return None
    before = {x for u in call.trainee if u.number < t.number for x in u.steps}
    return t, ", ".join(_title(call, r) for r in step.unmet(before))


def _said_unreached(call: _Call, step) -> Turn | None:
    """The last heard, civil line that did ``step`` by its first act – a recap for a recap step, a time for a time
    step – though what the step needs never happened (she refused the fix the recap and the time rest on)."""
    if not step.acts:
        return None
    act = step.acts[0]
    return next((t for t in reversed(call.scored) if "rude" not in t.acts and not lost(call, t) and act in t.acts
                 and (act != "summary" or summarises(call, t))), None)


def _lost(call: _Call, step) -> Turn | None:
    """The turn that did ``step`` by its act in a line too long for her to take in (she took no step from it)."""
    if not step.acts:
        return None
    return next((t for t in call.scored if lost(call, t) and any(a in t.acts for a in step.acts)), None)


def insisted_bluntly(call: _Call) -> list[Turn]:
    """The lines that asked again for a step she had pushed back on, without what persuades her (every push-back on
    a step after the first): debited in the checklist, and so never "stayed calm and factual" elsewhere."""
    pushbacks: dict[str, list[Turn]] = {}
    for t in call.trainee:
        for step_id in details(t.events, Pushback):
            pushbacks.setdefault(step_id, []).append(t)
    return [t for ts in pushbacks.values() for t in ts[1:]]


def moot_steps(call: _Call) -> set[str]:
    """Optional steps the solution made pointless: the call was solved without them, no solving step needs them
    (directly or through another step), they need no solving step (a recap after the fix is not moot), and they are
    a thing to check – not an act such as a summary or a time promise, and not a question about her situation (her
    deadline, her availability: ``asks``), which the fix does not answer (the router once the cable was found and
    plugged in)."""
    sc = call.sc
    if call.state.solved_at is None:
        return set()
    taken = {s for t in call.trainee for s in t.steps}
    pushbacks = {s for t in call.trainee for s in details(t.events, Pushback)}
    by_id = {s.id: s for s in sc.steps}

    def needs(sid: str, seen: frozenset[str] = frozenset()) -> set[str]:
        direct = set(by_id[sid].needs) if sid in by_id else set()
        out = set(direct)
        for r in direct - seen:
            out |= needs(r, seen | {sid})
        return out

    solving = set(sc.end.solved_when)
    on_path = set().union(*(needs(s) for s in solving)) if solving else set()
    return {s.id for s in sc.steps if not s.essential and not s.acts and not s.asks and s.id not in taken
            and s.id not in pushbacks
            and s.id not in solving and s.id not in on_path and not (needs(s.id) & solving)}


def _time_step(call: _Call, dim: _Dim, t: Turn, share: float, title: str, ess: str) -> None:
    """A time step taken by a line whose time is no concrete promise (transparency reads it the same way,
    :func:`~simulator.scoring.lines.time_promise`): done where a later line commits to a concrete time ("they're here
    until 5" – then "I call you back before 5"); else not done, said why – only vague, or no promise at all."""
    fb = call.fb
    later = next((u for u in call.scored if u.number > t.number and time_promise(call, u) == "concrete"), None)
    if later is not None:
        dim.add(later.number, promise_quote(call, later), share, fb.item("step_done", step=title, essential=ess))
    elif any(time_promise(call, u) == "vague" for u in call.scored if u.number >= t.number):
        vague = next(u for u in call.scored if u.number >= t.number and time_promise(call, u) == "vague")
        dim.add(vague.number, vague.text, -share, fb.item("step_vague_time", step=title, essential=ess))
    else:
        dim.add(t.number, t.text, -share, fb.item("step_no_time", step=title, essential=ess))


def _told_unasked(call: _Call, step) -> Turn | None:
    """The trainee turn after which she had told everything ``step`` was to find out (it asks, it reveals facts, it
    was never taken), or None."""
    if not (step.asks and step.reveals):
        return None
    missing = set(step.reveals)
    for t in call.trainee:
        missing -= set(details(t.events, Revealed))
        if not missing:
            return t
    return None


def _title(call: _Call, entry: str) -> str:
    """The title of a ``requires`` entry: its first step's ("ticket|recap_known": look into the ticket)."""
    first = entry.split("|")[0]
    return call.sc.step(first).title.get(call.state.lang) or first


def _quote(call: _Call, t: Turn, step) -> str:
    """The part of the line that did the step: the promise for a time step, the sentence of the step's act, the
    question of a step that asks (the urgency question, not the empathy before it; round 12, EN cross-cutting 4);
    else the line."""
    if "time_commitment" in step.acts and "time_commitment" in t.acts:
        return promise_quote(call, t)
    act = next((a for a in step.acts if a in t.acts), "")
    quote = call.sentence(t, act) if act else ""
    worded = _worded(call, t, step)
    if worded and (not quote or not _says(call, quote, step)):
        return worded  # the sentence in the step's own words, not the first one with its act (round 18)
    if quote:
        return quote
    asked = questions(t.text)
    return asked[0] if step.asks and len(asked) == 1 else t.text


def _says(call: _Call, text: str, step) -> bool:
    """``text`` holds one of the step's phrases."""
    return names_it(step.recognise.get(call.state.lang) or (), text, call.state.lang)


def _worded(call: _Call, t: Turn, step) -> str:
    """In a line of several sentences, the first that says the step in its phrases ("I'm sorry nobody called you back
    …" after "I can hear how frustrated you are"), a question first for a step that asks; '' when there is none or
    the line is one sentence."""
    parts = sentences(t.text)
    if len(parts) < 2:
        return ""
    asked = [p for p in parts if p.endswith("?")] if step.asks else []  # a step that asks: its question first
    lang = call.state.lang  # not a sentence that only grants her what she did ("I believe you about the plug.")
    return next((p for p in asked + parts if len(p.split()) >= MIN_SPAN_WORDS and _says(call, p, step)
                 and not credits_her(p, lang)), "")


def checklist(call: _Call, dim: _Dim) -> None:
    fb, sc, lang = call.fb, call.sc, call.state.lang
    taken: dict[str, Turn] = {}
    pushbacks: dict[str, list[Turn]] = {}
    for t in call.trainee:
        for s in t.steps:
            taken.setdefault(s, t)
        for step_id in details(t.events, Pushback):
            pushbacks.setdefault(step_id, []).append(t)
    moot = moot_steps(call)
    for s in sc.steps:  # worth nothing, costs nothing: said so, where the call was solved
        if s.id in moot:
            dim.add(call.state.solved_at or 0, "", 0.0, fb.item("step_moot", step=s.title.get(lang) or s.id))
    counted = [s for s in sc.steps if s.id not in moot and (s.id not in taken or call.counts(taken[s.id]))]
    total = sum(2 if s.essential else 1 for s in counted)
    mark = fb.text("essential_mark")
    for s in counted:
        share = 50.0 * (2 if s.essential else 1) / total
        title = s.title.get(lang) or s.id
        ess = mark if s.essential else ""
        if s.id in taken:
            t = taken[s.id]
            if has(t.events, GaveIn, s.id):  # worn down, not persuaded: half the credit
                dim.add(t.number, t.text, share / 2, fb.item("step_worn_down", step=title, essential=ess))
                continue
            offered = any(has(u.events, Offered, s.id) for u in call.trainee if u.number == t.number - 1)
            if "open_question" in s.acts and "open_question" not in t.acts and ("closed_question" in t.acts or offered):
                # she described it anyway, but the step is the open question and the line asked a closed one (or only
                # said yes to her own offer to tell): half the credit, said so (a line that asked no closed question is
                # not called one)
                kind = "step_closed" if "closed_question" in t.acts else "step_let_tell"
                dim.add(t.number, t.text, share / 2, fb.item(kind, step=title, essential=ess))
                continue
            if "admit_unknown" in s.acts and guesses(t.text, lang):
                # "I'm not sure – normally it's an add-on": honest, and a guess in the same breath: half the credit
                dim.add(t.number, t.text, share / 2, fb.item("step_hedged", step=title, essential=ess))
                continue
            if "time_commitment" in s.acts and "time_commitment" in t.acts and time_promise(call, t) != "concrete":
                _time_step(call, dim, t, share, title, ess)
                continue
            if volunteered(call, t, s) and s.reveals:  # she told it in her opening: shown as hers, quoting her words
                # (only a step whose answer is hers to tell: "say who finds out" taken by the greeting is no word of
                # hers – her reaction to it is no quote of her telling it; round 12, EN unknown-answer 1)
                said = call.customer_line(t.number)
                told = next((r for r in s.reply.all(lang) if r and r in said), said)
                dim.add(t.number, told, share, fb.item("step_volunteered", step=title, essential=ess), speaker="customer")
                continue
            if "callback" in s.acts and "callback" in t.acts and vague_callback(call, t):
                # "someone will probably call you, sometime before Thursday": who calls, and when, stays open – half
                dim.add(t.number, t.text, share / 2, fb.item("step_vague_callback", step=title, essential=ess))
                continue
            if "callback" in s.acts and gave_unasked(call, t, s):
                # she gave her number unasked: shown as hers, quoting her words – half the credit, as the trainee never
                # asked for it (round 12, DE 32)
                said = call.customer_line(t.number)
                told = next((r for r in s.reply.all(lang) if r and r in said), said)
                dim.add(t.number, told, share / 2,
                        fb.item("step_callback_unasked", step=title, essential=ess), speaker="customer")
                continue
            if unreasoned_yield(call, t, s.id):
                # won over by a warm word alone ("ja ok sorry … der muss an sein"): done, but not as the step asks –
                # no reason given; half the credit, said so (round 11, DE 8)
                dim.add(t.number, t.text, share / 2, fb.item("step_yielded_unreasoned", step=title, essential=ess))
                continue
            if s.requires and list(s.acts[:1]) == ["summary"] and not (summarises(call, t) or summarises(call, t, hers=True)):
                # a recap step heard in a line that sums nothing up - the bare result ("ok so it is working now"):
                # half the credit, said so; the summarising card reads the line the same way (round 14)
                dim.add(t.number, t.text, share / 2, fb.item("step_recap_result", step=title, essential=ess))
                continue
            if "empathy" in s.acts and excuses(t.text, lang):
                # "sorry – these things happen, we're short staffed": an apology and an excuse in one breath; the step
                # asks for one without excuses – half the credit, said so (round 14)
                dim.add(t.number, t.text, share / 2, fb.item("step_excused", step=title, essential=ess))
                continue
            after = next((b for b in s.before if b in taken and taken[b].number < t.number), None)
            if after is not None:
                # "name and number first", asked for after the fix: done, but not when it helps – half, said so (round 21)
                dim.add(t.number, _quote(call, t, s), share / 2, fb.item(
                    "step_late", step=title, essential=ess, other=call.sc.step(after).title.get(lang) or after))
                continue
            yielded = yield_kind(call, t, s.id)
            kind = {REASONED: "step_yielded", ANSWERED: "step_yielded_answered"}.get(yielded, "step_done")
            dim.add(t.number, _quote(call, t, s), share, fb.item(kind, step=title, essential=ess))
        elif s.id in pushbacks:
            last = pushbacks[s.id][-1]
            dim.add(last.number, call.customer_line(last.number), -share, fb.item("step_refused", step=title, essential=ess),
                    speaker="customer")
        elif (told := _told_unasked(call, s)) is not None:
            # what the step was to find out she told without being asked (the mobile caller's "that only works on a
            # computer – which I don't have!"): half, quoting her (round 23, EN mobile-caller: "Step missing" beside it)
            dim.add(told.number, call.customer_line(told.number), share / 2,
                    fb.item("step_told_unasked", step=title, essential=ess), speaker="customer")
        elif s.unmet(taken):
            # it comes after a step that never happened: say which, rather than only "missing"
            needs = ", ".join(_title(call, r) for r in s.unmet(taken))
            if (said := _said_unreached(call, s)) is not None:
                # said all the same – the time, the recap – on a fix she never took: the line quoted, and why it
                # does not count, beside the credit another card gives for saying it (own DE mobile-caller call)
                dim.add(said.number, _quote(call, said, s), -share,
                        fb.item("step_blocked_said", step=title, essential=ess, needs=needs))
                continue
            at = call.scored[-1] if call.scored else None
            dim.add(at.number if at else 0, "", -share, fb.item("step_blocked", step=title, essential=ess, needs=needs))
        elif (early := _too_early(call, s, taken) or _asked_early(call, s)) is not None:
            t, needs = early
            dim.add(t.number, t.text, -share, fb.item("step_early", step=title, essential=ess, needs=needs))
        elif (lost := _lost(call, s)) is not None:
            dim.add(lost.number, lost.text, -share, fb.item("step_lost", step=title, essential=ess))
        elif (rude := next((t for t in call.scored if has(t.events, Offended, s.id)), None)) is not None:
            dim.add(rude.number, rude.text, -share, fb.item("step_offended", step=title, essential=ess))
        elif (tried := next((t for t in reversed(call.scored) if has(t.events, Objected, s.id)), None)) is not None:
            # tried in a way that cannot work for her, and she said why ("'Probably'? Give me a time I can rely on"):
            # not a bare "missing" beside the line that tried – her objection quoted, as hers (round 24, EN diva)
            replies = [r for o in s.objections for r in o.reply.all(lang) if r]
            # the turn where she said her objection (a later try she answered with a goodbye, "Thanks ever so much, that
            # was really kind. Bye!", is no objection to quote; round 35, EN jargon-averse)
            tried = next((t for t in reversed(call.scored) if has(t.events, Objected, s.id)
                          and any(r in call.customer_line(t.number) for r in replies)), tried)
            said = call.customer_line(tried.number)
            said = next((r for r in replies if r in said), said)
            dim.add(tried.number, said, -share,
                    fb.item("step_objected", step=title, essential=ess), speaker="customer")
        else:
            # nothing to quote for a step never taken: the turn says where the call ended without it
            at = call.scored[-1] if call.scored else None
            dim.add(at.number if at else 0, "", -share, fb.item("step_missed", step=title, essential=ess))
    # Asking again, bluntly, after push-back.
    cost = 0.0
    for t in insisted_bluntly(call):
        if call.counts(t) and cost < BLUNT_INSIST_CAP:
            cost += BLUNT_INSIST
            dim.add(t.number, t.text, -BLUNT_INSIST, fb.item("blunt_insist"))
