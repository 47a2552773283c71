"""`warmline serve --demo`: every page with the demo book's data, in both languages."""

from __future__ import annotations

import dataclasses
import re

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import BASE, HTMX
from warmline.services import Services
from warmline.web import create_app


@pytest.mark.parametrize(("lang", "today"), [("zh", "今天"), ("en", "Today")])
def test_every_demo_page_renders_in_the_users_language(
    demo_services: Services, monkeypatch: pytest.MonkeyPatch, lang: str, today: str
) -> None:
    profile = dataclasses.replace(demo_services.profile(), ui_language=lang)  # type: ignore[arg-type]
    monkeypatch.setattr(demo_services, "profile", lambda: profile)
    web = TestClient(create_app(demo_services), base_url=BASE)
    page = web.get("/today").text
    assert f"<h1>{today}</h1>" in page
    items = web.get("/api/today").json()
    assert len(items) >= 8 and {"S3", "T2", "S2"} <= {i["principle"] for i in items}
    lazy = re.findall(r'hx-get="(/today/item\?[^"]+)"', page)
    for url in lazy[:5]:
        assert web.get(url.replace("&amp;", "&"), headers=HTMX).status_code == 200
    clients = demo_services.clients()
    assert len(clients) >= 10
    for c in clients:
        r = web.get(f"/clients/{c.id}")
        assert r.status_code == 200 and c.name in r.text, c.name
    for url in ("/clients", "/clients?sort=waiting", "/read", "/import", "/settings"):
        assert web.get(url).status_code == 200, url
