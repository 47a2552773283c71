"""indexes for the agenda snapshot

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 22:30:00

Our last update per project is one index seek on (client, direction, project,
sent_at); the question window (the last 30 days) is a range scan on (direction,
sent_at) when a whole book is in scope, instead of a scan of every message.
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_messages_client_direction_project_sent",
        "messages",
        ["client_id", "direction", "project_id", "sent_at"],
    )
    op.create_index("ix_messages_direction_sent", "messages", ["direction", "sent_at"])


def downgrade() -> None:
    op.drop_index("ix_messages_direction_sent", table_name="messages")
    op.drop_index("ix_messages_client_direction_project_sent", table_name="messages")
