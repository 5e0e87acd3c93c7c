"""Speech out: text -> :class:`Audio`, with espeak-ng voices.

Backends:

* :class:`EspeakSynthesizer` -- pyttsx3's espeak driver, one engine kept alive
  for the process; each line is written to a temporary WAV and read back
  (pyttsx3's own playback is never used). pyttsx3 >= 2.99 sets voice
  (``en+f3``), rate and pitch directly through libespeak-ng.
* :class:`EspeakCommandSynthesizer` -- runs ``espeak-ng --stdin --stdout -v de+f3
  -s 160 -p 50`` with the text on stdin; no Python package needed, a process per line.
  German uses the clearer MBROLA (``-v mb-de6``) or SVOX Pico voice when installed,
  English female personas hibari, English male personas Piper's "joe" (:mod:`simulator.voice.voices`).
  German text spoken by espeak-ng and MBROLA first goes through :mod:`simulator.voice.pronunciation` ("DNS" ->
  "Deh Enn Ess"); what is shown and stored is the text as written.
* :class:`SilentSynthesizer` -- a short soft tone per line, for machines with
  neither; the rest of the program runs unchanged.

:class:`CachedSynthesizer` wraps any of them with an in-memory LRU cache keyed
by (text, lang, voice): the text as written; the pronunciation rewrite is a function of (text, lang, engine)
and the engine of (lang, voice), so the key still names one clip.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections import OrderedDict
from typing import Protocol, runtime_checkable

from simulator.errors import BackendError
from simulator.scenario.model import VoiceSettings
from simulator.voice.audio import Audio, read_wav

ESPEAK_LANGUAGES = {"en": "en-us", "de": "de"}
"""Product language -> espeak-ng voice (US English matches PocketSphinx's acoustic model)."""

_VARIANT = re.compile(r"^[mf][1-7]$|^[a-z][a-z0-9_-]*$", re.I)


def voice_name(lang: str, voice: VoiceSettings) -> str:
    """The espeak-ng voice string for a language and variant, e.g. ``de+f3``."""
    base = ESPEAK_LANGUAGES.get(lang, lang)
    variant = (voice.variant or "").strip()
    if not variant or variant.lower().startswith("mb-") or variant.lower() in ("pico", "hibari", "piper"):
        return base  # a named MBROLA/Pico voice that is not installed: espeak-ng's own
    if not _VARIANT.match(variant):
        raise BackendError(f"invalid espeak-ng voice variant {variant!r}: use m1..m7 or f1..f5")
    return f"{base}+{variant}"


def split_sentences(text: str) -> list[str]:
    """Split a reply into sentences so the first can be spoken while the rest are synthesised."""
    parts = re.split(r"(?<=[.!?…])\s+(?=\S)", text.strip())
    return [p.strip() for p in parts if p.strip()]


_OPENING_CLAUSE = re.compile(r"^(\S+(?:\s+\S+)+?[,;:])\s+(?=\S)")
"""A sentence's opening clause of two words or more, up to its first comma, semicolon or colon."""


def speech_chunks(text: str) -> list[str]:
    """The pieces a reply is synthesised in: its sentences, and a long first sentence (9 words or more) split after
    its opening clause, which keeps its comma (the voice pauses there anyway). The first sample waits only for the
    first piece, and a voice that costs time per second of audio (Piper: ~75 ms of CPU per second) starts sooner."""
    pieces = split_sentences(text)
    if pieces and len(pieces[0].split()) >= 9:
        match = _OPENING_CLAUSE.match(pieces[0])
        rest = pieces[0][match.end():].strip() if match else ""
        if match and len(rest.split()) >= 3:
            pieces[:1] = [match.group(1), rest]
    return pieces


@runtime_checkable
class Synthesizer(Protocol):
    """Turns text into audio."""

    name: str

    def synthesize(self, text: str, lang: str, voice: VoiceSettings) -> Audio:
        """Speak ``text`` in ``lang`` with ``voice``; returns the clip."""
        ...


def _espeak_binary() -> str:
    binary = shutil.which("espeak-ng")
    if binary is None:
        raise BackendError(
            "text-to-speech needs espeak-ng: apt-get install espeak-ng (or choose --tts silent)"
        )
    return binary


class EspeakSynthesizer:
    """espeak-ng through pyttsx3's espeak driver, one engine for the whole process.

    Known limitation (pyttsx3 2.99, measured): libespeak-ng runs asynchronously
    behind pyttsx3's loop and a rate/pitch change is now and then not applied
    to the next line (about 1 call in 8 when the rate changes every call). A
    persona keeps one voice per call, so this rarely matters; ``espeak-ng``
    (subprocess) has no such problem and is the default.
    """

    name = "espeak"
    _engine = None
    _lock = threading.Lock()
    _count = 0

    def __init__(self) -> None:
        try:
            import pyttsx3
        except ImportError as exc:
            raise BackendError(
                "text-to-speech needs pyttsx3 and espeak-ng: pip install pyttsx3; apt-get install espeak-ng"
            ) from exc
        with EspeakSynthesizer._lock:
            if EspeakSynthesizer._engine is None:
                try:
                    EspeakSynthesizer._engine = pyttsx3.init("espeak")
                except Exception as exc:  # OSError (libespeak-ng missing), RuntimeError
                    raise BackendError(
                        f"text-to-speech needs pyttsx3 and espeak-ng: apt-get install espeak-ng ({exc})"
                    ) from exc
        self._dir = tempfile.mkdtemp(prefix="simulator-tts-")

    def synthesize(self, text: str, lang: str, voice: VoiceSettings) -> Audio:
        text = text.strip()
        if not text:
            return Audio(22050, b"")
        from simulator.voice.pronunciation import spoken

        text = spoken(text, lang, voice_name(lang, voice))  # only what is spoken (pronunciation.py)
        engine = EspeakSynthesizer._engine
        with EspeakSynthesizer._lock:
            EspeakSynthesizer._count += 1
            path = os.path.join(self._dir, f"{EspeakSynthesizer._count}.wav")
            # pyttsx3 queues setProperty behind its busy flag and, measured with
            # 2.99, sometimes drops a change between two runAndWait calls; the
            # espeak driver's own setProperty calls libespeak-ng at once. The
            # voice goes first: selecting a voice resets rate and pitch.
            driver = getattr(getattr(engine, "proxy", None), "_driver", None)
            apply = driver.setProperty if driver is not None else engine.setProperty
            apply("voice", voice_name(lang, voice))
            apply("rate", int(voice.rate))
            apply("pitch", int(voice.pitch))
            # One save_to_file per runAndWait: pyttsx3 keeps only the last queued text.
            engine.save_to_file(text, path)
            with contextlib.redirect_stdout(io.StringIO()):  # the driver prints "Audio saved to ..."
                engine.runAndWait()
                # runAndWait can return before the driver's callback has written
                # the file (its loop ends on a queued endLoop); wait for it.
                deadline = time.monotonic() + 5.0
                while not os.path.exists(path) and time.monotonic() < deadline:
                    engine.iterate() if engine._inLoop else None
                    time.sleep(0.002)
            try:
                audio = read_wav(path)
            except (FileNotFoundError, EOFError) as exc:
                raise BackendError(f"espeak-ng produced no audio for {text[:40]!r}") from exc
            os.unlink(path)
        return Audio(audio.rate, audio.array(), audio.channels)


class EspeakCommandSynthesizer:
    """espeak-ng as a subprocess: ``espeak-ng --stdin --stdout -v de+f3 -s 160 -p 50``, text on stdin."""

    name = "espeak-ng"

    def __init__(self, clear_voices: bool = True, pronounce: bool | str = True) -> None:
        self.binary = _espeak_binary()
        self.clear_voices = clear_voices
        """Use MBROLA/Pico for German when installed (False: espeak-ng's own voices only)."""
        self.pronounce = pronounce
        """Rewrite acronyms, loan words and numbers into what a speaker says (:mod:`simulator.voice.pronunciation`)
        for the engines where that measured clearer; False: the text as written (bench/voice.py's "before");
        ``"always"``: for every engine (bench/voice.py measures the others with it)."""
        self._others: dict = {}  # pico, hibari, piper: created on first use
        self._ready: dict[tuple[str, ...], subprocess.Popen] = {}  # started for the next line, waiting for stdin
        self._ready_lock = threading.Lock()
        self._closed = False
        self._preparing: set[threading.Thread] = set()  # espeak-ready threads still starting a process
        from simulator.voice.lifecycle import register

        register(self)  # no espeak-ng left waiting on stdin when the program ends

    def engine_for(self, lang: str, voice: VoiceSettings) -> str:
        """The voice that speaks: ``mb-de6``, ``mb-de7``, ``pico``, ``hibari``, ``piper`` or the espeak-ng voice name."""
        if self.clear_voices:
            from simulator.voice.voices import clear_voice

            chosen = clear_voice(lang, voice)
            if chosen is not None:
                return chosen
        return voice_name(lang, voice)

    def synthesize(self, text: str, lang: str, voice: VoiceSettings) -> Audio:
        text = text.strip()
        if not text:
            return Audio(22050, b"")
        engine = self.engine_for(lang, voice)
        if self.pronounce:  # only what is spoken: the caller's text (shown, stored, the cache key) is unchanged
            from simulator.voice.pronunciation import spoken

            text = spoken(text, lang, engine, always=self.pronounce == "always")
        if engine in ("pico", "hibari", "piper"):
            if engine not in self._others:
                self._others[engine] = _other_synthesizer(engine)
            return self._others[engine].synthesize(text, lang, voice)
        # The text goes through stdin, not argv: a long line (a pasted
        # 240 KB opening) would exceed the OS argument limit (E2BIG).
        cmd = [
            self.binary, "--stdin", "--stdout", "-v", engine,
            "-s", str(int(voice.rate)), "-p", str(int(voice.pitch)),
        ]
        proc = self._take(cmd)
        stdout, stderr = proc.communicate(text.encode("utf-8"))
        self._start_preparing(cmd)  # off the clip's path
        if proc.returncode != 0 or len(stdout) < 44:
            raise BackendError(f"espeak-ng failed: {stderr.decode(errors='replace').strip()}")
        import wave

        with wave.open(io.BytesIO(_fix_stream_header(stdout)), "rb") as w:
            rate, channels = w.getframerate(), w.getnchannels()
            raw = w.readframes(w.getnframes())
        return Audio(rate, raw, channels)


    # A process per line, but started before the line is known: espeak-ng loads its voice (an MBROLA voice
    # starts mbrola, which reads a 56 MB diphone database) before it reads stdin. Measured at load 3-4: MBROLA
    # de6 250-420 ms a line started cold, 3-150 ms through a process started at the previous line.
    READY_MAX = 4
    """Processes kept started (one per voice/rate/pitch most recently used)."""

    def _take(self, cmd: list[str]) -> subprocess.Popen:
        with self._ready_lock:
            proc = self._ready.pop(tuple(cmd), None)
            self._closed = False  # in use again after close()
        if proc is not None and proc.poll() is None:
            return proc
        if proc is not None:  # died while waiting: reap it
            _end(proc)
        return subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def _start_preparing(self, cmd: list[str]) -> None:
        thread = threading.Thread(target=self._prepare, args=(cmd,), name="espeak-ready", daemon=True)
        with self._ready_lock:
            self._preparing.add(thread)
        thread.start()

    def _prepare(self, cmd: list[str]) -> None:
        """Start the process for the next line with the same voice (it waits on stdin)."""
        try:
            try:
                proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            except OSError:
                return
            self._keep(cmd, proc)
        finally:
            with self._ready_lock:
                self._preparing.discard(threading.current_thread())

    def _keep(self, cmd: list[str], proc: subprocess.Popen) -> None:
        from simulator.voice.lifecycle import exiting

        with self._ready_lock:
            if self._closed or exiting():  # a line spoken after close() reopened it; at exit nothing is kept
                old = [proc]
            else:
                old = [p for p in [self._ready.pop(tuple(cmd), None)] if p is not None]
                self._ready[tuple(cmd)] = proc
            while len(self._ready) > self.READY_MAX:
                old.append(self._ready.pop(next(iter(self._ready))))
        for p in old:  # outside the lock: ending one may take up to 2 s, and the next line must not wait
            _end(p)

    def close(self) -> None:
        """End the processes started for lines that never came."""
        with self._ready_lock:
            self._closed = True
            preparing = list(self._preparing)
        for thread in preparing:  # a process being started now is ended by _keep (closed)
            thread.join(timeout=2.0)
        with self._ready_lock:
            ready, self._ready = list(self._ready.values()), {}
        for proc in ready:
            _end(proc)
        for other in list(self._others.values()):  # piper keeps an espeak-ng started for its phonemes
            close = getattr(other, "close", None)
            if close is not None:
                close()


def _other_synthesizer(engine: str) -> Synthesizer:
    """The in-process (hibari, piper) or other-program (pico) voice named by :meth:`engine_for`, imported lazily."""
    if engine == "piper":
        from simulator.voice.piper import PiperSynthesizer

        return PiperSynthesizer()
    from simulator.voice.voices import HibariSynthesizer, PicoSynthesizer

    return PicoSynthesizer() if engine == "pico" else HibariSynthesizer()


def _end(proc: subprocess.Popen) -> None:
    """A waiting espeak-ng: close its stdin (it speaks nothing and exits) and reap it."""
    try:
        proc.communicate(b"", timeout=2.0)
    except (subprocess.TimeoutExpired, OSError, ValueError):
        proc.kill()
        proc.wait()


def _fix_stream_header(data: bytes) -> bytes:
    """espeak-ng --stdout writes 0xFFFFFFFF sizes (unknown length); patch them."""
    if data[:4] != b"RIFF":
        return data
    out = bytearray(data)
    out[4:8] = (len(data) - 8).to_bytes(4, "little")
    idx = out.find(b"data", 12)
    if idx >= 0:
        out[idx + 4 : idx + 8] = (len(data) - idx - 8).to_bytes(4, "little")
    return bytes(out)


class SilentSynthesizer:
    """No speech engine: a quiet 440 Hz beep (~60 ms per word, at most 2 s) stands in for each line."""

    name = "silent"

    def __init__(self, rate: int = 16000) -> None:
        self.rate = rate

    def synthesize(self, text: str, lang: str, voice: VoiceSettings) -> Audio:
        import numpy as np

        words = max(1, len(text.split()))
        n = int(self.rate * min(2.0, 0.06 * words + 0.1))
        t = np.arange(n) / self.rate
        envelope = np.minimum(1.0, np.minimum(t, t[::-1]) / 0.01) if n else t
        tone = 0.05 * 32767 * np.sin(2 * np.pi * 440 * t) * envelope
        return Audio(self.rate, tone.astype(np.int16))


class CachedSynthesizer:
    """Keeps the last ``size`` clips by (text, lang, voice): repeated lines cost nothing."""

    def __init__(self, inner: Synthesizer, size: int = 128) -> None:
        self.inner = inner
        self.name = inner.name
        self.size = size
        self.hits = 0
        self.misses = 0
        self._cache: OrderedDict[tuple, Audio] = OrderedDict()

    def close(self) -> None:
        """Close the wrapped synthesiser (its waiting processes)."""
        close = getattr(self.inner, "close", None)
        if close is not None:
            close()

    def synthesize(self, text: str, lang: str, voice: VoiceSettings) -> Audio:
        key = (text.strip(), lang, voice.variant, voice.rate, voice.pitch)
        hit = self._cache.get(key)
        if hit is not None:
            self._cache.move_to_end(key)
            self.hits += 1
            return hit
        self.misses += 1
        audio = self.inner.synthesize(text, lang, voice)
        self._cache[key] = audio
        if len(self._cache) > self.size:
            self._cache.popitem(last=False)
        return audio
