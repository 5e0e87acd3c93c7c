"""Push-to-talk capture through sounddevice (PortAudio).

``Microphone(...).open()`` fails with :class:`BackendError` when PortAudio or
an input device is missing, so the caller can fall back to typing::

    mic = Microphone().open()
    mic.start()            # key pressed
    ...
    audio = mic.stop()     # key released -> Audio
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator

from simulator.errors import BackendError
from simulator.voice.audio import Audio


class Microphone:
    """One input device, 16-bit mono; capture runs between :meth:`start` and :meth:`stop`."""

    def __init__(self, rate: int = 16000, device: int | str | None = None) -> None:
        self.rate = rate
        self.device = device
        self._sd = None
        self._stream = None
        self._chunks: list[bytes] = []
        self._lock = threading.Lock()

    def open(self) -> Microphone:
        """Check PortAudio and the input device; raises BackendError when there is none."""
        try:
            import sounddevice as sd
        except ImportError as exc:
            raise BackendError(
                "microphone input needs sounddevice: pip install sounddevice; falling back to typing"
            ) from exc
        except OSError as exc:  # PortAudio library not found
            raise BackendError(
                f"microphone input needs PortAudio: apt-get install libportaudio2 ({exc}); falling back to typing"
            ) from exc
        try:
            devices = sd.query_devices()
        except Exception as exc:  # PortAudioError
            raise BackendError(f"no microphone found: {exc}; falling back to typing") from exc
        inputs = [d for d in devices if d.get("max_input_channels", 0) > 0]
        if not inputs:
            raise BackendError("no microphone found: PortAudio lists no input device; falling back to typing")
        try:
            info = sd.query_devices(self.device, "input")
            sd.check_input_settings(device=self.device, channels=1, dtype="int16", samplerate=self.rate)
        except Exception as exc:
            raise BackendError(f"no microphone found: {exc}; falling back to typing") from exc
        self.name = info.get("name", "microphone")
        self._sd = sd
        return self

    def start(self) -> None:
        """Begin recording (push-to-talk key down)."""
        if self._sd is None:
            self.open()
        self._chunks = []

        def collect(indata, frames, time_info, status) -> None:
            with self._lock:
                self._chunks.append(bytes(indata))

        self._stream = self._sd.RawInputStream(
            samplerate=self.rate, channels=1, dtype="int16", device=self.device, callback=collect
        )
        self._stream.start()

    def stop(self) -> Audio:
        """End recording (key up) and return what was captured."""
        if self._stream is not None:
            self._stream.stop()
            self._stream.close()
            self._stream = None
        with self._lock:
            data = b"".join(self._chunks)
            self._chunks = []
        return Audio(self.rate, data)

    def chunks(self, chunk_ms: int = 20, timeout: float = 2.0, until: threading.Event | None = None) -> Iterator[Audio]:
        """Record continuously, yielding ``chunk_ms`` clips as they arrive (streamed listening).

        Hands-free: stops when the consumer closes the generator (``listen_turn``
        returns). Push-to-talk: ``until`` is set when the key is released; the
        chunks that arrived by then are yielded, then the generator ends. A
        device that delivers nothing for ``timeout`` seconds is a BackendError.
        """
        if self._sd is None:
            self.open()
        arrived: queue.Queue[bytes] = queue.Queue()
        stream = self._sd.RawInputStream(
            samplerate=self.rate, channels=1, dtype="int16", device=self.device,
            blocksize=self.rate * chunk_ms // 1000, callback=lambda data, frames, t, status: arrived.put(bytes(data)),
        )
        stream.start()
        try:
            yield from _until(arrived, self.rate, timeout, until)
        finally:
            stream.stop()
            stream.close()

    def record(self, seconds: float) -> Audio:
        """Record a fixed length (blocking)."""
        if self._sd is None:
            self.open()
        frames = self._sd.rec(int(seconds * self.rate), samplerate=self.rate, channels=1, dtype="int16",
                              device=self.device)
        self._sd.wait()
        return Audio(self.rate, frames.reshape(-1))


def _until(arrived: queue.Queue, rate: int, timeout: float, until: threading.Event | None) -> Iterator[Audio]:
    """The clips put on ``arrived`` as they come; after ``until`` is set, the ones already there, then the end."""
    import time

    quiet_since = time.monotonic()
    while True:
        released = until is not None and until.is_set()
        try:
            data = arrived.get(timeout=0.05 if until is not None else timeout)
        except queue.Empty:
            if released:
                return
            if time.monotonic() - quiet_since >= timeout:
                raise BackendError("the microphone stopped delivering audio; type instead") from None
            continue
        quiet_since = time.monotonic()
        yield Audio(rate, data)
