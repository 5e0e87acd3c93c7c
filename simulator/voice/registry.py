"""Backends chosen by name, and :class:`VoicePipeline`, the assembled voice of one call.

Names::

    get_synthesizer("espeak-ng" | "espeak" | "silent")
    get_recognizer("whisper" | "whisper:/path/to/model" | "sphinx" | "sphinx-general" | "vosk:/path/to/model" | "google",
                   lang, vocabulary)
    get_player("pygame" | "null")

Each constructor imports its package lazily and raises BackendError naming
the missing package or device; an unknown name raises UsageError listing the
known ones.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from simulator.errors import BackendError, UsageError
from simulator.scenario.model import LineSettings, VoiceSettings
from simulator.voice.audio import Audio, Recorder
from simulator.voice.domain import DomainVocabulary
from simulator.voice.effects import Impaired, impair
from simulator.voice.player import NullPlayer, Player
from simulator.voice.streaming import EndpointSettings, listen_turn
from simulator.voice.stt import Recognizer, Transcript, read_wav
from simulator.voice.tts import CachedSynthesizer, Synthesizer, speech_chunks

SYNTHESIZERS = ("espeak-ng", "espeak", "silent")
"""Text-to-speech backends: ``espeak-ng`` (subprocess, the default: measured faster), ``espeak`` (pyttsx3), ``silent``."""
RECOGNIZERS = ("whisper", "whisper:<model dir>", "sphinx", "sphinx-general", "vosk:<model dir>", "google")
"""Speech recognisers; ``sphinx`` uses the scenario's domain model, ``whisper`` its rarer words as hotwords."""
DEFAULT_RECOGNIZERS = {"de": "whisper", "en": "sphinx"}
"""The offline default per language (measured with bench/voice.py, see docs/voice.md)."""
PLAYERS = ("pygame", "null")
"""Playback backends."""


def get_synthesizer(name: str = "espeak-ng", cache_size: int = 128) -> Synthesizer:
    """A synthesiser by name, wrapped in an LRU cache of ``cache_size`` clips (0 = no cache)."""
    from simulator.voice import tts

    makers = {
        "espeak": tts.EspeakSynthesizer,
        "espeak-ng": tts.EspeakCommandSynthesizer,
        "silent": tts.SilentSynthesizer,
    }
    maker = makers.get(name)
    if maker is None:
        raise UsageError(f"unknown text-to-speech backend {name!r}: choose one of {', '.join(SYNTHESIZERS)}")
    synth = maker()
    return CachedSynthesizer(synth, cache_size) if cache_size > 0 else synth


def get_recognizer(
    name: str = "sphinx", lang: str = "en", vocabulary: DomainVocabulary | None = None
) -> Recognizer:
    """A recogniser by name; ``vosk:/path`` names the model directory."""
    from simulator.voice import stt

    if name == "whisper" or name.startswith("whisper:"):
        from simulator.voice.whisper import WhisperRecognizer

        return WhisperRecognizer(lang, vocabulary, model_path=name.partition(":")[2] or None)
    if name == "sphinx":
        return stt.SphinxRecognizer(vocabulary, lang=lang)
    if name == "sphinx-general":
        return stt.SphinxRecognizer(None, lang=lang)
    if name == "vosk" or name.startswith("vosk:"):
        return stt.VoskRecognizer(name.partition(":")[2])
    if name == "google":
        return stt.OnlineRecognizer(lang)
    raise UsageError(f"unknown speech recognizer {name!r}: choose one of {', '.join(RECOGNIZERS)}")


def default_recognizer(lang: str, vocabulary: DomainVocabulary | None = None) -> Recognizer:
    """The offline recogniser for ``lang``; BackendError with the options when there is none."""
    name = DEFAULT_RECOGNIZERS.get(lang)
    if name is None:
        raise BackendError(
            f"no offline speech recognizer for {lang!r}: pass --recognizer whisper, vosk:/path/to/model "
            "or google (online); typing always works"
        )
    return get_recognizer(name, lang, vocabulary)


def get_player(name: str = "pygame") -> Player:
    """A player by name."""
    if name == "pygame":
        from simulator.voice.player import PygamePlayer

        return PygamePlayer()
    if name == "null":
        return NullPlayer()
    raise UsageError(f"unknown audio player {name!r}: choose one of {', '.join(PLAYERS)}")


