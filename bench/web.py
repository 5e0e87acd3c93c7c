"""Load test of ``simulator serve``: 50 concurrent users browsing a store with 100,000 sessions, on loopback.

Seeds a fresh store (SQLite in /tmp by default, or ``--db URL``, e.g. a
PostgreSQL database) with 1,000 trainees in 20 cohorts and 100,000 scored
sessions over the last year (texts encrypted as the store does), creates 50
accounts (30 trainees, 14 instructors with one cohort each, 5 HR, 1 admin),
starts ``simulator serve --workers 2`` on 127.0.0.1 and lets the 50 users
log in, open each of their pages once (the warm-up: a serve process that
has run for a while has computed its reports; not measured unless
``--cold``), then browse their role's pages (think time 0.5-1.5 s, as a
person reads) for ``--seconds`` (default 45, bounded by 60). Prints
p50/p95/p99 page times per page kind and overall, requests per second,
errors, and the machine's load average (the client runs on the same
machine; other work on it shows in every figure). Target: p95 <= 300 ms,
no errors. No assertions: a bench prints figures.

    PYTHONPATH=. .venv/bin/python bench/web.py [--seconds 45] [--users 50] [--sessions 100000] [--db URL] [--reuse] [--cold]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections import defaultdict
from datetime import datetime, timedelta
from pathlib import Path

SCENARIOS = ("checked-plug", "mobile-caller", "diva-complaint", "voicebox-rambler", "jargon-averse", "expert-user")
PASSWORD = "bench password 1"
DIMS = ("empathy", "questioning", "summarising", "checklist", "clarity", "transparency", "courtesy", "outcome")


def seed(url: str, n_sessions: int, n_trainees: int, n_cohorts: int) -> dict:
    """Bulk-insert people and sessions the way bench/storage.py does; return what the users will browse."""
    from simulator.storage import Store
    from simulator.storage.crypto import ANONYMOUS, name_index
    from simulator.storage.models import Cohort, ScenarioRow, ScoreRow, SessionRow, Trainee, TraineeName, TurnRow
    from simulator.web.accounts import Accounts

    rng = random.Random(7)
    store = Store.open(url)
    trainees = [f"T-{i:06x}" for i in range(n_trainees)]
    with store.write() as s:
        secret = store.keys.index_secret(s)
        keys = {t: store.keys.get(s, t, create=True) for t in trainees}
        store.keys.get(s, ANONYMOUS, create=True)
    start = datetime.utcnow().replace(microsecond=0) - timedelta(minutes=5 * n_sessions + 60)
    with store._writer.begin() as conn:
        conn.execute(Cohort.__table__.insert(), [{"id": i + 1, "name": f"Kurs {i + 1:02d}", "created_at": start}
                                                 for i in range(n_cohorts)])
        conn.execute(ScenarioRow.__table__.insert(), [{"id": i + 1, "scenario_id": sc, "content_hash": f"{i:064x}",
                                                       "title": sc} for i, sc in enumerate(SCENARIOS)])
        conn.execute(Trainee.__table__.insert(), [{"id": t, "cohort_id": i % n_cohorts + 1, "created_at": start}
                                                  for i, t in enumerate(trainees)])
        conn.execute(TraineeName.__table__.insert(), [
            {"trainee_id": t, "name_index": name_index(secret, f"Person {i}"),
             "name_enc": keys[t].encrypt(f"Person {i}", "name")} for i, t in enumerate(trainees)])
    for first in range(0, n_sessions, 10_000):
        sessions, scores, turns = [], [], []
        for sid in range(first + 1, min(n_sessions, first + 10_000) + 1):
            t = trainees[sid % n_trainees]
            key = keys[t]
            started = start + timedelta(minutes=5 * sid)
            skill = min(95.0, 30 + (sid / n_sessions) * 50)
            values = {d: max(0.0, min(100.0, rng.gauss(skill, 12))) for d in DIMS}
            evidence = [{"dimension": "clarity", "turn": 1, "quote": "Das ist ein DNS-Problem.", "effect": -8.0,
                         "note": "jargon", "tip": "explain the term", "speaker": "trainee"}]
            sessions.append({"id": sid, "trainee_id": t, "scenario_ref": sid % len(SCENARIOS) + 1, "lang": "de",
                             "seed": sid, "mode": "seminar" if sid % 50 == 0 else "practice", "private": False,
                             "status": "finished", "started_at": started, "ended_at": started + timedelta(minutes=6),
                             "outcome_reason": "solved", "resolved": True, "final_mood": 20.0,
                             "total_score": sum(values.values()) / len(values),
                             "evidence_enc": key.encrypt_json(evidence, "evidence"), "pid": 0, "hostname": "bench",
                             **{f"score_{d}": v for d, v in values.items()}})
            scores += [{"session_id": sid, "dimension": d, "value": v, "weight": 1.0} for d, v in values.items()]
            turns += [{"session_id": sid, "number": 0, "speaker": "customer",
                       "text_enc": key.encrypt("Mein Drucker ist tot.", "text"), "acts": [], "steps": [], "events": [],
                       "reply_enc": None, "reply_events": [], "mood": -20.0, "recorded_at": started},
                      {"session_id": sid, "number": 1, "speaker": "trainee",
                       "text_enc": key.encrypt("Das ist ein DNS-Problem.", "text"), "acts": ["jargon"],
                       "steps": ["describe"], "events": [], "reply_enc": key.encrypt("Hä?", "reply"),
                       "reply_events": [], "mood": -15.0, "recorded_at": started}] if sid % 10 == 0 else []
        with store._writer.begin() as conn:
            conn.execute(SessionRow.__table__.insert(), sessions)
            conn.execute(ScoreRow.__table__.insert(), scores)
            if turns:
                conn.execute(TurnRow.__table__.insert(), turns)
    accounts = Accounts(store)
    users: list[dict] = []
    for i in range(30):
        tid = trainees[i * 10]  # turns are stored for every tenth session: these trainees have them
        accounts.add_user(f"trainee{i}", PASSWORD, "trainee", trainee=tid)
        own = [sid for sid in range(10, n_sessions + 1, 10) if sid % n_trainees == i * 10][:20]
        users.append({"name": f"trainee{i}", "role": "trainee", "calls": own})
    for i in range(14):
        cohort = i % n_cohorts + 1
        accounts.add_user(f"instructor{i}", PASSWORD, "instructor", cohorts=(f"Kurs {cohort:02d}",))
        members = [t for j, t in enumerate(trainees) if j % n_cohorts + 1 == cohort][:30]
        calls = [sid for sid in range(1, n_sessions + 1) if (sid % n_trainees) % n_cohorts + 1 == cohort][:30]
        users.append({"name": f"instructor{i}", "role": "instructor", "cohort": cohort, "trainees": members,
                      "calls": calls})
    for i in range(5):
        accounts.add_user(f"hr{i}", PASSWORD, "hr")
        users.append({"name": f"hr{i}", "role": "hr"})
    accounts.add_user("admin0", PASSWORD, "admin")
    users.append({"name": "admin0", "role": "admin"})
    store.close()
    return {"users": users}


def pages(user: dict, rng: random.Random) -> tuple[str, str]:
    """(kind, path) of the next page this user opens."""
    role = user["role"]
    if role == "trainee":
        return rng.choice([("trainee /me", "/me"), ("trainee /calls/N", f"/calls/{rng.choice(user['calls'])}"),
                           ("api /api/me/sessions", "/api/me/sessions"), ("library /scenarios", "/scenarios")])
    if role == "instructor":
        return rng.choice([("instructor /cohorts/N", f"/cohorts/{user['cohort']}"),
                           ("instructor /trainees/T", f"/trainees/{rng.choice(user['trainees'])}"),
                           ("instructor /calls/N", f"/calls/{rng.choice(user['calls'])}"),
                           ("api /api/trainees", "/api/trainees")])
    if role == "hr":
        return rng.choice([("hr /hr", "/hr"), ("api /api/cohorts", "/api/cohorts")])
    return rng.choice([("admin /admin/audit", "/admin/audit"), ("api /api/cohorts", "/api/cohorts"),
                       ("library /scenarios/ID", "/scenarios/checked-plug")])


async def browse(base: str, user: dict, seconds: float, times: dict, errors: list, seed_: int, warmup: bool,
                 barrier) -> None:
    import httpx

    rng = random.Random(seed_)
    async with httpx.AsyncClient(base_url=base, timeout=60, follow_redirects=False) as c:
        await asyncio.sleep(rng.uniform(0, 5.0))  # people arrive over the first seconds, not all in one instant
        await c.get("/login")
        t0 = time.perf_counter()
        try:
            r = await c.post("/login", data={"username": user["name"], "password": PASSWORD,
                                             "csrftoken": c.cookies.get("csrftoken", "")})
            status = r.status_code
        except httpx.HTTPError as exc:
            status = type(exc).__name__
        times["login (Argon2)"].append(time.perf_counter() - t0)
        if status != 303:
            errors.append(f"login {user['name']}: {status}")
            await barrier()
            return
        if warmup:
            for kind, path in all_pages(user):
                try:
                    await c.get(path)
                except httpx.HTTPError:
                    pass
            await barrier()
        until = time.perf_counter() + seconds
        while time.perf_counter() < until:
            kind, path = pages(user, rng)
            t0 = time.perf_counter()
            try:
                r = await c.get(path)
                ok = r.status_code == 200
            except httpx.HTTPError as exc:
                ok, r = False, exc
            dt = time.perf_counter() - t0
            times[kind].append(dt)
            times["all pages"].append(dt)
            if not ok:
                errors.append(f"{user['name']} {path}: {getattr(r, 'status_code', r)}")
            await asyncio.sleep(rng.uniform(0.5, 1.5))


def all_pages(user: dict) -> list[tuple[str, str]]:
    """Every page kind of the user's role once (the warm-up)."""
    rng = random.Random(0)
    seen: dict[str, str] = {}
    for _ in range(200):
        kind, path = pages(user, rng)
        seen.setdefault(kind, path)
    return list(seen.items())


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] * 1000


