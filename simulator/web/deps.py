"""What every route needs: the logged-in user, the role check, the language, the page renderer.

Role checks are FastAPI dependencies (``Depends(role("instructor", "admin"))``),
so a route cannot run without its check; object-level checks (this trainee,
this call, this cohort) are in :mod:`simulator.web.access`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from fastapi import Request

from simulator.errors import SimulatorError
from simulator.vocabulary import FALLBACK_LANGUAGE, LANGUAGES
from simulator.web.accounts import User

SESSION_COOKIE = "simulator_session"
"""Cookie holding the login token (HttpOnly, SameSite=Lax, Secure behind TLS)."""
LANG_COOKIE = "simulator_lang"
"""Cookie holding the language chosen with the DE/EN switch."""


class WebError(SimulatorError):
    """An error a route shows as a page (or, under /api, as JSON) with an HTTP status."""

    def __init__(self, status: int, key: str, detail: str = "") -> None:
        super().__init__(detail or key)
        self.status = status
        """HTTP status."""
        self.key = key
        """Catalogue key of the message (``web.error.<key>``)."""
        self.detail = detail
        """Extra words (shown after the message; never a traceback)."""


class NotLoggedIn(WebError):
    """No (live) login: pages redirect to /login, the API answers 401."""

    def __init__(self) -> None:
        super().__init__(401, "login_needed")


def forbidden() -> WebError:
    """403: logged in, but this role (or this account) may not see it."""
    return WebError(403, "forbidden")


def not_found() -> WebError:
    """404: no such page or object (also for ids that do not exist)."""
    return WebError(404, "not_found")


@dataclass(frozen=True, slots=True)
class Web:
    """What the app keeps for its routes (on ``app.state.web``): nothing per user, everything shared is in the database."""

    store: Any
    """The open :class:`~simulator.storage.Store`."""
    accounts: Any
    """The :class:`~simulator.web.accounts.Accounts` over it."""
    templates: Any
    """The Jinja2 templates."""
    secure: bool
    """Cookies always get Secure (also set per request when the request came over https)."""


def web(request: Request) -> Web:
    """The app's shared objects."""
    return request.app.state.web


def current_user(request: Request) -> User | None:
    """The account of the session cookie, or None (looked up once per request)."""
    try:
        return request.state.user
    except AttributeError:
        request.state.user = web(request).accounts.session_user(request.cookies.get(SESSION_COOKIE))
        return request.state.user


def role(*roles: str) -> Callable[[Request], User]:
    """A dependency: the logged-in user, when their role is one of ``roles`` (401 without login, 403 otherwise)."""

    def check(request: Request) -> User:
        user = current_user(request)
        if user is None:
            raise NotLoggedIn()
        if user.role not in roles:
            raise forbidden()
        return user

    check.__name__ = f"role_{'_'.join(roles)}"
    return check


ANY_ROLE = ("trainee", "instructor", "hr", "admin")
"""Every role (pages any logged-in user may see)."""


def lang_of(request: Request) -> str:
    """The UI language: the switch's cookie, else the best of Accept-Language, else English."""
    chosen = request.cookies.get(LANG_COOKIE)
    if chosen in LANGUAGES:
        return chosen
    best, best_q = FALLBACK_LANGUAGE, -1.0
    for part in request.headers.get("accept-language", "")[:500].split(","):
        tag, _, params = part.strip().partition(";")
        code = tag.strip().lower()[:2]
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        if code in LANGUAGES and q > best_q:
            best, best_q = code, q
    return best


def is_https(request: Request) -> bool:
    """Whether the browser talks TLS (directly, or to the reverse proxy that set X-Forwarded-Proto)."""
    return request.url.scheme == "https"


def render(request: Request, template: str, status: int = 200, **context: Any) -> Any:
    """A page from ``simulator/web/templates`` with the user, language, strings and CSRF token in its context."""
    from simulator.strings import strings

    lang = lang_of(request)
    get_token = request.scope.get("csrftoken")
    ctx = {"request": request, "user": current_user(request), "lang": lang, "t": strings(lang).t, "s": strings(lang),
           "csrftoken": get_token() if get_token else "", **context}
    return web(request).templates.TemplateResponse(request, template, ctx, status_code=status)


def local_path(target: str | None, default: str = "/") -> str:
    """``target`` when it is a path on this site ('/x', not '//host' or 'http://'), else ``default``."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target and len(target) < 500:
        return target
    return default
