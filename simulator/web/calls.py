"""One stored call as the web pages show it: the debrief view, the transcript with acts and evidence, the notes.

The debrief is the same :class:`~simulator.reports.view.DebriefView` a trainee
sees after the call, built here from what the store kept (scores, evidence,
turns) instead of the live call; :func:`simulator.reports.debrief.html_from_view`
draws it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from simulator.storage.crypto import ANONYMOUS
from simulator.storage.models import Adjustment, ScenarioRow, ScoreRow, SessionRow, TurnRow


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of a transcript line; marked pieces are evidence quotes."""

    text: str
    """The words (escaped by the template)."""
    mark: str
    """'' for plain text, else 'plus' or 'minus' (the evidence's effect)."""
    note: str
    """The evidence's note ('' for plain text)."""


@dataclass(frozen=True, slots=True)
class Line:
    """One transcript line with its communication acts and evidence marks."""

    turn: int
    """Turn number."""
    speaker: str
    """customer | trainee."""
    segments: tuple[Segment, ...]
    """The text, split around evidence quotes."""
    acts: tuple[str, ...]
    """Communication acts the analyser found (trainee lines)."""


@dataclass(frozen=True, slots=True)
class StoredCall:
    """A stored call, decrypted for one authorised reader."""

    id: int
    """Session id."""
    trainee: str | None
    """Pseudonym."""
    scenario: str
    """Scenario id."""
    lang: str
    """Call language."""
    mode: str
    """practice | exam | seminar."""
    status: str
    """running | finished | interrupted."""
    started: datetime
    """Start (UTC)."""
    outcome: str | None
    """Outcome reason."""
    resolved: bool
    """Solved (or a workable next step)."""
    total: float | None
    """Automatic total."""
    scores: tuple[tuple[str, float | None, float], ...]
    """(dimension, value, weight) in stored order."""
    evidence: tuple[dict[str, Any], ...]
    """Evidence items as stored."""
    turns: tuple[tuple[int, str, str, tuple[str, ...], str | None], ...]
    """(number, speaker, text, acts, customer reply)."""
    notes: tuple[dict[str, Any], ...]
    """Instructor notes and adjustments, oldest first."""


def load_call(store: Any, session_id: int) -> StoredCall:
    """Read and decrypt one call (the caller has checked access)."""
    with store.read() as s:
        row, scenario = s.execute(select(SessionRow, ScenarioRow.scenario_id)
                                  .join(ScenarioRow, ScenarioRow.id == SessionRow.scenario_ref)
                                  .where(SessionRow.id == session_id)).one()
        key = store.keys.need(s, row.trainee_id or ANONYMOUS)
        turns = tuple((t.number, t.speaker, key.decrypt(t.text_enc, "text") or "", tuple(t.acts or ()),
                       key.decrypt(t.reply_enc, "reply") if t.reply_enc is not None else None)
                      for t in s.execute(select(TurnRow).where(TurnRow.session_id == session_id)
                                         .order_by(TurnRow.number)).scalars())
        scores = tuple((r.dimension, r.value, r.weight) for r in s.execute(
            select(ScoreRow).where(ScoreRow.session_id == session_id)).scalars())
        notes = tuple({"id": a.id, "dimension": a.dimension, "delta": a.delta, "value": a.value,
                       "reason": key.decrypt(a.reason_enc, "note"), "author": a.author,
                       "date": a.created_at.strftime("%Y-%m-%d %H:%M")}
                      for a in s.execute(select(Adjustment).where(Adjustment.session_id == session_id)
                                         .order_by(Adjustment.id)).scalars())
        evidence = tuple(key.decrypt_json(row.evidence_enc, "evidence") or ()) if row.evidence_enc else ()
    return StoredCall(row.id, row.trainee_id, scenario, row.lang, row.mode, row.status, row.started_at,
                      row.outcome_reason, bool(row.resolved), row.total_score, scores, evidence, turns, notes)


def _scenario(scenario_id: str) -> Any:
    from simulator.errors import SimulatorError
    from simulator.scenario import load

    try:
        return load(scenario_id)
    except (SimulatorError, OSError, ValueError):
        return None


def debrief_view(call: StoredCall, lang: str) -> Any:
    """The call's :class:`~simulator.reports.view.DebriefView` (None for a call without a score)."""
    from types import SimpleNamespace

    from simulator.reports.view import DebriefView
    from simulator.scoring.rubric import TIP_BELOW, DimensionScore, EvidenceItem, Score
    from simulator.strings import strings
    from simulator.vocabulary import DIMENSIONS

    if call.total is None or not call.scores:
        return None
    s = strings(call.lang)
    by_dim: dict[str, list[EvidenceItem]] = {}
    for e in call.evidence:
        by_dim.setdefault(str(e.get("dimension")), []).append(EvidenceItem(
            str(e.get("dimension")), int(e.get("turn") or 0), str(e.get("quote") or ""), float(e.get("effect") or 0.0),
            str(e.get("note") or ""), str(e.get("tip") or "")))
    order = {d: i for i, d in enumerate(DIMENSIONS)}
    dims = tuple(DimensionScore(name, value, weight, tuple(by_dim.get(name, ())),
                                s.t(f"advice.{name}") if value is not None and value < TIP_BELOW else "")
                 for name, value, weight in sorted(call.scores, key=lambda x: order.get(x[0], 99)))
    score = Score(call.total, call.lang, dims)
    transcript = []
    for number, speaker, text, _acts, reply in call.turns:
        transcript.append(SimpleNamespace(number=number, speaker=speaker, text=text, events=()))
        if reply is not None:
            transcript.append(SimpleNamespace(number=number, speaker="customer", text=reply, events=()))
    outcome = SimpleNamespace(reason=call.outcome, resolved=call.resolved) if call.outcome else None
    state = SimpleNamespace(outcome=outcome, transcript=tuple(transcript))
    return DebriefView.build(_scenario(call.scenario), state, score, lang)


