"""play stores every call turn by turn; history and export show it; a bad database is one line."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.errors import SimulatorError

ROOT = Path(__file__).resolve().parent.parent
GOOD = ROOT / "tests" / "scripts" / "checked-plug" / "en-good.txt"


def test_scripted_call_is_stored_with_its_score(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 'p.db'}"
    assert main(["play", "checked-plug", "--lang", "en", "--script", str(GOOD), "--json", "--db", db,
                 "--trainee", "Ana Example"]) == 0
    played = json.loads(capsys.readouterr().out)
    assert main(["history", "--trainee", "Ana Example", "--json", "--db", db]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 1
    row = rows[0]
    assert row.get("status") == "finished"
    assert abs(float(row["total"]) - played["score"]["total"]) < 0.05
    assert "Ana Example" not in json.dumps(row)  # history shows the pseudonym, not the name


def test_no_store_and_private_runs_leave_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 'q.db'}"
    assert main(["play", "checked-plug", "--script", str(GOOD), "--json", "--db", db, "--no-store"]) == 0
    assert main(["play", "checked-plug", "--script", str(GOOD), "--json", "--db", db, "--private"]) == 0
    capsys.readouterr()
    assert main(["history", "--json", "--db", db]) == 0
    out = capsys.readouterr().out.strip()
    assert out in ("[]", "") or json.loads(out) == []


def test_unreachable_database_is_one_line_exit_3(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["play", "checked-plug", "--script", str(GOOD), "--json",
                 "--db", "postgresql+psycopg://nobody:secret@127.0.0.1:1/none"])
    err = capsys.readouterr().err
    assert code == 3 and err.count("\n") == 1 and "secret" not in err


def test_killed_interactive_call_keeps_its_turns(tmp_path: Path) -> None:
    """kill -9 during a terminal call: the turns typed so far are stored, the call shows as interrupted."""
    db = f"sqlite:///{tmp_path / 'k.db'}"
    env = dict(os.environ, SIMULATOR_DB=db)
    proc = subprocess.Popen([sys.executable, "-m", "simulator", "play", "checked-plug", "--lang", "en", "--ui", "terminal",
                             "--no-voice", "--trainee", "Ben"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=ROOT, env=env, text=True)
    lines = ["Hello, IT desk, Sam speaking. What exactly happens?", "I see, that's annoying. By when do you need it?"]
    for line in lines:
        proc.stdin.write(line + "\n")
        proc.stdin.flush()
    deadline = time.time() + 30
    # wait until both typed lines are committed, then kill without warning (the phone rings first, so no customer
    # opening is stored as turn 0: counting three turns here waited out the whole deadline on every run)
    from simulator.storage import Store

    while time.time() < deadline:
        try:
            with Store.open(db, check_interrupted=False) as store:
                data = store.export("Ben")
        except SimulatorError:  # the trainee row may not exist yet
            data = None
        stored = [t.get("text") for s in (data or {}).get("sessions", []) for t in s.get("turns", [])]
        if all(line in stored for line in lines):
            break
        time.sleep(0.2)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    out = subprocess.run([sys.executable, "-m", "simulator", "trainee", "export", "Ben"], capture_output=True, text=True,
                         cwd=ROOT, env=env)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    sessions = data["sessions"]
    assert len(sessions) == 1 and sessions[0]["status"] == "interrupted"
    texts = [t["text"] for t in sessions[0]["turns"]]
    assert all(line in texts for line in lines)


def test_history_without_flags_shows_the_profiles_own_calls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """A trainee with a local profile sees their own calls; --all (instructors) sees everyone's."""
    from simulator.config import save_profile

    monkeypatch.setenv("SIMULATOR_CONFIG_DIR", str(tmp_path / "config"))
    db = f"sqlite:///{tmp_path / 'h.db'}"
    assert main(["history", "--json", "--db", db]) == 0  # no profile, no calls: an empty list, no error
    capsys.readouterr()
    for who in ("Ana Example", "Ben Example"):
        assert main(["play", "checked-plug", "--lang", "en", "--script", str(GOOD), "--json", "--db", db,
                     "--trainee", who]) == 0
    capsys.readouterr()
    save_profile("Ben Example")
    assert main(["history", "--json", "--db", db]) == 0
    mine = json.loads(capsys.readouterr().out)
    assert main(["history", "--all", "--json", "--db", db]) == 0
    everyone = json.loads(capsys.readouterr().out)
    assert len(mine) == 1 and len(everyone) == 2
    assert mine[0]["trainee"] in {r["trainee"] for r in everyone}
    save_profile("Cem Nobody")  # a profile with no call in this store yet
    assert main(["history", "--json", "--db", db]) == 0
    assert json.loads(capsys.readouterr().out or "[]") == []
