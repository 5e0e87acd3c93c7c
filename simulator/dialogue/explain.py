"""``simulator explain "LINE" --scenario ID --lang L [--after "earlier line" ...]``: how the customer reads a line.

Plays the earlier lines first (so the line meets the state it would meet in
a call), then shows for the line: the acts with their evidence spans, every
step that is open or recognised and why (its act, its phrase, its closeness
to its examples with the score and the runner-up), the events and what the
customer replies. :func:`explain_line` returns the facts; :func:`render`
writes them as plain text; the click command joins the two.
"""

from __future__ import annotations

from dataclasses import dataclass

import click

from simulator.dialogue.engine import Engine
from simulator.dialogue.recognition import StepReason, open_steps, reasons
from simulator.dialogue.state import CallState
from simulator.scenario.options import SCENARIOS_OPTION


@dataclass(frozen=True, slots=True)
class Explanation:
    """What the engine made of one trainee line, and why."""

    line: str
    """The line explained."""
    before: CallState
    """The call before the line (after the earlier lines)."""
    after: CallState
    """The call after the line."""
    evidence: tuple[tuple[str, str, float | None], ...]
    """Per act: the act, the stretch of the line that shows it, and the analyser's confidence when it gives one."""
    steps: tuple[StepReason, ...]
    """Per step of the scenario: what speaks for it in the line."""
    open: tuple[str, ...]
    """The steps that could be taken by their examples before the line."""


def explain_line(engine: Engine, line: str, after: tuple[str, ...] = (), seed: int = 0) -> Explanation:
    """Play *after* (the earlier lines), then *line*; explain the acts, steps and reply of *line*."""
    state = engine.start(seed=seed)
    for earlier in after:
        if state.ended:
            break
        state = engine.respond(state, earlier)
    before = state
    result = engine.respond(state, line) if not state.ended else state
    analysis = engine.analyser.analyse(line)
    turn = result.exchanges[-1].trainee if result is not before else None
    acts = turn.acts if turn is not None else analysis.acts
    confidence = dict(getattr(analysis, "confidence", None) or ())  # (act, p) pairs when the analyser gives them
    evidence = tuple((e.act, e.text, confidence.get(e.act)) for e in analysis.evidence if e.act in acts)
    return Explanation(line, before, result, evidence, tuple(reasons(engine, analysis, acts, before.steps_done)),
                       open_steps(engine.scenario, before.steps_done))


def _step_line(reason: StepReason, explanation: Explanation, taken: tuple[str, ...]) -> str | None:
    done = reason.step in explanation.before.steps_done
    c = reason.closeness
    parts = []
    if reason.act:
        parts.append(f"act {reason.act}")
    if reason.phrase:
        parts.append(f"phrase '{reason.phrase}'")
    if reason.insist:
        parts.append(f"insist phrase '{reason.insist}'")
    if c is not None:
        runner = c.runner_up or "no step"
        verdict = "close enough" if reason.by_examples else ("vetoed by " + reason.veto if reason.veto and c.accepted
                                                              else "not close enough")
        parts.append(f"examples {c.score:.2f} ({verdict}; runner-up {runner} {c.runner_up_score:.2f}) "
                     f"via '{c.example}' on '{c.segment}'")
    if not parts and (done or reason.step not in explanation.open):
        return None  # nothing to say about a step that is done or not possible yet
    state = "TAKEN" if reason.step in taken else "done before" if done else (
        "open" if reason.step in explanation.open else "not yet possible")
    return f"  {reason.step:16} {state:16} " + ("; ".join(parts) if parts else "nothing in the line")


def render(explanation: Explanation) -> str:
    """The explanation as plain text."""
    out = [f"line: {explanation.line}"]
    if explanation.before.ended:
        out.append("the call had already ended before this line")
        return "\n".join(out)
    out.append(f"after {explanation.before.turn} earlier turn(s); steps done: "
               f"{', '.join(explanation.before.steps_done) or 'none'}")
    out.append("acts:" if explanation.evidence else "acts: none")
    for act, text, conf in explanation.evidence:
        out.append(f"  {act:16} \"{text}\"" + (f"  (confidence {conf:.2f})" if conf is not None else ""))
    exchange = explanation.after.exchanges[-1]
    turn = exchange.trainee
    taken = turn.steps if turn is not None else ()
    out.append("steps:")
    rows = [r for r in (_step_line(reason, explanation, taken) for reason in explanation.steps) if r]
    out.extend(rows or ["  (no step is open or mentioned)"])
    events = [str(e) for e in turn.events] if turn is not None else []
    out.append(f"steps taken: {', '.join(taken) or 'none'}")
    out.append(f"events: {', '.join(events) or 'none'}")
    reply = exchange.reply.text if exchange.reply is not None else ""
    out.append(f"customer: {reply}")
    return "\n".join(out)


@click.command()
@click.argument("line")
@click.option("--scenario", "scenario_id", required=True, metavar="ID", help="Scenario id or path to a .yaml file.")
@click.option("--lang", "lang", default=None, metavar="de|en", help="Language (default: SIMULATOR_LANG or your locale).")
@click.option("--after", "after", multiple=True, metavar="LINE", help="An earlier trainee line, played first (repeatable, in order).")
@click.option("--seed", default=0, show_default=True, help="Seed of the call.")
@SCENARIOS_OPTION
def explain(line: str, scenario_id: str, lang: str | None, after: tuple[str, ...], seed: int) -> None:
    """Explain how the customer reads LINE: acts with evidence, steps and why, events, the reply."""
    from simulator.config import default_language
    from simulator.scenario import load

    engine = Engine(load(scenario_id), lang or default_language())
    click.echo(render(explain_line(engine, line, after, seed)))
