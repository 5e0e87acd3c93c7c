"""What one trainee line does, read from the call around it: echoes, listening, deadlines, instruction length.

Small predicates the scorer's dimensions share; they read the transcript only
(acts, evidence spans, the customer's lines), never the analyser.
"""

from __future__ import annotations

import re

from simulator.dialogue.events import Confused, GaveIn, Guess, Objected, Offered, Revealed, Unheard, Yielded, details, has
from simulator.dialogue.reading import spoken
from simulator.dialogue.recognition import repeats_time
from simulator.dialogue.state import Turn
from simulator.scoring.persuasion import gave_reason, unreasoned_yield
from simulator.scoring.rules import QUOTE_CHARS, RESPONDING_ACTS, STEM_ENDING, STEM_LETTERS
from simulator.scoring.transcript import Cutter, ScoredCall, questions, sentence_of, sentences, sentences_of
from simulator.scoring.wording import (asks_for_details, clock_at, hedges_the_past, own_time, commits_no_time, checks_back, function_words, own_time_promise, says_goodbye, standard, targeted, guesses, transparency_step, vague,
                                       weak_backchannel, names_situation)

__all__ = ["volunteered", "narrows", "warm", "shows_empathy", "echoes", "listens", "echoed_deadline", "paraphrases", "restates", "restating_sentence", "instruction_words", "unpunctuated", "summary_words", "guessed",
           "asks_openly", "explains", "lost", "vaguely",
           "restated", "time_promise", "gave_reason", "unreasoned_yield", "before_rudeness",
           "hollow", "farewell", "vague_callback", "gave_unasked", "promise_quote", "stock_empathy", "passes_over"]

_WORD = re.compile(r"\w{4,}", re.UNICODE)
_SENTENCE_PARTS = Cutter(r"[^.!?:]+[.!?:]*")
"""A line's sentences and clauses up to a colon ("…, damit nix verloren geht: Wie ist Ihr Name?")."""


WARM_ACTS = ("empathy", "reassurance")
"""Acts by which a line shows understanding or reassures."""


def _warm_steps(call: ScoredCall, t: Turn) -> set[str]:
    """The acts of ``WARM_ACTS`` of the checklist steps the line took (not those she gave in to, worn down)."""
    return {a for s in call.sc.steps if s.id in t.steps and not has(t.events, GaveIn, s.id)
            for a in s.acts if a in WARM_ACTS}


def warm(call: ScoredCall, t: Turn) -> bool:
    """The line shows understanding or reassures: the analyser's act, or a checklist step it took that is taken by one
    ("apologise sincerely", "reassure her: she did nothing wrong") – the checklist credits it so, and the
    understanding card reads the line the same way (round 9: "Reassure her" done, "no understanding" beside it).
    A reassurance that rests on a vague promise only is none (:func:`hollow`)."""
    return bool(_warm_steps(call, t)) or "empathy" in t.acts or ("reassurance" in t.acts and not hollow(call, t)
                                                                  and not farewell(call, t))


def farewell(call: ScoredCall, t: Turn) -> bool:
    """The reassurance the learned head read is the goodbye itself: its evidence is the whole line, and the line says
    goodbye ("schönen tag noch und lassen sie sich den kaffee schmecken auf wiederhören") – good wishes, which the
    closing credits, not confidence given (round 13, DE voicebox good T8: "Den Kunden beruhigt")."""
    spans = [x.strip() for a, x in t.evidence if a == "reassurance" and x.strip()]
    whole = not spans or all(x == t.text.strip() for x in spans)
    return whole and says_goodbye(t.text, call.state.lang)


def hollow(call: ScoredCall, t: Turn) -> bool:
    """The line reassures only by a vague promise: every sentence its reassurance stands in promises vaguely – no one
    who acts, or no time anyone can hold the agent to ("Someone will come back to you soon", "Hopefully later today
    or tomorrow", "die melden sich zeitnah, dat kriegen mer hin"; round 12) – a hope, not confidence: the sentences
    its evidence stands in hold a vague promise and commit to no hour of the agent's own."""
    if "reassurance" not in t.acts:
        return False
    lang = call.state.lang
    spans = [x for a, x in t.evidence if a == "reassurance" and x.strip()]
    held = [s for x in spans for s in sentences(sentences_of(t.text, x))] or [t.text]
    return any(vague(s, lang) for s in held) and not any(own_time(s, lang) and not vague(s, lang, time_only=True) for s in held)