def _segments(text: str, marks: list[dict[str, Any]]) -> tuple[Segment, ...]:
    """``text`` split so that every evidence quote found in it is a marked segment (first occurrence, no overlaps)."""
    spans: list[tuple[int, int, dict[str, Any]]] = []
    low = text.casefold()
    for e in marks:
        quote = str(e.get("quote") or "").strip(" .…\"'„“”")
        if not quote:
            continue
        at = low.find(quote.casefold())
        if at >= 0 and all(at >= b or at + len(quote) <= a for a, b, _ in spans):
            spans.append((at, at + len(quote), e))
    out, pos = [], 0
    for a, b, e in sorted(spans, key=lambda x: x[0]):
        if a > pos:
            out.append(Segment(text[pos:a], "", ""))
        out.append(Segment(text[a:b], "plus" if float(e.get("effect") or 0) > 0 else "minus",
                           f"{e.get('dimension')}: {e.get('note') or ''} ({float(e.get('effect') or 0):+g})"))
        pos = b
    if pos < len(text) or not out:
        out.append(Segment(text[pos:], "", ""))
    return tuple(out)


def transcript_lines(call: StoredCall) -> tuple[Line, ...]:
    """The transcript with acts and the trainee's evidence quotes marked."""
    by_turn: dict[int, list[dict[str, Any]]] = {}
    for e in call.evidence:
        if e.get("speaker", "trainee") == "trainee":
            by_turn.setdefault(int(e.get("turn") or 0), []).append(e)
    out: list[Line] = []
    for number, speaker, text, acts, reply in call.turns:
        marks = by_turn.get(number, []) if speaker == "trainee" else []
        out.append(Line(number, speaker, _segments(text, marks), acts))
        if reply is not None:
            out.append(Line(number, "customer", (Segment(reply, "", ""),), ()))
    return tuple(out)


def sessions_of(store: Any, tid: str, limit: int = 200) -> list[dict[str, Any]]:
    """A trainee's stored calls, newest first: the fields of :meth:`Store.history`, read as plain columns
    (no ORM objects, no encrypted evidence: a page lists a hundred calls in a few milliseconds)."""
    cols = [SessionRow.id, SessionRow.trainee_id, ScenarioRow.scenario_id, SessionRow.lang, SessionRow.seed,
            SessionRow.mode, SessionRow.private, SessionRow.status, SessionRow.started_at, SessionRow.ended_at,
            SessionRow.outcome_reason, SessionRow.resolved, SessionRow.final_mood, SessionRow.total_score]
    q = (select(*cols).join(ScenarioRow, ScenarioRow.id == SessionRow.scenario_ref).where(SessionRow.trainee_id == tid)
         .order_by(SessionRow.started_at.desc(), SessionRow.id.desc()).limit(limit))
    names = ("id", "trainee", "scenario", "lang", "seed", "mode", "private", "status", "started", "ended", "outcome",
             "resolved", "final_mood", "total")
    with store.read() as s:
        rows = s.connection().execute(q).all()
    out = []
    for r in rows:
        item = dict(zip(names, r))
        item["started"] = r[8].isoformat() if r[8] else None
        item["ended"] = r[9].isoformat() if r[9] else None
        out.append(item)
    return out


def name_of(store: Any, tid: str) -> str | None:
    """One trainee's display name (None once names are dropped): one row read and decrypted, not the whole table."""
    from sqlalchemy.exc import DBAPIError

    from simulator.storage.models import TraineeName

    try:
        with store.read() as s:
            blob = s.execute(select(TraineeName.name_enc).where(TraineeName.trainee_id == tid)).scalar_one_or_none()
            return None if blob is None else store.keys.need(s, tid).decrypt(blob, "name")
    except DBAPIError:  # the names table was dropped (simulator privacy drop-names)
        return None


def trainees_in(store: Any, cohorts: frozenset[str] | None) -> list[dict[str, Any]]:
    """Trainees (pseudonym, name, cohort, calls) of ``cohorts`` (None: everyone), by pseudonym."""
    from sqlalchemy import func

    from simulator.storage.models import Cohort, Trainee

    q = select(Trainee.id, Cohort.name).outerjoin(Cohort, Cohort.id == Trainee.cohort_id).order_by(Trainee.id)
    if cohorts is not None:
        q = q.where(Cohort.name.in_(sorted(cohorts)))
    with store.read() as s:
        people = s.connection().execute(q).all()
        ids = [p[0] for p in people]
        counts: dict[str, int] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            counts.update(s.connection().execute(select(SessionRow.trainee_id, func.count()).where(
                SessionRow.trainee_id.in_(chunk)).group_by(SessionRow.trainee_id)).all())
    names = store.names(set(ids)) if ids else {}
    return [{"pseudonym": tid, "name": names.get(tid), "cohort": cohort, "sessions": counts.get(tid, 0)}
            for tid, cohort in people]
