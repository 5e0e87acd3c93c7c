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
    synth = EspeakCommandSynthesizer.__new__(EspeakCommandSynthesizer)
    synth.binary = str(fake)
    synth.clear_voices = False  # espeak-ng's own voice: the fake stands in for it
    synth._others = {}
    text = "Guten Tag, mein Drucker druckt nicht. " * 6400  # ~240 KB, more than one argument may hold
    audio = synth.synthesize(text, "de", VoiceSettings(variant="f3", rate=160, pitch=50))
    assert audio.rate == 22050
    argv, _, received = record.read_bytes().partition(b"\n")
    assert b"--stdin" in argv and b"Drucker" not in argv
    assert received.decode("utf-8") == text.strip()
