"""espeak-ng gets the text on stdin: a 240 KB line must not hit the OS argument limit (E2BIG)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from simulator.scenario.model import VoiceSettings
from simulator.voice.tts import EspeakCommandSynthesizer

FAKE = """#!{python}
import io, struct, sys, wave
text = sys.stdin.buffer.read()
open({record!r}, "wb").write(repr(sys.argv[1:]).encode() + b"\\n" + text)
buf = io.BytesIO()
with wave.open(buf, "wb") as w:
    w.setnchannels(1); w.setsampwidth(2); w.setframerate(22050)
    w.writeframes(b"\\0\\0" * 100)
sys.stdout.buffer.write(buf.getvalue())
"""


@pytest.mark.skipif(os.name != "posix", reason="uses an executable script as a stand-in for espeak-ng")
def test_long_text_goes_through_stdin_not_argv(tmp_path: Path) -> None:
    record = tmp_path / "record"
    fake = tmp_path / "espeak-ng"
    fake.write_text(FAKE.format(python=sys.executable, record=str(record)))
    fake.chmod(0o755)
    synth = EspeakCommandSynthesizer(clear_voices=False)  # espeak-ng's own voice: the fake stands in for it
    synth.binary = str(fake)
    text = "Guten Tag, mein Drucker druckt nicht. " * 6400  # ~240 KB, more than one argument may hold
    audio = synth.synthesize(text, "de", VoiceSettings(variant="f3", rate=160, pitch=50))
    assert audio.rate == 22050
    argv, _, received = record.read_bytes().partition(b"\n")
    synth.close()  # the process started for the next line (it records an empty line when closed)
    assert b"--stdin" in argv and b"Drucker" not in argv
    assert received.decode("utf-8") == text.strip()


def test_the_next_line_goes_to_a_process_started_before_it_was_needed() -> None:
    import time

    from simulator.scenario.model import VoiceSettings
    from simulator.voice.tts import EspeakCommandSynthesizer

    synth = EspeakCommandSynthesizer(clear_voices=False)
    voice = VoiceSettings(variant="f2", rate=170, pitch=55)
    try:
        first = synth.synthesize("Hello there.", "en", voice)
        deadline = time.monotonic() + 5
        while not synth._ready and time.monotonic() < deadline:
            time.sleep(0.01)
        (waiting,) = synth._ready.values()
        assert waiting.poll() is None  # started, waiting for its line on stdin
        again = synth.synthesize("Hello there.", "en", voice)
        assert waiting.returncode == 0  # that process spoke the second line
        assert again.array().tolist() == first.array().tolist()
        other = synth.synthesize("Hello there.", "en", VoiceSettings(variant="m3"))
        assert other.frames > 0 and other.array().tolist() != first.array().tolist()
    finally:
        synth.close()
    assert not synth._ready
