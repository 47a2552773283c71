"""Pages whose services are not in this warmline yet say so, and their API answers 400."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from warmline.services import Services
from warmline.web import seam


@pytest.fixture
def missing(book: Services) -> dict[str, bool]:
    return {
        "reader": not seam.reader_ready(book),
    }


def test_read_says_it_is_not_ready(web: TestClient, missing: dict[str, bool]) -> None:
    if not missing["reader"]:
        pytest.skip("wired: see test_read.py")
    assert "it needs reading" in web.get("/read").text
    assert web.post("/api/read", json={"text": "你好"}).status_code == 400
