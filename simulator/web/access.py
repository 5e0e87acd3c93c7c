"""Object-level checks: may this user see this trainee, this call, this cohort? Checked on the server, per request.

* trainee: only their own pseudonym and their own calls;
* instructor: trainees and calls of the cohorts they are assigned to;
* HR and admin: no individual trainee or call (HR sees gated aggregates,
  the admin manages people, roles and settings).

Unknown ids are 404, known ids the user may not see are 403.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from simulator.storage.models import Cohort, ScenarioRow, SessionRow, Trainee
from simulator.web.accounts import User
from simulator.web.deps import forbidden, not_found


def may_see_trainee(user: User, tid: str, cohort: str | None) -> bool:
    """Whether ``user`` may see the individual data of trainee ``tid`` (in ``cohort``)."""
    if user.role == "trainee":
        return user.trainee_id == tid
    if user.role == "instructor":
        return cohort is not None and cohort in user.cohorts
    return False


def trainee_or_403(store: Any, user: User, tid: str) -> str | None:
    """The cohort of trainee ``tid`` when ``user`` may see them; 404 / 403 otherwise."""
    with store.read() as s:
        row = s.execute(select(Trainee.id, Cohort.name).outerjoin(Cohort, Cohort.id == Trainee.cohort_id)
                        .where(Trainee.id == tid[:16])).first()
    if row is None:
        raise not_found()
    if not may_see_trainee(user, tid, row[1]):
        raise forbidden()
    return row[1]


def call_or_403(store: Any, user: User, session_id: int) -> tuple[str | None, str | None, str]:
    """(trainee, cohort, scenario id) of call ``session_id`` when ``user`` may see it; 404 / 403 otherwise.

    An anonymous call (no trainee) belongs to nobody who can log in: 403 for everyone.
    """
    with store.read() as s:
        row = s.execute(select(SessionRow.trainee_id, Cohort.name, ScenarioRow.scenario_id)
                        .join(ScenarioRow, ScenarioRow.id == SessionRow.scenario_ref)
                        .outerjoin(Trainee, Trainee.id == SessionRow.trainee_id)
                        .outerjoin(Cohort, Cohort.id == Trainee.cohort_id)
                        .where(SessionRow.id == session_id)).first()
    if row is None:
        raise not_found()
    tid, cohort, scenario = row
    if tid is None or not may_see_trainee(user, tid, cohort):
        raise forbidden()
    return tid, cohort, scenario


def cohort_or_403(store: Any, user: User, cohort_id: int) -> str:
    """The name of cohort ``cohort_id`` when ``user`` may see its individual results (instructor assigned to it)."""
    with store.read() as s:
        name = s.execute(select(Cohort.name).where(Cohort.id == cohort_id)).scalar_one_or_none()
    if name is None:
        raise not_found()
    if user.role != "instructor" or name not in user.cohorts:
        raise forbidden()
    return name


def cohort_ids(store: Any) -> dict[str, int]:
    """Cohort name -> id."""
    with store.read() as s:
        return dict(s.execute(select(Cohort.name, Cohort.id)).all())