def shows_empathy(call: ScoredCall, t: Turn) -> bool:
    """The line shows understanding (not only reassurance): the act, or a step taken by it (an apology)."""
    return "empathy" in t.acts or "empathy" in _warm_steps(call, t)


_DASH = re.compile(r"\s[–—-]\s|;\s")
"""Where a clause ends inside a sentence: a dash between words, a semicolon."""


def stock_empathy(call: ScoredCall, t: Turn) -> bool:
    """The line's understanding is a stock phrase that names nothing ("Oh, I'm sorry about that. Something went wrong
    there."): outside its questions it takes up none of her words (or the ticket's) and names neither what went wrong nor her situation
    (wording ``empathy_named``: "you waited all morning", "das ist ärgerlich"). A moment that called for understanding
    is only half answered by it (round 13: a missed appointment, answered with a bare "sorry")."""
    if not shows_empathy(call, t):
        return False
    lang = call.state.lang
    # (in a sentence that ends in a question, what comes before its dash is said, not asked: "ich verstehe, dass das im
    # Zug vor einem Termin sehr stressig ist – würden Sie mir … Ihre Rückrufnummer nennen?"; round 32)
    text = " ".join(s if not s.strip().endswith("?") else " ".join(_DASH.split(s)[:-1])
                    for s in _SENTENCE_PARTS.findall(t.text))
    if names_situation(text, lang):
        return False
    name = set(_content(call.sc.persona.name.get(lang) or "", lang))
    # her words so far, and the ticket the agent has on screen (a greeting may name her third call before she speaks)
    said = [call.customer_line(n) for n in range(0, t.number)] + [call.sc.situation.briefing.get(lang) or ""]
    heard = set(_content(" ".join(said), lang)) - name
    return not any(_same_word(w, k) for w in set(_content(text, lang)) - name for k in heard)


def passes_over(call: ScoredCall, t: Turn) -> bool:
    """The line passes over what she just said: it only goes on with the agent's own business – an instruction, a
    question, her details – and takes up nothing of hers: no understanding, reason, explanation, honest "I don't know",
    promise (``RESPONDING_ACTS``) or back-channel beyond a bare "okay" (:func:`listens`). After a tricky moment that is neither "calm and factual" nor an
    answer to it (round 13: "Is this a known bug in 5.2?" – "Hm, then just add the suffix manually."). Never a line
    that won her over (engine event ``yielded``)."""
    return (not any(a in t.acts for a in RESPONDING_ACTS) and not warm(call, t) and not explains(call, t)
            and not gave_reason(call, t) and not listens(call, t) and not restates(call, t, 2)
            and not has(t.events, Yielded))  # she was won over by it: it answered her ("Ja, ein Foto reicht, …")


_NOT_NARROWING = ("empathy", "reassurance", "callback", "summary", "time_commitment", "admit_unknown")
"""Acts of checklist steps that narrow nothing down: an apology, her number, a summary, a promise."""


def narrows(call: ScoredCall, t: Turn) -> bool:
    """The line narrows the problem down: it takes a step that checks or asks something (a step with no act of its
    own, or one that asks) by a question or an instruction, or it asks a closed question that is neither only for her
    details (name, number, ticket number) nor only a check-back on what was just summed up ("Is that right?"). A line that asks nothing
    narrows nothing ("I'm looking at the ticket, one moment please"; round 9)."""
    lang = call.state.lang
    if has(t.events, Confused):  # a question in terms she does not know ("IMAP or POP3?") narrowed nothing (round 20)
        return False
    # a step that tells her something ("say openly what the ticket shows") or is the fix itself narrows nothing down
    # (round 13: "der Kollege war krank. Kann ja ma vorkommen, wa?", "machen Sie das übers Portal" – "+10 eingegrenzt")
    checking = [s for s in call.sc.steps if s.id in t.steps and (not s.acts or s.asks)
                and not set(s.acts) & set(_NOT_NARROWING) and not s.tells and s.id not in call.sc.end.solved_when]
    if checking and ("instruction" in t.acts or unpunctuated(t)):
        return True  # a recogniser's line that took a check step asked for it, whatever acts its run-on words gave
    # a recogniser's line has no "?" to find its question by: read as a question, the whole of it asks (round 32: every
    # good call typed so got "did not narrow down" beside the checklist's steps it took by asking)
    asked = questions(t.text) or ([t.text] if unpunctuated(t) and {"open_question", "closed_question"} & set(t.acts) else [])
    # only her details, or only "is that right?" after a summary: nothing about the problem was asked
    if asked and all(checks_back(q, lang) or asks_for_details(q, lang) for q in asked):
        return False
    if "open_question" in t.acts and any(targeted(q, lang) and not asks_for_details(q, lang) for q in asked):
        return True  # "Verstehe, und bis wann muss Ihr Chef unterschreiben?" asks for one thing, as a closed one does
    # a closed question read in a typed line without a "?" asks nothing ("Ich frag das direkt bei der
    # Lizenzabteilung nach, …" quoted as "narrowed down"; round 23) – recogniser-style lines have no "?" to look for
    return ("closed_question" in t.acts and (bool(asked) or unpunctuated(t))) or (
        bool(checking) and (bool(asked) or "open_question" in t.acts))


