"""web accounts, cohort assignments, sessions, login throttle, audit log

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 (issue 13: the organisation's web application)

The tables of :mod:`simulator.storage.accounts`: everything ``simulator serve``
keeps between requests is in the database, so several serve processes can
share one PostgreSQL behind a reverse proxy.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'web_users',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('username', sa.String(length=80), nullable=False),
        sa.Column('password_hash', sa.String(length=200), nullable=False),
        sa.Column('role', sa.String(length=16), nullable=False),
        sa.Column('trainee_id', sa.String(length=16), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['trainee_id'], ['trainees.id'], name=op.f('fk_web_users_trainee_id_trainees'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_web_users')),
        sa.UniqueConstraint('username', name=op.f('uq_web_users_username')),
    )
    with op.batch_alter_table('web_users', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_web_users_trainee_id'), ['trainee_id'], unique=False)
    op.create_table(
        'web_assignments',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('cohort_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['cohort_id'], ['cohorts.id'], name=op.f('fk_web_assignments_cohort_id_cohorts'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['web_users.id'], name=op.f('fk_web_assignments_user_id_web_users'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('user_id', 'cohort_id', name=op.f('pk_web_assignments')),
    )
    op.create_table(
        'web_sessions',
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('expires_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['web_users.id'], name=op.f('fk_web_sessions_user_id_web_users'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('token_hash', name=op.f('pk_web_sessions')),
    )
    with op.batch_alter_table('web_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_web_sessions_expires_at'), ['expires_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_web_sessions_user_id'), ['user_id'], unique=False)
    op.create_table(
        'web_login_failures',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(length=200), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_web_login_failures')),
    )
    with op.batch_alter_table('web_login_failures', schema=None) as batch_op:
        batch_op.create_index('ix_web_login_failures_key_at', ['key', 'at'], unique=False)
    op.create_table(
        'web_audit',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('actor', sa.String(length=80), nullable=False),
        sa.Column('role', sa.String(length=16), nullable=False),
        sa.Column('action', sa.String(length=40), nullable=False),
        sa.Column('target', sa.String(length=200), nullable=False),
        sa.Column('detail', sa.String(length=500), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_web_audit')),
    )
    with op.batch_alter_table('web_audit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_web_audit_at'), ['at'], unique=False)
    op.create_table(
        'web_secrets',
        sa.Column('name', sa.String(length=32), nullable=False),
        sa.Column('value', sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint('name', name=op.f('pk_web_secrets')),
    )


def downgrade() -> None:
    for table in ('web_secrets', 'web_audit', 'web_login_failures', 'web_sessions', 'web_assignments', 'web_users'):
        op.drop_table(table)
