"""Hand-written fakes for the window and seminar tests: a Score per the scorer's contract, a clock, voice."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from dataclasses import dataclass  # noqa: E402

import pytest  # noqa: E402

from simulator.errors import BackendError  # noqa: E402

from simulator.scoring import DIMENSIONS, DimensionScore, EvidenceItem, Score  # noqa: E402


def fake_score(scenario, state, *, turns=None):
    """A deterministic Score from the transcript: acts of the counted trainee turns give points."""
    counted = [t for t in state.transcript if t.speaker == "trainee" and (turns is None or t.number in turns)]
    dims = []
    for i, name in enumerate(DIMENSIONS):
        if name == "summarising" and not counted:
            dims.append(DimensionScore(name, None, 1.0, (), ""))
            continue
        hits = [t for t in counted if (name == "empathy" and "empathy" in t.acts)
                or (name == "questioning" and "open_question" in t.acts)
                or (name == "checklist" and t.steps)]
        value = min(100.0, 40.0 + 20.0 * len(hits) + 3 * i) if counted else 0.0
        ev = tuple(EvidenceItem(name, t.number, t.text[:60], 5.0, f"{name} in turn {t.number}",
                                "Keep it up." if state.lang == "en" else "Weiter so.") for t in hits[:2])
        dims.append(DimensionScore(name, value, 1.0, ev, f"A tip about {name}." if name in ("clarity", "courtesy") else ""))
    applicable = [d for d in dims if d.value is not None]
    total = sum(d.value * d.weight for d in applicable) / sum(d.weight for d in applicable)
    return Score(total=total, lang=state.lang, dimensions=tuple(dims))


class CountingScorer:
    """``fake_score`` that counts how often it was asked: a call must be scored exactly once."""

    def __init__(self) -> None:
        self.calls = []

    def __call__(self, scenario, state, *, turns=None):
        self.calls.append(state)
        return fake_score(scenario, state, turns=turns)


class EndRecorder:
    """A call observer recording every ``on_turn`` state and every ``on_end`` (state, score), as a store would."""

    def __init__(self) -> None:
        self.turns = []
        self.ends = []

    def on_turn(self, state):
        self.turns.append(state)

    def on_end(self, state, score):
        self.ends.append((state, score))


class FakeClock:
    """A clock the test sets by hand."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@dataclass(frozen=True)
class FakeAudio:
    duration: float

    def concat(self, other):
        return FakeAudio(self.duration + other.duration)


@dataclass(frozen=True)
class FakeImpaired:
    audio: FakeAudio
    dropouts: tuple


@dataclass(frozen=True)
class FakeTranscript:
    text: str
    confidence: float = 1.0


class FakePlayer:
    def __init__(self):
        self.played = []

    def play(self, audio):
        self.played.append(audio)

    def wait(self, timeout=None):
        return True

    def stop(self):
        pass


class FakePipeline:
    """Speaks nothing; each sentence lasts 2 s with one dropout 0.5-0.9 s; hears a fixed line."""

    def __init__(self, heard="What exactly happens when you try to print?"):
        self.player = FakePlayer()
        self.recorder = None
        self.heard = heard
        self.spoken = []

    def sentences(self, text):
        self.spoken.append(text)
        yield FakeImpaired(FakeAudio(2.0), ((0.5, 0.9),))

    def hear(self, audio):
        return FakeTranscript(self.heard)


class FakeMicrophone:
    def __init__(self, present=True):
        self.present = present
        self.recording = False

    def open(self):
        if not self.present:
            raise BackendError("no microphone found: PortAudio lists no input device; falling back to typing")
        return self

    def start(self):
        self.recording = True

    def stop(self):
        self.recording = False
        return FakeAudio(1.5)


# -- screenshots ---------------------------------------------------------------
GOLDEN_DIR = os.path.join(os.path.dirname(__file__), "golden", "screens")
TOLERANCE = 0.02
"""Greatest mean absolute pixel difference (fraction of 255) from the stored screenshot."""


def compare_golden(surface, name: str) -> float:
    """Mean absolute difference of ``surface`` from tests/golden/screens/NAME.png (0..1).

    ``UPDATE_GOLDEN=1`` rewrites the stored file instead (and returns 0).
    """
    import numpy as np
    import pygame

    path = os.path.join(GOLDEN_DIR, f"{name}.png")
    if os.environ.get("UPDATE_GOLDEN") == "1" or not os.path.exists(path):
        os.makedirs(GOLDEN_DIR, exist_ok=True)
        pygame.image.save(surface, path)
        if os.environ.get("UPDATE_GOLDEN") != "1":
            raise AssertionError(f"no golden screenshot {path}: written now, check it and run again")
        return 0.0
    stored = pygame.image.load(path)
    assert stored.get_size() == surface.get_size(), f"{name}: size {surface.get_size()} != golden {stored.get_size()}"
    a = pygame.surfarray.array3d(surface).astype(np.int16)
    b = pygame.surfarray.array3d(stored).astype(np.int16)
    return float(np.abs(a - b).mean() / 255.0)


def key(k, mod=0, unicode=""):
    import pygame

    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode=unicode, scancode=0)


def key_up(k, mod=0):
    import pygame

    return pygame.event.Event(pygame.KEYUP, key=k, mod=mod, unicode="", scancode=0)


def typed(value):
    import pygame

    return pygame.event.Event(pygame.TEXTINPUT, text=value)


@pytest.fixture(scope="module", autouse=True)
def display():
    """A 64x64 window on SDL's dummy driver for the module (import it into a test module to use it)."""
    import pygame

    pygame.display.init()
    pygame.font.init()
    pygame.display.set_mode((64, 64))
    yield
    pygame.display.quit()
