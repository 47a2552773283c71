"""Alembic environment: runs on the engine handed over by warmline.store.engine."""

from __future__ import annotations

from alembic import context

from warmline.store.table import Base

target_metadata = Base.metadata
engine = context.config.attributes.get("engine")
if engine is None:  # pragma: no cover - only when alembic is run by hand
    from warmline.config import Settings
    from warmline.store.engine import make_engine

    engine = make_engine(Settings().book_url())

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    context.run_migrations()
