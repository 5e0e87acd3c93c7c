"""Start-up of the trainee window: from the call of run_window to the ringing call screen, then to the opening.

SDL dummy video driver (no display needed). The Enter that takes the call is
posted before the window starts, so "window to the ringing call screen"
includes the start screen's first frame and pygame and font initialisation
(target <= 0.5 s from run_window); then the trainee's greeting is sent and the
time to the customer's opening drawn is printed. The fresh-process figure
adds the imports and loading the scenario (target < 1 s).
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


def startup_once(lang: str) -> tuple[float, float, float, float]:
    """Seconds, in a fresh process: to the start screen's first frame; to the opening line drawn; run_window to the
    ringing call screen; the trainee's greeting sent to the customer's opening drawn."""
    import subprocess

    code = f"""
import os, time
t0 = time.perf_counter()
from simulator.dialogue import Engine
from simulator.dialogue.session import Call
from simulator.scenario import load
from simulator.ui import window as win
import pygame
first = {{}}
def on_frame(app):
    if 'start' not in first:
        first['start'] = time.perf_counter() - t0
    if app.screen == 'call' and 'ring' not in first:
        first['ring'] = time.perf_counter() - t0  # the phone rings: the trainee answers
        first['answered'] = time.perf_counter() - t0
        app.view.send('Guten Tag, IT-Hotline, mein Name ist Berger.' if '{lang}' == 'de' else 'Hello, IT desk, Sam speaking.')
    elif app.screen == 'call' and app.view.drawn_turns >= 2:
        first['call'] = time.perf_counter() - t0
        app.quit = True
orig = win.open_display
def open_display(*a, **k):
    s = orig(*a, **k)
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode='\\r', scancode=0))
    return s
win.open_display = open_display
call = Call(Engine(load('checked-plug'), '{lang}'), scorer=None)
first['run'] = time.perf_counter() - t0
win.run_window(call, on_frame=on_frame)
print(first['start'], first['call'], first['ring'] - first['run'], first['call'] - first['answered'])
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": os.environ.get("PYTHONPATH", ".")})
    start, call, window, reply = map(float, out.stdout.split()[-4:])
    return start, call, window, reply


def frame_times() -> list[float]:
    import pygame

    from simulator.dialogue import Engine
    from simulator.dialogue.session import Call
    from simulator.scenario import load
    from simulator.ui.trainee import TraineeApp

    pygame.display.init()
    pygame.font.init()
    app = TraineeApp(Call(Engine(load("checked-plug"), "en"), scorer=None))
    app.take_call()
    with open("tests/scripts/checked-plug/en-good.txt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and not app.call.ended:
                app.view.send(line)
    surface = pygame.Surface((1366, 768))
    times = []
    for _ in range(60):
        t = time.perf_counter()
        app.update()
        app.draw(surface)
        times.append(time.perf_counter() - t)
    return times


def main() -> None:
    for lang in ("en", "de"):
        runs = [startup_once(lang) for _ in range(5)]
        starts = [r[0] for r in runs]
        calls = [r[1] for r in runs]
        windows = [r[2] for r in runs]
        replies = [r[3] for r in runs]
        print(f"[{lang}] window to the ringing call screen (run_window -> call screen drawn): "
              f"median {statistics.median(windows) * 1000:.0f} ms, max {max(windows) * 1000:.0f} ms  target <= 500 ms")
        print(f"[{lang}] greeting sent -> customer's opening drawn: "
              f"median {statistics.median(replies) * 1000:.0f} ms, max {max(replies) * 1000:.0f} ms")
        print(f"[{lang}] fresh process, imports + scenario + engine + run_window -> opening line drawn: "
              f"median {statistics.median(calls) * 1000:.0f} ms, max {max(calls) * 1000:.0f} ms "
              f"(5 runs; first frame {statistics.median(starts) * 1000:.0f} ms)  target < 1000 ms")
    times = frame_times()
    print(f"call screen frame (1366x768, 15 transcript lines): median {statistics.median(times) * 1000:.1f} ms, "
          f"max {max(times) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
