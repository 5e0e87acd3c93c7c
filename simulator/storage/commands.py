"""People & privacy commands: ``trainee``, ``cohort``, ``history``, ``privacy``.

Registered lazily by ``simulator.cli`` so SQLAlchemy is imported only when
one of them runs. Every command takes ``--db URL`` (default: $SIMULATOR_DB,
else the SQLite file in the user's data directory).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import click

from simulator.errors import SimulatorError


DB_OPTION = click.option("--db", "db", default=None, metavar="URL", envvar="SIMULATOR_DB",
                         help="Database URL (default: $SIMULATOR_DB, else a SQLite file in your data folder).")


def open_store(db: str | None):
    """The store at ``db`` (migrated)."""
    from simulator.storage.store import Store

    return Store.open(db)


def _dump(data: Any, out: str | None, force: bool = False) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    if out:
        from simulator.storage.files import private_output

        with private_output(out, force=force) as fh:  # 0600, no silent overwrite, never through a symlink
            fh.write(text + "\n")
        click.echo(f"written to {out}", err=True)
    else:
        click.echo(text)


# -- trainee -------------------------------------------------------------------
@click.group()
def trainee() -> None:
    """Add, list, export or delete trainees (known in reports by a pseudonym such as T-7f3a9c)."""


@trainee.command("add")
@click.argument("name")
@click.option("--cohort", default=None, help="Put the trainee in this cohort (created if new).")
@DB_OPTION
def trainee_add(name: str, cohort: str | None, db: str | None) -> None:
    """Add a trainee; prints the pseudonym used everywhere else."""
    with open_store(db) as store:
        click.echo(store.add_trainee(name, cohort))


@trainee.command("list")
@click.option("--json", "as_json", is_flag=True, help="JSON instead of a table.")
@DB_OPTION
def trainee_list(as_json: bool, db: str | None) -> None:
    """List trainees: pseudonym, name, cohort, stored calls."""
    with open_store(db) as store:
        rows = store.trainees()
    if as_json:
        _dump(rows, None)
        return
    for r in rows:
        click.echo(f"{r['id']:10} {(r['name'] or '-')[:30]:30} {(r['cohort'] or '-')[:20]:20} {r['sessions']:5} call(s)")


@trainee.command("move")
@click.argument("who")
@click.argument("cohort", required=False)
@DB_OPTION
def trainee_move(who: str, cohort: str | None, db: str | None) -> None:
    """Put trainee WHO into COHORT (no COHORT: out of any cohort)."""
    with open_store(db) as store:
        store.set_cohort(who, cohort)


@trainee.command("export")
@click.argument("who")
@click.option("--out", default=None, type=click.Path(dir_okay=False), help="Write to FILE (0600) instead of stdout.")
@click.option("--force", is_flag=True, help="Replace an existing FILE.")
@DB_OPTION
def trainee_export(who: str, out: str | None, force: bool, db: str | None) -> None:
    """Everything stored about WHO (pseudonym or name) as JSON: calls, turns, scores, notes, name."""
    if out:
        from simulator.storage.files import check_target

        check_target(out, force=force)
    with open_store(db) as store:
        _dump(store.export(who), out, force)


@trainee.command("delete")
@click.argument("who")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@DB_OPTION
def trainee_delete(who: str, yes: bool, db: str | None) -> None:
    """Delete WHO and everything about them: calls, turns, scores, notes, name."""
    with open_store(db) as store:
        tid = store.resolve(who)
        if not yes:
            click.confirm(f"Delete {tid} and all their calls for good?", abort=True, err=True)
        n = store.delete_trainee(tid)
    click.echo(f"deleted {tid} and {n} call(s)", err=True)


@trainee.command("adjust")
@click.argument("session_id", type=int)
@click.option("--reason", required=True, help="Why (kept with the note).")
@click.option("--author", default="", help="Who adjusts (instructor).")
@click.option("--dimension", default=None, help="Rubric dimension adjusted (none: a plain note).")
@click.option("--delta", type=float, default=None, help="Points added (+) or taken (-) on the dimension.")
@click.option("--value", type=float, default=None, help="New value for the dimension (0..100).")
@DB_OPTION
def trainee_adjust(session_id: int, reason: str, author: str, dimension: str | None, delta: float | None,
                   value: float | None, db: str | None) -> None:
    """Add an instructor note or score adjustment to call SESSION_ID (the automatic score is kept)."""
    with open_store(db) as store:
        click.echo(store.adjust(session_id, reason=reason, author=author, dimension=dimension, delta=delta, value=value))


# -- cohort --------------------------------------------------------------------
@click.group()
def cohort() -> None:
    """List and manage cohorts."""


@cohort.command("list")
@click.option("--json", "as_json", is_flag=True, help="JSON instead of a table.")
@DB_OPTION
def cohort_list(as_json: bool, db: str | None) -> None:
    """List cohorts: name, trainees, stored calls."""
    with open_store(db) as store:
        rows = store.cohorts()
    if as_json:
        _dump(rows, None)
        return
    for r in rows:
        click.echo(f"{r['name'][:30]:30} {r['trainees']:5} trainee(s) {r['sessions']:7} call(s)")


# -- history -------------------------------------------------------------------
@click.command()
@click.option("--trainee", "who", default=None, help="Only this trainee (pseudonym or name); default: your profile.")
@click.option("--all", "everyone", is_flag=True, help="Every trainee's calls (instructors), not only your own.")
@click.option("--limit", type=int, default=None, help="At most N calls (newest first).")
@click.option("--json", "as_json", is_flag=True, help="JSON instead of a table.")
@DB_OPTION
def history(who: str | None, everyone: bool, limit: int | None, as_json: bool, db: str | None) -> None:
    """List stored calls, newest first: your own (the local profile), or --trainee NAME, or --all."""
    from simulator.config import load_profile

    mine = None if who or everyone else load_profile()
    with open_store(db) as store:
        if mine is not None:
            try:
                store.resolve(mine)
            except SimulatorError:  # the profile has no stored call in this store yet
                rows = []
            else:
                rows = store.history(mine, limit)
        else:
            rows = store.history(who, limit)
    if as_json:
        _dump(rows, None)
        return
    if not rows:
        click.echo("no calls stored yet", err=True)
    for r in rows:
        total = "-" if r["total"] is None else f"{r['total']:5.1f}"
        click.echo(f"{r['id']:6} {(r['started'] or '')[:16]:16} {r['trainee'] or 'anonymous':10} {r['scenario'][:20]:20} "
                   f"{r['lang']:2} {r['mode']:8} {r['status']:11} {r['outcome'] or '-':12} {total}")


# -- privacy -------------------------------------------------------------------
@click.group()
def privacy() -> None:
    """Show or change the privacy settings (hr_view, store_private, store_audio)."""


@privacy.command("show")
@DB_OPTION
def privacy_show(db: str | None) -> None:
    """Print every privacy setting with its value."""
    from simulator.storage.config import PRIVACY_SETTINGS

    with open_store(db) as store:
        values = store.settings()
    for spec in PRIVACY_SETTINGS:
        click.echo(f"{spec.key:14} {values[spec.key]:11} {spec.help}")


@privacy.command("set")
@click.argument("key")
@click.argument("value")
@DB_OPTION
def privacy_set(key: str, value: str, db: str | None) -> None:
    """Set privacy KEY to VALUE (e.g. 'hr_view individual')."""
    with open_store(db) as store:
        store.set_setting(key, value)
        click.echo(f"{key} = {store.setting(key)}", err=True)


COMMANDS: dict[str, Callable[..., Any]] = {"trainee": trainee, "cohort": cohort, "history": history, "privacy": privacy}
"""Top-level commands of this module, for the CLI's lazy registry."""
