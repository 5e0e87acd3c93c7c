"""Engine speed: time per turn with every scenario loaded, and CLI start-up.

Prints figures; targets: engine p99 <= 5 ms per turn, `simulator --help` <= 0.3 s.
Run: .venv/bin/python bench/engine.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from simulator.dialogue import Engine  # noqa: E402
from simulator.scenario import available, load  # noqa: E402

LINES = {
    "en": ["Hello, IT service desk, my name is Sam. What exactly happens?", "I see, that's annoying.",
           "Could you please check the cable?", "I'm asking because I want to rule that out.",
           "So to recap, the strip was off.", "DNS and DHCP look fine on the gateway.",
           "I will call you back by four o'clock.", "Thanks for calling, goodbye!"],
    "de": ["Guten Tag, IT-Service, Sam am Apparat. Was genau passiert denn?", "Aha, verstehe, das ist ärgerlich.",
           "Können Sie bitte das Kabel prüfen?", "Ich frage, weil ich das ausschließen möchte.",
           "Also zusammengefasst: die Leiste war aus.", "DNS und DHCP am Gateway sind okay.",
           "Ich rufe Sie bis 16 Uhr zurück.", "Danke für Ihren Anruf, auf Wiederhören!"],
}


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(p / 100 * len(values)))]


def main() -> None:
    t0 = time.perf_counter()
    scenarios = [load(sid) for sid in available()]
    engines = [Engine(sc, lang) for sc in scenarios for lang in sc.languages]
    print(f"loaded {len(scenarios)} scenarios, {len(engines)} engines in {(time.perf_counter() - t0) * 1000:.0f} ms")
    times: list[float] = []
    for rep in range(20):
        for engine in engines:
            state = engine.start(seed=rep)
            for line in LINES[engine.lang]:
                if state.ended:
                    break
                t = time.perf_counter()
                state = engine.respond(state, line)
                times.append((time.perf_counter() - t) * 1000)
    print(f"engine per turn: n={len(times)} median {statistics.median(times):.3f} ms, "
          f"p99 {percentile(times, 99):.3f} ms, max {max(times):.3f} ms (target p99 <= 5 ms)")
    walls = []
    for _ in range(7):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "simulator", "--help"], cwd=ROOT, capture_output=True, check=True)
        walls.append(time.perf_counter() - t)
    print(f"simulator --help wall time: median {statistics.median(walls):.3f} s, "
          f"max {max(walls):.3f} s (target <= 0.3 s)")


if __name__ == "__main__":
    main()
