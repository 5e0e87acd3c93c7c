"""Start-up of the trainee window: from the call of run_window to the first frame with the opening line drawn.

SDL dummy video driver (no display needed). The Enter that takes the call is
posted before the window starts, so the figure includes the start screen's
first frame, pygame and font initialisation and the engine's opening.
Also: the frame time of the call screen with a long transcript.

    PYTHONPATH=. python bench/window.py
"""

from __future__ import annotations

import os
import statistics
import sys
import time

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"


def startup_once(lang: str) -> tuple[float, float]:
    """(seconds to the start screen's first frame, seconds to the opening line drawn) in a fresh process."""
    import subprocess

    code = f"""
import os, time
t0 = time.perf_counter()
from simulator.dialogue import Engine
from simulator.scenario import load
from simulator.ui import window as win
import pygame
first = {{}}
def on_frame(w):
    m = w.model
    if 'start' not in first:
        first['start'] = time.perf_counter() - t0
    if m.screen == 'call' and m.drawn_turns >= 1:
        first['call'] = time.perf_counter() - t0
        m.quit = True
orig = win.open_display
def open_display(*a, **k):
    s = orig(*a, **k)
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode='\\r', scancode=0))
    return s
win.open_display = open_display
engine = Engine(load('checked-plug'), '{lang}')
win.run_window(engine, lang='{lang}', on_frame=on_frame, scorer=None)
print(first['start'], first['call'])
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": os.environ.get("PYTHONPATH", ".")})
    start, call = map(float, out.stdout.split()[-2:])
    return start, call


def frame_times() -> list[float]:
    import pygame

    from simulator.dialogue import Engine
    from simulator.scenario import load
    from simulator.ui.window import CallWindow

    pygame.display.init()
    pygame.font.init()
    engine = Engine(load("checked-plug"), "en")
    w = CallWindow(engine, scorer=None)
    w.take_call()
    with open("tests/scripts/checked-plug/en-good.txt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and not w.model.state.ended:
                w.send(line)
    surface = pygame.Surface((1366, 768))
    times = []
    for _ in range(60):
        t = time.perf_counter()
        w.tick()
        w.draw(surface)
        times.append(time.perf_counter() - t)
    return times


def main() -> None:
    for lang in ("en", "de"):
        runs = [startup_once(lang) for _ in range(5)]
        starts = [r[0] for r in runs]
        calls = [r[1] for r in runs]
        print(f"[{lang}] fresh process, imports + scenario + engine + run_window -> opening line drawn: "
              f"median {statistics.median(calls) * 1000:.0f} ms, max {max(calls) * 1000:.0f} ms "
              f"(5 runs; first frame {statistics.median(starts) * 1000:.0f} ms)  target < 1000 ms")
    times = frame_times()
    print(f"call screen frame (1366x768, 15 transcript lines): median {statistics.median(times) * 1000:.1f} ms, "
          f"max {max(times) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
