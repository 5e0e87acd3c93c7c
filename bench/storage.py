"""Size of the session store: bulk insert throughput and cohort report time.

Seeds a fresh SQLite store in /tmp with 1,000 trainees in 20 cohorts and
100,000 scored sessions (8 dimension scores each, one evidence item, and
two turns for every tenth session; texts encrypted as the store does), then
prints insert throughput and the times of issue 12's targets: all cohorts
compared <= 1 s; one cohort <= 0.5 s data, <= 1.5 s with HTML and plots; CSV
of everything <= 3 s and <= 200 MB. Wall and CPU time are printed: on a
busy machine the CPU time (SQLite works in this process) is the steadier
figure. No assertions. ``--reuse`` keeps the
seeded file (and so also times the migration of an older one).

    PYTHONPATH=. python bench/storage.py [--sessions N] [--trainees N] [--db /tmp/simulator-bench.db] [--reuse]
    PYTHONPATH=. python bench/storage.py --postgresql       # the same on a throw-away PostgreSQL server
"""

from __future__ import annotations

import argparse
import io
import os
import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
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
    parser.add_argument("--postgresql", action="store_true",
                        help="Run on a throw-away PostgreSQL server (Debian binaries, as tests/conftest_pg.py) instead.")
    args = parser.parse_args()
    if args.postgresql:
        with throwaway_postgresql() as url:
            run(args, url, fresh=True)
        return
    fresh = not (args.reuse and Path(args.db).exists())
    if fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(args.db + suffix).unlink(missing_ok=True)
    run(args, f"sqlite:///{args.db}", fresh)


@contextmanager
def throwaway_postgresql() -> Iterator[str]:
    """A PostgreSQL server in a temporary folder on a free port; its URL (database 'bench')."""
    import shutil
    import subprocess
    import tempfile

    from tests.conftest_pg import PG_BIN, _as_user, _free_port

    root = Path(tempfile.mkdtemp(prefix="simulator-bench-pg-", dir="/tmp"))
    os.chmod(root, 0o755)
    data, sock = root / "data", root / "sock"
    data.mkdir()
    sock.mkdir()
    if os.geteuid() == 0:
        import pwd

        pw = pwd.getpwnam("postgres")
        for p in (root, data, sock):
            os.chown(p, pw.pw_uid, pw.pw_gid)
    port = _free_port()
    run_ = dict(capture_output=True, text=True, timeout=120, check=True)
    subprocess.run(_as_user([str(PG_BIN / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                             "--no-sync", "--locale=C"]), **run_)
    opts = f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off -c shared_buffers=256MB"
    subprocess.run(_as_user([str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(root / "pg.log"), "-o", opts, "-w",
                             "start"]), **run_)
    try:
        import psycopg

        with psycopg.connect(f"postgresql://postgres@127.0.0.1:{port}/postgres", autocommit=True) as conn:
            conn.execute("CREATE DATABASE bench")
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/bench"
    finally:
        subprocess.run(_as_user([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
                       capture_output=True, timeout=60)
        shutil.rmtree(root, ignore_errors=True)


def run(args: argparse.Namespace, url: str, fresh: bool) -> None:
    """Seed (when fresh) and time the targets on the store at ``url``."""

    from simulator.reports.progress import Selection, build_report, write_csv, write_html, write_pdf
    from simulator.storage import Store
    from simulator.storage.models import Cohort, ScenarioRow, ScoreRow, SessionRow, Trainee, TraineeName, TurnRow

    from simulator.storage.crypto import ANONYMOUS, name_index

    store = Store.open(url)
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
                             "evidence_enc": key.encrypt_json(evidence, "evidence"), "pid": 0, "hostname": "bench",
                             **{f"score_{d}": v for d, v in values.items()}})
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
    size = sum(Path(args.db + s).stat().st_size for s in ("", "-wal") if Path(args.db + s).exists()) if url.startswith("sqlite") else 0
    if fresh:
        print(f"people: {args.trainees} trainees, {args.cohorts} cohorts in {t_people:.2f} s")
        print(f"sessions: {args.sessions} (+{args.sessions * len(DIMENSIONS)} scores, {args.sessions // 10 * 2} turns) "
              f"in {t_sessions:.1f} s = {args.sessions / t_sessions:,.0f} sessions/s; file {size / 1e6:.0f} MB")

    t0 = time.perf_counter()
    store.close()
    store = Store.open(url)
    print(f"open (and migrate, if the bench file is older): {time.perf_counter() - t0:.2f} s")
    quarter = "2025-Q2"
    from sqlalchemy import text

    with store.write() as s:  # time the first HR report, which gates and releases the quarter
        s.execute(text("DELETE FROM hr_figures"))
        s.execute(text("DELETE FROM hr_releases"))
    for label, sel, target_data, target_all in (
            ("all cohorts compared (instructor)", Selection(audience="instructor"), 1.0, None),
            (f"all cohorts compared (hr, {quarter}, first: gate + release)", Selection(audience="hr", period=quarter), 1.0, None),
            (f"all cohorts compared (hr, {quarter}, released)", Selection(audience="hr", period=quarter), 1.0, None),
            ("one cohort (instructor)", Selection(cohort="Kurs 01", audience="instructor"), 0.5, 1.5),
            (f"one cohort (hr, {quarter})", Selection(cohort="Kurs 01", audience="hr", period=quarter), 0.5, 1.5)):
        t0, c0 = time.perf_counter(), time.process_time()
        rep = build_report(store, sel)
        t_build, c_build = time.perf_counter() - t0, time.process_time() - c0
        out = io.StringIO()
        write_html(rep, out)
        t_total, c_total = time.perf_counter() - t0, time.process_time() - c0
        goal = f"target data <= {target_data} s" + (f", with HTML <= {target_all} s" if target_all else "")
        print(f"{label}: {rep.n_calls} calls; data {t_build:.2f} s ({c_build:.2f} s CPU), with HTML + plots "
              f"{t_total:.2f} s ({c_total:.2f} s CPU) ({goal})")
    t0 = time.perf_counter()
    rep = build_report(store, Selection(cohort="Kurs 01", audience="instructor"))
    with open("/tmp/simulator-bench.pdf", "wb") as fh:
        write_pdf(rep, fh)
    print(f"one cohort as PDF: {time.perf_counter() - t0:.2f} s, {Path('/tmp/simulator-bench.pdf').stat().st_size / 1e3:.0f} kB")
    import resource

    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
    t0, c0 = time.perf_counter(), time.process_time()
    rep = build_report(store, Selection(audience="instructor"), data_only=True)  # as 'simulator report --format csv'
    with open("/tmp/simulator-bench.csv", "w", newline="") as fh:
        write_csv(rep, fh)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
    print(f"CSV of everything: {time.perf_counter() - t0:.2f} s ({time.process_time() - c0:.2f} s CPU), file {Path('/tmp/simulator-bench.csv').stat().st_size / 1e6:.1f} MB, "
          f"peak RSS {rss:.0f} MB (before: {rss0:.0f} MB) (target <= 3 s, <= 200 MB)")
    store.close()


if __name__ == "__main__":
    main()
