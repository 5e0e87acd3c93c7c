"""The customer's voice as an observer of a call: every new customer line is spoken."""

from __future__ import annotations

from typing import Any


class Speaker:
    """Speaks the customer's reply of each new exchange: a :class:`~simulator.dialogue.session.CallObserver`.

    ``pipeline`` is anything with ``speak(text)``: the call's
    :class:`~simulator.voice.registry.VoicePipeline` (terminal, scripts: speaks
    at once), or the window's :class:`~simulator.voice.worker.VoiceWorker`
    (queues the line, so the frame loop never waits). Attach it after the store
    and the view, so a line is kept and shown before it is heard. On a retry
    the resumed call's ``start`` repeats the last customer line, so the trainee
    hears where the call picks up again.
    """

    def __init__(self, pipeline: Any) -> None:
        self.pipeline = pipeline
        """Where the lines go: a voice pipeline or a voice worker."""

    def on_turn(self, state: Any) -> None:
        reply = state.exchanges[-1].reply if state.exchanges else None
        if reply is not None and reply.text:
            self.pipeline.speak(reply.text)

    def on_end(self, state: Any, score: Any) -> None:
        return None
