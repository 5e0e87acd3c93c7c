"""Pronunciation before synthesis: written forms rewritten into what a speaker says, only in what is spoken."""

from __future__ import annotations

import io
import shutil
import string
import wave
from pathlib import Path

import pytest

from simulator.scenario.model import VoiceSettings
from simulator.voice import pronunciation, tts
from simulator.voice.pronunciation import applies, speakable, spoken


@pytest.mark.parametrize("written,said", [
    ("DNS-Cache geleert, Neustart auch.", "Deh Enn Ess Käsch geleert, Neustart auch."),
    ("per IP komme ich auf alles.", "per Ih Peh komme ich auf alles."),
    ("am VPN-Adapter", "am Fau Peh Enn Adapter"),
    ("Okay, NRPT-Regel von Hand gesetzt …", "Okay, Enn Err Peh Teh Regel von Hand gesetzt …"),
    ("ipconfig /all …", "Ih Peh Konfik all …"),
    # the dot in a version or an address is left to espeak-ng, which says "Punkt" itself
    ("nslookup direkt gegen 10.20.0.53 klappt.", "Enn Ess Lukapp direkt gegen 10.20.0.53 klappt."),
    ("ich hab hier noch acht Leute mit der 5.2.", "ich hab hier noch acht Leute mit der 5.2."),
    ("Die 0172 5534 89.", "Die null eins sieben zwei, fünf fünf drei vier, acht neun."),
    ("Nummer ist die 0341 22 87 14, Durchwahl 30.",
     "Nummer ist die null drei vier eins, zwei zwei, acht sieben, eins vier, Durchwahl 30."),
    ("Ich sitz im ICE nach Hamburg, der Laptop liegt im Büro.",
     "Ich sitz im Ih Zeh Eh nach Hamburg, der Laptop liegt im Büro."),
    # a hyphen joining a rewritten word becomes a pause; other hyphens stay
    ("Die Split-DNS-Regel fehlt.", "Die Split Deh Enn Ess Regel fehlt."),
    ("die Mail-Einstellungen für Reuter Consulting", "die Mail-Einstellungen für Reuter Consulting"),
    ("Das Timing, der WLAN-Schlüssel, die PIN", "Das Teiming, der Weh Lahn Schlüssel, die Pinn"),
    ("Das kostet 10.000 Euro, seit 2015, am 20. Mai.", "Das kostet 10.000 Euro, seit 2015, am 20. Mai."),
    # the general rule: an ALL-CAPS word of 2-5 letters not in the table is spelled; longer ones and mixed case not
    ("Der XYZ-Server und die HALLO-Taste", "Der Iks Üpsilon Zett Server und die Hah Ah Ell Ell Oh Taste"),
    ("KUNDENPORTAL und Dns und dns", "KUNDENPORTAL und Dns und dns"),
    # case-sensitive, whole words only: "cache" in lower case and "Cachespeicher" are not "Cache"
    ("Cachespeicher, cache, Handys", "Cachespeicher, cache, Handys"),
    ("Ganz normaler Satz ohne Fachwörter.", "Ganz normaler Satz ohne Fachwörter."),
    # listed as itself: neither spelled by the general rule nor its hyphen made a pause
    ("Mein IT-Dienstleister", "Mein IT-Dienstleister"),
])
def test_german_rewriting(written: str, said: str) -> None:
    assert speakable(written, "de") == said


@pytest.mark.parametrize("written,said", [
    ("I cleared the DNS cache.", "I cleared the D N S cache."),
    ("nslookup against 10.20.0.53 works.", "N S lookup against 10.20.0.53 works."),
    ("the split-DNS rule", "the split D N S rule"),
    ("ipconfig /all on the VPN adapter", "I P config slash all on the V P N adapter"),
    ("My number is 07700 553 489.", "My number is oh seven seven oh oh, five five three, four eight nine."),
    ("the two with 5.1 are fine", "the two with 5.1 are fine"),
    ("Our IT contractor, XY", "Our I T contractor, X Y"),
])
def test_english_rewriting(written: str, said: str) -> None:
    assert speakable(written, "en") == said


def test_unknown_language_is_unchanged() -> None:
    assert speakable("DNS 5.1 0172 5534", "fr") == "DNS 5.1 0172 5534"


def test_language_knowledge_is_data() -> None:
    import yaml

    data = yaml.safe_load(pronunciation.DATA.read_text(encoding="utf-8"))
    for lang in ("de", "en"):
        assert set(data[lang]["letters"]) >= set(string.ascii_uppercase)
        assert [str(d) for d in data[lang]["digits"]][0] in ("null", "oh") and len(data[lang]["digits"]) == 10
        assert set(data[lang]["engines"]) <= {"mbrola", "espeak", "pico", "hibari", "piper"}


