"""Simulated trainees: many calls per scenario and language, written from banks of phrasings.

Each simulated call is assembled turn by turn from the lines that people of
one quality (good, mediocre, poor) wrote for that scenario and language —
the team's scripts and the independently written ones — and seasoned with
lines from the independent line bank (``tests/data/bank``): a good trainee now
and then adds a line of understanding, a poor one a dismissive or rude line.
Deterministic for a seed. Used by ``tests/test_simulated_calls.py`` and
``bench/consistency.py``.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent
QUALITIES = ("good", "mediocre", "poor")
SEASONING = {"good": ("empathy", 0.2), "mediocre": ("closed_question", 0.2), "poor": ("rude", 0.25)}
"""Per quality: which act's bank lines are mixed in, and how often per turn."""


def _lines(path: Path) -> list[str]:
    return [l for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]


@lru_cache(maxsize=None)
def scripts(sid: str, lang: str, quality: str) -> tuple[tuple[str, ...], ...]:
    """Every script of that scenario, language and quality (team and independent)."""
    found = []
    for folder in ("scripts", "scripts_independent"):
        path = ROOT / folder / sid / f"{lang}-{quality}.txt"
        if path.exists():
            found.append(tuple(_lines(path)))
    return tuple(found)


@lru_cache(maxsize=None)
def bank(lang: str, act: str, *, only: bool = True) -> tuple[str, ...]:
    """Bank lines of ``lang`` labelled with ``act`` (``only``: and nothing else but greeting/active listening)."""
    out = []
    for path in sorted((ROOT / "data" / "bank").glob(f"{lang}-*.jsonl")):
        for raw in path.read_text(encoding="utf-8").splitlines():
            if not raw.strip():
                continue
            row = json.loads(raw)
            acts = set(row.get("acts") or ())
            if act in acts and (not only or acts <= {act, "active_listening"}):
                out.append(row["text"])
    return tuple(out)


def calls(sid: str, lang: str, quality: str, count: int, seed: int = 0) -> Iterator[list[str]]:
    """``count`` simulated calls (lists of trainee lines) of one quality."""
    sources = scripts(sid, lang, quality)
    if not sources:
        return
    act, rate = SEASONING[quality]
    extra = bank(lang, act)
    for n in range(count):
        rng = random.Random(f"{sid}:{lang}:{quality}:{seed}:{n}")
        length = max(len(s) for s in sources)
        lines: list[str] = []
        for pos in range(length):
            options = [s[pos] for s in sources if pos < len(s)]
            line = rng.choice(options)
            if extra and pos > 0 and rng.random() < rate:
                spice = rng.choice(extra)
                line = f"{spice} {line}" if quality == "good" else spice if quality == "poor" else f"{line} {spice}"
            lines.append(line)
        yield lines


def mean_totals(sc, lang: str, per_quality: int, engine) -> dict[str, float]:
    """Mean total per quality over ``per_quality`` simulated calls each, played on ``engine(sc, lang)``;
    asserts that no debrief contradicts its call."""
    import statistics

    from simulator.dialogue.session import Call
    from simulator.scoring.consistency import problems

    means = {}
    for quality in QUALITIES:
        totals = []
        for i, lines in enumerate(calls(sc.id, lang, quality, per_quality)):
            call = Call(engine(sc, lang), seed=i)
            call.play(lines)
            found = problems(sc, call.state, call.score)
            assert found == [], (sc.id, lang, quality, lines, found)
            totals.append(call.score.total)
        means[quality] = statistics.mean(totals)
    return means
