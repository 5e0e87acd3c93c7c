"""Scenarios: model, YAML loader, validation."""

from simulator.scenario.loader import available, check_language, load, load_file, parse_scenario
from simulator.scenario.model import LANGUAGES, Scenario

__all__ = ["LANGUAGES", "Scenario", "available", "check_language", "load", "load_file", "parse_scenario"]
