"""Listening while the trainee speaks: endpointing (VAD), partial decoding, the turn's final text.

:func:`listen_turn` takes microphone chunks as they arrive (an iterable that
blocks, e.g. :meth:`Microphone.chunks`, or a WAV fed in real time by the
bench) and returns the recognised :class:`~simulator.voice.stt.Transcript`:

* :class:`Endpointer` -- energy VAD on 20 ms frames with an adaptive noise
  floor: speech starts after ``start_ms`` of voiced frames, the turn ends after
  ``end_ms`` of silence; nothing for ``no_speech_seconds`` gives up (the
  trainee types); a monologue is cut at ``max_seconds``.
* partial decoding -- the recogniser's ``stream()`` is fed as audio arrives
  (PocketSphinx decodes incrementally; Whisper re-decodes the growing buffer
  each second and commits the words two decodes agree on);
* a speculative final decode starts in a background thread after ``guess_ms``
  of silence; when the turn then ends without more speech it is the answer, so
  the recogniser's work overlaps the endpointing wait (and a pause between two
  phrases never holds listening up).

States go to ``on_state(state, text)``: ``listening``, ``partial`` (text so
far), ``thinking`` (turn ended, final decode), ``heard``, ``silence``.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from simulator.voice.audio import Audio
from simulator.voice.stt import Transcript

RATE = 16000
"""Endpointing and decoding rate."""


@dataclass(frozen=True, slots=True)
class EndpointSettings:
    """When a spoken turn starts and ends (measured on synthetic and recorded speech; see docs/voice.md)."""

    frame_ms: int = 20
    """VAD frame length."""
    start_ms: int = 100
    """Voiced this long: the trainee has started speaking."""
    end_ms: int = 500
    """Silent this long after speech: the turn is over."""
    guess_ms: int = 350
    """Silent this long: start the final decode speculatively (one at a time; synthetic speech pauses
    200-300 ms at commas, and a guess thrown away still occupies the recogniser)."""
    pause_marks: tuple[int, ...] = (120, 200)
    """A recogniser that decodes in segments (Whisper) is told when a pause reaches each of these lengths
    (``pause_heard(ms)``): it may close the open segment there and decode it while the trainee goes on."""
    margin_db: float = 12.0
    """A frame is voiced when this far above the noise floor..."""
    min_rms: float = 150.0
    """...and above this absolute level (16-bit RMS)."""
    no_speech_seconds: float = 30.0
    """Nothing said for this long: stop listening (the trainee types)."""
    max_seconds: float = 60.0
    """A turn longer than this ends here (the recording keeps all of it)."""


class Endpointer:
    """Frame-by-frame speech/silence decisions; :attr:`state` is ``waiting``, ``speech``, ``ended`` or ``timeout``."""

    def __init__(self, settings: EndpointSettings = EndpointSettings()) -> None:
        self.settings = settings
        self.frame = RATE * settings.frame_ms // 1000
        self.state = "waiting"
        self.floor = settings.min_rms / 4  # noise floor (RMS), adapts
        self.voiced_run = 0
        self.silent_run = 0
        self.frames = 0
        self.speech_start = None  # frame index
        self.speech_end = None  # frame index just after the last voiced frame
        self._rest = None

    @property
    def silent_ms(self) -> int:
        """Milliseconds of silence since the last voiced frame (0 while voiced)."""
        return self.silent_run * self.settings.frame_ms

    def feed(self, samples) -> None:
        """Classify ``samples`` (int16 at 16 kHz) frame by frame and update :attr:`state`."""
        import numpy as np

        x = samples.astype(np.float64)
        if self._rest is not None and len(self._rest):
            x = np.concatenate([self._rest, x])
        n = len(x) // self.frame
        self._rest = x[n * self.frame:]
        s = self.settings
        for frame in x[: n * self.frame].reshape(n, self.frame) if n else ():
            self.frames += 1
            rms = math.sqrt(float(np.mean(frame * frame)))
            floor = self.floor
            voiced = rms >= s.min_rms and rms >= floor * 10 ** (s.margin_db / 20)
            # Minimum tracking: the floor falls to a quieter frame within ~100 ms and climbs at most
            # x1.65 per second, so the dips between words pull it back while steady noise catches up.
            self.floor = 0.8 * floor + 0.2 * rms if rms < floor else min(rms, floor * 1.01)
            if self.state in ("ended", "timeout"):
                continue
            if voiced:
                self.voiced_run += 1
                self.silent_run = 0
                if self.state == "waiting" and self.voiced_run * s.frame_ms >= s.start_ms:
                    self.state = "speech"
                    self.speech_start = self.frames - self.voiced_run
                if self.state == "speech":
                    self.speech_end = self.frames
            else:
                self.voiced_run = 0
                self.silent_run += 1
                if self.state == "speech" and self.silent_run * s.frame_ms >= s.end_ms:
                    self.state = "ended"
            seconds = self.frames * s.frame_ms / 1000
            if self.state == "waiting" and seconds >= s.no_speech_seconds:
                self.state = "timeout"
            elif self.state == "speech" and (self.frames - self.speech_start) * s.frame_ms / 1000 >= s.max_seconds:
                self.state = "ended"


class BufferStream:
    """For recognisers without ``stream()``: collect the turn, recognise it at the end."""

    def __init__(self, recognizer: Any) -> None:
        self.recognizer = recognizer
        self.chunks: list[Audio] = []

    def feed(self, audio: Audio, whole: bool = False) -> None:
        self.chunks.append(audio)

    def finish(self) -> Transcript:
        if not self.chunks:
            return Transcript("", None)
        whole = self.chunks[0]
        for c in self.chunks[1:]:
            whole = whole.concat(c)
        return self.recognizer.transcribe(whole)


def listen_turn(
    recognizer: Any,
    chunks: Iterable[Audio],
    settings: EndpointSettings = EndpointSettings(),
    on_state: Callable[[str, str], None] | None = None,
    recorder: Any = None,
    push_to_talk: bool = False,
) -> Transcript:
    """Listen to one spoken turn from ``chunks`` (any rate) until it ends; returns what was recognised.

    Hands-free the turn ends after ``end_ms`` of silence; ``push_to_talk``: when
    ``chunks`` runs out (the key was released), however long the pauses were.

    The whole turn (from the first chunk to the end) is written to ``recorder``
    as ``trainee`` before it is recognised, so a failing recogniser loses no
    recording. Nothing said within ``no_speech_seconds``: ``Transcript("")``
    and the state ``silence``.
    """
    say = on_state or (lambda state, text: None)
    vad = Endpointer(replace(settings, end_ms=10**9) if push_to_talk else settings)
    stream = recognizer.stream() if hasattr(recognizer, "stream") else BufferStream(recognizer)
    say("listening", "")
    try:
        return _listen(stream, chunks, vad, settings, say, recorder)
    finally:  # a stream's decoding thread ends with the turn however it ends (also a microphone error, Ctrl-C)
        close = getattr(stream, "close", None)
        if close is not None:
            close()


def _listen(stream: Any, chunks: Iterable[Audio], vad: Endpointer, settings: EndpointSettings,
            say: Callable[[str, str], None], recorder: Any) -> Transcript:
    """listen_turn's loop and final decode (the caller closes ``stream``)."""
    import numpy as np

    kept: list = []  # int16 arrays at 16 kHz: the recording
    pre_roll: list = []  # audio before speech started, fed once speech starts (a few frames)
    guesses: dict[int, tuple[threading.Thread, list]] = {}  # speech_end -> (decoding thread, [result or error])
    partial = ""
    told = 0  # the longest silence the stream was told about in this pause (ms)
    for chunk in chunks:
        x = chunk.resampled(RATE).array()
        kept.append(x)
        before = vad.state
        vad.feed(x)
        if vad.state == "waiting":
            pre_roll = (pre_roll + [x])[-10:]
            continue
        if vad.state == "timeout":
            break
        if before == "waiting":
            stream.feed(Audio(RATE, np.concatenate(pre_roll + [x])))
            pre_roll = []
        else:
            stream.feed(Audio(RATE, x))
        if vad.state == "ended":
            break
        if vad.silent_ms == 0:
            told = 0
        elif hasattr(stream, "pause_heard") and any(told < m <= vad.silent_ms for m in settings.pause_marks):
            told = vad.silent_ms  # the stream decides whether this pause closes a segment
            stream.pause_heard(told)
        text = getattr(stream, "partial", "")
        if text and text != partial:
            partial = text
            say("partial", text)
        running = any(t.is_alive() for t, _ in guesses.values())
        if (vad.silent_ms >= settings.guess_ms and vad.speech_end not in guesses and not running
                and hasattr(stream, "snapshot")):
            # Decode in the background: if the trainee goes on speaking the guess is dropped, and
            # listening never waits for it. Partial decodes pause meanwhile (they would queue behind it).
            out: list = []
            worker = threading.Thread(target=_guess, args=(stream, out), name="voice-guess", daemon=True)
            guesses[vad.speech_end] = (worker, out)
            stream.paused = True
            worker.start()
        elif vad.silent_ms == 0 and guesses:
            stream.paused = False
    audio = Audio(RATE, np.concatenate(kept) if kept else np.zeros(0, dtype=np.int16))
    if recorder is not None and audio.frames:
        recorder.write("trainee", audio)
    if vad.state == "timeout" or vad.speech_start is None:
        say("silence", "")
        return Transcript("", None)
    say("thinking", partial)
    guess = guesses.get(vad.speech_end)
    if guess is not None:  # nothing was said after the speculative decode started
        guess[0].join()
        if isinstance(guess[1][0], BaseException):
            raise guess[1][0]
        result = guess[1][0]
    else:
        result = stream.finish()
    say("heard", result.text)
    return result


