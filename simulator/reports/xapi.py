"""``simulator export xapi``: stored calls as xAPI 1.0.3 statements for a learning management system (LRS).

Instructor audience (default): one statement per finished, scored call, the
actor a pseudonymous account (``{"homePage": HOME, "name": "T-7f3a9c"}``,
never a name or mail address), verb *completed* (or *scored*), object the
scenario, result with the scaled score (total / 100), completion, and one
extension per rubric dimension. Private runs are never exported.

HR audience: no statement about a person at all. One statement per cohort
(and one for all cohorts) of a closed period, each passed through the privacy
gate exactly as the HR report: the actor an identified group (the cohort),
hidden figures left out, suppressed cohorts not exported.

Statement ids are UUID 5 of the store's session id (or cohort and period), so
exporting again gives the same ids and an LRS does not store duplicates.
"""

from __future__ import annotations

import json
import sys
import uuid
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import click

from simulator.errors import UsageError

XAPI_VERSION = "1.0.3"
"""The xAPI version written."""
HOME = "https://simulator.invalid"
"""Default account home page / IRI base (override with --home)."""
VERBS = {
    "completed": "http://adlnet.gov/expapi/verbs/completed",
    "scored": "http://adlnet.gov/expapi/verbs/scored",
}
"""ADL verbs."""
ACTIVITY_TYPE = "http://adlnet.gov/expapi/activities/simulation"
"""Activity type of a scenario."""
NAMESPACE = uuid.UUID("5b0c7e7a-6f2e-4c55-9d59-2a2f3c1e9a10")
"""UUID namespace of statement ids."""


def _time(dt: datetime) -> str:
    return dt.replace(microsecond=0).isoformat() + "Z"


def _dims(home: str, values: dict[str, float | None]) -> dict[str, float]:
    return {f"{home}/xapi/dimension/{d}": round(v, 1) for d, v in values.items() if v is not None}


def call_statements(store: Any, f: Any, home: str, verb: str) -> Iterator[dict[str, Any]]:
    """One statement per call of the filter (pseudonymous actor)."""
    from simulator.reports.aggregate import call_rows
    from simulator.vocabulary import DIMENSIONS

    for r in call_rows(store, f):
        sid, started, trainee, _cohort, scenario, mode, total = r[:7]
        scores = dict(zip(DIMENSIONS, r[7:7 + len(DIMENSIONS)]))
        yield {
            "id": str(uuid.uuid5(NAMESPACE, f"{home}/session/{sid}/{verb}")),
            "actor": {"objectType": "Agent", "account": {"homePage": home, "name": trainee}},
            "verb": {"id": VERBS[verb], "display": {"en-US": verb}},
            "object": {"objectType": "Activity", "id": f"{home}/scenario/{scenario}",
                       "definition": {"name": {"en-US": scenario}, "type": ACTIVITY_TYPE}},
            "result": {"score": {"scaled": round(total / 100, 4), "raw": round(total, 1), "min": 0, "max": 100},
                       "completion": True, "extensions": _dims(home, scores)},
            "context": {"platform": "simulator", "extensions": {f"{home}/xapi/mode": mode, f"{home}/xapi/session": sid}},
            "timestamp": _time(started),
            "version": XAPI_VERSION,
        }


def group_statements(report: Any, home: str, verb: str) -> Iterator[dict[str, Any]]:
    """One statement per cohort the privacy gate shows in an HR report (and one for its whole scope)."""
    from simulator.reports.gate import Period

    period = Period.parse(report.period_label)
    scope = report.selection.cohort or "all cohorts"
    rows = [(scope, None)] + [(g.name, g) for g in report.cohorts if g.name != scope]
    for name, g in rows:
        if g is None:
            total, dims, trainees, calls = report.total, report.overall, report.n_trainees, report.n_calls
        else:
            total, dims, trainees, calls = g.total, g.dimensions, g.trainees, g.calls
        if total is None:
            continue
        yield {
            "id": str(uuid.uuid5(NAMESPACE, f"{home}/group/{name}/{period.label}/{verb}")),
            "actor": {"objectType": "Group", "name": name, "account": {"homePage": home, "name": f"cohort:{name}"}},
            "verb": {"id": VERBS[verb], "display": {"en-US": verb}},
            "object": {"objectType": "Activity", "id": f"{home}/practice/{period.label}",
                       "definition": {"name": {"en-US": f"practice calls {period.label}"}, "type": ACTIVITY_TYPE}},
            "result": {"score": {"scaled": round(total / 100, 4), "raw": round(total, 1), "min": 0, "max": 100},
                       "extensions": {**_dims(home, dims), f"{home}/xapi/trainees": trainees, f"{home}/xapi/calls": calls}},
            "context": {"platform": "simulator",
                        "extensions": {f"{home}/xapi/period": period.label, f"{home}/xapi/min-group": report.k}},
            "timestamp": _time(datetime.combine(period.end, datetime.min.time())),
            "version": XAPI_VERSION,
        }


