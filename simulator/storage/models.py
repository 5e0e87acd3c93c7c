"""The schema: SQLAlchemy 2 typed declarative models.

Tables: ``cohorts``, ``trainees`` (pseudonym only), ``trainee_names``
(pseudonym -> display name; the only place a name is kept, referenced by no
other table, so it can be emptied or dropped), ``scenarios`` (id + content
hash), ``sessions`` (one call), ``turns`` (one trainee line and the
customer's reply), ``session_scores`` (one row per rubric dimension),
``adjustments`` (instructor notes and score adjustments, kept beside the
automatic score), ``settings`` (privacy switches) and ``trainee_keys`` (one
data key per person: names, lines, quotes and notes are stored encrypted
with it, see :mod:`simulator.storage.crypto`).

All times are UTC, stored without a time zone. Every change to these models
needs a new Alembic revision in ``migrations/versions``; a test checks that
the migrated schema equals this metadata.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Index, Integer, LargeBinary, MetaData, String, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from simulator.vocabulary import DIMENSIONS, MODES

MODES_AND_DIMS = (MODES, DIMENSIONS)
"""Session modes and the rubric dimensions that have a ``score_<dimension>`` column on sessions."""

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
"""Constraint names, identical on SQLite and PostgreSQL (so migrations can refer to them)."""

SESSION_STATUSES = ("running", "finished", "interrupted")
"""Lifecycle of a session row."""


def utcnow() -> datetime:
    """Now, UTC, without tzinfo (as stored)."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Base(DeclarativeBase):
    """Base of every table."""

    metadata = MetaData(naming_convention=NAMING)


class Cohort(Base):
    """A group of trainees (a course, a team, an intake)."""

    __tablename__ = "cohorts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Trainee(Base):
    """A person, known only by a pseudonymous id such as 'T-7f3a9c'."""

    __tablename__ = "trainees"
    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    cohort_id: Mapped[int | None] = mapped_column(ForeignKey("cohorts.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class TraineeName(Base):
    """Pseudonym -> display name (encrypted). Nothing refers to this table; dropping it loses only the names.

    ``name_index`` (HMAC of the normalised name under the store's index
    secret) is unique: one name is one trainee, even when twenty first calls
    under that name arrive at once.
    """

    __tablename__ = "trainee_names"
    trainee_id: Mapped[str] = mapped_column(ForeignKey("trainees.id", ondelete="CASCADE"), primary_key=True)
    name_index: Mapped[str] = mapped_column(String(64), unique=True)
    name_enc: Mapped[bytes] = mapped_column(LargeBinary)


class TraineeKey(Base):
    """One owner's data key (AES-256-GCM), raw or wrapped by the organisation key. Deleting the row shreds the data.

    ``owner``: a pseudonym, 'anonymous' (calls without a trainee) or
    '__index__' (the secret of the name index).
    """

    __tablename__ = "trainee_keys"
    owner: Mapped[str] = mapped_column(String(16), primary_key=True)
    key: Mapped[bytes] = mapped_column(LargeBinary)
    wrapped: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ScenarioRow(Base):
    """One version of a scenario file: its id and the sha256 of its bytes."""

    __tablename__ = "scenarios"
    __table_args__ = (UniqueConstraint("scenario_id", "content_hash"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scenario_id: Mapped[str] = mapped_column(String(120))
    content_hash: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(300), default="")


class SessionRow(Base):
    """One call."""

    __tablename__ = "sessions"
    __table_args__ = (Index("ix_sessions_status_host", "status", "hostname"),
                      Index("ix_sessions_status_started", "status", "started_at"))  # a period's calls (HR)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    trainee_id: Mapped[str | None] = mapped_column(ForeignKey("trainees.id", ondelete="CASCADE"), index=True)
    scenario_ref: Mapped[int] = mapped_column(ForeignKey("scenarios.id"), index=True)
    lang: Mapped[str] = mapped_column(String(8))
    seed: Mapped[int] = mapped_column(Integer, default=0)
    mode: Mapped[str] = mapped_column(String(16), default="practice")
    private: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16), default="running")
    started_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime)
    outcome_reason: Mapped[str | None] = mapped_column(String(32))
    resolved: Mapped[bool | None] = mapped_column(Boolean)
    final_mood: Mapped[float | None] = mapped_column(Float)
    total_score: Mapped[float | None] = mapped_column(Float)
    # A copy of session_scores' values, one column per rubric dimension: reports aggregate these with one
    # GROUP BY over sessions (0.2 s for 100k calls on SQLite; the join over session_scores took 4-5 s).
    score_empathy: Mapped[float | None] = mapped_column(Float)
    score_questioning: Mapped[float | None] = mapped_column(Float)
    score_summarising: Mapped[float | None] = mapped_column(Float)
    score_checklist: Mapped[float | None] = mapped_column(Float)
    score_clarity: Mapped[float | None] = mapped_column(Float)
    score_transparency: Mapped[float | None] = mapped_column(Float)
    score_courtesy: Mapped[float | None] = mapped_column(Float)
    score_outcome: Mapped[float | None] = mapped_column(Float)
    evidence_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    pid: Mapped[int] = mapped_column(Integer, default=0)
    hostname: Mapped[str] = mapped_column(String(255), default="")


