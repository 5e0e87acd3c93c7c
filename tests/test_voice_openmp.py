"""OpenMP's thread count is pinned before pygame's mixer loads its libgomp (shared with the embedding engine)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PROBE = """
import ctypes, glob, os
import simulator  # first, as every entry point does
import pygame
pygame.mixer.init(frequency=22050, size=-16, channels=1, buffer=512)
libs = glob.glob(os.path.join(os.path.dirname(pygame.__file__) + '.libs', 'libgomp*'))
gomp = [line.split()[-1] for line in open('/proc/self/maps') if 'libgomp' in line]
print(ctypes.CDLL(gomp[0] if gomp else libs[0]).omp_get_max_threads() if (gomp or libs) else 'none')
"""


def test_the_mixers_openmp_runtime_starts_with_one_thread() -> None:
    env = {"SDL_AUDIODRIVER": "dummy", "PYGAME_HIDE_SUPPORT_PROMPT": "1", "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=60,
                         cwd=Path(__file__).parent.parent)
    if out.returncode != 0 or out.stdout.strip() == "none":
        pytest.skip(f"no pygame mixer with an OpenMP runtime here: {out.stderr.strip()[-200:]}")
    assert out.stdout.strip() == "1"
