"""Validity of the score: the team's good / mediocre / poor scripts for every scenario and language.

good >= 75, poor <= 35, good > mediocre > poor by at least 10 points each;
checked through the engine and through ``simulator play --json``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.dialogue import Engine
from simulator.dialogue.session import play as play_call
from simulator.scenario import available, load
from simulator.scoring import score_call

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "tests" / "scripts"
QUALITIES = ("good", "mediocre", "poor")


def _lines(path: Path) -> list[str]:
    return [l.rstrip("\n") for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]


def play(scenario, lang: str, lines: list[str]):
    return play_call(Engine(scenario, lang), lines)


def breakdown(score) -> str:
    rows = [f"total {score.total:.1f}"]
    for d in score.dimensions:
        rows.append(f"  {d.name:13} {d.value if d.value is not None else 'n/a':>6} (w {d.weight:g})")
        for e in d.evidence:
            rows.append(f"      T{e.turn} {e.effect:+.1f} {e.note} | {e.quote[:60]}")
    return "\n".join(rows)


def _pairs() -> list[tuple[str, str]]:
    out = []
    for sid in available():
        for lang in load(sid).languages:
            if any((SCRIPTS / sid / f"{lang}-{q}.txt").exists() for q in QUALITIES):
                out.append((sid, lang))
    return out


def test_every_scenario_has_scripts():
    missing = [f"{sid}/{lang}-{q}.txt" for sid in available() for lang in load(sid).languages
               for q in QUALITIES if not (SCRIPTS / sid / f"{lang}-{q}.txt").exists()]
    assert not missing, "scenarios without trainee scripts: " + ", ".join(missing)


@pytest.mark.parametrize("sid,lang", _pairs())
def test_good_mediocre_poor_are_ordered(sid: str, lang: str):
    sc = load(sid)
    scores = {}
    for q in QUALITIES:
        path = SCRIPTS / sid / f"{lang}-{q}.txt"
        assert path.exists(), f"missing {path}"
        scores[q] = score_call(sc, play(sc, lang, _lines(path)))
    report = "\n".join(f"--- {q}\n{breakdown(s)}" for q, s in scores.items())
    g, m, p = (scores[q].total for q in QUALITIES)
    assert g >= 75, f"good scores {g} < 75\n{report}"
    assert p <= 35, f"poor scores {p} > 35\n{report}"
    assert g - m >= 10, f"good {g} not 10 above mediocre {m}\n{report}"
    assert m - p >= 10, f"mediocre {m} not 10 above poor {p}\n{report}"


@pytest.mark.parametrize("quality", QUALITIES)
def test_cli_play_json_includes_the_score(quality: str, capsys):
    from simulator.cli import main

    path = SCRIPTS / "checked-plug" / f"en-{quality}.txt"
    code = main(["play", "checked-plug", "--lang", "en", "--script", str(path), "--json"])
    assert code == 0
    doc = json.loads(capsys.readouterr().out)
    assert "score" in doc, "play --json must carry the score (wire simulator.scoring.attach in cli.play)"
    sc = load("checked-plug")
    expected = score_call(sc, play(sc, "en", _lines(path))).to_json()
    assert doc["score"] == expected