@pytest.mark.parametrize("lang,engine,want", [
    ("de", "mb-de6", True), ("de", "de+m3", True), ("de", "de", True),
    ("en", "mb-us2", False), ("en", "en-us+f2", False),  # English: measured no clearer anywhere
    ("de", "pico", False), ("en", "hibari", False), ("en", "piper", False),
    ("fr", "fr+m3", False),
])
def test_which_engines_get_it(lang: str, engine: str, want: bool) -> None:
    """Measured per engine (docs/voice.md, "Pronunciation"): espeak-ng's text rules and MBROLA through them."""
    assert applies(lang, engine) is want
    assert (spoken("DNS", lang, engine) != "DNS") is want


class _Process:
    """Stands in for an espeak-ng process: records its stdin, answers with a short silent WAV."""

    def __init__(self, said: list[str]) -> None:
        self.said = said
        self.returncode = 0

    def poll(self) -> None:
        return None

    def communicate(self, data: bytes, timeout: float | None = None) -> tuple[bytes, bytes]:
        self.said.append(data.decode("utf-8"))
        buf = io.BytesIO()
        with wave.open(buf, "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(22050)
            w.writeframes(b"\0\0" * 2205)
        return buf.getvalue(), b""


@pytest.fixture
def espeak_said(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the espeak-ng processes of :class:`EspeakCommandSynthesizer` are given to say (no process started)."""
    said: list[str] = []
    monkeypatch.setattr(tts, "_espeak_binary", lambda: "espeak-ng")
    monkeypatch.setattr(tts.EspeakCommandSynthesizer, "_take", lambda self, cmd: _Process(said))
    monkeypatch.setattr(tts.EspeakCommandSynthesizer, "_start_preparing", lambda self, cmd: None)
    return said


def test_only_the_spoken_text_is_rewritten(espeak_said: list[str]) -> None:
    synth = tts.CachedSynthesizer(tts.EspeakCommandSynthesizer(clear_voices=False))
    text = "DNS-Cache geleert, per IP komme ich auf alles."
    voice = VoiceSettings(variant="m3", rate=185)
    synth.synthesize(text, "de", voice)
    synth.synthesize(text, "de", voice)  # from the cache, keyed by the text as written
    assert espeak_said == ["Deh Enn Ess Käsch geleert, per Ih Peh komme ich auf alles."]
    assert text == "DNS-Cache geleert, per IP komme ich auf alles."
    assert [key[0] for key in synth._cache] == [text]
    assert (synth.hits, synth.misses) == (1, 1)
    as_written = tts.EspeakCommandSynthesizer(clear_voices=False, pronounce=False)
    as_written.synthesize(text, "de", voice)
    assert espeak_said[-1] == text


def test_a_call_shows_and_stores_the_written_text(espeak_said: list[str]) -> None:
    """A whole call: the customer's lines in the call's state are as written; espeak-ng got the spoken form."""
    from simulator.dialogue import Engine
    from simulator.dialogue.session import Call
    from simulator.scenario import load
    from simulator.voice.speaker import Speaker

    synth = tts.EspeakCommandSynthesizer(clear_voices=False)
    sc = load("expert-user")
    voice = sc.persona.voice["de"]

    class Pipeline:
        def speak(self, text: str) -> None:
            for sentence in tts.split_sentences(text):
                synth.synthesize(sentence, "de", voice)

    turns = Path(__file__).parent / "scripts" / "expert-user" / "de-good.txt"
    said = [s for s in turns.read_text(encoding="utf-8").splitlines() if s.strip()]
    call = Call(Engine(sc, "de"), seed=2, observers=[Speaker(Pipeline())])
    call.play(said)
    shown = " ".join(x.reply.text for state in call.states for x in state.exchanges if x.reply is not None)
    assert "DNS" in shown and "Deh Enn Ess" not in shown
    heard = " ".join(espeak_said)
    assert "Deh Enn Ess" in heard and "DNS" not in heard


@pytest.mark.skipif(shutil.which("espeak-ng") is None or not __import__("simulator.voice.voices", fromlist=["x"])
                    .mbrola_installed("de6"), reason="MBROLA de6 not installed")
def test_mbrola_speaks_the_spelled_acronym() -> None:
    """Real synthesis: "DNS" spelled ("Deh Enn Ess") is longer than espeak-ng's "dennis"."""
    voice = VoiceSettings(variant="mb-de6", rate=185)
    spelled = tts.EspeakCommandSynthesizer(clear_voices=True).synthesize("Der DNS-Server.", "de", voice)
    written = tts.EspeakCommandSynthesizer(clear_voices=True, pronounce=False).synthesize("Der DNS-Server.", "de", voice)
    assert spelled.duration > written.duration + 0.2 > 0.2
