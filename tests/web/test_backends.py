"""The pages on each backend the book can live on (SQLite here; PostgreSQL in CI)."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient

from tests.conftest import NOW
from tests.web.conftest import BASE
from warmline.services import Services
from warmline.web import create_app


def test_the_main_pages_work_on_every_backend(svc: Services) -> None:
    ming = svc.add_client("周明", timezone="Asia/Shanghai", language="zh", tags=["vip"])
    svc.log_message(ming.id, "in", "报价什么时候能发？", at=NOW - timedelta(hours=4))
    web = TestClient(create_app(svc), base_url=BASE)
    web.headers["X-CSRF-Token"] = web.get("/api/session").json()["csrf_token"]
    assert "周明" in web.get("/clients", params={"sort": "waiting", "tag": "vip"}).text
    assert "报价什么时候能发？" in web.get(f"/clients/{ming.id}").text
    items = web.get("/api/today").json()
    item = next(i for i in items if i["client_name"] == "周明")
    sent = web.post(f"/api/today/{item['id']}/sent", json={"text": "周总，报价周三 18:00 前发您。"})
    assert sent.status_code == 201
    assert item["id"] not in [i["id"] for i in web.get("/api/today").json()]
    check = web.post("/api/coach/check", json={"text": "下周发您", "client_id": ming.id})
    assert "core.vague-time" in {f["rule"] for f in check.json()["findings"]}
