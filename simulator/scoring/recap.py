"""Whether a line sums up what was said, and which of its sentences does: one reading for every card.

The analyser's ``summary`` act is where it starts, but not where it ends (round 14). A summary says back what the
call already said: a sentence that is no question of the agent's own ("Wo speichern Sie …?"), no instruction ("Kindly
check the power cable once more") and no reaction ("Stop stop. Too much info."), and that takes up content words the
call already said – not only the result ("so it is working now"; wording ``recap_result_only``).

* Evidence the analyser's rules found (a "so …" / "to sum up" marker): the sentence(s) holding it, as before.
* Evidence over the whole line (the learned head alone) – or no act at all, where the analyser missed a plain recap
  ("Okay, Monday's the deadline, mornings are best.", "So DNS not resolving after update, IP ok.", "Also nur dass
  Sie's wissen: Des Kabel hinten war a bisserl rausgrutscht, …"): the scorer's own reading – a statement that opens
  as a recap does (wording ``recap_marker``) and restates :data:`RECAP_WORDS` content words, or, read as a summary by
  the head, one made mostly of the call's words (:data:`RECAP_UNMARKED_WORDS`, :data:`RECAP_UNMARKED_SHARE`).
"""

from __future__ import annotations

import re

from simulator.dialogue.reading import spoken
from simulator.dialogue.state import Turn
from simulator.scoring.lines import _content, _same_word, guessed, restated, summary_words
from simulator.scoring.rules import BRIEF_SUMMARY_WORDS, SUMMARY_HERS, SUMMARY_HERS_FULL, SUMMARY_MIN_RESTATED
from simulator.scoring.transcript import ScoredCall, sentences, sentences_of
from simulator.scoring.wording import checks_back, guesses, recap_marker, result_only

__all__ = ["summarises", "brief_summary", "recap_sentence", "recap_quote", "RECAP_WORDS", "RECAP_UNMARKED_WORDS",
           "RECAP_UNMARKED_SHARE"]

RECAP_WORDS = 2
"""A statement that opens as a recap ("So …", "Okay, …", "Also …") sums up when it restates this many content words the
call already said (one is a result or a single echo: "so it is working now")."""
RECAP_UNMARKED_WORDS, RECAP_UNMARKED_SHARE = 3, 0.5
"""A statement without such an opening, in a line the learned head read as a summary, sums up when at least this many
of its content words, and this share of them, were said before (not "Die Kaffeemaschine können wir ausschließen")."""

_ACRONYM = re.compile(r"\b[A-ZÄÖÜ]{2,4}\b")
"""Short terms in capitals carry content too ("DNS", "IP", "PC"), though shorter than the four letters of a word."""


def _marked_span(t: Turn) -> str:
    """The summary act's evidence when the analyser's rules found it – a stretch of the line, not the whole of it."""
    span = next((x for a, x in t.evidence if a == "summary" and x.strip()), "") if "summary" in t.acts else ""
    return span if span and span.strip() != t.text.strip() else ""


def _known(call: ScoredCall, t: Turn, own: bool, sentence: str = "") -> tuple[set[str], set[str]]:
    """(content words, terms in capitals) said before ``t``: her lines, the ticket on screen, and – ``own`` – the
    agent's earlier lines and the sentences of ``t`` before ``sentence`` (a recap of what the line itself just promised:
    "ich eskaliere das jetzt … bis 16 Uhr. Zusammengefasst: Eskalation ist raus, Rückmeldung bis 16 Uhr"; round 32)."""
    lang = call.state.lang
    said = [call.customer_line(n) for n in range(0, t.number)] + [call.sc.situation.briefing.get(lang) or ""]
    if own:
        said += [u.text for u in call.trainee if u.number < t.number]
        if sentence and sentence in t.text:
            said.append(t.text[:t.text.find(sentence)])
    name = set(_content(call.sc.persona.name.get(lang) or "", lang))
    text = " ".join(said)
    return set(_content(text, lang)) - name, {a.lower() for a in _ACRONYM.findall(text)}


def _taken_up(call: ScoredCall, sentence: str, known: tuple[set[str], set[str]]) -> tuple[int, int]:
    """(content words of ``sentence`` said before – not the bare result –, content words of it in all)."""
    lang = call.state.lang
    words = set(_content(sentence, lang)) | {a.lower() for a in _ACRONYM.findall(sentence)}
    words = {w for w in words if not result_only(w, lang)}
    hit = sum(1 for w in words if w in known[1] or any(_same_word(w, k) for k in known[0]))
    return hit, len(words)


TELLS_WITHIN = 4
"""An instruction (or greeting, goodbye) found in a sentence that opens as a recap makes it no recap only when it stands
among its first words ("Okay, check the cable …"); further on it is a word of the recap ("… reinstalled twice with no
change, …" – the analyser's "change"; round 14, EN diva good T3)."""


def _tells(sentence: str, span: str, lang: str, spoken: bool = False) -> bool:
    """The sentence holds ``span`` (an instruction, greeting or goodbye) as what it does, not as a word of a recap. A
    recogniser's line (``spoken``) is one sentence: a goodbye at its end tells nothing of what came before it ("lovely
    so extension 12 a call from me by four today … anything else cheers sandra"; round 33)."""
    at = sentence.lower().find(span)
    if at < 0:
        return False
    return not (recap_marker(sentence, lang) or spoken) or len(sentence[:at].split()) < TELLS_WITHIN


