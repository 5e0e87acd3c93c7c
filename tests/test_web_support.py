"""A seeded store for the web tests (no tests here): real calls through the engine and the scorer, accounts per role.

Two cohorts: 'Kurs A' (6 trainees, instructor 'ina' assigned) and 'Kurs B'
(5 trainees, nobody assigned). Every trainee has two scored calls in the
last closed quarter (so HR's gate has figures) and one this week; 'ana' has
an SQL- and HTML-shaped name and a seminar call. Accounts: ana (trainee,
Kurs A), ben (trainee, Kurs B), ina (instructor), hana (hr), adam (admin).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

PASSWORD = "correct horse battery"
"""Every seeded account's password."""
ANA_NAME = "Ana <b>O'Brien</b>'); DROP TABLE trainees;--"
"""A trainee name shaped like HTML and SQL: must show escaped and change nothing."""
LINES = ["Guten Tag, IT-Support, Sie sprechen mit Maier. Was genau passiert, wenn Sie drucken?",
         "Oh je, das ist ärgerlich. Das ist bestimmt ein DNS-Problem am Router.",
         "Können Sie bitte schauen, ob die Steckdosenleiste eingeschaltet ist?"]
MORE = ["Ich verstehe, dass Sie unter Zeitdruck stehen. Leuchtet am Drucker ein Lämpchen?",
        "Ich fasse kurz zusammen: Der Drucker reagiert gar nicht, richtig?",
        "Ich schaue jetzt im System nach, das dauert etwa zwei Minuten.",
        "Haben Sie schon mal was von Treibern gehört? Das ist Ihr Problem.",
        "Bitte prüfen Sie noch einmal den Stecker, ich weiß, Sie haben das schon gemacht, aber manchmal löst er sich.",
        "Vielen Dank, dann kümmern wir uns darum. Auf Wiederhören!"]
"""Further lines: each seeded call says the first line and two of these, so the scores differ."""


@dataclass(frozen=True, slots=True)
class Seeded:
    """What the tests need to know about the seeded store."""

    url: str
    """Database URL."""
    ana: str
    """Pseudonym of trainee ana (Kurs A)."""
    ben: str
    """Pseudonym of trainee ben (Kurs B)."""
    ana_call: int
    """One of ana's calls."""
    ben_call: int
    """One of ben's calls."""
    cohort_a: int
    """Id of Kurs A (ina's)."""
    cohort_b: int
    """Id of Kurs B (nobody's)."""
    period: str
    """The last closed quarter (HR's default period)."""


def _call(store, engine, sc, who: str, mode: str = "practice", variant: int = 0) -> int:
    from simulator.scoring import score_call

    state = engine.start(1)
    sid = store.begin_session(who, sc, "de", 1, mode, False)
    lines = LINES if variant == 0 else [LINES[0], MORE[variant % len(MORE)], MORE[(variant * 5 + 1) % len(MORE)]]
    for line in lines:  # finish_session stores every exchange (the customer's opening too, however it came)
        state = engine.respond(state, line)
    state = engine.finish(state)
    store.finish_session(sid, state, score_call(sc, state))
    return sid


def seed(folder: Path, url: str | None = None) -> Seeded:
    """Seed a store (SQLite in ``folder`` unless ``url``) and return what the tests refer to."""
    from sqlalchemy import update

    from simulator.dialogue import Engine
    from simulator.reports.gate import Period
    from simulator.scenario import load
    from simulator.storage import Store
    from simulator.storage.models import SessionRow, utcnow
    from simulator.web.access import cohort_ids
    from simulator.web.accounts import Accounts

    url = url or f"sqlite:///{folder / 'web.db'}"
    sc = load("checked-plug")
    engine = Engine(sc, "de")
    quarter = Period.last_closed_quarter(utcnow().date())
    with Store.open(url) as store:
        accounts = Accounts(store)
        people = {"A": [ANA_NAME] + [f"A-Person {i}" for i in range(5)], "B": ["Ben B"] + [f"B-Person {i}" for i in range(4)]}
        tids: dict[str, str] = {}
        calls: dict[str, list[int]] = {}
        for cohort, names in people.items():
            for name in names:
                tid = tids[name] = store.add_trainee(name, f"Kurs {cohort}")
                variant = len(tids)
                calls[name] = [_call(store, engine, sc, tid, variant=variant * 3 + k if name != ANA_NAME else 0)
                               for k in range(3)]
                old = calls[name][:2]
                with store.write() as s:
                    s.execute(update(SessionRow).where(SessionRow.id.in_(old))
                              .values(started_at=datetime(quarter.start.year, quarter.start.month, 10, 9, 0)))
        calls[ANA_NAME].append(_call(store, engine, sc, tids[ANA_NAME], mode="seminar"))
        ids = cohort_ids(store)
        accounts.add_user("ana", PASSWORD, "trainee", trainee=tids[ANA_NAME])
        accounts.add_user("ben", PASSWORD, "trainee", trainee=tids["Ben B"])
        accounts.add_user("ina", PASSWORD, "instructor", cohorts=("Kurs A",))
        accounts.add_user("hana", PASSWORD, "hr")
        accounts.add_user("adam", PASSWORD, "admin")
    return Seeded(url, tids[ANA_NAME], tids["Ben B"], calls[ANA_NAME][-2], calls["Ben B"][-1], ids["Kurs A"],
                  ids["Kurs B"], quarter.label)

