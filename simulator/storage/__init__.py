"""Progress that lasts: the session store (SQLite by default, PostgreSQL on request).

``Store.open(url)`` migrates the database to the newest schema and gives the
play loop ``begin_session`` / ``record_turn`` / ``finish_session``. Names live
in one table of their own (``trainee_names``) so they can be dropped; every
other table knows a trainee only by a pseudonym such as ``T-7f3a9c``.

Importing this package imports SQLAlchemy; the CLI imports it only inside the
commands that need it.
"""

from simulator.storage.config import PRIVACY_DEFAULTS, database_url
from simulator.storage.store import NOT_STORED, Store

__all__ = ["NOT_STORED", "PRIVACY_DEFAULTS", "Store", "database_url"]
