"""The summarising dimension: a summary before the solution is proposed, and one at the end.

The *solution turn* is the first turn that takes (or is pushed back on) a
solving step of ``end.solved_when`` (solving steps at the head of the
checklist – the caller's name and number – are preconditions); only when no
solving step is ever attempted does the first instruction count. A summary up
to it earns the "before" credit; the final summary comes after the solution
(or the problem being solved) or in the last three turns. One line is never
both: a summary only in the line that solved the call is the summary of what
was agreed, and the one before is then missing. A solving step taken on a line
that only asked, together with the step it requires (she answered a question by
finding and fixing it herself), asked for no summary before it. A rude line summarises nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.dialogue.events import Objected, Pushback, Revealed, details
from simulator.dialogue.state import Turn
from simulator.scoring.lines import lost, own_steps, paraphrases, restating_sentence
from simulator.scoring.recap import brief_summary, recap_quote, summarises
from simulator.scoring.rules import PARAPHRASE_POINTS, PROPOSAL_ACTS, SUMMARY_POINTS
from simulator.scoring.transcript import DimensionDraft as _Dim
from simulator.scoring.transcript import ScoredCall as _Call

__all__ = ["summarising", "solution", "did_herself", "found_herself", "Solution"]


DIRECTING_ACTS = tuple(a for a in PROPOSAL_ACTS if a != "time_commitment")
"""Acts by which a line proposes something: not how long it takes ("dauert nur a paar Minuten" reassures, it proposes
no fix – round 14, DE jargon-averse good T4: a check question she answered by fixing it herself)."""


def did_herself(sc, t: Turn) -> bool:
    """She went from checking to fixing on her own: the line only asked (a question, none of the acts that propose
    something – no instruction, explanation, callback, honest "I don't know"; :data:`DIRECTING_ACTS`) and yet took a step together with
    the step it requires ("Is it hanging loose somewhere?" – she finds the loose cable and plugs it in)."""
    if any(a in t.acts for a in DIRECTING_ACTS) or not any(a in t.acts for a in ("open_question", "closed_question")):
        return False
    taken = set(t.steps)
    return any(taken & set(s.needs) for s in sc.steps if s.id in taken)


def found_herself(call: _Call, t: Turn) -> bool:
    """She had just found the cause herself: the real line before ``t`` took a check the solving step of ``t`` requires,
    and her answer to it told what she found ("Hang on. The switch on the strip is off!" – "Flick it back on"). The
    problem is then said by her, in her words, a moment ago: a summary before the obvious fix is not what a trainer
    asks for – the recap at the end is (round 12: DE 5, EN checked-plug and jargon-averse good, turn 4)."""
    before = [u for u in call.real if u.number < t.number]
    if not before:
        return False
    prev = before[-1]
    solving = set(call.sc.end.solved_when) & set(t.steps)
    needed = {r for s in call.sc.steps if s.id in solving for r in s.needs}
    found = set(details(prev.events, Revealed))
    return any(s.id in needed and s.id in prev.steps and not s.asks and found & set(s.reveals) for s in call.sc.steps)


@dataclass(frozen=True, slots=True)
class Solution:
    """Where the call's solution was first proposed, which step made it one, and whether the trainee proposed it."""

    turn: int | None
    """The trainee turn, or None when no solution was ever attempted."""
    step: str
    """The solving step's title ('' when the first instruction was the proposal)."""
    proposed: bool
    """False when the solving step was taken on a line that proposed nothing (she did it herself)."""


def solution(call: _Call) -> Solution:
    """The trainee turn that first proposes a solution – a solving step (or push-back on one), else an instruction."""
    solving = set(call.sc.end.solved_when)
    # Solving steps at the head of the checklist (taking the caller's details) are preconditions, not a proposal.
    for step in call.sc.steps:
        if step.id not in solving or len(solving) == 1:
            break
        solving.discard(step.id)
    lang = call.state.lang
    for t in call.real:
        # not what she told unasked; a proposal she objected to ("by e-mail? my e-mail is down") was proposed all the same
        objected = set() if lost(call, t) else set(details(t.events, Objected))  # a line she lost proposed nothing to her
        hit = solving & (set(own_steps(call, t)) | set(details(t.events, Pushback)) | objected)
        if hit:
            step = next(s for s in call.sc.steps if s.id in hit)
            return Solution(t.number, step.title.get(lang) or step.id, not did_herself(call.sc, t))
    # Only when no solving step is ever attempted does the first instruction count as the proposal.
    return Solution(next((t.number for t in call.real if "instruction" in t.acts), None), "", True)


