"""No crash and nothing left running when a call or the program ends with voice work in flight.

CTranslate2 aborts the process ("terminate called without an active exception",
exit code 134) when Python exits while a Whisper decode runs in a background
thread; espeak-ng processes started for the next line must not outlive the
synthesiser. The subprocess tests run the real scenarios; the rest use fakes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from simulator.errors import BackendError
from simulator.voice.audio import Audio
from simulator.voice.stt import Transcript
from tests.voice_fakes import tone

ROOT = Path(__file__).resolve().parent.parent


def _children(name: str) -> list[int]:
    """Pids of this process's live (not zombie) children called ``name``."""
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        comm = stat[stat.index("(") + 1: stat.rindex(")")]
        state, ppid = stat[stat.rindex(")") + 2:].split()[:2]
        if int(ppid) == os.getpid() and comm == name and state != "Z":
            out.append(int(entry.name))
    return out


class SlowRecognizer:
    """Takes ``seconds`` per transcription (a segment decode)."""

    rate = 16000

    def __init__(self, seconds: float = 0.3) -> None:
        self.seconds = seconds
        self.calls = 0

    def transcribe(self, audio: Audio) -> Transcript:
        self.calls += 1
        time.sleep(self.seconds)
        return Transcript("wort", 0.9)


def _segment_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("whisper-segment") and t.is_alive()]


def _stream_with_segments(rec, n: int):
    from simulator.voice.whisper import WhisperStream

    stream = WhisperStream(rec, min_segment=0.5)
    for _ in range(n):
        stream.feed(tone(seconds=0.6))
        stream.pause_heard(200)
    return stream


def test_close_drops_queued_segments_and_joins_the_thread() -> None:
    rec = SlowRecognizer(0.3)
    stream = _stream_with_segments(rec, 4)
    start = time.perf_counter()
    stream.close(wait=5.0)
    assert time.perf_counter() - start < 0.6  # only the running segment, not all four (1.2 s)
    assert rec.calls <= 2
    assert not any(t.is_alive() for t in getattr(stream._pool, "_threads", ()))
    assert stream.partial in ("", "wort")  # cancelled segments are not committed, and do not raise
    with pytest.raises(BackendError):  # not a CancelledError reaching the trainee
        stream.snapshot()
    stream.pause_heard(200)  # after close: ignored, not "cannot schedule new futures"


def test_snapshot_sees_every_segment_cut_before_it() -> None:
    """pause_heard moves the cut and queues the segment atomically: a concurrent snapshot loses no audio."""
    from simulator.voice.whisper import WhisperStream

    class Lengths:
        rate = 16000

        def transcribe(self, audio: Audio) -> Transcript:
            return Transcript(str(audio.frames), 0.9) if audio.frames else Transcript("", None)

    for _ in range(30):
        stream = WhisperStream(Lengths(), min_segment=0.0)
        total = 0
        stop = threading.Event()

        def cut() -> None:
            while not stop.is_set():
                stream.pause_heard(200)

        stream.feed(Audio(16000, bytes(3200)))
        total += 1600
        t = threading.Thread(target=cut)
        t.start()
        try:
            for _ in range(20):
                stream.feed(Audio(16000, bytes(320)))
                total_now = total = total + 160
                heard = sum(int(w) for w in stream.snapshot().text.split())
                assert heard >= total_now - 160 * 2  # at most the chunk fed meanwhile is missing
        finally:
            stop.set()
            t.join()
            stream.close(wait=5.0)


def test_the_pipeline_closes_its_recogniser_and_synthesiser() -> None:
    from simulator.scenario.model import LineSettings, VoiceSettings
    from simulator.voice.registry import VoicePipeline

    closed = []

    class Part:
        name = "fake"

        def __init__(self, label: str, fail: bool = False) -> None:
            self.label, self.fail = label, fail

        def close(self) -> None:
            closed.append(self.label)
            if self.fail:
                raise RuntimeError("device gone")

    pipe = VoicePipeline(Part("synth"), LineSettings(), {"de": VoiceSettings()}, "de", recognizer=Part("rec", fail=True))
    pipe.close()  # never raises
    assert sorted(closed) == ["rec", "synth"]


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng not installed")
def test_no_espeak_process_is_left_after_close() -> None:
    from simulator.scenario.model import VoiceSettings
    from simulator.voice.tts import CachedSynthesizer, EspeakCommandSynthesizer

    time.sleep(0.2)
    before = set(_children("espeak-ng"))  # other tests' synthesisers may keep theirs
    synth = CachedSynthesizer(EspeakCommandSynthesizer(clear_voices=False), 8)
    for text in ("Hallo.", "Mein Drucker druckt nicht."):
        synth.synthesize(text, "de", VoiceSettings())
    synth.close()  # right after the line: the process for the next one may be starting just now
    assert set(_children("espeak-ng")) - before == set()
    time.sleep(0.3)
    assert set(_children("espeak-ng")) - before == set()


def _run(script: str, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(script)], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout)


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng not installed")
def test_a_program_ending_after_a_line_leaves_no_espeak_process() -> None:
    done = _run("""
        import atexit, sys
        procs = []
        def check():  # registered first, so it runs after the simulator's exit handler
            left = [p.pid for p in procs if p.poll() is None]
            print("left", left, file=sys.stderr)
        atexit.register(check)
        from simulator.scenario.model import VoiceSettings
        from simulator.voice.tts import EspeakCommandSynthesizer
        synth = EspeakCommandSynthesizer(clear_voices=False)
        synth.synthesize("Hallo.", "de", VoiceSettings())
        import time
        for _ in range(200):  # the process for the next line is started in the background
            if synth._ready:
                break
            time.sleep(0.01)
        procs.extend(synth._ready.values())
        assert procs, "a process is waiting for the next line"
    """)
    assert done.returncode == 0, done.stderr
    assert "left []" in done.stderr, done.stderr


