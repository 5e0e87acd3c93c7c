"""What the persona says when no step answers: fillers, nudges, offers to tell, "I don't know", confirmations.

The engine decides what happened in a turn; :class:`Speech` picks the
persona's words for the general cases, from the scenario's ``fillers`` first
and the general lines (``dialogue/data/customer.yaml``) after them – a variant
by seed, turn and purpose, never one already said in the call while another
is left (:func:`simulator.dialogue.planner.choose`).
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from simulator.dialogue import events as ev_
from simulator.dialogue.events import Noise
from simulator.dialogue.lines import customer_lines
from simulator.dialogue.phrases import step_words
from simulator.dialogue.planner import choose
from simulator.dialogue.reading import SENTENCE_END, her_action, requests_story
from simulator.dialogue.state import CallState, Turn
from simulator.scenario.model import Scenario, Step, Text
from simulator.scoring.wording import function_words, guesses, vague

_CONTENT = re.compile(r"\w{5,}", re.UNICODE)
_TOPIC = re.compile(r"\w{4,}", re.UNICODE)
TOPIC_WORD_MIN = 4
"""A word of a step's phrases this long names its topic for a line that goes on about it ("Foto", "photo")."""
RETELL_MOOD = 6
"""What being asked to tell her story again costs a customer who said she will not (scenario filler ``retell``)."""
ECHO_WORDS = 3
"""A reply opening with a question of at most this many words echoes what she was asked ("Since when?")."""


def _echo(variant: str) -> tuple[str, ...]:
    """The words (four letters or more) of the short question *variant* opens with ("The message?" -> message)."""
    first = SENTENCE_END.split(variant.strip(), maxsplit=1)[0]
    if not first.endswith("?") or len(first.split()) > ECHO_WORDS:
        return ()
    return tuple(w.lower() for w in re.findall(r"\w{4,}", first))


def _alike(a: str, b: str) -> bool:
    """Two words are the same but for a typo ("mesage" – "message") or an ending ("Meldung" – "Meldungen")."""
    return a == b or (min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a))) or \
        SequenceMatcher(None, a, b).ratio() >= 0.8