def _credit(call: _Call, dim: _Dim, t: Turn, kind: str) -> None:
    """Full points for a summary that says something; half for a few words ("So it was the strip. Bye."), an echo of
    few of her words, or one in terms a lay caller does not know (:func:`~simulator.scoring.recap.brief_summary`)."""
    if brief_summary(call, t, hers=kind == "summary_before"):
        dim.add(t.number, recap_quote(call, t), SUMMARY_POINTS / 2, call.fb.item(f"{kind}_brief"))
    else:
        dim.add(t.number, recap_quote(call, t), SUMMARY_POINTS, call.fb.item(kind))


def summarising(call: _Call, dim: _Dim) -> None:
    fb, scored = call.fb, call.scored
    if not scored:
        dim.add(0, "", -SUMMARY_POINTS, fb.item("no_summary_before"))
        dim.add(0, "", -SUMMARY_POINTS, fb.item("no_summary_end"))
        return
    sol = solution(call)
    # a rude line summarises nothing; a line too long to take in summarised nothing she heard (said so, once)
    summaries = [t for t in scored if summarises(call, t) and not lost(call, t)]
    unheard = [t for t in scored if summarises(call, t) and lost(call, t)]
    halved: Turn | None = None  # a lost summary before the solution takes half the "no summary before" debit
    limit = sol.turn if sol.turn is not None else scored[-1].number
    solved_at = call.state.solved_at
    after = max(limit, solved_at or 0)
    # the last three turns – not one before the fix was proposed ("ok so friday afternoon one to three is ok" before
    # anything was booked was 'summarised at the end'; round 31, EN missed-appointment mediocre)
    tail = {t.number for t in call.real[-3:] if sol.turn is None or t.number >= sol.turn}
    recaps = {s.id for s in call.sc.steps if "summary" in s.acts}

    before: Turn | None = None

    def at_end(t: Turn) -> bool:
        # the line that proposes the fix, after the problem was summed up before it, sums up the problem once more –
        # not what was agreed ("So the disk is simply full from years of scans. My suggestion: …"; round 14, EN
        # voicebox good T5); the only summary in the line that solved the call is the one of what was agreed
        again = sol.proposed and t.number == sol.turn and before is not None and before is not t
        # … unless it says back a time already promised: that is what was agreed ("to sum up: … I'll call you by 4")
        again = again and not ("time_commitment" in t.acts
                               and any("time_commitment" in u.acts for u in call.real if u.number < t.number))
        # so is the recap the checklist credits after the proposal, though the time frame came after it (round 18),
        # or in the proposal's own line ("So to sum up: I check with licensing and call you by 3. Which number?")
        recap = sol.turn is not None and (t.number > sol.turn and bool(recaps & set(t.steps)) or t.number == sol.turn and any(
            s.id in t.steps and set(s.needs) & set(t.steps) for s in call.sc.steps if s.id in recaps))  # what it agreed
        return (t.number >= after or t.number in tail or recap) and (recap or not again)

    # before the solution a summary takes up what she told (not the proposal itself, nor the agent's own words): one
    # before the proposal's line rather than in it, the fullest, the latest of those ("Okay, Monday's the deadline,
    # mornings are best." after an early brief echo of the ticket)
    told = [t for t in summaries if t.number <= limit and summarises(call, t, hers=True)]
    early = {s.id for s in call.sc.steps if s.id in recaps and s.before}  # recap steps due before the fix
    stepped = [t for t in told if early & set(t.steps)]  # the checklist's own recap before the fix stands first
    told = [t for t in told if t.number < limit] or told
    full = [t for t in told if not brief_summary(call, t, hers=True)]
    before = (stepped or full or told)[-1] if told else None
    with_solution = False
    # a recap step due before the fix (``before: [fix]``) taken in the fix's own line, ahead of it, is the summary
    # before the solution – the checklist ticks "Zusammenfassen, bevor es an die Lösung geht" (round 28, DE rambler;
    # EN: a question's echo two lines earlier was quoted instead)
    ahead = before is not None and any(s.id in before.steps and s.before for s in call.sc.steps if s.id in recaps)
    if (before is not None and sol.turn is not None and not ahead
            and ((solved_at is not None and before.number >= solved_at) or (sol.proposed and before.number == sol.turn))
            and not any(at_end(s) for s in summaries if s is not before)):
        # the only summary came in the line that solved the call, or in the line that first proposed the fix ("So let
        # me sum up: … you'll send us a photo of a signed note, and as soon as it arrives I'll unlock it"): that is
        # the summary of what was agreed – the checklist's "summarise what was agreed" step says so too (round 16)
        before, with_solution = None, True
    # The final summary: after the solution (or the problem being solved), or in the last three turns. A summary only
    # in the line that first proposed the fix is the one of what was agreed where that line took a recap step too (the
    # checklist says so); asked on before she agreed ("…, and I unlock them. Is that okay?") it agreed nothing yet.
    # (the recap step is then missing from the checklist, and no summary of what was agreed is credited here either)
    unagreed = (with_solution and sol.turn != solved_at  # the proposal's line, not the one that solved the call
                and recaps and not recaps & set(call.state.steps_done))  # and the checklist says "step missing"
    end = next((t for t in reversed(summaries) if t is not before and at_end(t)
                and not (unagreed and t.number == sol.turn)), None)
    if before is not None:
        _credit(call, dim, before, "summary_before")
    elif sol.turn is None:  # no solution proposed: the debit says what was missing, quoting nothing
        dim.add(scored[-1].number, "", -SUMMARY_POINTS, fb.item("no_summary"))
    else:
        at = next((t for t in scored if t.number >= limit), scored[-1])
        # a summary not due is not missing: with the recap at the end that the note asks for, the points a summary
        # would earn – the dimension does not stop at 75 under a note that says "right so" (round 16: EN and DE
        # checked-plug and jargon-averse good calls); without it, nothing (a call with no summary at all earns none);
        # after a recap of a few words ("So it was the power strip."), half – what that recap earns (round 24, EN
        # checked-plug mediocre: 88 for summarising with no summary but four words at the end)
        due = 0.0 if end is None else SUMMARY_POINTS / 2 if brief_summary(call, end) else SUMMARY_POINTS
        if not sol.proposed:  # she fixed it herself in answer to a question: nothing was proposed to summarise before
            dim.add(at.number, at.text, due, fb.item("summary_not_due", step=sol.step))
        elif found_herself(call, at):  # she has just said what is wrong: the fix follows, the recap comes at the end
            dim.add(at.number, at.text, due, fb.item("summary_not_due_found", step=sol.step))
        else:
            # name the step that made this the solution: an honest "I don't know yet" proposes nothing by itself
            kind = "no_summary_before_with" if with_solution and sol.step else (
                "no_summary_before_step" if sol.step else "no_summary_before")
            halved = next((t for t in unheard if t.number < at.number), None)
            if halved is not None:  # she did not hear it, but the trainee did summarise: half the debit, and why
                dim.add(halved.number, call.span(halved, "summary"), -SUMMARY_POINTS / 2,
                        fb.item("no_summary_before_lost"))
            else:
                dim.add(at.number, at.text, -SUMMARY_POINTS, fb.item(kind, step=sol.step))
            para = next((t for t in scored if t.number < at.number and "rude" not in t.acts and not lost(call, t)
                         and paraphrases(call, t)), None)
            # a recap too long to take in: not counted, said so – never silently dropped while another card counts it
            for t in [t for t in scored if t.number < at.number and t not in unheard and "rude" not in t.acts
                      and lost(call, t) and paraphrases(call, t, attempt=True)][:1]:
                dim.add(t.number, t.text, 0.0, fb.item("lost", claim=fb.item("paraphrase_before").note))
            if para is not None:  # an echo of her words is a start: partial credit, quoting the sentence that echoes
                dim.add(para.number, restating_sentence(call, para) or call.span(para, "active_listening"), PARAPHRASE_POINTS,
                        fb.item("paraphrase_before"))
    for t in unheard:
        if t is not halved:
            dim.add(t.number, call.span(t, "summary"), 0.0, fb.item("lost", claim=fb.item("summary_before").note
                    if sol.turn is None or t.number <= sol.turn else fb.item("summary_end").note))
    # a recap of what was never agreed – she refused the fix, and the checklist's recap step was never reached – is
    # not "summed up what was agreed": quoted, nothing earned, and no "never summed up" beside it (own DE
    # mobile-caller call: +25 here while the checklist said "not reached: summarise what was agreed")
    steps = [s for s in call.sc.steps if s.id in recaps]
    if end is not None and steps and not recaps & set(call.state.steps_done) and all(
            s.unmet(call.state.steps_done) for s in steps):
        needs = dict.fromkeys(r for s in steps for r in s.unmet(call.state.steps_done))
        titles = ", ".join(call.sc.step(r.split("|")[0]).title.get(call.state.lang) or r for r in needs)
        dim.add(end.number, recap_quote(call, end), 0.0, fb.item("summary_end_unagreed", needs=titles))
    elif end is not None:
        _credit(call, dim, end, "summary_end")
    else:  # quoted where it was missing: the last line that was not the summary already credited
        last = next((t for t in reversed(scored) if t is not before), None)
        dim.add(last.number if last else scored[-1].number, last.text if last else "", -SUMMARY_POINTS,
                fb.item("no_summary_end"))
