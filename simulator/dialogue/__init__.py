"""The dialogue engine: the customer's side of the call."""

from simulator.dialogue.engine import Engine, replay
from simulator.dialogue.state import CallState, Outcome, Turn

__all__ = ["CallState", "Engine", "Outcome", "Turn", "replay"]
