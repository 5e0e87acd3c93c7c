"""The dialogue engine (the customer's side of the call) and the :class:`~simulator.dialogue.session.Call` session.

``Engine`` is pure: (scenario, state, line) -> next state. ``Call`` (in
``simulator.dialogue.session``) owns one call's states and tells observers.
"""

from simulator.dialogue.engine import Engine
from simulator.dialogue.state import CallState, Exchange, Outcome, Turn

__all__ = ["CallState", "Engine", "Exchange", "Outcome", "Turn"]
