"""Speech out with the real espeak-ng (skipped with a reason when it is absent)."""

from __future__ import annotations

import importlib.util
import shutil

import pytest

from simulator.errors import BackendError, UsageError
from simulator.scenario.model import VoiceSettings
from simulator.voice.registry import SYNTHESIZERS, get_synthesizer
from simulator.voice.tts import (
    CachedSynthesizer,
    EspeakCommandSynthesizer,
    SilentSynthesizer,
    split_sentences,
    voice_name,
)
from tests.voice_fakes import FakeSynthesizer

HAVE_ESPEAK = shutil.which("espeak-ng") is not None
HAVE_PYTTSX3 = importlib.util.find_spec("pyttsx3") is not None
needs_espeak = pytest.mark.skipif(not HAVE_ESPEAK, reason="espeak-ng not installed (apt-get install espeak-ng)")
needs_pyttsx3 = pytest.mark.skipif(
    not (HAVE_ESPEAK and HAVE_PYTTSX3), reason="pyttsx3 or espeak-ng not installed"
)

EN = "Could you tell me what happens when you switch it on?"
DE = "Können Sie mir sagen, was passiert, wenn Sie den Drucker einschalten?"


def backends():
    out = []
    if HAVE_ESPEAK:
        out.append(pytest.param("espeak-ng", id="espeak-ng"))
    else:
        out.append(pytest.param("espeak-ng", marks=needs_espeak, id="espeak-ng"))
    # pyttsx3's espeak driver now and then hands back no audio under load (seen once in a fresh-clone CI run, never
    # alone): tried up to twice more (pytest-rerunfailures) – espeak-ng, the default, is not rerun
    out.append(pytest.param("espeak", marks=[needs_pyttsx3, pytest.mark.flaky(reruns=2)], id="espeak-pyttsx3"))
    return out


@pytest.mark.parametrize("name", backends())
@pytest.mark.parametrize("lang,text", [("en", EN), ("de", DE)])
@pytest.mark.parametrize("variant", ["f3", "m3"])
def test_real_speech_has_plausible_length(name, lang, text, variant):
    synth = get_synthesizer(name, cache_size=0)
    audio = synth.synthesize(text, lang, VoiceSettings(variant=variant, rate=165, pitch=50))
    # espeak-ng 22 050 Hz; where installed MBROLA through espeak-ng 22 050, Pico 16 000, hibari (English f3)
    # 24 000, Piper joe (English m3) 22 050
    assert audio.rate in (16000, 22050, 24000) and audio.channels == 1
    words = len(text.split())
    # 165 words per minute: ~0.36 s per word, with generous bounds.
    assert 0.15 * words < audio.duration < 0.8 * words
    assert abs(audio.array()).max() > 1000  # not silence


@pytest.mark.parametrize(
    "name",
    [
        backends()[0],
        pytest.param(
            "espeak",
            marks=[
                needs_pyttsx3,
                pytest.mark.xfail(reason="pyttsx3 2.99 now and then drops a rate change (see EspeakSynthesizer)",
                                  strict=False),
            ],
            id="espeak-pyttsx3",
        ),
    ],
)
def test_rate_changes_duration(name):
    synth = get_synthesizer(name, cache_size=0)
    slow = synth.synthesize(EN, "en", VoiceSettings(rate=120))
    fast = synth.synthesize(EN, "en", VoiceSettings(rate=240))
    assert fast.duration < 0.7 * slow.duration


@needs_espeak
def test_pitch_changes_fundamental():
    import numpy as np

    synth = EspeakCommandSynthesizer(clear_voices=False)  # espeak-ng's own m3 (Piper joe keeps its own pitch)

    def f0(pitch: int) -> float:
        # Median cepstral pitch over loud 1024-sample frames.
        x = synth.synthesize("hello how are you", "en", VoiceSettings(variant="m3", pitch=pitch)).array()
        x = x.astype(float)
        estimates = []
        for start in range(0, len(x) - 1024, 512):
            frame = x[start : start + 1024] * np.hanning(1024)
            if np.abs(frame).max() < 0.3 * np.abs(x).max():
                continue
            cepstrum = np.fft.irfft(np.log(np.abs(np.fft.rfft(frame)) + 1e-9))
            lo, hi = int(22050 / 400), int(22050 / 60)
            estimates.append(22050 / (lo + np.argmax(cepstrum[lo:hi])))
        return float(np.median(estimates))

    assert f0(90) > 1.2 * f0(10)


@needs_espeak
@needs_pyttsx3
@pytest.mark.xfail(reason="pyttsx3 2.99 now and then drops a rate change (see EspeakSynthesizer); espeak-ng is the default", strict=False)
def test_both_espeak_backends_agree():
    a = get_synthesizer("espeak", 0).synthesize(EN, "en", VoiceSettings())
    b = get_synthesizer("espeak-ng", 0).synthesize(EN, "en", VoiceSettings())
    assert abs(a.duration - b.duration) < 0.1


def test_silent_backend_always_works():
    audio = SilentSynthesizer().synthesize("hello there", "de", VoiceSettings())
    assert audio.rate == 16000 and 0.1 < audio.duration <= 2.0


def test_cache_keeps_recent_lines():
    fake = FakeSynthesizer()
    cached = CachedSynthesizer(fake, size=2)
    v = VoiceSettings()
    first = cached.synthesize("one", "en", v)
    assert cached.synthesize("one", "en", v) is first
    cached.synthesize("one", "de", v)
    cached.synthesize("two", "en", v)  # evicts ("one", "en")
    cached.synthesize("one", "en", v)
    cached.synthesize("one", "en", VoiceSettings(rate=100))  # other voice: a miss
    assert [c[0] for c in fake.calls] == ["one", "one", "two", "one", "one"]
    assert cached.hits == 1


def test_voice_names():
    assert voice_name("de", VoiceSettings(variant="f3")) == "de+f3"
    assert voice_name("en", VoiceSettings(variant="m3")) == "en-us+m3"
    with pytest.raises(BackendError):
        voice_name("en", VoiceSettings(variant="f3; rm -rf"))


def test_split_sentences():
    assert split_sentences("Hallo. Geht es? Ja! gut") == ["Hallo.", "Geht es?", "Ja!", "gut"]
    assert split_sentences("  ") == []


def test_unknown_synthesizer_lists_known_names():
    with pytest.raises(UsageError) as err:
        get_synthesizer("festival")
    for name in SYNTHESIZERS:
        assert name in str(err.value)


def test_missing_espeak_binary_names_package(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(BackendError, match="espeak-ng"):
        EspeakCommandSynthesizer()


def test_speech_chunks_split_a_long_first_sentence_after_its_opening_clause() -> None:
    from simulator.voice.tts import speech_chunks

    long = "Look, I have rebooted it twice and flushed the cache. And it still fails."
    assert speech_chunks(long) == ["Look, I have rebooted it twice and flushed the cache.", "And it still fails."]
    longer = "Right, I have rebooted it twice, flushed the cache and reinstalled the client. Still nothing."
    assert speech_chunks(longer) == ["Right, I have rebooted it twice,", "flushed the cache and reinstalled the client.",
                                     "Still nothing."]
    assert speech_chunks("Yes, twice. Why?") == ["Yes, twice.", "Why?"]  # short: one piece per sentence
    assert "".join(speech_chunks(longer)).replace(" ", "") == longer.replace(" ", "")  # nothing lost or reordered
