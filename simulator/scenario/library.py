"""Where scenarios are found: the user's folders first, then the library shipped in the package.

Search order, first match of an id wins:

1. folders given with ``--scenarios DIR`` to the running command (in the order given),
2. folders in ``SIMULATOR_SCENARIOS`` (``os.pathsep``-separated, like ``PATH``),
3. the shipped library, :data:`SCENARIO_DIR` (package data, so it is in every wheel).

So a user's ``checked-plug.yaml`` replaces the shipped one of that id.
"""

from __future__ import annotations

import os
from pathlib import Path

from simulator.errors import UsageError

SCENARIO_DIR = Path(__file__).resolve().parent.parent / "scenarios"
"""The scenario library shipped with the product (``simulator/scenarios``; ``scenarios/`` at the top of the repository links to it)."""
ENV_VAR = "SIMULATOR_SCENARIOS"
"""Environment variable naming extra scenario folders."""
CONTEXT_KEY = "simulator.scenario_folders"
"""Key in ``click.Context.meta`` under which ``--scenarios`` leaves its folders for the running command."""
SUFFIXES = (".yaml", ".yml")


def option_folders() -> list[Path]:
    """Folders given with ``--scenarios`` to the click command now running (none outside a command)."""
    import click

    ctx = click.get_current_context(silent=True)
    if ctx is None:
        return []
    return [Path(p) for p in ctx.meta.get(CONTEXT_KEY, ())]


def env_folders() -> list[Path]:
    """Folders in ``SIMULATOR_SCENARIOS``; one that does not exist is an error, not silently skipped."""
    out = []
    for entry in os.environ.get(ENV_VAR, "").split(os.pathsep):
        if not entry.strip():
            continue
        folder = Path(entry).expanduser()
        if not folder.is_dir():
            raise UsageError(f"{ENV_VAR} names a folder that does not exist: {entry}")
        out.append(folder)
    return out


def folders() -> list[Path]:
    """Every scenario folder, highest priority first; the shipped library last."""
    return [*option_folders(), *env_folders(), SCENARIO_DIR]


def scenario_paths(directory: Path = SCENARIO_DIR) -> list[Path]:
    """The scenario files of one folder, by name."""
    return sorted(p for p in directory.iterdir() if p.suffix in SUFFIXES and p.is_file()) if directory.is_dir() else []


def library() -> dict[str, Path]:
    """Scenario id -> the file that provides it (a user's file shadows a shipped one of the same id)."""
    out: dict[str, Path] = {}
    for folder in folders():
        for path in scenario_paths(folder):
            out.setdefault(path.stem, path)
    return dict(sorted(out.items()))


def available() -> list[str]:
    """Ids of every scenario that can be played, sorted."""
    return list(library())


def find(scenario_id: str) -> Path | None:
    """The file of a scenario id, searching :func:`folders` in order; None when there is none."""
    if not scenario_id or Path(scenario_id).name != scenario_id:
        return None
    for folder in folders():
        for suffix in SUFFIXES:
            path = folder / f"{scenario_id}{suffix}"
            if path.is_file():
                return path
    return None