def score_column(dimension: str) -> Any:
    """The ``sessions.score_<dimension>`` column (KeyError for a dimension without one)."""
    if dimension not in MODES_AND_DIMS[1]:
        raise KeyError(dimension)
    return getattr(SessionRow, f"score_{dimension}")


class TurnRow(Base):
    """One line of a call and the customer's reply to it (number 0: the customer's opening)."""

    __tablename__ = "turns"
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True)
    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    speaker: Mapped[str] = mapped_column(String(16))
    text_enc: Mapped[bytes] = mapped_column(LargeBinary)
    acts: Mapped[Any] = mapped_column(JSON, default=list)
    steps: Mapped[Any] = mapped_column(JSON, default=list)
    events: Mapped[Any] = mapped_column(JSON, default=list)
    reply_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    reply_events: Mapped[Any] = mapped_column(JSON, default=list)
    mood: Mapped[float] = mapped_column(Float, default=0.0)
    recorded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ScoreRow(Base):
    """The automatic score of one rubric dimension of one call (value None: not applicable)."""

    __tablename__ = "session_scores"
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True)
    dimension: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[float | None] = mapped_column(Float)
    weight: Mapped[float] = mapped_column(Float, default=1.0)


class Adjustment(Base):
    """An instructor's note, or adjustment of one dimension (a delta or a new value), with a reason.

    Kept beside the automatic score; the automatic score is never overwritten.
    """

    __tablename__ = "adjustments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), index=True)
    dimension: Mapped[str | None] = mapped_column(String(32))
    delta: Mapped[float | None] = mapped_column(Float)
    value: Mapped[float | None] = mapped_column(Float)
    reason_enc: Mapped[bytes] = mapped_column(LargeBinary)
    author: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Setting(Base):
    """A key/value setting (the privacy switches)."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


class HrRelease(Base):
    """A quarter whose HR figures have been released (frozen): computed once, then served unchanged.

    Freezing stops differencing over time: a deletion or a late call does not
    change what HR already saw. Raising k releases the quarter anew.
    """

    __tablename__ = "hr_releases"
    quarter: Mapped[str] = mapped_column(String(8), primary_key=True)
    k: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class HrFigure(Base):
    """One gated measure of one cell of a released quarter (no trainee ids: counts and means only)."""

    __tablename__ = "hr_figures"
    quarter: Mapped[str] = mapped_column(ForeignKey("hr_releases.quarter", ondelete="CASCADE"), primary_key=True)
    scope: Mapped[str] = mapped_column(String(120), primary_key=True)
    time: Mapped[str] = mapped_column(String(8), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    part: Mapped[str] = mapped_column(String(120), primary_key=True)
    measure: Mapped[str] = mapped_column(String(32), primary_key=True)
    shown: Mapped[bool] = mapped_column(Boolean)
    trainees: Mapped[int] = mapped_column(Integer, default=0)
    count: Mapped[int] = mapped_column(Integer, default=0)
    mean: Mapped[float | None] = mapped_column(Float)
