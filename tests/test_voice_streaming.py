"""Endpointing and listening to a turn as it is spoken (no real recogniser: fakes and tones)."""

from __future__ import annotations

import numpy as np
import pytest

from simulator.voice.audio import Audio, Recorder, read_wav, silence
from simulator.voice.streaming import EndpointSettings, Endpointer, listen_turn, wav_chunks
from simulator.voice.stt import Transcript
from tests.voice_fakes import FakeRecognizer, tone


def speech_like(seconds: float) -> Audio:
    """A tone with syllable-like 4 Hz amplitude modulation and short gaps (voiced for the VAD)."""
    clip = tone((300.0, 900.0, 2100.0), seconds=seconds)
    t = np.arange(clip.frames) / clip.rate
    env = 0.55 + 0.45 * np.sin(2 * np.pi * 4 * t)
    return Audio(clip.rate, (clip.array() * env).astype(np.int16))


def turn(*parts: Audio) -> Audio:
    whole = parts[0]
    for p in parts[1:]:
        whole = whole.concat(p)
    return whole


class StreamingFake(FakeRecognizer):
    """A recogniser with ``stream()``: partial text grows with the audio fed; counts snapshots."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self.snapshots = 0
        self.finishes = 0

    def stream(self):
        rec = self

        class S:
            fed = 0.0

            def feed(self, audio: Audio, whole: bool = False) -> None:
                self.fed += audio.duration

            @property
            def partial(self) -> str:
                return " ".join(rec.text.split()[: int(self.fed)])

            def snapshot(self) -> Transcript:
                rec.snapshots += 1
                return Transcript(rec.text, 0.9)

            def finish(self) -> Transcript:
                rec.finishes += 1
                return Transcript(rec.text, 0.9)

        return S()


def test_endpointer_finds_start_and_end() -> None:
    vad = Endpointer()
    clip = turn(silence(0.5), speech_like(1.0), silence(1.0))
    vad.feed(clip.array())
    assert vad.state == "ended"
    assert abs(vad.speech_start * 0.02 - 0.5) <= 0.1
    assert abs(vad.speech_end * 0.02 - 1.5) <= 0.1


def test_a_short_pause_does_not_end_the_turn() -> None:
    vad = Endpointer()
    vad.feed(turn(speech_like(0.6), silence(0.3), speech_like(0.6)).array())
    assert vad.state == "speech"


def test_background_noise_is_not_speech() -> None:
    rng = np.random.default_rng(1)
    noise = Audio(16000, (rng.standard_normal(16000 * 3) * 100).astype(np.int16))
    vad = Endpointer()
    vad.feed(noise.array())
    assert vad.state == "waiting"


def test_listen_turn_reports_states_and_records_the_turn(tmp_path) -> None:
    rec = StreamingFake("ist der stecker drin")
    states: list[tuple[str, str]] = []
    recorder = Recorder(tmp_path)
    clip = turn(silence(0.3), speech_like(2.5))
    heard = listen_turn(rec, wav_chunks(clip), on_state=lambda s, t: states.append((s, t)), recorder=recorder)
    assert heard.text == "ist der stecker drin"
    names = [s for s, _ in states]
    assert names[0] == "listening" and names[-2:] == ["thinking", "heard"] and "partial" in names
    assert rec.snapshots == 1 and rec.finishes == 0  # the speculative decode was the answer
    saved = read_wav(recorder.paths[0])
    assert recorder.paths[0].name == "001-trainee.wav" and saved.duration >= clip.duration


def test_speech_after_the_guess_is_decoded_again() -> None:
    rec = StreamingFake("ja")
    clip = turn(speech_like(1.0), silence(0.42), speech_like(1.0))  # a pause past guess_ms, short of end_ms
    listen_turn(rec, wav_chunks(clip))
    assert rec.snapshots == 2 and rec.finishes == 0  # the guess in the pause was thrown away, a new one made


def test_thirty_seconds_of_silence_gives_up_quickly() -> None:
    rec = FakeRecognizer("never")
    states: list[str] = []
    heard = listen_turn(rec, wav_chunks(silence(31.0), tail_seconds=0),
                        on_state=lambda s, t: states.append(s))
    assert heard.text == "" and states[-1] == "silence" and rec.heard == []


def test_a_monologue_is_cut_at_max_seconds() -> None:
    rec = FakeRecognizer("a long story")
    settings = EndpointSettings(max_seconds=5.0)
    heard = listen_turn(rec, wav_chunks(speech_like(12.0)), settings)
    assert heard.text == "a long story"
    assert 4.5 <= rec.heard[0].duration <= 6.0


def test_recognisers_without_stream_get_the_whole_turn() -> None:
    rec = FakeRecognizer("hallo")
    heard = listen_turn(rec, wav_chunks(turn(silence(0.2), speech_like(1.5)), chunk_ms=30))
    assert heard.text == "hallo" and rec.heard[0].duration >= 1.5


def test_a_failing_recogniser_keeps_the_recording(tmp_path) -> None:
    from simulator.errors import BackendError

    class Broken:
        name = "broken"

        def transcribe(self, audio):
            raise BackendError("the recogniser crashed")

    recorder = Recorder(tmp_path)
    with pytest.raises(BackendError):
        listen_turn(Broken(), wav_chunks(speech_like(1.0)), recorder=recorder)
    assert len(recorder.paths) == 1


def test_realtime_chunks_keep_pace() -> None:
    now = [0.0]
    slept: list[float] = []

    def sleep(d: float) -> None:
        slept.append(d)
        now[0] += d

    chunks = list(wav_chunks(silence(1.0), realtime=True, tail_seconds=0, clock=lambda: now[0], sleep=sleep))
    assert len(chunks) == 50 and abs(now[0] - 1.0) < 1e-6


def test_whisper_stream_commits_what_two_decodes_agree_on() -> None:
    from simulator.voice.whisper import WhisperStream

    class Growing:
        rate = 16000
        answers = iter(["ist der", "ist die stecker", "ist der stecker drin", "ist der stecker drin"])

        def transcribe(self, audio):
            return Transcript(next(self.answers), 0.9)

    stream = WhisperStream(Growing(), step=1.0)
    for _ in range(3):
        stream.feed(silence(1.0))
    assert stream.committed == ["ist"] and stream.partial == "ist der stecker drin"
    assert stream.finish().text == "ist der stecker drin"


def test_whisper_stream_stops_partials_on_a_slow_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    from simulator.voice import whisper

    calls = []

    class Slow:
        rate = 16000

        def transcribe(self, audio):
            calls.append(audio.duration)
            return Transcript("hallo", 0.9)

    clock = iter([0.0, 2.0] + [5.0] * 10)
    monkeypatch.setattr(whisper.time, "perf_counter", lambda: next(clock))
    stream = whisper.WhisperStream(Slow())
    for _ in range(5):
        stream.feed(silence(1.0))
    assert len(calls) == 1 and stream.step == float("inf")
