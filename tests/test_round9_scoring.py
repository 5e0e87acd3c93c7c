"""Play-test round 9: debrief statements that contradicted each other or the transcript, and must not come back.

The play-testers' calls are in ``tests/scripts_playtest/<scenario>/<lang>-r9-<quality>.txt``. Where a finding is the
analyser reading a line its own way, the test pins the reading (``_reading``), so the rule under test is the
scorer's, not the analyser's of the day. Finding ids (EN F6, DE B9, …) are the testers' (/tmp/r9/*/findings.md).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from simulator.scoring import score_call
from simulator.scoring.consistency import problems
from simulator.scoring.transcript import sentences_of

from playtest_calls import ROOT
from playtest_calls import items as _items
from playtest_calls import kinds as _kinds
from playtest_calls import play as _play
from playtest_calls import reading as _reading
from playtest_calls import script as _script

R9 = sorted((ROOT / "scripts_playtest").glob("*/*-r9-*.txt"))


def _r9(sid: str, name: str):
    return _play(sid, name.split("-")[0], _script(sid, name))


def _forge(score, dim: str, kind: str, **changes):
    """The score with evidence items of ``dim`` changed (as an old scorer would have written them)."""
    dims = []
    for d in score.dimensions:
        if d.name == dim:
            d = replace(d, evidence=tuple(replace(e, **changes) if e.kind == kind else e for e in d.evidence))
        dims.append(d)
    return replace(score, dimensions=tuple(dims))


@pytest.mark.parametrize("path", R9, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_round9_calls_have_consistent_debriefs(path):
    sc, state, score = _play(path.parent.name, path.name[:2], _script(path.parent.name, path.stem))
    assert problems(sc, state, score) == []


# -- EN F1/F6/F10, DE B9: a quote is the whole sentence that earned the credit, never a fragment of it -------------
def test_sentences_of_widens_a_marker_to_its_sentences():
    text = "Oh, I am very sorry. I look now in the ticket so I can tell you exactly what happened. One moment."
    assert sentences_of(text, "so I can tell") == "I look now in the ticket so I can tell you exactly what happened."
    assert sentences_of(text, "sorry. I look") == "Oh, I am very sorry. I look now in the ticket so I can tell you " \
                                                 "exactly what happened."
    assert sentences_of(text, "not there") == text


def test_transparency_quotes_whole_sentences():
    sc, state, score = _r9("missed-appointment", "en-r9-good")
    quotes = [e.quote for e in _items(score, "transparency") if e.kind == "transparency"]
    assert quotes and "so I can tell" not in quotes and "I see here" not in quotes
    assert any(q.startswith("I look now in the ticket") and q.endswith("one moment please.") for q in quotes)


def test_checker_reports_a_quote_that_is_not_a_whole_sentence():
    sc, state, score = _r9("diva-complaint", "en-r9-good")
    t2 = next(t for t in state.trainee_turns if t.number == 2)
    fragment = "I'm just pulling up your ticket"
    assert fragment in t2.text
    forged = _forge(score, "transparency", "transparency", quote=fragment)
    assert any("not a whole sentence" in p for p in problems(sc, state, forged))
