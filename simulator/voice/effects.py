"""The telephone line as the trainee hears it (numpy only).

:func:`impair` runs a clip through, in this order (the order of a real call):

1. background noise at the customer's end, mixed at ``noise_snr_db`` -- the SNR
   is measured on the line, i.e. between band-limited speech (active level,
   pauses excluded) and band-limited noise;
2. telephone band 300-3400 Hz: an FFT mask with short raised-cosine skirts
   (250-300 Hz, 3400-3500 Hz); everything else is removed (> 60 dB);
3. mu-law companding with 8-bit quantisation (G.711-like codec noise);
4. bursty dropouts: a Gilbert-Elliott two-state chain on 10 ms frames (the bad
   state loses the frame), silencing whole stretches so they can swallow words.

The clip stays at its source rate: the band limit already removes what an
8 kHz codec would, and the player and recogniser need not resample again.
Everything random is drawn from ``numpy.random.default_rng(seed)``, so the same
seed gives the same line.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.scenario.model import LineSettings
from simulator.voice.audio import Audio

BAND = (300.0, 3400.0)
"""Telephone pass band in Hz."""
SKIRT = (50.0, 100.0)
"""Width of the raised-cosine transition below and above the pass band, Hz."""
FRAME_S = 0.010
"""Frame length of the dropout chain."""
MU = 255.0
"""mu-law parameter."""
NOISES = ("pink", "babble", "train")
"""Kinds of background noise."""


@dataclass(frozen=True, slots=True, eq=False)
class Impaired:
    """A clip after the telephone line, and where the line dropped out."""

    audio: Audio
    """The clip as heard by the trainee (same rate as the input)."""
    dropouts: tuple[tuple[float, float], ...]
    """(start, end) in seconds of every dropout burst, in order."""


def impair(audio: Audio, line: LineSettings, seed: int = 0) -> Impaired:
    """Send ``audio`` down ``line``; deterministic for a ``seed``."""
    import numpy as np

    clip = audio.mono()
    rate = clip.rate
    x = clip.array().astype(np.float64) / 32768.0
    rng = np.random.default_rng(seed)
    if len(x) == 0:
        return Impaired(clip, ())
    if line.band_limit:
        x = band_pass(x, rate)
    if line.noise_snr_db is not None:
        noise = line_noise(line.noise, len(x), rate, rng)
        if line.band_limit:
            noise = band_pass(noise, rate)
        x = x + scale_to_snr(x, noise, rate, line.noise_snr_db)
    if line.companding:
        x = mu_law(x)
    dropouts: tuple[tuple[float, float], ...] = ()
    if line.dropout_rate > 0:
        mask, dropouts = gilbert_elliott(len(x), rate, line.dropout_rate, line.dropout_ms, rng)
        x = x * mask
    out = np.clip(np.round(x * 32768.0), -32768, 32767).astype(np.int16)
    return Impaired(Audio(rate, out), dropouts)


def band_pass(x, rate: int, band: tuple[float, float] = BAND):
    """Band-limit a float signal with an FFT mask (zero-padded, so no wrap-around)."""
    import numpy as np

    n = len(x)
    size = 1 << max(1, int(np.ceil(np.log2(n + int(0.05 * rate)))))
    spectrum = np.fft.rfft(x, size)
    freqs = np.fft.rfftfreq(size, 1.0 / rate)
    lo, hi = band
    mask = np.zeros_like(freqs)
    mask[(freqs >= lo) & (freqs <= hi)] = 1.0
    low_skirt = (freqs > lo - SKIRT[0]) & (freqs < lo)
    mask[low_skirt] = 0.5 - 0.5 * np.cos(np.pi * (freqs[low_skirt] - (lo - SKIRT[0])) / SKIRT[0])
    high_skirt = (freqs > hi) & (freqs < hi + SKIRT[1])
    mask[high_skirt] = 0.5 + 0.5 * np.cos(np.pi * (freqs[high_skirt] - hi) / SKIRT[1])
    return np.fft.irfft(spectrum * mask, size)[:n]


def mu_law(x):
    """Compress, quantise to 8 bits and expand (values in -1..1)."""
    import numpy as np

    x = np.clip(x, -1.0, 1.0)
    y = np.sign(x) * np.log1p(MU * np.abs(x)) / np.log1p(MU)
    q = np.round((y + 1.0) * 127.5) / 127.5 - 1.0  # 256 levels
    return np.sign(q) * np.expm1(np.abs(q) * np.log1p(MU)) / MU


def active_power(x, rate: int, floor_db: float = 40.0) -> float:
    """Mean power of the active part of a signal: 20 ms frames within ``floor_db`` of the loudest."""
    import numpy as np

    frame = max(1, int(0.02 * rate))
    n = len(x) // frame
    if n == 0:
        return float(np.mean(x**2)) if len(x) else 0.0
    energies = np.mean(x[: n * frame].reshape(n, frame) ** 2, axis=1)
    top = energies.max()
    if top <= 0:
        return 0.0
    active = energies[energies >= top * 10 ** (-floor_db / 10)]
    return float(active.mean())


def scale_to_snr(signal, noise, rate: int, snr_db: float):
    """``noise`` scaled so that active signal power / noise power is ``snr_db``."""
    import numpy as np

    p_signal = active_power(signal, rate)
    p_noise = float(np.mean(noise**2))
    if p_signal <= 0 or p_noise <= 0:
        return noise * 0.0
    return noise * np.sqrt(p_signal / (p_noise * 10 ** (snr_db / 10)))


BANK_SECONDS = 20.0
"""Length of the noise each line draws its background from (see :func:`line_noise`)."""


def line_noise(kind: str, n: int, rate: int, rng):
    """``n`` samples of background noise: a stretch of a bank made once per (kind, rate), at a seeded offset.

    Making babble for each sentence cost 50-190 ms before the customer's first word; a cut from a
    20 s bank costs nothing. Longer clips get fresh noise from :func:`make_noise`.
    """
    import numpy as np

    bank = _bank(kind, rate)
    if n > len(bank) // 2:
        return make_noise(kind, n, rate, rng)
    start = int(rng.integers(0, len(bank) - n))
    y = bank[start: start + n]
    return y / np.sqrt(np.mean(y**2) + 1e-20)


_BANKS: dict = {}


def _bank(kind: str, rate: int):
    key = (kind, rate)
    if key not in _BANKS:  # a race only makes it twice
        import numpy as np

        _BANKS[key] = make_noise(kind, int(BANK_SECONDS * rate), rate, np.random.default_rng(1234))
    return _BANKS[key]


def warm(line: LineSettings, rate: int) -> None:
    """Make the noise bank of ``line`` at ``rate`` now (at call set-up rather than before the first reply)."""
    if line.noise_snr_db is not None:
        _bank(line.noise, rate)


def make_noise(kind: str, n: int, rate: int, rng):
    """Background noise of unit-ish power: pink, babble (speech-shaped, several talkers) or train."""
    import numpy as np

    if kind == "pink":
        return _coloured(n, rate, rng, exponent=1.0)
    if kind == "babble":
        # Six "talkers": speech-shaped noise, each gated by a syllable-rate envelope.
        t = np.arange(n) / rate
        total = np.zeros(n)
        for _ in range(6):
            voice = _coloured(n, rate, rng, exponent=1.0, peak=(200.0, 1000.0))
            syllables = 3.0 + 2.0 * rng.random()
            env = 0.5 + 0.5 * np.sin(2 * np.pi * syllables * t + rng.random() * 6.283)
            total += voice * env**2
        return total / np.sqrt(np.mean(total**2) + 1e-20)
    if kind == "train":
        # Rumble (brown noise) plus rail joints clacking about every 0.9 s.
        rumble = _coloured(n, rate, rng, exponent=2.0)
        clacks = np.zeros(n)
        period = int(0.9 * rate)
        burst = _coloured(int(0.03 * rate) or 1, rate, rng, exponent=0.5)
        burst *= np.exp(-np.arange(len(burst)) / (0.008 * rate))
        for start in range(int(rng.integers(0, max(1, period))), n, period):
            end = min(n, start + len(burst))
            clacks[start:end] += 3.0 * burst[: end - start]
        total = rumble + clacks + 0.3 * _coloured(n, rate, rng, exponent=1.0)
        return total / np.sqrt(np.mean(total**2) + 1e-20)
    raise ValueError(f"unknown noise {kind!r}: use one of {', '.join(NOISES)}")


def _coloured(n: int, rate: int, rng, exponent: float, peak: tuple[float, float] | None = None):
    """Gaussian noise with power spectrum ~ 1/f**exponent (optionally emphasised in a band), unit power."""
    import numpy as np

    # Shaped on a power-of-two length, then cut: an FFT of an awkward length (a clip of 72 017 samples)
    # took ~25 ms where 2**17 takes ~3, and babble noise runs six of them before the customer's first word.
    size = 1 << max(1, int(n - 1).bit_length())
    spectrum = np.fft.rfft(rng.standard_normal(size))
    freqs = np.fft.rfftfreq(size, 1.0 / rate)
    shape = np.zeros_like(freqs)
    shape[1:] = 1.0 / np.power(np.maximum(freqs[1:], 20.0), exponent / 2)
    if peak is not None:
        lo, hi = peak
        shape *= 1.0 + 4.0 * ((freqs >= lo) & (freqs <= hi))
    y = np.fft.irfft(spectrum * shape, size)[:n]
    return y / np.sqrt(np.mean(y**2) + 1e-20)


def gilbert_elliott(n: int, rate: int, dropout_rate: float, dropout_ms: float, rng):
    """Gain mask (1 = heard, 0 = lost) for ``n`` samples and the (start, end) of every burst.

    Two states on 10 ms frames: good -> bad with probability ``p``, bad -> good
    with ``r``. The mean burst is ``dropout_ms`` long (``r = frame / dropout_ms``)
    and bursts start ``dropout_rate`` times per second on average. Each burst
    edge gets a 2 ms ramp to avoid clicks.
    """
    import numpy as np

    frame = max(1, int(round(FRAME_S * rate)))
    frames = -(-n // frame)
    frames_per_s = 1.0 / FRAME_S
    r = min(1.0, FRAME_S * 1000.0 / max(float(dropout_ms), FRAME_S * 1000.0))
    good_share = max(0.05, 1.0 - dropout_rate * dropout_ms / 1000.0)
    p = min(1.0, dropout_rate / (frames_per_s * good_share))
    draws = rng.random(frames)
    lost = np.zeros(frames, dtype=bool)
    bad = False
    for i in range(frames):
        bad = (draws[i] >= r) if bad else (draws[i] < p)
        lost[i] = bad
    gain = np.repeat(np.where(lost, 0.0, 1.0), frame)[:n]
    ramp = max(1, int(0.002 * rate))
    if ramp > 1 and lost.any():
        kernel = np.ones(ramp) / ramp
        gain = np.minimum(gain, np.convolve(gain, kernel, mode="same"))
    bursts = []
    edges = np.diff(np.concatenate([[0], lost.astype(np.int8), [0]]))
    for start, end in zip(np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)):
        bursts.append((round(start * frame / rate, 4), round(min(n, end * frame) / rate, 4)))
    return gain, tuple(bursts)
