"""The customer's voice as an observer of a call: every new customer line is spoken."""

from __future__ import annotations

from typing import Any


class Speaker:
    """Speaks the customer's reply of each new exchange through a :class:`~simulator.voice.registry.VoicePipeline`.

    A :class:`~simulator.dialogue.session.CallObserver`; attach it after the
    store and the view, so a line is kept and shown before it is heard.
    """

    def __init__(self, pipeline: Any) -> None:
        self.pipeline = pipeline
        """The call's voice pipeline (synthesis, line impairment, player, recorder)."""

    def on_turn(self, state: Any) -> None:
        reply = state.exchanges[-1].reply if state.exchanges else None
        if reply is not None and reply.text:
            self.pipeline.speak(reply.text)

    def on_end(self, state: Any, score: Any) -> None:
        return None
