"""Speed of the utterance analyser: median and p99 microseconds per utterance.

Runs every corpus and held-out line through the analyser (after one warm-up
pass, as in a real session where the analyser is loaded once) and prints
figures per language and overall. No assertions.

    PYTHONPATH=. python bench/analyser.py [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from simulator.analysis import LANGUAGES, Analyser

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"


def lines(lang: str) -> list[str]:
    texts = []
    for name in (f"corpus_{lang}.jsonl", f"heldout_{lang}.jsonl"):
        path = DATA / name
        if path.exists():
            texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return texts


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    everything: list[float] = []
    start = time.perf_counter()
    for lang in LANGUAGES:
        Analyser.for_language(lang)
    print(f"load both languages: {(time.perf_counter() - start) * 1000:.1f} ms")
    for lang in LANGUAGES:
        analyser = Analyser.for_language(lang)
        texts = lines(lang)
        cold = []
        for text in texts:
            t0 = time.perf_counter()
            analyser.analyse(text)
            cold.append((time.perf_counter() - t0) * 1e6)
        timings = []
        for _ in range(args.rounds):
            for text in texts:
                t0 = time.perf_counter()
                analyser.analyse(text)
                timings.append((time.perf_counter() - t0) * 1e6)
        everything += timings
        print(
            f"{lang}: {len(texts)} utterances  first pass median {statistics.median(cold):.0f} µs "
            f"p99 {percentile(cold, 0.99):.0f} µs | warm median {statistics.median(timings):.0f} µs "
            f"p99 {percentile(timings, 0.99):.0f} µs"
        )
    huge = "Drücken Sie bitte den Knopf, ich schaue gerade nach. " * 200
    t0 = time.perf_counter()
    Analyser.for_language("de").analyse(huge)
    print(f"one {len(huge)}-char line (analysed up to 2,000 chars): {(time.perf_counter() - t0) * 1e3:.2f} ms")
    print(f"all: median {statistics.median(everything):.0f} µs  p99 {percentile(everything, 0.99):.0f} µs")


if __name__ == "__main__":
    main()
