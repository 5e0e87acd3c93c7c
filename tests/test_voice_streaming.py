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


class Segments:
    """A Whisper stand-in: each decode answers the next text and notes the seconds it was given."""

    rate = 16000

    def __init__(self, *answers: str) -> None:
        self.answers = iter(answers)
        self.given: list[float] = []

    def transcribe(self, audio):
        self.given.append(round(audio.duration, 2))
        return Transcript(next(self.answers), 0.8)


def test_whisper_stream_decodes_each_closed_segment_and_only_the_tail_at_the_end() -> None:
    from simulator.voice.whisper import WhisperStream

    rec = Segments("ist der stecker", "drin", "unused")
    stream = WhisperStream(rec)
    stream.feed(silence(3.0))
    stream.pause_heard()  # 3 s: closed, decoded in the background
    stream.feed(silence(0.5))
    stream.pause_heard()  # only 0.5 s open: too short to close
    stream.feed(silence(1.0))
    stream.segments[0].result()
    assert stream.committed == ["ist", "der", "stecker"] and stream.partial == "ist der stecker"
    heard = stream.finish()
    assert heard.text == "ist der stecker drin" and heard.confidence == pytest.approx(0.8)
    assert rec.given == [3.0, 1.5]  # the tail (0.5 + 1.0 s) decoded once, the first segment never again


def test_a_failing_segment_decode_fails_the_turn() -> None:
    from simulator.errors import BackendError
    from simulator.voice.whisper import WhisperStream

    class Broken(Segments):
        def transcribe(self, audio):
            if audio.duration > 1.0:  # the closed segment fails, the (empty) tail would not
                raise BackendError("Whisper failed on this turn")
            return super().transcribe(audio)

    stream = WhisperStream(Broken("tail"), min_segment=1.0)
    stream.feed(silence(1.2))
    stream.pause_heard()
    with pytest.raises(BackendError):
        stream.finish()


class Pausing(StreamingFake):
    """A streaming fake that counts the pauses it was told about and the audio it was fed."""

    def stream(self):
        inner, rec = super().stream(), self
        rec.pauses, rec.fed = 0, 0.0

        class S:
            def feed(self, audio: Audio, whole: bool = False) -> None:
                rec.fed += audio.duration
                inner.feed(audio, whole)

            def pause_heard(self, silent_ms: int) -> None:
                rec.pauses += silent_ms >= 200  # told at 120 ms and at 200 ms of each pause

            partial = property(lambda self: inner.partial)
            snapshot = property(lambda self: inner.snapshot)
            finish = property(lambda self: inner.finish)

        return S()


def test_push_to_talk_listens_through_long_pauses_until_the_release() -> None:
    clip = turn(speech_like(1.0), silence(0.8), speech_like(1.0))  # the pause is longer than end_ms
    rec = Pausing("ja genau")
    assert listen_turn(rec, wav_chunks(clip, tail_seconds=0), push_to_talk=True).text == "ja genau"
    assert rec.pauses == 1 and rec.fed >= 2.6  # both phrases decoded; the pause closed one segment
    hands_free = Pausing("ja")
    listen_turn(hands_free, wav_chunks(clip, tail_seconds=0))
    assert hands_free.fed < 1.8  # hands-free the turn ended in the pause


def test_push_to_talk_released_before_speaking_is_silence() -> None:
    rec = Pausing("nie")
    states: list[str] = []
    heard = listen_turn(rec, wav_chunks(silence(1.0), tail_seconds=0), on_state=lambda s, t: states.append(s),
                        push_to_talk=True)
    assert heard.text == "" and states[-1] == "silence" and rec.snapshots == rec.finishes == 0
