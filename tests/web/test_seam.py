"""Pages whose services are not in this warmline yet say so, and their API answers 400."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import HTMX, Cast
from warmline.services import Services
from warmline.web import seam


@pytest.fixture
def missing(book: Services) -> dict[str, bool]:
    return {
        "coach": not seam.coach_ready(book),
        "reader": not seam.reader_ready(book),
    }


def test_the_compose_box_says_the_coach_is_not_ready(
    web: TestClient, cast: Cast, missing: dict[str, bool]
) -> None:
    if not missing["coach"]:
        pytest.skip("the coach is wired: see test_coach.py")
    assert "it needs coach" in web.get(f"/clients/{cast.wang}").text
    panel = web.post("/coach/check", data={"text": "下周给您"}, headers=HTMX)
    assert panel.status_code == 200 and "it needs coach" in panel.text
    assert web.post("/api/coach/check", json={"text": "下周给您"}).status_code == 400


def test_read_says_it_is_not_ready(web: TestClient, missing: dict[str, bool]) -> None:
    if not missing["reader"]:
        pytest.skip("wired: see test_read.py")
    assert "it needs reading" in web.get("/read").text
    assert web.post("/api/read", json={"text": "你好"}).status_code == 400
