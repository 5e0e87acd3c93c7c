"""A debrief that never contradicts itself: checks over a finished score.

``problems(scenario, state, score)`` lists every way the score contradicts
the call it explains — a quote the trainee never said, a customer line passed
off as the trainee's, "step missing" for a step that was taken, the same
rule crediting and debiting one line, credit for clarity or listening on a
rude line, greeting credit without an introduction, closing credit for a
bare "bye", a push-back label where nobody pushed back, a value that is not
its base plus its effects; and (round 7) one dimension denying what another
credits on the same line – no open question beside an open-question step, never
explained beside a step taken "with a reason", credit for a line too long to take
in, a concrete time for a vague promise, a step missing that the solution made
pointless – or an entry printed twice. A long line she took in all the same is
credited for what it said and debited once for its length: no contradiction; "not
counted – too long" belongs only to a line she lost (engine event ``unheard``). An
empty list is a consistent debrief.

The tests run it over every scripted call and over simulated calls; it is
cheap enough to run after every real call too.
"""

from __future__ import annotations

from simulator.dialogue.events import Confused, Guess, Noise, Pushback, Ramble, Revealed, Unheard, details, has
from simulator.scoring.checklist import moot_steps
from simulator.scoring.summarising import did_herself, solution
from simulator.scoring.transcript import ScoredCall, sentence_bounds
from simulator.scoring.wording import (answers_with_team, closes_properly, greets, offers_more, guesses, introduces,
                                       transparency_step, vague)
from simulator.scoring.feedback import Feedback
from simulator.scoring.lines import before_rudeness, narrows, paraphrases, restates, shows_empathy, unpunctuated, warm
from simulator.scoring.recap import summarises
from simulator.scoring.rules import CUE_WINDOW, MIN_SPAN_WORDS, OPENING_WINDOW

OPPOSITES = (
    ("summary_before", "no_summary_before"), ("summary_end", "no_summary_end"), ("summary_before", "no_summary_before_step"),
    ("summary_before_brief", "no_summary_before"), ("summary_before_brief", "no_summary_before_step"),
    ("summary_end_brief", "no_summary_end"), ("step_done", "step_missed"),
    ("step_yielded", "step_missed"), ("step_yielded_unreasoned", "step_missed"), ("step_yielded_answered", "step_missed"), ("step_excused", "step_missed"), ("step_late", "step_missed"), ("step_done", "step_blocked"), ("greeting", "no_greeting"), ("closing", "no_closing"),
    ("listening", "no_listening"), ("transparency", "no_transparency"), ("cue_answered", "cue_missed"),
    ("open_first", "no_open"), ("open_late", "no_open"), ("callback_early", "no_callback"),
    ("callback_late", "no_callback"), ("narrowing", "no_narrowing"), ("listening", "barrage"),
    ("cue_reassured", "cue_missed"), ("open_first", "no_open_described"), ("open_late", "no_open_described"),
    ("cue_acknowledged", "cue_missed"), ("listening_summary", "no_listening"), ("listening_summary", "barrage"),
    ("step_volunteered", "step_missed"), ("step_told_unasked", "step_missed"), ("greeting", "premature_close"), ("greeting_team", "premature_close"),
    ("greeting_bare", "premature_close"), ("cue_honest", "cue_missed"), ("calm", "premature_close"),
    ("cue_answered_late", "cue_missed"), ("cue_reassured_late", "cue_missed"), ("cue_answered_bare", "cue_missed"),
    ("cue_answered_excused", "cue_missed"), ("open_first_unclear", "no_open"), ("open_first_unclear", "no_open_described"),
)
"""Kinds of evidence that are the credit and the debit of one rule (or that say the opposite about one line, like
"listened actively" and "questions without acknowledgement"): never both for one trainee turn."""
NO_CREDIT_WHEN_RUDE = ("clear_instruction", "listening", "listening_summary", "calm", "transparency", "time_frame", "cue_answered",
                       "cue_acknowledged", "cue_honest", "cue_answered_late", "cue_reassured_late",
                       "cue_answered_bare", "cue_answered_excused", "cue_reassured", "calm_empathy", "calm_reassured", "summary_before", "summary_before_brief",
                       "summary_end", "summary_end_brief", "paraphrase_before", "narrowing", "open_first", "open_late",
                       "open_first_unclear", "admit_unknown", "admit_unknown_bare", "admit_unknown_guess")
