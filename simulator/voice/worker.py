"""Speech off the UI thread: one thread speaks customer lines, one listens (push-to-talk).

A frame loop must never wait for audio, so the window hands lines and key
presses to a :class:`VoiceWorker` and drains :attr:`VoiceWorker.results` once
per frame. Every result is a small frozen value (:class:`Speaking`,
:class:`Dropouts`, :class:`NoMicrophone`, :class:`Listening`, :class:`Partial`,
:class:`Recognising`, :class:`Heard`, :class:`VoiceFailure`). Push-to-talk
(:meth:`VoiceWorker.press` / :meth:`~VoiceWorker.release`) recognises while the
key is held (:class:`~simulator.voice.streaming.PushToTalk`): ``Listening``,
``Partial``, then at the release ``Recognising`` and ``Heard``. Hands-free
(:meth:`VoiceWorker.listen`, after the customer's queued lines are spoken):
``Listening``, ``Partial`` while the trainee speaks, ``Recognising`` when the
turn ended, ``Heard`` (``''`` after silence).

No pygame here: the worker only needs a voice pipeline (``sentences``,
``player``, ``hear``, optionally ``recorder``) and a microphone
(``open``/``start``/``stop``); the real microphone is imported on first use.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from simulator.errors import SimulatorError


@dataclass(frozen=True, slots=True)
class Speaking:
    """The customer is speaking a sentence."""

    until: float
    """Clock time the sentence ends."""


@dataclass(frozen=True, slots=True)
class Dropouts:
    """The telephone line breaks up while the sentence plays."""

    spans: tuple[tuple[float, float], ...]
    """(start, end) clock times of each dropout burst."""


@dataclass(frozen=True, slots=True)
class NoMicrophone:
    """Speech input is unavailable."""

    message: str
    """Why ('' when already reported once)."""


@dataclass(frozen=True, slots=True)
class Listening:
    """The microphone records (push-to-talk held)."""


@dataclass(frozen=True, slots=True)
class Recognising:
    """The key was released; the recording is being recognised."""


@dataclass(frozen=True, slots=True)
class Partial:
    """Hands-free: what has been recognised so far while the trainee is still speaking."""

    text: str
    """Committed words, then the tentative rest."""


@dataclass(frozen=True, slots=True)
class Heard:
    """What the recogniser understood."""

    text: str
    """The recognised line, stripped ('' when nothing was understood)."""


@dataclass(frozen=True, slots=True)
class VoiceFailure:
    """Speech output or input failed; typing still works."""

    message: str
    """One line for the status bar."""


VoiceResult = Speaking | Dropouts | NoMicrophone | Listening | Partial | Recognising | Heard | VoiceFailure
"""Anything :attr:`VoiceWorker.results` carries."""


class VoiceWorker:
    """Two daemon threads: ``voice-speaker`` plays customer lines, ``voice-listener`` records and recognises.

    Called from the UI thread: :meth:`speak`, :meth:`press`, :meth:`release`,
    :meth:`close`; results arrive on :attr:`results` (a ``queue.Queue``).
    """

    def __init__(self, pipeline: Any, microphone: Any = None, clock: Callable[[], float] = time.monotonic) -> None:
        self.pipeline = pipeline
        """The call's voice pipeline."""
        self.microphone = microphone
        """The push-to-talk microphone (None: the real one, opened on first use)."""
        self.clock = clock
        """The clock the UI reads (results carry its times)."""
        self.results: queue.Queue[VoiceResult] = queue.Queue()
        """What happened, for the UI to drain each frame."""
        self._speak: queue.Queue[str | None] = queue.Queue()
        self._listen: queue.Queue[Any] = queue.Queue()  # "start", "stop", ("hands-free", its cancel event), None
        self._mic_ok: bool | None = None
        self._pending = 0  # customer lines queued or being spoken (hands-free waits for them)
        self._pending_lock = threading.Lock()
        self._talk: Any = None  # the push-to-talk turn being recognised while the key is held
        self._cancel = threading.Event()  # set: the hands-free turn in progress was abandoned
        self._threads = [
            threading.Thread(target=self._speaker, name="voice-speaker", daemon=True),
            threading.Thread(target=self._listener, name="voice-listener", daemon=True),
        ]
        for t in self._threads:
            t.start()

    # -- called from the UI thread --------------------------------------------------
    def speak(self, line: str) -> None:
        """Queue a customer line (spoken after the ones queued before)."""
        with self._pending_lock:
            self._pending += 1
        self._speak.put(line)

    @property
    def speaking(self) -> bool:
        """Whether customer lines are queued or playing."""
        player = getattr(self.pipeline, "player", None)
        return self._pending > 0 or bool(player is not None and getattr(player, "busy", False))

    def press(self) -> None:
        """Push-to-talk pressed: start recording."""
        self._listen.put("start")

    def release(self) -> None:
        """Push-to-talk released: stop recording and recognise."""
        self._listen.put("stop")

    def listen(self) -> None:
        """Hands-free: listen (after the customer has finished) until the trainee stops speaking."""
        self._cancel = cancel = threading.Event()
        self._listen.put(("hands-free", cancel))  # the turn keeps its own event: a later listen() must not revive it

    def cancel(self) -> None:
        """Hands-free: stop the turn being listened to (the trainee typed instead); it reports nothing."""
        self._cancel.set()

    def drain(self) -> list[VoiceResult]:
        """Every result reported since the last call, oldest first (never blocks)."""
        out: list[VoiceResult] = []
        while True:
            try:
                out.append(self.results.get_nowait())
            except queue.Empty:
                return out

    def close(self) -> None:
        """Stop both threads and the player (waits at most a second per thread)."""
        self._cancel.set()  # a hands-free turn in progress ends its chunks
        talk = self._talk
        if talk is not None:
            talk.released.set()  # so does a push-to-talk turn
        self._speak.put(None)
        self._listen.put(None)
        player = getattr(self.pipeline, "player", None)
        if player is not None:
            try:
                player.stop()
            except Exception:  # the device may be gone already
                pass
        for t in self._threads:
            t.join(timeout=1.0)
        thread = getattr(talk, "_thread", None)
        if thread is not None:  # its last decode (the pipeline's close waits for any still running)
            thread.join(timeout=1.0)

    # -- threads ----------------------------------------------------------------------
    def _speaker(self) -> None:
        while True:
            line = self._speak.get()
            if line is None:
                return
            try:
                self._say(line)
            except SimulatorError as exc:
                self.results.put(VoiceFailure(exc.message))
            except Exception as exc:  # a broken audio device must not kill the window
                self.results.put(VoiceFailure(f"speech output failed: {exc}"))
            finally:
                with self._pending_lock:
                    self._pending -= 1

    def _say(self, line: str) -> None:
        pipe = self.pipeline
        player = pipe.player
        parts = []
        for i, part in enumerate(pipe.sentences(line)):
            if i:
                player.wait()
            player.play(part.audio)
            start = self.clock()
            parts.append(part)
            self.results.put(Speaking(start + part.audio.duration))
            if part.dropouts:
                self.results.put(Dropouts(tuple((start + s, start + e) for s, e in part.dropouts)))
        recorder = getattr(pipe, "recorder", None)
        if recorder is not None and parts:
            whole = parts[0].audio
            for part in parts[1:]:
                whole = whole.concat(part.audio)
            recorder.write("customer", whole)

    def _open_mic(self) -> bool:
        if self._mic_ok is None:
            try:
                if self.microphone is None:
                    from simulator.voice.microphone import Microphone

                    self.microphone = Microphone()
                self.microphone.open()
                self._mic_ok = True
            except SimulatorError as exc:
                self._mic_ok = False
                self.results.put(NoMicrophone(exc.message))
        return bool(self._mic_ok)

    def _listener(self) -> None:
        self._open_mic()  # probe at start, so "no microphone" shows before the first press
        recording = False
        while True:
            job = self._listen.get()
            if job is None:
                return
            try:
                if job == "start" and not recording:
                    if not self._open_mic():
                        self.results.put(NoMicrophone(""))
                        continue
                    from simulator.voice.streaming import PushToTalk

                    # Recognised while the key is held (a microphone with chunks()): at the release only
                    # the end of the turn is left to decode.
                    self._talk = PushToTalk(self.pipeline, self.microphone, self._on_state)
                    recording = True
                    self.results.put(Listening())
                elif isinstance(job, tuple) and job[0] == "hands-free" and not recording:
                    if job[1].is_set():  # cancelled before it started
                        continue
                    if not self._open_mic():
                        self.results.put(NoMicrophone(""))
                        continue
                    self._hands_free(job[1])
                elif job == "stop" and recording:
                    recording = False
                    talk, self._talk = self._talk, None
                    self.results.put(Recognising())
                    self.results.put(Heard(talk.release().text.strip()))
            except SimulatorError as exc:
                recording = False
                self.results.put(VoiceFailure(exc.message))
            except Exception as exc:
                recording = False
                self.results.put(VoiceFailure(f"speech input failed: {exc}"))

    def _on_state(self, state: str, text: str) -> None:
        """listen_turn's states as results (push-to-talk reports Listening/Recognising itself)."""
        if state == "partial":
            self.results.put(Partial(text))

    def _hands_free(self, cancel: threading.Event) -> None:
        while self.speaking and not cancel.is_set():  # the microphone must not hear the customer, nor a line still queued
            time.sleep(0.02)

        def on_state(state: str, text: str) -> None:
            if state == "listening":
                self.results.put(Listening())
            elif state == "partial":
                self.results.put(Partial(text))
            elif state == "thinking":
                self.results.put(Recognising())

        if cancel.is_set():
            return
        heard = self.pipeline.listen(self.microphone.chunks(until=cancel), on_state)
        if not cancel.is_set():
            self.results.put(Heard(heard.text.strip()))
