"""Time to score a finished 30-turn call (target: <= 20 ms). Prints median and p99 over repeats.

    PYTHONPATH=. python bench/scoring.py [--repeats 300]
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import time
from pathlib import Path

from simulator.dialogue import Engine
from simulator.scenario import load
from simulator.scoring import score_call

ROOT = Path(__file__).resolve().parent.parent


def thirty_turn_call(sid: str = "checked-plug", lang: str = "en"):
    """A finished call of 30 trainee turns: the mediocre script's lines and small talk, repeated."""
    sc = load(sid)
    sc = dataclasses.replace(sc, end=dataclasses.replace(sc.end, max_turns=200, solved_when=("(never)",)),
                             mood=dataclasses.replace(sc.mood, patience=200, hangup_below=-101))
    path = ROOT / "tests" / "scripts" / sid / f"{lang}-good.txt"
    lines = [l for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
    extra = ["I see. Could you tell me what the display shows?", "Right, I'm checking that for you now.",
             "I understand, that is annoying.", "Is the light green or red?", "..."]
    engine = Engine(sc, lang)
    state = engine.start(0)
    i = 0
    while state.turn < 30 and not state.ended:
        line = (extra + lines)[i % (len(extra) + len(lines))] if state.turn < 24 else lines[i % len(lines)]
        state = engine.respond(state, line)
        i += 1
    return sc, engine.finish(state)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=300)
    args = parser.parse_args()
    sc, state = thirty_turn_call()
    score_call(sc, state)  # warm-up: loads the tips file
    times = []
    for _ in range(args.repeats):
        t0 = time.perf_counter()
        score_call(sc, state)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    print(f"score a finished {state.turn}-turn call: median {statistics.median(times):.2f} ms, "
          f"p99 {p99:.2f} ms over {args.repeats} repeats (target <= 20 ms)")


if __name__ == "__main__":
    main()