def echoes(call: ScoredCall, t: Turn, words: int) -> bool:
    """The line repeats at least ``words`` words (of four letters or more) of the customer's previous line."""
    heard = {w.lower() for w in _WORD.findall(call.customer_line(t.number - 1))}
    said = {w.lower() for w in _WORD.findall(t.text)}
    return len(heard & said) >= words


def listens(call: ScoredCall, t: Turn) -> bool:
    """An active-listening signal that is more than a bare "ok"/"gut" (those only take the turn)."""
    if "active_listening" not in t.acts:
        return False
    spans = [text for act, text in t.evidence if act == "active_listening"]
    return not spans or any(not weak_backchannel(text, call.state.lang) for text in spans)


def asks_openly(call: ScoredCall, t: Turn) -> bool:
    """The line asks an open question: the analyser's act, or – where it missed one – a checklist step taken by an open
    question ("let him describe it") on a line that asked no closed one and was not a yes to her own offer to tell.
    The checklist credits that step as an open question, so questioning must too."""
    if "open_question" in t.acts:
        return True
    if "closed_question" in t.acts or not t.steps:
        return False
    if any(has(u.events, Offered, s) for u in call.trainee if u.number == t.number - 1 for s in t.steps):
        return False
    return any("open_question" in s.acts for s in call.sc.steps if s.id in t.steps)


def volunteered(call: ScoredCall, t: Turn, step) -> bool:
    """She told it unasked: the step was taken by the line that answers the ring with a bare invitation ("What can I
    do for you?") and is not one an open question takes – her opening volunteered her deadline, not the greeting."""
    return (t.number == call.first_real and "greeting" in t.acts and "closed_question" not in t.acts
            and "open_question" not in step.acts and not step.acts and call.customer_line(t.number) != "")


def own_steps(call: ScoredCall, t: Turn) -> list[str]:
    """The steps the line took that were the trainee's doing, not told by her unasked (:func:`volunteered`): only
    those propose a solution or explain anything (round 9: a greeting naming "licensing support" is no promise)."""
    return [s for s in t.steps if not any(volunteered(call, t, x) for x in call.sc.steps if x.id == s)]


def explains(call: ScoredCall, t: Turn) -> bool:
    """The line says what is happening or why: the analyser's act, or a checklist step it took whose title promises
    that ("have the power supply checked – with a reason", "say openly what the ticket shows"); not a step she gave in
    to after being asked again and again (no reason persuaded her), nor one she yielded to on a line that gave no
    reason ("ja ok sorry. is da n schalter an der leiste? der muss an sein"; round 11, DE 8)."""
    if "transparency" in t.acts:
        return True
    lang = call.state.lang
    return any(transparency_step(call.step_title(s), lang) and not has(t.events, GaveIn, s)
               and not unreasoned_yield(call, t, s) for s in own_steps(call, t))


def before_rudeness(turns: list[Turn], heard: int = 0) -> list[Turn]:
    """The turns of a cue's window up to the first rude one after the moment was heard (turn ``heard``; a line before
    she spoke answered nothing): a moment answered with rudeness is not answered by a warm word after it – "ja ok
    sorry" after two insulting lines repairs the insult, it does not answer the stress she opened with (round 11,
    DE 8)."""
    out = []
    for t in turns:
        if "rude" in t.acts and t.number > heard:
            break
        out.append(t)
    return out


