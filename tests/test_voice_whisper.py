"""The whisper recogniser: the model joined from its PyPI parts, the pinned sha256, recognition, bad input.

The model is loaded once per process (``load_model`` keeps it), so these tests
and the voice-call tests share one ~1 s load.
"""

from __future__ import annotations

import pytest

pytest.importorskip("faster_whisper", reason="faster-whisper not installed (pip install 'simulator[whisper]')")

from pathlib import Path  # noqa: E402

from simulator.errors import BackendError  # noqa: E402
from simulator.voice import whisper  # noqa: E402
from simulator.voice.audio import Audio, silence  # noqa: E402
from simulator.voice.stt import word_error_rate  # noqa: E402
from tests.voice_fakes import tone  # noqa: E402
from tests.voice_speech import german_voice  # noqa: E402,F401  (a fixture)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The model joined into a fresh folder (the real set-up step, ~0.5 s)."""
    return whisper.install_model(tmp_path_factory.mktemp("whisper") / "model")


@pytest.fixture(scope="module")
def german() -> whisper.WhisperRecognizer:
    return whisper.WhisperRecognizer("de")


def test_install_joins_parts_and_pins_the_checksum(installed: Path) -> None:
    assert (installed / "model.bin").stat().st_size == whisper.MODEL_SIZE
    assert {p.name for p in installed.iterdir()} >= {"model.bin", "config.json", "tokenizer.json", "vocabulary.json"}
    assert not list(installed.glob("*.tmp"))
    before = (installed / "model.bin").stat().st_mtime_ns
    assert whisper.install_model(installed) == installed  # idempotent: left alone
    assert (installed / "model.bin").stat().st_mtime_ns == before


def test_corrupt_model_is_refused_in_one_line(installed: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    for name in whisper.SIDE_FILES:
        (bad / name).symlink_to(installed / name)
    data = bytearray((installed / "model.bin").read_bytes())
    data[1000] ^= 0xFF
    (bad / "model.bin").write_bytes(bytes(data))
    with pytest.raises(BackendError) as err:
        whisper.verify_model(bad)
    assert "corrupt" in err.value.message and "\n" not in err.value.message
    assert not (bad / ".verified").exists()


def test_corrupted_after_install_is_noticed(installed: Path, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(installed, copy)
    whisper.verify_model(copy)
    with open(copy / "model.bin", "r+b") as fh:  # bit rot after the stamp was written
        fh.seek(5000)
        fh.write(b"\0\0\0\0")
    with pytest.raises(BackendError, match="corrupt"):
        whisper.verify_model(copy)


def test_mismatching_parts_are_refused_and_nothing_is_left(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(whisper, "MODEL_SHA256", "0" * 64)
    with pytest.raises(BackendError) as err:
        whisper.install_model(tmp_path / "m")
    assert "refusing" in err.value.message and "\n" not in err.value.message
    assert not (tmp_path / "m" / "model.bin").exists() and not list((tmp_path / "m").glob("*.tmp"))


def test_missing_parts_name_the_install_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(whisper, "PART_PACKAGES", (("no_such_whisper_part", "model.bin.part1"),))
    with pytest.raises(BackendError, match=r"simulator\[whisper\]"):
        whisper.install_model(tmp_path / "m")


def test_setup_step_prints_the_folder(installed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert whisper.main([str(installed)]) == 0
    assert capsys.readouterr().out.strip() == str(installed)


def test_normalise_gives_the_analyser_plain_words() -> None:
    assert whisper.normalise(" Guten Morgen, hier ist der IT-Service! Schön.") == "guten morgen hier ist der it-service schön"
    assert whisper.normalise("...") == ""


def test_german_speech_is_recognised(german: whisper.WhisperRecognizer, german_voice) -> None:
    said = "Könnten Sie bitte den Stecker an der Steckdosenleiste prüfen?"
    heard = german.transcribe(german_voice(said))
    assert word_error_rate(whisper.normalise(said), heard.text) <= 0.35, heard
    assert heard.confidence is not None and 0 < heard.confidence <= 1


def test_wrong_rate_and_stereo_are_converted(german: whisper.WhisperRecognizer, german_voice) -> None:
    said = "Dann schalten Sie bitte die Steckdosenleiste ein."
    clip = german_voice(said).resampled(8000)
    stereo = Audio(8000, __import__("numpy").repeat(clip.array(), 2), channels=2)
    assert word_error_rate(whisper.normalise(said), german.transcribe(stereo).text) <= 0.4


def test_silence_and_noise_give_nothing(german: whisper.WhisperRecognizer) -> None:
    assert german.transcribe(silence(30.0)).text == ""  # 30 s of silence: no invented "Vielen Dank"
    assert german.transcribe(Audio(16000, b"")).text == ""
    assert german.transcribe(tone(seconds=0.05)).text == ""


def test_registry_builds_whisper_for_german_by_default() -> None:
    from simulator.voice.registry import DEFAULT_RECOGNIZERS, default_recognizer

    assert DEFAULT_RECOGNIZERS["de"] == "whisper"
    assert default_recognizer("de").name == "whisper"


def test_failure_mid_call_is_a_backend_error(german: whisper.WhisperRecognizer, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*a, **k):
        raise RuntimeError("out of memory\ntraceback...")

    class BrokenTranslator:  # CTranslate2 under the short-window path
        encode = generate = staticmethod(fail)

    class Broken:  # faster-whisper's WhisperModel, failing in the encoder (or in its own transcribe)
        feature_extractor = german.model.feature_extractor
        hf_tokenizer = german.model.hf_tokenizer
        model = BrokenTranslator()
        transcribe = staticmethod(fail)

    monkeypatch.setattr(german, "model", Broken())
    with pytest.raises(BackendError) as err:
        german.transcribe(tone(seconds=1.0))
    assert "out of memory" in err.value.message and "\n" not in err.value.message