"""Credits a rude line must never earn: no clarity, listening, summarising, calm or honesty in a rude line."""
HEARD_CREDITS = ("summary_before", "summary_before_brief", "summary_end", "summary_end_brief", "paraphrase_before",
                 "listening_summary", "narrowing",
                 "transparency", "time_frame", "admit_unknown", "admit_unknown_bare", "admit_unknown_guess")
"""Credits for what the customer heard: never on a line she could not take in (too long)."""
LOST_MARKS = ("step_lost", "lost", "no_summary_before_lost", "ramble_lost")
"""Evidence that says a line was too long to take in: only on a line the engine says she lost (``unheard``)."""
LENGTH_DEBITS = ("ramble", "ramble_lost")
"""The length debit of a long line: once per line, and only on a line the engine measured as too long."""
STEP_CREDITS = ("step_done", "step_yielded", "step_yielded_unreasoned", "step_yielded_answered", "step_excused", "step_worn_down",
                "step_closed", "step_let_tell", "step_hedged", "step_recap_result", "step_volunteered", "step_callback_unasked",
                "step_vague_callback", "step_late")
"""A checklist step credited to a line: never one she lost."""
ADMIT_CREDITS = ("admit_unknown", "admit_unknown_bare", "admit_unknown_guess")
"""Credits for an honest "I don't know (yet)"."""
WARM_CLAIMS = ("cue_answered", "cue_answered_late", "cue_answered_bare", "cue_answered_excused", "calm_empathy")
"""Notes that say the line showed understanding: the line must hold the empathy act."""


def _whole_sentences(text: str, quote: str, cut: bool) -> bool:
    """``quote`` is whole sentences of ``text``: it starts where a sentence starts and – unless it was cut short
    with "…" – ends where one ends (round 9: "so I can tell", "first thing in the morning" taught nothing)."""
    text = " ".join(text.split())
    start = text.find(quote)
    if start < 0:
        return True  # not the line's words at all: reported as such
    starts, ends = sentence_bounds(text)
    return start in starts and (cut or start + len(quote) in ends)


def _bare(quote: str) -> str:
    return quote.rstrip("…").strip()


