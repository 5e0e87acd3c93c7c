"""Hands-free and push-to-talk turns in the terminal: states shown, faults fall back to typing."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from simulator.errors import BackendError
from simulator.scenario.model import LineSettings
from simulator.ui.terminal import TerminalUI
from simulator.voice.audio import Audio, silence
from simulator.voice.registry import VoicePipeline
from simulator.voice.streaming import wav_chunks
from tests.test_voice_streaming import speech_like, turn
from tests.voice_fakes import FakeRecognizer, FakeSynthesizer


class FakeMicrophone:
    """Yields a prepared clip as 20 ms chunks (hands-free) or returns it at stop (push-to-talk)."""

    def __init__(self, clip: Audio) -> None:
        self.clip = clip

    def open(self) -> FakeMicrophone:
        return self

    def chunks(self, until=None):
        return wav_chunks(self.clip)

    def start(self) -> None:
        pass

    def stop(self) -> Audio:
        return self.clip


def terminal() -> tuple[TerminalUI, io.StringIO]:
    out = io.StringIO()
    return TerminalUI(Console(file=out, width=100, force_terminal=False), live=True), out


def pipeline(recognizer, tmp_path=None, hands_free: bool = True) -> VoicePipeline:
    from simulator.voice.audio import Recorder

    voice = VoicePipeline(FakeSynthesizer(), LineSettings(), {}, "en", recognizer=recognizer,
                          recorder=Recorder(tmp_path) if tmp_path else None)
    voice.hands_free = hands_free
    return voice


def test_hands_free_turn_is_recognised_and_recorded(tmp_path) -> None:
    ui, out = terminal()
    voice = pipeline(FakeRecognizer("is the plug in"), tmp_path)
    text = ui._listen(FakeMicrophone(turn(silence(0.3), speech_like(1.5))), voice, "en")
    assert text == "is the plug in"
    assert "» is the plug in" in out.getvalue()
    assert [p.name for p in voice.recorder.paths] == ["001-trainee.wav"]


def test_hands_free_silence_falls_back_to_typing(monkeypatch: pytest.MonkeyPatch) -> None:
    ui, out = terminal()
    monkeypatch.setattr(ui.console, "input", lambda prompt="": "typed instead")
    voice = pipeline(FakeRecognizer("never"))
    voice.endpoint = type(voice.endpoint)(no_speech_seconds=2.0)
    assert ui._listen(FakeMicrophone(silence(3.0)), voice, "de") == "typed instead"
    assert "nichts gehört" in out.getvalue()


class BrokenRecognizer:
    name = "broken"

    def transcribe(self, audio):
        raise BackendError("Whisper failed on this turn: out of memory; type instead")


@pytest.mark.parametrize("hands_free", [True, False])
def test_failing_recogniser_mid_call_is_one_line_then_typing(tmp_path, monkeypatch, hands_free: bool) -> None:
    ui, out = terminal()
    monkeypatch.setattr(ui.console, "input", lambda prompt="": "typed instead")
    voice = pipeline(BrokenRecognizer(), tmp_path, hands_free)
    assert ui._listen(FakeMicrophone(speech_like(1.0)), voice, "en") == "typed instead"
    assert out.getvalue().count("out of memory") == 1
    assert len(voice.recorder.paths) == 1  # the recording is kept


def test_window_worker_hands_free_reports_typed_states() -> None:
    import time

    from simulator.voice.worker import Heard, Listening, Recognising, VoiceWorker

    voice = pipeline(FakeRecognizer("hello there"))
    worker = VoiceWorker(voice, microphone=FakeMicrophone(turn(silence(0.2), speech_like(1.2))))
    try:
        worker.listen()
        got: list = []
        deadline = time.monotonic() + 10
        while not any(isinstance(r, Heard) for r in got) and time.monotonic() < deadline:
            got += worker.drain()
            time.sleep(0.01)
    finally:
        worker.close()
    kinds = [type(r) for r in got]
    assert kinds[0] is Listening and Recognising in kinds and got[-1] == Heard("hello there")


def test_microphone_chunks_end_at_the_release_with_what_had_arrived() -> None:
    import queue
    import threading

    from simulator.voice.microphone import _until

    arrived: queue.Queue = queue.Queue()
    for _ in range(3):
        arrived.put(b"\x00\x01" * 320)
    released = threading.Event()
    released.set()
    got = list(_until(arrived, 16000, 2.0, released))
    assert [c.frames for c in got] == [320, 320, 320]
    with pytest.raises(BackendError, match="stopped delivering"):
        list(_until(queue.Queue(), 16000, 0.1, None))


def test_terminal_push_to_talk_is_recognised_while_enter_is_not_yet_pressed(monkeypatch) -> None:
    import time

    from simulator.voice.stt import Transcript

    fed: list[float] = []

    class Streaming:
        name = "streaming-fake"

        def transcribe(self, audio):
            raise AssertionError("push-to-talk must stream")

        def stream(self):
            class S:
                def feed(self, audio, whole=False):
                    fed.append(audio.duration)

                def finish(self):
                    return Transcript("is the plug in", 0.9)

            return S()

    class HeldMicrophone(FakeMicrophone):
        def chunks(self, until=None):
            yield from wav_chunks(self.clip, tail_seconds=0)
            while not until.is_set():
                time.sleep(0.005)

    def enter_after_speech(prompt=""):
        deadline = time.monotonic() + 5
        while sum(fed) < 1.4 and time.monotonic() < deadline:  # the turn is decoded before Enter
            time.sleep(0.01)
        assert sum(fed) >= 1.4
        return ""

    ui, out = terminal()
    monkeypatch.setattr(ui.console, "input", enter_after_speech)
    voice = pipeline(Streaming(), hands_free=False)
    assert ui._listen(HeldMicrophone(turn(silence(0.2), speech_like(1.5))), voice, "en") == "is the plug in"
    assert "» is the plug in" in out.getvalue()
