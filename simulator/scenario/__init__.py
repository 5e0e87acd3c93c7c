"""Scenarios: model, YAML loader, validation.

The names below are imported on first use (PEP 562), so that importing
``simulator.scenario.options`` for a click decorator does not pull in PyYAML
and the act vocabulary at start-up.
"""

from __future__ import annotations

import importlib
from typing import Any

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
