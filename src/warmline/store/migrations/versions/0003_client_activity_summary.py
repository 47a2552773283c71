"""client activity summary

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 22:48:41

One row per client (and per client and project) with the newest message of each
kind the agenda asks about, so `today` reads one row per client instead of
scanning messages (store/activity.py). The upgrade can run again safely: it
creates what is missing and recomputes every summary from the stored messages.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import warmline.store.table
from warmline.store.activity import rebuild

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    existing = set(sa.inspect(bind).get_table_names())
    if "client_activity" not in existing:
        op.create_table(
            "client_activity",
            sa.Column("client_id", sa.Integer(), nullable=False),
            sa.Column("last_in_at", warmline.store.table.UTCDateTime(), nullable=True),
            sa.Column("last_need_at", warmline.store.table.UTCDateTime(), nullable=True),
            sa.Column("last_out_at", warmline.store.table.UTCDateTime(), nullable=True),
            sa.Column("last_loose_out_at", warmline.store.table.UTCDateTime(), nullable=True),
            sa.Column("last_answer_at", warmline.store.table.UTCDateTime(), nullable=True),
            sa.Column("last_ask_at", warmline.store.table.UTCDateTime(), nullable=True),
            sa.Column("last_status_at", warmline.store.table.UTCDateTime(), nullable=True),
            sa.Column("reading", sa.Integer(), nullable=False),
            sa.ForeignKeyConstraint(
                ["client_id"],
                ["clients.id"],
                name=op.f("fk_client_activity_client_id_clients"),
                ondelete="CASCADE",
            ),
            sa.PrimaryKeyConstraint("client_id", name=op.f("pk_client_activity")),
        )
    if "project_activity" not in existing:
        op.create_table(
            "project_activity",
            sa.Column("client_id", sa.Integer(), nullable=False),
            sa.Column("project_id", sa.Integer(), nullable=False),
            sa.Column("last_out_at", warmline.store.table.UTCDateTime(), nullable=False),
            sa.ForeignKeyConstraint(
                ["client_id"],
                ["clients.id"],
                name=op.f("fk_project_activity_client_id_clients"),
                ondelete="CASCADE",
            ),
            sa.ForeignKeyConstraint(
                ["project_id"],
                ["projects.id"],
                name=op.f("fk_project_activity_project_id_projects"),
                ondelete="CASCADE",
            ),
            sa.PrimaryKeyConstraint("client_id", "project_id", name=op.f("pk_project_activity")),
        )
    rebuild(bind)


def downgrade() -> None:
    op.drop_table("project_activity")
    op.drop_table("client_activity")
