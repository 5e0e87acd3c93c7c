"""Issue 12 on the store: identity that cannot fork, crypto-shredding, keys, and bad input.

* 30 simultaneous first calls under one new name make one trainee (SQLite and
  PostgreSQL), and ``trainee delete NAME`` works afterwards.
* Names, lines, replies, quotes and notes never reach the database files in
  plaintext; after a delete the person's key is gone, so a backup taken
  before the delete cannot be read either. PostgreSQL: the raw table files
  and the WAL are searched after a delete and a CHECKPOINT.
* An organisation key wraps the data keys; a missing or wrong one, a damaged
  key table or a store from a newer schema is one line and a non-zero exit.
"""

from __future__ import annotations

import multiprocessing
import shutil
from pathlib import Path

import pytest

from simulator.dialogue.state import Turn
from simulator.scenario import load
from simulator.storage import Store
from simulator.storage.crypto import DataKeyError
from tests.conftest_pg import pg_data_dir, pg_server, pg_url  # noqa: F401
from tests.storage_fakes import fake_score

NAME = "Zacharias Quellenbrunner"
LINE = "Mein geheimes Passwort lautet Quittengelee"
REPLY = "Das Kennwort Holunderblüte sage ich nicht"
NOTE = "Notiz: Herr Quellenbrunner war heute sehr nervös"


def store_call(store: Store, who: str | None, line: str = LINE, reply: str = REPLY) -> int:
    """A small call written through the play-loop API (no dialogue engine needed)."""
    from simulator.dialogue.state import CallState

    sid = store.begin_session(who, load("checked-plug"), "de", 1)
    store.record_turn(sid, Turn("customer", "Mein Drucker druckt nicht.", 0), None)
    store.record_turn(sid, Turn("trainee", line, 1), Turn("customer", reply, 1))
    state = CallState(scenario_id="checked-plug", lang="de", seed=1, turn=1, mood=0.0, patience=5.0, trust=50.0,
                      steps_done=(), pushed_back=(), facts=(), act_counts=(), fired_events=(), exchanges=())
    store.finish_session(sid, state, fake_score(quotes={"clarity": line}, lang="de"))
    return sid


def raw_bytes(folder: Path, prefix: str = "") -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and p.name.startswith(prefix))


def count(store: Store, table: str) -> int:
    with store.engine.connect() as conn:
        return conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one()


# -- identity ------------------------------------------------------------------------
def _first_call(url: str, barrier, errors) -> None:
    try:
        barrier.wait(60)
        with Store.open(url) as store:
            store.begin_session("Neue Person", load("checked-plug"), "de", 0)
    except BaseException as exc:  # reported to the parent
        errors.put(f"{type(exc).__name__}: {exc}")