def lost(call: ScoredCall, t: Turn) -> bool:
    """She could not take the line in: too long on a line that loses it (engine event ``unheard``, a scenario with
    ``mood.ramble.lost``), so she took no step from it. The checklist says "not counted – too long" for a step in it;
    no other dimension credits what she did not hear. A long line she took in all the same (``ramble`` alone) counts
    for what it said; clarity takes off marks for its length, once."""
    return has(t.events, Unheard)


def echoed_deadline(call: ScoredCall, t: Turn) -> bool:
    """The line's time words only repeat a time the customer named ("by three, that's tight"): no commitment."""
    span = next((text for act, text in t.evidence if act == "time_commitment"), "")
    heard = " ".join(call.customer_line(n) for n in range(0, t.number))
    if not repeats_time(span, heard):
        return False
    # her "today" and "until" are in it, but the agent commits to an hour of his own ("ich rufe Sie heute bis
    # sechzehn Uhr dreißig zurück" after her "bis halb sechs"; round 12, DE 31): a promise, no echo
    return not any((own := own_time(s, call.state.lang)) and not repeats_time(own, heard) for s in sentences(t.text))


def guessed(call: ScoredCall, t: Turn) -> bool:
    """The line guessed where an honest "I don't know yet" was due: the engine's guess, or – in a scenario with such a
    step – a guess in the same breath as "I'm not sure" ("not 100% sure, normally it's an add-on")."""
    if has(t.events, Guess):
        return True
    honesty = {s.id for s in call.sc.steps if "admit_unknown" in s.acts}
    # once the honest answer was given, a hedge is no guess where it was due: "So to recap: cause is most likely the
    # missing NRPT rule, …" is the end summary (round 21, EN expert-user: −25 "no summary at the end" quoting it)
    said = {s for u in call.trainee if u.number < t.number for s in u.steps}
    return bool(honesty) and not honesty <= said and guesses(t.text, call.state.lang)


RESTATED_SHARE = 1 / 3
"""A sentence restates her line when at least this share of its content words are hers (with a minimum count)."""


def _content(text: str, lang: str) -> list[str]:
    stop = function_words(lang)
    return [w for w in (w.lower() for w in _WORD.findall(standard(text, lang))) if w not in stop]


def restates(call: ScoredCall, t: Turn, words: int = 3) -> bool:
    """:func:`restating_sentence` found one."""
    return bool(restating_sentence(call, t, words))


def restating_sentence(call: ScoredCall, t: Turn, words: int = 3) -> str:
    """One sentence of the line takes up what she just said: at least ``words`` of its content words are hers, and they
    are a real share of it (:data:`RESTATED_SHARE`) – not a reassurance, an apology, a guess or a question of one's
    own that happens to share a few of her words ("keine Sorge, nichts falsch gemacht", "Was genau ist langsam …?",
    "Ich denke, das müsste eigentlich mit drin sein"; round 9b, DE B7/B8). A wh-question asks, it restates nothing;
    a guess is no listening, nor is a sentence that guesses or tells her what to do with her words in it ("probably
    not the solar storms", "gucken mal … unten rechts bei Taskleiste"; round 13, EN/DE). The sentence is what a
    credit for it quotes ("Sie haben einen ganzen Vormittag blockiert, …", not "Das ist nicht in Ordnung."; round 14);
    '' when none does."""
    lang = call.state.lang
    if guessed(call, t):
        return ""
    # her name is how one addresses her, not what she said ("No, Dr Bennett, …")
    name = set(_content(call.sc.persona.name.get(lang) or "", lang))
    heard = set(_content(call.customer_line(t.number - 1), lang)) - name
    if not heard:
        return ""
    asking = [sentence_of(t.text, x) for a, x in t.evidence if a == "open_question" and x and x.strip() != t.text.strip()]
    telling = [x for a, x in t.evidence if a == "instruction" and x.strip() and x.strip() != t.text.strip()]
    for sentence in _sentences_or_stretches(t):
        if any(sentence.strip() and sentence.strip() in q for q in asking) or guesses(sentence, lang) \
                or any(x.lower() in sentence.lower() for x in telling):
            continue
        said = _content(sentence, lang)
        shared = [w for w in said if w in heard]
        if len(set(shared)) >= words and len(shared) >= RESTATED_SHARE * len(said):
            return t.text if unpunctuated(t) else sentence_of(t.text, sentence.strip())  # a quote is whole sentences
    return ""


STRETCH_WORDS = 12
"""Recogniser text has no sentences to read: its stretches of this many words (every third word on) stand in."""


