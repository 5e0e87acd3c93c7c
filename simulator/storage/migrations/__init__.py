"""Alembic migrations of the session store (run by ``Store.open``; no alembic.ini needed)."""