def problems(scenario, state, score) -> list[str]:
    """Every contradiction between ``score`` and the call ``state`` of ``scenario`` ('' free: consistent)."""
    out: list[str] = []
    fb = Feedback.for_language(score.lang)
    trainee = {t.number: t for t in state.trainee_turns}
    customer_lines = [x.reply.text for x in state.exchanges if x.reply is not None]
    pushed = any(has(t.events, Pushback) for t in trainee.values())
    for d in score.dimensions:
        if d.value is None:
            if d.evidence:
                out.append(f"{d.name}: not applicable but has evidence")
            continue
        total = max(0.0, min(100.0, d.base + sum(e.effect for e in d.evidence)))
        if abs(total - d.value) > 0.11:
            out.append(f"{d.name}: value {d.value} is not base {d.base} plus its effects ({total:.1f})")
        signs: dict[tuple[int, str], dict[str, float]] = {}
        seen: set[tuple] = set()
        for e in d.evidence:
            entry = (e.turn, e.kind, e.note, e.quote)
            if entry in seen:
                out.append(f"{d.name} T{e.turn} {e.kind}: the same entry printed twice")
            seen.add(entry)
            where = f"{d.name} T{e.turn} {e.kind}"
            quote = _bare(e.quote)
            if e.speaker == "trainee" and quote:
                line = trainee.get(e.turn)
                if line is None or quote not in line.text:
                    out.append(f"{where}: quote is not the trainee's line of that turn: {e.quote!r}")
                elif quote != line.text.strip() and len(quote.split()) < MIN_SPAN_WORDS:
                    out.append(f"{where}: quote is a fragment: {e.quote!r}")
                elif not _whole_sentences(line.text, quote, e.quote.endswith("…")):
                    out.append(f"{where}: quote is not a whole sentence of the line: {e.quote!r}")
            elif e.speaker == "customer" and quote:
                if not any(quote in c for c in customer_lines):
                    out.append(f"{where}: quote marked as the customer's is not hers: {e.quote!r}")
            elif quote:
                out.append(f"{where}: a quote with no speaker: {e.quote!r}")
            line = trainee.get(e.turn)
            if e.effect > 0 and line is not None and "rude" in line.acts and e.kind in NO_CREDIT_WHEN_RUDE \
                    and e.speaker == "trainee":
                out.append(f"{where}: credit ({e.kind}) for a rude line")
            if e.kind == "greeting" and (line is None or not introduces(line.text, state.lang)):
                out.append(f"{where}: greeting credit without an introduction")
            if e.kind == "greeting" and (line is None or not greets(line.text, state.lang)):
                out.append(f"{where}: 'greeted' for a line without a greeting word")
            if e.kind == "greeting_team" and (line is None or not greets(line.text, state.lang)):
                out.append(f"{where}: 'greeted and named the team' for a line without a greeting")
            # the time is what is judged ("Die melden sich dann bis morgen Mittag." names a concrete time; the quote is
            # now its whole sentence, so its vague "die melden sich" must not count here)
            if e.kind == "time_frame" and e.effect > 0 and line is not None \
                    and vague(e.quote, state.lang, time_only=True) and vague(line.text, state.lang, time_only=True):
                out.append(f"{where}: 'concrete time frame' for a vague promise: {e.quote!r}")
            # an offer just before the goodbye ("Gibt's noch etwas?" … "Tschüss") makes it a proper close (closing.py)
            before = [t for t in state.trainee_turns if line is not None and t.number < line.number
                      and not has(t.events, Noise)]
            if e.kind == "closing" and (line is None or not (closes_properly(line.text, state.lang) or (
                    before and offers_more(before[-1].text, state.lang)))):
                out.append(f"{where}: closing credit for a bare goodbye")
            out += _salutation(e, line, state.lang, where)
            if e.kind in ("step_missed", "step_blocked", "step_early", "step_lost", "step_offended", "step_objected"):
                for sid in state.steps_done:
                    title = scenario.step(sid).title.get(state.lang) or sid
                    if title in e.note:
                        out.append(f"{where}: 'step missing' for a step that was taken: {sid}")
            if not pushed and (e.kind == "step_refused" or fb.cue("pushback") in e.note):
                out.append(f"{where}: push-back named but nobody pushed back")
            if quote and e.speaker == "trainee":
                signs.setdefault(e.turn, {})[e.kind] = e.effect
            out += _claims(scenario, state, e, line, where)
        for turn, kinds in signs.items():
            for plus, minus in OPPOSITES:
                if plus in kinds and minus in kinds:
                    out.append(f"{d.name} T{turn}: {plus} and {minus} for the same line")
    out += _across(scenario, state, score)
    out += _length(state, score)
    out += _understanding(scenario, state, score)
    out += _calm(score)
    out += _volunteered(scenario, state, score)
    return out


