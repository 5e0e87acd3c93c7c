"""The customer: turns a trainee line into the customer's answer and a new state.

Pure and deterministic: ``respond(state, text)`` depends only on the
scenario, the state (including its seed) and the text. No UI, audio or
terminal library is imported here.
"""

from __future__ import annotations

import random
import re
from dataclasses import replace

from simulator.analysis import Analyser, Analysis
from simulator.analysis.acts import ACTS
from simulator.dialogue import events as ev_
from simulator.dialogue.events import (Confused, Event, GaveIn, Hangup, LineDrop, LineSaved, Noise, PrematureClose,
                                        Pushback, Ramble, Repeat, Revealed, Yielded)
from simulator.dialogue.state import CallState, Exchange, Outcome, Turn
from simulator.errors import UsageError
from simulator.scenario.loader import check_language
from simulator.scenario.model import Reaction, Scenario, Step, Text

MAX_LINE = 2000
"""Longest trainee line kept in the transcript (characters)."""
POSITIVE_ACTS = ("empathy", "reassurance", "summary", "transparency", "active_listening", "admit_unknown", "time_commitment")
"""Acts that keep the customer's patience even when no step is taken."""
AFTER_SOLVED_TURNS = 2
"""Turns the call goes on after the problem is solved, for summary and closing."""
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def clean(text: str) -> str:
    """A trainee line as it is kept: control characters gone, length capped, spaces folded."""
    text = _CONTROL.sub(" ", text or "")
    text = " ".join(text.split())
    return text[:MAX_LINE]


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