def _sentences_or_stretches(t: Turn) -> list[str]:
    """The line's sentences; for a line without punctuation (a recogniser's), its overlapping stretches of
    :data:`STRETCH_WORDS` words – where its sentences end is unknown (:func:`unpunctuated`)."""
    if not unpunctuated(t):
        return [p for p in _FULL_STOP.split(t.text) if p.strip()]
    words = t.text.split()
    return [" ".join(words[i: i + STRETCH_WORDS]) for i in range(0, max(1, len(words) - STRETCH_WORDS + 3), 3)]


def restated(call: ScoredCall, t: Turn, *, own: bool = True, act: str = "summary") -> int:
    """How many distinct content words of the sentence(s) holding ``act``'s evidence were known before it: her lines,
    the briefing the agent has on screen (the ticket a summary may sum up) and – ``own`` – the trainee's earlier lines
    (a recap of what was agreed takes up the agent's proposal too). A summary restates; a guess, a proposal or a
    reaction brings new words (round 11)."""
    lang = call.state.lang
    span = next((x for a, x in t.evidence if a == act and x.strip()), "")
    text = sentences_of(t.text, span) if span else t.text
    if checks_back(text, lang):  # "Is that right so far?" checks what came before it: the whole line
        text = t.text
    # the line's own sentences before the recap were said before it too ("I'm escalating it now … you'll hear from
    # me by 4. To sum up: escalation is out, answer by 4"; round 32, DE expert-user good)
    ahead = t.text[:t.text.find(text)] if own and text != t.text and text in t.text else ""
    # asking for her name, firm or number restates nothing, whatever words of hers it names (round 11, DE 21)
    text = " ".join(p for p in _SENTENCE_PARTS.findall(text) if not (p.strip().endswith("?") and asks_for_details(p, lang)))
    name = set(_content(call.sc.persona.name.get(lang) or "", lang))
    said = [call.customer_line(n) for n in range(0, t.number)] + [call.sc.situation.briefing.get(lang) or ""]
    if own:
        said += [u.text for u in call.trainee if u.number < t.number] + [ahead]
    known = set(_content(" ".join(said), lang)) - name
    return sum(1 for w in set(_content(text, lang)) - name if any(_same_word(w, k) for k in known))


def _same_word(a: str, b: str) -> bool:
    """One word, inflected: equal, or one the other plus an ending ("light" – "lights", "Drucker" – "Druckers")."""
    short, long_ = sorted((a, b), key=len)
    return short == long_ or (len(short) >= STEM_LETTERS and long_.startswith(short)
                              and len(long_) - len(short) <= STEM_ENDING)


def paraphrases(call: ScoredCall, t: Turn, *, attempt: bool = False) -> bool:
    """An active-listening line with a sentence that restates two of her content words, or any line restating three
    (:func:`restates`). ``attempt``: only an attempt at one – its words echo hers anywhere in the line – which is
    enough to say "not counted: too long" of a recap she could not take in (never enough for credit)."""
    words = 2 if "active_listening" in t.acts else 3
    return echoes(call, t, words) if attempt else restates(call, t, words)


_FULL_STOP = Cutter(r"[.!?]+(?=\s|$)")
"""Where a summary's sentence ends ("5.2" is no full stop; a colon goes on: "So to sum up: …")."""
_CLAUSE_STOP = Cutter(r"[.!?;:]+(?=\s|$)")
"""Where an instruction's sentence ends (a colon or semicolon starts the next thing to do)."""


def _sentence_words(t: Turn, act: str, stop: Cutter, checks_back: bool = False) -> int:
    """Words of the sentence holding ``act``'s evidence; for evidence covering the whole line (an act the learned
    head added), the line's longest sentence. ``checks_back``: when that sentence is a question ("Is that right so
    far?", "Stimmt das so?"), it checks the sentence before it – count that one too."""
    text = t.text
    span = next((s for a, s in t.evidence if a == act and s and s.strip() != text.strip()), "")
    start = text.lower().find(span.lower()) if span else -1
    if start < 0:
        return max((len(part.split()) for part in stop.split(text)), default=0)
    stops = [m for m in stop.finditer(text, 0, start)]
    begin = stops[-1].end() if stops else 0
    end = stop.search(text, start + len(span))
    if checks_back and stops and end is not None and "?" in end.group():
        begin = stops[-2].end() if len(stops) > 1 else 0
    return len(text[begin: end.start() if end else len(text)].split())


