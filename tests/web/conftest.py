"""Web tests: the app on a fresh SQLite book with a few named personas, driven through
FastAPI's test client as a browser would (cookie + CSRF token) and as HTMX does."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.conftest import NOW
from warmline.config import Settings
from warmline.services import Services
from warmline.store.engine import make_engine, migrate
from warmline.web import create_app

BASE = "http://127.0.0.1"


@dataclass(frozen=True)
class Cast:
    """The personas' client IDs."""

    wang: int  # 王建国, Shanghai, writes Chinese, waiting for our reply
    anna: int  # Anna Smith, London, English, last contact a week ago
    li: int  # 李娜, a lead in Shanghai with no messages yet


@pytest.fixture(scope="session")
def empty_book_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated, empty SQLite book per session; each test works on a copy (fast)."""
    path = tmp_path_factory.mktemp("template") / "empty.db"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    engine.dispose()
    return path


@pytest.fixture
def book(empty_book_file: Path, tmp_path: Path) -> Iterator[Services]:
    """Services on a fresh SQLite book with the clock fixed at NOW."""
    path = tmp_path / "book.db"
    shutil.copyfile(empty_book_file, path)
    engine = make_engine(f"sqlite:///{path}")
    yield Services(engine, settings=Settings(), clock=lambda: NOW)
    engine.dispose()


@pytest.fixture
def cast(book: Services) -> Cast:
    book.set_profile(name="Chen Jing", timezone="Asia/Shanghai", ui_language="en")
    wang = book.add_client(
        "王建国",
        timezone="Asia/Shanghai",
        language="zh",
        company="星河设计",
        city="上海",
        tags=["设计", "VIP"],
    )
    anna = book.add_client(
        "Anna Smith", timezone="Europe/London", language="en", company="Bloom Ltd", tags=["uk"]
    )
    li = book.add_client("李娜", timezone="Asia/Shanghai", language="zh", status="lead")
    book.log_message(anna.id, "out", "Here is the logo draft.", at=NOW - timedelta(days=9))
    book.log_message(anna.id, "in", "Thanks, looks great!", at=NOW - timedelta(days=8))
    book.log_message(anna.id, "out", "Glad you like it.", at=NOW - timedelta(days=7))
    book.log_message(wang.id, "out", "王总您好，方案已发您邮箱。", at=NOW - timedelta(days=2))
    book.log_message(wang.id, "in", "收到。进度怎么样了？", at=NOW - timedelta(hours=5))
    assert wang.id and anna.id and li.id
    return Cast(wang=wang.id, anna=anna.id, li=li.id)


@pytest.fixture
def app(book: Services) -> FastAPI:
    return create_app(book)


@pytest.fixture
def web(app: FastAPI) -> TestClient:
    """A browser session: it has visited a page, so it holds the CSRF cookie, and it
    sends the token like the page's forms and HTMX do."""
    client = TestClient(app, base_url=BASE)
    token = client.get("/api/session").json()["csrf_token"]
    client.headers["X-CSRF-Token"] = token
    return client


@pytest.fixture
def stranger(app: FastAPI) -> TestClient:
    """A client with no CSRF cookie or token (a request forged from another site)."""
    return TestClient(app, base_url=BASE)


HTMX = {"HX-Request": "true"}
