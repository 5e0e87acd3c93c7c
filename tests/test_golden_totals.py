"""The team's and the independent scripts keep their score totals (tests/golden/totals.json).

Any change of a total, outcome or call length shows up here; a commit that
changes one updates the file and says why. Regenerate with
``PYTHONPATH=. python tests/test_golden_totals.py > tests/golden/totals.json`` (``PYTHONPATH=.``: run as a
script, Python looks for ``simulator`` beside this file first, then in the virtualenv – which, in a git worktree
sharing another checkout's virtualenv, is that checkout's code, not this one's).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.dialogue import Engine
from simulator.dialogue.session import Call
from simulator.scenario import available, load

ROOT = Path(__file__).resolve().parent
GOLDEN = ROOT / "golden" / "totals.json"
FOLDERS = ("scripts", "scripts_independent")


def totals() -> dict[str, dict]:
    out = {}
    for folder in FOLDERS:
        for sid in available():
            sc = load(sid)
            for path in sorted((ROOT / folder / sid).glob("*.txt")):
                lang = path.stem.split("-")[0]
                lines = [l for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
                call = Call(Engine(sc, lang))
                state = call.play(lines)
                out[f"{folder}/{sid}/{path.name}"] = {"total": round(call.score.total, 1),
                                                       "outcome": state.outcome.reason, "turns": state.turn}
    return out


@pytest.fixture(scope="module")
def current() -> dict[str, dict]:
    return totals()


def test_every_script_has_a_golden_total(current):
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert sorted(current) == sorted(golden)


def test_totals_unchanged(current):
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    changed = {k: (golden[k], v) for k, v in current.items() if k in golden and golden[k] != v}
    assert not changed, "score totals moved (update tests/golden/totals.json and say why):\n" + "\n".join(
        f"  {k}: {old} -> {new}" for k, (old, new) in sorted(changed.items()))


if __name__ == "__main__":
    import os

    os.environ["SIMULATOR_EMBEDDINGS"] = os.environ.get("SIMULATOR_TEST_EMBEDDINGS", "none")  # as tests/conftest.py
    print(json.dumps(totals(), indent=1, sort_keys=True))
