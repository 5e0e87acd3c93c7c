"""released (frozen) HR figures per quarter

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 (issue 12: HR figures do not change after release, so deletions cannot be differenced)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('hr_releases',
    sa.Column('quarter', sa.String(length=8), nullable=False),
    sa.Column('k', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('quarter', name=op.f('pk_hr_releases'))
    )
    op.create_table('hr_figures',
    sa.Column('quarter', sa.String(length=8), nullable=False),
    sa.Column('scope', sa.String(length=120), nullable=False),
    sa.Column('time', sa.String(length=8), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('part', sa.String(length=120), nullable=False),
    sa.Column('measure', sa.String(length=32), nullable=False),
    sa.Column('shown', sa.Boolean(), nullable=False),
    sa.Column('trainees', sa.Integer(), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('mean', sa.Float(), nullable=True),
    sa.ForeignKeyConstraint(['quarter'], ['hr_releases.quarter'], name=op.f('fk_hr_figures_quarter_hr_releases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('quarter', 'scope', 'time', 'kind', 'part', 'measure', name=op.f('pk_hr_figures'))
    )


def downgrade() -> None:
    op.drop_table('hr_figures')
    op.drop_table('hr_releases')
