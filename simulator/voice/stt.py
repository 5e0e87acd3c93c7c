"""Speech in: :class:`Audio` -> :class:`Transcript`.

Backends:

* :class:`SphinxRecognizer` -- PocketSphinx 5 (offline, English). One
  ``pocketsphinx.Decoder`` is loaded per recogniser and kept between turns;
  with a :class:`~simulator.voice.domain.DomainVocabulary` it decodes with a
  domain trigram model built at load time (much better than the general model
  on support-call speech; see docs/voice.md for figures).
* :class:`VoskRecognizer` -- a user-supplied Vosk model directory (German and
  others): ``vosk:/path/to/vosk-model-small-de-0.15``.
* :class:`OnlineRecognizer` -- SpeechRecognition's Google Web Speech client,
  opt-in, needs the internet.

Typing always works; the caller falls back to it on :class:`BackendError`.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from simulator.errors import BackendError
from simulator.voice.audio import Audio, read_wav
from simulator.voice.domain import DomainVocabulary, ModelWeights, write_arpa


@dataclass(frozen=True, slots=True)
class Transcript:
    """What the recogniser heard."""

    text: str
    """Recognised words, lower case; '' when nothing was understood."""
    confidence: float | None = None
    """0..1 when the backend reports one, else None."""


@runtime_checkable
class Recognizer(Protocol):
    """Turns a clip of speech into text."""

    name: str

    def transcribe(self, audio: Audio) -> Transcript:
        """Recognise one utterance."""
        ...


def transcribe_file(recognizer: Recognizer, path: str | Path) -> Transcript:
    """Recognise a WAV file (``--audio-script``)."""
    try:
        audio = read_wav(path)
    except FileNotFoundError as exc:
        from simulator.errors import UsageError

        raise UsageError(f"audio file not found: {path}") from exc
    return recognizer.transcribe(audio)


SPHINX_SETTINGS: dict = {"dither": True, "fwdflat": False}
"""PocketSphinx settings (measured with bench/voice.py): dither helps on synthetic speech, whose pauses are
digital silence; ``fwdflat`` off because that second search pass runs over the whole utterance at ``end_utt``,
i.e. after the trainee stopped: finishing a streamed turn took 160-900 ms with it and 4-40 ms without, for the
same WER (44 held-out lines, f2 + m3: 0.35 -> 0.31 clean, 0.66 -> 0.67 over the telephone line)."""


def word_error_rate(reference: str, hypothesis: str) -> float:
    """Word error rate: (substitutions + deletions + insertions) / reference words."""
    ref, hyp = reference.lower().split(), hypothesis.lower().split()
    if not ref:
        return float(bool(hyp))
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        prev, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (r != h))
    return row[-1] / len(ref)


class SphinxRecognizer:
    """PocketSphinx 5 with the general US-English model or a domain model."""

    name = "sphinx"
    rate = 16000

    def __init__(
        self,
        vocabulary: DomainVocabulary | None = None,
        weights: ModelWeights = ModelWeights(),
        lang: str = "en",
        **options,
    ) -> None:
        if lang != "en":
            raise BackendError(
                f"PocketSphinx has no offline model for {lang!r} here: use whisper (offline), "
                "vosk:/path/to/model or google (online), or type your answers"
            )
        try:
            import pocketsphinx
        except ImportError as exc:
            raise BackendError("offline speech recognition needs pocketsphinx: pip install pocketsphinx") from exc
        self._ps = pocketsphinx
        self.vocabulary = vocabulary
        self._tmp = None
        settings = {**SPHINX_SETTINGS, **options}
        try:
            if vocabulary is None:
                self.decoder = pocketsphinx.Decoder(samprate=self.rate, loglevel="FATAL", **settings)
            else:
                self.decoder = pocketsphinx.Decoder(samprate=self.rate, loglevel="FATAL", lm=None, **settings)
                self._tmp = tempfile.TemporaryDirectory(prefix="simulator-lm-")
                arpa = write_arpa(
                    vocabulary,
                    Path(self._tmp.name) / "domain.arpa",
                    known=lambda w: self.decoder.lookup_word(w) is not None,
                    weights=weights,
                )
                self.lm_path = arpa
                self.decoder.add_lm_file("domain", str(arpa))
                self.decoder.activate_search("domain")
        except (RuntimeError, ValueError) as exc:
            raise BackendError(f"PocketSphinx could not start: {exc}") from exc

    def transcribe(self, audio: Audio) -> Transcript:
        stream = self.stream()
        stream.feed(audio, whole=True)
        return stream.finish()

    def stream(self) -> SphinxStream:
        """Start an utterance that is fed while the trainee is still speaking."""
        return SphinxStream(self)


class SphinxStream:
    """One utterance decoded incrementally: ``feed`` chunks, then ``finish``."""

    def __init__(self, recognizer: SphinxRecognizer) -> None:
        self.recognizer = recognizer
        self.decoder = recognizer.decoder
        self.decoder.start_utt()
        self.done = False

    def feed(self, audio: Audio, whole: bool = False) -> None:
        """Decode one more chunk (any rate; converted to 16 kHz mono).

        ``whole=True`` says the chunk is the entire utterance, so cepstral mean
        normalisation is computed over all of it (more accurate than live).
        """
        chunk = audio.resampled(SphinxRecognizer.rate)
        if chunk.frames:
            self.decoder.process_raw(chunk.data(), False, whole)

    def finish(self) -> Transcript:
        """End the utterance and return what was recognised."""
        if not self.done:
            self.decoder.end_utt()
            self.done = True
        hyp = self.decoder.hyp()
        if hyp is None or not hyp.hypstr.strip():
            return Transcript("", None)
        words = [w for w in hyp.hypstr.split() if not w.startswith(("<", "["))]
        confidence = None
        try:
            log_posterior = self.decoder.get_prob()
            if log_posterior < 0:  # 0 means "not computed" (no lattice posterior for this search)
                confidence = max(0.0, min(1.0, self.decoder.logmath.exp(log_posterior)))
        except Exception:  # posterior unavailable for this search
            confidence = None
        return Transcript(" ".join(words), confidence)


class VoskRecognizer:
    """Vosk/Kaldi with a model directory the user downloaded (e.g. German)."""

    name = "vosk"

    def __init__(self, model_path: str) -> None:
        try:
            import vosk
        except ImportError as exc:
            raise BackendError(
                "the vosk recognizer needs the vosk package: pip install vosk "
                "(and a model from https://alphacephei.com/vosk/models)"
            ) from exc
        if not model_path or not os.path.isdir(model_path):
            raise BackendError(
                f"vosk model directory not found: {model_path or '(none given)'}; download one, e.g. "
                "vosk-model-small-de-0.15 from https://alphacephei.com/vosk/models, unzip it and pass "
                "--recognizer vosk:/path/to/vosk-model-small-de-0.15"
            )
        vosk.SetLogLevel(-1)
        try:
            self.model = vosk.Model(model_path)
        except Exception as exc:
            raise BackendError(f"vosk could not load the model in {model_path}: {exc}") from exc
        self._vosk = vosk
        self.rate = 16000

    def transcribe(self, audio: Audio) -> Transcript:
        rec = self._vosk.KaldiRecognizer(self.model, self.rate)
        rec.SetWords(True)
        rec.AcceptWaveform(audio.resampled(self.rate).data())
        result = json.loads(rec.FinalResult())
        words = result.get("result") or []
        conf = sum(w.get("conf", 0.0) for w in words) / len(words) if words else None
        return Transcript(result.get("text", "").strip(), conf)


class OnlineRecognizer:
    """SpeechRecognition's Google Web Speech client (online, opt-in)."""

    name = "google"

    def __init__(self, lang: str = "en") -> None:
        try:
            import speech_recognition
        except ImportError as exc:
            raise BackendError(
                "online speech recognition needs SpeechRecognition: pip install SpeechRecognition"
            ) from exc
        self._sr = speech_recognition
        self.recognizer = speech_recognition.Recognizer()
        self.language = {"en": "en-US", "de": "de-DE"}.get(lang, lang)

    def transcribe(self, audio: Audio) -> Transcript:
        mono = audio.mono()
        data = self._sr.AudioData(mono.data(), mono.rate, 2)
        try:
            result = self.recognizer.recognize_google(data, language=self.language, show_all=True)
        except self._sr.RequestError as exc:
            raise BackendError(f"online speech recognition unavailable (no internet?): {exc}; type instead") from exc
        if not result or not isinstance(result, dict) or not result.get("alternative"):
            return Transcript("", None)
        best = result["alternative"][0]
        return Transcript(best.get("transcript", "").lower(), best.get("confidence"))