def _salutation(e, line, lang: str, where: str) -> list[str]:
    """Round 9b: a greeting or goodbye label says less than its own quote – "not yourself" beside "da is da Huber
    Sepp", "no greeting with name and team" beside "Ja, Helpdesk.", "without thanks" beside "bedank i mi"."""
    if line is None or e.speaker != "trainee":
        return []
    text = line.text
    if e.kind in ("greeting_team", "greeting_team_only", "greeting_bare", "no_greeting") and introduces(text, lang):
        return [f"{where}: the greeting label says 'not yourself' for a line that introduces the agent"]
    if e.kind in ("greeting_bare", "no_greeting") and answers_with_team(text, lang):
        return [f"{where}: the greeting label says 'no team' for a line that answers with the team's name"]
    if e.kind in ("greeting_team_only", "greeting_unspoken") and greets(text, lang):
        return [f"{where}: 'no greeting' for a line that greets"]
    if e.kind == "closing_bare" and closes_properly(text, lang):
        return [f"{where}: 'no offer, thanks or good wish' for a goodbye that has one"]
    return []


def _length(state, score) -> list[str]:
    """A long line has one reading everywhere: taken in (its steps and credits count, clarity debits its length once)
    or lost on a bad line (engine event ``unheard``: nothing in it counts, and the debrief says "too long" for it)."""
    out: list[str] = []
    by_number = {t.number: t for t in state.trainee_turns}
    unheard = {n for n, t in by_number.items() if has(t.events, Unheard)}
    debits: dict[int, int] = {}
    for d in score.dimensions:
        for e in d.evidence:
            line = by_number.get(e.turn)
            if e.kind in LOST_MARKS and e.turn not in unheard and line is not None:
                out.append(f"{d.name} T{e.turn}: '{e.kind}' (too long to take in) for a line the customer took in")
            if e.kind in STEP_CREDITS and e.effect > 0 and e.turn in unheard:
                out.append(f"{d.name} T{e.turn}: step credit ({e.kind}) for a line the customer lost (too long)")
            if e.kind in LENGTH_DEBITS:
                debits[e.turn] = debits.get(e.turn, 0) + 1
                if line is not None and not has(line.events, Ramble):
                    out.append(f"{d.name} T{e.turn}: length debit for a line that was not too long")
    out += [f"T{n}: the length of one line debited {k} times" for n, k in debits.items() if k > 1]
    return out


def _volunteered(scenario, state, score) -> list[str]:
    """Round 9: a step she told unasked ("the customer told it") is hers – never the trainee's proposal that wanted a
    summary first, nor the trainee's explanation."""
    told = {(e.turn, title) for e in score.dimension("checklist").evidence if e.kind == "step_volunteered"
            for s in scenario.steps if (title := s.title.get(state.lang) or s.id) in e.note}
    out = []
    by_number = {t.number: t for t in state.trainee_turns}
    for e in score.dimension("summarising").evidence:
        if e.kind in ("no_summary_before_step", "no_summary_before_with") and any(
                turn == e.turn and title in e.note for turn, title in told):
            out.append(f"summarising T{e.turn}: 'moved on to the solution' for a step the customer told unasked")
    for e in score.dimension("transparency").evidence:
        line = by_number.get(e.turn)
        if e.kind == "transparency" and e.effect > 0 and line is not None and "transparency" not in line.acts:
            own = [s for s in line.steps if transparency_step(scenario.step(s).title.get(state.lang) or s, state.lang)
                   and (e.turn, scenario.step(s).title.get(state.lang) or s) not in told]
            if not own:
                out.append(f"transparency T{e.turn}: 'said what is happening' for a step the customer told unasked")
    return out


def _calm(score) -> list[str]:
    """Round 9: "stayed calm and factual" never on a line another card debits for pressing on – asking again what she
    refused (checklist) or ending the call unsolved (courtesy)."""
    pressed = {(e.turn, e.kind) for d in score.dimensions for e in d.evidence
               if e.kind in ("blunt_insist", "premature_close") and e.effect < 0}
    return [f"courtesy T{e.turn}: 'stayed calm and factual' for a line debited as {kind}"
            for e in score.dimension("courtesy").evidence if e.kind == "calm" and e.effect > 0
            for turn, kind in pressed if turn == e.turn]


