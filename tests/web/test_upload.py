"""Uploads: the size limit with a clear error, staging between preview and confirm, and
nothing left behind when an import fails."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import BASE, HTMX
from warmline.services import Services
from warmline.web import create_app
from warmline.web.staging import Staging, safe_name


@pytest.fixture
def small(book: Services) -> TestClient:
    """An app that takes uploads of at most 1 KB."""
    client = TestClient(create_app(book, upload_limit=1024), base_url=BASE)
    client.headers["X-CSRF-Token"] = client.get("/api/session").json()["csrf_token"]
    return client


def test_an_upload_over_the_limit_gets_a_clear_413_on_the_page(small: TestClient) -> None:
    r = small.post("/import", files={"file": ("chat.txt", b"x" * 5000)}, headers=HTMX)
    assert r.status_code == 413
    assert "The file is too large (limit 1 KB)" in r.text
    assert r.headers["HX-Retarget"] == "#flash"


def test_an_upload_over_the_limit_gets_json_from_the_api(small: TestClient) -> None:
    r = small.post("/api/import", files={"file": ("chat.txt", b"x" * 5000)})
    assert r.status_code == 413 and "too large" in r.json()["detail"]


def test_a_streamed_upload_is_stopped_once_it_passes_the_limit(small: TestClient) -> None:
    def chunks() -> object:
        yield (
            b'--zzz\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n'
            b"Content-Type: text/plain\r\n\r\n"
        )
        for _ in range(10):
            yield b"y" * 512
        yield b"\r\n--zzz--\r\n"

    r = small.post(
        "/api/import",
        content=chunks(),
        headers={"content-type": "multipart/form-data; boundary=zzz"},
    )
    assert r.status_code == 413, r.text


def test_a_failed_import_leaves_no_staged_file(web: TestClient, book: Services) -> None:
    r = web.post("/api/import", files={"file": ("chat.txt", b"not an export at all")})
    assert r.status_code == 400 and r.json()["detail"].startswith("chat.txt: ")
    assert Staging(book.settings.home / "uploads").batches() == []
    with book.book() as repo:
        assert repo.message_count() == 0 and repo.clients() == []


def test_an_upload_without_a_file_is_a_clear_error(web: TestClient) -> None:
    r = web.post("/import", data={"format": ""}, headers=HTMX)
    assert r.status_code == 422 and "file" in r.text


def test_safe_names_drop_folders_and_odd_characters() -> None:
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("C:\\Users\\陈\\微信聊天.txt") == "微信聊天.txt"
    assert safe_name("chat <1>.txt") == "chat _1_.txt"
    assert safe_name("WhatsApp Chat with Ana (2).txt") == "WhatsApp Chat with Ana (2).txt"
    assert safe_name("...") == "upload"


def test_staging_keeps_a_file_until_it_is_discarded(tmp_path: Path) -> None:
    store = Staging(tmp_path / "uploads")
    batch, path = store.save(io.BytesIO(b"hello"), "chat.txt")
    assert store.path(batch) == path and path.read_bytes() == b"hello"
    store.discard(batch)
    with pytest.raises(Exception, match="upload the file again"):
        store.path(batch)


@pytest.mark.parametrize("batch", ["../../etc", "short", "a/b" * 10, ""])
def test_staging_refuses_batch_ids_it_did_not_make(tmp_path: Path, batch: str) -> None:
    with pytest.raises(Exception, match="upload the file again"):
        Staging(tmp_path).path(batch)


def test_old_uploads_are_swept_when_the_app_starts(book: Services) -> None:
    store = Staging(book.settings.home / "uploads")
    _, old_path = store.save(io.BytesIO(b"old"), "old.txt")
    fresh, _ = store.save(io.BytesIO(b"new"), "new.txt")
    day_ago = time.time() - 25 * 3600
    os.utime(old_path.parent, (day_ago, day_ago))
    create_app(book)
    assert store.batches() == [fresh]
