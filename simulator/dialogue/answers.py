"""What she knows when a question takes no step: whether it works now, and the facts she can simply say.

Asked "Is it working now?" right after "It's printing!", or "Is the problem
still happening?" on her third call about it, a customer never says "I
couldn't tell you": she answers from where the call stands (the scenario's
fillers ``still_broken`` and ``fixed``, else the general lines of
``dialogue/data/customer.yaml``). A yes/no question about something she
knows without doing anything ("Any lights on the printer?") she answers
briefly from the scenario's ``facts[].answer`` – the engine then steers as
before ("Don't you want to know what's actually going on first?").
"""

from __future__ import annotations

from collections.abc import Callable

from simulator.analysis.result import Analysis
from simulator.dialogue.reading import SENTENCE_END, asks, checks_back, checks_status, her_action, spoken
from simulator.dialogue.speech import Speech
from simulator.dialogue.state import CallState
from simulator.scenario.model import Scenario


FACT_QUESTION_WORDS = 16
"""Words from which a question sentence that takes a step by its words says more than the fact it names: "Meanwhile,
you could set the NRPT rule by hand, or I roll your machines back to 5.1 – your call?" proposes the workaround, though
"call … back" are the words of a question for his number (round 32); "Hängt der Drucker an einer Leiste?" stays a
question for what she knows."""


def says_more(sentence: str) -> bool:
    """A question sentence too long to be only a question for a fact she knows (:data:`FACT_QUESTION_WORDS`)."""
    return len(sentence.split()) >= FACT_QUESTION_WORDS


RECAP_CHECK_WORDS = 12
"""Words from which a sentence that ends in a check-back ("…, richtig?") is a recap said back, not a question."""


