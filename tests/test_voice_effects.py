"""The telephone line: band, SNR, dropouts, level."""

from __future__ import annotations

import numpy as np
import pytest

from simulator.scenario.model import LineSettings
from simulator.voice.audio import Audio
from simulator.voice.effects import active_power, band_pass, impair, make_noise, mu_law
from tests.voice_fakes import tone

RATE = 16000
CLEAN = LineSettings(band_limit=False, companding=False)


def white(seconds: float = 2.0, seed: int = 1) -> Audio:
    x = np.random.default_rng(seed).standard_normal(int(seconds * RATE)) * 0.1
    return Audio(RATE, (x * 32767).astype(np.int16))


def band_energy(x: np.ndarray, lo: float, hi: float) -> float:
    spectrum = np.abs(np.fft.rfft(x.astype(float) * np.hanning(len(x)))) ** 2  # windowed: no leakage
    freqs = np.fft.rfftfreq(len(x), 1 / RATE)
    return float(spectrum[(freqs >= lo) & (freqs < hi)].sum())


def test_band_limit_removes_energy_outside_300_3400():
    src = white().array()
    out = impair(white(), LineSettings(companding=False)).audio.array()
    # Per-band attenuation relative to the input, in dB.
    below = 10 * np.log10(band_energy(out, 20, 250) / band_energy(src, 20, 250))
    above = 10 * np.log10(band_energy(out, 3500, 8000) / band_energy(src, 3500, 8000))
    inside = 10 * np.log10(band_energy(out, 350, 3350) / band_energy(src, 350, 3350))
    assert below < -40 and above < -40
    assert abs(inside) < 0.5


@pytest.mark.parametrize("kind", ["pink", "babble", "train"])
@pytest.mark.parametrize("snr", [5.0, 15.0, 25.0])
def test_noise_mixed_at_target_snr(kind, snr):
    speech = tone((400.0, 900.0, 2100.0), seconds=2.0)
    line = LineSettings(companding=False, noise_snr_db=snr, noise=kind)
    clean = impair(speech, LineSettings(companding=False), seed=3).audio.array().astype(float)
    noisy = impair(speech, line, seed=3).audio.array().astype(float)
    noise = noisy - clean
    measured = 10 * np.log10(np.mean(clean**2) / np.mean(noise**2))
    assert abs(measured - snr) <= 1.0


def test_pink_noise_falls_3db_per_octave():
    x = make_noise("pink", 10 * RATE, RATE, np.random.default_rng(0))
    low, high = band_energy(x, 500, 1000), band_energy(x, 2000, 4000)
    assert 10 * np.log10(low / high) == pytest.approx(0.0, abs=1.0)  # equal energy per octave


def test_dropouts_deterministic_and_plausible():
    speech = tone((600.0,), seconds=20.0)
    line = LineSettings(companding=False, band_limit=False, dropout_rate=1.0, dropout_ms=200)
    a = impair(speech, line, seed=7)
    b = impair(speech, line, seed=7)
    c = impair(speech, line, seed=8)
    assert a.dropouts == b.dropouts
    assert np.array_equal(a.audio.array(), b.audio.array())
    assert a.dropouts != c.dropouts
    # ~1 burst per second of ~200 ms: about 20 bursts, about 4 s lost in 20 s.
    assert 8 <= len(a.dropouts) <= 35
    lost = sum(end - start for start, end in a.dropouts)
    assert 1.5 <= lost <= 8.0
    # The dropouts really silence the audio.
    x = a.audio.array()
    for start, end in a.dropouts:
        middle = x[int((start + 0.004) * RATE) : int((end - 0.004) * RATE)]
        assert np.all(middle == 0)


def test_no_dropouts_without_rate():
    assert impair(tone(), LineSettings(), seed=1).dropouts == ()


def test_landline_keeps_level():
    speech = tone((400.0, 1000.0, 2500.0), seconds=1.0)
    out = impair(speech, LineSettings(kind="landline"), seed=0).audio
    before = active_power(speech.array() / 32768.0, RATE)
    after = active_power(out.array() / 32768.0, RATE)
    assert abs(10 * np.log10(after / before)) < 0.5
    assert out.rate == speech.rate and out.frames == speech.frames


def test_mu_law_is_8_bit():
    x = np.linspace(-1, 1, 10001)
    assert len(np.unique(np.round(mu_law(x), 9))) <= 256
    # Companding error small relative to the signal at speech levels.
    y = np.sin(np.linspace(0, 100, 8000)) * 0.3
    snr = 10 * np.log10(np.mean(y**2) / np.mean((mu_law(y) - y) ** 2))
    assert snr > 30


def test_band_pass_keeps_length_and_empty_input():
    assert len(band_pass(np.ones(1234), RATE)) == 1234
    assert impair(Audio(RATE, b""), LineSettings(noise_snr_db=10)).audio.frames == 0


def test_unknown_noise_rejected():
    with pytest.raises(ValueError, match="pink"):
        make_noise("rain", 100, RATE, np.random.default_rng(0))


def test_line_noise_is_a_seeded_stretch_of_the_bank_and_unit_power() -> None:
    from simulator.voice.effects import _bank, line_noise

    a = line_noise("babble", RATE, RATE, np.random.default_rng(5))
    b = line_noise("babble", RATE, RATE, np.random.default_rng(5))
    c = line_noise("babble", RATE, RATE, np.random.default_rng(6))
    assert np.array_equal(a, b) and not np.array_equal(a, c)
    assert np.mean(a**2) == pytest.approx(1.0, rel=1e-6)
    bank = _bank("babble", RATE)
    gain = bank / a[0]  # where a starts in the bank, bank[s:s + n] / a is one constant
    hits = [s for s in np.flatnonzero(np.isclose(bank[1:-RATE] / a[1], gain[:-RATE - 1]))
            if np.allclose(bank[s: s + RATE] / bank[s] * a[0], a)]
    assert len(hits) == 1
    longer = line_noise("babble", len(bank), RATE, np.random.default_rng(5))  # too long for the bank: made fresh
    assert len(longer) == len(bank) and not np.allclose(longer / longer[0], bank / bank[0])


def test_a_pipeline_warms_the_voice_and_the_line_noise_before_the_first_reply() -> None:
    from simulator.voice import effects
    from simulator.voice.registry import VoicePipeline
    from tests.voice_fakes import FakeSynthesizer

    line = LineSettings(noise="train", noise_snr_db=20.0)
    effects._BANKS.pop(("train", 16000), None)
    synth = FakeSynthesizer()
    voice = VoicePipeline(synth, line, {}, "de", recognizer=None)
    voice.warm()
    assert ("train", 16000) in effects._BANKS  # the rate the voice speaks at
    assert [(text, lang) for text, lang, _ in synth.calls] == [("Hallo.", "de")]
    assert voice.lines_spoken == 0  # the seeds of the real lines are unchanged
