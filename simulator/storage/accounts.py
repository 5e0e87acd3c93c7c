"""The web application's tables: accounts, roles, cohort assignments, sessions, login throttle, audit log.

They share :class:`simulator.storage.models.Base` (one schema, one Alembic
history; revision ``0004`` creates them). Everything the web server keeps
between requests lives here, in the database, so several ``simulator serve``
processes behind one reverse proxy share it: a login made on one process is
valid on all, and failed logins count against the same limit everywhere.

* ``web_users`` – one account: login name, Argon2 hash, role, and for a
  trainee the pseudonym the account sees (``trainee_id``; deleting the
  trainee deletes the account, GDPR Art. 17).
* ``web_assignments`` – which cohorts an instructor may see.
* ``web_sessions`` – logged-in browsers: the SHA-256 of the cookie's random
  token (the token itself is never stored), the user, the expiry.
* ``web_login_failures`` – failed logins per account name and per client
  address, counted over a window (the rate limit).
* ``web_audit`` – every change of a privacy setting, role or account and
  every view of individual data: who, when, what. Read by admins (and the
  works council) in the browser or with ``simulator user audit``.
* ``web_secrets`` – the signing secret of the CSRF tokens when
  ``SIMULATOR_WEB_SECRET`` is not set (shared by every serve process).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from simulator.storage.models import Base, utcnow

ROLES = ("trainee", "instructor", "hr", "admin")
"""Who an account is: what it may see is decided per route on the server."""


class WebUser(Base):
    """A web account."""

    __tablename__ = "web_users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    trainee_id: Mapped[str | None] = mapped_column(ForeignKey("trainees.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class WebAssignment(Base):
    """An instructor may see one cohort."""

    __tablename__ = "web_assignments"
    user_id: Mapped[int] = mapped_column(ForeignKey("web_users.id", ondelete="CASCADE"), primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), primary_key=True)


class WebSession(Base):
    """A logged-in browser (the cookie holds a random token; only its SHA-256 is kept)."""

    __tablename__ = "web_sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("web_users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime, index=True)


class WebLoginFailure(Base):
    """One failed login, counted against the account name ('u:<name>') and the client ('ip:<address>')."""

    __tablename__ = "web_login_failures"
    __table_args__ = (Index("ix_web_login_failures_key_at", "key", "at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class WebAudit(Base):
    """One audited event: a privacy setting, role or account changed, or individual data viewed."""

    __tablename__ = "web_audit"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(40))
    target: Mapped[str] = mapped_column(String(200), default="")
    detail: Mapped[str] = mapped_column(String(500), default="")


class WebSecret(Base):
    """A server secret shared by every serve process (e.g. 'csrf')."""

    __tablename__ = "web_secrets"
    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
