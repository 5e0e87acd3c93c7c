"""The session store: what the play loop, the people commands and the reports use.

``Store.open(url)`` connects (SQLite file by default, PostgreSQL with a
``postgresql+psycopg://`` URL), brings the schema to the newest Alembic
revision and marks calls left 'running' by dead processes as 'interrupted'.
Every ``record_turn`` is committed at once, so a killed process loses at most
the line in flight.

SQLite runs in WAL mode with a busy timeout; writes take the write lock up
front (``BEGIN IMMEDIATE``) so that twenty processes writing at once wait
for each other instead of failing.
"""

from __future__ import annotations

import os
import secrets
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, delete, event, func, select, text
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session

from simulator.errors import BackendError, UsageError
from simulator.storage.config import BUSY_TIMEOUT_MS, PRIVACY_DEFAULTS, PRIVACY_SETTINGS, database_url, redact
from simulator.storage.export import export_trainee, pair_transcript, session_json  # noqa: F401 - re-exported
from simulator.storage.models import (
    MODES, Adjustment, Cohort, ScenarioRow, ScoreRow, SessionRow, Setting, Trainee, TraineeName, TurnRow, utcnow,
)

if TYPE_CHECKING:
    from simulator.dialogue.state import CallState, Turn
    from simulator.scenario.model import Scenario

NOT_STORED = 0
"""Session id returned for a private practice run that is not stored (store_private=false); recording it is a no-op."""
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
"""The Alembic script folder."""
_LOCK_KEY = 7_416_533
"""PostgreSQL advisory lock taken while migrating."""