def _concurrent_first_calls(url: str, n: int) -> None:
    load("checked-plug")
    with Store.open(url):
        pass  # the schema exists; the race under test is the name, not the migration
    ctx = multiprocessing.get_context("fork")
    barrier, errors = ctx.Barrier(n), ctx.Queue()
    procs = [ctx.Process(target=_first_call, args=(url, barrier, errors)) for _ in range(n)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    problems = []
    while not errors.empty():
        problems.append(errors.get())
    assert not problems, problems
    with Store.open(url) as store:
        assert count(store, "trainees") == 1 and count(store, "sessions") == n
        assert [t["name"] for t in store.trainees()] == ["Neue Person"]
        assert store.delete_trainee("neue  person") == n  # the name is the identity: case and spaces do not fork it
        assert count(store, "trainees") == 0 and count(store, "trainee_keys") <= 1  # only the name-index secret


def test_thirty_first_calls_under_one_name_make_one_trainee_sqlite(tmp_path: Path) -> None:
    _concurrent_first_calls(f"sqlite:///{tmp_path / 'ident.db'}", 30)


def test_thirty_first_calls_under_one_name_make_one_trainee_postgresql(pg_url: str) -> None:
    _concurrent_first_calls(pg_url, 30)


def test_adding_an_existing_name_is_refused(tmp_path: Path) -> None:
    from simulator.errors import UsageError

    with Store.open(f"sqlite:///{tmp_path / 'a.db'}") as store:
        tid = store.add_trainee("Anna Muster")
        with pytest.raises(UsageError, match=tid):
            store.add_trainee("anna   MUSTER")
        assert store.resolve("ANNA MUSTER") == tid


# -- crypto-shredding ----------------------------------------------------------------
def test_sqlite_files_never_hold_the_texts_and_a_backup_is_unreadable_after_delete(tmp_path: Path) -> None:
    db = tmp_path / "people.db"
    with Store.open(f"sqlite:///{db}") as store:
        tid = store.add_trainee(NAME, "Kurs A")
        sid = store_call(store, tid)
        store.adjust(sid, reason=NOTE, author="Trainer")
        keep = store_call(store, "Keep Me")
        with store.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
        shutil.copy(db, tmp_path / "backup.db")  # the operator's nightly backup
        blob = raw_bytes(tmp_path)
        for secret in (NAME, "Quellenbrunner", LINE, "Quittengelee", "Holunderblüte", "nervös"):
            assert secret.encode() not in blob, secret
        exported = store.export(tid)
        assert exported["name"] == NAME and exported["sessions"][0]["turns"][1]["text"] == LINE
        assert exported["sessions"][0]["turns"][1]["reply"] == REPLY
        assert exported["sessions"][0]["adjustments"][0]["reason"] == NOTE
        store.delete_trainee(tid)
        assert store.export("Keep Me")["sessions"][0]["id"] == keep
    # The backup still holds the ciphertext, but the key is gone from the live store: nobody can read it.
    with Store.open(f"sqlite:///{tmp_path / 'backup.db'}") as backup, Store.open(f"sqlite:///{db}") as live:
        with backup.engine.connect() as conn:
            text_enc = conn.exec_driver_sql(f"SELECT text_enc FROM turns WHERE session_id={sid} AND number=1").scalar_one()
        with live.read() as s:
            assert live.keys.get(s, tid) is None
        from simulator.storage.crypto import DataKey

        other = DataKey(tid, b"\0" * 32)
        with pytest.raises(DataKeyError):
            other.decrypt(text_enc, "text")


def test_postgresql_table_files_and_wal_never_hold_the_texts(pg_url: str, pg_data_dir: Path) -> None:
    import psycopg

    with Store.open(pg_url) as store:
        tid = store.add_trainee(NAME, "Kurs A")
        sid = store_call(store, tid)
        store.adjust(sid, reason=NOTE, author="Trainer")
        store_call(store, "Keep Me")
        store.delete_trainee(tid)
        assert count(store, "trainee_keys") == 2  # Keep Me and the name index: the deleted key is gone
    with psycopg.connect(pg_url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as conn:
        conn.execute("CHECKPOINT")
    blob = raw_bytes(pg_data_dir / "base") + raw_bytes(pg_data_dir / "pg_wal")
    assert b"checked-plug" in blob  # the search does read the right files
    for secret in (NAME, "Quellenbrunner", LINE, "Quittengelee", "Holunderblüte", "nervös"):
        assert secret.encode() not in blob, secret


# -- keys and bad input --------------------------------------------------------------
def test_organisation_key_wraps_the_data_keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'org.db'}"
    monkeypatch.setenv("SIMULATOR_ORG_KEY", "correct horse battery staple 0123456789")
    with Store.open(url) as store:
        tid = store.add_trainee(NAME)
        store_call(store, tid)
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM trainee_keys WHERE wrapped = 0").scalar_one() == 0
    monkeypatch.delenv("SIMULATOR_ORG_KEY")
    with Store.open(url) as store:
        assert store.history()[0]["trainee"] == tid  # no text needed: works without the key
        with pytest.raises(DataKeyError, match="set \\$SIMULATOR_ORG_KEY") as err:
            store.export(tid)
        assert "\n" not in str(err.value) and err.value.exit_code != 0
        n = count(store, "turns")
        with pytest.raises(DataKeyError):
            store_call(store, tid)  # nothing half-written
        assert count(store, "turns") == n and len(store.history()) == 1
    monkeypatch.setenv("SIMULATOR_ORG_KEY", "a different key")
    with Store.open(url) as store, pytest.raises(DataKeyError, match="not the organisation key"):
        store.export(tid)


def test_setting_an_organisation_key_later_wraps_every_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'later.db'}"
    monkeypatch.delenv("SIMULATOR_ORG_KEY", raising=False)
    with Store.open(url) as store:
        first = store.add_trainee(NAME)
        store_call(store, first)
    monkeypatch.setenv("SIMULATOR_ORG_KEY", "from now on " * 4)
    with Store.open(url) as store:
        assert store.export(first)["name"] == NAME  # reading does not change the store
        store.add_trainee("Second Person")  # the first write protects the whole store
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM trainee_keys WHERE wrapped = 0").scalar_one() == 0
    monkeypatch.delenv("SIMULATOR_ORG_KEY")
    with Store.open(url) as store:
        with pytest.raises(DataKeyError, match="SIMULATOR_ORG_KEY"):
            store.export(first)
        with pytest.raises(DataKeyError, match="SIMULATOR_ORG_KEY"):
            store_call(store, None)  # no raw key is written into a protected store
    monkeypatch.setenv("SIMULATOR_ORG_KEY", "from now on " * 4)
    with Store.open(url) as store:
        assert store.export(first)["sessions"][0]["turns"][1]["text"] == LINE


