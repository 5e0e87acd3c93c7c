"""The admin's pages: people, cohorts, accounts and roles, privacy settings, and the audit log.

Every change is written to the audit log; privacy settings go through
:meth:`Store.set_setting` (``min_group`` may only be raised).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse

from simulator.errors import UsageError
from simulator.storage.accounts import ROLES
from simulator.web import reports
from simulator.web.accounts import User
from simulator.web.deps import render, role, web

router = APIRouter(include_in_schema=False)
ADMIN = Depends(role("admin"))
Field = Annotated[str, Form(max_length=200)]


def _page(request: Request, status: int = 200, error: str = "", done: str = "") -> Any:
    from simulator.storage.config import PRIVACY_SETTINGS

    w = web(request)
    return render(request, "admin.html.j2", status=status, users=w.accounts.users(), trainees=w.store.trainees(),
                  cohorts=w.store.cohorts(), roles=ROLES, settings=w.store.settings(), specs=PRIVACY_SETTINGS,
                  error=error, done=done)


@router.get("/admin")
def admin_page(request: Request, user: Annotated[User, ADMIN]) -> Any:
    """People, cohorts, accounts, privacy settings."""
    web(request).accounts.audit(user, "view_people", "admin page")
    return _page(request)


def _apply(request: Request, user: User, action: str, target: str, detail: str, change: Any) -> Any:
    try:
        change()
    except UsageError as exc:
        return _page(request, 400, error=exc.format_message())
    web(request).accounts.audit(user, action, target, detail)
    reports.forget()
    return RedirectResponse("/admin?done=1", status_code=303)


@router.post("/admin/users")
def add_user(request: Request, user: Annotated[User, ADMIN], username: Field, password: Annotated[str, Form(max_length=1024)],
             new_role: Field, trainee: Field = "", cohort: Field = "") -> Any:
    """Create an account (a trainee account is linked to the trainee of that name, created in ``cohort`` if new)."""
    accounts = web(request).accounts
    return _apply(request, user, "user_add", username, new_role, lambda: accounts.add_user(
        username, password, new_role, trainee=trainee or None, cohorts=(cohort,) if cohort else ()))


@router.post("/admin/roles")
def set_role(request: Request, user: Annotated[User, ADMIN], username: Field, new_role: Field) -> Any:
    """Change an account's role."""
    accounts = web(request).accounts
    return _apply(request, user, "role_set", username, new_role, lambda: accounts.set_role(username, new_role))


@router.post("/admin/assign")
def assign(request: Request, user: Annotated[User, ADMIN], username: Field, cohort: Field, on: Field = "1") -> Any:
    """Assign an instructor to a cohort (``on=0``: take the assignment away)."""
    accounts = web(request).accounts
    return _apply(request, user, "assign" if on == "1" else "unassign", username, cohort,
                  lambda: accounts.assign(username, cohort, on=on == "1"))


@router.post("/admin/trainees")
def add_trainee(request: Request, user: Annotated[User, ADMIN], name: Field, cohort: Field = "") -> Any:
    """Add a trainee (and the cohort, if new)."""
    store = web(request).store
    return _apply(request, user, "trainee_add", cohort, "", lambda: store.add_trainee(name, cohort or None))


@router.post("/admin/privacy")
def set_privacy(request: Request, user: Annotated[User, ADMIN], key: Field, value: Field) -> Any:
    """Change one privacy setting (audited: old and new value)."""
    store = web(request).store
    old = store.settings().get(key, "")
    return _apply(request, user, "privacy_set", key, f"{old} -> {value}", lambda: store.set_setting(key, value))


@router.get("/admin/audit")
def audit_page(request: Request, user: Annotated[User, ADMIN]) -> Any:
    """The audit log, newest first (for the admin and the works council)."""
    return render(request, "audit.html.j2", entries=web(request).accounts.audit_log())
