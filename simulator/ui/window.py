"""The trainee's pygame window for ``simulator play --ui window``: :func:`run_window`.

The window is a small app (:mod:`simulator.ui.app`): one frame loop, one view
per screen (:mod:`simulator.ui.screens`: start, call, debrief), the state the
screens share on :class:`~simulator.ui.trainee.TraineeApp`. It plays a
:class:`~simulator.dialogue.session.Call` built by the caller with its
observers (store, report file, ...): lines go to ``call.say``, Esc is
``call.finish("quit")``, the debrief shows ``call.score`` and "retry from
turn N" is ``call.rewind(N)``. Speech runs in
:class:`~simulator.voice.worker.VoiceWorker` threads so no frame waits for audio.

Names the seminar screen (and older code) import from here stay importable:
``open_display``, ``display_available`` (:mod:`simulator.ui.display`) and
``reason_text``, ``dimension_name``, ``draw_mood``, ``format_clock``,
``transcript_lines``, ``draw_scores``, ``debrief_lines``, ``short_reason``
(:mod:`simulator.ui.drawing`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from simulator.ui.display import display_available, open_display
from simulator.ui.drawing import (debrief_lines, dimension_name, draw_mood, draw_scores, format_clock, reason_text,
                                  short_reason, transcript_lines)

if TYPE_CHECKING:
    from simulator.dialogue.session import Call
    from simulator.ui.trainee import TraineeApp

__all__ = [
    "debrief_lines", "dimension_name", "display_available", "draw_mood", "draw_scores", "format_clock",
    "open_display", "reason_text", "run_window", "short_reason", "transcript_lines",
]


def run_window(call: Call, *, exam: bool = False, voice: Any = None, fps: int = 30,
               on_frame: Callable[[TraineeApp], None] | None = None, microphone: Any = None) -> Call:
    """Play ``call`` (and its retries) in a window until the trainee quits; returns the last Call.

    ``call``: a :class:`~simulator.dialogue.session.Call` not started yet, with
    its observers attached; the window starts it when the trainee takes the
    call, and never scores or stores itself (the Call does, once per attempt).
    ``voice``: a VoicePipeline (customer speaks, push-to-talk) or None (typing
    only). ``on_frame(app)`` after every frame is for benchmarks and tests.

    The returned Call has ended and been scored, unless the trainee closed the
    window on the start screen (then it never started). Closing the window
    during a call ends it as ``interrupted``; so does Ctrl-C in the terminal,
    which is then raised again. Raises BackendError when no window can open.
    """
    from simulator.ui.app import run
    from simulator.ui.texts import Texts
    from simulator.ui.trainee import TraineeApp

    surface = open_display(Texts(call.lang)("window_title"))
    app = TraineeApp(call, exam=exam, voice=voice, microphone=microphone)
    try:
        run(app, surface, fps=fps, on_frame=on_frame)
    finally:
        import pygame

        pygame.display.quit()
    return app.call