def _statements(call: ScoredCall, t: Turn) -> list[str]:
    """The sentences of the line that could say back what was said: not a question of the agent's own (a check-back
    question that opens as a recap – "So no light at all?" – still sums up), not a sentence that tells her what to do,
    greets her or says goodbye, not a guess."""
    lang = call.state.lang
    whole = t.text.strip()
    other = [x.strip().lower() for a, x in t.evidence  # telling her what to do, greeting her, saying goodbye
             if a in ("instruction", "greeting", "closing") and x.strip() and x.strip() != whole]
    out = []
    run_on = spoken(whole)  # a recogniser's line: one sentence
    for s in sentences(t.text):
        if s.endswith("?") and not recap_marker(s, lang):
            continue
        if any(_tells(s, x, lang, run_on) for x in other) or guesses(s, lang):
            continue
        out.append(s)
    return out


def _summary_step_left(call: ScoredCall) -> bool:
    """A checklist step taken by a summary was never taken in the call: the checklist says "step missing", so a line
    the analyser read no summary in is not credited as one elsewhere (the debrief never contradicts itself)."""
    taken = {s for u in call.trainee for s in u.steps}
    return any(s.acts[:1] == ("summary",) or list(s.acts[:1]) == ["summary"] for s in call.sc.steps if s.id not in taken)


def recap_sentence(call: ScoredCall, t: Turn, *, hers: bool = False) -> str:
    """The scorer's own reading: the first sentence of the line that sums up (module doc), or ''. ``hers``: only her
    words and the ticket count as said before (a summary before the solution says back what *she* told)."""
    if "rude" in t.acts or guessed(call, t):
        return ""
    lang = call.state.lang
    if "summary" not in t.acts and _summary_step_left(call):
        return ""  # the checklist calls its summary step missing: the engine did not hear one – never both
    head = "summary" in t.acts and not _marked_span(t)
    for s in _statements(call, t):
        hit, total = _taken_up(call, s, _known(call, t, own=not hers, sentence=s))
        if recap_marker(s, lang) and hit >= RECAP_WORDS:
            return s
        if head and hit >= RECAP_UNMARKED_WORDS and hit >= RECAP_UNMARKED_SHARE * total:
            return s
    return ""


def summarises(call: ScoredCall, t: Turn, *, hers: bool = False) -> bool:
    """The line summarises – every card that credits a summary asks this one question. With a marker the analyser's
    rules found: the sentence(s) holding it take up at least :data:`~simulator.scoring.rules.SUMMARY_MIN_RESTATED`
    words the call already said (``hers``: :data:`~simulator.scoring.rules.SUMMARY_HERS` of hers), more than the bare
    result, and are no guessed diagnosis ("so it's probably the SMTP auth"); otherwise the scorer's own reading
    (:func:`recap_sentence`). A rude line or a guess summarises nothing."""
    if "rude" in t.acts or guessed(call, t):
        return False
    span = _marked_span(t)
    if span:
        lang = call.state.lang
        held = sentences_of(t.text, span)
        if checks_back(held, lang):  # "Is that right so far?" checks what came before it: the whole line
            held = t.text
        recap = any("summary" in s.acts for s in call.sc.steps if s.id in t.steps)
        if not recap and guesses(held, lang) and restated(call, t, own=False) < SUMMARY_HERS_FULL:
            return False  # a diagnosis guessed, not what she said (round 11, DE 17); a recap step may say "vermutlich"
        hit, _ = _taken_up(call, held, _known(call, t, own=not hers, sentence=held))
        if restated(call, t, own=not hers) >= (SUMMARY_HERS if hers else SUMMARY_MIN_RESTATED) and hit:
            return True
    return bool(recap_sentence(call, t, hers=hers))


def recap_quote(call: ScoredCall, t: Turn) -> str:
    """The sentence that sums up: the one holding the analyser's marker, else the scorer's own reading's sentence."""
    span = _marked_span(t)
    if span:
        return call.sentence(t, "summary")
    return recap_sentence(call, t) or recap_sentence(call, t, hers=True) or call.sentence(t, "summary")


def brief_summary(call: ScoredCall, t: Turn, *, hers: bool = False) -> bool:
    """A summary worth half: a short sentence, terms a lay caller does not know ("so that was the lan cable"; round 11,
    EN 21), or – before the solution (``hers``), without a marker the analyser's rules found – few of her words taken
    up."""
    jargon = "jargon" in t.acts and call.sc.persona.tech_level != "high"
    if _marked_span(t):
        words = summary_words(t)
    else:
        words = len((recap_sentence(call, t, hers=hers) or t.text).split())
    own = recap_sentence(call, t, hers=True) if hers and not _marked_span(t) else ""
    few = hers and not _marked_span(t) and _taken_up(call, own or t.text, _known(call, t, own=False))[0] < SUMMARY_HERS_FULL
    return words < BRIEF_SUMMARY_WORDS or jargon or few
