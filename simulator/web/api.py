"""The JSON API behind the pages (schema at ``/api/openapi.json``, browsable at ``/api/docs``); the same role checks.

Stable: ``GET /api/health``, ``GET /api/cohorts`` (HR, instructor, admin:
aggregates per cohort through the privacy gate), ``GET /api/trainees``
(instructor: their cohorts, admin: everyone; pseudonyms and names),
``GET /api/me/sessions`` (a trainee's own calls). Log in with ``POST /login``.
Errors are ``{"error": key, "message": text, "detail": text}`` with the HTTP status.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel
from sqlalchemy import text

from simulator.reports.progress_model import Selection
from simulator.web import reports
from simulator.web.access import call_or_403
from simulator.web.accounts import User
from simulator.web.calls import load_call, sessions_of, trainees_in
from simulator.web.deps import ANY_ROLE, WebError, role, web

router = APIRouter(prefix="/api", tags=["api"])


class Health(BaseModel):
    """The server and its database answer."""

    status: str
    database: str


class CohortFigures(BaseModel):
    """One cohort's figures of the period; None where the privacy gate hides a figure."""

    name: str
    trainees: int | None
    calls: int | None
    total: float | None
    dimensions: dict[str, float | None]
    suppressed: list[str]


class Cohorts(BaseModel):
    """Aggregates per cohort of one closed period, through the privacy gate (k distinct trainees per figure)."""

    period: str
    k: int
    cohorts: list[CohortFigures]
    notes: list[str]


class TraineeItem(BaseModel):
    """A trainee: pseudonym, name (instructors and admins only), cohort, stored calls."""

    pseudonym: str
    name: str | None
    cohort: str | None
    sessions: int


class SessionItem(BaseModel):
    """One stored call (summary)."""

    id: int
    scenario: str
    lang: str
    mode: str
    status: str
    started: str | None
    ended: str | None
    outcome: str | None
    resolved: bool | None
    total: float | None


class Me(BaseModel):
    """The logged-in account."""

    username: str
    role: str
    trainee: str | None
    cohorts: list[str]


@router.get("/health", response_model=Health, summary="Liveness and database check (no login)")
def health(request: Request) -> Any:
    """``{"status": "ok", "database": "ok"}``, or 503 when the database does not answer."""
    try:
        with web(request).store.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any database failure is 'unavailable', never a traceback
        raise WebError(503, "database") from None
    return {"status": "ok", "database": "ok"}


@router.get("/me", response_model=Me, summary="The logged-in account")
def me(user: Annotated[User, Depends(role(*ANY_ROLE))]) -> Any:
    """Who is logged in, with which role."""
    return {"username": user.username, "role": user.role, "trainee": user.trainee_id, "cohorts": sorted(user.cohorts)}


@router.get("/cohorts", response_model=Cohorts, summary="Aggregates per cohort through the privacy gate")
def cohorts(request: Request, user: Annotated[User, Depends(role("hr", "instructor", "admin"))], period: str = "") -> Any:
    """Per cohort of a closed period (``period`` = 2025-03 or 2025-Q1; default the last closed quarter): trainees,
    calls, mean total and dimensions, each only where it rests on at least k trainees. Instructors get their
    assigned cohorts only."""
    w = web(request)
    rep = reports.report(w.store, Selection(audience="hr", period=period[:10] or None))
    k = int(w.store.setting("min_group"))
    if rep is None:
        from simulator.reports.gate import Period
        from simulator.storage.models import utcnow

        label = period[:10] or Period.last_closed_quarter(utcnow().date()).label
        return {"period": label, "k": k, "cohorts": [], "notes": ["no figures the privacy gate lets through"]}
    rows = [c for c in rep.cohorts if user.role != "instructor" or c.name in user.cohorts]
    return {"period": rep.period_label, "k": k, "notes": list(rep.notes), "cohorts": [
        {"name": c.name, "trainees": c.trainees, "calls": c.calls, "total": c.total, "dimensions": c.dimensions,
         "suppressed": sorted(c.hidden)} for c in rows]}


@router.get("/trainees", response_model=list[TraineeItem], summary="Trainees with pseudonyms and names")
def trainees(request: Request, user: Annotated[User, Depends(role("instructor", "admin"))]) -> Any:
    """Instructors: the trainees of their cohorts; admins: everyone. Never for HR or trainees (403)."""
    w = web(request)
    rows = trainees_in(w.store, None if user.role == "admin" else user.cohorts)
    w.accounts.audit(user, "api_trainees", "", f"{len(rows)} trainees")
    return rows


@router.get("/me/sessions", response_model=list[SessionItem], summary="The logged-in trainee's own calls")
def my_sessions(request: Request, user: Annotated[User, Depends(role("trainee"))]) -> Any:
    """Newest first."""
    return sessions_of(web(request).store, user.trainee_id, limit=1000)


@router.get("/calls/{session_id}", summary="One call with transcript, scores and notes")
def call(request: Request, session_id: int, user: Annotated[User, Depends(role("trainee", "instructor"))]) -> Any:
    """A trainee's own call, or a call of an instructor's cohort (audited)."""
    w = web(request)
    tid, _, _ = call_or_403(w.store, user, session_id)
    if user.role == "instructor":
        w.accounts.audit(user, "view_call", str(session_id), tid or "")
    c = load_call(w.store, session_id)
    return {"id": c.id, "trainee": c.trainee, "scenario": c.scenario, "lang": c.lang, "mode": c.mode,
            "status": c.status, "started": c.started.isoformat(), "outcome": c.outcome, "total": c.total,
            "scores": {d: v for d, v, _ in c.scores}, "evidence": list(c.evidence),
            "turns": [{"number": n, "speaker": sp, "text": tx, "acts": list(a), "reply": r} for n, sp, tx, a, r in c.turns],
            "notes": list(c.notes)}
