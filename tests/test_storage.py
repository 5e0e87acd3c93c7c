"""The session store on real SQLite and a real PostgreSQL server.

Covers: migrations equal the models, the play-loop API, private runs, dead
processes' calls marked interrupted (with a real kill -9), twenty writers at
once, export and delete (the database file is searched for the name and the
texts afterwards), dropping the names table, bad URLs, and the CLI commands.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from simulator.dialogue import Engine
from simulator.errors import BackendError, UsageError
from simulator.scenario import load
from simulator.storage import NOT_STORED, Store
from tests.conftest_pg import pg_server, pg_url  # noqa: F401
from tests.storage_fakes import DIMENSIONS, fake_score

ROOT = Path(__file__).resolve().parent.parent
LINES = ["Guten Tag, IT-Support, Sie sprechen mit Maier. Was kann ich für Sie tun?",
         "Oh je, das ist ärgerlich. Leuchtet am Drucker irgendein Lämpchen?",
         "Können Sie bitte schauen, ob die Steckdosenleiste eingeschaltet ist?"]


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store.db'}"


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return request.getfixturevalue("pg_url")


def play_call(store: Store, trainee: str | None, lines=LINES, seed: int = 1, score=None, **kw) -> int:
    """A real call through the engine, stored turn by turn as the play loop will."""
    sc = load("checked-plug")
    engine = Engine(sc, "de")
    state = engine.start(seed)
    sid = store.begin_session(trainee, sc, "de", seed, kw.get("mode", "practice"), kw.get("private", False))
    for line in lines:  # the phone rings first: her opening comes with the reply to the first line
        state = engine.respond(state, line)
        store.record_turn(sid, state.transcript[-2], state.transcript[-1])
    store.finish_session(sid, engine.finish(state), score if score is not None else fake_score(lang="de"))
    return sid


def count(store: Store, table: str) -> int:
    from sqlalchemy import text

    with store.engine.connect() as conn:
        return conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()


# -- schema ------------------------------------------------------------------------
def test_migrated_schema_equals_models(url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    import importlib.util

    from simulator.storage.models import Base

    if importlib.util.find_spec("simulator.storage.accounts"):  # the web app's tables live on the same metadata
        importlib.import_module("simulator.storage.accounts")
    with Store.open(url) as store, store.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(ctx, Base.metadata) == []
        assert ctx.get_current_revision() == "0006"
        tables = set(store.engine.dialect.get_table_names(conn))
    assert {"trainees", "trainee_names", "cohorts", "scenarios", "sessions", "turns", "session_scores",
            "adjustments", "settings", "trainee_keys", "hr_releases", "hr_figures"} <= tables


def test_sqlite_runs_in_wal_mode_with_busy_timeout(sqlite_url: str) -> None:
    with Store.open(sqlite_url) as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar_one() >= 1000


def test_default_database_lives_in_the_user_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from simulator.storage.config import database_url

    monkeypatch.delenv("SIMULATOR_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    default = database_url()
    assert default == f"sqlite:///{tmp_path / 'xdg' / 'simulator' / 'simulator.db'}"
    monkeypatch.setenv("SIMULATOR_DB", "sqlite:///elsewhere.db")
    assert database_url() == "sqlite:///elsewhere.db"
    assert database_url("sqlite:///given.db") == "sqlite:///given.db"


# -- the play loop -------------------------------------------------------------------
def test_a_call_is_stored_with_turns_scores_and_evidence(url: str) -> None:
    score = fake_score({"empathy": 80.0, "clarity": None}, {"clarity": "Das ist ein DHCP-Lease-Problem"}, lang="de")
    with Store.open(url) as store:
        sid = play_call(store, "Anna Muster", score=score)
        export = store.export("Anna Muster")
        history = store.history()
    assert export["trainee"].startswith("T-") and export["name"] == "Anna Muster"
    (call,) = export["sessions"]
    assert call["id"] == sid and call["status"] == "finished" and call["outcome"] == "script_end"
    assert [t["number"] for t in call["turns"]] == [1, 2, 3]  # the ring is no line; her opening is reply 1
    assert call["turns"][0]["text"] == LINES[0] and "greeting" in call["turns"][0]["acts"]
    assert call["turns"][0]["reply"]
    assert call["scores"]["empathy"] == 80.0 and call["scores"]["clarity"] is None
    assert set(call["scores"]) == set(DIMENSIONS)
    assert call["total"] == pytest.approx(score.total)
    assert call["evidence"][0]["quote"] == "Das ist ein DHCP-Lease-Problem"
    assert history[0]["id"] == sid and history[0]["trainee"] == export["trainee"]


def test_finish_stores_turns_that_were_never_recorded(sqlite_url: str) -> None:
    sc = load("checked-plug")
    engine = Engine(sc, "de")
    state = engine.start(3)
    for line in LINES:
        state = engine.respond(state, line)
    with Store.open(sqlite_url) as store:
        sid = store.begin_session(None, sc, "de", 3, "exam", False)
        store.finish_session(sid, engine.finish(state), None)
        (row,) = store.history()
        assert row["trainee"] is None and row["mode"] == "exam" and row["total"] is None
        assert count(store, "turns") == 3
    del sid


def test_private_runs_are_not_stored_unless_switched_on(sqlite_url: str) -> None:
    with Store.open(sqlite_url) as store:
        assert store.setting("store_private") == "false"
        sid = play_call(store, "Private Person", private=True)
        assert sid == NOT_STORED
        assert count(store, "sessions") == 0 and count(store, "turns") == 0
        store.set_setting("store_private", "true")
        sid = play_call(store, "Private Person", private=True)
        assert sid != NOT_STORED and store.history()[0]["private"] is True


def test_settings_are_validated(sqlite_url: str) -> None:
    with Store.open(sqlite_url) as store:
        assert store.settings() == {"hr_view": "aggregates", "min_group": "5", "store_private": "false", "store_audio": "false"}
        with pytest.raises(UsageError):
            store.set_setting("hr_view", "everything")
        with pytest.raises(UsageError):
            store.set_setting("colour", "blue")
        store.set_setting("hr_view", "Individual")
        assert store.setting("hr_view") == "individual"


def test_instructor_adjustments_sit_beside_the_automatic_score(sqlite_url: str) -> None:
    with Store.open(sqlite_url) as store:
        sid = play_call(store, "Ben", score=fake_score({"empathy": 40.0}))
        store.adjust(sid, dimension="empathy", delta=15, reason="warm tone on the phone", author="Frau Kurz")
        store.adjust(sid, reason="good first call", author="Frau Kurz")
        with pytest.raises(UsageError):
            store.adjust(sid, dimension="empathy", delta=1, value=2, reason="x", author="y")
        with pytest.raises(UsageError):
            store.adjust(sid, delta=5, reason="no dimension", author="y")
        call = store.export("Ben")["sessions"][0]
    assert call["scores"]["empathy"] == 40.0
    assert [(a["dimension"], a["delta"], a["reason"]) for a in call["adjustments"]] == [
        ("empathy", 15.0, "warm tone on the phone"), (None, None, "good first call")]


def test_unknown_pseudonym_is_a_usage_error_but_a_new_name_creates_a_trainee(sqlite_url: str) -> None:
    with Store.open(sqlite_url) as store:
        with pytest.raises(UsageError):
            play_call(store, "T-000000")
        play_call(store, "New Person")
        assert [t["name"] for t in store.trainees()] == ["New Person"]


# -- dead processes -------------------------------------------------------------------
def test_running_call_of_a_dead_process_becomes_interrupted(sqlite_url: str) -> None:
    from sqlalchemy import update

    from simulator.storage.models import SessionRow

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    with Store.open(sqlite_url) as store:
        sc = load("checked-plug")
        mine = store.begin_session(None, sc, "de", 0, "practice", False)
        gone = store.begin_session(None, sc, "de", 0, "practice", False)
        with store.write() as s:
            s.execute(update(SessionRow).where(SessionRow.id == gone).values(pid=dead.pid))
    with Store.open(sqlite_url) as store:
        status = {r["id"]: r["status"] for r in store.history()}
    assert status == {mine: "running", gone: "interrupted"}  # this test process is alive: its call stays running


CHILD = r"""
import sys, time
from simulator.dialogue.state import Turn
from simulator.scenario import load
from simulator.storage import Store
store = Store.open(sys.argv[1])
sid = store.begin_session("Killed Kim", load("checked-plug"), "de", 0, "practice", False)
store.record_turn(sid, Turn("customer", "opening", 0), None)
n = 0
while True:
    n += 1
    store.record_turn(sid, Turn("trainee", f"line {n}", n, acts=("empathy",)), Turn("customer", f"reply {n}", n))
    print(n, flush=True)