def _understanding(scenario, state, score) -> list[str]:
    """Round 9: the understanding card credits one line once, and sees the warmth the checklist credits – a step
    taken by an apology or reassurance is never beside "no understanding" for the moment that line answered."""
    out: list[str] = []
    dim = score.dimension("empathy")
    if dim.value is None:
        return out
    fb = Feedback.for_language(state.lang)
    credits: dict[int, int] = {}
    for e in dim.evidence:
        if e.effect > 0 and e.speaker == "trainee":
            credits[e.turn] = credits.get(e.turn, 0) + 1
    out += [f"empathy T{n}: one line credited {k} times for understanding" for n, k in credits.items() if k > 1]
    call = ScoredCall(scenario, state, None)
    real = [t.number for t in call.real]
    warm_steps = {s.id for s in scenario.steps if {"empathy", "reassurance"} & set(s.acts)}
    checklist = score.dimension("checklist")
    done = {e.turn for e in (checklist.evidence if checklist.value is not None else ())
            if e.kind in ("step_done", "step_yielded", "step_yielded_unreasoned", "step_yielded_answered", "step_excused") and e.effect > 0
            and any((scenario.step(sid).title.get(state.lang) or sid) in e.note for sid in warm_steps)}
    for e in dim.evidence:
        if e.kind == "calm_none" and done:
            out.append(f"empathy: 'no understanding shown in the whole call' while the checklist credits a step of "
                       f"understanding at T{min(done)}")
        if e.kind == "cue_missed" and e.turn in real:
            window = OPENING_WINDOW if fb.cue("opening") in e.note else CUE_WINDOW
            idx = real.index(e.turn)
            by_number = {t.number: t for t in call.trainee}
            # up to the first rude line: a warm word after it answers the insult, not the moment (lines.before_rudeness)
            heard = (state.exchanges[0].reply is None) if fb.cue("opening") in e.note else 0  # she opened after T1
            turns = before_rudeness([by_number[n] for n in real[idx: idx + window]], int(heard))
            inside = [t.number for t in turns if t.number in done and warm(call, t)]
            if inside and not any(x.turn == inside[0] and x.kind == "repeat_phrase" for x in dim.evidence):
                out.append(f"empathy T{e.turn}: 'did not answer with understanding' while the checklist credits a step "
                           f"of understanding at T{inside[0]}, in the window of that moment")
    return out


