"""Speech in (real PocketSphinx where installed), microphone, registry, pipeline, WAV files."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys

import pytest

from simulator.errors import BackendError, UsageError
from simulator.scenario.model import LineSettings, VoiceSettings
from simulator.voice.audio import Audio, Recorder, read_wav, silence, write_wav
from simulator.voice.domain import DomainVocabulary, build_arpa, tokens
from simulator.voice.microphone import Microphone
from simulator.voice.player import NullPlayer
from simulator.voice.registry import (
    RECOGNIZERS,
    VoicePipeline,
    default_recognizer,
    get_player,
    get_recognizer,
)
from simulator.voice.stt import Transcript, transcribe_file, word_error_rate
from tests.voice_fakes import FakeRecognizer, FakeSynthesizer, tone

HAVE_SPHINX = importlib.util.find_spec("pocketsphinx") is not None
HAVE_ESPEAK = shutil.which("espeak-ng") is not None
needs_sphinx = pytest.mark.skipif(not HAVE_SPHINX, reason="pocketsphinx not installed (pip install pocketsphinx)")
needs_both = pytest.mark.skipif(
    not (HAVE_SPHINX and HAVE_ESPEAK), reason="pocketsphinx or espeak-ng not installed"
)

DOMAIN = DomainVocabulary(
    sentences=[
        "my printer does not print anything",
        "there is a red light blinking on the printer",
        "the documents are stuck in the print queue",
        "is the printer switched on",
        "check the network cable of the printer",
        "restart the printer",
    ],
    words=["printer", "toner", "queue"],
)
# Not in the model's sentences (nor in data/agent_en.txt).
LINES = [
    "could you tell me what happens when you switch it on",
    "is the network cable connected to the printer",
    "what happens when you try to print a page",
    "please check whether the green light is on",
]


@pytest.fixture(scope="module")
def domain_recognizer():
    if not HAVE_SPHINX:
        pytest.skip("pocketsphinx not installed (pip install pocketsphinx)")
    return get_recognizer("sphinx", "en", DOMAIN)


@needs_both
def test_domain_model_recognises_synthetic_trainee(domain_recognizer):
    from simulator.voice.tts import EspeakCommandSynthesizer

    synth = EspeakCommandSynthesizer()
    errors = words = 0.0
    for line in LINES:
        audio = synth.synthesize(line, "en", VoiceSettings(variant="f2", rate=150))
        heard = domain_recognizer.transcribe(audio)
        n = len(line.split())
        errors += word_error_rate(line, heard.text) * n
        words += n
    assert errors / words <= 0.35


@needs_both
def test_general_model_works_offline(tmp_path):
    from simulator.voice.tts import EspeakCommandSynthesizer

    rec = get_recognizer("sphinx-general", "en")
    audio = EspeakCommandSynthesizer().synthesize(LINES[2], "en", VoiceSettings(variant="f2", rate=150))
    path = write_wav(tmp_path / "turn.wav", audio)
    heard = transcribe_file(rec, path)
    assert isinstance(heard, Transcript) and heard.text
    assert word_error_rate(LINES[2], heard.text) < 0.8


@needs_sphinx
def test_default_sphinx_is_offline_and_handles_silence(domain_recognizer):
    assert get_recognizer("sphinx").name == "sphinx"
    assert domain_recognizer.transcribe(silence(0.5)).text == ""


@needs_sphinx
def test_streaming_matches_whole(domain_recognizer):
    audio = tone((300.0,), seconds=0.4)
    stream = domain_recognizer.stream()
    stream.feed(audio)
    assert isinstance(stream.finish(), Transcript)


def test_arpa_model_is_well_formed():
    arpa = build_arpa(DOMAIN, known=lambda w: w != "queue")
    head = arpa.split("\n\n")[0]
    counts = {int(line[6]): int(line.split("=")[1]) for line in head.splitlines() if line.startswith("ngram")}
    for order in (1, 2, 3):
        section = arpa.split(f"\\{order}-grams:\n")[1].split("\n\n")[0].splitlines()
        assert len(section) == counts[order]
    assert "\tqueue" not in arpa  # unknown to the dictionary -> skipped
    assert "\tprinter\t" in arpa
    assert "\tsituation" in arpa  # general fallback words


def test_tokens():
    assert tokens("Don't panic, it's PLUGGED-in!") == ["don't", "panic", "it's", "plugged", "in"]


def test_word_error_rate():
    assert word_error_rate("a b c d", "a x c d e") == pytest.approx(0.5)
    assert word_error_rate("", "") == 0.0


def test_vosk_missing_names_vosk(tmp_path):
    if importlib.util.find_spec("vosk") is not None:
        with pytest.raises(BackendError, match="vosk"):
            get_recognizer(f"vosk:{tmp_path / 'nothing-here'}")
    else:
        with pytest.raises(BackendError, match="pip install vosk"):
            get_recognizer(f"vosk:{tmp_path}")


def test_languages_without_an_offline_default_name_the_options():
    with pytest.raises(BackendError, match="whisper"):
        default_recognizer("fr")
    with pytest.raises(BackendError, match="whisper"):
        get_recognizer("sphinx", "de")


def test_no_microphone_on_this_machine():
    """Real PortAudio: this machine has no input device (skipped where one exists)."""
    try:
        import sounddevice

        inputs = [d for d in sounddevice.query_devices() if d["max_input_channels"] > 0]
    except Exception:
        inputs = []
    if inputs:
        pytest.skip("this machine has a microphone")
    with pytest.raises(BackendError, match="no microphone found.*typing|typing"):
        Microphone().open()


def test_unknown_recognizer_and_player_list_names():
    with pytest.raises(UsageError) as err:
        get_recognizer("kaldi")
    for name in RECOGNIZERS:
        assert name in str(err.value)
    with pytest.raises(UsageError, match="pygame"):
        get_player("alsa")


def test_pygame_player_headless(monkeypatch):
    if importlib.util.find_spec("pygame") is None:
        pytest.skip("pygame not installed")
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    player = get_player("pygame")
    player.play(tone(seconds=0.2))
    assert player.wait(timeout=2.0)
    player.play(tone(seconds=1.0))
    player.stop()
    assert not player.busy


def test_importing_voice_is_lazy():
    code = (
        "import sys, simulator.voice, simulator.voice.registry;"
        "heavy = {'numpy','pygame','pyttsx3','speech_recognition','pocketsphinx','sounddevice'};"
        "print(sorted(heavy & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_wav_round_trip_and_recorder(tmp_path):
    audio = tone(seconds=0.25)
    rec = Recorder(tmp_path / "out")
    first = rec.write("customer", audio)
    second = rec.write("trainee", Audio(8000, audio.data()))
    assert [p.name for p in (first, second)] == ["001-customer.wav", "002-trainee.wav"]
    back = read_wav(first)
    assert back.rate == 16000 and back.data() == audio.data()
    assert read_wav(second).rate == 8000


def test_resampling_keeps_duration():
    audio = tone(seconds=1.0, rate=22050)
    out = audio.resampled(16000)
    assert out.rate == 16000 and out.frames == 16000


def test_pipeline_speaks_sentence_by_sentence_and_hears(tmp_path):
    synth, player = FakeSynthesizer(), NullPlayer()
    pipeline = VoicePipeline(
        synth,
        LineSettings(dropout_rate=2.0, dropout_ms=100),
        {"en": VoiceSettings(variant="f4")},
        "en",
        recognizer=FakeRecognizer("is it plugged in"),
        player=player,
        recorder=Recorder(tmp_path),
        seed=5,
    )
    spoken = pipeline.speak("It is broken. I need it now!")
    assert [c[0] for c in synth.calls] == ["It is broken.", "I need it now!"]
    assert all(c[2].variant == "f4" for c in synth.calls)
    assert len(player.played) == 2
    assert spoken.audio.duration == pytest.approx(sum(a.duration for a in player.played))
    path = write_wav(tmp_path / "turn.wav", tone(seconds=0.3))
    assert pipeline.hear_file(path).text == "is it plugged in"
    assert sorted(p.name for p in tmp_path.glob("0*.wav")) == ["001-customer.wav", "002-trainee.wav"]
