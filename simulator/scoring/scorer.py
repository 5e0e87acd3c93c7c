"""Scores a finished call on the eight rubric dimensions, with evidence for every point.

Reads only the scenario and the call's transcript (acts, evidence spans,
steps and event tags that the engine recorded); never re-runs the analyser,
so scoring a 30-turn call takes well under 20 ms.

Each dimension is ``base + sum(effects)``, clamped to 0..100; the effects are
the evidence items' points. See ``docs/scoring.md`` for the formulas.

Turns of pure noise or silence (event ``noise``) are skipped everywhere: the
engine already charges the customer's patience once for them; positional
rules ("first turn", "next turn after a provocation") count only real turns.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from rapidfuzz import fuzz

from simulator.dialogue.events import (Confused, Noise, PrematureClose, Pushback, Revealed, Temptation, Yielded,
                                       details, has)
from simulator.dialogue.state import CallState, Turn
from simulator.scoring.rubric import DIMENSIONS, TIP_BELOW, DimensionScore, Score, weights_for
from simulator.scoring.rules import (  # noqa: F401 - the rubric's numbers, importable from here too
    QUOTE_CHARS, MIN_SPAN_WORDS, EMPATHY_BASE, EMPATHY_CALM_BASE, EMPATHY_CALM_BONUS, CUE_OPENING_STRONG,
    CUE_OPENING_MILD, CUE_TEMPTATION, CUE_PUSHBACK, CUE_MOOD_DROP, OPENING_WINDOW, OPENING_PROMPT, LATE_OPENING_SHARE,
    CUE_WINDOW, MOOD_DROP, STOCK_EMPATHY_SHARE,
    SAME_PHRASE_LIMIT, SAME_PHRASE_SIMILARITY, REPEAT_PENALTY, REPEAT_PENALTY_CAP, QUESTIONING_BASE, OPEN_FIRST,
    OPEN_LATE, NO_OPEN, OPEN_FIRST_WITHIN, NARROWING, NO_NARROWING, LISTENING, NO_LISTENING, BARRAGE_RUN,
    BARRAGE_PENALTY, BARRAGE_CAP, SUMMARY_BASE, SUMMARY_POINTS, PARAPHRASE_POINTS, CHECKLIST_BASE,
    BLUNT_INSIST, BLUNT_INSIST_CAP, CLARITY_BASE, JARGON_PENALTY, CLEAR_INSTRUCTION, CLEAR_INSTRUCTION_CAP,
    INSTRUCTION_WORDS, LONG_INSTRUCTION, RAMBLE_PENALTY, TRANSPARENCY_BASE, TRANSPARENCY_STEPS, NO_TRANSPARENCY,
    TIME_FRAME, ADMIT_UNKNOWN, ADMIT_UNKNOWN_BARE, COURTESY_BASE, GREETING, NO_GREETING, CLOSING, NO_CLOSING,
    PREMATURE_CLOSE, PREMATURE_CLOSE_CAP, RUDE, CALM, CALM_CAP, CALLBACK_EARLY, CALLBACK_LATE, NO_CALLBACK,
    CALLBACK_WITHIN, VAGUE_PROMISE, NOTHING_EXPLAINED, EXPLAINING_ACTS, SOLVED_POINTS, MOOD_LEVEL_POINTS, MOOD_CHANGE_CAP, GREETING_BARE, GREETING_TEAM, CLOSING_BARE, GUESS, GUESS_CAP, BRIEF_SUMMARY_WORDS,
)
from simulator.scoring.wording import excuses, says_goodbye
from simulator.scoring.transcript import DimensionDraft as _Dim
from simulator.scoring.transcript import questions
from simulator.scoring.transcript import ScoredCall as _Call
from simulator.scoring.checklist import checklist as _checklist
from simulator.scoring.checklist import insisted_bluntly
from simulator.scoring.clarity import clarity as _clarity
from simulator.scoring.closing import closing
from simulator.scoring.greeting import greeting
from simulator.scoring.summarising import summarising
from simulator.scoring.transparency import transparency
from simulator.scoring.lines import (WARM_ACTS, asks_openly, rebuffed, before_rudeness, explains, paraphrases, guessed, listens, lost,
                                     restates, restating_sentence, narrows, shows_empathy, stock_empathy, passes_over, unreasoned_yield, warm)
from simulator.scoring.recap import recap_quote, summarises
from simulator.scoring.asked_again import asked_again, asked_again_debits


ACK_ACTS = ("active_listening", "empathy", "summary", "transparency", "reassurance")
QUESTION_ACTS = ("open_question", "closed_question")


# -- the opening ----------------------------------------------------------------
def _opening(call: _Call) -> tuple[int, str]:
    """(exchange whose reply holds the customer's opening, the opening's words).

    The phone rings first: the opening starts her reply to the trainee's first
    line (exchange 1). A call stored before the ring existed has it as exchange 0.
    """
    first = call.state.exchanges[0] if call.state.exchanges else None
    if first is not None and first.reply is not None:
        return 0, first.reply.text
    reply = call.customer_line(1)
    said = next((v for v in call.sc.opening.all(call.state.lang) if v and reply.startswith(v)), reply)
    return 1, said


def _answers_the_ring(call: _Call, t: Turn) -> bool:
    """The first line greets and invites her to talk ("Hotline, Weber, was kann ich für Sie tun?"): no interrogation."""
    return t.number == call.first_real and "greeting" in t.acts and "closed_question" not in t.acts


def _bad_line(sc) -> bool:
    """A mobile line, or a scenario where the line drops: the callback number is due first."""
    return sc.line.kind == "mobile" or any(e.kind == "line_drop" for e in sc.events)


# -- dimensions ---------------------------------------------------------------
def _cues(call: _Call) -> dict[int, tuple[float, list[str], str, int]]:
    """Emotional cues by the trainee turn that should answer them: (weight, kinds, quote, window)."""
    sc, cues = call.sc, {}

    def add(answer_at: int | None, weight: float, kind: str, quote: str, window: int = CUE_WINDOW) -> None:
        if answer_at is None:
            return
        old = cues.get(answer_at)
        if old is None:
            cues[answer_at] = (weight, [kind], quote, window)
        else:
            kinds = old[1] + ([kind] if kind not in old[1] else [])
            cues[answer_at] = (max(old[0], weight), kinds, old[2] if old[0] >= weight else quote, max(old[3], window))

    # The opening is a cue only when the caller shows stress (anger, worry) or real time pressure; a cheerful
    # caller with a medium-urgent problem is not one. Its label names no emotion it can't be sure of.
    start, urgency = sc.mood.start, sc.situation.urgency
    heard_at, opening = _opening(call)
    # The greeting may already answer what the briefing foretells (a third call, a missed visit); after she
    # has opened, the trainee has the usual window of real turns to answer what she showed.
    window = OPENING_WINDOW + sum(1 for t in call.real if t.number <= heard_at)
    # On a bad line the callback number comes first (courtesy asks for it in the same first turns): a turn spent
    # on it does not use up the window for answering her stress.
    if _bad_line(sc) and any("callback" in t.acts for t in call.real[:window]):
        window += 1
    if start <= -40 or (urgency == "high" and start <= 0):
        add(call.first_real, CUE_OPENING_STRONG, "opening", opening, window)
    elif start <= -15 or urgency == "high":
        add(call.first_real, CUE_OPENING_MILD, "opening", opening, window)
    seen_pushback: set[str] = set()
    previous_mood = start
    for t in call.trainee:
        nxt = call.next_real(t.number)
        nxt_no = nxt.number if nxt else None
        quote = call.customer_line(t.number)
        for ev in t.events:
            if isinstance(ev, Temptation):
                add(nxt_no, CUE_TEMPTATION, "temptation", quote)
            elif isinstance(ev, Pushback) and ev.step not in seen_pushback:
                seen_pushback.add(ev.step)
                add(nxt_no, CUE_PUSHBACK, "pushback", quote)
        if not has(t.events, Noise):
            # her goodbye is no mood to answer, whatever the number did ("Thanks ever so much … Bye!"; round 11, EN 23)
            if t.mood <= previous_mood - MOOD_DROP and not says_goodbye(quote, call.state.lang):
                add(nxt_no, CUE_MOOD_DROP, "mood_drop", quote)
            previous_mood = t.mood
    return cues


def _empathy(call: _Call, dim: _Dim) -> None:
    fb = call.fb
    # Which turns show fresh understanding (not a phrase used SAME_PHRASE_LIMIT times already)?
    used: list[str] = []
    fresh: set[int] = set()
    repeat_cost = 0.0
    for t in call.real:
        if not warm(call, t) or "rude" in t.acts:
            continue
        phrase = call.marker(t, *WARM_ACTS).lower()
        same = sum(1 for p in used if fuzz.ratio(p, phrase) >= SAME_PHRASE_SIMILARITY)
        used.append(phrase)
        if same < SAME_PHRASE_LIMIT:
            fresh.add(t.number)
        elif call.counts(t) and repeat_cost < REPEAT_PENALTY_CAP:
            repeat_cost += REPEAT_PENALTY
            dim.add(t.number, call.span(t, *WARM_ACTS), -REPEAT_PENALTY, fb.item("repeat_phrase", count=same + 1))
    cues = {k: v for k, v in _cues(call).items() if k in call.scored_numbers}
    if not cues:
        dim.base = EMPATHY_CALM_BASE
        # a bluff's comfort ("das ist bestimmt mit drin", a guess in transparency) shows nothing (round 28)
        shown = [t for t in call.scored if t.number in fresh and (shows_empathy(call, t) or not guessed(call, t))]
        # a phrase that names nothing shows nothing to a calm caller ("let's do one thing at a time"; round 13)
        real = [t for t in shown if not stock_empathy(call, t)]
        for t in real[:2]:  # the note says what the line did: understanding, or only reassurance
            kind = "calm_empathy" if shows_empathy(call, t) else "calm_reassured"
            dim.add(t.number, _warm_quote(call, t), EMPATHY_CALM_BONUS, fb.item(kind))
        if shown and not real:
            dim.add(shown[0].number, _warm_quote(call, shown[0]), 0.0, fb.item("calm_empathy_bare"))
        if not shown and call.scored:
            dim.add(call.scored[-1].number, "", 0.0, fb.item("calm_none"))  # the whole call: no line to quote
        return
    total = sum(w for w, *_ in cues.values())
    numbers = [t.number for t in call.real]
    expert = call.sc.persona.tech_level == "high"
    said: dict[int, str] = {}  # one line answers one cue: a line already credited earns nothing more (round 9)
    for at, (weight, kinds, quote, window) in sorted(cues.items()):
        share = 50.0 * weight / total
        idx = numbers.index(at)
        # a moment answered with rudeness first is not answered by a warm word after it (round 11, DE 8)
        heard = _opening(call)[0] if "opening" in kinds else 0
        window_turns = [t for t in before_rudeness(call.real[idx: idx + window], heard) if call.counts(t)]
        free = [t for t in window_turns if t.number not in said]
        # taking the bait with a guess is no answer to it, however warm the words around it
        answer = next((t for t in free if t.number in fresh and not guessed(call, t)), None)
        # the first line after the moment passed over it: a reason in a later line answers the next thing she said
        # (round 13: "is this a known bug?" – "then just add the suffix" – "I'll pass that on")
        skipped = bool(window_turns) and window_turns[0].number == at and passes_over(call, window_turns[0])
        reason = None if skipped else next((t for t in window_turns if explains(call, t) and not guessed(call, t) or (
            has(t.events, Yielded) and not any(unreasoned_yield(call, t, s) for s in details(t.events, Yielded)))), None)
        # an expert's opening (a busy peer: "skip the standard questions") is answered by taking up his analysis
        # and getting on with it – a summary of his words – as much as by a word of understanding
        heard = next((t for t in free if expert and all(k == "opening" for k in kinds) and summarises(call, t)), None)
        # a bait to guess ("Is it a known bug?", "If you had to guess?") is answered by saying honestly what is not
        # known yet – as much as by a word of understanding (round 8: "ohne Verständnis" for the honest answer)
        honest = next((t for t in free if all(k == "temptation" for k in kinds) and "admit_unknown" in t.acts
                       and "rude" not in t.acts and not guessed(call, t)), None)
        # the line that would have answered it already answered another cue: said so, for nothing
        again = next((t for t in window_turns if t.number in said), None)
        cue = " / ".join(fb.cue(k) for k in kinds)
        if answer is None and honest is not None:
            said[honest.number] = call.span(honest, "admit_unknown")
            dim.add(honest.number, said[honest.number], share, fb.item("cue_honest", cue=cue))
        elif answer is not None:  # "with understanding" only where the line shows it; else it reassured
            said[answer.number] = _warm_quote(call, answer)
            kind = "cue_answered" if shows_empathy(call, answer) else "cue_reassured"
            # her opening answered only after other business: late, half – never labelled as answered at once
            late = all(k == "opening" for k in kinds) and answer.number > max(_prompt_replies(call), default=answer.number)
            if rebuffed(call, answer):  # she threw it back ("'Inconvenience'?", "No worries, you say …"): nothing
                dim.add(answer.number, said[answer.number], 0.0, fb.item("cue_answered_rebuffed", cue=cue))
            elif late:
                dim.add(answer.number, said[answer.number], share * LATE_OPENING_SHARE, fb.item(kind + "_late", cue=cue))
            elif kind == "cue_answered" and excuses(answer.text, call.state.lang):  # "sorry – these things happen": half
                dim.add(answer.number, said[answer.number], share * STOCK_EMPATHY_SHARE, fb.item("cue_answered_excused", cue=cue))
            elif kind == "cue_answered" and stock_empathy(call, answer):  # a bare "sorry" names nothing: half
                dim.add(answer.number, said[answer.number], share * STOCK_EMPATHY_SHARE, fb.item("cue_answered_bare", cue=cue))
            else:
                dim.add(answer.number, said[answer.number], share, fb.item(kind, cue=cue))
        elif heard is not None:
            said[heard.number] = call.span(heard, "summary")
            dim.add(heard.number, said[heard.number], share, fb.item("cue_acknowledged", cue=cue))
        elif again is not None:
            _note_once(dim, again.number, said[again.number], fb.item("cue_same_line", cue=cue))
        elif reason is not None and not all(k.startswith("opening") for k in kinds):
            _note_once(dim, reason.number, call.span(reason, "transparency"), fb.item("cue_reason_only", cue=cue))
        else:
            dim.add(at, quote, -share, fb.item("cue_missed", cue=cue), speaker="customer")


def _prompt_replies(call: _Call) -> set[int]:
    """The trainee's first real reply(ies) after she opened – not the line that answers the ring – which answer her
    opening "at once" (OPENING_PROMPT; one more on a bad line when one of them took the callback number)."""
    heard_at = _opening(call)[0]
    after = [t for t in call.real if t.number > heard_at and not _answers_the_ring(call, t)]
    n = OPENING_PROMPT + (1 if _bad_line(call.sc) and any("callback" in t.acts for t in after[:OPENING_PROMPT]) else 0)
    return {t.number for t in after[:n]}


def _note_once(dim: _Dim, turn: int, quote: str, item) -> None:
    """A 0-point note, once per line: two moments answered by one line are one note, not the same one twice (round 23,
    DE: "heikle Stelle … mit einer Begründung" beside "Widerspruch … mit einer Begründung", same quote)."""
    if not any(e.turn == turn and (e.note == item.note or e.kind == item.kind) for e in dim.items):
        dim.add(turn, quote, 0.0, item)


def _warm_quote(call: _Call, t: Turn) -> str:
    """The sentence that shows understanding; the whole line when only a step it took did (an apology the analyser
    read as nothing)."""
    return call.span(t, *WARM_ACTS) if any(a in t.acts for a in WARM_ACTS) else t.text


def _questioning(call: _Call, dim: _Dim) -> None:
    fb, scored = call.fb, call.scored
    if not scored:
        dim.add(0, "", NO_OPEN, fb.item("no_open"))
        return
    position = {t.number: i for i, t in enumerate(call.real)}
    polite = [t for t in scored if "rude" not in t.acts]  # a rude line earns no credit for how it asks
    opens = [t for t in polite if asks_openly(call, t)]
    # the credit says she described it in her own words: only where she did – the line took a step or drew out facts,
    # or it answered the ring and her opening is the description ("what's the problem then?" to a caller who refuses
    # to tell it all again draws out nothing)
    # (or told it once persuaded: the step it asked for was pushed back on, then taken)
    taken = {s for u in call.trainee for s in u.steps}
    told = [t for t in opens if t.steps or has(t.events, Revealed) or t.number == call.first_real
            or set(details(t.events, Pushback)) & taken]
    first_open = told[0] if told else None
    first_closed = next((t for t in scored if "closed_question" in t.acts), None)
    if opens and first_open is None:
        dim.add(opens[0].number, call.span(opens[0], "open_question"), 0.0, fb.item("open_unanswered"))
        first_open = opens[0]  # narrowing is still judged after it
        narrow_only = True
    else:
        narrow_only = False
    if first_open is not None:
        early = position[first_open.number] < OPEN_FIRST_WITHIN and (
            first_closed is None or first_closed.number >= first_open.number)
        if narrow_only:
            pass
        elif early and has(first_open.events, Confused) and call.sc.persona.tech_level != "high":
            # asked in terms she did not understand ("what's the error, and which client, IMAP or ActiveSync?" –
            # "say it in plain words"): she described it all the same, but the question did half its work (round 24)
            dim.add(first_open.number, call.span(first_open, "open_question"), OPEN_FIRST / 2,
                    fb.item("open_first_unclear"))
        elif early:
            dim.add(first_open.number, call.span(first_open, "open_question"), OPEN_FIRST, fb.item("open_first"))
        else:
            dim.add(first_open.number, call.span(first_open, "open_question"), OPEN_LATE, fb.item("open_late"))
        # narrowing (lines.narrows): a targeted question or instruction – not an apology, her number or "Stimmt das?"
        narrow = next((t for t in polite if t.number > first_open.number and narrows(call, t) and not lost(call, t)
                       and not asked_again(call, t)), None)  # asking what she had said narrows nothing
        if narrow is not None:
            dim.add(narrow.number, call.question(narrow, "closed_question", "open_question", "instruction"), NARROWING,
                    fb.item("narrowing"))
        else:  # missing: nothing to quote; the tip's example is a question of this call's own checklist
            example = _follow_up(call)
            dim.add(scored[-1].number, "", NO_NARROWING,
                    fb.item("no_narrowing_example", example=example) if example else fb.item("no_narrowing"))
    else:
        # never "she could not describe it" when a describe step shows she did (on closed questions, or unasked)
        taken = {s for t in call.trainee for s in t.steps}
        described = any("open_question" in s.acts and s.id in taken for s in call.sc.steps)
        # what she had told (or the ticket says) summed up early instead of asking her to tell it again: no debit
        # (a summary in jargon she could not follow spared her nothing: "so your NIC has no link" – round 23)
        summed = next((t for t in scored[:OPEN_FIRST_WITHIN] if "summary" in t.acts and "jargon" not in t.acts
                       and not lost(call, t) and not guessed(call, t)), None)  # nor a guess (round 33)
        if summed is not None:
            dim.add(summed.number, call.span(summed, "summary"), 0.0, fb.item("open_not_needed"))
            narrow = next((t for t in polite if t.number > summed.number and narrows(call, t) and not lost(call, t)
                           and not asked_again(call, t)), None)  # then asked what the summary left open
            if narrow is not None:
                dim.add(narrow.number, call.question(narrow, "closed_question", "open_question", "instruction"), NARROWING,
                        fb.item("narrowing_summed"))
        else:
            dim.add(scored[0].number, scored[0].text, NO_OPEN, fb.item("no_open_described" if described else "no_open"))
        # asking for the callback number is closed by nature: the debit quotes a question that could have been open
        closed = next((t for t in polite if "closed_question" in t.acts and "callback" not in t.acts), None)  # a rude line's is rhetorical
        if closed is not None and summed is None:  # "Is that still the picture?" after the summary checks it back
            dim.add(closed.number, call.span(closed, "closed_question"), NO_NARROWING, fb.item("closed_only"))
    asked_again_debits(call, dim)  # asking what she had said did not listen: nor is it credited as listening here
    # the line that answers the ring hears nothing yet: its "Ja, …" answers the phone (round 13, DE unknown-answer)
    polite = [t for t in polite if not (t.number == call.first_real and _opening(call)[0] == 1)]
    listening = [t for t in polite if (listens(call, t) or summarises(call, t, hers=True) or restates(call, t))
                 and not asked_again(call, t)]
    # repeating back what she could not take in (too long) is not counted here either – said so, as summarising does
    # (an attempt at it is enough to say so: its words echo hers)
    for t in [t for t in polite if lost(call, t) and not listens(call, t)
              and (summarises(call, t, hers=True) or paraphrases(call, t, attempt=True))]:
        if t in listening:
            listening.remove(t)
        dim.add(t.number, t.text, 0.0, fb.item("lost", claim=fb.item("listening_summary").note))
    # a bare "ok" / "gut" is a weak signal: it earns at most the smaller credit, and only if nothing better came
    weak = [t for t in polite if "active_listening" in t.acts and t not in listening and not asked_again(call, t)]
    credits = list(zip(listening, LISTENING)) or [(t, LISTENING[-1]) for t in weak[:1]]
    for t, points in credits:
        # the note says how the line listened: a back-channel ("I see"), or repeating back what she said (a summary,
        # an echo of her words) – "just to recap" is no back-channel
        # (saying back what she said is the stronger signal: quoted, not a back-channel beside it – round 14)
        if lost(call, t) and (listens(call, t) or t in weak):  # what she could not take in: only its back-channel
            dim.add(t.number, call.span(t, "active_listening"), points, fb.item("listening"))
        elif summarises(call, t, hers=True):
            dim.add(t.number, recap_quote(call, t), points, fb.item("listening_summary"))
        elif restates(call, t):
            dim.add(t.number, restating_sentence(call, t), points, fb.item("listening_summary"))
        elif listens(call, t) or t in weak:
            dim.add(t.number, call.span(t, "active_listening"), points, fb.item("listening"))
        else:
            dim.add(t.number, t.text, points, fb.item("listening_summary"))
    if not credits:
        dim.add(scored[0].number, _opening(call)[1], NO_LISTENING, fb.item("no_listening"), speaker="customer")
    # An interrogation is a run of question turns with no acknowledgement: a line counted as listening above (an
    # echo of her words, too) acknowledges, and answering the ring with "what can I do for you?" starts no run.
    heard = {t.number for t in listening + weak}
    run: list[Turn] = []
    cost = 0.0

    def close_run() -> None:
        nonlocal cost
        if len(run) >= BARRAGE_RUN and cost < BARRAGE_CAP:
            cost += BARRAGE_PENALTY
            dim.add(run[-1].number, run[-1].text, -BARRAGE_PENALTY, fb.item("barrage", count=len(run)))

    for t in scored:
        if (any(a in t.acts for a in QUESTION_ACTS) and not any(a in t.acts for a in ACK_ACTS)
                and t.number not in heard and not _answers_the_ring(call, t)):
            run.append(t)
        else:
            close_run()
            run = []
    close_run()


_TIP_WORD = re.compile(r"\w{4,}")
TIP_ASKED_SHARE = 0.6
"""A tip's example question counts as asked when this share of its longer words stood in one of the trainee's questions."""


def _follow_up(call: _Call) -> str:
    """A narrowing question of this scenario, for the tip: an example question of the first step that finds something
    out by asking (not the describe step), in the call's language ('' when the checklist has none)."""
    lang = call.state.lang
    steps = sorted(call.sc.steps, key=lambda s: not s.asks)  # steps that find something out by asking first
    taken = {s for t in call.trainee for s in t.steps}
    asked = [set(_TIP_WORD.findall(q.lower())) for t in call.trainee for q in questions(t.text)]

    def new(example: str) -> bool:  # never suggest a question the trainee has asked ("Unter welcher Nummer …?"),
        words = set(_TIP_WORD.findall(example.lower()))  # also in other forms ("Scans" – "eingescannten")
        return not any(words and sum(any(a[:5] == w[:5] or a[:-1] in w for a in q) for w in words)
                       >= TIP_ASKED_SHARE * len(words) for q in asked)

    for step in steps:
        if "open_question" in step.acts or step.id in taken:
            continue
        example = next((x for x in step.examples.get(lang) if x.rstrip().endswith("?") and new(x)), "")
        if example:
            return example
    return ""