def test_damaged_key_table_is_one_line(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'k.db'}"
    with Store.open(url) as store:
        tid = store.add_trainee(NAME)
        store_call(store, tid)
        with store.engine.begin() as conn:
            conn.exec_driver_sql("UPDATE trainee_keys SET key = x'0011'")
    with Store.open(url) as store:
        with pytest.raises(DataKeyError) as err:
            store.export(tid)
        assert "damaged" in str(err.value) and "\n" not in str(err.value)


def test_cli_missing_org_key_is_one_line_and_non_zero(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    from simulator.cli import main

    db = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("SIMULATOR_ORG_KEY", "k" * 40)
    assert main(["trainee", "add", NAME, "--db", db]) == 0
    capsys.readouterr()
    monkeypatch.delenv("SIMULATOR_ORG_KEY")
    assert main(["trainee", "list", "--db", db]) != 0
    err = capsys.readouterr().err
    assert err.startswith("simulator: ") and err.count("\n") == 1 and "SIMULATOR_ORG_KEY" in err


def test_store_from_a_newer_schema_is_refused(tmp_path: Path) -> None:
    from simulator.errors import BackendError

    url = f"sqlite:///{tmp_path / 'new.db'}"
    with Store.open(url) as store, store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0099'")
    with pytest.raises(BackendError, match="newer than this simulator") as err:
        Store.open(url)
    assert err.value.exit_code == 3


def test_store_files_are_private(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "simulator"
    with Store.open(f"sqlite:///{folder / 'simulator.db'}") as store:
        store_call(store, "Anna")
        modes = {p.name: p.stat().st_mode & 0o777 for p in folder.iterdir()}
    assert folder.stat().st_mode & 0o777 == 0o700
    assert modes["simulator.db"] == 0o600 and all(m == 0o600 for m in modes.values()), modes


def test_a_store_from_schema_0001_is_encrypted_on_upgrade_and_nothing_is_lost(tmp_path: Path) -> None:
    from datetime import datetime

    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    from simulator.storage.connect import MIGRATIONS

    db = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{db}")
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    now = datetime(2025, 3, 3, 9)
    evidence = '[{"dimension": "clarity", "turn": 1, "quote": "lautet Quittengelee", "effect": -5, "note": "n", "tip": "t"}]'
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        run = conn.exec_driver_sql
        run("INSERT INTO cohorts (id, name, created_at) VALUES (1, 'Kurs', ?)", (now,))
        for tid in ("T-aaaaaa", "T-bbbbbb"):
            run("INSERT INTO trainees (id, cohort_id, created_at) VALUES (?, 1, ?)", (tid, now))
            run("INSERT INTO trainee_names (trainee_id, display_name) VALUES (?, ?)", (tid, NAME))  # the same name twice
        run("INSERT INTO scenarios (id, scenario_id, content_hash, title) VALUES (1, 'checked-plug', 'x', 't')")
        run("INSERT INTO sessions (id, trainee_id, scenario_ref, lang, seed, mode, private, status, started_at, "
            "total_score, evidence, pid, hostname) VALUES (1, 'T-aaaaaa', 1, 'de', 0, 'practice', 0, 'finished', ?, "
            "55.0, ?, 0, 'h')", (now, evidence))
        run("INSERT INTO turns (session_id, number, speaker, text, acts, steps, events, reply, reply_events, mood, "
            "recorded_at) VALUES (1, 1, 'trainee', ?, '[]', '[]', '[]', ?, '[]', 0, ?)", (LINE, REPLY, now))
        run("INSERT INTO session_scores (session_id, dimension, value, weight) VALUES (1, 'clarity', 42.0, 1.0)")
        run("INSERT INTO adjustments (session_id, dimension, delta, value, reason, author, created_at) "
            "VALUES (1, NULL, NULL, NULL, ?, 'Trainer', ?)", (NOTE, now))
    engine.dispose()
    with Store.open(f"sqlite:///{db}") as store:
        names = sorted(t["name"] for t in store.trainees())
        call = store.export("T-aaaaaa")["sessions"][0]
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT score_clarity FROM sessions").scalar_one() == 42.0
    assert names == [NAME, f"{NAME} (T-bbbbbb)"]
    assert call["turns"][0]["text"] == LINE and call["turns"][0]["reply"] == REPLY
    assert call["evidence"][0]["quote"] == "lautet Quittengelee" and call["evidence"][0]["speaker"] == "trainee"
    assert call["adjustments"][0]["reason"] == NOTE
    blob = raw_bytes(tmp_path)
    for secret in ("Quellenbrunner", "Quittengelee", "Holunderblüte", "nervös"):
        assert secret.encode() not in blob, secret