def _claims(scenario, state, e, line, where: str) -> list[str]:
    """What one evidence item says about its line (or the call) that the transcript contradicts."""
    out = []
    lang = state.lang
    taken = {s for t in state.trainee_turns for s in t.steps}
    honesty = {s.id for s in scenario.steps if "admit_unknown" in s.acts}
    if e.kind == "no_open" and any("open_question" in s.acts and s.id in taken for s in scenario.steps):
        out.append(f"{where}: says the customer was never asked to describe it, while a describe step was taken")
    if line is None or e.speaker != "trainee":
        return out
    acts = line.acts
    first = next((t.number for t in state.trainee_turns if not has(t.events, Noise)), None)
    persuaded = set(details(line.events, Pushback)) & taken
    if e.kind == "open_first" and has(line.events, Confused) and scenario.persona.tech_level != "high":
        out.append(f"{where}: full credit for an open question the customer did not understand")
    if e.kind in ("open_first", "open_late", "open_first_unclear") and not line.steps and not has(line.events, Revealed) \
            and line.number != first and not persuaded:
        out.append(f"{where}: 'the customer describes it' for an open question she answered with nothing")
    if e.kind == "listening" and e.effect > 0 and "active_listening" not in acts:
        out.append(f"{where}: 'back-channel signal' for a line without one (only {', '.join(acts) or 'no act'})")
    if e.kind == "listening_summary" and e.effect > 0 and not summarises(ScoredCall(scenario, state, None), line,
                                                                          hers=True) \
            and not restates(ScoredCall(scenario, state, None), line):
        out.append(f"{where}: 'repeated back what the customer said' for a line that restates nothing of hers")
    if e.kind in SUMMARY_CREDITS and e.effect > 0 and not summarises(ScoredCall(scenario, state, None), line,
                                                                     hers=e.kind.startswith("summary_before")):
        out.append(f"{where}: summary credit for a line that takes up too little of what was said (a guess, a "
                   f"proposal, a reaction)")
    if e.kind == "paraphrase_before" and e.effect > 0 and not paraphrases(ScoredCall(scenario, state, None), line):
        out.append(f"{where}: 'briefly echoed what the customer said' for a line that restates nothing of hers")
    if e.kind == "long_instruction" and unpunctuated(line):
        out.append(f"{where}: 'one long sentence' for a line without punctuation (where its sentences end is unknown)")
    if e.kind == "step_closed" and "closed_question" not in acts:
        out.append(f"{where}: 'you asked a closed question' for a line without one")
    if e.kind in WARM_CLAIMS and e.effect > 0 and not shows_empathy(ScoredCall(scenario, state, None), line):
        out.append(f"{where}: 'showed understanding' for a line that shows none (only {', '.join(acts) or 'no act'})")
    if e.kind in ADMIT_CREDITS and e.effect > 0:
        if has(line.events, Guess):
            out.append(f"{where}: honesty credit for a guess")
        elif e.kind != "admit_unknown_guess" and honesty and guesses(line.text, lang):
            out.append(f"{where}: full honesty credit for a line that also guesses")
        took = next((t for t in state.trainee_turns if honesty & set(t.steps)), None)
        pushed = took is not None and any(honesty & set(details(t.events, Pushback)) for t in state.trainee_turns
                                          if line.number <= t.number < took.number)  # she pushed back on this admission
        insisted = (took is not None and took.number > line.number and "admit_unknown" in acts
                    and ("admit_unknown" not in took.acts or pushed))  # said here, the step taken by insisting after push-back
        if honesty and not honesty & set(line.steps) and not insisted:
            out.append(f"{where}: honesty credit on a line where the honesty step was not taken")
    if e.kind in ("step_done", "step_yielded") and honesty & set(line.steps) and guesses(line.text, lang) \
            and any((scenario.step(sid).title.get(lang) or sid) in e.note for sid in honesty & set(line.steps)):
        out.append(f"{where}: honesty step fully credited on a line that also guesses")
    if e.kind == "narrowing" and e.effect > 0 and not narrows(ScoredCall(scenario, state, None), line):
        out.append(f"{where}: 'narrowed down' for a line that asks nothing about the problem (her details, "
                   f"'is that right?', or no question at all)")
    if e.kind in ("no_summary_before", "no_summary_before_step") and did_herself(scenario, line):
        out.append(f"{where}: 'moved on to the solution' for a line that only asked – she fixed it herself")
    return out


SUMMARY_CREDITS = ("summary_before", "summary_before_brief", "summary_end", "summary_end_brief")
"""Credits for a summary: only a line that summarises (:func:`~simulator.scoring.recap.summarises`) earns one."""

CREDITED_BY_ACT = {"summary_end": "summary", "summary_end_brief": "summary", "time_frame": "time_commitment",
                   "admit_unknown": "admit_unknown", "open_first": "open_question", "open_late": "open_question"}
"""Credits that rest on one act: a checklist step taken by that act can't be 'missing' beside them."""