async def run_load(base: str, users: list[dict], n: int, seconds: float, warmup: bool) -> tuple[dict, list, float]:
    times: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    chosen = [users[i % len(users)] for i in range(n)]
    arrived, ready = 0, asyncio.Event()
    started: list[float] = []

    async def barrier() -> None:  # browsing starts for everyone once everyone has warmed up
        nonlocal arrived
        arrived += 1
        if arrived == n:
            started.append(time.perf_counter())
            ready.set()
        await ready.wait()

    t0 = time.perf_counter()
    await asyncio.gather(*(browse(base, u, seconds, times, errors, i, warmup, barrier) for i, u in enumerate(chosen)))
    return times, errors, time.perf_counter() - (started[0] if started else t0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=45.0, help="Browsing time (at most 60).")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--sessions", type=int, default=100_000)
    parser.add_argument("--trainees", type=int, default=1_000)
    parser.add_argument("--cohorts", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--db", default=None, help="Database URL (default: a fresh SQLite file in /tmp).")
    parser.add_argument("--reuse", action="store_true", help="Keep the SQLite file seeded by an earlier run.")
    parser.add_argument("--cold", action="store_true", help="No warm-up: measure from the first request on.")
    args = parser.parse_args()
    seconds = min(args.seconds, 60.0)
    url = args.db
    path = Path("/tmp/simulator-web-bench.db")
    plan = path.with_suffix(".json")
    t0 = time.perf_counter()
    if url is None and args.reuse and path.exists() and plan.exists():
        import json

        url, seeded = f"sqlite:///{path}", json.loads(plan.read_text())
    else:
        if url is None:
            for suffix in ("", "-wal", "-shm"):
                Path(str(path) + suffix).unlink(missing_ok=True)
            url = f"sqlite:///{path}"
        seeded = seed(url, args.sessions, args.trainees, args.cohorts)
        if url.startswith("sqlite"):
            import json

            plan.write_text(json.dumps(seeded))
    print(f"seeded {args.sessions:,} sessions, {args.trainees} trainees, {args.cohorts} cohorts, "
          f"{len(seeded['users'])} accounts in {time.perf_counter() - t0:.1f} s ({url.split(':')[0]})")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "SIMULATOR_WEB_SECRET": "bench"}
    log = open("/tmp/simulator-web-bench.log", "w")  # noqa: SIM115 - the server's log, for errors
    server = subprocess.Popen([sys.executable, "-m", "simulator", "serve", "--db", url, "--port", str(port),
                               "--workers", str(args.workers)], env=env, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/api/health", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        load0 = os.getloadavg()
        times, errors, wall = asyncio.run(run_load(base, seeded["users"], args.users, seconds, not args.cold))
        load1 = os.getloadavg()
    finally:
        server.terminate()
        server.wait(10)
        log.close()
    print(f"{args.users} concurrent users, {args.workers} serve workers, {wall:.0f} s of browsing on loopback"
          f"{'' if args.cold else ' after a warm-up pass'}, {os.cpu_count()} CPUs (client and server on the same "
          f"machine); load average {load0[0]:.1f} before, {load1[0]:.1f} after")
    print(f"{'page':28} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for kind in sorted(times, key=lambda k: (k != "all pages", k)):
        v = times[kind]
        print(f"{kind:28} {len(v):6d} {pct(v, 50):8.0f} {pct(v, 95):8.0f} {pct(v, 99):8.0f} {max(v) * 1000:8.0f}")
    n = len(times["all pages"])
    print(f"requests: {n} ({n / wall:.1f}/s), errors: {len(errors)}"
          + (f" e.g. {errors[:3]} (server log: /tmp/simulator-web-bench.log)" if errors else ""))
    p95 = pct(times["all pages"], 95) if n else float("nan")
    print(f"target p95 <= 300 ms, no errors: p95 {p95:.0f} ms -> {'met' if p95 <= 300 and not errors else 'NOT met'}"
          f" (mean {statistics.mean(times['all pages']) * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
