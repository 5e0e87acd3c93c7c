"""Whole calls by voice with Whisper: German answers spoken by the clearest German voice installed here,
English answers by espeak-ng, each recognised by Whisper and played through ``simulator play --audio-script``.

The recognised text must be close to what was said and the final score within
15 points of the same call typed. Whisper is loaded once per process.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

pytest.importorskip("faster_whisper", reason="faster-whisper not installed (pip install 'simulator[whisper]')")
if shutil.which("espeak-ng") is None:
    pytest.skip("espeak-ng not installed", allow_module_level=True)

from simulator.cli import main  # noqa: E402
from simulator.voice.audio import write_wav  # noqa: E402
from simulator.voice.stt import word_error_rate  # noqa: E402
from simulator.voice.whisper import normalise  # noqa: E402
from tests.voice_speech import TRAINEE_EN, clear_german_installed, german_voice  # noqa: E402,F401

SCRIPTS = Path(__file__).parent / "scripts" / "checked-plug"


def lines(name: str) -> list[str]:
    return [s for s in (SCRIPTS / name).read_text(encoding="utf-8").splitlines() if s.strip()]


def play_json(capsys: pytest.CaptureFixture[str], lang: str, *args: str) -> dict:
    assert main(["play", "checked-plug", "--lang", lang, "--seed", "2", "--json", "--no-store", *args]) == 0
    return json.loads(capsys.readouterr().out)


def check_call(capsys, lang: str, said: list[str], folder: Path, tmp_path: Path, max_wer: float, *extra: str) -> None:
    script = tmp_path / "typed.txt"
    script.write_text("\n".join(said) + "\n", encoding="utf-8")
    typed = play_json(capsys, lang, "--script", str(script))
    voiced = play_json(capsys, lang, "--audio-script", str(folder), *extra)
    heard = [t["text"] for t in voiced["turns"] if t["speaker"] == "trainee"]
    assert len(heard) == len(said), heard
    wer = sum(word_error_rate(normalise(ref), hyp) for ref, hyp in zip(said, heard)) / len(heard)
    print(f"{lang}: WER {wer:.3f}, score voiced {voiced['score']['total']} typed {typed['score']['total']}")
    assert wer <= max_wer, (wer, heard)
    assert voiced["outcome"]["resolved"] == typed["outcome"]["resolved"]
    assert abs(voiced["score"]["total"] - typed["score"]["total"]) <= 15, (voiced["score"], typed["score"])


def test_german_call_by_voice_scores_like_the_typed_call(german_voice, tmp_path: Path, capsys) -> None:  # noqa: F811
    if not clear_german_installed():
        pytest.skip("no MBROLA/Pico German voice here (make voices): espeak-ng's German is not intelligible enough")
    said = lines("de-good.txt")
    folder = tmp_path / "answers"
    folder.mkdir()
    for i, line in enumerate(said, 1):
        write_wav(folder / f"{i:02d}.wav", german_voice(line))
    check_call(capsys, "de", said, folder, tmp_path, 0.25)  # the default German recogniser is whisper


def test_english_call_by_voice_with_whisper(tmp_path: Path, capsys) -> None:
    from simulator.voice.tts import EspeakCommandSynthesizer

    said = lines("en-good.txt")
    synth = EspeakCommandSynthesizer()
    folder = tmp_path / "answers"
    folder.mkdir()
    for i, line in enumerate(said, 1):
        write_wav(folder / f"{i:02d}.wav", synth.synthesize(line, "en", TRAINEE_EN))
    check_call(capsys, "en", said, folder, tmp_path, 0.25, "--recognizer", "whisper")


def test_unreadable_wav_is_one_line(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "01.wav"
    bad.write_bytes(b"this is not a wav file at all")
    assert main(["play", "checked-plug", "--lang", "de", "--audio-script", str(bad), "--json", "--no-store"]) == 2
    err = capsys.readouterr().err
    assert "not a PCM WAV" in err and err.count("\n") == 1