class VoicePipeline:
    """The voice of one call: customer lines out through the line, trainee turns in.

    Build it once per scenario (the recogniser loads its domain model then);
    ``speak`` each customer line, ``hear``/``hear_file`` each trainee turn.
    """

    def __init__(
        self,
        synthesizer: Synthesizer,
        line: LineSettings,
        voices: Mapping[str, VoiceSettings],
        lang: str,
        recognizer: Recognizer | None = None,
        player: Player | None = None,
        recorder: Recorder | None = None,
        seed: int = 0,
    ) -> None:
        self.synthesizer = synthesizer
        self.line = line
        self.voice = voices.get(lang) or VoiceSettings()
        self.lang = lang
        self.recognizer = recognizer
        self.player = player or NullPlayer()
        self.recorder = recorder
        self.seed = seed
        self.lines_spoken = 0
        self.hands_free = False
        """Listen without a key: the turn ends when the trainee stops speaking (``--hands-free``)."""
        self.endpoint = EndpointSettings()
        """When a hands-free turn starts and ends."""

    def sentences(self, text: str) -> Iterator[Impaired]:
        """Each piece of a reply (:func:`~simulator.voice.tts.speech_chunks`) synthesised and impaired, the first as
        soon as it is ready."""
        for sentence in speech_chunks(text):
            self.lines_spoken += 1
            audio = self.synthesizer.synthesize(sentence, self.lang, self.voice)
            yield impair(audio, self.line, self.seed * 100003 + self.lines_spoken)

    def speak(self, text: str, wait: bool = False) -> Impaired:
        """Synthesise, impair, record and play a customer reply; returns the whole clip."""
        parts: list[Impaired] = []
        offset = 0.0
        dropouts: list[tuple[float, float]] = []
        for part in self.sentences(text):
            if not parts:
                self.player.play(part.audio)  # start the first sentence at once
            else:
                self.player.wait()
                self.player.play(part.audio)
            parts.append(part)
            dropouts += [(s + offset, e + offset) for s, e in part.dropouts]
            offset += part.audio.duration
        if not parts:
            return Impaired(Audio(16000, b""), ())
        whole = parts[0].audio
        for part in parts[1:]:
            whole = whole.concat(part.audio)
        if self.recorder is not None:
            self.recorder.write("customer", whole)
        if wait:
            self.player.wait()
        return Impaired(whole, tuple(dropouts))

    def warm(self) -> None:
        """Load now what the customer's first reply would otherwise wait for (before a call starts).

        The phone rings first and the trainee speaks first, so her first reply is the first synthesis:
        it loaded the voice (hibari's model, MBROLA's 56 MB database from disk) and made the line's noise
        bank then, 290-610 ms at load 3-4 before the first sample. A short word through the whole path.
        """
        from simulator.voice.effects import warm

        clip = self.synthesizer.synthesize("Hallo." if self.lang == "de" else "Hello.", self.lang, self.voice)
        warm(self.line, clip.rate)

    def hear(self, audio: Audio) -> Transcript:
        """Recognise a trainee turn (and record it)."""
        if self.recorder is not None:
            self.recorder.write("trainee", audio)
        if self.recognizer is None:
            raise BackendError("no speech recognizer: type your answer")
        return self.recognizer.transcribe(audio)

    def listen(self, chunks, on_state=None, push_to_talk: bool = False) -> Transcript:
        """Recognise a turn from live chunks as it is spoken (records it first); see :func:`listen_turn`.

        ``push_to_talk``: the turn ends when ``chunks`` does (the key was released), not at a pause.
        """
        if self.recognizer is None:
            raise BackendError("no speech recognizer: type your answer")
        return listen_turn(self.recognizer, chunks, self.endpoint, on_state, self.recorder, push_to_talk)

    def close(self) -> None:
        """The call is over: background decodes end (the running one is waited for), the synthesiser's waiting
        espeak-ng processes are ended. Never raises; the pipeline may still be used afterwards."""
        for part in (self.recognizer, self.synthesizer):
            close = getattr(part, "close", None)
            if close is not None:
                try:
                    close()
                except Exception:  # a teardown fault must not reach the trainee
                    pass

    def hear_file(self, path) -> Transcript:
        """Recognise a trainee turn from a WAV file (``--audio-script``); an unreadable file is one UsageError line."""
        import wave

        try:
            audio = read_wav(path)
        except FileNotFoundError:
            raise UsageError(f"no such audio file: {path}") from None
        except (wave.Error, EOFError, ValueError) as exc:
            raise UsageError(f"{path} is not a PCM WAV file ({exc}): record 16-bit PCM WAV") from None
        return self.hear(audio)


def voice_for_call(
    scenario,
    lang: str,
    *,
    tts: str | None = "espeak-ng",
    recognizer: str | None = None,
    listen: bool = False,
    player: str = "null",
    audio_out: str | None = None,
    seed: int = 0,
    hands_free: bool = False,
) -> VoicePipeline:
    """The voice pipeline of one call of ``scenario``, built once at start-up.

    ``tts=None`` keeps the customer silent (lines are still written when
    ``audio_out`` is set, with the silent backend); ``listen`` builds the
    recogniser (``recognizer`` by name, else the language's offline default)
    with a domain model made from the scenario. Fails here, before the call
    starts, with a BackendError naming what is missing.
    """
    from simulator.voice.domain import scenario_vocabulary

    synth = get_synthesizer(tts or "silent")
    if tts == "espeak-ng":
        from simulator.voice.voices import fallback_note

        note = fallback_note(lang, scenario.persona.voice.get(lang))
        if note:
            import click

            click.echo(f"simulator: {note}", err=True)
    rec = None
    if listen:
        vocab = scenario_vocabulary(scenario, lang)
        rec = get_recognizer(recognizer, lang, vocab) if recognizer else default_recognizer(lang, vocab)
    recorder = None
    if audio_out:
        try:
            recorder = Recorder(audio_out)
        except OSError as exc:
            raise UsageError(f"cannot write audio to {audio_out}: {exc.strerror or exc}") from None
    pipeline = VoicePipeline(synth, scenario.line, scenario.persona.voice, lang, recognizer=rec,
                             player=get_player(player), recorder=recorder, seed=seed)
    pipeline.hands_free = hands_free
    if tts:
        pipeline.warm()
    return pipeline
