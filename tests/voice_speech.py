"""Speech for the voice tests: trainee answers synthesised with the clearest voice installed here.

German uses MBROLA de6 when ``make voices`` (or the test set-up) installed it,
else Pico, else espeak-ng; see :func:`simulator.voice.voices.german_voice`.
"""

from __future__ import annotations

import shutil

import pytest

from simulator.scenario.model import VoiceSettings
from simulator.voice.audio import Audio

TRAINEE_DE = VoiceSettings(variant="m3", rate=150, pitch=50)
"""The German trainee: a male variant, so MBROLA de6 (the clearest measured) when installed."""
TRAINEE_EN = VoiceSettings(variant="f2", rate=150)
"""The English trainee: espeak-ng en-us+f2 (the variant PocketSphinx recognises best)."""


def clear_german_installed() -> bool:
    """True when a clearer German voice than espeak-ng's is installed."""
    from simulator.voice.voices import fallback_note

    return fallback_note("de") is None


@pytest.fixture(scope="session")
def german_voice():
    """``german_voice(text) -> Audio``: the text spoken by the clearest German voice installed."""
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng not installed")
    from simulator.voice.tts import EspeakCommandSynthesizer

    synth = EspeakCommandSynthesizer()

    def speak(text: str) -> Audio:
        return synth.synthesize(text, "de", TRAINEE_DE)

    return speak
