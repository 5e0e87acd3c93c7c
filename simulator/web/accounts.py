"""Accounts, logins, sessions, cohort assignments and the audit log, over the store's database.

Passwords are hashed with Argon2id (``argon2-cffi``'s ``PasswordHasher`` with
OWASP's parameters; older hashes are rehashed at the next login); a login session is a random token in an
HttpOnly cookie whose SHA-256 is a row of ``web_sessions``; failed logins are
rows of ``web_login_failures``, so the limit holds across every serve process
sharing the database. Nothing here keeps state in the process.
"""

from __future__ import annotations

import hashlib
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.exc import IntegrityError

from simulator.errors import SimulatorError, UsageError
from simulator.storage.accounts import ROLES, WebAssignment, WebAudit, WebLoginFailure, WebSecret, WebSession, WebUser
from simulator.storage.models import Cohort, Trainee, utcnow

SESSION_HOURS = 12
"""A login lasts this long (then the browser is sent to the login page)."""
FAILURES_PER_ACCOUNT = 5
"""Failed logins of one account name within :data:`FAILURE_WINDOW` before further tries are refused."""
FAILURES_PER_CLIENT = 30
"""Failed logins from one client address within :data:`FAILURE_WINDOW` before further tries are refused."""
FAILURE_WINDOW = timedelta(minutes=15)
"""How long a failed login counts."""
MIN_PASSWORD = 8
"""Shortest password accepted."""
MAX_PASSWORD = 1024
"""Longest password accepted (Argon2 would take any length; a bound keeps requests cheap)."""


class LoginThrottled(SimulatorError):
    """Too many failed logins for this account or client: try again later."""


@dataclass(frozen=True, slots=True)
class User:
    """A logged-in account, as every route sees it."""

    id: int
    """Row id."""
    username: str
    """Login name."""
    role: str
    """trainee | instructor | hr | admin."""
    trainee_id: str | None
    """The pseudonym a trainee account sees (None for other roles)."""
    cohorts: frozenset[str]
    """Cohort names an instructor is assigned to (empty for other roles)."""


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def clean_username(name: str) -> str:
    """A login name without surrounding or repeated spaces; UsageError when empty, too long or with control characters."""
    name = " ".join(str(name).split())
    if not name or len(name) > 80 or any(unicodedata.category(c).startswith("C") for c in name):
        raise UsageError("a user name is 1 to 80 printable characters")
    return name


def check_password(password: str) -> None:
    """UsageError for a password that is too short or too long."""
    if not (MIN_PASSWORD <= len(password) <= MAX_PASSWORD):
        raise UsageError(f"a password has {MIN_PASSWORD} to {MAX_PASSWORD} characters")