@click.group()
def export() -> None:
    """Export stored calls to other systems (xAPI for a learning management system)."""


@export.command("xapi")
@click.option("--trainee", default=None, help="One trainee (pseudonym or name).")
@click.option("--cohort", default=None, help="One cohort.")
@click.option("--period", default=None, metavar="YYYY-MM|YYYY-Qn", help="A calendar month or quarter (HR: a closed one).")
@click.option("--audience", type=click.Choice(["instructor", "hr"]), default="instructor", show_default=True,
              help="instructor: one statement per call (pseudonymous); hr: cohort statements through the privacy gate.")
@click.option("--verb", type=click.Choice(sorted(VERBS)), default="completed", show_default=True, help="xAPI verb.")
@click.option("--home", default=HOME, show_default=True, help="Account home page and IRI base of the statements.")
@click.option("--out", default="-", type=click.Path(dir_okay=False, allow_dash=True), show_default=True,
              help="Output file ('-': stdout). Created 0600; an existing file needs --force.")
@click.option("--force", is_flag=True, help="Replace an existing output file.")
@click.option("--db", "db", default=None, metavar="URL", envvar="SIMULATOR_DB",
              help="Database URL (default: $SIMULATOR_DB, else a SQLite file in your data folder).")
def xapi(trainee: str | None, cohort: str | None, period: str | None, audience: str, verb: str, home: str, out: str,
         force: bool, db: str | None) -> None:
    """Write xAPI 1.0.3 statements (a JSON array, as an LRS accepts on POST /statements)."""
    from simulator.reports.aggregate import Filter, check_cohort
    from simulator.reports.gate import Period
    from simulator.reports.progress import Selection, build_report
    from simulator.storage.files import check_target, private_output
    from simulator.storage.store import Store

    home = home.rstrip("/")
    if trainee and cohort:
        raise UsageError("give --trainee or --cohort, not both")
    if out != "-":
        check_target(out, force=force)
    with Store.open(db) as store:
        if audience == "hr":
            rep = build_report(store, Selection(trainee=trainee, cohort=cohort, audience="hr", period=period))
            if trainee:
                raise UsageError("xAPI for HR has cohort statements only (no statements about one person)")
            statements: Iterator[dict[str, Any]] = group_statements(rep, home, verb)
        else:
            if cohort:
                check_cohort(store, cohort)
            p = Period.parse(period) if period else None
            f = Filter(trainee=store.resolve(trainee) if trainee else None, cohort=cohort,
                       start=p.start if p else None, end=p.end if p else None)
            statements = call_statements(store, f, home, verb)
        if out == "-":
            n = _write(statements, sys.stdout)
        else:
            with private_output(out, force=force) as fh:
                n = _write(statements, fh)
    if out != "-":
        click.echo(f"{n} xAPI statement(s) written to {out}", err=True)


def _write(statements: Iterator[dict[str, Any]], fh: Any) -> int:
    n = 0
    fh.write("[")
    for st in statements:
        fh.write(("\n" if n == 0 else ",\n") + json.dumps(st, ensure_ascii=False, separators=(",", ":")))
        n += 1
    fh.write("\n]\n")
    return n


COMMANDS = {"export": export}
"""Top-level commands of this module, for the CLI's lazy registry."""
