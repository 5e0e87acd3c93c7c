"""Playback of clips: pygame's mixer, or nothing.

``SDL_AUDIODRIVER=dummy`` makes the pygame mixer work on a machine without a
sound card (nothing is heard, timing is real).
"""

from __future__ import annotations

import os
import sys
import time
from typing import Protocol, runtime_checkable

from simulator.errors import BackendError
from simulator.voice.audio import Audio


@runtime_checkable
class Player(Protocol):
    """Plays one clip at a time, without blocking."""

    name: str

    def play(self, audio: Audio) -> None:
        """Start playing ``audio`` (stopping whatever plays) and return at once."""
        ...

    def wait(self, timeout: float | None = None) -> bool:
        """Block until playback ends (True) or ``timeout`` seconds pass (False)."""
        ...

    def stop(self) -> None:
        """Stop playback now."""
        ...

    @property
    def busy(self) -> bool:
        """Whether a clip is still playing."""
        ...


class PygamePlayer:
    """pygame.mixer playback, mixer opened once at a fixed rate; clips are resampled to it."""

    name = "pygame"

    def __init__(self, rate: int = 22050) -> None:
        os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
        try:
            import pygame
        except ImportError as exc:
            raise BackendError("audio playback needs pygame: pip install pygame") from exc
        self._pygame = pygame
        if (sys.platform.startswith("linux") and not os.environ.get("SDL_AUDIODRIVER")
                and not os.path.exists("/dev/snd") and not os.environ.get("PULSE_SERVER")
                and not os.path.exists(f"/run/user/{os.getuid()}/pulse")):
            # Ask before opening: ALSA would print a screenful of errors first.
            raise BackendError("no sound card found (no /dev/snd): play with --no-voice, "
                               "or set SDL_AUDIODRIVER=dummy to run silently")
        try:
            if not pygame.mixer.get_init():
                pygame.mixer.init(frequency=rate, size=-16, channels=1, buffer=512)
        except pygame.error as exc:
            raise BackendError(
                f"no audio output ({exc}); play with --no-voice, or set SDL_AUDIODRIVER=dummy to run silently"
            ) from exc
        self.rate, size, self.channels = pygame.mixer.get_init()
        if abs(size) != 16:
            raise BackendError(f"the audio output opened with {abs(size)}-bit samples; 16-bit needed")
        self._channel = None

    def play(self, audio: Audio) -> None:
        import numpy as np

        x = audio.resampled(self.rate).array()
        if self.channels > 1:
            x = np.repeat(x[:, None], self.channels, axis=1).reshape(-1)
        self.stop()
        sound = self._pygame.mixer.Sound(buffer=x.astype("<i2").tobytes())
        self._channel = sound.play()

    @property
    def busy(self) -> bool:
        return bool(self._channel is not None and self._channel.get_busy())

    def wait(self, timeout: float | None = None) -> bool:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.busy:
            if deadline is not None and time.monotonic() >= deadline:
                return False
            time.sleep(0.01)
        return True

    def stop(self) -> None:
        if self._channel is not None:
            self._channel.stop()
            self._channel = None


class NullPlayer:
    """Plays nothing; remembers what it was given (for tests and --no-sound)."""

    name = "null"

    def __init__(self) -> None:
        self.played: list[Audio] = []

    def play(self, audio: Audio) -> None:
        self.played.append(audio)

    @property
    def busy(self) -> bool:
        return False

    def wait(self, timeout: float | None = None) -> bool:
        return True

    def stop(self) -> None:
        pass
