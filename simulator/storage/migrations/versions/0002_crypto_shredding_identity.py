"""crypto-shredding and one trainee per name

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30 (issue 12: per-trainee data keys, encrypted texts, unique name index)

Adds ``trainee_keys``; replaces the plaintext columns ``trainee_names.display_name``,
``turns.text``/``reply``, ``sessions.evidence`` and ``adjustments.reason`` by
AES-GCM blobs encrypted with the owner's data key (existing rows are
encrypted here; evidence items get a ``speaker``), and makes the name index
unique. Two existing trainees with the same name keep both: the later one's
name gets its pseudonym appended. Not reversible (the plaintext is gone).
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def _encrypt_existing(conn: sa.Connection) -> None:
    from simulator.storage.crypto import ANONYMOUS, name_index
    from simulator.storage.keys import Keyring

    ring = Keyring.from_env()
    names = sa.table("trainee_names", sa.column("trainee_id"), sa.column("display_name"), sa.column("name_index"),
                     sa.column("name_enc", sa.LargeBinary))
    sessions = sa.table("sessions", sa.column("id"), sa.column("trainee_id"), sa.column("evidence", sa.JSON),
                        sa.column("evidence_enc", sa.LargeBinary))
    turns = sa.table("turns", sa.column("session_id"), sa.column("number"), sa.column("speaker"), sa.column("text"),
                     sa.column("reply"), sa.column("text_enc", sa.LargeBinary), sa.column("reply_enc", sa.LargeBinary))
    notes = sa.table("adjustments", sa.column("id"), sa.column("session_id"), sa.column("reason"),
                     sa.column("reason_enc", sa.LargeBinary))
    rows = conn.execute(sa.select(names.c.trainee_id, names.c.display_name).order_by(names.c.trainee_id)).all()
    seen: set[str] = set()
    for tid, name in rows:
        secret = ring.index_secret(conn)
        index = name_index(secret, name)
        if index in seen:
            name = f"{name} ({tid})"
            index = name_index(secret, name)
        seen.add(index)
        key = ring.get(conn, tid, create=True)
        conn.execute(names.update().where(names.c.trainee_id == tid)
                     .values(name_index=index, name_enc=key.encrypt(name, "name")))
    owner_of = {sid: tid or ANONYMOUS for sid, tid in conn.execute(sa.select(sessions.c.id, sessions.c.trainee_id))}
    trainee_lines: dict[int, dict[int, str]] = {}
    for sid, number, speaker, text, reply in conn.execute(
            sa.select(turns.c.session_id, turns.c.number, turns.c.speaker, turns.c.text, turns.c.reply)).all():
        key = ring.get(conn, owner_of[sid], create=True)
        if speaker == "trainee":
            trainee_lines.setdefault(sid, {})[number] = text or ""
        conn.execute(turns.update().where(turns.c.session_id == sid, turns.c.number == number)
                     .values(text_enc=key.encrypt(text or "", "text"), reply_enc=key.encrypt(reply, "reply")))
    from simulator.storage.export import speaker_of

    for sid, evidence in conn.execute(sa.select(sessions.c.id, sessions.c.evidence)
                                      .where(sessions.c.evidence.is_not(None))).all():
        items = json.loads(evidence) if isinstance(evidence, str) else evidence
        items = [{**e, "speaker": speaker_of(e, trainee_lines.get(sid, {}))} for e in items or []]
        key = ring.get(conn, owner_of[sid], create=True)
        conn.execute(sessions.update().where(sessions.c.id == sid)
                     .values(evidence_enc=key.encrypt_json(items, "evidence")))
    for aid, sid, reason in conn.execute(sa.select(notes.c.id, notes.c.session_id, notes.c.reason)).all():
        key = ring.get(conn, owner_of[sid], create=True)
        conn.execute(notes.update().where(notes.c.id == aid).values(reason_enc=key.encrypt(reason or "", "note")))


def upgrade() -> None:
    op.create_table('trainee_keys',
    sa.Column('owner', sa.String(length=16), nullable=False),
    sa.Column('key', sa.LargeBinary(), nullable=False),
    sa.Column('wrapped', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('owner', name=op.f('pk_trainee_keys'))
    )
    with op.batch_alter_table('trainee_names', schema=None) as batch_op:
        batch_op.add_column(sa.Column('name_index', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('name_enc', sa.LargeBinary(), nullable=True))
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('evidence_enc', sa.LargeBinary(), nullable=True))
    with op.batch_alter_table('turns', schema=None) as batch_op:
        batch_op.add_column(sa.Column('text_enc', sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column('reply_enc', sa.LargeBinary(), nullable=True))
    with op.batch_alter_table('adjustments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reason_enc', sa.LargeBinary(), nullable=True))

    _encrypt_existing(op.get_bind())

    with op.batch_alter_table('trainee_names', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_trainee_names_display_name'))
        batch_op.drop_column('display_name')
        batch_op.alter_column('name_index', existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column('name_enc', existing_type=sa.LargeBinary(), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_trainee_names_name_index'), ['name_index'])
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.drop_column('evidence')
    with op.batch_alter_table('turns', schema=None) as batch_op:
        batch_op.drop_column('text')
        batch_op.drop_column('reply')
        batch_op.alter_column('text_enc', existing_type=sa.LargeBinary(), nullable=False)
    with op.batch_alter_table('adjustments', schema=None) as batch_op:
        batch_op.drop_column('reason')
        batch_op.alter_column('reason_enc', existing_type=sa.LargeBinary(), nullable=False)


def downgrade() -> None:
    raise NotImplementedError("0002 encrypted the texts; there is no way back to plaintext columns")
