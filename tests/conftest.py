"""Hermetic tests: every test gets its own WARMLINE_HOME and a fresh book.

Store-backed tests run on SQLite and, when WARMLINE_TEST_DATABASE_URL is set (CI sets it),
on PostgreSQL too, in a database of their own that is emptied before each test.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from warmline.config import Settings
from warmline.services import Services
from warmline.store.engine import make_engine, migrate
from warmline.store.table import Base

PG_URL = os.environ.get("WARMLINE_TEST_DATABASE_URL")
# A fixed "now" for tests: Monday 23 November 2026, 10:00 in Shanghai.
NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def warmline_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("WARMLINE_HOME", str(home))
    monkeypatch.delenv("WARMLINE_DATABASE_URL", raising=False)
    return home


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str | None]:
    """A private PostgreSQL database for this test session (and xdist worker)."""
    if not PG_URL:
        yield None
        return
    name = f"warmline_test_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(
        make_url(PG_URL).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield (
            make_url(PG_URL)
            .set(drivername="postgresql+psycopg", database=name)
            .render_as_string(hide_password=False)
        )
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _empty(engine: Engine) -> None:
    with engine.begin() as conn:
        Base.metadata.drop_all(conn)
        conn.execute(text("DROP TABLE IF EXISTS alembic_version"))


BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def engine(
    request: pytest.FixtureRequest, tmp_path: Path, pg_database: str | None
) -> Iterator[Engine]:
    """A freshly migrated, empty book on each backend."""
    if request.param == "postgresql":
        if pg_database is None:
            pytest.skip("WARMLINE_TEST_DATABASE_URL is not set")
        eng = make_engine(pg_database)
        _empty(eng)
    else:
        eng = make_engine(f"sqlite:///{tmp_path / 'book.db'}")
    migrate(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def svc(engine: Engine) -> Services:
    """Services on a fresh book with the clock fixed at NOW."""
    return Services(engine, settings=Settings(), clock=lambda: NOW)


@pytest.fixture
def sqlite_svc(tmp_path: Path) -> Services:
    """Services on a fresh SQLite book only (for tests that need no second backend)."""
    eng = make_engine(f"sqlite:///{tmp_path / 'only.db'}")
    migrate(eng)
    return Services(eng, settings=Settings(), clock=lambda: NOW)


@pytest.fixture(scope="session")
def demo_services(tmp_path_factory: pytest.TempPathFactory) -> Services:
    """The demo book built once per test session at NOW; treat it as read-only."""
    from warmline.services.demo import build_demo
    from warmline.store.engine import open_engine

    settings = Settings(home=tmp_path_factory.mktemp("demo-home"))
    url = build_demo(settings, now=NOW)
    return Services(open_engine(url), settings=settings, clock=lambda: NOW)