def summary_words(t: Turn) -> int:
    """Words of the sentence that holds the summary (with the sentence it checks back on: "…, and since then
    nothing has happened. Is that right so far?")."""
    return _sentence_words(t, "summary", _FULL_STOP, checks_back=True)


def unpunctuated(t: Turn) -> bool:
    """The line is a speech recogniser's text (:func:`~simulator.dialogue.reading.spoken`: "gut dann machen wir das
    schritt für schritt also schauen sie bitte mal hinten …"): where its sentences end is unknown, so no sentence of it
    can be called long (round 9b, DE B10). The turn's own length is still judged (a ramble)."""
    return spoken(t.text)


def instruction_words(t: Turn) -> int:
    """Words of the sentence that gives the instruction (not of the whole turn around it)."""
    return _sentence_words(t, "instruction", _CLAUSE_STOP)


BARE_WORDS = 3
"""A sentence of this many words or fewer that explains says only that something happens ("Let me check.")."""


def vaguely(call: ScoredCall, t: Turn, act: str) -> bool:
    """The sentence holding ``act``'s evidence promises only vaguely: for a time, a vague time ("heute noch", "soon");
    for an explanation, also no one who acts or only a try ("die melden sich zeitnah", "someone should get in touch")
    – unless a concrete time stands in the same sentence ("die melden sich bis morgen Mittag"). For evidence covering
    the whole line, the whole line."""
    lang = call.state.lang
    sentence = _sentence_with(t, act)
    if act == "time_commitment":
        return vague(sentence, lang, time_only=True)
    if len(sentence.split()) <= BARE_WORDS:  # "Let me check.", "Moment, ich schau.": that something happens, no more
        return True  # (round 24, EN: a bare "Let me check." earned the full "said what is happening or why")
    if hedges_the_past(sentence, lang):  # "… probably knocked by accident": a guess at the cause, no vague promise
        return False
    if sentence.strip() == t.text.strip():  # evidence over the whole line: vague only if each of its sentences is
        parts = [p for p in _FULL_STOP.split(t.text) if len(p.split()) >= 3]
        if len(parts) > 1:
            return all(vague(p, lang) for p in parts)
    times = [x for a, x in t.evidence if a == "time_commitment" and x and x.lower() in sentence.lower()]
    return vague(sentence, lang) and not any(not vague(_sentence_with(t, "time_commitment"), lang, time_only=True)
                                             for _ in times)


TIME_WINDOW = 8
"""In a line without punctuation, the words either side of a time that say what the time is about."""


def time_promise(call: ScoredCall, t: Turn) -> str:
    """How the line commits to a time – one judgement for every card (round 11, EN 14/32: the checklist said "done"
    where transparency said "only vague"): "concrete" ("I'll call you back today before 5"), "vague" ("shortly, maybe
    tomorrow or the day after"), or "" – no time of the agent's at all: no time act, a rude line, her own deadline
    repeated, or a time that is no promise (a past slot, "since Monday", the team's opening hours; EN 26/42/47)."""
    if "time_commitment" not in t.acts or "rude" in t.acts:
        return ""
    # a time she objected to as one ("Tomorrow afternoon, probably around 3." – "'Probably'? Give me a time I can
    # rely on", the scenario's objection to its time step) promised nothing she can hold on to: vague (round 24)
    if any("time_commitment" in call.sc.step(s).acts for s in details(t.events, Objected)):
        return "vague"
    lang = call.state.lang
    span = next((x for a, x in t.evidence if a == "time_commitment" and x.strip()), "")
    around = _sentence_with(t, "time_commitment")
    if any(own_time_promise(s, lang) and not commits_no_time(s, lang) and not vague(s, lang, time_only=True)
           for s in sentences(t.text) if s != around):
        return "concrete"  # the quoted time is her deadline ("before your boss signs tomorrow at ten"); the agent's own
        # promise stands in another sentence of the line ("… I'll call you back by 4 pm today.")
    if echoed_deadline(call, t):
        return ""
    if unpunctuated(t) and span and span.strip() != t.text.strip():
        words, at = t.text.split(), len(t.text[: max(0, t.text.lower().find(span.lower()))].split())
        around = " ".join(words[max(0, at - TIME_WINDOW): at + len(span.split()) + TIME_WINDOW])
    if commits_no_time(around, lang):
        return ""
    if vague(around, lang, time_only=True) and unpunctuated(t) and (at := clock_at(t.text, lang)) >= 0:
        # a run-on line's clock time beyond the window of its first, vague one ("… heute noch … bis sechzehn uhr …")
        n = len(t.text[:at].split())
        around = " ".join(t.text.split()[max(0, n - TIME_WINDOW): n + TIME_WINDOW])
        return "" if commits_no_time(around, lang) else "concrete"
    return "vague" if vague(around, lang, time_only=True) else "concrete"


