"""Stored calls as JSON-ready dicts: the summary of a call, a person's full export, transcript pairing.

Pure functions over the ORM rows of :mod:`simulator.storage.models`; the
:class:`~simulator.storage.store.Store` opens the session and calls them.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from simulator.storage.models import Adjustment, Cohort, ScenarioRow, ScoreRow, SessionRow, Trainee, TurnRow

if TYPE_CHECKING:
    from simulator.storage.crypto import DataKey


def speaker_of(item: dict[str, Any], lines: dict[int, str]) -> str:
    """'trainee' when an evidence quote is (part of) the trainee's line of its turn, else 'customer'.

    ``lines``: turn number -> the trainee's line. Reports quote only the trainee's own words.
    """
    quote = " ".join(str(item.get("quote") or "").split()).strip(" .…\"'„“”").casefold()
    line = " ".join(lines.get(int(item.get("turn") or -1), "").split()).casefold()
    return "trainee" if quote and line and quote in line else "customer"


def session_json(row: SessionRow, scenario_id: str) -> dict[str, Any]:
    """The summary of one stored call."""

    def iso(value: datetime | None) -> str | None:
        return value.isoformat() if value else None

    return {"id": row.id, "trainee": row.trainee_id, "scenario": scenario_id, "lang": row.lang, "seed": row.seed,
            "mode": row.mode, "private": row.private, "status": row.status, "started": iso(row.started_at),
            "ended": iso(row.ended_at), "outcome": row.outcome_reason, "resolved": row.resolved,
            "final_mood": row.final_mood, "total": row.total_score}


def export_trainee(s: Session, tid: str, name: str | None, key: DataKey | None) -> dict[str, Any]:
    """Everything stored about the trainee ``tid`` (a resolved pseudonym), read in the open session ``s``.

    ``key``: their data key (texts are decrypted with it); None only when the
    person has no stored texts.
    """

    def dec(blob: bytes | None, purpose: str) -> Any:
        if blob is None:
            return None
        if key is None:
            from simulator.storage.crypto import DataKeyError

            raise DataKeyError(f"no data key for {tid}: the key table is damaged")
        return key.decrypt_json(blob, purpose) if purpose == "evidence" else key.decrypt(blob, purpose)

    person = s.get(Trainee, tid)
    cohort = s.get(Cohort, person.cohort_id) if person.cohort_id else None
    sessions = []
    rows = s.execute(select(SessionRow, ScenarioRow.scenario_id)
                     .join(ScenarioRow, ScenarioRow.id == SessionRow.scenario_ref)
                     .where(SessionRow.trainee_id == tid).order_by(SessionRow.started_at, SessionRow.id)).all()
    for row, scenario_id in rows:
        item = session_json(row, scenario_id)
        item["evidence"] = dec(row.evidence_enc, "evidence") or []
        item["turns"] = [{"number": t.number, "speaker": t.speaker, "text": dec(t.text_enc, "text"), "acts": t.acts,
                          "steps": t.steps, "events": t.events, "reply": dec(t.reply_enc, "reply"),
                          "reply_events": t.reply_events,
                          "mood": t.mood, "recorded_at": t.recorded_at.isoformat()}
                         for t in s.execute(select(TurnRow).where(TurnRow.session_id == row.id)
                                            .order_by(TurnRow.number)).scalars()]
        item["scores"] = {r.dimension: r.value for r in s.execute(
            select(ScoreRow).where(ScoreRow.session_id == row.id)).scalars()}
        item["adjustments"] = [{"dimension": a.dimension, "delta": a.delta, "value": a.value,
                                "reason": dec(a.reason_enc, "note"),
                                "author": a.author, "created_at": a.created_at.isoformat()}
                               for a in s.execute(select(Adjustment).where(Adjustment.session_id == row.id)
                                                  .order_by(Adjustment.id)).scalars()]
        sessions.append(item)
    return {"trainee": tid, "name": name, "cohort": cohort.name if cohort else None,
            "created": person.created_at.isoformat(), "sessions": sessions}
