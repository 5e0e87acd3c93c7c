"""Voice: speech out (TTS), the telephone line, playback, speech in (STT), microphone.

Importing this package is cheap: numpy, pygame, pyttsx3, pocketsphinx,
SpeechRecognition and sounddevice are imported only when a backend is created
(see :mod:`simulator.voice.registry`). A missing package or device raises
:class:`~simulator.errors.BackendError` naming what to install.
"""

from simulator.voice.audio import Audio, Recorder, read_wav, write_wav
from simulator.voice.domain import DomainVocabulary, ModelWeights, scenario_vocabulary
from simulator.voice.effects import Impaired, impair
from simulator.voice.registry import (
    RECOGNIZERS,
    SYNTHESIZERS,
    VoicePipeline,
    get_player,
    get_recognizer,
    get_synthesizer,
)
from simulator.voice.stt import Recognizer, Transcript, transcribe_file
from simulator.voice.tts import Synthesizer, split_sentences

__all__ = [
    "Audio",
    "DomainVocabulary",
    "Impaired",
    "ModelWeights",
    "RECOGNIZERS",
    "Recognizer",
    "Recorder",
    "SYNTHESIZERS",
    "Synthesizer",
    "Transcript",
    "VoicePipeline",
    "get_player",
    "get_recognizer",
    "get_synthesizer",
    "impair",
    "read_wav",
    "scenario_vocabulary",
    "split_sentences",
    "transcribe_file",
    "write_wav",
]
