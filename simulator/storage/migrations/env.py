"""Alembic environment: runs on the connection handed over by ``simulator.storage.store``.

The store builds the Alembic ``Config`` in code (script location = this
folder) and passes an open connection in ``config.attributes['connection']``.
For ``alembic revision --autogenerate`` by hand, pass ``-x url=sqlite:///x.db``.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

import simulator.storage.accounts  # noqa: F401 - the web tables belong to the same metadata (autogenerate)
from simulator.storage.models import Base

config = context.config
target_metadata = Base.metadata


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")
        engine = create_engine(url)
        with engine.begin() as conn:
            context.configure(connection=conn, target_metadata=target_metadata, render_as_batch=True)
            context.run_migrations()
        return
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


run()