class Answers:
    """One scenario's persona answering from what she knows, in one language."""

    def __init__(self, scenario: Scenario, lang: str, speech: Speech, phrases: Callable,
                 read: Callable[[str], Analysis]) -> None:
        self.scenario = scenario
        self.lang = lang
        self.speech = speech
        self.read = read  # the rules' reading of a text (no second embedding per turn)
        self.facts = tuple((f, phrases(f.asked.get(lang))) for f in scenario.facts
                           if f.asked.get(lang) and f.answer.all(lang))
        # what no check reveals – her number, her ticket – stays true after the fix ("no light at all" does not)
        self.lasting = frozenset(f.id for f in scenario.facts) - {r for s in scenario.steps for r in s.reveals}
        # the steps that find something out by asking, by their own words (not an open question's act – "is the
        # message gone now?" does not ask her to describe the screen again): asked again, she says it again
        self.told_steps = tuple((s, phrases(s.recognise.get(lang))) for s in scenario.steps
                                if s.asks and not s.acts and s.recognise.get(lang) and s.reply.all(lang))

    def _question(self, line: str) -> str:
        """The sentences of *line* that ask her something ('' when none does); of a recogniser's line, the words from
        where the rules found its question on ("… neustart hatten se jetz oft genug dat bringt nix … zu welchen uhrzeiten
        bricht es denn ab" asks when it drops, not whether she restarted; round 33)."""
        sentences = [s for s in SENTENCE_END.split(line) if s.strip()]
        return " ".join(self._asked_part(s) for s in sentences if self._asks(s))

    def _asked_part(self, sentence: str) -> str:
        """*sentence* itself, or – spoken, without a mark – its words from the first question the rules found in it."""
        at = -1 if sentence.rstrip().endswith("?") else self._spoken_start(sentence)
        return sentence[at:] if at >= 0 else sentence

    def _asks(self, sentence: str) -> bool:
        """The sentence asks her something – not a long recap checked back ("Ich hab Ihr Ticket offen vor mir: das
        VPN bricht ab, der Client ist zweimal neu installiert – hab ich das so richtig?" says back what is known; its
        words asked for no fact and took no look into the ticket, round 30)."""
        recap = len(sentence.split()) >= RECAP_CHECK_WORDS and checks_back(sentence, self.lang)
        return (sentence.rstrip().endswith("?") or asks(sentence, self.lang) or self._spoken_question(sentence)) and not recap

    def asked(self, line: str) -> bool:
        """*line* asks her something: it has a "?", or it is spoken text the rules read as a question."""
        return "?" in line or self._spoken_question(line)

    def _spoken_question(self, sentence: str) -> bool:
        """A recogniser's line – no punctuation at all – that the rules read as a question: asked as if it ended in
        "?" ("ah ok also sind sie gerade am rechner oder nur am handy" had her say "das kann ich Ihnen nicht sagen",
        with "?" she said "Kein Laptop"; round 32, DE mobile-caller)."""
        return self._spoken_start(sentence) >= 0

    def _spoken_start(self, sentence: str) -> int:
        """Where the rules found the first question of a spoken *sentence* (-1: it is typed, or asks nothing)."""
        if not spoken(sentence):
            return -1
        return min((e.start for e in self.read(sentence).evidence if e.act in ("closed_question", "open_question")),
                   default=-1)

    def again(self, state: CallState, answer: str) -> bool:
        """*answer* tells a fact she told earlier in the call ("Hab ich doch gesagt: …"): she is asked again, and says
        so – no friendly reaction in the same breath ("Quite. You're the first to see it that way. I just told you")."""
        return (any(f.id in state.facts and answer in f.answer.all(self.lang) for f, _ in self.facts)
                or any(answer.endswith(_first(v)) for s, _ in self.told_steps if s.id in state.steps_done
                       for v in s.reply.all(self.lang)))

    def retold(self, state: CallState, heard: Analysis, said: str) -> str:
        """Her answer once more, short, to a question a step that asks took already ("Have you got patients waiting?"
        after "The waiting room's full, and the next lot arrive at eleven."): "Like I said: " and its first sentence –
        not "Hm, I'm not sure about that" (round 18, EN jargon-averse); '' when no such step is asked again."""
        for step, matcher in self.told_steps:
            if step.id in state.steps_done and matcher.search(heard) is not None:
                return self._once_more(state, said, step.id, step.reply.get(self.lang, 0))
        return ""

    def _untold(self, state: CallState) -> frozenset[str]:
        """The facts a step still open to the trainee reveals and she has not said yet: asked for one ("Was genau zeigt
        denn das Handy an?" before he said the error), she tells it through that step – not "Hab ich doch gesagt: …"
        for what she never said (round 28, DE mobile-caller)."""
        return frozenset(f for s in self.scenario.steps if s.id not in state.steps_done and not s.unmet(state.steps_done)
                         for f in s.reveals) - set(state.facts)

    def _facts(self, state: CallState | None) -> tuple:
        untold = self._untold(state) if state is not None else frozenset()
        return tuple((f, m) for f, m in self.facts if f.id not in untold)

    def about_fact(self, line: str, state: CallState | None = None) -> bool:
        """A question of *line* asks for a fact she knows ("Can I have your customer number?"): it is that question,
        not a step's act ("callback") – a step that finds something out is taken by its own words only. A fact an open
        step reveals and she has not told yet is that step's to tell."""
        facts = self._facts(state)
        question = self._question(line) if facts else ""
        return bool(question) and any(m.search(self.read(question)) is not None for _, m in facts)

    def without_fact_questions(self, line: str, finds_out: Callable[[Analysis], bool],
                               state: CallState | None = None) -> str:
        """*line* without its questions that only ask for a fact she knows and ask her to do nothing ("Hängt der Drucker
        an einer Leiste?", "Do you have a ticket number?"): their words take no step – she answers them instead. A
        question that takes a step finding something out now (``finds_out``: "Have you got a laptop with you?") stays,
        as one for a fact an open step has still to tell."""
        facts = self._facts(state)
        if not facts:
            return line
        kept = []
        for sentence in (s for s in SENTENCE_END.split(line) if s.strip()):
            heard = self.read(sentence) if self._asks(sentence) else None
            # "Did you try to restart it and reconnect?" asks what she did, however it reads: no instruction
            instructs = "instruction" in heard.acts and not her_action(sentence, self.lang) if heard is not None else False
            if (heard is None or instructs or not any(m.search(heard) for _, m in facts)
                    or finds_out(heard)):
                kept.append(sentence)
        return " ".join(kept)

    def known(self, state: CallState, line: str, said: str, told: tuple[str, ...] = (),
              looked: Callable[[Analysis], bool] = lambda _: False) -> str:
        """Her answer to the question(s) of *line* from what she knows, or '' when she knows none (nor one of the facts
        *told* already), or when the question asked her to look at what she has just looked at (``looked``: "is there a
        strip with a switch, and is it lit?" – she says what she found, not "Yes, there's a strip. Why?")."""
        if checks_status(line, self.lang):
            kind = "fixed" if state.solved_at is not None else "still_broken"
            own = self.scenario.fillers.get(kind)
            answer = self.speech.say(own, state, kind, said, optional=True) if own is not None else ""
            return answer or self.speech.general(kind, state, said, kind, optional=False)
        if not (self.facts or self.told_steps):
            return ""
        question = self._question(line)
        if not question:
            return ""
        heard = self.read(question)
        if looked(heard):
            return ""
        used = None
        for fact, matcher in self.facts:
            if fact.id not in told and matcher.search(heard) is not None and (
                    state.solved_at is None or fact.id in self.lasting):  # "no light at all" was true before the fix
                # never her last answer word for word again: with every variant said she answers otherwise
                answer = self.speech.say(fact.answer, state, f"fact:{fact.id}", said, optional=True)
                if answer:
                    return answer
                used = used or fact
        retold = self.retold(state, heard, said) if state.solved_at is None else ""
        if retold or used is None:
            return retold
        # … or says it once more, short ("Hab ich ja schon gesagt: Nur im Homeoffice."), not "Hm, das kann ich so
        # nicht sagen" (round 24, DE diva)
        return self._once_more(state, said, used.id, used.answer.get(self.lang, 0))

    def _once_more(self, state: CallState, said: str, key: str, answer: str) -> str:
        """Her answer said again, short: "Like I said:" and its first sentence."""
        lead = self.speech.general("as_said", state, said, f"as_said:{key}", optional=False)
        return f"{lead} {_first(answer)}".strip()


def _first(reply: str) -> str:
    """The first sentence of a reply."""
    return next((s for s in SENTENCE_END.split(reply) if s.strip()), reply).strip()
