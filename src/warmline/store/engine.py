"""Engine setup: SQLite pragmas, PostgreSQL via psycopg 3, migrations on first use."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from warmline.core.error import WarmlineError
from warmline.store.table import Base

_MIGRATIONS = Path(__file__).parent / "migrations"
_lock = threading.Lock()
_engines: dict[str, Engine] = {}


def alembic_config(engine: Engine | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def make_engine(url: str) -> Engine:
    """An engine for `url`, without migrating. SQLite files get their folder created."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise WarmlineError(
            f"WARMLINE_DATABASE_URL: cannot read {url!r}; use e.g. sqlite:///path/book.db "
            "or postgresql+psycopg://user@host/db"
        ) from exc
    if parsed.get_backend_name() == "sqlite":
        db = parsed.database
        if db and db != ":memory:":
            Path(db).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return create_engine(parsed, pool_pre_ping=True)


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration (a no-op when it is already there)."""
    try:
        with engine.connect() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
    except OperationalError as exc:
        raise WarmlineError(
            f"database: cannot open {engine.url.render_as_string(hide_password=True)}: "
            f"{str(exc.orig).strip()}; check WARMLINE_DATABASE_URL or WARMLINE_HOME"
        ) from exc
    if current == head_revision():
        return
    if current is None and not inspect(engine).get_table_names():
        # A brand-new book: build the schema in one go and record it as migrated.
        Base.metadata.create_all(engine)
        command.stamp(alembic_config(engine), "head")
        return
    command.upgrade(alembic_config(engine), "head")


def open_engine(url: str) -> Engine:
    """The shared, migrated engine for `url` (created once per process)."""
    with _lock:
        engine = _engines.get(url)
        if engine is None:
            engine = make_engine(url)
            migrate(engine)
            _engines[url] = engine
        return engine


def forget_engine(url: str) -> None:
    """Dispose of the cached engine for `url` (the demo rebuild replaces its file)."""
    with _lock:
        engine = _engines.pop(url, None)
    if engine is not None:
        engine.dispose()


class ChangeCounter:
    """A number that changes whenever a change to a SQLite book is committed by any
    connection: this process's pool, another process (the CLI, a second server), anyone.

    It is SQLite's `PRAGMA data_version` on a connection of its own that never writes:
    reading it costs a few microseconds, so a cache can check it on every request.
    """

    def __init__(self, path: str) -> None:
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._lock = threading.Lock()

    def __call__(self) -> int:
        with self._lock:
            row = self._conn.execute("PRAGMA data_version").fetchone()
        return int(row[0])

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def change_counter(engine: Engine) -> ChangeCounter | None:
    """A ChangeCounter for the book behind `engine`, or None where there is no cheap way
    to tell (PostgreSQL, an in-memory SQLite database)."""
    url = engine.url
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    if url.database.startswith("file:") or url.query.get("mode") == "memory":
        return None
    return ChangeCounter(url.database)
