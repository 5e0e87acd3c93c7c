"""The window's speech input through the streaming listen(): push-to-talk and hands-free, headless with fakes."""

from __future__ import annotations

import threading
import time

import window_fakes as wf  # sets SDL_VIDEODRIVER/SDL_AUDIODRIVER=dummy before pygame is imported
import pygame  # noqa: E402
import pytest  # noqa: E402

from simulator.scenario.model import LineSettings  # noqa: E402
from simulator.voice.audio import Audio, silence  # noqa: E402
from simulator.voice.registry import VoicePipeline  # noqa: E402
from simulator.voice.streaming import EndpointSettings, wav_chunks  # noqa: E402
from simulator.voice.stt import Transcript  # noqa: E402
from test_window import make, pump, say  # noqa: E402
from tests.test_voice_streaming import speech_like, turn  # noqa: E402
from tests.voice_fakes import FakeSynthesizer  # noqa: E402

LINE = "What exactly happens when you try to print?"


from window_fakes import display  # noqa: E402,F401  (the module's dummy window)


@pytest.fixture(scope="module")
def scenario():
    from simulator.scenario import load

    return load("checked-plug")


class LiveMicrophone:
    """Hands out each prepared clip as 20 ms chunks; then silence until ``until`` is set (key up / cancel).

    ``start``/``stop`` (recording without streaming) must not be used: they raise.
    """

    def __init__(self, *clips: Audio) -> None:
        self.clips = list(clips)
        self.opened = 0

    def open(self):
        return self

    def chunks(self, until: threading.Event | None = None):
        self.opened += 1
        clip = self.clips.pop(0) if self.clips else silence(0.02)
        yield from wav_chunks(clip, tail_seconds=0)
        while until is None or not until.is_set():
            time.sleep(0.005)
            yield silence(0.02)

    def start(self):
        raise AssertionError("push-to-talk must stream through chunks()")

    def stop(self):
        raise AssertionError("push-to-talk must stream through chunks()")


class Streaming:
    """A recogniser with ``stream()``: after a second of audio its partial is the first word; the end says ``text``."""

    name = "streaming-fake"

    def __init__(self, *texts: str) -> None:
        self.texts = list(texts)
        self.fed_at_finish: list[float] = []

    def transcribe(self, audio):
        return Transcript(self.texts.pop(0) if self.texts else "", 0.9)

    def stream(self):
        rec = self

        class S:
            fed = 0.0

            def feed(self, audio, whole=False):
                self.fed += audio.duration

            @property
            def partial(self):
                return rec.texts[0].split()[0] if rec.texts and self.fed >= 1.0 else ""

            def finish(self):
                rec.fed_at_finish.append(self.fed)
                return Transcript(rec.texts.pop(0) if rec.texts else "", 0.9)

        return S()


def pipeline(recognizer, hands_free: bool = False) -> VoicePipeline:
    voice = VoicePipeline(FakeSynthesizer(), LineSettings(), {}, "en", recognizer=recognizer)
    voice.hands_free = hands_free
    voice.endpoint = EndpointSettings(no_speech_seconds=1.0)
    return voice


def until(app, condition, seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.update()
        if condition():
            return True
        time.sleep(0.01)
    return False


def states_of(app) -> list[str]:
    """Every voice_state the app passes through, one per voice result (recorded as results arrive)."""
    seen: list[str] = []
    handle = app._voice_result

    def noting(item):
        handle(item)
        seen.append(app.voice_state)

    app._voice_result = noting
    return seen


def test_push_to_talk_is_recognised_while_the_key_is_held(scenario):
    rec = Streaming(LINE.lower())
    app = make(scenario, voice=pipeline(rec), microphone=LiveMicrophone(turn(silence(0.2), speech_like(1.5))))
    try:
        pump(app, [wf.key(pygame.K_RETURN)])  # take the call
        pump(app, [wf.key(pygame.K_F2)])
        assert app.voice_state == "listening"
        assert until(app, lambda: app.partial == "what")  # understood while the key is still down
        assert app.voice_state == "listening" and app.voice_label().endswith("what")
        pump(app, [wf.key_up(pygame.K_F2)])
        assert until(app, lambda: app.call.state.turn == 1)
        assert app.call.state.transcript[0].text == LINE.lower()
        assert rec.fed_at_finish and rec.fed_at_finish[0] >= 1.5  # everything said reached the stream
        assert app.voice_state == "idle" and app.partial == ""
    finally:
        app.close()


def test_hands_free_listens_after_the_customer_and_shows_listening_then_thinking(scenario):
    rec = Streaming(LINE.lower())
    mic = LiveMicrophone(turn(silence(0.2), speech_like(1.5), silence(0.8)))
    app = make(scenario, voice=pipeline(rec, hands_free=True), microphone=mic)
    seen = states_of(app)
    try:
        pump(app, [wf.key(pygame.K_RETURN)])  # take the call: hands-free starts listening by itself
        assert app.voice_state == "waiting"
        assert until(app, lambda: app.call.state.turn == 1)
        assert app.call.state.transcript[0].text == LINE.lower()
        assert "listening" in seen and "recognising" in seen
        assert seen.index("listening") < seen.index("recognising")
        # her answer is queued to be spoken; then the microphone opens again for the next turn
        assert until(app, lambda: mic.opened == 2)
        assert until(app, lambda: app.hands_free_paused)  # that turn heard nothing (1 s of silence)
        assert app.status.text == app.t("hands_free_paused")
        pump(app, [wf.key(pygame.K_F2)])  # F2 resumes
        assert not app.hands_free_paused
        assert until(app, lambda: mic.opened == 3)
    finally:
        app.close()


def test_typing_during_hands_free_listening_cancels_the_turn(scenario):
    rec = Streaming("never used")
    mic = LiveMicrophone(silence(0.2))
    voice = pipeline(rec, hands_free=True)
    voice.endpoint = EndpointSettings()  # 30 s before silence gives up: the typed line comes first
    app = make(scenario, voice=voice, microphone=mic)
    try:
        pump(app, [wf.key(pygame.K_RETURN)])
        assert until(app, lambda: app.voice_state == "listening")
        say(app, LINE)
        assert app.call.state.turn == 1 and app.call.state.transcript[0].text == LINE
        assert until(app, lambda: mic.opened == 2)  # the abandoned turn ended; listening for the next one
        assert app.call.state.turn == 1 and rec.texts == ["never used"]  # nothing heard was sent
    finally:
        app.close()


def test_typing_while_hands_free_is_thinking_sends_only_the_typed_line(scenario):
    """The turn ended and is being decoded when she types: what the recogniser then heard is not sent too."""
    gate = threading.Event()

    class Slow(Streaming):
        def stream(self):
            s = super().stream()
            finish = s.finish

            def slow_finish():
                gate.wait(5.0)
                return finish()

            s.finish = slow_finish
            return s

    rec = Slow("heard words", "")
    mic = LiveMicrophone(turn(silence(0.2), speech_like(1.5), silence(0.8)))
    app = make(scenario, voice=pipeline(rec, hands_free=True), microphone=mic)
    try:
        pump(app, [wf.key(pygame.K_RETURN)])
        assert until(app, lambda: app.voice_state == "recognising")
        say(app, LINE)
        gate.set()
        assert until(app, lambda: mic.opened == 2)  # the abandoned turn ended; listening for the next one
        for _ in range(20):
            app.update()
            time.sleep(0.01)
        assert [t.text for t in app.call.state.transcript if t.speaker == "trainee"] == [LINE]
    finally:
        gate.set()
        app.close()