class Engine:
    """Plays one scenario's customer in one language."""

    def __init__(self, scenario: Scenario, lang: str, analyser: Analyser | None = None) -> None:
        self.scenario = scenario
        self.lang = check_language(scenario, lang)
        # this scenario's own view: its phrase words and persona jargon never reach other engines
        self.analyser = (analyser or Analyser.for_language(lang)).with_scenario(scenario)
        self._step_matchers = {s.id: self.analyser.phrases(s.recognise.get(lang)) for s in scenario.steps}
        self._insist_matchers = {
            s.id: self.analyser.phrases(s.pushback.insist.get(lang)) for s in scenario.steps if s.pushback
        }

    # -- helpers -----------------------------------------------------------
    def _say(self, text: Text, state: CallState, purpose: str) -> str:
        options = text.all(self.lang)
        if not options:
            return ""
        rng = random.Random(f"{state.seed}:{state.turn}:{purpose}")
        return options[rng.randrange(len(options))]

    def _filler(self, kind: str, state: CallState) -> str:
        text = self.scenario.fillers.get(kind) or self.scenario.fillers.get("neutral")
        return self._say(text, state, f"filler:{kind}") if text else ""

    def start(self, seed: int = 0) -> CallState:
        """The call before the trainee's first line: the customer's opening."""
        sc = self.scenario
        state = CallState(
            scenario_id=sc.id, lang=self.lang, seed=seed, turn=0,
            mood=sc.mood.start, patience=sc.mood.patience, trust=sc.mood.trust_start,
            steps_done=(), pushed_back=(), facts=(), act_counts=(), fired_events=(), exchanges=(),
        )
        opening = Turn("customer", self._say(sc.opening, state, "opening"), 0, mood=state.mood,
                       patience=state.patience, trust=state.trust)
        return replace(state, exchanges=(Exchange(0, None, opening),))

    def _recognised(self, step: Step, analysis: Analysis, acts: tuple[str, ...]) -> bool:
        if step.acts and any(a in acts for a in step.acts):
            return True
        return self._step_matchers[step.id].search(analysis) is not None

    def _available(self, step: Step, done: tuple[str, ...]) -> bool:
        return step.id not in done and all(r in done for r in step.requires)

    # -- the turn ----------------------------------------------------------
    def respond(self, state: CallState, text: str) -> CallState:
        """The state after the trainee says ``text`` and the customer answers."""
        if state.ended:
            raise UsageError("the call has already ended")
        sc, lang = self.scenario, self.lang
        line = clean(text)
        analysis = self.analyser.analyse(line)
        acts = analysis.acts  # the view itself recognises the persona's jargon list, with evidence
        turn_no = state.turn + 1
        state = replace(state, turn=turn_no)
        mood, patience, trust = state.mood, state.patience, state.trust
        counts = dict(state.act_counts)
        events: list[Event] = []
        replies: list[str] = []
        prefix: list[str] = []
        steps_now: list[str] = []
        done = list(state.steps_done)
        pushed = list(state.pushed_back)
        facts = list(state.facts)

        def apply(reaction: Reaction, repeats: int) -> bool:
            nonlocal mood, patience, trust
            factor = reaction.repeat_decay ** repeats
            mood += reaction.mood * factor
            patience += reaction.patience * factor
            trust += reaction.trust * factor
            return factor >= 0.5

        if analysis.is_noise:
            # Silence or garbage: one small cost, said once, never counted again elsewhere.
            events.append(Noise())
            patience -= 1
            replies.append(self._filler("noise", state))
        else:
            for act in acts:
                reaction = sc.reactions.get(act)
                repeats = counts.get(act, 0)
                counts[act] = repeats + 1
                if reaction is None:
                    continue
                if repeats and reaction.repeat_decay < 1:
                    events.append(Repeat(act))
                fresh = apply(reaction, repeats)
                if reaction.reply and fresh and not prefix:
                    prefix.append(self._say(reaction.reply, state, f"reaction:{act}"))
            if "jargon" in acts:
                events.append(Confused())
            if sc.mood.max_words and analysis.word_count > sc.mood.max_words:
                events.append(Ramble())
                if sc.mood.ramble:
                    apply(sc.mood.ramble, 0)
                    if sc.mood.ramble.reply:
                        prefix.insert(0, self._say(sc.mood.ramble.reply, state, "ramble"))

            # Checklist steps, in the scenario's order; at most two answered per turn.
            for step in sc.steps:
                if len(steps_now) >= 2 or not self._available(step, tuple(done)):
                    continue
                hit = self._recognised(step, analysis, acts)
                if step.pushback and step.id in pushed and not hit:
                    hit = self._insist_matchers[step.id].search(analysis) is not None
                if not hit:
                    continue
                pb = step.pushback
                if pb and step.id not in pushed:
                    pushed.append(step.id)
                    events.append(Pushback(step.id))
                    replies.append(self._say(pb.reply, replace(state, turn=0), f"pushback:{step.id}"))
                    break
                refusals = sum(ev_.details(t.events, Pushback).count(step.id) for t in state.trainee_turns) if pb else 0
                reasoned = pb is not None and any(a in acts for a in pb.yields_to)
                worn_down = pb is not None and pb.gives_in_after > 0 and refusals >= pb.gives_in_after
                if pb and not reasoned and not worn_down:
                    events.append(Pushback(step.id))
                    mood -= 3
                    # the first refusal was picked at random; repeats go round the other variants
                    variants = pb.reply.all(lang)
                    first = random.Random(f"{state.seed}:0:pushback:{step.id}").randrange(len(variants))
                    replies.append(variants[(first + refusals) % len(variants)])
                    break
                if pb:
                    # a polite reason wins her over; being asked often enough only wears her down
                    events.append(Yielded(step.id) if reasoned else GaveIn(step.id))
                    if not reasoned:
                        mood -= 4
                    if pb.yield_reply:
                        replies.append(self._say(pb.yield_reply, state, f"yield:{step.id}"))
                done.append(step.id)
                steps_now.append(step.id)
                replies.append(self._say(step.reply, state, f"step:{step.id}"))
                mood += sc.mood.progress_mood
                for fact in step.reveals:
                    if fact not in facts:
                        facts.append(fact)
                        events.append(Revealed(fact))

            progress = bool(steps_now) or any(isinstance(e, (Pushback, Yielded)) for e in events)
            if not progress:
                mood += sc.mood.drift
                if not any(a in acts for a in POSITIVE_ACTS):
                    patience -= 1
            if "closing" in acts and state.solved_at is None and not steps_now:
                events.append(PrematureClose())
                mood -= 10
                replies.append(self._filler("premature_close", state))
            elif not replies and not prefix:
                if state.solved_at is not None:
                    replies.append(self._filler("after_solved", state))
                elif "jargon" in acts:
                    replies.append(self._filler("confused", state))
                elif mood < -40:
                    replies.append(self._filler("annoyed", state))
                else:
                    replies.append(self._filler("neutral", state))

        # Scripted events.
        fired = list(state.fired_events)
        outcome: Outcome | None = None
        signal = 1.0
        for ev in sc.events:
            if ev.id in fired:
                continue
            due = (ev.at_turn is not None and turn_no >= ev.at_turn) or (ev.after_step is not None and ev.after_step in steps_now)
            if not due:
                continue
            fired.append(ev.id)
            if ev.kind == "line_drop":
                signal = 0.0
                if all(s in done for s in ev.unless_steps) and ev.unless_steps:
                    events.append(LineSaved(ev.id))
                    replies.append(self._say(ev.line, state, f"event:{ev.id}"))
                    replies.append(self._say(ev.saved_line, state, f"saved:{ev.id}"))
                else:
                    events.append(LineDrop(ev.id))
                    replies.append(self._say(ev.line, state, f"event:{ev.id}"))
                    outcome = Outcome(resolved=False, reason="line_dropped", final_mood=mood)
            else:
                events.append(ev_.scripted(ev.kind, ev.id))
                replies.append(self._say(ev.line, state, f"event:{ev.id}"))
            break  # one scripted event per turn

        mood = _clamp(mood, -100, 100)
        trust = _clamp(trust, 0, 100)
        patience = _clamp(patience, 0, 50)
        solved_at = state.solved_at
        if outcome is None:
            if solved_at is None and all(s in done for s in sc.end.solved_when):
                solved_at = turn_no
                replies.append(self._say(sc.end.solved, state, "solved"))
                mood = _clamp(mood + 10, -100, 100)
            # turns of silence or garbage don't use up the time left for summary and goodbye
            spoken_since = sum(1 for t in state.trainee_turns if solved_at is not None
                               and t.number > solved_at and not ev_.has(t.events, Noise)) + (not analysis.is_noise)
            if solved_at is not None and ("closing" in acts or spoken_since >= AFTER_SOLVED_TURNS) and solved_at != turn_no:
                outcome = Outcome(resolved=True, reason="solved", final_mood=mood)
                if "closing" in acts and "goodbye" in sc.fillers and not steps_now:
                    replies = [self._filler("goodbye", state)]
            elif solved_at is None and (mood <= sc.mood.hangup_below or patience <= 0):
                events.append(Hangup())
                replies = [self._say(sc.end.hangup, state, "hangup")]
                prefix = []
                outcome = Outcome(resolved=False, reason="hangup", final_mood=mood)
            elif turn_no >= sc.end.max_turns:
                if sc.end.turn_limit and solved_at is None:
                    replies.append(self._say(sc.end.turn_limit, state, "turn_limit"))
                outcome = Outcome(resolved=solved_at is not None, reason="solved" if solved_at else "turn_limit", final_mood=mood)

        evidence = tuple((e.act, e.text) for e in analysis.evidence)
        trainee = Turn("trainee", line, turn_no, acts, evidence, tuple(steps_now), tuple(events),
                       mood, patience, trust)
        answer = " ".join(p for p in prefix + replies if p)
        customer = Turn("customer", answer, turn_no, mood=mood, patience=patience, trust=trust)
        exchange = Exchange(turn_no, trainee, customer if answer else None)
        return replace(
            state, mood=mood, patience=patience, trust=trust, steps_done=tuple(done), pushed_back=tuple(pushed),
            facts=tuple(facts), act_counts=tuple(sorted(counts.items())), fired_events=tuple(fired),
            exchanges=state.exchanges + (exchange,), solved_at=solved_at, signal=signal, outcome=outcome,
        )

    def finish(self, state: CallState, reason: str = "script_end") -> CallState:
        """End a call that is still open (script ran out, trainee quit, process interrupted)."""
        if state.ended:
            return state
        return replace(state, outcome=Outcome(resolved=state.solved, reason="solved" if state.solved else reason,
                                              final_mood=state.mood))

