"""Why a step was (or was not) recognised in a line: acts, phrases, closeness to the step's examples.

The engine asks :func:`example_index` once per engine for the scenario's
example index (built once per process for the same examples) and
:func:`reasons` explains a line for ``simulator explain``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from simulator.analysis.acts import ACTS
from simulator.analysis.language import compiled
from simulator.analysis.result import Analysis
from simulator.analysis.similarity import Closeness, ExampleIndex, act_only, contrary_acts, timed_acts, veto_acts
from simulator.dialogue.asked_again import ASKING_ACTS
from simulator.dialogue.events import Ramble
from simulator.dialogue.reading import (SENTENCE_END, announces_summary, asks, asks_only_for_information, asks_without_booking,
                                       checks_back, clause_breaks, credits_her, dated, names_time, requests, sentence_of, signs_off,
                                       time_words, without_offer, without_thanks)
from simulator.scenario.model import Scenario, Step
from simulator.scoring.wording import commits_no_time, own_time, recap_marker

_INDEX_CACHE = 64
TELLING_ACTS = frozenset({"admit_unknown", "transparency", "summary"})
"""Acts with which a sentence read as a question still states something ("I don't know yet, is it a known bug")."""
SHOWN_ACTS = ("summary", "callback")
"""Acts a step taken by its phrases or examples shows on the turn (a summary step by a summary's phrase – the
rambler's "der Reihe nach" – is structuring, not a summary, so a summary is shown only when examples took it)."""

@lru_cache(maxsize=_INDEX_CACHE)
def _index(lang: str, examples: tuple[tuple[str, tuple[str, ...]], ...]) -> ExampleIndex:
    return ExampleIndex(dict(examples), lang)


def example_index(scenario: Scenario, lang: str) -> ExampleIndex:
    """The index of *scenario*'s step examples in *lang*, keyed by the examples themselves (no stale index)."""
    return _index(lang, tuple((s.id, s.examples.get(lang)) for s in scenario.steps))


def open_steps(scenario: Scenario, done: tuple[str, ...]) -> tuple[str, ...]:
    """The steps a line could take by its examples now: not done, and everything they require done.

    No chaining: a step made possible by a step taken in the same line is
    taken only by its phrases or acts – a summary's examples share the words
    of the step it summarises.
    """
    return tuple(s.id for s in scenario.steps if s.id not in done and not s.unmet(done))


def vetoed(step: Step, acts: tuple[str, ...]) -> str:
    """Why *step* is not taken by its examples in a line with *acts*: the act that keeps it, or ''.

    A step defined by an ``act_only`` act (an open question) is taken by that act alone.
    """
    only = next((a for a in step.acts if a in act_only()), "")
    if only:
        return f"{only} only"
    against = veto_acts().union(*(contrary_acts(a) for a in step.acts))
    return next((a for a in acts if a in against), "")


QUESTION_ACTS = ("open_question", "closed_question")
"""Acts of asking: contrary to a summary only where they are in the stretch of the line that matched its examples."""
_WORDS = re.compile(r"\w+")


def _stated(segment: str, text: str, lang: str) -> bool:
    """The stretch *segment* of *text* lies in its sentences that ask nothing (:func:`told_part`)."""
    told = " ".join(_WORDS.findall(told_part(text, lang).lower()))
    return bool(told) and " ".join(_WORDS.findall(segment.lower())) in told


def veto_of(step: Step, acts: tuple[str, ...], close: Closeness | None, text: str, lang: str) -> str:
    """:func:`vetoed` for the stretch of *text* that came close to *step*'s examples (*close*): a question in another
    sentence ("… and the callback never came. Have I got that right? When exactly does it drop?") does not make a
    recap that asks nothing a question."""
    if close is not None and any(a in acts for a in QUESTION_ACTS) and _stated(close.segment, text, lang):
        acts = tuple(a for a in acts if a not in QUESTION_ACTS)
    if close is not None and _only_requests(step, lang) and not any(a in acts for a in ASKING_ACTS) and not requests(text, lang):
        return "statement"  # "right so its a dns issue after the update": asks her to check nothing (round 18)
    timed = next((a for a in step.acts if a in timed_acts() and a not in acts), "")
    if close is not None and timed and not names_time(text, lang):
        return f"{timed}: no time named"  # "Das Netzwerkteam meldet sich dann bei Ihnen" (round 20/21)
    if close is not None and dated(tuple(step.examples.get(lang) or ()), lang) and not time_words(
            sentence_of(close.segment, text), lang):  # "… today. Now let's get you a new date: …?" (round 28)
        return "no day or time named"  # "the technician booked for you was off sick yesterday" books nothing (round 26)
    return vetoed(step, acts)


def _only_requests(step: Step, lang: str) -> bool:
    """Every example of *step* in *lang* asks her something or to do something, most of them in so many words ("Please
    check the DNS suffix", "Could you run ipconfig …"), and it has no act: a step she does on request. Not a step
    whose examples only ask ("Woran scheitert es denn?"): saying the answer ("Ihr Dienstleister darf nichts ändern")
    takes it."""
    return not step.acts and _requesting(tuple(step.examples.get(lang) or ()), lang)


@lru_cache(maxsize=256)
def _requesting(examples: tuple[str, ...], lang: str) -> bool:
    """:func:`_only_requests` of a step's examples – read once, not on every line that comes close to them."""
    return (bool(examples) and all(requests(e, lang) for e in examples)
            and 2 * sum(requests(e, lang, marked=True) for e in examples) > len(examples))


def by_examples(index: ExampleIndex, scenario: Scenario, text: str, acts: tuple[str, ...],
                done: tuple[str, ...]) -> frozenset[str]:
    """The steps *text* takes by closeness to their examples: open now, close enough, and not vetoed by an act."""
    if not index:
        return frozenset()
    close = index.closeness(text, open_steps(scenario, done), done)
    return frozenset(k for k, c in close.items()
                     if c.accepted and not veto_of(scenario.step(k), acts, c, text, index.lang))


@dataclass(frozen=True, slots=True)
class StepReason:
    """What speaks for one step in a line."""

    step: str
    """The step."""
    act: str
    """The step's act the line carries, or ''."""
    phrase: str
    """The step's recognise phrase the line matches, or ''."""
    insist: str
    """The push-back ``insist`` phrase the line matches, or ''."""
    closeness: Closeness | None
    """How close the line comes to the step's examples (None: the step has none in this language, or is not open)."""
    veto: str = ""
    """An act of the line that keeps the examples from counting (rude; a closed question for an open-question step)."""

    @property
    def by_examples(self) -> bool:
        """True when the examples recognise the step."""
        return self.closeness is not None and self.closeness.accepted and not self.veto

    @property
    def recognised(self) -> bool:
        """True when the act, a phrase or the examples recognise the step."""
        return bool(self.act or self.phrase or self.by_examples)


def reasons(engine, analysis: Analysis, acts: tuple[str, ...], done: tuple[str, ...] = ()) -> list[StepReason]:
    """For every step of *engine*'s scenario: the act, phrase, insist phrase and example closeness in the line."""
    close = engine.examples.closeness(analysis.text, open_steps(engine.scenario, done), done) if engine.examples else {}
    out = []
    for step in engine.scenario.steps:
        act = next((a for a in step.acts if a in acts), "")
        phrase = engine._step_matchers[step.id].search(analysis) or ""
        insist = (engine._insist_matchers[step.id].search(analysis) or "") if step.pushback else ""
        near = close.get(step.id)
        out.append(StepReason(step.id, act, phrase, insist, near, veto_of(step, acts, near, analysis.text, engine.lang)))
    return out


_CLAUSE = re.compile(r"[^.!?;,:]+[.!?;,:]*")
_TIME_WORD = re.compile(r"\w{2,}|\d")  # a single digit is a time word too: "by 3" is no echo of her "by"


def repeats_time(span: str, heard: str) -> bool:
    """Every word of a time-commitment *span* ("morgen", "by three") is one the customer said (*heard*): the agent
    only repeats her time, she promises none. Shared by the engine (steps) and the debrief (credit)."""
    words = {w.lower() for w in _TIME_WORD.findall(span)}
    return bool(words) and words <= {w.lower() for w in _TIME_WORD.findall(heard)}


_WORD = re.compile(r"\w{4,}", re.UNICODE)
RESTATED_SHARE = 0.5
"""A line restates the recap before it when at least this share of its words (four letters or more) were in it."""


def restates(previous: str, line: str) -> bool:
    """*line* says again, shorter, what *previous* said ("Photo arrives, I unlock Mr Yilmaz, he fixes it" after a recap
    she found too long): at least three of its words, and most of them, were in *previous*."""
    before = {w.lower() for w in _WORD.findall(previous)}
    words = {w.lower() for w in _WORD.findall(line)}
    shared = words & before
    return len(line) < len(previous) and len(shared) >= 3 and len(shared) >= RESTATED_SHARE * len(words)


SAID_BACK_WORDS = 3
"""Long words of hers a line must repeat to say back what she said (a recap only the learned head read)."""
SAID_BACK_LENGTH = 6
"""Letters a word needs to count as one of hers said back ("Profil", "Netzwerkteam"; not "dann", "alles")."""


def says_back(line: str, said: str) -> bool:
    """*line* repeats at least :data:`SAID_BACK_WORDS` long words of her replies so far (*said*): "also workaround
    läuft lokal, profil-fix geht ans netzwerkteam" says back what she told, "super, dann sollte alles laufen" does not
    – a recap only the learned head read takes no recap step she could confirm."""
    hers = {w.lower() for w in _WORD.findall(said) if len(w) >= SAID_BACK_LENGTH}
    return len({w.lower() for w in _WORD.findall(line) if len(w) >= SAID_BACK_LENGTH} & hers) >= SAID_BACK_WORDS


def as_she_hears(analyser, analysis: Analysis, acts: tuple[str, ...], said: str, last) -> tuple[str, ...]:
    """The line's acts as she takes them: her own time said back is no time commitment ("wenn der Chef morgen
    unterschreiben will"), her own word ("vor dem Tunnel") no jargon, and the short version of a recap she found too
    long (``last``: the trainee turn before, with its ``Ramble``) is that recap; a goodbye the analyser missed
    ("pfiat eahna") is a goodbye."""
    span = next((e.text for e in analysis.evidence if e.act == "time_commitment"), "")
    if "time_commitment" in acts and echoes_her_time(analyser, analysis.text, span, said):
        acts = tuple(a for a in acts if a != "time_commitment")
    terms = [e.text.lower() for e in analysis.evidence if e.act == "jargon" and e.text.strip() != analysis.text.strip()]
    if terms and all(re.search(rf"(?<!\w){re.escape(t)}(?!\w)", said.lower()) for t in terms):  # a word: "nic" not in "nicht"
        acts = tuple(a for a in acts if a != "jargon")
    asked = next((s for s in SENTENCE_END.split(analysis.text) if span and span in s), "")
    if "time_commitment" in acts and asked and asks_only_for_information(asked, analysis.lang):
        acts = tuple(a for a in acts if a != "time_commitment")  # "Wann haben Sie in den nächsten Tagen Zeit?"
    if "closing" not in acts and signs_off(analysis.text, analysis.lang):
        acts = acts + ("closing",)  # "pfiat eahna", "dann war's das von meiner Seite": a goodbye, read or not
    if "summary" in acts and announces_summary(analysis.text, analysis.lang):
        acts = tuple(a for a in acts if a != "summary")  # "Let me sum up what I understood." – and then nothing
    if (last is not None and "rude" not in acts and any(isinstance(e, Ramble) for e in last.events)
            and restates(last.text, analysis.text)):  # "keep it short!" – "Photo arrives, I unlock Mr Yilmaz, he fixes it."
        acts = acts + retold_acts(last, acts)
    return acts


RETOLD_ACTS = ("summary", "transparency")
"""Acts a short version of a line she found too long takes over from it: what that line said, she now hears."""


def retold_acts(last, acts: tuple[str, ...]) -> tuple[str, ...]:
    """The recap and the explanation of *last* (a line she found too long) that its short version takes over ("Kurz:
    die Änderung ist schnell gemacht, aber ich brauch erst Ihre Freigabe" retells the explanation; round 23, DE
    mobile-caller: "never said what is happening or why" beside it)."""
    return tuple(a for a in RETOLD_ACTS if a in last.acts and a not in acts)


def commits_nothing(step: Step, line: str, lang: str, said: str = "", acts: tuple[str, ...] = ()) -> bool:
    """*line* only asks her for information ("Wann haben Sie in den nächsten Tagen Termine?"), or checks back only
    her own times ("… before your colleague starts on Monday, and mornings are best – is that right?", round 17),
    and *step* is one its examples state or instruct, none asks ("Ich buche Ihnen Donnerstag, acht bis zehn"): the
    line books no date, however close its words come to them – she answers it, and takes no commitment from it.
    Nor does a recap that asks her nothing take a step she would have to do (:func:`recounts`)."""
    if recounts(step, line, lang, acts):
        return True
    examples = step.examples.get(lang) or ()
    if step.asks or not examples or any(e.rstrip().endswith("?") for e in examples):
        return False
    books = "summary" not in step.acts and any(time_words(e, lang) for e in examples)  # a step that books a time
    return (books and bool(said) and checks_back(line, lang) and _only_her_times(line, said, lang) and not own_time(line, lang)
            or asks_only_for_information(line, lang)  # a step most of whose examples book a time: asked for her times, not booked
            or 2 * sum(bool(time_words(e, lang)) for e in examples) > len(examples) and asks_without_booking(line, lang))


def recounts(step: Step, line: str, lang: str, acts: tuple[str, ...]) -> bool:
    """*line* only sums up what happened ("prima, dann nochmal kurz zusammengefasst: das Kabel hinten war locker,
    jetzt steckt es wieder fest und alles geht"): a summary with a sentence opening as a recap does ("Fair play to
    you. So just to sum up: …"), no question, no request and no word of the agent's own ("ich übernehme das", "we
    need your okay" still take their steps) – and *step* is taken by its words alone (no act of its own; not a step
    that tells her something): she does not go and plug in the cable a recap says is in already (round 18, DE
    jargon-averse 2 / EN 3)."""
    back = checks_back(line, lang)  # "…, hab ich das so richtig?" asks her to confirm the recap, nothing else
    if ("summary" not in acts or any(a in acts and not (back and a == "closed_question") for a in ASKING_ACTS)
            or step.acts or step.tells):
        return False
    parts = [s for s in SENTENCE_END.split(line) if s.strip()]
    if not any(recap_marker(p, lang) for p in parts) or requests(line, lang, marked=back):
        return False
    # a step she does only on request is not taken by a recap that requests nothing, whatever it says of the agent ("Also
    # wenn ich das richtig mitbekommen hab: …, der Stecker steckt … Das schaffen wir." met her refusal, round 26)
    mine = compiled(lang).self_words
    return _only_requests(step, lang) or mine.isdisjoint(_WORDS.findall(line.lower()))


def _only_her_times(line: str, said: str, lang: str) -> bool:
    """Every time word of *line* (:func:`~simulator.dialogue.reading.time_words`) is one she said: her times said
    back."""
    mine = time_words(line, lang)
    return bool(mine) and mine <= time_words(said, lang)


def echoes_her_time(analyser, line: str, span: str, heard: str) -> bool:
    """The time-commitment *span* only repeats her time (:func:`repeats_time`), in a sentence where the agent does not
    speak for herself: "… and your boss signs tomorrow at 10. I'll check with licensing" promises no time, "I'll call
    you tomorrow at 10" does."""
    sentence = next((s for s in SENTENCE_END.split(line) if span and span in s), line)
    if span and commits_no_time(sentence, analyser.lang) and not own_time(line, analyser.lang):
        return True  # her deadline, in her terms: "I can see why you want it sorted before tomorrow morning"
    if not repeats_time(span, heard):
        return False
    if checks_back(line, analyser.lang):
        return True  # her time said back and checked: "… before your colleague starts on Monday – is that right?"
    return not analyser.speaks_for_self(analyser.analyse_rules(sentence))


def understood_part(analyser, line: str) -> str:
    """*line* without its clauses that hold jargon: what a caller who knows no tech still understands of it
    ("" when every clause has a term). A clause is also cut where a new thought starts ("… an add-on SKU | but I'll
    check with the licensing team"): she understands the part without the term."""
    clauses = [piece for c in _CLAUSE.findall(line) if c.strip(" .!?;,:") for piece in clause_breaks(c, analyser.lang)]
    for _ in range(4):
        terms = [e.text.lower() for e in analyser.analyse_rules(" ".join(clauses)).evidence if e.act == "jargon"]
        if not terms:
            break
        clauses = [c for c in clauses if not any(t in c.lower() for t in terms)]
    return " ".join(c.strip() for c in clauses).strip()




def without_credit(line: str, lang: str) -> str:
    """*line* without its clauses that only thank her for, or grant, what she did ("Danke, dass Sie den Stecker schon
    angeschaut haben. Bis wann …?" – "Bis wann …?"): the words of such a clause ask her to do nothing, so they take
    no step and meet no refusal. The line itself when no clause does."""
    sentences = [s for s in SENTENCE_END.split(line) if s.strip()]
    kept, cut = [], False
    for sentence in sentences:
        for piece in clause_breaks(sentence, lang, "credit_break"):
            if credits_her(piece, lang):
                cut = True
            else:
                kept.append(piece.strip())
    return " ".join(k for k in kept if k) if cut else line


def thanks_go_on(analyser, line: str, lang: str) -> bool:
    """The line thanks her and goes on with something else ("Danke für Ihre Geduld, der Kollege war leider krank",
    "Thanks for your patience, my colleague was off sick"): its thanks is no goodbye, unless the rest signs off too."""
    rest = without_credit(line, lang)
    if rest != line and bool(rest.strip()) and not signs_off(rest, lang) and "closing" not in analyser.analyse_rules(
            rest).acts:
        return True
    # a thanks for what she said or did ("… a really useful clue, thank you", "great got it thanks") is no goodbye
    # either: only a line that signs off or closes beyond its thanks ends the call early (round 34)
    kept = without_thanks(line, lang)
    return (kept != line.strip() and not signs_off(line, lang)
            and not (kept and "closing" in analyser.analyse_rules(kept).acts))


def granted_before(turns, lang: str) -> bool:
    """An earlier trainee line granted what she said ("Gut, dass Sie den Stecker schon geprüft haben, das glaube ich
    Ihnen"): a later request that says why ("… weil Drucker oft an einer Leiste mit eigenem Schalter hängen") answers
    her objection before she makes it, as if both were one line. Not after a rude line."""
    return any(without_credit(t.text, lang) != t.text for t in turns) and not any("rude" in t.acts for t in turns)


def is_asking(line: str, acts: tuple[str, ...], lang: str) -> bool:
    """The line asks her something: a question, or a request to tell ("Sagen Sie mal, wo die Scans landen")."""
    return "open_question" in acts or "closed_question" in acts or "?" in line or asks(line, lang)


def told_part(text: str, lang: str) -> str:
    """The sentences of *text* that ask nothing (no question mark, no request to tell): what the trainee states."""
    return " ".join(s for s in SENTENCE_END.split(text) if s.strip() and not s.rstrip().endswith("?")
                    and not asks(s, lang))


def asks_for(engine, step_id: str, text: str) -> bool:
    """The sentences of *text* that ask (all of it, when none is marked as asking) ask for what step *step_id* finds
    out, by its phrases: "Is the switch on the strip lit?" does, "You need to authorise it: note, photo – OK?" asks
    about the plan, not the obstacle the trainee has just stated."""
    sentences = [s for s in SENTENCE_END.split(text) if s.strip()]
    asking = " ".join(s for s in sentences if s.rstrip().endswith("?") or asks(s, engine.lang)) or text
    return engine._step_matchers[step_id].search(engine.analyser.analyse_rules(asking)) is not None


def instructs(engine, step_id: str, text: str, acts: tuple[str, ...] = (), waiting: bool = False) -> bool:
    """A sentence of *text* asks her to do what step *step_id* is, by its phrases ("… and if it's off, switch it
    on"): not a sentence that only describes ("the cleaners sometimes knock the switch on the strip"). Where she has
    found the fault already and waits (``waiting``), a line read as an instruction at all (``acts``, the learned
    head's reading included) that names the step asks her: "ok dann einschalten bitte und den drucker booten" is a
    request in words the rules miss – the one she is waiting for."""
    if waiting and "instruction" in acts and engine._step_matchers[step_id].search(engine.analyser.analyse_rules(text)):
        return True
    for sentence in (s for s in SENTENCE_END.split(text) if s.strip()):
        heard = engine.analyser.analyse_rules(sentence)
        if "instruction" in heard.acts and engine._step_matchers[step_id].search(heard) is not None:
            return True
    return False


def closing_question_takes(engine, step: Step, text: str, acts: tuple[str, ...], done: tuple[str, ...]) -> bool:
    """The last sentence of *text* is a question that takes *step*, open now, by its phrases or examples."""
    last = ([s for s in SENTENCE_END.split(text.strip()) if s] or [""])[-1]
    if not last.endswith("?") or step.id in done or step.unmet(done):
        return False
    return (engine._step_matchers[step.id].search(engine.analyser.analyse_rules(last)) is not None
            or step.id in by_examples(engine.examples, engine.scenario, last, acts, done))


def _asks_only(engine, read: Analysis) -> bool:
    """A sentence the rules read as a question, typed without its mark, that states nothing and has no word of the
    agent's own: "uh is it maybe a known bug with the new version" asks him, it tells nothing (round 30)."""
    speaks = getattr(engine.analyser, "speaks_for_self", lambda _: False)(read)
    return bool({"open_question", "closed_question"} & set(read.acts)) and not TELLING_ACTS & set(read.acts) and not speaks


def told_analysis(engine, heard: Analysis, acts: tuple[str, ...], done: tuple[str, ...]
                  ) -> tuple[Analysis, frozenset[str]] | None:
    """What of the line states something, for the steps that tell her something (``tells``): None when all of it
    does, else the stating sentences' analysis and the steps close to them by their examples."""
    rules = getattr(engine.analyser, "analyse_rules", engine.analyser.analyse)
    told = " ".join(s for s in SENTENCE_END.split(told_part(heard.text, engine.lang)) if not _asks_only(engine, rules(s)))
    if told.strip() == heard.text.strip():
        return None
    return rules(told), (by_examples(engine.examples, engine.scenario, told, acts, done) if told else frozenset())


def asked_part(engine, heard: Analysis, acts: tuple[str, ...], done: tuple[str, ...]
               ) -> tuple[Analysis, frozenset[str]] | None:
    """What of the line asks her something, for the steps that find something out (``asks``): None when all of it
    does (or it is one sentence that asks), else the asking sentences' analysis and the steps close to them by their
    examples (nothing when no sentence asks). Recognised speech without punctuation asks as a whole if the analyser
    found a question in it."""
    sentences = [s for s in SENTENCE_END.split(heard.text) if s.strip()]
    asking = [s for s in sentences if s.rstrip().endswith("?") or asks(s, engine.lang)]
    if len(asking) == len(sentences) and (asking or is_asking(heard.text, acts, engine.lang)):
        return None
    if not asking and "?" not in heard.text and any(a in acts for a in ("open_question", "closed_question")):
        return None
    rules = getattr(engine.analyser, "analyse_rules", engine.analyser.analyse)  # the rules only: no second embedding
    if not asking:
        return rules(""), frozenset()
    text = " ".join(asking)
    return rules(text), by_examples(engine.examples, engine.scenario, text, acts, done)


def without_greeting(analyser, heard: Analysis) -> Analysis:
    """*heard* without its sentences that greet ("Hello, thanks for calling licensing support, this is Mike."), for a
    line that answers the phone: the desk an agent names is no escalation to it, nor a callback. *heard* itself when
    no sentence greets, or every one does (a bare greeting is read by its acts alone)."""
    spans = [e.text.lower() for e in heard.evidence if e.act == "greeting" and e.text.strip()]
    sentences = [s for s in SENTENCE_END.split(heard.text) if s.strip()]
    rest = [s for s in sentences if not any(span in s.lower() for span in spans)]
    if not spans or not rest or len(rest) == len(sentences):
        return heard
    return analyser.analyse_rules(" ".join(rest))


GREETING_ACTS = ("greeting", "active_listening")
"""Acts of a line that greets and introduces the agent and is on no topic yet."""


def only_greets(analyser, acts: tuple[str, ...], line: str, lang: str) -> bool:
    """The line greets and introduces the agent, perhaps offering help, and says nothing else ("Grüezi,
    Lizenzbetreuung, Berger.", "Hi, licensing, Tom here, how can I help?"): a step is taken by its own act (the offer
    of help is an open question), never by words that only sound like its examples or phrases – "Hi licensing" is no
    promise to ask licensing."""
    if "greeting" not in acts:
        return False
    rest = set(acts) - set(GREETING_ACTS)
    if not rest:
        return True
    if rest != {"open_question"}:
        return False
    left = without_offer(line, lang)
    return left != " ".join(line.lower().split()) and not (
        set(analyser.analyse_rules(left.strip(" ,.;:!?-–")).acts) - set(GREETING_ACTS))


def shown_acts(scenario: Scenario, analysis: Analysis, acts: tuple[str, ...], done: tuple[str, ...],
               steps_now: tuple[str, ...], unheard: frozenset[str], by_phrase) -> tuple[tuple[str, ...], tuple]:
    """The acts and evidence the turn shows the debrief. An act of a step that finds something out, not taken, that the
    customer did not hear as one (``unheard``: the learned head alone read it, or the question asks for a fact she
    knows – "Can I have your customer number?") is not shown: the debrief would credit what the checklist says did
    not happen. A summary or callback step taken by its phrases or examples ("…, jetzt läuft er wieder" for the recap)
    shows that act (not a summary step taken by a phrase, ``by_phrase(step)``): the debrief credits it where the
    checklist does, not "never summarised" beside it."""
    dropped = {a for s in scenario.steps if s.asks and s.id not in done for a in s.acts if a in unheard}
    acts = tuple(a for a in acts if a not in dropped)
    evidence = tuple((e.act, e.text) for e in analysis.evidence if e.act in acts)
    shown = [a for s in steps_now for a in scenario.step(s).acts if a in SHOWN_ACTS and a not in acts
             and not (a == "summary" and by_phrase(s))]
    if shown:
        acts = tuple(a for a in ACTS if a in acts or a in shown)
        evidence += tuple((a, analysis.text) for a in dict.fromkeys(shown))
    return acts, evidence


BACK_CHANNEL_REST = 2
"""Words a line may have beside its back-channel ("Okay, I see.") and still be only one."""
BACK_CHANNEL_WORDS = 4
"""Words a line the learned head read as a back-channel as a whole (no span of its own) may have and still be only one."""


def bare_back_channel(analysis: Analysis, line: str) -> bool:
    """The line is little more than its back-channel ("Okay.", "Mhm, I see."): not "ok. sounds like a full drive", whose
    "ok" only leads into a claim – a cheer ("That's what I'm saying!") would agree to what she never said."""
    said = next((e.text for e in analysis.evidence if e.act == "active_listening"), "")
    if said.strip() == line.strip():  # read by the learned head as a whole: "Thank you. … What exactly is slow?" is no bare
        return len(line.split()) <= BACK_CHANNEL_WORDS  # "Okay" – its question leads on, he answers it without "Exactly!"
    return len(line.split()) - len(said.split()) <= BACK_CHANNEL_REST