def _courtesy(call: _Call, dim: _Dim) -> None:
    fb, sc, state = call.fb, call.sc, call.state
    scored = call.scored
    greeting(call, dim, _opening(call)[1])  # how the ring was answered (scoring/greeting.py)
    premature = 0.0
    for t in scored:
        # the line that answers the ring ends nothing: "thanks for calling" there is a greeting, not a goodbye
        if has(t.events, PrematureClose) and premature < PREMATURE_CLOSE_CAP and not _answers_the_ring(call, t):
            premature += PREMATURE_CLOSE
            dim.add(t.number, call.span(t, "closing"), -PREMATURE_CLOSE, fb.item("premature_close"))
    early = closing(call, dim, premature)  # the goodbye: offer and good wishes (scoring/closing.py)
    # Provocations: the next real turn stays calm, or is rude.
    provoked: set[int] = set()
    calm = 0.0
    # not calm and factual: asking again what she refused (the checklist debits it), or ending the call unsolved
    pressing = {t.number for t in insisted_bluntly(call)} | {t.number for t in scored if has(t.events, PrematureClose)}
    pressing |= {early} if early is not None else set()
    for t in call.trainee:
        if has(t.events, Temptation):
            nxt = call.next_real(t.number)
            if nxt is None or not call.counts(nxt):
                continue
            if "rude" in nxt.acts:
                provoked.add(nxt.number)
            elif passes_over(call, nxt) and nxt.acts and nxt.number not in pressing:  # on with his own business
                dim.add(nxt.number, nxt.text, 0.0, fb.item("calm_passed_over"))
            elif calm < CALM_CAP and nxt.acts and not guessed(call, nxt) and nxt.number not in pressing:  # says something
                # falling for the bait is not staying calm
                calm += CALM
                dim.add(nxt.number, nxt.text, CALM, fb.item("calm"))
    for t in scored:
        if "rude" in t.acts:
            dim.add(t.number, call.span(t, "rude"), -RUDE, fb.item("rude_provoked" if t.number in provoked else "rude"))
    # Callback number on a bad line.
    if _bad_line(sc) and scored:
        position = {t.number: i for i, t in enumerate(call.real)}
        cb = next((t for t in call.real if "callback" in t.acts), None)
        if cb is None:
            dim.add(scored[0].number, _opening(call)[1], NO_CALLBACK, fb.item("no_callback"), speaker="customer")
        elif call.counts(cb):
            early = position[cb.number] < CALLBACK_WITHIN
            dim.add(cb.number, call.span(cb, "callback"), CALLBACK_EARLY if early else CALLBACK_LATE,
                    fb.item("callback_early" if early else "callback_late"))


