"""The whole voice loop: trainee answers spoken by espeak-ng -> PocketSphinx -> analyser -> engine -> TTS.

Runs only where espeak-ng and pocketsphinx are installed (make test installs them).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

pytest.importorskip("pocketsphinx", reason="pocketsphinx not installed")
if shutil.which("espeak-ng") is None:
    pytest.skip("espeak-ng not installed", allow_module_level=True)

from simulator.cli import main  # noqa: E402
from simulator.scenario.model import VoiceSettings  # noqa: E402
from simulator.voice.audio import write_wav  # noqa: E402
from simulator.voice.registry import get_synthesizer  # noqa: E402
from simulator.voice.stt import word_error_rate  # noqa: E402

LINES = [
    "good morning this is the it service desk my name is alex what exactly happens when you try to print",
    "i am sorry that is really annoying by when do you need the printouts",
    "could you please check the plug at the power strip under the desk",
    "i understand you already checked it i am asking anyway because the power strip is often switched off and i want to rule that out",
    "then please switch the power strip on",
    "so to recap the power strip was switched off and now the printer works again",
    "thank you for calling goodbye",
]


@pytest.fixture(scope="module")
def spoken(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("answers")
    synth = get_synthesizer("espeak-ng")
    for i, line in enumerate(LINES, 1):
        write_wav(folder / f"{i:02d}.wav", synth.synthesize(line, "en", VoiceSettings(variant="f2", rate=150)))
    return folder


def play_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert main(["play", "checked-plug", "--lang", "en", "--seed", "2", "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_spoken_call_matches_typed_call(spoken: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    script = tmp_path / "typed.txt"
    script.write_text("\n".join(LINES) + "\n")
    typed = play_json(capsys, "--script", str(script))
    out = tmp_path / "wav"
    voiced = play_json(capsys, "--audio-script", str(spoken), "--audio-out", str(out))
    heard = [t["text"] for t in voiced["turns"] if t["speaker"] == "trainee"]
    assert len(heard) >= 5
    wer = sum(word_error_rate(ref, hyp) for ref, hyp in zip(LINES, heard)) / len(heard)
    assert wer <= 0.35, (wer, heard)
    assert voiced["outcome"]["resolved"] == typed["outcome"]["resolved"] is True
    if "score" in typed:
        assert abs(voiced["score"]["total"] - typed["score"]["total"]) <= 15
    # every customer line and every trainee recording was written, numbered in call order
    wavs = sorted(p.name for p in out.glob("*.wav"))
    customers = [t for t in voiced["turns"] if t["speaker"] == "customer"]
    assert sum(w.endswith("customer.wav") for w in wavs) == len(customers)
    roles = [w[4:-4] for w in wavs]  # "001-customer.wav" -> "customer"
    assert wavs[0].startswith("001-") and roles[:2] == [t["speaker"] for t in voiced["turns"][:2]]


def test_missing_audio_script_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["play", "checked-plug", "--audio-script", "/nonexistent", "--json"]) == 2
    assert "no such audio file" in capsys.readouterr().err


def test_german_voice_input_without_model_fails_at_start(
    spoken: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("faster_whisper", reason="faster-whisper not installed")
    from simulator.voice import whisper

    monkeypatch.setenv(whisper.MODEL_ENV, str(tmp_path / "no-model"))
    monkeypatch.setattr(whisper, "PART_PACKAGES", (("no_such_whisper_part", "model.bin.part1"),))
    assert main(["play", "checked-plug", "--lang", "de", "--audio-script", str(spoken), "--json"]) == 3
    err = capsys.readouterr().err
    assert "whisper" in err and err.count("\n") == 1
