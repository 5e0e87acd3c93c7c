"""Hand-written fakes for the voice tests (no unittest.mock)."""

from __future__ import annotations

from simulator.scenario.model import VoiceSettings
from simulator.voice.audio import Audio
from simulator.voice.stt import Transcript


def tone(freqs=(440.0,), seconds: float = 1.0, rate: int = 16000, level: float = 0.3) -> Audio:
    """A sum of sines at equal amplitude, peak about ``level`` of full scale."""
    import numpy as np

    t = np.arange(int(seconds * rate)) / rate
    x = sum(np.sin(2 * np.pi * f * t + i) for i, f in enumerate(freqs)) / len(freqs)
    return Audio(rate, (x * level * 32767).astype(np.int16))


class FakeSynthesizer:
    """Returns a tone per line and records what it was asked to say."""

    name = "fake"

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, VoiceSettings]] = []

    def synthesize(self, text: str, lang: str, voice: VoiceSettings) -> Audio:
        self.calls.append((text, lang, voice))
        return tone((500.0, 1500.0), seconds=0.1 * max(1, len(text.split())))


class FakeRecognizer:
    """Answers with scripted transcripts, in order."""

    name = "fake"

    def __init__(self, *texts: str) -> None:
        self.texts = list(texts)
        self.heard: list[Audio] = []

    def transcribe(self, audio: Audio) -> Transcript:
        self.heard.append(audio)
        return Transcript(self.texts.pop(0) if self.texts else "", 0.9)
