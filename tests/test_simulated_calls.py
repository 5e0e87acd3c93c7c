"""Simulated trainees and the team's scripts: no crash, no debrief contradiction, good > mediocre > poor."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.dialogue import Engine
from simulator.dialogue.session import Call
from simulator.scenario import available, load
from simulator.scoring.consistency import problems
from simulated_trainees import mean_totals

ROOT = Path(__file__).resolve().parent
SCRIPTS = sorted(p for folder in ("scripts", "scripts_independent", "scripts_playtest") for p in (ROOT / folder).glob("*/*.txt"))
PER_QUALITY = 12
"""Simulated calls per scenario, language and quality in the test (bench/consistency.py plays thousands)."""


def _play(sc, lang: str, lines: list[str], seed: int = 0) -> Call:
    call = Call(Engine(sc, lang), seed=seed)
    call.play(lines)
    return call


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}/{p.name}")
def test_scripted_calls_have_consistent_debriefs(path: Path) -> None:
    sc, lang = load(path.parent.name), path.name.split("-")[0]
    call = _play(sc, lang, [l for l in path.read_text(encoding="utf-8").splitlines() if l.strip()])
    assert problems(sc, call.state, call.score) == []


@pytest.mark.parametrize("sid", available())
def test_simulated_trainees_rank_good_over_mediocre_over_poor_without_contradictions(sid: str) -> None:
    sc = load(sid)
    for lang in sc.languages:
        means = mean_totals(sc, lang, PER_QUALITY, Engine)
        assert means["good"] > means["mediocre"] > means["poor"], (sid, lang, means)
