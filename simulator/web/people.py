"""Trainee and call pages: a trainee's own progress, calls and data (export, delete); an instructor's view of them.

Who may see what is checked per object in :mod:`simulator.web.access`; every
view of another person's data by an instructor is written to the audit log.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from simulator.errors import UsageError
from simulator.reports.progress_model import Selection
from simulator.web import reports
from simulator.web.access import call_or_403, trainee_or_403
from simulator.web.accounts import User
from simulator.web.calls import debrief_view, load_call, name_of, sessions_of, transcript_lines
from simulator.web.deps import SESSION_COOKIE, WebError, lang_of, render, role, web

router = APIRouter(include_in_schema=False)
TRAINEE = Depends(role("trainee"))
READERS = Depends(role("trainee", "instructor"))
INSTRUCTOR = Depends(role("instructor"))
FORMATS = ("csv", "pdf", "xapi")
PAGE_CALLS = 50
"""Calls listed on a trainee page, newest first (all of them: the API, the export and the downloads)."""


def _trainee_page(request: Request, user: User, tid: str, cohort: str | None, own: bool) -> Any:
    w = web(request)
    audience = "trainee" if own else "instructor"
    rep = reports.report(w.store, Selection(trainee=tid, audience=audience))
    return render(request, "trainee.html.j2", tid=tid, name=name_of(w.store, tid), cohort=cohort, own=own, rep=rep,
                  calls=sessions_of(w.store, tid, limit=PAGE_CALLS))


@router.get("/me")
def my_page(request: Request, user: Annotated[User, TRAINEE]) -> Any:
    """The trainee's own progress and calls."""
    return _trainee_page(request, user, user.trainee_id, trainee_or_403(web(request).store, user, user.trainee_id), True)


@router.get("/me/export")
def my_export(request: Request, user: Annotated[User, TRAINEE]) -> Any:
    """Everything stored about the trainee, as JSON (GDPR Art. 15)."""
    data = web(request).store.export(user.trainee_id)
    body = json.dumps(data, ensure_ascii=False, indent=2, default=str).encode("utf-8")
    return Response(body, media_type="application/json",
                    headers={"content-disposition": f'attachment; filename="{user.trainee_id}.json"'})


@router.get("/me/delete")
def my_delete_page(request: Request, user: Annotated[User, TRAINEE]) -> Any:
    """Ask before deleting everything (GDPR Art. 17)."""
    return render(request, "delete.html.j2")