# -- the real Whisper model -----------------------------------------------------------------------

def _whisper_or_skip() -> None:
    pytest.importorskip("faster_whisper", reason="faster-whisper not installed (pip install 'simulator[whisper]')")
    from simulator.voice import whisper

    try:
        whisper.install_model()
    except BackendError as exc:
        pytest.skip(f"no Whisper model: {exc.message}")


EXIT_SCENARIO = """
    import atexit, sys, threading, time
    finished = []
    def check():  # registered first: runs last, after the simulator's exit handler
        print("decodes finished before exit:", len(finished), "of", started[0], file=sys.stderr)
    atexit.register(check)
    import numpy as np
    from simulator.voice.audio import Audio
    from simulator.voice.registry import get_recognizer
    from simulator.voice.streaming import listen_turn
    rec = get_recognizer("whisper", "de")
    real = rec.transcribe
    started = [0]
    def transcribe(audio):
        started[0] += 1
        out = real(audio)
        finished.append(out)
        return out
    rec.transcribe = transcribe
    rng = np.random.default_rng(1)
    speech = Audio(16000, (np.sin(np.arange(16000 * {seconds}) / 9.0) * 6000 + rng.normal(0, 800, 16000 * {seconds})).astype(np.int16))
    MODE = "{mode}"
    if MODE == "daemon":  # a speculative guess / push-to-talk decode in a daemon thread
        for i in range(2):
            threading.Thread(target=rec.transcribe, args=(speech,), daemon=True).start()
        time.sleep(0.3)
    elif MODE == "segment":  # the turn's segment decoded in the background; the call ends mid-turn
        s = rec.stream()
        s.feed(speech)
        s.pause_heard(200)
        time.sleep(0.1)
        raise KeyboardInterrupt
"""


@pytest.mark.parametrize("mode,seconds", [("daemon", 25), ("segment", 6)])
def test_exit_while_whisper_decodes_is_clean(mode: str, seconds: int) -> None:
    _whisper_or_skip()
    done = _run(EXIT_SCENARIO.replace("{mode}", mode).replace("{seconds}", str(seconds)))
    assert "terminate called" not in done.stderr
    # an uncaught KeyboardInterrupt ends Python by SIGINT (-2); the crash was SIGABRT (-6)
    assert done.returncode in ((0,) if mode == "daemon" else (0, -2)), done.stderr
    line = [ln for ln in done.stderr.splitlines() if ln.startswith("decodes finished")]
    assert line, done.stderr
    words = line[0].split()
    assert words[-3] == words[-1], line[0]  # every decode started had finished before the interpreter went


def test_recogniser_close_leaves_no_segment_thread() -> None:
    _whisper_or_skip()
    import numpy as np

    from simulator.voice.registry import get_recognizer

    rec = get_recognizer("whisper", "de")
    stream = rec.stream()
    speech = Audio(16000, (np.sin(np.arange(16000 * 4) / 9.0) * 6000).astype(np.int16))
    for _ in range(3):
        stream.feed(speech)
        stream.pause_heard(200)
    rec.close()
    assert not any(t.is_alive() for t in getattr(stream._pool, "_threads", ()))
    assert rec.transcribe(speech) is not None  # still usable for the next call


def test_listen_turn_closes_the_stream_when_the_microphone_fails() -> None:
    from simulator.voice.streaming import listen_turn, wav_chunks

    closed = []

    class Stream:
        def feed(self, audio, whole=False):
            pass

        def close(self):
            closed.append(True)

    class Rec:
        def stream(self):
            return Stream()

    def chunks():
        yield from wav_chunks(tone(seconds=0.5), tail_seconds=0.0)
        raise BackendError("the microphone stopped delivering audio; type instead")

    with pytest.raises(BackendError):
        listen_turn(Rec(), chunks())
    assert closed == [True]


def test_push_to_talk_close_ends_the_listening_thread() -> None:
    """Ctrl-C while the key is held (terminal): the chunks end and the thread is gone, the microphone closed."""
    from simulator.voice.streaming import PushToTalk

    class Mic:
        def chunks(self, until):
            while not until.is_set():
                time.sleep(0.01)
                yield tone(seconds=0.02)

    class Voice:
        def listen(self, chunks, on_state=None, push_to_talk=False):
            for _ in chunks:
                pass
            return Transcript("", None)

    talk = PushToTalk(Voice(), Mic())
    talk.close()
    assert not talk._thread.is_alive()


def test_a_cancelled_hands_free_turn_is_not_revived_by_the_next_listen() -> None:
    """Typed while the customer still spoke: cancel(), then listen() again; one turn is listened to, not two."""
    from simulator.voice.worker import Heard, VoiceWorker

    class Player:
        def __init__(self) -> None:
            self.until = time.monotonic() + 0.3

        @property
        def busy(self) -> bool:
            return time.monotonic() < self.until

        def stop(self) -> None:
            pass

    class Pipe:
        def __init__(self) -> None:
            self.player = Player()
            self.listens = 0

        def listen(self, chunks, on_state=None, push_to_talk=False):
            self.listens += 1
            return Transcript("heard", 0.9)

    class Mic:
        def open(self) -> None:
            pass

        def chunks(self, until=None):
            return iter(())

    pipe = Pipe()
    worker = VoiceWorker(pipe, Mic())
    try:
        worker.listen()
        worker.cancel()
        worker.listen()
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline and pipe.listens < 1:
            time.sleep(0.02)
        time.sleep(0.3)
        assert pipe.listens == 1
        assert [r for r in worker.drain() if isinstance(r, Heard)] == [Heard("heard")]
    finally:
        worker.close()
