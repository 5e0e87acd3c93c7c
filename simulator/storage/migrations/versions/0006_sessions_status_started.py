"""index sessions (status, started_at) for a period's calls

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 (issue 12: HR's first look at a quarter)

Every report reads ``status = 'finished'`` calls; HR's read a period. With
only ``(status, hostname)`` and ``(started_at)`` SQLite's planner picked the
status index and read all 100k finished calls for a quarter's 26k; with
``(status, started_at)`` it reads the quarter's range (the same on PostgreSQL).
"""

from __future__ import annotations

from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.create_index('ix_sessions_status_started', ['status', 'started_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.drop_index('ix_sessions_status_started')
