"""Logging in and out, the language switch, the start page and the scenario library (every role)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse

from simulator.web.accounts import LoginThrottled, User
from simulator.web.deps import (
    ANY_ROLE, LANG_COOKIE, SESSION_COOKIE, current_user, is_https, lang_of, local_path, not_found, render, role, web,
)

router = APIRouter()

HOME = {"trainee": "/me", "instructor": "/cohorts", "hr": "/hr", "admin": "/admin"}
"""Where each role starts."""


@router.get("/", include_in_schema=False)
def home(request: Request) -> Any:
    """The role's start page, or the login page."""
    user = current_user(request)
    return RedirectResponse(HOME[user.role] if user else "/login", status_code=303)


@router.get("/login", include_in_schema=False)
def login_page(request: Request, next: str = "") -> Any:
    """The login form."""
    return render(request, "login.html.j2", next=local_path(next, ""))


@router.post("/login", summary="Log in (form fields username, password); sets the session cookie")
def login(request: Request, username: Annotated[str, Form(max_length=200)],
          password: Annotated[str, Form(max_length=1024)], next: Annotated[str, Form(max_length=500)] = "") -> Any:
    """Check the password (rate-limited per account and client); on success set the HttpOnly session cookie."""
    w = web(request)
    client = request.client.host if request.client else "-"
    try:
        token = w.accounts.login(username, password, client)
    except LoginThrottled:
        return render(request, "login.html.j2", status=429, next=local_path(next, ""), error="web.login.throttled")
    if token is None:
        return render(request, "login.html.j2", status=401, next=local_path(next, ""), error="web.login.wrong")
    user = w.accounts.session_user(token)
    response = RedirectResponse(local_path(next, HOME[user.role]), status_code=303)
    response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="lax", secure=w.secure or is_https(request),
                        path="/")
    return response


@router.post("/logout", summary="Log out: ends the session everywhere it is used")
def logout(request: Request) -> Any:
    """Delete the session row and the cookie."""
    web(request).accounts.logout(request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/lang/{code}", include_in_schema=False)
def switch_language(request: Request, code: str, next: str = "/") -> Any:
    """Remember the chosen UI language (de or en) and go back."""
    from simulator.vocabulary import LANGUAGES

    if code not in LANGUAGES:
        raise not_found()
    response = RedirectResponse(local_path(next), status_code=303)
    response.set_cookie(LANG_COOKIE, code, max_age=365 * 86400, samesite="lax", httponly=True,
                        secure=web(request).secure or is_https(request))
    return response


@router.get("/scenarios", include_in_schema=False)
def library(request: Request, user: Annotated[User, Depends(role(*ANY_ROLE))]) -> Any:
    """The scenario library: id, title, persona in one line."""
    from simulator.scenario.library import available

    lang = lang_of(request)
    items = []
    for sid in available():
        sc = _load(sid)
        if sc is not None:
            p = sc.persona
            items.append({"id": sid, "title": sc.title.get(lang), "persona": f"{p.name.get(lang)}, {p.role.get(lang)}",
                          "languages": ", ".join(sc.languages)})
    return render(request, "library.html.j2", items=items)


def _load(sid: str) -> Any:
    from simulator.errors import SimulatorError
    from simulator.scenario import load

    try:
        return load(sid)
    except (SimulatorError, OSError, ValueError):
        return None


@router.get("/scenarios/{sid}", include_in_schema=False)
def scenario_card(request: Request, sid: str, user: Annotated[User, Depends(role(*ANY_ROLE))]) -> Any:
    """Persona card and rubric of one scenario (what ``simulator rubric`` shows)."""
    from simulator.scenario.library import available
    from simulator.scoring.rubric import weights_for
    from simulator.vocabulary import DIMENSIONS

    if sid not in available() or (sc := _load(sid)) is None:
        raise not_found()
    lang = lang_of(request)
    weights = weights_for(sc)
    steps = [{"title": st.title.get(lang) or st.id, "essential": st.essential} for st in sc.steps]
    return render(request, "scenario.html.j2", sc=sc, sl=lang, weights=weights, dims=DIMENSIONS, steps=steps)