@router.post("/me/delete")
def my_delete(request: Request, user: Annotated[User, TRAINEE], confirm: Annotated[str, Form(max_length=200)] = "") -> Any:
    """Delete the trainee, their calls, notes, name, data key and this account; typing the user name confirms."""
    if " ".join(confirm.split()) != user.username:
        return render(request, "delete.html.j2", status=400, error=True)
    w = web(request)
    w.store.delete_trainee(user.trainee_id)  # the account and its sessions go with the trainee (foreign keys)
    reports.forget()
    response = RedirectResponse("/login?deleted=1", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/me/report.{fmt}")
def my_report(request: Request, fmt: str, user: Annotated[User, TRAINEE]) -> Any:
    """The trainee's own progress report as CSV or PDF."""
    if fmt not in FORMATS:
        raise WebError(404, "not_found")
    rep = reports.report(web(request).store, Selection(trainee=user.trainee_id, audience="trainee"))
    if rep is None:
        raise WebError(404, "no_calls")
    if fmt == "xapi":
        return reports.xapi_download(reports.call_statements(web(request).store, trainee=user.trainee_id),
                                     f"calls-{user.trainee_id}")
    return reports.download(rep, fmt, f"progress-{user.trainee_id}")


@router.get("/trainees/{tid}")
def trainee_page(request: Request, tid: str, user: Annotated[User, READERS]) -> Any:
    """One trainee's progress and calls (an instructor of their cohort, or the trainee)."""
    w = web(request)
    cohort = trainee_or_403(w.store, user, tid)
    if user.role == "instructor":
        w.accounts.audit(user, "view_trainee", tid)
    return _trainee_page(request, user, tid, cohort, user.role == "trainee")


@router.get("/trainees/{tid}/report.{fmt}")
def trainee_report(request: Request, tid: str, fmt: str, user: Annotated[User, INSTRUCTOR]) -> Any:
    """One trainee's report as CSV or PDF (instructor of their cohort)."""
    w = web(request)
    trainee_or_403(w.store, user, tid)
    if fmt not in FORMATS:
        raise WebError(404, "not_found")
    rep = reports.report(w.store, Selection(trainee=tid, audience="instructor"))
    if rep is None:
        raise WebError(404, "no_calls")
    w.accounts.audit(user, "download", tid, fmt)
    if fmt == "xapi":
        return reports.xapi_download(reports.call_statements(w.store, trainee=tid), f"calls-{tid}")
    return reports.download(rep, fmt, f"progress-{tid}")


def _call(request: Request, session_id: int, user: User) -> tuple[Any, str | None]:
    w = web(request)
    tid, cohort, _ = call_or_403(w.store, user, session_id)
    if user.role == "instructor":
        w.accounts.audit(user, "view_call", str(session_id), tid or "")
    return load_call(w.store, session_id), cohort


@router.get("/calls/{session_id}")
def call_page(request: Request, session_id: int, user: Annotated[User, READERS]) -> Any:
    """One call: transcript with acts and evidence highlighted, scores, notes (and the note form for instructors)."""
    from simulator.vocabulary import DIMENSIONS

    call, cohort = _call(request, session_id, user)
    view = debrief_view(call, lang_of(request))
    return render(request, "call.html.j2", call=call, view=view, lines=transcript_lines(call), cohort=cohort,
                  dims=DIMENSIONS, form={}, error="")


@router.get("/calls/{session_id}/debrief")
def call_debrief(request: Request, session_id: int, user: Annotated[User, READERS]) -> Any:
    """The debrief page exactly as after the call (:func:`simulator.reports.debrief.html_from_view`)."""
    from simulator.reports.debrief import html_from_view

    call, _ = _call(request, session_id, user)
    view = debrief_view(call, lang_of(request))
    if view is None:
        raise WebError(404, "no_score")
    return HTMLResponse(html_from_view(view))


@router.post("/calls/{session_id}/notes")
def add_note(request: Request, session_id: int, user: Annotated[User, INSTRUCTOR],
             reason: Annotated[str, Form(max_length=2000)] = "", dimension: Annotated[str, Form(max_length=40)] = "",
             delta: Annotated[str, Form(max_length=20)] = "") -> Any:
    """Add a note, or a score adjustment with its reason, beside the automatic score (never replacing it)."""
    from simulator.vocabulary import DIMENSIONS

    w = web(request)
    call_or_403(w.store, user, session_id)
    error = ""
    value: float | None = None
    if not reason.strip():
        error = "web.call.need_reason"
    elif dimension and dimension not in DIMENSIONS:
        error = "web.call.bad_dimension"
    elif delta.strip():
        try:
            value = float(delta.replace(",", ".").replace("+", ""))
        except ValueError:
            error = "web.call.bad_delta"
        else:
            if not (-100 <= value <= 100) or value != value:
                error = "web.call.bad_delta"
            elif not dimension:
                error = "web.call.need_dimension"
    if error:
        call = load_call(w.store, session_id)
        return render(request, "call.html.j2", status=400, call=call, view=debrief_view(call, lang_of(request)),
                      lines=transcript_lines(call), cohort=None, dims=DIMENSIONS, error=error,
                      form={"reason": reason, "dimension": dimension, "delta": delta})
    try:
        w.store.adjust(session_id, reason=reason, author=user.username, dimension=dimension or None, delta=value)
    except UsageError as exc:
        raise WebError(400, "bad_request", exc.format_message()) from None
    w.accounts.audit(user, "note_added", str(session_id), dimension or "")
    return RedirectResponse(f"/calls/{session_id}#notes", status_code=303)

