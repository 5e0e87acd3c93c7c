"""Why a step was (or was not) recognised in a line: acts, phrases, closeness to the step's examples.

The engine asks :func:`example_index` once per engine for the scenario's
example index (built once per process for the same examples) and
:func:`reasons` explains a line for ``simulator explain``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from simulator.analysis.result import Analysis
from simulator.analysis.similarity import Closeness, ExampleIndex
from simulator.scenario.model import Scenario

_INDEX_CACHE = 64


@lru_cache(maxsize=_INDEX_CACHE)
def _index(lang: str, examples: tuple[tuple[str, tuple[str, ...]], ...]) -> ExampleIndex:
    return ExampleIndex(dict(examples), lang)


def example_index(scenario: Scenario, lang: str) -> ExampleIndex:
    """The index of *scenario*'s step examples in *lang*, keyed by the examples themselves (no stale index)."""
    return _index(lang, tuple((s.id, s.examples.get(lang)) for s in scenario.steps))


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
    """How close the line comes to the step's examples (None: the step has none in this language)."""

    @property
    def recognised(self) -> bool:
        """True when the act, a phrase or the examples recognise the step."""
        return bool(self.act or self.phrase or (self.closeness is not None and self.closeness.accepted))


def reasons(engine, analysis: Analysis, acts: tuple[str, ...]) -> list[StepReason]:
    """For every step of *engine*'s scenario: the act, phrase, insist phrase and example closeness in the line."""
    close = engine.examples.closeness(analysis.text) if engine.examples else {}
    out = []
    for step in engine.scenario.steps:
        act = next((a for a in step.acts if a in acts), "")
        phrase = engine._step_matchers[step.id].search(analysis) or ""
        insist = (engine._insist_matchers[step.id].search(analysis) or "") if step.pushback else ""
        out.append(StepReason(step.id, act, phrase, insist, close.get(step.id)))
    return out