"""


def test_kill_9_mid_call_loses_at_most_the_turn_in_flight(tmp_path: Path) -> None:
    db = tmp_path / "killed.db"
    url = f"sqlite:///{db}"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-c", CHILD, url], stdout=subprocess.PIPE, text=True, env=env)
    seen = 0
    deadline = time.monotonic() + 30
    while seen < 25 and time.monotonic() < deadline:
        line = child.stdout.readline()
        if not line:
            break
        seen = int(line)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert seen >= 25, "the child did not record turns"
    with Store.open(url) as store:
        (row,) = store.history()
        numbers = [t["number"] for t in store.export("Killed Kim")["sessions"][0]["turns"]]
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
    assert row["status"] == "interrupted" and row["outcome"] == "interrupted"
    assert numbers == list(range(len(numbers)))  # no gaps
    assert len(numbers) - 1 >= seen  # every turn reported as recorded is there (at most one more: in flight)
    assert len(numbers) - 1 <= seen + 1


# -- twenty writers -------------------------------------------------------------------
def _writer(url: str, index: int, barrier, errors) -> None:
    try:
        barrier.wait(30)
        with Store.open(url) as store:
            play_call(store, f"Writer {index:02d}", lines=LINES, seed=index)
    except BaseException as exc:  # reported to the parent
        errors.put(f"{index}: {type(exc).__name__}: {exc}")


def _twenty_writers(url: str) -> None:
    # Warm the scenario cache and analyser in the parent so forked children start at once.
    Engine(load("checked-plug"), "de")
    ctx = multiprocessing.get_context("fork")
    barrier, errors = ctx.Barrier(20), ctx.Queue()
    procs = [ctx.Process(target=_writer, args=(url, i, barrier, errors)) for i in range(20)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    problems = []
    while not errors.empty():
        problems.append(errors.get())
    assert not problems, problems
    assert all(p.exitcode == 0 for p in procs)
    with Store.open(url) as store:
        assert count(store, "sessions") == 20
        assert count(store, "turns") == 20 * len(LINES)
        assert count(store, "session_scores") == 20 * len(DIMENSIONS)
        assert count(store, "trainees") == 20
        assert count(store, "scenarios") == 1
        assert {r["status"] for r in store.history()} == {"finished"}


def test_twenty_processes_writing_at_once_lose_nothing_sqlite(tmp_path: Path) -> None:
    _twenty_writers(f"sqlite:///{tmp_path / 'busy.db'}")  # a fresh file: the twenty also migrate at once


def test_twenty_processes_writing_at_once_lose_nothing_postgresql(pg_url: str) -> None:
    _twenty_writers(pg_url)


# -- export, delete, names -------------------------------------------------------------
SECRET_NAME = "Zacharias Quellenbrunner"
SECRET_LINE = "Mein geheimes Passwort lautet Quittengelee"


def test_delete_removes_every_trace_from_the_sqlite_file(tmp_path: Path) -> None:
    db = tmp_path / "people.db"
    url = f"sqlite:///{db}"
    with Store.open(url) as store:
        tid = store.add_trainee(SECRET_NAME, "Kurs A")
        keep = store.add_trainee("Keep Me", "Kurs A")
        sid = play_call(store, tid, lines=[SECRET_LINE, *LINES],
                        score=fake_score(quotes={"clarity": SECRET_LINE + " (quoted)"}))
        store.adjust(sid, reason="Notiz über Quellenbrunner", author="Trainer")
        play_call(store, keep)
        blob = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("people.db"))
        assert SECRET_NAME.encode() not in blob and SECRET_LINE.encode() not in blob  # encrypted from the start
        assert store.export(tid)["name"] == SECRET_NAME
        assert store.delete_trainee(SECRET_NAME) == 1
        assert [t["id"] for t in store.trainees()] == [keep]
        assert store.export(keep)["sessions"][0]["turns"]
        with pytest.raises(UsageError):
            store.export(tid)
    blob = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("people.db"))
    for secret in (SECRET_NAME, "Quellenbrunner", SECRET_LINE, "Quittengelee", tid):
        assert secret.encode() not in blob, secret


def test_delete_removes_every_trace_from_postgresql(pg_url: str) -> None:
    from tests.conftest_pg import PG_BIN

    with Store.open(pg_url) as store:
        tid = store.add_trainee(SECRET_NAME, "Kurs A")
        play_call(store, tid, lines=[SECRET_LINE])
        play_call(store, "Keep Me")
        keep = store.resolve("Keep Me")
        store.delete_trainee(tid)
        assert [t["name"] for t in store.trainees()] == ["Keep Me"]
    plain = pg_url.replace("postgresql+psycopg://", "postgresql://")
    dump = subprocess.run([str(PG_BIN / "pg_dump"), "--data-only", plain], capture_output=True, text=True, check=True).stdout
    assert keep in dump and "Keep Me" not in dump  # names are stored encrypted
    for secret in (SECRET_NAME, SECRET_LINE, tid):
        assert secret not in dump


def test_the_names_table_can_be_dropped(url: str) -> None:
    from sqlalchemy import text

    with Store.open(url) as store:
        tid = store.add_trainee("Dora Drop", "Kurs B")
        play_call(store, tid)
        with store.engine.begin() as conn:
            conn.execute(text("DROP TABLE trainee_names"))
        assert store.trainees()[0]["name"] is None
        assert store.export(tid)["name"] is None
        assert store.history(tid)[0]["trainee"] == tid
        play_call(store, tid)
        assert len(store.history(tid)) == 2


# -- bad databases ------------------------------------------------------------------------
@pytest.mark.parametrize("bad", ["nonsense://x", "postgresql+psycopg://nobody@127.0.0.1:1/none", "sqlite:////proc/no/such/dir/x.db"])
def test_unusable_database_is_one_line_backend_error(bad: str) -> None:
    with pytest.raises(BackendError) as err:
        Store.open(bad)
    assert err.value.exit_code == 3
    assert "\n" not in err.value.message and "cannot use the database" in err.value.message


def test_cli_reports_unreachable_database_in_one_line_exit_3(capsys: pytest.CaptureFixture[str]) -> None:
    from simulator.cli import main

    assert main(["history", "--db", "postgresql+psycopg://u:secret@127.0.0.1:1/x"]) == 3
    err = capsys.readouterr().err.strip()
    assert err.startswith("simulator: cannot use the database") and "\n" not in err and "secret" not in err


# -- commands -------------------------------------------------------------------------------
def test_people_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from simulator.cli import main

    db = f"sqlite:///{tmp_path / 'cli.db'}"
    assert main(["trainee", "add", "Clara Cli", "--cohort", "Kurs 7", "--db", db]) == 0
    tid = capsys.readouterr().out.strip()
    assert tid.startswith("T-") and len(tid) == 8
    with Store.open(db) as store:
        play_call(store, tid)
    assert main(["trainee", "list", "--db", db]) == 0
    out = capsys.readouterr().out
    assert tid in out and "Clara Cli" in out and "Kurs 7" in out
    assert main(["cohort", "list", "--json", "--db", db]) == 0
    assert json.loads(capsys.readouterr().out) == [{"name": "Kurs 7", "trainees": 1, "sessions": 1}]
    assert main(["history", "--trainee", "Clara Cli", "--json", "--db", db]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["trainee"] == tid and row["scenario"] == "checked-plug"
    out_file = tmp_path / "clara.json"
    assert main(["trainee", "export", tid, "--out", str(out_file), "--db", db]) == 0
    assert json.loads(out_file.read_text())["sessions"][0]["turns"][0]["text"] == LINES[0]
    assert main(["trainee", "export", "Nobody", "--db", db]) == 2
    assert "no trainee 'Nobody'" in capsys.readouterr().err
    assert main(["trainee", "delete", tid, "--yes", "--db", db]) == 0
    assert main(["history", "--json", "--db", db]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_privacy_command(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from simulator.storage.commands import privacy

    db = f"sqlite:///{tmp_path / 'p.db'}"
    runner = CliRunner()
    res = runner.invoke(privacy, ["show", "--db", db])
    assert res.exit_code == 0 and "hr_view" in res.output and "aggregates" in res.output
    res = runner.invoke(privacy, ["set", "store_audio", "true", "--db", db])
    assert res.exit_code == 0
    with Store.open(db) as store:
        assert store.setting("store_audio") == "true"
    res = runner.invoke(privacy, ["set", "store_audio", "maybe", "--db", db])
    assert res.exit_code == 2 and res.output == "simulator: store_audio must be one of true, false, not 'maybe'\n"


def test_the_real_scorer_result_is_stored(sqlite_url: str) -> None:
    scoring = pytest.importorskip("simulator.scoring", reason="simulator.scoring not available yet")
    sc = load("checked-plug")
    engine = Engine(sc, "de")
    state = engine.start(1)
    with Store.open(sqlite_url) as store:
        sid = store.begin_session("Real Score", sc, "de", 1, "practice", False)
        for line in LINES:
            state = engine.respond(state, line)
            store.record_turn(sid, state.transcript[-2], state.transcript[-1])
        state = engine.finish(state)
        score = scoring.score_call(sc, state)
        store.finish_session(sid, state, score)
        call = store.export("Real Score")["sessions"][0]
    assert call["total"] == pytest.approx(score.total)
    assert call["scores"] == {d.name: d.value for d in score.dimensions}
    assert [{k: v for k, v in e.items() if k != "speaker"} for e in call["evidence"]] == \
        [{k: v for k, v in e.items() if k != "speaker"} for e in score.to_json()["evidence"]]
    assert {e["speaker"] for e in call["evidence"]} <= {"trainee", "customer"}


def test_wal_switch_waits_out_a_lock_and_passes_other_errors() -> None:
    """Many processes opening a new SQLite file at once: SQLite may refuse the WAL switch with 'database is locked'
    without calling its busy handler; the connection retries instead of failing (seen once in a parallel test run)."""
    import sqlite3

    from simulator.storage.connect import _wal

    class Cursor:
        def __init__(self, failures: list[str]) -> None:
            self.failures, self.calls = failures, 0

        def execute(self, sql: str) -> None:
            self.calls += 1
            if self.failures:
                raise sqlite3.OperationalError(self.failures.pop(0))

    locked = Cursor(["database is locked", "database is locked"])
    _wal(locked)
    assert locked.calls == 3
    broken = Cursor(["disk I/O error"])
    with pytest.raises(sqlite3.OperationalError):
        _wal(broken)
    assert broken.calls == 1
