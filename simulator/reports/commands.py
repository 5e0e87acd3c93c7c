"""``simulator report``: progress reports for a trainee, a cohort or everyone, as HTML, CSV or PDF.

Registered lazily by ``simulator.cli`` (SQLAlchemy and matplotlib are imported
only when the command runs).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import click

from simulator.errors import UsageError


@contextmanager
def progress_bar(total: int) -> Iterator[Callable[[str], None]]:
    """A rich progress bar on stderr when it is a terminal; else a silent callback."""
    if not sys.stderr.isatty():
        yield lambda label: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description:24}"), BarColumn(), TimeElapsedColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("report", total=total)

        def advance(label: str) -> None:
            bar.update(task, advance=1, description=label)

        yield advance
        bar.update(task, completed=total)


@click.command()
@click.option("--trainee", default=None, help="One trainee (pseudonym or name).")
@click.option("--cohort", default=None, help="One cohort (default: every cohort, compared).")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, metavar="YYYY-MM-DD",
              help="Only calls from this day on (not for HR: HR uses --period).")
@click.option("--period", default=None, metavar="YYYY-MM|YYYY-Qn",
              help="A calendar month or quarter. HR reports always cover one closed period (default: the last "
                   "closed quarter).")
@click.option("--audience", type=click.Choice(["trainee", "instructor", "hr"]), default="instructor", show_default=True,
              help="Who reads it; HR sees pseudonyms and gated aggregates only (see 'simulator privacy show').")
@click.option("--format", "fmt", type=click.Choice(["html", "csv", "pdf"]), default=None,
              help="Output format (default: from the --out suffix, else html).")
@click.option("--out", default="-", type=click.Path(dir_okay=False, allow_dash=True), show_default=True,
              help="Output file ('-': stdout, not for pdf). Created 0600; an existing file needs --force.")
@click.option("--force", is_flag=True, help="Replace an existing output file.")
@click.option("--db", "db", default=None, metavar="URL", envvar="SIMULATOR_DB",
              help="Database URL (default: $SIMULATOR_DB, else a SQLite file in your data folder).")
def report(trainee: str | None, cohort: str | None, since, period: str | None, audience: str, fmt: str | None,
           out: str, force: bool, db: str | None) -> None:
    """Progress per dimension, scenario x dimension heat map, weakest skills, cohorts compared."""
    from simulator.reports.progress import Selection, build_report, write_csv, write_html, write_pdf
    from simulator.storage.files import check_target, private_output
    from simulator.storage.store import Store

    if fmt is None:
        suffix = out.rsplit(".", 1)[-1].lower() if "." in out else ""
        fmt = suffix if suffix in ("html", "csv", "pdf") else "html"
    if fmt == "pdf" and out == "-":
        raise UsageError("a PDF report needs --out FILE")
    if trainee and cohort:
        raise UsageError("give --trainee or --cohort, not both")
    if out != "-":
        check_target(out, force=force)  # before the work: a bad target is found at once
    sel = Selection(trainee=trainee, cohort=cohort, since=since.date() if since else None, audience=audience,
                    period=period)
    writer = {"html": write_html, "csv": write_csv, "pdf": write_pdf}[fmt]
    with Store.open(db) as store, progress_bar(7) as step:
        rep = build_report(store, sel, progress=step)
        if out == "-":
            writer(rep, sys.stdout, step)
        else:
            with private_output(out, force=force, binary=fmt == "pdf") as fh:
                writer(rep, fh, step)
    if out != "-":
        click.echo(f"{fmt.upper()} report on {rep.n_calls} call(s) written to {out}", err=True)
