"""The session store: what the play loop, the people commands and the reports use.

``Store.open(url)`` connects (SQLite file by default, PostgreSQL with a
``postgresql+psycopg://`` URL), brings the schema to the newest Alembic
revision and marks calls left 'running' by dead processes as 'interrupted'.
Every ``record_turn`` is committed at once, so a killed process loses at most
the line in flight.

Personal text (names, lines, replies, evidence quotes, instructor notes) is
encrypted with the owner's data key (:mod:`simulator.storage.crypto`);
scores, dates and labels stay in the clear, so aggregates need no key.
A display name is one trainee: ``trainee_names.name_index`` is unique and
:meth:`Store.begin_session` gets-or-creates under it, safe under concurrent
first calls (SQLite and PostgreSQL).
"""

from __future__ import annotations

import os
import secrets
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, delete, func, insert, select
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session

from simulator.errors import BackendError, UsageError
from simulator.storage.config import PRIVACY_DEFAULTS, PRIVACY_SETTINGS, database_url
from simulator.storage.connect import MIGRATIONS, backend_error, compact, make_engine, migrate  # noqa: F401 - re-exported
from simulator.storage.crypto import ANONYMOUS, DataKey, DataKeyError, name_index
from simulator.storage.export import export_trainee, session_json, speaker_of  # noqa: F401 - re-exported
from simulator.storage.keys import INDEX_OWNER, Keyring
from simulator.storage.models import (
    MODES, Adjustment, Cohort, ScenarioRow, ScoreRow, SessionRow, Setting, Trainee, TraineeName, TurnRow, utcnow,
)

from simulator.vocabulary import DIMENSIONS

if TYPE_CHECKING:
    from simulator.dialogue.state import CallState, Turn
    from simulator.scenario.model import Scenario

NOT_STORED = 0
"""Session id returned for a private practice run that is not stored (store_private=false); recording it is a no-op."""


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


def _clean_name(name: str) -> str:
    return " ".join(name.split())


