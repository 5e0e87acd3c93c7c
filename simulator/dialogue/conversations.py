"""Example conversations: play a scenario's ``conversations:`` through the engine and report mismatches.

Each mismatch is a :class:`~simulator.errors.Problem` at the line of the
expectation that failed (``file:line:col: message``), with the reason the
engine had – the example closeness of a step that was expected but not
taken – so an author sees whether to add an example, a phrase, or fix the
expectation. ``simulator validate`` runs this for every valid scenario.

The conversations are played with the rules alone (no learned second
opinion): whether a scenario file is valid must not depend on whether the
machine has the embedding backend installed.
"""

from __future__ import annotations

from simulator.analysis.analyser import Analyser
from simulator.analysis.language import compiled
from simulator.dialogue.engine import Engine
from simulator.dialogue.recognition import open_steps, reasons
from simulator.errors import Problem, SourceLocation
from simulator.scenario.fields import suggest
from simulator.scenario.model import Conversation, Scenario


def _why_not(engine: Engine, line: str, step: str, done: tuple[str, ...]) -> str:
    """A short reason why *step* was not taken by *line* (for the message)."""
    sc = engine.scenario
    if step in done:
        return f" ('{step}' was already done)"
    missing = sc.step(step).unmet(done)
    if missing:
        return f" ('{step}' requires {', '.join(missing)} first)"
    analysis = engine.analyser.analyse(line)
    for reason in reasons(engine, analysis, analysis.acts, done):
        if reason.step != step:
            continue
        if reason.veto:
            return f" (its examples do not count: the line carries '{reason.veto}')"
        c = reason.closeness
        if c is None:
            return " (no act, phrase or example of the step in the line)"
        rival = f"'{c.runner_up}'" if c.runner_up else "the no-step lines"
        return (f" (closest example {c.score:.2f}: '{c.example}'; runner-up {rival} {c.runner_up_score:.2f}; "
                f"needs {engine.examples.thresholds.threshold:.2f} and a lead of "
                f"{engine.examples.thresholds.margin:.2f})")
    return ""


def check_conversation(scenario: Scenario, conv: Conversation) -> list[Problem]:
    """Play *conv* and return a problem for every expectation the engine does not meet."""
    problems: list[Problem] = []
    if conv.lang not in scenario.languages:
        return problems  # reported by the builder
    engine = Engine(scenario, conv.lang, Analyser(compiled(conv.lang)))  # rules only: the same verdict everywhere
    state = engine.start(seed=conv.seed)
    step_ids = [s.id for s in scenario.steps]
    for n, line in enumerate(conv.lines, 1):
        what = f"conversation '{conv.id}' line {n}"
        if state.ended:
            reason = state.outcome.reason if state.outcome else "ended"
            problems.append(Problem(line.location, f"{what}: the call had already ended ({reason})"))
            break
        done = state.steps_done
        state = engine.respond(state, line.say)
        turn = state.exchanges[-1].trainee
        if turn is None:
            continue
        if line.steps is not None and sorted(turn.steps) != sorted(line.steps):
            missing = [s for s in line.steps if s not in turn.steps and s in step_ids]
            why = _why_not(engine, line.say, missing[0], done) if missing else ""
            got = ", ".join(turn.steps) or "none"
            problems.append(Problem(line.steps_location, f"{what}: expected steps [{', '.join(line.steps)}], "
                                                         f"the engine took [{got}]{why}"))
        said = [str(e) for e in turn.events]
        for event in line.events:
            if event not in said:
                hint = suggest(event, said) or (f" (events: {', '.join(said)})" if said else " (no events)")
                problems.append(Problem(line.events_location, f"{what}: expected event '{event}' did not occur{hint}"))
        for act in line.acts:
            if act not in turn.acts:
                problems.append(Problem(line.acts_location, f"{what}: expected act '{act}' was not recognised "
                                                            f"(acts: {', '.join(turn.acts) or 'none'})"))
    return problems


def check_conversations(scenario: Scenario) -> list[Problem]:
    """Every mismatch of every example conversation of *scenario*, in file order."""
    problems = [p for conv in scenario.conversations for p in check_conversation(scenario, conv)]
    return sorted(problems, key=lambda p: (p.location.line, p.location.column))


__all__ = ["SourceLocation", "check_conversation", "check_conversations", "open_steps"]