def _alive(pid: int) -> bool:
    """Whether a process with this id exists on this machine."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _is_pseudonym(value: str) -> bool:
    return value.startswith("T-") and len(value) >= 3


def backend_error(url: str, exc: BaseException) -> BackendError:
    """A one-line BackendError for a database that cannot be used."""
    detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    first = detail[0] if detail else type(exc).__name__
    return BackendError(f"cannot use the database {redact(url)}: {first}")


class Store:
    """The session store. Create with :meth:`Store.open`; close with :meth:`close` (or use ``with``)."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        self.is_sqlite = engine.dialect.name == "sqlite"
        self._writer = engine.execution_options(sqlite_begin="BEGIN IMMEDIATE") if self.is_sqlite else engine
        self.hostname = socket.gethostname()
        self.pid = os.getpid()

    # -- opening -------------------------------------------------------------
    @classmethod
    def open(cls, url: str | None = None, *, check_interrupted: bool = True) -> Store:
        """Connect, migrate to the newest schema, mark dead processes' calls interrupted.

        ``url``: a SQLAlchemy URL; None = $SIMULATOR_DB or the SQLite file in
        the user's data directory. Raises :class:`BackendError` (exit 3) when
        the database cannot be reached or the URL is bad.
        """
        url = database_url(url)
        try:
            engine = cls._engine(url)
            store = cls(engine, url)
            store.migrate()
            if check_interrupted:
                store.mark_interrupted()
        except BackendError:
            raise
        except (ArgumentError, NoSuchModuleError, OperationalError, DBAPIError, ValueError, OSError, ImportError) as exc:
            raise backend_error(url, exc) from None
        return store

    @staticmethod
    def _engine(url: str) -> Engine:
        if url.startswith("postgresql://") or url.startswith("postgres://"):
            url = "postgresql+psycopg://" + url.split("://", 1)[1]
        if url.startswith("sqlite"):
            path = url.split(":///", 1)[1] if ":///" in url else ""
            if path and path != ":memory:" and not path.startswith("file:"):
                Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

            @event.listens_for(engine, "connect")
            def _on_connect(dbapi_conn: Any, _record: Any) -> None:
                dbapi_conn.isolation_level = None  # SQLAlchemy emits BEGIN itself (below)
                cur = dbapi_conn.cursor()
                cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
                cur.execute("PRAGMA journal_mode=WAL")
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

    def migrate(self) -> None:
        """Run ``alembic upgrade head`` (under a lock, so many processes may open a fresh database at once)."""
        from alembic import command
        from alembic.config import Config
        from alembic.runtime.migration import MigrationContext
        from alembic.script import ScriptDirectory

        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        head = ScriptDirectory.from_config(cfg).get_current_head()
        with self.engine.connect() as conn:
            if MigrationContext.configure(conn).get_current_revision() == head:
                return
        with self._writer.begin() as conn:
            if not self.is_sqlite:
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK_KEY})
            if MigrationContext.configure(conn).get_current_revision() == head:
                return
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    def close(self) -> None:
        """Release every connection."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session in a write transaction, committed on exit."""
        with Session(self._writer, expire_on_commit=False) as s, s.begin():
            yield s

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading."""
        with Session(self.engine, expire_on_commit=False) as s:
            yield s

    # -- settings -------------------------------------------------------------
    def settings(self) -> dict[str, str]:
        """Every privacy setting, defaults filled in."""
        with self.read() as s:
            stored = dict(s.execute(select(Setting.key, Setting.value)).all())
        return {**PRIVACY_DEFAULTS, **{k: v for k, v in stored.items() if k in PRIVACY_DEFAULTS}}

    def setting(self, key: str) -> str:
        """One setting's value."""
        return self.settings()[key]

    def set_setting(self, key: str, value: str) -> None:
        """Change a privacy setting; unknown key or value -> UsageError."""
        spec = {s.key: s for s in PRIVACY_SETTINGS}.get(key)
        if spec is None:
            raise UsageError(f"unknown setting '{key}' (known: {', '.join(s.key for s in PRIVACY_SETTINGS)})")
        value = value.strip().lower()
        if value not in spec.choices:
            raise UsageError(f"{key} must be one of {', '.join(spec.choices)}, not '{value}'")
        with self.write() as s:
            row = s.get(Setting, key)
            if row is None:
                s.add(Setting(key=key, value=value))
            else:
                row.value = value

    # -- people -----------------------------------------------------------------
    def _cohort_id(self, s: Session, name: str) -> int:
        row = s.execute(select(Cohort).where(Cohort.name == name)).scalar_one_or_none()
        if row is None:
            row = Cohort(name=name)
            s.add(row)
            s.flush()
        return row.id

    def add_trainee(self, name: str, cohort: str | None = None) -> str:
        """Create a trainee (and the cohort, if new); returns the new pseudonym."""
        name = " ".join(name.split())
        if not name:
            raise UsageError("a trainee needs a name")
        with self.write() as s:
            return self._add_trainee(s, name, cohort)

    def _add_trainee(self, s: Session, name: str, cohort: str | None) -> str:
        cohort_id = self._cohort_id(s, cohort) if cohort else None
        while True:
            pseudonym = "T-" + secrets.token_hex(3)
            if s.get(Trainee, pseudonym) is None:
                break
        s.add(Trainee(id=pseudonym, cohort_id=cohort_id))
        s.flush()
        s.add(TraineeName(trainee_id=pseudonym, display_name=name))
        return pseudonym

    def set_cohort(self, trainee: str, cohort: str | None) -> None:
        """Move a trainee into a cohort (None: out of any cohort)."""
        with self.write() as s:
            row = s.get(Trainee, self._resolve(s, trainee))
            row.cohort_id = self._cohort_id(s, cohort) if cohort else None

    def _resolve(self, s: Session, who: str) -> str:
        """A pseudonym for a pseudonym or a display name; UsageError when unknown or ambiguous."""
        who = " ".join(who.split())
        if s.get(Trainee, who) is not None:
            return who
        ids = s.execute(select(TraineeName.trainee_id).where(TraineeName.display_name == who)).scalars().all()
        if len(ids) == 1:
            return ids[0]
        if len(ids) > 1:
            raise UsageError(f"several trainees are called '{who}': use the pseudonym ({', '.join(sorted(ids))})")
        raise UsageError(f"no trainee '{who}' (see 'simulator trainee list')")

    def resolve(self, who: str) -> str:
        """The pseudonym of a trainee given by pseudonym or display name."""
        with self.read() as s:
            return self._resolve(s, who)

    def trainees(self) -> list[dict[str, Any]]:
        """Every trainee: id, name (None once names are dropped), cohort, sessions."""
        with self.read() as s:
            counts = dict(s.execute(select(SessionRow.trainee_id, func.count()).group_by(SessionRow.trainee_id)).all())
            names = self._names(s)
            rows = s.execute(select(Trainee.id, Cohort.name, Trainee.created_at)
                             .outerjoin(Cohort, Cohort.id == Trainee.cohort_id).order_by(Trainee.created_at, Trainee.id)).all()
        return [{"id": tid, "name": names.get(tid), "cohort": cohort, "created": created, "sessions": counts.get(tid, 0)}
                for tid, cohort, created in rows]

    def _names(self, s: Session) -> dict[str, str]:
        """Pseudonym -> name; empty when the names table has been dropped."""
        from sqlalchemy import inspect as sa_inspect

        if not sa_inspect(s.connection()).has_table(TraineeName.__tablename__):
            return {}
        return dict(s.execute(select(TraineeName.trainee_id, TraineeName.display_name)).all())

    def names(self) -> dict[str, str]:
        """Pseudonym -> display name (empty once the names table is dropped)."""
        with self.read() as s:
            return self._names(s)

    def cohorts(self) -> list[dict[str, Any]]:
        """Every cohort: name, number of trainees, number of stored calls."""
        with self.read() as s:
            members = dict(s.execute(select(Trainee.cohort_id, func.count()).group_by(Trainee.cohort_id)).all())
            calls = dict(s.execute(select(Trainee.cohort_id, func.count(SessionRow.id))
                                   .join(SessionRow, SessionRow.trainee_id == Trainee.id)
                                   .group_by(Trainee.cohort_id)).all())
            rows = s.execute(select(Cohort.id, Cohort.name).order_by(Cohort.name)).all()
        return [{"name": name, "trainees": members.get(cid, 0), "sessions": calls.get(cid, 0)} for cid, name in rows]

    # -- the play loop -------------------------------------------------------------
    def _scenario_ref(self, s: Session, scenario: Scenario) -> int:
        digest = scenario.content_hash or ""
        query = select(ScenarioRow.id).where(ScenarioRow.scenario_id == scenario.id, ScenarioRow.content_hash == digest)
        ref = s.execute(query).scalar_one_or_none()
        if ref is not None:
            return ref
        title = ""
        try:
            title = scenario.title.get("en") or scenario.title.get(scenario.languages[0])
        except (AttributeError, IndexError):
            pass
        try:
            with s.begin_nested():
                row = ScenarioRow(scenario_id=scenario.id, content_hash=digest, title=title or "")
                s.add(row)
            return row.id
        except IntegrityError:  # another process registered it just now
            return s.execute(query).scalar_one()

    def begin_session(self, trainee: str | None, scenario: Scenario, lang: str, seed: int = 0,
                      mode: str = "practice", private: bool = False) -> int:
        """Start storing a call; returns its session id (NOT_STORED for a private run when store_private=false).

        ``trainee``: a pseudonym ('T-7f3a9c'), a display name (a new trainee
        is created for an unknown name) or None (anonymous).
        """
        if mode not in MODES:
            raise UsageError(f"mode must be one of {', '.join(MODES)}, not '{mode}'")
        if private and self.setting("store_private") != "true":
            return NOT_STORED
        with self.write() as s:
            trainee_id = None
            if trainee:
                try:
                    trainee_id = self._resolve(s, trainee)
                except UsageError:
                    if _is_pseudonym(trainee):
                        raise
                    trainee_id = self._add_trainee(s, " ".join(trainee.split()), None)
            row = SessionRow(trainee_id=trainee_id, scenario_ref=self._scenario_ref(s, scenario), lang=lang,
                             seed=int(seed), mode=mode, private=bool(private), status="running",
                             started_at=utcnow(), pid=self.pid, hostname=self.hostname)
            s.add(row)
            s.flush()
            return row.id

    @staticmethod
    def _turn_row(session_id: int, turn: Turn, reply: Turn | None) -> TurnRow:
        return TurnRow(session_id=session_id, number=turn.number, speaker=turn.speaker, text=turn.text,
                       acts=list(turn.acts), steps=list(turn.steps), events=[e.to_json() for e in turn.events],
                       reply=reply.text if reply is not None else None,
                       reply_events=[e.to_json() for e in reply.events] if reply is not None else [],
                       mood=float(reply.mood if reply is not None else turn.mood), recorded_at=utcnow())

    def record_turn(self, session_id: int, trainee_turn: Turn, customer_turn: Turn | None = None) -> None:
        """Store one line (the trainee's, or the customer's opening as number 0) and the reply; committed at once.

        Recording the same turn number again replaces it (e.g. a retry).
        """
        if session_id == NOT_STORED:
            return
        with self.write() as s:
            old = s.get(TurnRow, (session_id, trainee_turn.number))
            if old is not None:
                s.delete(old)
                s.flush()
            s.add(self._turn_row(session_id, trainee_turn, customer_turn))

    def finish_session(self, session_id: int, state: CallState, score: Any = None) -> None:
        """Store how the call ended and its score (a ``simulator.scoring.Score``; None: unscored).

        Exchanges of ``state`` not recorded yet are stored too.
        """
        if session_id == NOT_STORED:
            return
        with self.write() as s:
            row = s.get(SessionRow, session_id)
            if row is None:
                raise UsageError(f"no session {session_id}")
            have = set(s.execute(select(TurnRow.number).where(TurnRow.session_id == session_id)).scalars())
            for x in state.exchanges:
                line = x.trainee or x.reply
                if line is not None and x.number not in have:
                    s.add(self._turn_row(session_id, line, x.reply if x.trainee is not None else None))
            row.status = "finished"
            row.ended_at = utcnow()
            if state.outcome is not None:
                row.outcome_reason = state.outcome.reason
                row.resolved = bool(state.outcome.resolved)
                row.final_mood = float(state.outcome.final_mood)
            else:
                row.final_mood = float(state.mood)
            if score is not None:
                row.total_score = float(score.total)
                row.evidence = list(score.to_json().get("evidence", []))
                s.execute(delete(ScoreRow).where(ScoreRow.session_id == session_id))
                for dim in score.dimensions:
                    s.add(ScoreRow(session_id=session_id, dimension=dim.name,
                                   value=None if dim.value is None else float(dim.value), weight=float(dim.weight)))

    def mark_interrupted(self, *, all_hosts: bool = False) -> int:
        """Sessions left 'running' by a process that is gone become 'interrupted'; returns how many.

        Only sessions started on this host are checked (a pid means nothing
        elsewhere) unless ``all_hosts`` is set, which marks every running
        session of another process.
        """
        with self.read() as s:
            query = select(SessionRow.id, SessionRow.pid, SessionRow.hostname).where(SessionRow.status == "running")
            running = s.execute(query).all()
        dead = [sid for sid, pid, host in running
                if (host == self.hostname and pid != self.pid and not _alive(pid)) or (all_hosts and host != self.hostname)]
        if not dead:
            return 0
        with self.write() as s:
            last = dict(s.execute(select(TurnRow.session_id, func.max(TurnRow.recorded_at))
                                  .where(TurnRow.session_id.in_(dead)).group_by(TurnRow.session_id)).all())
            for sid in dead:
                row = s.get(SessionRow, sid)
                if row is not None and row.status == "running":
                    row.status = "interrupted"
                    row.outcome_reason = "interrupted"
                    row.resolved = False
                    row.ended_at = last.get(sid) or row.started_at
        return len(dead)

    # -- instructor ------------------------------------------------------------------
    def adjust(self, session_id: int, *, reason: str, author: str, dimension: str | None = None,
               delta: float | None = None, value: float | None = None) -> int:
        """Add an instructor note or adjustment beside the automatic score; returns its id."""
        if delta is not None and value is not None:
            raise UsageError("give either a delta or a value, not both")
        if (delta is not None or value is not None) and not dimension:
            raise UsageError("an adjustment needs a dimension")
        if not reason.strip():
            raise UsageError("an adjustment needs a reason")
        with self.write() as s:
            if s.get(SessionRow, session_id) is None:
                raise UsageError(f"no session {session_id}")
            row = Adjustment(session_id=session_id, dimension=dimension, delta=delta, value=value,
                             reason=reason.strip(), author=author.strip(), created_at=utcnow())
            s.add(row)
            s.flush()
            return row.id

    # -- history, export, delete ----------------------------------------------------
    def history(self, trainee: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        """Stored calls, newest first: id, trainee, scenario, lang, mode, status, outcome, total, dates."""
        with self.read() as s:
            query = (select(SessionRow, ScenarioRow.scenario_id).join(ScenarioRow, ScenarioRow.id == SessionRow.scenario_ref)
                     .order_by(SessionRow.started_at.desc(), SessionRow.id.desc()))
            if trainee:
                query = query.where(SessionRow.trainee_id == self._resolve(s, trainee))
            if limit:
                query = query.limit(limit)
            rows = s.execute(query).all()
        return [session_json(row, scenario_id) for row, scenario_id in rows]

    def export(self, trainee: str) -> dict[str, Any]:
        """Everything stored about one person, as a JSON-ready dict."""
        with self.read() as s:
            tid = self._resolve(s, trainee)
            return export_trainee(s, tid, self._names(s).get(tid))

    def delete_trainee(self, trainee: str) -> int:
        """Remove a person and everything about them (calls, turns, scores, notes, name); returns calls deleted.

        On SQLite the freed pages are overwritten (secure_delete), the WAL is
        checkpointed and the file vacuumed, so no text stays behind on disk.
        """
        with self.write() as s:
            tid = self._resolve(s, trainee)
            ids = list(s.execute(select(SessionRow.id).where(SessionRow.trainee_id == tid)).scalars())
            for table in (TurnRow, ScoreRow, Adjustment):
                s.execute(delete(table).where(table.session_id.in_(ids)))
            s.execute(delete(SessionRow).where(SessionRow.trainee_id == tid))
            s.execute(delete(TraineeName).where(TraineeName.trainee_id == tid))
            s.execute(delete(Trainee).where(Trainee.id == tid))
        self.compact()
        return len(ids)

    def compact(self) -> None:
        """Give freed space back and leave no deleted text in the files (VACUUM; SQLite WAL checkpoint)."""
        if self.is_sqlite:
            raw = self.engine.raw_connection()  # the driver connection is in autocommit mode (see _engine)
            try:
                cur = raw.cursor()
                for sql in ("PRAGMA wal_checkpoint(TRUNCATE)", "VACUUM", "PRAGMA wal_checkpoint(TRUNCATE)"):
                    cur.execute(sql)
                cur.close()
            finally:
                raw.close()
            return
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM")