def _across(scenario, state, score) -> list[str]:
    """Contradictions between dimensions: 'Step missing: summarise' beside '+25 summarised at the end'."""
    credited: dict[str, int] = {}
    for d in score.dimensions:
        for e in d.evidence:
            if e.effect > 0 and e.kind in CREDITED_BY_ACT:
                credited.setdefault(CREDITED_BY_ACT[e.kind], e.turn)
    out = []
    taken = {s for t in state.trainee_turns for s in t.steps}
    solved_at = state.solved_at
    whole = ScoredCall(scenario, state, None)
    summed = [t.number for t in state.trainee_turns if summarises(whole, t)]
    # the line proposing the fix sums up the problem once more when a summary before it was credited: not the final one
    # – nor when its own summary, ahead of the fix, was the one before it (a recap step due before the fix; round 28)
    before = {e.turn for e in score.dimension("summarising").evidence if e.kind.startswith("summary_before")}
    proposal = solution(whole).turn
    if before:
        summed = [n for n in summed if n != proposal]
    done = [e for d in score.dimensions for e in d.evidence
            if e.kind in ("step_done", "step_yielded", "step_yielded_unreasoned", "step_yielded_answered", "step_excused", "step_volunteered",
                          "step_late")]
    moot = moot_steps(ScoredCall(scenario, state, None))
    # a line she lost (engine event unheard; the checklist's "not counted – too long" mark): nothing in it was heard
    too_long = ({t.number for t in state.trainee_turns if has(t.events, Unheard)}
                | {e.turn for d in score.dimensions for e in d.evidence if e.kind == "step_lost"})
    open_steps = [s for s in scenario.steps if "open_question" in s.acts]
    for d in score.dimensions:
        for e in d.evidence:
            if e.kind in ("no_open", "no_open_described"):
                for s in open_steps:
                    hit = next((x for x in done if (s.title.get(state.lang) or s.id) in x.note), None)
                    if hit is not None:
                        out.append(f"{d.name}: 'no open question' while the checklist credits "
                                   f"'{s.id}' (an open question) as done at T{hit.turn}")
            if e.turn in too_long and e.effect > 0 and e.kind in HEARD_CREDITS:
                out.append(f"{d.name} T{e.turn}: credit ({e.kind}) for a line the checklist calls too long to take in")
            if e.kind == "no_transparency":
                for s in scenario.steps:
                    title = s.title.get(state.lang) or s.id
                    hit = next((x for x in done if title in x.note and transparency_step(title, state.lang)
                            and x.kind != "step_yielded_unreasoned"), None)  # won over without a reason: none given
                    line = next((t for t in state.trainee_turns if hit is not None and t.number == hit.turn), None)
                    # a guess explains nothing, and jargon or rudeness hides the reason: no transparency there
                    honesty = any("admit_unknown" in x.acts for x in scenario.steps)
                    muddled = line is None or has(line.events, Guess) or "rude" in line.acts or (
                        "jargon" in line.acts and scenario.persona.tech_level != "high") or (
                        honesty and guesses(line.text, state.lang))
                    if not muddled:
                        out.append(f"{d.name}: 'never said what is happening or why' while the checklist credits "
                                   f"'{s.id}' (with a reason / openly) at T{hit.turn}")
            if e.kind in LENGTH_DEBITS and solved_at is not None and e.turn > solved_at:
                out.append(f"{d.name} T{e.turn}: 'too long, the customer loses track' of a wrap-up after the call was "
                           f"solved (she listens to it)")
            if e.kind == "no_summary_end" and solved_at is not None and any(n >= solved_at for n in summed):
                late = next(n for n in summed if n >= solved_at)
                out.append(f"{d.name}: 'no summary at the end' while T{late} summarised once the call was solved")
            if e.kind == "no_callback" and any("callback" in s.acts for s in scenario.steps if s.id in taken):
                out.append(f"{d.name}: 'never asked for a callback number' while a callback step was taken")
            if e.kind not in ("step_missed", "step_blocked"):
                continue
            for sid in moot if e.kind == "step_missed" else ():
                if (scenario.step(sid).title.get(state.lang) or sid) in e.note:
                    out.append(f"{d.name}: 'step missing' ({sid}) for a check the solution made pointless")
            for step in scenario.steps:
                title = step.title.get(state.lang) or step.id
                if title in e.note and step.acts and all(a in credited for a in step.acts[:1]):
                    out.append(f"{d.name}: '{e.kind}' ({step.id}) while another dimension credits "
                               f"{step.acts[0]} at T{credited[step.acts[0]]}")
    return out
