"""``simulator serve`` (the web application under uvicorn) and ``simulator user`` (web accounts).

Registered lazily by ``simulator.cli``: FastAPI, uvicorn and argon2 are
imported only when these commands run.
"""

from __future__ import annotations

import os
import sys

import click

from simulator.errors import UsageError

DB_OPTION = click.option("--db", "db", default=None, metavar="URL", envvar="SIMULATOR_DB",
                         help="Database URL (default: $SIMULATOR_DB, else a SQLite file in your data folder).")


def app_from_env() -> object:
    """The application for uvicorn worker processes (``--workers``): the store named by $SIMULATOR_DB."""
    from simulator.storage import Store
    from simulator.web.app import create_app
    from simulator.web.reports import warm

    store = Store.open(os.environ.get("SIMULATOR_DB"))
    warm(store)
    return create_app(store, secure=os.environ.get("SIMULATOR_WEB_SECURE") == "1")


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (behind a proxy: loopback).")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes (each opens the store; state is in the database, so they share logins).")
@click.option("--secure-cookies", is_flag=True, envvar="SIMULATOR_WEB_SECURE",
              help="Always mark cookies Secure (they are anyway when the proxy says X-Forwarded-Proto: https).")
@click.option("--forwarded-allow-ips", default="127.0.0.1", show_default=True, metavar="IPS",
              help="Proxies whose X-Forwarded-For/-Proto headers are trusted (comma-separated).")
@DB_OPTION
def serve(host: str, port: int, workers: int, secure_cookies: bool, forwarded_allow_ips: str, db: str | None) -> None:
    """Run the web application for instructors, HR and admins (and trainees' own results)."""
    import logging

    import uvicorn

    from simulator.storage import Store
    from simulator.storage.config import database_url, redact

    url = database_url(db)
    Store.open(url).close()  # migrate once, and fail in one line before uvicorn starts
    os.environ["SIMULATOR_DB"] = url
    if secure_cookies:
        os.environ["SIMULATOR_WEB_SECURE"] = "1"
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    click.echo(f"simulator: serving {redact(url)} on http://{host}:{port}/ (Ctrl-C stops)", err=True)
    uvicorn.run("simulator.web.commands:app_from_env", factory=True, host=host, port=port, workers=workers,
                proxy_headers=True, forwarded_allow_ips=forwarded_allow_ips, server_header=False,
                log_level="info", access_log=False, timeout_keep_alive=30,  # > a reader's pause between pages
                timeout_worker_healthcheck=30)  # a worker busy with a cold report is slow, not dead: not restarted


@click.group()
def user() -> None:
    """Web accounts: add, list, change role or password, assign instructors to cohorts, read the audit log."""


def _accounts(db: str | None):  # noqa: ANN202 - (store, accounts)
    from simulator.storage import Store
    from simulator.web.accounts import Accounts

    store = Store.open(db)
    return store, Accounts(store)


def _password() -> str:
    """The password: one line from stdin, or asked twice without echo on a terminal."""
    if sys.stdin.isatty():
        first = click.prompt("Password", hide_input=True, err=True)
        if click.prompt("Repeat", hide_input=True, err=True) != first:
            raise UsageError("the passwords differ")
        return first
    line = sys.stdin.readline()
    if not line:
        raise UsageError("give the password on standard input (one line)")
    return line.rstrip("\r\n")


@user.command("add")
@click.argument("name")
@click.option("--role", "role_", type=click.Choice(["trainee", "instructor", "hr", "admin"]), required=True)
@click.option("--trainee", default=None, help="Trainee accounts: the trainee (name or pseudonym; default: NAME).")
@click.option("--cohort", "cohorts", multiple=True, help="Instructor: a cohort they see (repeatable); trainee: their cohort if new.")
@DB_OPTION
def add(name: str, role_: str, trainee: str | None, cohorts: tuple[str, ...], db: str | None) -> None:
    """Create an account NAME; the password is read from standard input."""
    password = _password()
    store, accounts = _accounts(db)
    with store:
        accounts.add_user(name, password, role_, trainee=trainee, cohorts=cohorts)
        accounts.audit(None, "user_add", name, f"{role_} (command line)")
    click.echo(f"user '{name}' added ({role_})", err=True)


@user.command("list")
@DB_OPTION
def list_users(db: str | None) -> None:
    """Every account: name, role, trainee pseudonym, cohorts."""
    store, accounts = _accounts(db)
    with store:
        for u in accounts.users():
            click.echo("\t".join([u.username, u.role, u.trainee_id or "-", ",".join(sorted(u.cohorts)) or "-"]))


@user.command("role")
@click.argument("name")
@click.argument("role_", metavar="ROLE", type=click.Choice(["trainee", "instructor", "hr", "admin"]))
@DB_OPTION
def set_role(name: str, role_: str, db: str | None) -> None:
    """Change the role of account NAME."""
    store, accounts = _accounts(db)
    with store:
        accounts.set_role(name, role_)
        accounts.audit(None, "role_set", name, f"{role_} (command line)")


@user.command("passwd")
@click.argument("name")
@DB_OPTION
def passwd(name: str, db: str | None) -> None:
    """Set a new password (from standard input) and end the account's sessions."""
    password = _password()
    store, accounts = _accounts(db)
    with store:
        accounts.set_password(name, password)


@user.command("assign")
@click.argument("name")
@click.argument("cohort")
@click.option("--remove", is_flag=True, help="Take the assignment away.")
@DB_OPTION
def assign(name: str, cohort: str, remove: bool, db: str | None) -> None:
    """Let instructor NAME see COHORT (or no longer, with --remove)."""
    store, accounts = _accounts(db)
    with store:
        accounts.assign(name, cohort, on=not remove)
        accounts.audit(None, "unassign" if remove else "assign", name, f"{cohort} (command line)")


@user.command("remove")
@click.argument("name")
@DB_OPTION
def remove(name: str, db: str | None) -> None:
    """Delete account NAME (the trainee's stored calls stay; use 'simulator trainee delete' for those)."""
    store, accounts = _accounts(db)
    with store:
        accounts.remove_user(name)
        accounts.audit(None, "user_remove", name, "(command line)")


@user.command("audit")
@click.option("--limit", default=200, show_default=True, type=click.IntRange(1, 100_000))
@DB_OPTION
def audit(limit: int, db: str | None) -> None:
    """Print the audit log, newest first (for the admin and the works council)."""
    store, accounts = _accounts(db)
    with store:
        for e in accounts.audit_log(limit):
            click.echo("\t".join([e["at"], e["actor"], e["role"], e["action"], e["target"], e["detail"]]))