class Speech:
    """The general lines of one scenario's persona in one language."""

    def __init__(self, scenario: Scenario, lang: str) -> None:
        self.scenario = scenario
        self.lang = lang
        # the shared language tables a reply reads, parsed when the call is set up rather than in one of its turns
        # (customer.yaml ~10 ms, scoring wording ~30 ms CPU, once per process; cached, so nothing else changes)
        customer_lines(lang, "")
        guesses("", lang)
        vague("", lang)
        self._card = frozenset(w.lower() for w in _CONTENT.findall(scenario.situation.briefing.get(lang) or ""))
        """The content words of the agent's card (the ticket on screen): what a check-back may take up besides her lines."""

    def say(self, text: Text, state: CallState, purpose: str, said: str = "", optional: bool = False) -> str:
        """A variant of ``text``, picked by seed, turn and purpose; not one said already in the call if avoidable."""
        return choose(text.all(self.lang), f"{state.seed}:{state.turn}:{purpose}", said, optional=optional)

    def object(self, text: Text, state: CallState, purpose: str, said: str) -> str:
        """Her objection (``text``): a variant not said yet; with every variant said already in this call, she says so
        in other words (``object_again``) rather than verbatim."""
        line = self.say(text, state, purpose, said, optional=True)
        return line or self.general("object_again", state, said, purpose, optional=False)

    def say_fitting(self, text: Text, state: CallState, purpose: str, said: str, line: str, optional: bool = False) -> str:
        """As :meth:`say`, but a variant that opens by echoing what she was asked ("The message? …", "Since when? …") is
        said only where the trainee's *line* asked that: asked what the message said she never starts "Since when?"."""
        variants = text.all(self.lang)
        echoes = {v: _echo(v) for v in variants}
        words = [w.lower() for w in re.findall(r"\w{4,}", line)]
        fit = [v for v, echo in echoes.items() if echo and all(any(_alike(e, w) for w in words) for e in echo)]
        pool = fit or [v for v, echo in echoes.items() if not echo] or variants
        return choose(pool, f"{state.seed}:{state.turn}:{purpose}", said, optional=optional)

    def retell(self, state: CallState, said: str, line: str, took: tuple[Step, ...] = ()) -> str:
        """Her refusal to tell her story again where *line* asks her what the problem is (the persona's 'retell'
        filler: the third call about it); '' for a persona without one, or a line that asks nothing of the kind. A step
        the line took that asks or tells what she knows answers her; one that is only manner ("Sorry about that! What's
        the issue?") or a look into her ticket ("ich seh hier nur das Ticket, können Sie mir nochmal sagen, was genau das
        Problem ist?" – round 28: "Dann haben Sie es ja vor sich – endlich", then praise for not making her retell) does
        not: the ticket is in front of him – "Lesen Sie es"."""
        text = self.scenario.fillers.get("retell")
        if text is None or any(s.asks or s.tells for s in took):
            return ""
        return self.say(text, state, "retell", said) if requests_story(line, self.lang) else ""

    def retold(self, said: str) -> bool:
        """She has refused to tell her story again already in this call (*said*: her lines so far)."""
        text = self.scenario.fillers.get("retell")
        return text is not None and any(v in said for v in text.all(self.lang))

    def general(self, key: str, state: CallState, said: str, purpose: str = "", optional: bool = True) -> str:
        """A general line of ``key`` (``customer.yaml``), picked like :meth:`say`."""
        return choose(customer_lines(self.lang, key), f"{state.seed}:{state.turn}:{purpose or key}", said,
                      optional=optional)

    def filler(self, kind: str, state: CallState, said: str = "", optional: bool = False) -> str:
        """The persona's filler of ``kind``; with her variants used up, a general line of that kind, else a repeat."""
        text = self.scenario.fillers.get(kind) or self.scenario.fillers.get("neutral")
        line = self.say(text, state, f"filler:{kind}", said, optional=True) if text else ""
        if line or optional:
            return line
        general = self.general(f"filler_{kind}", state, said, kind)
        return general or (self.say(text, state, f"filler:{kind}") if text else "")

    def idle(self, text: str) -> bool:
        """*text* is only her waiting ("Aha. Und weiter?", "Ich warte."): the persona's neutral or annoyed filler or a
        general one – said because nothing else was; a scripted line due in the same breath says it for her."""
        kinds = ("neutral", "annoyed")
        mine = (v for k in kinds if (t := self.scenario.fillers.get(k)) is not None for v in t.all(self.lang))
        return any(text == v for v in mine) or any(text in customer_lines(self.lang, f"filler_{k}") for k in kinds)

    # -- helping a stuck trainee on ------------------------------------------------------
    def tell_step(self, done: tuple[str, ...]) -> Step | None:
        """The open step she can simply tell about when invited (taken by an open question: "what happened?")."""
        return next((s for s in self.scenario.steps if "open_question" in s.acts and s.id not in done
                     and not s.unmet(done)), None)

    def offer(self, state: CallState, said: str) -> str:
        """She offers to tell in her own words (the scenario's 'offer' filler, else a general one); '' when said all."""
        text = self.scenario.fillers.get("offer")
        line = self.say(text, state, "offer", said, optional=True) if text is not None else ""
        return line or self.general("offer", state, said, "nudge")

    def nudge(self, state: CallState, said: str, may_offer: bool = True) -> tuple[str, bool]:
        """The persona helps a stuck trainee on, in character; the line and whether it offers to tell.

        With a step open that she can simply tell about (:meth:`tell_step`) she offers to tell – unless the
        trainee has just asked for exactly that (``may_offer`` false): then she waits. Otherwise the
        scenario's 'nudge' filler, else a general "so what happens now?".
        """
        if not may_offer:  # asked to tell ("Erzählen Sie halt nochmal"): she answers in her own way, never "shall I tell?"
            line = self.filler("neutral", state, said, optional=True)
            if line:
                return line, False
        elif self.tell_step(state.steps_done) is not None:
            line = self.offer(state, said)
            if line:
                return line, True
        text = self.scenario.fillers.get("nudge")
        line = self.say(text, state, "nudge", said, optional=True) if text is not None else ""
        line = line or self.general("nudge_next", state, said, "nudge")
        for kind in ("neutral", "annoyed"):  # nudged often already: she waits, then gets impatient
            line = line or self.filler(kind, state, said, optional=True)
            line = line or self.general(f"filler_{kind}", state, said, kind)
        return line or self.general("nudge_next", state, said, "nudge", optional=False), False

    def unknown(self, state: CallState, said: str, line: str = "") -> str:
        """The answer to a question the scenario has no answer for: the persona's 'question' filler, else a general one.
        Asked whether she did something ("Haben Sie neu gestartet?"), a yes or no ('own_action') – an expert without
        that filler answers with his 'question' filler."""
        own = self.scenario.fillers.get("own_action")
        if line and her_action(line, self.lang) and (own is not None or self.scenario.persona.tech_level != "high"):
            answer = self.say(own, state, "own_action", said, optional=True) if own is not None else ""
            answer = answer or self.general("own_action", state, said, "own_action")
            if answer:
                return answer
        text = self.scenario.fillers.get("question")
        line = self.say(text, state, "question", said, optional=True) if text is not None else ""
        if line or self.scenario.persona.tech_level == "high":  # an expert never says "no idea"
            return line
        return self.general("unknown_answer", state, said, "question")

    def asked_again(self, step: Step, state: CallState) -> bool:
        """*step* may be answered before what it needs (its ``again``) and her last reply was its ``early`` line: asked
        again, she answers it ("Die Meldung? … Wo fangen wir an?" – "Egal wo, was stand in der Meldung?")."""
        reply = state.exchanges[-1].reply if state.exchanges else None
        return step.again and reply is not None and any(v in reply.text for v in step.early.all(self.lang))

    def noted(self, state: CallState, said: str, last: Turn | None, line: str) -> str:
        """She says she heard it ("Okay, mach ich.") where *line* tells her more about a step the trainee's previous
        line (*last*) took – it names a word of that step's phrases ("Foto per SMS an die 0151 …" after "Ich schick's
        Ihnen gleich") – and asks nothing: no idle line to get impatient at; '' otherwise."""
        if last is None or "?" in line:
            return ""
        words = {w.lower() for w in _TOPIC.findall(line)}
        topics = {t for s in last.steps for t in step_words(self.scenario.step(s).recognise.get(self.lang), TOPIC_WORD_MIN)}
        if not any(w == t or (len(t) > TOPIC_WORD_MIN and w.startswith(t)) for w in words for t in topics):  # "prüf*"
            return ""
        return self.general("noted", state, said)

    def confirm(self, state: CallState, said: str) -> str:
        """She confirms what the trainee said back to her: the persona's 'confirm' filler ("Genau. Und jetzt?"), else a
        general one ("Ja, genau."); '' when all were said already."""
        own = self.scenario.fillers.get("confirm")
        line = self.say(own, state, "confirm", said, optional=True) if own is not None else ""
        return line or self.general("confirm", state, said, "confirm")

    def echoes_her(self, state: CallState, line: str) -> bool:
        """The line checks back what she said (or what the agent's card shows of her case): at least two of its
        content words (five letters or more) are hers, and they are most of its content words ("So no light at all
        since this morning?") – of the whole line or of its last question ("Danke. Ist der Rechner denn seit Montag
        langsam?", "Ist das nur im Homeoffice so?" with the ticket on screen; round 16)."""
        empty = function_words(self.lang)
        heard = {w.lower() for x in state.exchanges if x.reply is not None for w in _CONTENT.findall(x.reply.text)} | self._card
        asked = [p for p in SENTENCE_END.split(line.strip()) if p.endswith("?")]
        for text in {line, asked[-1] if asked else line}:
            own = {w.lower() for w in _CONTENT.findall(text)} - empty  # "nicht", "haben" share nothing
            shared = own & heard
            if len(shared) >= 2 and 3 * len(shared) >= 2 * len(own):
                return True
        return False

    @staticmethod
    def stuck(state: CallState) -> int:
        """Trainee turns in a row (noise aside) that moved nothing: no step, no push-back, no yielding."""
        run = 0
        for t in reversed(state.trainee_turns):
            if ev_.has(t.events, Noise):
                continue
            if t.steps or any(isinstance(e, ev_.STEP_EVENTS) for e in t.events):
                break
            run += 1
        return run