class Accounts:
    """Accounts and everything the web server keeps between requests, in the store's database."""

    def __init__(self, store: Any) -> None:
        from argon2 import PasswordHasher

        self.store = store
        # OWASP's Argon2id parameters (19 MiB, 2 passes, 1 lane): a login costs ~50 ms of one core instead of
        # argon2-cffi's default 64 MiB x 3 x 4 lanes, which let 50 simultaneous logins queue for 30 s on 2 cores
        self.hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
        self._dummy = self.hasher.hash(secrets.token_hex(16))

    # -- accounts -------------------------------------------------------------------
    def add_user(self, username: str, password: str, role: str, *, trainee: str | None = None,
                 cohorts: tuple[str, ...] = ()) -> int:
        """Create an account; a trainee account is linked to the trainee ``trainee`` (pseudonym or name; default:
        the trainee called like the account, created if new). UsageError for a bad name, role or password."""
        username = clean_username(username)
        if role not in ROLES:
            raise UsageError(f"role must be one of {', '.join(ROLES)}, not '{role}'")
        check_password(password)
        tid = None
        if role == "trainee":
            who = trainee or username
            try:
                tid = self.store.resolve(who)
            except UsageError:
                if trainee and trainee.startswith("T-"):
                    raise
                tid = self.store.add_trainee(who, cohorts[0] if cohorts else None)
        hashed = self.hasher.hash(password)
        try:
            with self.store.write() as s:
                uid = s.execute(insert(WebUser).values(username=username, password_hash=hashed, role=role,
                                                       trainee_id=tid, created_at=utcnow())
                                .returning(WebUser.id)).scalar_one()
                if role == "instructor":
                    for c in cohorts:
                        s.add(WebAssignment(user_id=uid, cohort_id=self._cohort_id(s, c)))
        except IntegrityError:
            raise UsageError(f"there is already a user called '{username}'") from None
        return uid

    @staticmethod
    def _cohort_id(s: Any, name: str) -> int:
        cid = s.execute(select(Cohort.id).where(Cohort.name == name)).scalar_one_or_none()
        if cid is None:
            raise UsageError(f"no cohort '{name}'")
        return cid

    def _user_id(self, s: Any, username: str) -> int:
        uid = s.execute(select(WebUser.id).where(WebUser.username == clean_username(username))).scalar_one_or_none()
        if uid is None:
            raise UsageError(f"no user '{username}'")
        return uid

    def set_role(self, username: str, role: str) -> None:
        """Change an account's role (UsageError for an unknown user or role; a trainee keeps their link)."""
        if role not in ROLES:
            raise UsageError(f"role must be one of {', '.join(ROLES)}, not '{role}'")
        with self.store.write() as s:
            row = s.get(WebUser, self._user_id(s, username))
            row.role = role

    def set_password(self, username: str, password: str) -> None:
        """Replace an account's password and end its sessions."""
        check_password(password)
        with self.store.write() as s:
            row = s.get(WebUser, self._user_id(s, username))
            row.password_hash = self.hasher.hash(password)
            s.execute(delete(WebSession).where(WebSession.user_id == row.id))

    def remove_user(self, username: str) -> None:
        """Delete an account (its sessions and assignments go with it; the trainee's data stays)."""
        with self.store.write() as s:
            uid = self._user_id(s, username)
            s.execute(delete(WebSession).where(WebSession.user_id == uid))
            s.execute(delete(WebAssignment).where(WebAssignment.user_id == uid))
            s.execute(delete(WebUser).where(WebUser.id == uid))

    def assign(self, username: str, cohort: str, *, on: bool = True) -> None:
        """Give (or take away) an instructor's access to a cohort."""
        with self.store.write() as s:
            uid, cid = self._user_id(s, username), self._cohort_id(s, cohort)
            if s.get(WebUser, uid).role != "instructor":
                raise UsageError(f"'{username}' is not an instructor: only instructors are assigned to cohorts")
            exists = s.get(WebAssignment, (uid, cid)) is not None
            if on and not exists:
                s.add(WebAssignment(user_id=uid, cohort_id=cid))
            elif not on and exists:
                s.execute(delete(WebAssignment).where(WebAssignment.user_id == uid, WebAssignment.cohort_id == cid))

    def users(self) -> list[User]:
        """Every account, by name."""
        with self.store.read() as s:
            rows = s.execute(select(WebUser).order_by(WebUser.username)).scalars().all()
            return [self._user(s, r) for r in rows]

    @staticmethod
    def _user(s: Any, row: WebUser) -> User:
        cohorts: frozenset[str] = frozenset()
        if row.role == "instructor":
            cohorts = frozenset(s.execute(select(Cohort.name).join(WebAssignment, WebAssignment.cohort_id == Cohort.id)
                                          .where(WebAssignment.user_id == row.id)).scalars())
        return User(row.id, row.username, row.role, row.trainee_id if row.role == "trainee" else None, cohorts)

    # -- logging in -----------------------------------------------------------------
    def login(self, username: str, password: str, client: str) -> str | None:
        """A new session token for a right password; None for a wrong one; LoginThrottled after too many failures.

        The password is checked (against a dummy hash for an unknown name, so
        both take the same time) only while the account and the client are
        under their limits.
        """
        name = " ".join(str(username).split())[:80]
        now = utcnow()
        keys = (f"u:{name.casefold()}", f"ip:{client}"[:200])
        with self.store.read() as s:
            counts = dict(s.execute(select(WebLoginFailure.key, func.count()).where(
                WebLoginFailure.key.in_(keys), WebLoginFailure.at >= now - FAILURE_WINDOW)
                .group_by(WebLoginFailure.key)).all())
            row = s.execute(select(WebUser).where(WebUser.username == name)).scalar_one_or_none()
        if counts.get(keys[0], 0) >= FAILURES_PER_ACCOUNT or counts.get(keys[1], 0) >= FAILURES_PER_CLIENT:
            raise LoginThrottled("too many failed logins: wait a quarter of an hour and try again")
        ok = self._verify(row.password_hash if row is not None else self._dummy, password[:MAX_PASSWORD])
        if row is None or not ok:
            with self.store.write() as s:
                s.execute(insert(WebLoginFailure), [{"key": k, "at": now} for k in keys])
                s.execute(delete(WebLoginFailure).where(WebLoginFailure.at < now - FAILURE_WINDOW * 4))
            return None
        token = secrets.token_urlsafe(32)
        with self.store.write() as s:
            s.execute(delete(WebLoginFailure).where(WebLoginFailure.key == keys[0]))
            s.execute(delete(WebSession).where(WebSession.expires_at < now))
            s.add(WebSession(token_hash=_digest(token), user_id=row.id, created_at=now,
                             expires_at=now + timedelta(hours=SESSION_HOURS)))
            if self.hasher.check_needs_rehash(row.password_hash):
                s.get(WebUser, row.id).password_hash = self.hasher.hash(password)
        return token

    def _verify(self, hashed: str, password: str) -> bool:
        from argon2.exceptions import InvalidHashError, VerificationError

        try:
            return self.hasher.verify(hashed, password)
        except (VerificationError, InvalidHashError):
            return False

    def session_user(self, token: str | None, now: datetime | None = None) -> User | None:
        """The account of a live session token (None: no, unknown or expired token)."""
        if not token or len(token) > 100:
            return None
        with self.store.read() as s:
            row = s.execute(select(WebUser).join(WebSession, WebSession.user_id == WebUser.id).where(
                WebSession.token_hash == _digest(token), WebSession.expires_at > (now or utcnow()))).scalar_one_or_none()
            return None if row is None else self._user(s, row)

    def logout(self, token: str | None) -> None:
        """End a session (nothing for an unknown token)."""
        if token:
            with self.store.write() as s:
                s.execute(delete(WebSession).where(WebSession.token_hash == _digest(token)))

    # -- audit log, secrets -------------------------------------------------------------
    def audit(self, user: User | None, action: str, target: str = "", detail: str = "") -> None:
        """Write one audit entry (committed at once)."""
        with self.store.write() as s:
            s.add(WebAudit(at=utcnow(), actor=user.username if user else "-", role=user.role if user else "-",
                           action=action[:40], target=target[:200], detail=detail[:500]))

    def audit_log(self, limit: int = 500) -> list[dict[str, Any]]:
        """The newest audit entries first."""
        with self.store.read() as s:
            rows = s.execute(select(WebAudit).order_by(WebAudit.at.desc(), WebAudit.id.desc()).limit(limit)).scalars()
            return [{"at": r.at.strftime("%Y-%m-%d %H:%M:%S"), "actor": r.actor, "role": r.role, "action": r.action,
                     "target": r.target, "detail": r.detail} for r in rows]

    def secret(self, name: str) -> str:
        """A server secret shared by every serve process, made on first use."""
        with self.store.read() as s:
            found = s.execute(select(WebSecret.value).where(WebSecret.name == name)).scalar_one_or_none()
        if found is not None:
            return found
        try:
            with self.store.write() as s:
                s.add(WebSecret(name=name, value=secrets.token_urlsafe(48)))
        except IntegrityError:  # another process made it just now
            pass
        with self.store.read() as s:
            return s.execute(select(WebSecret.value).where(WebSecret.name == name)).scalar_one()

    def trainee_cohort(self, tid: str) -> str | None:
        """The cohort name of a trainee (None: no cohort); UsageError for an unknown pseudonym."""
        with self.store.read() as s:
            row = s.execute(select(Trainee.id, Cohort.name).outerjoin(Cohort, Cohort.id == Trainee.cohort_id)
                            .where(Trainee.id == tid)).first()
        if row is None:
            raise UsageError(f"no trainee '{tid}'")
        return row[1]