def _outcome(call: _Call, dim: _Dim) -> None:
    fb, state, sc = call.fb, call.state, call.sc
    dim.base = 0.0
    last = call.trainee[-1].number if call.trainee else 0
    final_line = call.customer_line(last) or state.last_customer_line
    outcome = state.outcome
    resolved = outcome.resolved if outcome else state.solved
    reason = outcome.reason if outcome else ("solved" if state.solved else "script_end")
    final = outcome.final_mood if outcome else state.mood
    if resolved:
        at = state.solved_at or last
        dim.add(at, call.customer_line(at) or final_line, SOLVED_POINTS, fb.item("solved"), speaker="customer")
    else:
        dim.add(last, final_line, 0.0, fb.item("unresolved", reason=fb.reason(reason)), speaker="customer")
    level = MOOD_LEVEL_POINTS * (final + 100.0) / 200.0
    change = max(-MOOD_CHANGE_CAP, min(MOOD_CHANGE_CAP, final - sc.mood.start))
    dim.add(last, final_line, level + change, fb.item("mood", final=final, start=sc.mood.start), speaker="customer")


_SCORERS = {
    "empathy": (_empathy, EMPATHY_BASE),
    "questioning": (_questioning, QUESTIONING_BASE),
    "summarising": (summarising, SUMMARY_BASE),
    "checklist": (_checklist, CHECKLIST_BASE),
    "clarity": (_clarity, CLARITY_BASE),
    "transparency": (transparency, TRANSPARENCY_BASE),
    "courtesy": (_courtesy, COURTESY_BASE),
    "outcome": (_outcome, 0.0),
}


