"""Cohort pages for instructors (their assigned cohorts only) and HR's aggregate page (through the privacy gate)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from sqlalchemy import select

from simulator.errors import UsageError
from simulator.reports.progress_model import Selection
from simulator.web import reports
from simulator.web.access import cohort_or_403
from simulator.web.accounts import User
from simulator.web.deps import WebError, render, role, web

router = APIRouter(include_in_schema=False)
INSTRUCTOR = Depends(role("instructor"))
HR = Depends(role("hr"))
FORMATS = ("csv", "pdf", "xapi")


@router.get("/cohorts")
def cohorts_page(request: Request, user: Annotated[User, INSTRUCTOR]) -> Any:
    """The cohorts this instructor is assigned to."""
    return render(request, "cohorts.html.j2", cohorts=cohort_rows(web(request).store, user.cohorts))


def seminar_calls(store: Any, cohort: str, limit: int = 50) -> list[dict[str, Any]]:
    """The newest seminar calls of a cohort's trainees: id, trainee, scenario, date, total."""
    from simulator.storage.models import Cohort, ScenarioRow, SessionRow, Trainee

    members = select(Trainee.id).join(Cohort, Cohort.id == Trainee.cohort_id).where(Cohort.name == cohort)
    q = (select(SessionRow.id, SessionRow.trainee_id, ScenarioRow.scenario_id, SessionRow.started_at,
                SessionRow.total_score)
         .join(ScenarioRow, ScenarioRow.id == SessionRow.scenario_ref)
         .where(SessionRow.trainee_id.in_(members.scalar_subquery()), SessionRow.mode == "seminar"))
    with store.read() as s:  # sorted here: an ORDER BY would lead SQLite to walk the whole started_at index
        rows = sorted(s.execute(q).all(), key=lambda r: (r[3], r[0]), reverse=True)[:limit]
    return [{"id": r[0], "trainee": r[1], "scenario": r[2], "date": r[3].strftime("%Y-%m-%d %H:%M"), "total": r[4]}
            for r in rows]


def cohort_rows(store: Any, names: frozenset[str]) -> list[dict[str, Any]]:
    """Id, name, trainees and stored calls of the cohorts ``names`` (counted through the trainee index)."""
    from sqlalchemy import func

    from simulator.storage.models import Cohort, SessionRow, Trainee

    out = []
    with store.read() as s:
        for cid, name in s.execute(select(Cohort.id, Cohort.name).where(Cohort.name.in_(sorted(names)))
                                   .order_by(Cohort.name)).all():
            members = select(Trainee.id).where(Trainee.cohort_id == cid)
            n = s.execute(select(func.count()).select_from(members.subquery())).scalar_one()
            calls = s.execute(select(func.count()).select_from(SessionRow)
                              .where(SessionRow.trainee_id.in_(members.scalar_subquery()))).scalar_one()
            out.append({"id": cid, "name": name, "trainees": n, "sessions": calls})
    return out


@router.get("/cohorts/{cohort_id}")
def cohort_page(request: Request, cohort_id: int, user: Annotated[User, INSTRUCTOR]) -> Any:
    """Overview of one cohort: heat map with n per cell, progress per dimension, weakest skills with example lines."""
    w = web(request)
    name = cohort_or_403(w.store, user, cohort_id)
    rep = reports.report(w.store, Selection(cohort=name, audience="instructor"))
    w.accounts.audit(user, "view_cohort", name)
    return render(request, "cohort.html.j2", cohort=name, cohort_id=cohort_id, rep=rep,
                  seminars=reports.memo(w.store, ("seminars", name), lambda: seminar_calls(w.store, name)))


@router.get("/cohorts/{cohort_id}/report.{fmt}")
def cohort_report(request: Request, cohort_id: int, fmt: str, user: Annotated[User, INSTRUCTOR]) -> Any:
    """One cohort's report as CSV (one row per call, pseudonyms) or PDF."""
    w = web(request)
    name = cohort_or_403(w.store, user, cohort_id)
    if fmt not in FORMATS:
        raise WebError(404, "not_found")
    rep = reports.report(w.store, Selection(cohort=name, audience="instructor"))
    if rep is None:
        raise WebError(404, "no_calls")
    w.accounts.audit(user, "download", name, fmt)
    if fmt == "xapi":
        return reports.xapi_download(reports.call_statements(w.store, cohort=name), f"cohort-{name}")
    return reports.download(rep, fmt, f"cohort-{name}")


def hr_periods(today: Any, n: int = 6) -> list[str]:
    """The newest closed quarters and months HR may choose from."""
    from simulator.reports.gate import Period

    out, q = [], Period.last_closed_quarter(today)
    for _ in range(n // 2):
        out.append(q.label)
        out.extend(m.label for m in reversed(q.months()))
        q = Period.last_closed_quarter(q.start)
    return out


def hr_report(request: Request, user: User, period: str | None) -> Any:
    """HR's report of a closed period (default: the last closed quarter); UsageError for a bad or open period."""
    w = web(request)
    sel = Selection(audience="hr", period=period or None)
    rep = reports.report(w.store, sel)
    if rep is not None and rep.individuals:
        w.accounts.audit(user, "hr_view_individual", rep.period_label, f"{len(rep.individuals)} pseudonyms")
    return rep


@router.get("/hr")
def hr_page(request: Request, user: Annotated[User, HR], period: str = "") -> Any:
    """Aggregates only, through the privacy gate: cohorts, scenario heat map and progress of a closed period."""
    from simulator.storage.models import utcnow

    periods = hr_periods(utcnow().date())
    error = ""
    try:
        rep = hr_report(request, user, period[:10])
    except UsageError as exc:
        rep, error = None, exc.format_message()
    return render(request, "hr.html.j2", rep=rep, periods=periods, period=period or periods[0], error=error,
                  k=web(request).store.setting("min_group"))


@router.get("/hr/report.{fmt}")
def hr_download(request: Request, fmt: str, user: Annotated[User, HR], period: str = "") -> Any:
    """HR's gated report as CSV or PDF."""
    if fmt not in FORMATS:
        raise WebError(404, "not_found")
    rep = hr_report(request, user, period[:10])
    if rep is None:
        raise WebError(404, "no_calls")
    if fmt == "xapi":
        return reports.xapi_download(reports.group_statements(rep), f"hr-{rep.period_label}")
    return reports.download(rep, fmt, f"hr-{rep.period_label}")
