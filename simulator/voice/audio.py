"""Audio clips as tiny immutable values, and WAV files.

An :class:`Audio` holds 16-bit PCM samples, either as a numpy ``int16`` array
or as raw little-endian bytes (whichever the producer had). numpy is imported
only when a numeric view is asked for, so this module is cheap to import.
"""

from __future__ import annotations

import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True, eq=False)
class Audio:
    """A clip of 16-bit PCM audio."""

    rate: int
    """Samples per second (per channel)."""
    samples: Any
    """numpy int16 array (frames x channels flattened, interleaved) or raw little-endian bytes."""
    channels: int = 1
    """Number of interleaved channels."""

    @property
    def frames(self) -> int:
        """Number of sample frames."""
        if isinstance(self.samples, (bytes, bytearray, memoryview)):
            return len(self.samples) // (2 * self.channels)
        return len(self.samples) // self.channels

    @property
    def duration(self) -> float:
        """Length in seconds."""
        return self.frames / self.rate if self.rate else 0.0

    def array(self):
        """The samples as a numpy int16 array (interleaved when several channels)."""
        import numpy as np

        if isinstance(self.samples, (bytes, bytearray, memoryview)):
            return np.frombuffer(bytes(self.samples), dtype="<i2").astype(np.int16)
        return np.asarray(self.samples, dtype=np.int16)

    def data(self) -> bytes:
        """The samples as raw little-endian 16-bit bytes."""
        if isinstance(self.samples, (bytes, bytearray, memoryview)):
            return bytes(self.samples)
        return self.array().astype("<i2").tobytes()

    def mono(self) -> Audio:
        """This clip mixed down to one channel."""
        if self.channels == 1:
            return self
        x = self.array().reshape(-1, self.channels).astype("float64").mean(axis=1)
        return Audio(self.rate, _to_int16(x))

    def resampled(self, rate: int) -> Audio:
        """This clip (mixed to mono) at another sample rate (band-limited FFT resampling)."""
        src = self.mono()
        if rate == src.rate:
            return src
        import numpy as np

        x = src.array().astype(np.float64)
        n_out = int(round(len(x) * rate / src.rate))
        if len(x) == 0 or n_out == 0:
            return Audio(rate, np.zeros(0, dtype=np.int16))
        spectrum = np.fft.rfft(x)
        keep = n_out // 2 + 1
        if keep <= len(spectrum):
            spectrum = spectrum[:keep]
        else:
            spectrum = np.concatenate([spectrum, np.zeros(keep - len(spectrum), dtype=complex)])
        y = np.fft.irfft(spectrum, n_out) * (n_out / len(x))
        return Audio(rate, _to_int16(y))

    def concat(self, other: Audio) -> Audio:
        """This clip followed by ``other`` (converted to this clip's rate)."""
        import numpy as np

        other = other.resampled(self.rate) if other.rate != self.rate else other.mono()
        return Audio(self.rate, np.concatenate([self.mono().array(), other.array()]))


def _to_int16(x):
    import numpy as np

    return np.clip(np.round(x), -32768, 32767).astype(np.int16)


def silence(seconds: float, rate: int = 16000) -> Audio:
    """A clip of digital silence."""
    return Audio(rate, b"\x00\x00" * int(round(seconds * rate)))


def read_wav(path: str | Path) -> Audio:
    """Read a 16-bit PCM WAV file (8-bit and 32-bit are converted)."""
    with wave.open(str(path), "rb") as w:
        rate, channels, width = w.getframerate(), w.getnchannels(), w.getsampwidth()
        raw = w.readframes(w.getnframes())
    if width == 2:
        return Audio(rate, raw, channels)
    import numpy as np

    if width == 1:
        x = (np.frombuffer(raw, dtype=np.uint8).astype(np.int16) - 128) * 256
    elif width == 4:
        x = (np.frombuffer(raw, dtype="<i4") >> 16).astype(np.int16)
    else:
        raise ValueError(f"{path}: unsupported WAV sample width {width * 8} bit")
    return Audio(rate, x.astype(np.int16), channels)


def write_wav(path: str | Path, audio: Audio) -> Path:
    """Write ``audio`` as a 16-bit PCM WAV file; returns the path."""
    path = Path(path)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(audio.channels)
        w.setsampwidth(2)
        w.setframerate(audio.rate)
        w.writeframes(audio.data())
    return path


class Recorder:
    """Writes the clips of a call as numbered WAV files: ``001-customer.wav``, ``002-trainee.wav``, ...

    The CLI's ``--audio-out DIR`` uses one recorder per call.
    """

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.count = 0
        self.paths: list[Path] = []

    def write(self, role: str, audio: Audio) -> Path:
        """Write the next clip, spoken by ``role`` (customer, trainee); returns its path."""
        self.count += 1
        safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in role) or "clip"
        path = write_wav(self.directory / f"{self.count:03d}-{safe}.wav", audio)
        self.paths.append(path)
        return path
