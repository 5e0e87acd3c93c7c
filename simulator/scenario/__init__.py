"""Scenarios: model, YAML loader, validation.

The names below are imported on first use (PEP 562), so that importing
``simulator.scenario.options`` for a click decorator does not pull in PyYAML
and the act vocabulary at start-up.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # what type checkers and IDEs see; at run time __getattr__ imports on first use
    from simulator.scenario.library import available
    from simulator.scenario.loader import check_language, load, load_file, parse_scenario
    from simulator.scenario.model import LANGUAGES, Scenario

_WHERE = {
    "available": "simulator.scenario.library",
    "check_language": "simulator.scenario.loader",
    "load": "simulator.scenario.loader",
    "load_file": "simulator.scenario.loader",
    "parse_scenario": "simulator.scenario.loader",
    "LANGUAGES": "simulator.scenario.model",
    "Scenario": "simulator.scenario.model",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'simulator.scenario' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