def score_call(scenario, state: CallState, *, turns: Collection[int] | None = None) -> Score:
    """The explained score of a (finished) call; ``turns``: only these trainee turns count (hot seat)."""
    call = _Call(scenario, state, turns)
    weights = weights_for(scenario)
    dims: list[DimensionScore] = []
    for name in DIMENSIONS:
        weight = weights[name]
        if weight <= 0:
            dims.append(DimensionScore(name, None, 0.0, (), ""))
            continue
        fn, base = _SCORERS[name]
        dim = _Dim(name, base)
        if call.scored or name == "outcome":
            fn(call, dim)
        else:
            # Nothing said (no trainee turn, only noise, or none of this trainee's turns): nothing earned.
            dim.add(0, _opening(call)[1], -base, call.fb.item("silent"), speaker="customer")
        value = round(dim.value, 1)
        tip = call.fb.advice(name) if value < TIP_BELOW else ""
        items = tuple(sorted(dim.items, key=lambda e: e.turn))
        dims.append(DimensionScore(name, value, weight, items, tip, base=dim.base))
    applicable = [d for d in dims if d.value is not None]
    wsum = sum(d.weight for d in applicable)
    total = round(sum(d.value * d.weight for d in applicable) / wsum, 1) if wsum else 0.0
    return Score(total=total, lang=state.lang, dimensions=tuple(dims))


def base_of(name: str) -> float:
    """The documented starting value of a dimension (empathy: 70 when the call had no emotional cue)."""
    return _SCORERS[name][1]
