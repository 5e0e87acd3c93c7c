"""Size of the session store: bulk insert throughput and cohort report time.

Seeds a fresh SQLite store in /tmp with 1,000 trainees in 20 cohorts and
100,000 scored sessions (8 dimension scores each, one evidence item, and
two turns for every tenth session), then prints insert throughput
(sessions/s) and the time to build a cohort report (queries + aggregates)
and to render it as HTML with plots. Target: cohort report <= 2 s. No
assertions.

    PYTHONPATH=. python bench/storage.py [--sessions N] [--trainees N] [--db /tmp/simulator-bench.db]
"""

from __future__ import annotations

import argparse
import io
import random
import time
from datetime import datetime, timedelta
from pathlib import Path

from simulator.vocabulary import DIMENSIONS
SCENARIOS = ("checked-plug", "mobile-caller", "diva-complaint", "voicebox-rambler", "jargon-averse", "expert-user")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=100_000)
    parser.add_argument("--trainees", type=int, default=1_000)
    parser.add_argument("--cohorts", type=int, default=20)
    parser.add_argument("--db", default="/tmp/simulator-bench.db")
    parser.add_argument("--reuse", action="store_true", help="Keep an existing bench database (skip seeding).")
    args = parser.parse_args()

    from simulator.reports.progress import Selection, build_report, write_html
    from simulator.storage import Store
    from simulator.storage.models import Cohort, ScenarioRow, ScoreRow, SessionRow, Trainee, TraineeName, TurnRow

    from simulator.storage.crypto import ANONYMOUS, name_index

    fresh = not (args.reuse and Path(args.db).exists())
    if fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(args.db + suffix).unlink(missing_ok=True)
    store = Store.open(f"sqlite:///{args.db}")
    rng = random.Random(7)
    start_day = datetime(2025, 1, 6)
    trainees = [f"T-{i:06x}" for i in range(args.trainees)]
    t0 = time.perf_counter()
    if fresh:
        with store.write() as s:
            secret = store.keys.index_secret(s)
            keys = {t: store.keys.get(s, t, create=True) for t in trainees}
            store.keys.get(s, ANONYMOUS, create=True)
        with store._writer.begin() as conn:
            conn.execute(Cohort.__table__.insert(), [{"id": i + 1, "name": f"Kurs {i + 1:02d}", "created_at": start_day}
                                                     for i in range(args.cohorts)])
            conn.execute(ScenarioRow.__table__.insert(), [{"id": i + 1, "scenario_id": s, "content_hash": f"{i:064x}",
                                                           "title": s} for i, s in enumerate(SCENARIOS)])
            # keys were made in their own transaction above; trainee rows must exist first (FK): insert, then names
            conn.execute(Trainee.__table__.insert(), [{"id": t, "cohort_id": i % args.cohorts + 1, "created_at": start_day}
                                                      for i, t in enumerate(trainees)])
            conn.execute(TraineeName.__table__.insert(), [
                {"trainee_id": t, "name_index": name_index(secret, f"Person {i}"),
                 "name_enc": keys[t].encrypt(f"Person {i}", "name")} for i, t in enumerate(trainees)])
    t_people = time.perf_counter() - t0
    t0 = time.perf_counter()
    batch = 10_000
    for first in range(0, args.sessions if fresh else 0, batch):
        sessions, scores, turns = [], [], []
        for sid in range(first + 1, min(args.sessions, first + batch) + 1):
            trainee = trainees[sid % args.trainees]
            key = keys[trainee]
            started = start_day + timedelta(minutes=sid * 5)
            skill = min(95.0, 30 + (sid / args.sessions) * 50)
            values = {d: max(0.0, min(100.0, rng.gauss(skill, 12))) for d in DIMENSIONS}
            total = sum(values.values()) / len(values)
            evidence = [{"dimension": "clarity", "turn": 1, "quote": "Das ist ein DNS-Problem.", "effect": -8.0,
                         "note": "jargon", "tip": "explain the term", "speaker": "trainee"}]
            sessions.append({"id": sid, "trainee_id": trainee, "scenario_ref": sid % len(SCENARIOS) + 1, "lang": "de",
                             "seed": sid, "mode": "practice", "private": False, "status": "finished",
                             "started_at": started, "ended_at": started + timedelta(minutes=6),
                             "outcome_reason": "solved", "resolved": True, "final_mood": 20.0, "total_score": total,
                             "evidence_enc": key.encrypt_json(evidence, "evidence"), "pid": 0, "hostname": "bench"})
            scores += [{"session_id": sid, "dimension": d, "value": v, "weight": 1.0} for d, v in values.items()]
            if sid % 10 == 0:
                turns += [{"session_id": sid, "number": 0, "speaker": "customer",
                           "text_enc": key.encrypt("Mein Drucker ist tot.", "text"), "acts": [], "steps": [],
                           "events": [], "reply_enc": None, "reply_events": [], "mood": -20.0, "recorded_at": started},
                          {"session_id": sid, "number": 1, "speaker": "trainee",
                           "text_enc": key.encrypt("Das ist ein DNS-Problem.", "text"), "acts": ["jargon"],
                           "steps": ["describe"], "events": [], "reply_enc": key.encrypt("Hä?", "reply"),
                           "reply_events": [], "mood": -15.0, "recorded_at": started}]
        with store._writer.begin() as conn:
            conn.execute(SessionRow.__table__.insert(), sessions)
            conn.execute(ScoreRow.__table__.insert(), scores)
            if turns:
                conn.execute(TurnRow.__table__.insert(), turns)
    t_sessions = time.perf_counter() - t0
    size = sum(Path(args.db + s).stat().st_size for s in ("", "-wal") if Path(args.db + s).exists())
    print(f"people: {args.trainees} trainees, {args.cohorts} cohorts in {t_people:.2f} s")
    print(f"sessions: {args.sessions} (+{args.sessions * len(DIMENSIONS)} scores, {args.sessions // 10 * 2} turns) "
          f"in {t_sessions:.1f} s = {args.sessions / t_sessions:,.0f} sessions/s; file {size / 1e6:.0f} MB")

    for label, sel in (("cohort report (instructor)", Selection(cohort="Kurs 01", audience="instructor")),
                       ("cohort report (hr)", Selection(cohort="Kurs 01", audience="hr")),
                       ("all cohorts compared (hr)", Selection(audience="hr"))):
        t0 = time.perf_counter()
        rep = build_report(store, sel)
        t_build = time.perf_counter() - t0
        out = io.StringIO()
        write_html(rep, out)
        t_total = time.perf_counter() - t0
        print(f"{label}: {len(rep.calls)} calls; data {t_build:.2f} s, with HTML + plots {t_total:.2f} s (target <= 2 s)")
    store.close()


if __name__ == "__main__":
    main()
