"""Scripts written independently of the team's (tests/scripts_independent/) must rank the same way.

good >= 75, poor <= 35, good > mediocre > poor by >= 10 points each. Known failures are
xfail(strict=True) with the diagnosis, so a fix in the analyser/engine shows up as XPASS.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from simulator.dialogue.engine import Engine
from simulator.dialogue.session import play as play_call
from simulator.scenario.loader import load
from simulator.scoring import score_call

ROOT = Path(__file__).parent / "scripts_independent"
CASES = sorted((p.name, lang) for p in ROOT.iterdir() if p.is_dir() for lang in ("de", "en"))

KNOWN = {
    ("mobile-caller", "de"): "mediocre asks only closed questions and its photo line does not take the fix (the obstacle is "
                             "found, round 12), the call stays unsolved (32) vs poor line drop (24): gap < 10",
    ("voicebox-rambler", "de"): "mediocre never structures the call, so every step after the callback stays unreached, "
                                "and since round 12 a bare 'Okay' before 'Tschüss' no longer counts as listening: "
                                "22.8 vs poor 13.3, gap 9.5 < 10",
}
FLAKY: dict[tuple[str, str], str] = {}


def _play(sid: str, lang: str, lines: list[str]):
    scenario = load(sid)
    state = play_call(Engine(scenario, lang), lines)
    return scenario, state, score_call(scenario, state)


def _lines(sid: str, lang: str, level: str) -> list[str]:
    return [l for l in (ROOT / sid / f"{lang}-{level}.txt").read_text(encoding="utf-8").splitlines() if l.strip()]


def _breakdown(score) -> str:
    return f"{score.total:.1f} " + ", ".join(f"{d.name}={d.value}" for d in score.dimensions)


@pytest.mark.parametrize("sid,lang", [
    pytest.param(s, l, marks=pytest.mark.xfail(reason=KNOWN[(s, l)], strict=True)) if (s, l) in KNOWN
    else pytest.param(s, l, marks=pytest.mark.xfail(reason=FLAKY[(s, l)], strict=False)) if (s, l) in FLAKY
    else (s, l)
    for s, l in CASES])
def test_ranking(sid: str, lang: str) -> None:
    scores = {lvl: _play(sid, lang, _lines(sid, lang, lvl))[2] for lvl in ("good", "mediocre", "poor")}
    info = "\n".join(f"{lvl}: {_breakdown(s)}" for lvl, s in scores.items())
    g, m, p = (scores[k].total for k in ("good", "mediocre", "poor"))
    assert g >= 75, info
    assert p <= 35, info
    assert g - m >= 10 and m - p >= 10, info


def _asr(line: str) -> str:
    return re.sub(r"[^\w\s']", " ", line).lower()


@pytest.mark.parametrize("sid,lang", [c for c in CASES if c not in KNOWN])
def test_asr_good_still_good(sid: str, lang: str) -> None:
    """Lower case, no punctuation (speech recogniser output): still >= 70 and solved."""
    _, plain, _ = _play(sid, lang, _lines(sid, lang, "good"))
    _, state, score = _play(sid, lang, [_asr(l) for l in _lines(sid, lang, "good")])
    assert score.total >= 70, _breakdown(score)
    assert (state.solved_at is not None) == (plain.solved_at is not None), _breakdown(score)


def test_repeated_empathy_phrase_is_not_rewarded() -> None:
    good = _lines("checked-plug", "en", "good")
    phrase = "I understand how frustrating that is."
    stuffed = [f"{phrase} {l}" for l in good]
    base = _play("checked-plug", "en", good)[2].dimension("empathy").value
    spam = _play("checked-plug", "en", stuffed)[2]
    assert spam.dimension("empathy").value <= base
    assert any(e.effect < 0 and e.dimension == "empathy" for e in spam.evidence)


def test_keyword_stuffing_line_does_not_pass() -> None:
    stuffed = ["Hello, I understand, what exactly happens, so to sum up, I'm checking, by 3 pm, "
               "check the plug anyway, switch on the strip, sorry, goodbye."]
    score = _play("checked-plug", "en", stuffed)[2]
    assert score.total < 60, _breakdown(score)
