"""The app's frame: safety (CSRF, host check, headers), errors, static files, the API docs."""

from __future__ import annotations

import gc
import re
import threading
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import BASE, HTMX, Cast
from warmline.services import Services
from warmline.web import create_app
from warmline.web.app import GC_YOUNG_THRESHOLD
from warmline.web.csrf import COOKIE, new_token

WEB = Path(__file__).resolve().parents[2] / "src" / "warmline" / "web"


def test_home_opens_today(web: TestClient) -> None:
    r = web.get("/", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/today"


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/clients", {"name": "Mallory"}),
        ("/settings/profile", {"name": "Mallory"}),
        ("/settings/language", {"ui_language": "zh"}),
    ],
)
def test_a_form_post_without_the_token_changes_nothing(
    stranger: TestClient, book: Services, url: str, data: dict[str, str]
) -> None:
    before = (book.profile(), book.clients())
    r = stranger.post(url, data=data)
    assert r.status_code == 403
    assert "Reload the page" in r.text
    assert (book.profile(), book.clients()) == before


def test_a_note_posted_with_the_cookie_but_no_token_is_refused(
    web: TestClient, book: Services, cast: Cast
) -> None:
    del web.headers["X-CSRF-Token"]
    r = web.post(f"/clients/{cast.wang}/notes", data={"text": "forged"}, headers=HTMX)
    assert r.status_code == 403
    assert r.headers["HX-Retarget"] == "#flash"
    assert book.notes(cast.wang) == []


def test_a_token_in_the_form_field_is_accepted_like_the_header(
    web: TestClient, book: Services, cast: Cast
) -> None:
    token = web.headers.pop("X-CSRF-Token")
    r = web.post(
        f"/clients/{cast.wang}/notes",
        data={"text": "喜欢喝普洱", "csrf_token": token},
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert [n.text for n in book.notes(cast.wang)] == ["喜欢喝普洱"]


def test_a_token_that_does_not_match_the_cookie_is_refused(
    web: TestClient, book: Services, cast: Cast
) -> None:
    web.headers["X-CSRF-Token"] = new_token(web.app.state.csrf_secret)  # type: ignore[attr-defined]
    r = web.post(f"/api/clients/{cast.anna}/notes", json={"text": "forged"})
    assert r.status_code == 403
    assert book.notes(cast.anna) == []


def test_a_cookie_signed_by_another_app_is_refused(book: Services, cast: Cast) -> None:
    """Cookies are not scoped by port: a token planted by another local program fails."""
    client = TestClient(create_app(book), base_url=BASE)
    planted = new_token(b"another secret")
    client.cookies.set(COOKIE, planted)
    r = client.post(
        f"/api/clients/{cast.anna}/notes", json={"text": "x"}, headers={"X-CSRF-Token": planted}
    )
    assert r.status_code == 403


def test_the_csrf_cookie_is_http_only_and_same_site_strict(stranger: TestClient) -> None:
    r = stranger.get("/clients")
    cookie = r.headers["set-cookie"]
    assert cookie.startswith(COOKIE + "=")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie


def test_every_page_carries_the_token_for_forms_and_htmx(web: TestClient, cast: Cast) -> None:
    token = web.headers["X-CSRF-Token"]
    for url in ("/clients", f"/clients/{cast.wang}", "/settings", "/read", "/import", "/today"):
        html = web.get(url).text
        assert f'"X-CSRF-Token": "{token}"' in html, url
        for form in re.findall(r"<form[^>]*method=\"post\"[^>]*>(.*?)</form>", html, re.S):
            assert f'name="csrf_token" value="{token}"' in form, url


def test_only_loopback_host_names_are_served(web: TestClient) -> None:
    """A DNS-rebinding page (evil.example resolving to 127.0.0.1) gets nothing."""
    assert web.get("/clients", headers={"host": "evil.example"}).status_code == 400
    assert web.get("/clients", headers={"host": "localhost:8765"}).status_code == 200


def test_pages_forbid_framing_and_foreign_scripts(web: TestClient) -> None:
    r = web.get("/clients")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["x-content-type-options"] == "nosniff"


def test_an_unknown_page_is_a_friendly_404_and_unknown_api_path_is_json(
    web: TestClient,
) -> None:
    page = web.get("/no-such-page")
    assert page.status_code == 404 and "There is no such page." in page.text
    api = web.get("/api/no-such-thing")
    assert api.status_code == 404 and api.json() == {"detail": "Not Found"}


def test_a_missing_client_is_a_clear_404_on_the_page_and_in_the_api(web: TestClient) -> None:
    page = web.get("/clients/999")
    assert page.status_code == 404 and "no client with ID 999" in page.text
    api = web.get("/api/clients/999")
    assert api.status_code == 404 and "no client with ID 999" in api.json()["detail"]


def test_htmx_and_the_app_script_are_served_locally(web: TestClient) -> None:
    htmx = web.get("/static/htmx.min.js")
    assert htmx.status_code == 200 and "htmx" in htmx.text[:200]
    assert web.get("/static/warmline.js").status_code == 200
    css = web.get("/static/warmline.css").text
    assert "Noto Sans CJK SC" in css and "PingFang SC" in css


def test_no_template_or_script_loads_anything_from_another_host() -> None:
    offenders = []
    for path in [*WEB.joinpath("templates").rglob("*.html"), *WEB.joinpath("static").glob("*")]:
        if path.suffix not in (".html", ".js", ".css") or path.name.endswith(".min.js"):
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"(src|href)=[\"']?(https?:)?//", text) or "url(http" in text:
            offenders.append(path.name)
    assert offenders == []


def test_api_docs_work_offline(web: TestClient) -> None:
    docs = web.get("/docs").text
    assert "/static/swagger/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
    assert web.get("/static/swagger/swagger-ui-bundle.js").status_code == 200
    spec = web.get("/openapi.json").json()
    paths = set(spec["paths"])
    assert {"/api/clients", "/api/clients/{cid}", "/api/profile", "/api/today"} <= paths
    assert {"/api/coach/check", "/api/read", "/api/import", "/api/session"} <= paths
    assert not any(p.startswith(("/clients", "/settings")) for p in paths)
    schemas = set(spec["components"]["schemas"])
    assert {"ClientIn", "ClientOut", "MessageIn", "MessageOut", "ProfileIn"} <= schemas


def test_every_api_path_is_in_the_web_docs(web: TestClient) -> None:
    """docs/web.md cannot drift from the API: each path's last fixed part is listed."""
    docs = (WEB.parents[2] / "docs" / "web.md").read_text(encoding="utf-8")
    table = docs[docs.index("## The JSON API") :]
    for path in web.get("/openapi.json").json()["paths"]:
        fixed = [part for part in path.split("/") if part and not part.startswith("{")]
        shown = re.sub(r"\{[^}]+\}", "{", path)
        assert fixed[-1] in table and shown.split("{")[0] in table, path


def test_when_served_the_app_warms_up_then_settles_the_garbage_collector(book: Services) -> None:
    before = gc.get_threshold()
    try:
        with TestClient(create_app(book), base_url=BASE) as web:  # runs the lifespan
            for thread in threading.enumerate():
                if thread.name == "warmline-warm-up":
                    thread.join(timeout=60)
            assert web.get("/api/session").status_code == 200
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold()[0] == GC_YOUNG_THRESHOLD
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
