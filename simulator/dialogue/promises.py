"""What the customer makes of a promised time: a vague one ("shortly, maybe tomorrow or the day after") is none.

The test is the debrief's own (:func:`simulator.scoring.wording.vague`), so a checklist step the customer takes as a
time commitment is never one the debrief calls vague.
"""

from __future__ import annotations


from simulator.analysis.result import Analysis
from simulator.dialogue.events import Pushback, has
from simulator.dialogue.reading import SENTENCE_END, gives_reason, vague_when, without_quotes
from simulator.scoring.wording import asks_for_details, vague  # language data: a vague time, a question for her details



def vague_time(analysis: Analysis, lang: str) -> bool:
    """Every time the line commits to stands in a vague sentence ("They'll revert shortly, maybe tomorrow or the day
    after", "die melden sich zeitnah"). A sentence with a number in it is never vague."""
    spans = [e.text for e in analysis.evidence if e.act == "time_commitment" and e.text.strip()]
    sentences = [s for s in SENTENCE_END.split(analysis.text) if s.strip()] or [analysis.text]
    return bool(spans) and all(vague(next((s for s in sentences if span in s), analysis.text), lang, time_only=True)
                               for span in spans)


PROMISE_ACTS = ("time_commitment", "callback")
"""Acts of a promise she holds the trainee to: when, and who calls."""


def vague_promise(analysis: Analysis, lang: str) -> bool:
    """The line promises only vaguely (the debrief's :func:`~simulator.scoring.wording.vague`, with "someone" and
    "probably"): every sentence with its time or callback is vague ("someone will probably give you a call, sometime
    before Thursday"), or it names none and a sentence is ("die melden sich dann zeitnah bei Ihnen"). She asks who
    and when, and takes no promise from it."""
    sentences = [s for s in SENTENCE_END.split(analysis.text) if s.strip()] or [analysis.text]
    # a time is judged by its words alone, as the debrief does ("die melden sich bis morgen Mittag" is a time); a
    # callback also by who makes it ("someone will probably call")
    spans = [(e.text, e.act == "time_commitment") for e in analysis.evidence if e.act in PROMISE_ACTS and e.text.strip()]
    holding = [(next((s for s in sentences if span in s), analysis.text), timed) for span, timed in spans]
    if holding:
        return all(vague(s, lang, time_only=timed) for s, timed in holding)
    # no promise read: only a vague "when" or "who" makes one ("die melden sich dann zeitnah"), not a hedge about a
    # cause ("Could be malware yeah. Probably some virus scan thing.")
    return any(vague_when(s, lang) for s in sentences)


REASON_ACTS = ("transparency",) + PROMISE_ACTS
"""Acts that can win her over against a push-back by what they promise or explain."""


def hollow_reason(analysis: Analysis, acts: tuple[str, ...], lang: str) -> bool:
    """The line's explanation or promise (its :data:`REASON_ACTS`) stands only in sentences that promise vaguely ("I'll
    book that in and someone will probably give you a call beforehand, sometime before Thursday"): no reason that wins
    her over against a push-back – a vague confirmation is no confirmation; she asks who, and when. A hedge is no
    vague promise ("das hängt vermutlich am DHCP, aber ich kläre das …"), and a sentence that says why ("weil …") is a
    reason however it hedges. A line with no such act read that promises vaguely is hollow too."""
    spans = [e.text for e in analysis.evidence if e.act in REASON_ACTS and e.act in acts and e.text.strip()]
    sentences = [s for s in SENTENCE_END.split(analysis.text) if s.strip()] or [analysis.text]
    holding = [next((s for s in sentences if span in s), analysis.text) for span in spans] or [  # no reason read:
        s for s in sentences if vague_when(s, lang)]  # a vague promise all the same ("irgendwer meldet sich")
    return bool(holding) and all(vague_when(s, lang) and not gives_reason(s, lang) for s in holding)


def says_why(engine, step_id: str, line: str, turns) -> bool:
    """The line says why it asks ("weil …", "often …"), or an earlier trainee line (``turns``) said why it asks for
    step ``step_id`` while naming it ("I'm only asking because these printers sit on a power strip with its own
    switch"): the reason stands – a later "so just press the switch on the strip" need not give it again for her to be
    won over. Not a rude earlier line."""
    if gives_reason(without_quotes(line), engine.lang):
        return True
    for t in turns:
        if "rude" in t.acts or not ("transparency" in t.acts or gives_reason(without_quotes(t.text), engine.lang)):
            continue
        if engine._step_matchers[step_id].search(engine.analyser.analyse_rules(t.text)) is not None:
            return True
    return False


def asks_her_contact(step, text: str, acts: tuple[str, ...], lang: str) -> bool:
    """The line asks for her number or where to reach her ("… sometime tomorrow morning, what's your number?") and
    *step* is the callback she gives it for: however vague the time beside it, she answers the question (and asks
    when exactly) – never leaves "what's your number" unanswered. A question by its mark, a question act, or a line
    of speech with no punctuation at all."""
    asked = "?" in text or any(a in acts for a in ("open_question", "closed_question")) or not any(c in text for c in ".!?")
    return "callback" in step.acts and asked and asks_for_details(text, lang)


def answers_when(last, step_id: str, acts: tuple[str, ...], vague: bool, lang: str) -> bool:
    """The line answers her "Und wann genau ist das dann?" with a time: she had pushed back on step *step_id* against
    a vague promise in the *last* trainee line ("ich meld mich dann morgen irgendwann bei ihnen"), and this one names
    the time ("morgen vormittag so bis zwölf") – the promise stands now, as if said whole (round 28, DE diva)."""
    return (last is not None and has(last.events, Pushback, step_id) and "time_commitment" in acts and not vague
            and any(vague_when(s, lang) for s in SENTENCE_END.split(last.text) if s.strip()))
