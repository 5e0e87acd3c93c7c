"""The trainee window as an :class:`~simulator.ui.app.App`: one :class:`Call`, three screens, the voice.

:class:`TraineeApp` holds what outlives a screen: the current
:class:`~simulator.dialogue.session.Call` (a new one after each retry), the
interface strings, the status line, the push-to-talk state and the voice
worker. The screens (:mod:`simulator.ui.screens`) hold the rest. The window
never scores and never stores: it hands lines to ``call.say`` and ends the call
with ``call.finish``; the Call scores it once and tells its observers (the
store among them).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from simulator.dialogue.coach import Coach
from simulator.errors import SimulatorError
from simulator.ui.app import App
from simulator.ui.drawing import short_reason
from simulator.ui.screens import CallScreen, DebriefScreen, StartScreen
from simulator.ui.texts import Texts

if TYPE_CHECKING:
    from simulator.dialogue.session import Call

STATUS_SECONDS = 8.0
"""How long a status message stays before the key hint returns."""


@dataclass(frozen=True, slots=True)
class Status:
    """The status line's message."""

    text: str = ""
    """The message ('' = the screen's key hint)."""
    until: float = 0.0
    """Clock time after which the key hint returns."""




class TraineeApp(App):
    """Start screen → call screen → debrief (→ call screen again after a retry)."""

    def __init__(self, call: Call, *, exam: bool = False, voice: Any = None, microphone: Any = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(clock=clock)
        self.call = call
        """The current call (replaced by each retry)."""
        self.scenario = call.scenario
        """The scenario played."""
        self.lang = call.lang
        """Language of the call and of the interface."""
        self.t = Texts(self.lang)
        """Interface strings."""
        self.exam = exam
        """Exam mode: no checklist."""
        self.status = Status()
        """The status line's message."""
        self.history: list[str] = []
        """Lines sent in any attempt (↑ in an empty box recalls the last)."""
        self.voice_state = "idle"
        """idle | waiting (hands-free: until the customer has finished) | listening | recognising."""
        self.hands_free = bool(getattr(voice, "hands_free", False))
        """Listen without a key: after each customer line the microphone opens by itself (``--hands-free``)."""
        self.hands_free_paused = False
        """Hands-free heard nothing (or failed): it waits for F2 or a typed line."""
        self.partial = ""
        """What the recogniser has understood so far of the turn being spoken."""
        self.mic_message = ""
        """Why speech input is unavailable ('' = available or not tried)."""
        self.speaking_until = 0.0
        """Clock time until which the customer is speaking."""
        self.dropouts: list[tuple[float, float]] = []
        """(start, end) clock times of line dropouts reported by the voice."""
        self.score_error = ""
        """Why the finished call has no score ('' when it has one)."""
        self.attempts = 0
        """Calls finished in this window (retries count)."""
        self._last_error = ""
        self.coach = None if exam else next((o for o in call.observers if isinstance(o, Coach)), None)
        """Coach mode (F3 switches it; a Coach among the call's observers), None in exam mode."""
        self.worker: VoiceWorker | None = None
        """Speech threads, or None (typing only)."""
        if voice is not None:
            from simulator.voice.worker import VoiceWorker  # only with voice: typing-only start-up skips the package

            self.worker = VoiceWorker(voice, microphone, clock)
            from simulator.voice.speaker import Speaker  # queues each reply to the worker: no frame waits

            call.attach(Speaker(self.worker))  # carried over to every retry by Call.rewind
        self.show(StartScreen(self))

    # -- what screens share -------------------------------------------------------
    @property
    def screen(self) -> str:
        """Name of the current screen: start | call | debrief."""
        return getattr(self.view, "name", "")

    def say_status(self, message: str, seconds: float = STATUS_SECONDS) -> None:
        """Show ``message`` in the status line for ``seconds``."""
        self.status = Status(message, self.clock() + seconds)

    def clear_status(self) -> None:
        self.status = Status()

    def status_message(self, hint: str) -> str:
        """What the status line says now: push-to-talk state, a message, "speaking", or ``hint``."""
        if self.voice_state in ("listening", "recognising"):
            return self.voice_label()
        if self.status.text:
            return self.status.text
        if self.clock() < self.speaking_until:
            return self.t("speaking") + "   " + hint
        return hint

    def voice_label(self) -> str:
        """The listening / thinking state with the words understood so far ('' when not listening)."""
        if self.voice_state == "listening":
            label = self.t("listening_hands_free" if self.hands_free else "listening")
        elif self.voice_state == "recognising":
            label = self.t("recognising")
        else:
            return ""
        return f"{label}  {self.partial}" if self.partial else label

    # -- the call -----------------------------------------------------------------
    def take_call(self) -> None:
        """Pick up: the customer's opening (told to the call's observers), the call screen."""
        self.score_error = self._last_error = ""
        self.guard(self.call.start)
        self.show(CallScreen(self, self.call))

    def say(self, line: str) -> None:
        """Hand the trainee's line to the Call (which answers, tells its observers and, at the end, scores)."""
        if self.hands_free and self.worker is not None and self.voice_state in ("waiting", "listening", "recognising"):
            self.worker.cancel()  # typed instead: the microphone must not hear her answer
            self.voice_state = "idle"
        self.hands_free_paused = False
        self.guard(lambda: self.call.say(line))

    def end_call(self, reason: str = "quit") -> None:
        """Finish the call if still open (the Call scores it, once) and show the debrief."""
        self.guard(lambda: self.call.finish(reason))
        if self.call.score is None:
            self.score_error = self._last_error or ("no scorer" if self.call.scorer is None else "not scored")
        self.attempts += 1
        self.clear_status()
        self.show(DebriefScreen(self, self.call))

    def guard(self, action: Callable[[], Any]) -> bool:
        """Run a Call action; a failing observer or scorer becomes a status message, not a crash."""
        try:
            action()
            return True
        except ImportError as exc:  # the scorer's optional dependencies
            message = str(exc)
        except SimulatorError as exc:  # e.g. the store could not write; the call goes on
            message = exc.message
        self._last_error = message
        self.say_status(message)
        return False

    def toggle_coach(self) -> None:
        """F3: coach mode on or off (exam mode has none)."""
        if self.exam:
            self.say_status(self.t("coach_exam"))
            return
        if self.coach is None:
            self.coach = Coach(self.scenario, enabled=False)
            self.call.attach(self.coach)  # carried over to every retry by Call.rewind
        self.coach.enabled = not self.coach.enabled
        if self.coach.enabled:
            self.coach.hint_for(self.call.state)  # the hint for the turn just played, if it missed something
        self.say_status(self.t("coach_on" if self.coach.enabled else "coach_off"))

    def retry_max(self) -> int:
        """Highest trainee turn the call can be resumed from."""
        return max((i for i, s in enumerate(self.call.states) if not s.ended), default=0)

    def retry(self, turn: int) -> bool:
        """A new call from the state after ``turn`` (0 = the opening), fresh call screen; False if out of range."""
        top = self.retry_max()
        if not 0 <= turn <= top:
            self.say_status(self.t("retry_bad", max=top))
            return False
        self.call = self.call.rewind(turn)
        if self.coach is not None:
            self.coach.forget_after(turn)  # the later hints belonged to the abandoned attempt
        self.dropouts.clear()
        self.clear_status()
        self.take_call()
        return True

    # -- voice --------------------------------------------------------------------
    def push_to_talk(self) -> None:
        """F2 (or Space in an empty box) pressed."""
        if self.worker is None:
            self.say_status(self.t("voice_off"))
        elif self.mic_message:
            self.say_status(self.t("no_mic", reason=self.mic_message))
        elif self.hands_free:
            self.hands_free_paused = False  # F2 resumes listening after a turn with nothing heard
        elif self.voice_state == "idle":
            self.partial = ""
            self.worker.press()
            self.voice_state = "listening"

    def release_talk(self) -> None:
        """F2 / Space released while listening."""
        if self.voice_state == "listening" and self.worker is not None and not self.hands_free:
            self.worker.release()
            self.voice_state = "recognising"

    def update(self) -> None:
        """Take in what the voice worker reported; expire old messages; then the screen's update."""
        if self.worker is not None:
            for item in self.worker.drain():
                self._voice_result(item)
        now = self.clock()
        if self.status.text and now > self.status.until:
            self.clear_status()
        self.dropouts = [d for d in self.dropouts if d[1] >= now]
        self._hands_free_turn()
        super().update()

    def _hands_free_turn(self) -> None:
        """Hands-free: ask the worker to listen on the call screen (it waits until the customer has finished)."""
        if not self.hands_free or self.worker is None:
            return
        on_call = isinstance(self.view, CallScreen) and self.call.started and not self.call.ended
        if not on_call:
            if self.voice_state in ("waiting", "listening", "recognising"):
                self.worker.cancel()
                self.voice_state = "idle"
            return
        if self.voice_state == "idle" and not self.hands_free_paused and not self.mic_message:
            self.partial = ""
            self.worker.listen()
            self.voice_state = "waiting"

    def _voice_result(self, item: Any) -> None:
        from simulator.voice.worker import (Dropouts, Heard, Listening, NoMicrophone, Partial, Recognising, Speaking,
                                            VoiceFailure)

        if isinstance(item, Speaking):
            self.speaking_until = max(self.speaking_until, item.until)
        elif isinstance(item, Dropouts):
            self.dropouts.extend(item.spans)
        elif isinstance(item, NoMicrophone):
            if item.message:
                self.mic_message = short_reason(item.message)
            self.voice_state = "idle"
            self.say_status(self.t("no_mic", reason=self.mic_message))
        elif isinstance(item, Listening):
            if self.voice_state in ("waiting", "listening"):  # not after a cancel
                self.voice_state = "listening"
        elif isinstance(item, Partial):
            self.partial = item.text
        elif isinstance(item, Recognising):
            if self.voice_state != "idle":
                self.voice_state = "recognising"
        elif isinstance(item, Heard):
            self.voice_state = "idle"
            self.partial = ""
            if not item.text and self.hands_free:
                self.hands_free_paused = True
                self.say_status(self.t("hands_free_paused"))
            elif item.text:
                self.say_status(self.t("heard", text=item.text))
                if isinstance(self.view, CallScreen):
                    self.view.send(item.text)
            else:
                self.say_status(self.t("nothing_heard"))
        elif isinstance(item, VoiceFailure):
            self.voice_state = "idle"
            self.hands_free_paused = self.hands_free  # no retry loop on a broken recogniser: F2 or typing
            self.say_status(item.message)

    # -- closing ------------------------------------------------------------------
    def on_quit(self) -> None:
        """Window closed (or Ctrl-C): a call in progress ends as 'interrupted' (scored and stored, once)."""
        if self.call.started and not self.call.ended:
            try:
                self.call.finish("interrupted")
            except (ImportError, SimulatorError):
                pass

    def close(self) -> None:
        if self.worker is not None:
            self.worker.close()
            self.worker = None
