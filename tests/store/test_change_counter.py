"""The book's version: SQLite's data_version, changed by a commit from any connection."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import text

from warmline.store.engine import change_counter, make_engine, migrate


def test_a_commit_from_another_connection_changes_the_version(tmp_path: Path) -> None:
    path = tmp_path / "book.db"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    counter = change_counter(engine)
    assert counter is not None
    before = counter()
    assert counter() == before  # reading changes nothing
    with engine.begin() as conn:  # this process's pool
        conn.execute(text("UPDATE alembic_version SET version_num = version_num"))
    after_pool = counter()
    assert after_pool != before
    other = sqlite3.connect(path)  # as another process would
    with other:
        other.execute("UPDATE alembic_version SET version_num = version_num")
    other.close()
    assert counter() != after_pool
    counter.close()
    engine.dispose()


def test_there_is_no_version_for_a_database_in_memory_or_on_postgresql() -> None:
    assert change_counter(make_engine("sqlite://")) is None
    assert change_counter(make_engine("sqlite:///:memory:")) is None
    assert change_counter(make_engine("postgresql+psycopg://me@localhost/book")) is None
