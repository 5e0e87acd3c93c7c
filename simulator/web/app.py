"""The web application: FastAPI routes and Jinja2 pages over the store, wrapped in CSRF and request-size guards.

``create_app(store)`` gives the ASGI application ``simulator serve`` runs with
uvicorn. Layers, outermost first:

1. :class:`Guard` – refuses request bodies over :data:`MAX_BODY` bytes (413)
   and content types no form or API call uses (415), before anything reads
   them; adds the security headers (CSP without any external source).
2. ``asgi-csrf`` – double-submit CSRF tokens (a signed ``csrftoken`` cookie
   and the same value in every form, or the ``x-csrftoken`` header): a POST
   that carries cookies but not the token is refused with 403.
3. FastAPI – the routes; every one declares its roles
   (:func:`simulator.web.deps.role`), object-level checks are in
   :mod:`simulator.web.access`.

Errors become a page in the user's language (or JSON under ``/api/``), never
a traceback: the traceback goes to the server log only.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from simulator.errors import UsageError
from simulator.web.deps import NotLoggedIn, Web, WebError, lang_of, render

HERE = Path(__file__).resolve().parent
MAX_BODY = 64 * 1024
"""Largest request body accepted (a note, a login, an admin form fit many times over)."""
CONTENT_TYPES = (b"application/x-www-form-urlencoded", b"application/json", b"")
"""Request body types the routes read."""
SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                                 b"frame-ancestors 'self'; form-action 'self'; base-uri 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
]
"""Sent with every response: nothing loads from another site (the charts are inline SVG)."""
log = logging.getLogger("simulator.web")


class Guard:
    """ASGI middleware: size and type limits on request bodies, security headers on responses."""

    def __init__(self, app: Any, max_body: int = MAX_BODY) -> None:
        self.app = app
        self.max_body = max_body

    async def _refuse(self, send: Any, status: int, text: str) -> None:
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"text/plain; charset=utf-8"), *SECURITY_HEADERS]})
        await send({"type": "http.response.body", "body": text.encode("utf-8")})

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        if scope["method"] not in ("GET", "HEAD", "OPTIONS"):
            ctype = headers.get(b"content-type", b"").split(b";", 1)[0].strip().lower()
            length = headers.get(b"content-length", b"0")
            if ctype not in CONTENT_TYPES:
                await self._refuse(send, 415, "Unsupported content type: send a form or JSON.")
                return
            if not length.isdigit() or int(length) > self.max_body:
                await self._refuse(send, 413, f"Request too large (at most {self.max_body} bytes).")
                return
        seen = 0

        async def limited_receive() -> Any:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_body:  # a body longer than its Content-Length: cut off
                return {"type": "http.disconnect"}
            return message

        async def with_headers(event: Any) -> None:
            if event["type"] == "http.response.start":
                event = {**event, "headers": [*(event.get("headers") or []), *SECURITY_HEADERS]}
            await send(event)

        started = False

        async def tracking_send(event: Any) -> None:
            nonlocal started
            started = started or event["type"] == "http.response.start"
            await with_headers(event)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except Exception:  # noqa: BLE001 - e.g. an undecodable form body in the CSRF layer: a 400, never a traceback
            log.exception("request %s %s failed before the application answered", scope["method"], scope["path"])
            if not started:
                await self._refuse(send, 400, "Bad request.")


async def csrf_failed(scope: Any, send: Any, message_id: Any) -> None:
    """asgi-csrf's refusal as a short page in the user's language (or JSON under /api/), status 403."""
    from markupsafe import escape

    from simulator.strings import strings

    request = Request(scope)
    t = strings(lang_of(request)).t
    if request.url.path.startswith("/api/"):
        import json

        body = json.dumps({"error": "csrf", "message": t("web.error.csrf"), "detail": ""}).encode("utf-8")
        ctype = b"application/json"
    else:
        body = (f'<!doctype html><html lang="{escape(lang_of(request))}"><head><meta charset="utf-8">'
                f'<title>403</title><link rel="stylesheet" href="/static/style.css"></head><body><main>'
                f'<h1>{escape(t("web.error.csrf"))}</h1><p><a href="/">{escape(t("web.back_home"))}</a></p>'
                f'</main></body></html>').encode("utf-8")
        ctype = b"text/html; charset=utf-8"
    await send({"type": "http.response.start", "status": 403, "headers": [(b"content-type", ctype)]})
    await send({"type": "http.response.body", "body": body})


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error(request: Request, status: int, key: str, detail: str = "") -> Any:
    from simulator.strings import strings

    message = strings(lang_of(request)).t(f"web.error.{key}")
    if _is_api(request):
        return JSONResponse({"error": key, "message": message, "detail": detail}, status_code=status)
    return render(request, "error.html.j2", status=status, status_code=status, message=message, detail=detail)


def _handlers(app: FastAPI) -> None:
    @app.exception_handler(WebError)
    async def web_error(request: Request, exc: WebError) -> Any:
        if isinstance(exc, NotLoggedIn) and not _is_api(request):
            from urllib.parse import quote

            return RedirectResponse(f"/login?next={quote(request.url.path, safe='/')}", status_code=303)
        return _error(request, exc.status, exc.key, exc.detail)

    @app.exception_handler(UsageError)
    async def usage_error(request: Request, exc: UsageError) -> Any:
        return _error(request, 400, "bad_request", exc.format_message())

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Any:
        fields = ", ".join(sorted({str(e.get("loc", ("", ""))[-1]) for e in exc.errors()}))
        return _error(request, 400 if not _is_api(request) else 422, "bad_request", fields)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Any:
        key = {404: "not_found", 405: "not_allowed", 403: "forbidden"}.get(exc.status_code, "bad_request")
        return _error(request, exc.status_code, key)

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Any:
        log.exception("error in %s %s", request.method, request.url.path)
        return _error(request, 500, "server")


def create_app(store: Any, *, secure: bool = False, secret: str | None = None, max_body: int = MAX_BODY) -> Any:
    """The ASGI application over an open store.

    ``secure``: cookies always carry Secure (behind a TLS proxy they get it
    anyway from X-Forwarded-Proto). ``secret``: the CSRF signing secret
    (default: $SIMULATOR_WEB_SECRET, else one kept in the database, shared
    by every serve process).
    """
    import os

    from asgi_csrf import asgi_csrf
    from fastapi.staticfiles import StaticFiles
    from fastapi.templating import Jinja2Templates

    from simulator.web import admin, api, cohorts, pages, people
    from simulator.web.accounts import Accounts
    from simulator.web.charts import heat_class, sparkline

    accounts = Accounts(store)
    import jinja2

    # autoescape for every template (the .j2 suffix is not one jinja2's select_autoescape knows)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE / "templates")), autoescape=True)
    templates = Jinja2Templates(env=env)
    templates.env.globals.update(sparkline=sparkline, heat_class=heat_class)
    app = FastAPI(title="IT-support call simulator", version="1", docs_url="/api/docs", redoc_url=None,
                  openapi_url="/api/openapi.json")
    app.state.web = Web(store=store, accounts=accounts, templates=templates, secure=secure)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    for module in (pages, people, cohorts, admin, api):
        app.include_router(module.router)
    _handlers(app)
    signing = secret or os.environ.get("SIMULATOR_WEB_SECRET") or accounts.secret("csrf")
    protected = asgi_csrf(app, signing_secret=signing, cookie_secure=secure, cookie_samesite="Strict",
                          send_csrf_failed=csrf_failed)
    return Guard(protected, max_body)
