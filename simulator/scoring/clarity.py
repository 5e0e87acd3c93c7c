"""The clarity dimension: jargon, long lines and instructions – short, clear ones for the customer credited.

Reads the transcript only (acts, evidence spans, engine events). See ``docs/scoring.md`` (clarity).
"""

from __future__ import annotations

from simulator.dialogue.events import Ramble, Unheard, has
from simulator.scoring.jargon import jargon_debit
from simulator.scoring.lines import instruction_words, unpunctuated
from simulator.scoring.rules import (CLEAR_INSTRUCTION, CLEAR_INSTRUCTION_CAP, EXPLAINING_ACTS, INSTRUCTION_WORDS,
                                     JARGON_PENALTY, LONG_INSTRUCTION, NOTHING_EXPLAINED, RAMBLE_PENALTY)
from simulator.scoring.transcript import DimensionDraft as _Dim
from simulator.scoring.transcript import ScoredCall as _Call
from simulator.dialogue.reading import her_action
from simulator.scoring.wording import hedges_request, others_act, word_count

__all__ = ["clarity"]


def clarity(call: _Call, dim: _Dim) -> None:
    fb, sc = call.fb, call.sc
    jargon = JARGON_PENALTY.get(sc.persona.tech_level, JARGON_PENALTY["medium"])
    clear = 0.0
    solved_at = call.state.solved_at
    if (not call.state.solved and all(t.number == call.first_real for t in call.scored)
            and not any(a in t.acts for t in call.scored for a in EXPLAINING_ACTS)):
        # the trainee answered the phone and said nothing more: no clarity to presume (an abandoned call)
        dim.add(call.scored[-1].number, "", -NOTHING_EXPLAINED, fb.item("nothing_explained"))
    for t in call.scored:
        if "jargon" in t.acts and jargon > 0:  # an expert caller understands the terms: no deduction
            dim.add(t.number, call.span(t, "jargon"), *jargon_debit(call, t, jargon))  # grows with the terms
        # the one length debit of a long line, said with her limit; what it said still counts elsewhere (unless she
        # lost it on a bad line). Once the problem is solved she listens to a long wrap-up (the engine's rule)
        if has(t.events, Ramble) and (solved_at is None or t.number <= solved_at):
            kind = "ramble_lost" if has(t.events, Unheard) else "ramble"
            words = word_count(t.text, call.state.lang)  # as she counted them: never "58 words, she listens to 60"
            dim.add(t.number, t.text, -RAMBLE_PENALTY, fb.item(kind, words=words, limit=sc.mood.max_words))
        elif "instruction" in t.acts and others_act(call.sentence(t, "instruction"), call.state.lang):
            # "the technician will then install the client": what someone else will do, nothing for her to do now
            dim.add(t.number, call.sentence(t, "instruction"), 0.0, fb.item("instruction_others"))
        elif "instruction" in t.acts and instruction_words(t) > INSTRUCTION_WORDS and unpunctuated(t):
            # recogniser text: its sentences' ends are unknown – neither "long" nor "short", and said so
            dim.add(t.number, t.text, 0.0, fb.item("instruction_unpunctuated"))
        elif "instruction" in t.acts and instruction_words(t) > INSTRUCTION_WORDS:
            dim.add(t.number, call.span(t, "instruction"), -LONG_INSTRUCTION,
                    fb.item("long_instruction", words=instruction_words(t)))
        elif "instruction" in t.acts and (hedges_request(call.sentence(t, "instruction"), call.state.lang)
                                          or her_action(call.sentence(t, "instruction"), call.state.lang)):
            continue  # "could you maybe send us something in writing somehow", "Did you try rebooting?": no clear
            # instruction – a vague one, or a question about what she did (round 28)
        elif "instruction" in t.acts and not ({"jargon", "rude"} & set(t.acts)) and clear < CLEAR_INSTRUCTION_CAP:
            clear += CLEAR_INSTRUCTION
            dim.add(t.number, call.span(t, "instruction"), CLEAR_INSTRUCTION, fb.item("clear_instruction"))