def _sentence_with(t: Turn, act: str) -> str:
    """The sentence holding ``act``'s evidence (:func:`~simulator.scoring.transcript.sentence_of`); the whole line for
    evidence over the whole line."""
    span = next((s for a, s in t.evidence if a == act and s), "")
    return sentence_of(t.text, span) if span and span.strip() != t.text.strip() else t.text


def vague_callback(call: ScoredCall, t: Turn) -> bool:
    """The line's callback is only a vague promise: the sentences holding it say "probably", "sometime", "someone
    will get in touch" and commit to no hour of the agent's own ("someone will probably give you a call beforehand,
    sometime before Thursday"; round 12, EN missed-appointment)."""
    lang = call.state.lang
    spans = [x for a, x in t.evidence if a == "callback" and x.strip()]
    held = [s for x in spans for s in sentences(sentences_of(t.text, x))] or [t.text]
    return any(vague(s, lang) for s in held) and not any(own_time(s, lang) and not vague(s, lang, time_only=True) for s in held)


def gave_unasked(call: ScoredCall, t: Turn, step) -> bool:
    """She gave what ``step`` asks for (her number, when she is reachable) in reply to a line that asked for nothing:
    the line asked no question, and her reply revealed the step's fact (round 12, DE 32 / EN unknown-answer: "I'll ask
    the licensing people and get back to you" – "You can reach me until half past five on extension 12"); not where
    the line arranged the callback itself, with a time of the agent's own, nor where it asked for them in a request
    – in that line or a later one."""
    lang = call.state.lang
    if not step.reveals or questions(t.text) or {"open_question", "closed_question"} & set(t.acts):
        return False
    # a request for her details asks as plainly as a question ("brauche ich zuerst ihren namen und eine nummer …",
    # "I mean your phone number please"; round 13, DE voicebox good 2 / EN mobile mediocre 4)
    if any(asks_for_details(s, lang) for s in sentences(t.text)):
        return False
    if any(own_time(s, lang) and not vague(s, lang, time_only=True) for s in sentences(t.text)):
        return False  # "I'll call you personally by 12 tomorrow": the callback is arranged, her number only adds to it
    if any(asks_for_details(s, lang) for u in call.trainee if u.number > t.number for s in questions(u.text)):
        return False  # he asked for her number all the same, a line later (round 18, DE unknown-answer)
    return any(f in step.reveals for f in details(t.events, Revealed))


def promise_quote(call: ScoredCall, t: Turn) -> str:
    """The sentence in which the agent commits to a time of his own ("I'll call you back by 4 pm today"), not the first
    time word of the line ("they're reachable until 5 today"; round 12, EN unknown-answer good 4); else the act's
    span."""
    lang = call.state.lang
    own = next((s for s in sentences(t.text) if own_time(s, lang) and not commits_no_time(s, lang)
                and not vague(s, lang, time_only=True)), "")
    if len(own) > QUOTE_CHARS:  # a long sentence: the clause after its colon that holds the time (round 13, DE diva
        # good 5: "Ab sofort bin ich Ihr fester Ansprechpartner …: Ich … melde mich heute bis 14 Uhr …" lost the time)
        own = next((c.strip() for c in re.split(r"[:;]\s+(?=[A-ZÄÖÜ])", own) if own_time(c, lang)), own)
    return own or call.span(t, "time_commitment")


def rebuffed(call: ScoredCall, t: Turn) -> bool:
    """She threw the line's apology or comfort back: it took an apology or reassurance step she objected to ("I do
    apologize for the inconvenience" – "'Inconvenience'? I waited a whole morning for nothing"; round 32; "no worries"
    – "No worries, you say … but did I break something?"; round 35)."""
    warm = {s.id for s in call.sc.steps if {"empathy", "reassurance"} & set(s.acts)}
    return bool(warm & set(details(t.events, Objected)))
