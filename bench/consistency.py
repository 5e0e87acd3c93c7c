"""Debrief consistency over thousands of simulated calls, and the spread of good / mediocre / poor.

Prints, per scenario and language, the mean total per quality and the number
of contradictions the consistency checker found (target: none), then the
totals over all calls. ``python bench/consistency.py [--per 40]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from simulated_trainees import QUALITIES, calls  # noqa: E402

from simulator.dialogue import Engine  # noqa: E402
from simulator.dialogue.session import Call  # noqa: E402
from simulator.scenario import available, load  # noqa: E402
from simulator.scoring.consistency import problems  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--per", type=int, default=40, help="simulated calls per scenario, language and quality")
    args = parser.parse_args()
    started = time.perf_counter()
    played = 0
    kinds: Counter[str] = Counter()
    for sid in available():
        sc = load(sid)
        for lang in sc.languages:
            means = {}
            found = 0
            for quality in QUALITIES:
                totals = []
                for i, lines in enumerate(calls(sid, lang, quality, args.per)):
                    call = Call(Engine(sc, lang), seed=i)
                    call.play(lines)
                    played += 1
                    totals.append(call.score.total)
                    for p in problems(sc, call.state, call.score):
                        found += 1
                        kinds[p.split(":")[1].strip()[:60] if ":" in p else p] += 1
                means[quality] = statistics.mean(totals) if totals else float("nan")
            order = "ok" if means["good"] > means["mediocre"] > means["poor"] else "ORDER WRONG"
            print(f"{sid:20} {lang}  good {means['good']:5.1f}  mediocre {means['mediocre']:5.1f}  "
                  f"poor {means['poor']:5.1f}  {order:11}  contradictions {found}")
    print(f"{played} simulated calls in {time.perf_counter() - started:.1f} s; contradictions: {sum(kinds.values())}")
    for kind, n in kinds.most_common(10):
        print(f"  {n:5}  {kind}")


if __name__ == "__main__":
    main()
