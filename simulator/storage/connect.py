"""Connecting to a store: the engine (SQLite pragmas, private files), the schema migration, errors in one line.

SQLite runs in WAL mode with a busy timeout; writes take the write lock up
front (``BEGIN IMMEDIATE``) so that twenty processes writing at once wait for
each other instead of failing. A new SQLite file is created 0600 in a 0700
folder before SQLite opens it; SQLite gives its ``-wal`` and ``-shm`` files
the mode of the database file, so they are private too.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text

from simulator.errors import BackendError
from simulator.storage.config import BUSY_TIMEOUT_MS, redact

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
"""The Alembic script folder."""
_LOCK_KEY = 7_416_533
"""PostgreSQL advisory lock taken while migrating."""


def backend_error(url: str, exc: BaseException) -> BackendError:
    """A one-line BackendError for a database that cannot be used."""
    detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    first = detail[0] if detail else type(exc).__name__
    return BackendError(f"cannot use the database {redact(url)}: {first}")


def _private_sqlite_file(path: str) -> None:
    """Create the folder (0700) and the empty database file (0600) unless they exist."""
    file = Path(path).expanduser()
    if not file.parent.exists():
        file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        fd = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except FileExistsError:
        return
    os.close(fd)


def _wal(cur: Any) -> None:
    """``PRAGMA journal_mode=WAL``, waiting out a lock. On a new file that many processes open at once, SQLite may
    refuse the switch at once with "database is locked" (its busy handler is skipped where waiting could deadlock);
    the file is WAL as soon as one of them wins, so the others retry for up to the busy timeout."""
    import sqlite3
    import time

    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    delay = 0.01
    while True:
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(0.2, delay * 2)


def make_engine(url: str) -> Engine:
    """An engine for ``url`` (postgresql:// is read as postgresql+psycopg://)."""
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    if url.startswith("sqlite"):
        path = url.split(":///", 1)[1] if ":///" in url else ""
        if path and path != ":memory:" and not path.startswith("file:"):
            _private_sqlite_file(path)
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None  # SQLAlchemy emits BEGIN itself (below)
            cur = dbapi_conn.cursor()
            cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            _wal(cur)
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA secure_delete=ON")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Any) -> None:
            conn.exec_driver_sql(conn.get_execution_options().get("sqlite_begin", "BEGIN"))

        return engine
    kwargs: dict[str, Any] = {"pool_pre_ping": True}
    if url.startswith("postgresql"):
        kwargs["connect_args"] = {"connect_timeout": 5}
    return create_engine(url, **kwargs)


def migrate(engine: Engine, writer: Engine, url: str) -> bool:
    """Run ``alembic upgrade head`` under a lock; True when something was migrated.

    A store written by a newer simulator (a revision this one does not know)
    is refused with one line, before anything is written.
    """
    from alembic import command
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    scripts = ScriptDirectory.from_config(cfg)
    head = scripts.get_current_head()
    known = {rev.revision for rev in scripts.walk_revisions()}

    def check(current: str | None) -> bool:
        if current is not None and current not in known:
            raise BackendError(f"the store {redact(url)} has schema version {current}, newer than this simulator "
                               f"knows (up to {head}): update the simulator")
        return current == head

    with engine.connect() as conn:
        if check(MigrationContext.configure(conn).get_current_revision()):
            return False
    sqlite = engine.dialect.name == "sqlite"
    with writer.connect() as conn:
        if sqlite:  # batch migrations copy and drop tables: with foreign keys on, the drop would cascade-delete rows
            conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                if not sqlite:
                    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK_KEY})
                if check(MigrationContext.configure(conn).get_current_revision()):
                    return False
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
                if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                    raise BackendError(f"migrating {redact(url)} left rows without their parent; nothing was changed")
        finally:
            if sqlite:
                conn.connection.driver_connection.execute("PRAGMA foreign_keys=ON")
    return True


def compact(engine: Engine) -> None:
    """Give freed space back and leave no deleted text in the files (VACUUM; SQLite WAL checkpoint)."""
    if engine.dialect.name == "sqlite":
        raw = engine.raw_connection()  # the driver connection is in autocommit mode (see make_engine)
        try:
            cur = raw.cursor()
            for sql in ("PRAGMA wal_checkpoint(TRUNCATE)", "VACUUM", "PRAGMA wal_checkpoint(TRUNCATE)"):
                cur.execute(sql)
            cur.close()
        finally:
            raw.close()
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM")