class Store:
    """The session store. Create with :meth:`Store.open`; close with :meth:`close` (or use ``with``)."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        self.is_sqlite = engine.dialect.name == "sqlite"
        self._writer = engine.execution_options(sqlite_begin="BEGIN IMMEDIATE") if self.is_sqlite else engine
        self.hostname = socket.gethostname()
        self.pid = os.getpid()
        self.keys = Keyring.from_env()
        self._owners: dict[int, str] = {}

    # -- opening -------------------------------------------------------------
    @classmethod
    def open(cls, url: str | None = None, *, check_interrupted: bool = True) -> Store:
        """Connect, migrate to the newest schema, mark dead processes' calls interrupted.

        ``url``: a SQLAlchemy URL; None = $SIMULATOR_DB or the SQLite file in
        the user's data directory. Raises :class:`BackendError` (exit 3) when
        the database cannot be reached, the URL is bad or the schema is newer
        than this program.
        """
        url = database_url(url)
        try:
            engine = make_engine(url)
            store = cls(engine, url)
            store.migrate()
            if check_interrupted:
                store.mark_interrupted()
        except (BackendError, DataKeyError):
            raise
        except (ArgumentError, NoSuchModuleError, OperationalError, DBAPIError, ValueError, OSError, ImportError) as exc:
            raise backend_error(url, exc) from None
        return store

    def migrate(self) -> None:
        """Run ``alembic upgrade head`` (under a lock, so many processes may open a fresh database at once).

        After an upgrade the files are compacted, so plaintext left by an
        older schema does not linger in free pages.
        """
        if migrate(self.engine, self._writer, self.url):
            self.compact()

    def close(self) -> None:
        """Release every connection."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session in a write transaction, committed on exit (rolled back, and key cache dropped, on error)."""
        try:
            with Session(self._writer, expire_on_commit=False) as s, s.begin():
                yield s
        except BaseException:
            self.keys.clear()
            raise

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
        if not spec.choices:  # a number that may only go up (the privacy threshold k)
            current = int(self.setting(key))
            if not value.isdigit() or int(value) < current:
                raise UsageError(f"{key} may only be raised: give a whole number of at least {current}, not '{value}'")
            value = str(int(value))
        elif value not in spec.choices:
            raise UsageError(f"{key} must be one of {', '.join(spec.choices)}, not '{value}'")
        with self.write() as s:
            row = s.get(Setting, key)
            if row is None:
                s.add(Setting(key=key, value=value))
            else:
                row.value = value

    # -- people -----------------------------------------------------------------
    def _cohort_id(self, s: Session, name: str) -> int:
        query = select(Cohort.id).where(Cohort.name == name)
        found = s.execute(query).scalar_one_or_none()
        if found is not None:
            return found
        try:
            with s.begin_nested():
                return s.execute(insert(Cohort).values(name=name, created_at=utcnow()).returning(Cohort.id)).scalar_one()
        except IntegrityError:  # another process created it just now
            return s.execute(query).scalar_one()

    def add_trainee(self, name: str, cohort: str | None = None) -> str:
        """Create a trainee (and the cohort, if new); returns the new pseudonym.

        A name is one person: adding a name that exists is a UsageError naming its pseudonym.
        """
        name = _clean_name(name)
        if not name:
            raise UsageError("a trainee needs a name")
        with self.write() as s:
            tid, created = self._get_or_create(s, name, cohort)
        if not created:
            raise UsageError(f"there is already a trainee called '{name}' ({tid}); "
                             "give a distinguishable name (e.g. with the team) for another person")
        return tid

    def _name_index(self, s: Session, name: str, *, create: bool) -> str | None:
        key = self.keys.get(s, INDEX_OWNER, create=create)
        return None if key is None else name_index(key.key, name)

    def _get_or_create(self, s: Session, name: str, cohort: str | None) -> tuple[str, bool]:
        """(pseudonym, created) for a display name: one trainee per name, however many processes ask at once."""
        index = self._name_index(s, name, create=True)
        query = select(TraineeName.trainee_id).where(TraineeName.name_index == index)
        found = s.execute(query).scalar_one_or_none()
        if found is not None:
            return found, False
        cohort_id = self._cohort_id(s, cohort) if cohort else None
        try:
            with s.begin_nested():
                while True:
                    pseudonym = "T-" + secrets.token_hex(3)
                    if s.get(Trainee, pseudonym) is None:
                        break
                s.execute(insert(Trainee).values(id=pseudonym, cohort_id=cohort_id, created_at=utcnow()))
                key = self.keys.get(s, pseudonym, create=True)
                s.execute(insert(TraineeName).values(trainee_id=pseudonym, name_index=index,
                                                     name_enc=key.encrypt(name, "name")))
            return pseudonym, True
        except IntegrityError:  # the same name was created concurrently (PostgreSQL waits for it to commit)
            return s.execute(query).scalar_one(), False

    def set_cohort(self, trainee: str, cohort: str | None) -> None:
        """Move a trainee into a cohort (None: out of any cohort)."""
        with self.write() as s:
            row = s.get(Trainee, self._resolve(s, trainee))
            row.cohort_id = self._cohort_id(s, cohort) if cohort else None

    def _resolve(self, s: Session, who: str) -> str:
        """A pseudonym for a pseudonym or a display name; UsageError when unknown."""
        who = _clean_name(who)
        if s.get(Trainee, who) is not None:
            return who
        index = self._name_index(s, who, create=False) if self._has_names(s) else None
        found = None if index is None else s.execute(
            select(TraineeName.trainee_id).where(TraineeName.name_index == index)).scalar_one_or_none()
        if found is None:
            raise UsageError(f"no trainee '{who}' (see 'simulator trainee list')")
        return found

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

    @staticmethod
    def _has_names(s: Session) -> bool:
        from sqlalchemy import inspect as sa_inspect

        return sa_inspect(s.connection()).has_table(TraineeName.__tablename__)

    def _names(self, s: Session, only: set[str] | None = None) -> dict[str, str]:
        """Pseudonym -> name (decrypted); empty when the names table has been dropped."""
        if not self._has_names(s):
            return {}
        query = select(TraineeName.trainee_id, TraineeName.name_enc)
        rows = s.execute(query).all()
        if only is not None:
            rows = [r for r in rows if r[0] in only]
        if len(rows) > 20:
            self.keys.preload(s)
        return {tid: self.keys.need(s, tid).decrypt(blob, "name") for tid, blob in rows}

    def names(self, only: set[str] | None = None) -> dict[str, str]:
        """Pseudonym -> display name (all, or those in ``only``; empty once the names table is dropped)."""
        with self.read() as s:
            return self._names(s, only)

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
                    trainee_id, _ = self._get_or_create(s, _clean_name(trainee), None)
            self.keys.get(s, trainee_id or ANONYMOUS, create=trainee_id is None) or self.keys.need(s, trainee_id)
            row = SessionRow(trainee_id=trainee_id, scenario_ref=self._scenario_ref(s, scenario), lang=lang,
                             seed=int(seed), mode=mode, private=bool(private), status="running",
                             started_at=utcnow(), pid=self.pid, hostname=self.hostname)
            s.add(row)
            s.flush()
            self._owners[row.id] = trainee_id or ANONYMOUS
            return row.id

    def _session_key(self, s: Session, session_id: int) -> DataKey:
        """The data key of the person a stored call belongs to (UsageError for an unknown session)."""
        owner = self._owners.get(session_id)
        if owner is None:
            found = s.execute(select(SessionRow.id, SessionRow.trainee_id).where(SessionRow.id == session_id)).first()
            if found is None:
                raise UsageError(f"no session {session_id}")
            owner = self._owners[session_id] = found[1] or ANONYMOUS
        return self.keys.get(s, owner, create=owner == ANONYMOUS) or self.keys.need(s, owner)

    @staticmethod
    def _turn_row(session_id: int, turn: Turn, reply: Turn | None, key: DataKey) -> TurnRow:
        return TurnRow(session_id=session_id, number=turn.number, speaker=turn.speaker,
                       text_enc=key.encrypt(turn.text, "text"),
                       acts=list(turn.acts), steps=list(turn.steps), events=[e.to_json() for e in turn.events],
                       reply_enc=key.encrypt(reply.text, "reply") if reply is not None else None,
                       reply_events=[e.to_json() for e in reply.events] if reply is not None else [],
                       mood=float(reply.mood if reply is not None else turn.mood), recorded_at=utcnow())

    def record_turn(self, session_id: int, trainee_turn: Turn, customer_turn: Turn | None = None) -> None:
        """Store one line (the trainee's, or the customer's opening as number 0) and the reply; committed at once.

        Recording the same turn number again replaces it (e.g. a retry).
        """
        if session_id == NOT_STORED:
            return
        with self.write() as s:
            key = self._session_key(s, session_id)
            s.execute(delete(TurnRow).where(TurnRow.session_id == session_id, TurnRow.number == trainee_turn.number))
            s.add(self._turn_row(session_id, trainee_turn, customer_turn, key))

    def finish_session(self, session_id: int, state: CallState, score: Any = None) -> None:
        """Store how the call ended and its score (a ``simulator.scoring.Score``; None: unscored).

        Exchanges of ``state`` not recorded yet are stored too.
        """
        if session_id == NOT_STORED:
            return
        with self.write() as s:
            key = self._session_key(s, session_id)
            row = s.get(SessionRow, session_id)
            have = set(s.execute(select(TurnRow.number).where(TurnRow.session_id == session_id)).scalars())
            for x in state.exchanges:
                line = x.trainee or x.reply
                if line is not None and x.number not in have:
                    s.add(self._turn_row(session_id, line, x.reply if x.trainee is not None else None, key))
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
                lines = {x.number: x.trainee.text for x in state.exchanges if x.trainee is not None}
                evidence = [{**e, "speaker": speaker_of(e, lines)} for e in score.to_json().get("evidence", [])]
                row.evidence_enc = key.encrypt_json(evidence, "evidence")
                s.execute(delete(ScoreRow).where(ScoreRow.session_id == session_id))
                for dim in score.dimensions:
                    if dim.name in DIMENSIONS:
                        setattr(row, f"score_{dim.name}", None if dim.value is None else float(dim.value))
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
            key = self._session_key(s, session_id)
            row = Adjustment(session_id=session_id, dimension=dimension, delta=delta, value=value,
                             reason_enc=key.encrypt(reason.strip(), "note"), author=author.strip(), created_at=utcnow())
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
            return export_trainee(s, tid, self._names(s, {tid}).get(tid), self.keys.get(s, tid))

    def delete_trainee(self, trainee: str) -> int:
        """Remove a person and everything about them (calls, turns, scores, notes, name, data key); returns calls deleted.

        Their texts were encrypted with their data key, which is deleted too:
        copies left in dead tuples, the WAL or backups stay unreadable. On
        SQLite the freed pages are also overwritten (secure_delete), the WAL
        checkpointed and the file vacuumed.
        """
        with self.write() as s:
            tid = self._resolve(s, trainee)
            ids = list(s.execute(select(SessionRow.id).where(SessionRow.trainee_id == tid)).scalars())
            for table in (TurnRow, ScoreRow, Adjustment):
                s.execute(delete(table).where(table.session_id.in_(ids)))
            s.execute(delete(SessionRow).where(SessionRow.trainee_id == tid))
            if self._has_names(s):
                s.execute(delete(TraineeName).where(TraineeName.trainee_id == tid))
            self.keys.shred(s, tid)
            s.execute(delete(Trainee).where(Trainee.id == tid))
        for sid in ids:
            self._owners.pop(sid, None)
        self.compact()
        return len(ids)

    def compact(self) -> None:
        """Give freed space back and leave no deleted text in the files (VACUUM; SQLite WAL checkpoint)."""
        compact(self.engine)