class PushToTalk:
    """One push-to-talk turn, recognised while the key is held: made when the key goes down, :meth:`release` at key up.

    A thread runs ``voice.listen(microphone.chunks(until=released), push_to_talk=True)``,
    so the recogniser decodes as the trainee speaks; :meth:`release` ends the
    chunks and returns the transcript (re-raising the recogniser's error).
    ``on_state`` gets the states of :func:`listen_turn` from that thread. A
    microphone without ``chunks`` (or no voice) records between ``start`` and
    ``stop`` and is recognised after the release, as before.
    """

    def __init__(self, voice: Any, microphone: Any, on_state: Callable[[str, str], None] | None = None) -> None:
        self.voice = voice
        self.microphone = microphone
        self.released = threading.Event()
        self._out: list = []
        self._thread: threading.Thread | None = None
        if voice is not None and hasattr(voice, "listen") and hasattr(microphone, "chunks"):
            self._thread = threading.Thread(target=self._listen, args=(on_state,), name="voice-push-to-talk",
                                            daemon=True)
            self._thread.start()
        else:
            microphone.start()

    def _listen(self, on_state) -> None:
        try:
            self._out.append(self.voice.listen(self.microphone.chunks(until=self.released), on_state,
                                               push_to_talk=True))
        except BaseException as exc:  # re-raised by release() in the caller's thread
            self._out.append(exc)

    def close(self, timeout: float = 2.0) -> None:
        """Abandon the turn (Ctrl-C, the call ended): the chunks end, the thread is joined for at most ``timeout``."""
        self.released.set()
        if self._thread is None:
            try:
                self.microphone.stop()
            except Exception:  # the device may be gone: nothing to keep
                pass
        else:
            self._thread.join(timeout)

    def release(self) -> Transcript:
        """Key up: the rest of the turn recognised; what was understood."""
        self.released.set()
        if self._thread is None:
            audio = self.microphone.stop()
            return self.voice.hear(audio) if self.voice is not None else Transcript("", None)
        self._thread.join()
        if isinstance(self._out[0], BaseException):
            raise self._out[0]
        return self._out[0]


def _guess(stream: Any, out: list) -> None:
    try:
        out.append(stream.snapshot())
    except BaseException as exc:  # re-raised by listen_turn if this guess is the answer
        out.append(exc)


def wav_chunks(audio: Audio, chunk_ms: int = 20, realtime: bool = False, tail_seconds: float = 1.5,
               clock: Callable[[], float] | None = None, sleep: Callable[[float], None] | None = None):
    """``audio`` (then ``tail_seconds`` of silence) as microphone-sized chunks, optionally at real-time pace.

    The bench and the tests feed recorded turns through the same code as the microphone.
    """
    import time

    import numpy as np

    clock = clock or time.perf_counter
    sleep = sleep or time.sleep
    x = audio.resampled(RATE).array()
    x = np.concatenate([x, np.zeros(int(tail_seconds * RATE), dtype=np.int16)])
    step = RATE * chunk_ms // 1000
    start = clock()
    for i in range(0, len(x), step):
        if realtime:
            due = start + (i + step) / RATE
            delay = due - clock()
            if delay > 0:
                sleep(delay)
        yield Audio(RATE, x[i: i + step])
