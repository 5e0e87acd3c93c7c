"""Load scenarios: bytes -> text -> located YAML -> :class:`Scenario`, every problem of a file at once.

Reading (:mod:`~simulator.scenario.source`, bounded by
:mod:`~simulator.scenario.safe_yaml`), building
(:mod:`~simulator.scenario.builder`) and cross-checking
(:mod:`~simulator.scenario.checks`) live in their own modules; finding a
scenario by id is :mod:`~simulator.scenario.library`. This module ties them
together and keeps the names other code imports.
"""

from __future__ import annotations

from pathlib import Path

from simulator.errors import Problem, ScenarioError, SourceLocation, UsageError
from simulator.scenario.builder import FORMAT_VERSION, ScenarioBuilder
from simulator.scenario.fields import suggest
from simulator.scenario.library import SCENARIO_DIR, available, find, scenario_paths
from simulator.scenario.model import LANGUAGES, Scenario
from simulator.scenario.source import decode, read_yaml, unreadable_locations

__all__ = ["FORMAT_VERSION", "SCENARIO_DIR", "available", "check_language", "load", "load_file", "parse_scenario",
           "scenario_paths"]


def parse_scenario(path: str, data: bytes) -> tuple[Scenario | None, list[Problem]]:
    """Parse one scenario; returns it (None when unreadable) and every problem found, sorted by position."""
    text, unreadable = decode(path, data)
    if text is None:
        return None, [unreadable] if unreadable else []
    root, problems = read_yaml(path, text)
    if root is None:
        return None, problems
    builder = ScenarioBuilder(path)
    builder.problems.extend(problems)
    if not isinstance(root.value, dict):
        builder.error(root, "a scenario must be a mapping (keys like 'id:', 'persona:', 'steps:')")
        return None, builder.problems
    scenario = builder.build(root, data)
    unreadable = unreadable_locations(problems)
    problems = problems + [p for p in builder.problems[len(problems):] if p.location not in unreadable]
    problems = sorted(problems, key=lambda p: (p.location.line, p.location.column))
    return scenario, problems


def load_file(path: str | Path) -> Scenario:
    """Load and validate one file; raise :class:`ScenarioError` with every problem."""
    p = str(path)
    try:
        data = Path(p).read_bytes()
    except OSError as exc:
        raise ScenarioError([Problem(SourceLocation(p), f"cannot read file: {exc.strerror or exc}")]) from None
    scenario, problems = parse_scenario(p, data)
    if problems or scenario is None:
        raise ScenarioError(problems or [Problem(SourceLocation(p, 1, 1), "not a scenario")])
    return scenario


_CACHE: dict[tuple[str, int, int], Scenario] = {}
"""Loaded scenarios by (file, mtime, size): a changed file or a user's folder is never served stale."""


def _shown(path: Path) -> Path:
    """``path`` relative to the working folder when it is below it (shorter messages)."""
    try:
        cwd = Path.cwd()
    except OSError:
        return path
    return path.relative_to(cwd) if path.is_relative_to(cwd) else path


def load(name: str) -> Scenario:
    """A scenario by id (user folders first, then the shipped library) or by path to a .yaml file."""
    candidate = Path(name)
    if name.endswith((".yaml", ".yml")) or candidate.is_file():
        if not candidate.is_file():
            raise UsageError(f"no such scenario file: {name}")
        path = candidate
    else:
        found = find(name)
        if found is None:
            ids = available()
            raise UsageError(f"unknown scenario '{name}'{suggest(name, ids)}; available: {', '.join(ids) or 'none'}")
        path = _shown(found)
    try:
        stat = path.stat()
    except OSError as exc:
        raise UsageError(f"cannot read scenario {path}: {exc.strerror or exc}") from None
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    if key not in _CACHE:
        _CACHE[key] = load_file(path)
    return _CACHE[key]


def check_language(scenario: Scenario, lang: str) -> str:
    """``lang`` when the scenario can be played in it, else a :class:`UsageError` saying which it has."""
    if lang not in LANGUAGES:
        raise UsageError(f"unknown language '{lang}' (choose {' or '.join(LANGUAGES)})")
    if lang not in scenario.languages:
        raise UsageError(f"scenario '{scenario.id}' is not available in '{lang}' (only {', '.join(scenario.languages)})")
    return lang
