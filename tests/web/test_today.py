"""Today: the agenda with reasons, principles, local times and a drafted message; mark
sent logs it and the item leaves; done and snooze hide it; the same in the API."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from tests.conftest import NOW
from tests.web.conftest import HTMX, Cast
from warmline.services import Services


def reply_item(web: TestClient, name: str) -> dict[str, object]:
    items = web.get("/api/today").json()
    found = [i for i in items if i["client_name"] == name and i["principle"] == "S3"]
    assert found, [(i["client_name"], i["principle"]) for i in items]
    return found[0]


def test_today_shows_the_waiting_client_with_reason_principle_and_draft(
    web: TestClient, cast: Cast
) -> None:
    item = reply_item(web, "王建国")
    page = web.get("/today").text
    assert "王建国" in page and f'data-item="{item["id"]}"' in page
    assert re.search(r'<span class="tag principle" title="[^"]+">S3</span>', page)
    assert str(escape(item["reason"])) in page
    assert f"Their time {item['client_local_time']}" in page
    assert str(escape(item["suggested_message"])) in page
    assert 'data-copy="#' in page and "Mark sent" in page


def test_an_htmx_refresh_returns_only_the_list(web: TestClient, cast: Cast) -> None:
    r = web.get("/today", headers=HTMX)
    assert r.text.lstrip().startswith('<div id="today-list">') and "<html" not in r.text


def test_mark_sent_logs_the_edited_message_and_the_item_leaves(
    web: TestClient, book: Services, cast: Cast
) -> None:
    item = reply_item(web, "王建国")
    r = web.post(
        "/today/sent",
        data={"item": item["id"], "text": "王总，进度：首页已完成，周三 18:00 前发您。"},
        headers=HTMX,
    )
    assert r.status_code == 200
    assert 'hx-swap-oob="innerHTML"' in r.text and "Logged as sent to 王建国." in r.text
    last = book.messages(cast.wang)[-1]
    assert (last.direction, last.text, last.sent_at) == (
        "out",
        "王总，进度：首页已完成，周三 18:00 前发您。",
        NOW,
    )
    assert item["id"] not in web.get("/today").text


def test_mark_sent_without_an_edit_sends_the_suggestion(
    web: TestClient, book: Services, cast: Cast
) -> None:
    item = reply_item(web, "王建国")
    r = web.post(f"/api/today/{item['id']}/sent", json={})
    assert r.status_code == 201 and r.json()["text"] == item["suggested_message"].strip()
    assert book.messages(cast.wang)[-1].text == item["suggested_message"].strip()


def test_done_hides_the_item_and_nothing_is_logged(
    web: TestClient, book: Services, cast: Cast
) -> None:
    item = reply_item(web, "王建国")
    before = len(book.messages(cast.wang))
    r = web.post("/today/done", data={"item": item["id"]}, headers=HTMX)
    assert r.status_code == 200 and "Done: 王建国" in r.text
    assert item["id"] not in [i["id"] for i in web.get("/api/today").json()]
    assert len(book.messages(cast.wang)) == before


def test_snooze_hides_the_item_until_the_time_comes(
    web: TestClient, book: Services, cast: Cast
) -> None:
    item = reply_item(web, "王建国")
    r = web.post("/today/snooze", data={"item": item["id"], "hours": "3"}, headers=HTMX)
    assert r.status_code == 200 and "Snoozed: 王建国" in r.text
    with book.book() as repo:
        (mark,) = [m for m in repo.marks() if m.key == item["id"]]
    assert mark.action == "snoozed" and mark.until == NOW + timedelta(hours=3)
    assert item["id"] not in [i["id"] for i in web.get("/api/today").json()]


def test_snooze_until_tomorrow_means_my_next_working_morning(
    web: TestClient, book: Services, cast: Cast
) -> None:
    item = reply_item(web, "王建国")
    web.post("/today/snooze", data={"item": item["id"], "until": "tomorrow"}, headers=HTMX)
    with book.book() as repo:
        (mark,) = [m for m in repo.marks() if m.key == item["id"]]
    # Tuesday 24 November, 09:00 in Shanghai.
    assert mark.until is not None and mark.until.isoformat() == "2026-11-24T01:00:00+00:00"


def test_without_javascript_actions_return_to_today(web: TestClient, cast: Cast) -> None:
    item = reply_item(web, "王建国")
    r = web.post("/today/done", data={"item": item["id"]}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/today"


def test_an_item_that_is_gone_is_a_clear_404(web: TestClient, cast: Cast) -> None:
    r = web.post("/api/today/S3:client:999:msg:1/done")
    assert r.status_code == 404 and "no longer on the agenda" in r.json()["detail"]
    page = web.post("/today/done", data={"item": "nope"}, headers=HTMX)
    assert page.status_code == 404 and page.headers["HX-Retarget"] == "#flash"


def test_the_api_item_carries_everything_the_page_shows(web: TestClient, cast: Cast) -> None:
    item = reply_item(web, "王建国")
    assert item["kind"] == "reply" and item["principle_title"]
    assert item["client_timezone"] == "Asia/Shanghai" and item["band"] in (
        "urgent",
        "today",
        "later",
    )
    assert item["suggested_message"] and item["explain"]


def test_client_text_in_agenda_items_is_escaped(
    web: TestClient, book: Services, cast: Cast
) -> None:
    evil = book.add_client("<img src=x onerror=alert(1)>", timezone="Asia/Shanghai")
    book.log_message(
        evil.id, "in", "<script>alert('today')</script>？", at=NOW - timedelta(hours=3)
    )
    page = web.get("/today").text
    assert "<img src=x" not in page and "<script>alert" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_a_team_member_sees_only_their_clients(web: TestClient, book: Services, cast: Cast) -> None:
    with book.book() as repo:
        import dataclasses

        repo.update_client(dataclasses.replace(repo.client(cast.wang), owner="mei"))
    mine = web.get("/api/today", params={"owner": "mei"}).json()
    others = web.get("/api/today", params={"owner": "someone-else"}).json()
    assert {i["client_name"] for i in mine} == {"王建国"}
    assert "王建国" not in {i["client_name"] for i in others}
    assert "王建国" in web.get("/today", params={"owner": "mei"}).text


def test_a_long_agenda_loads_the_later_items_drafts_when_opened(
    web: TestClient, book: Services, cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    from warmline.web.routes import today as today_route

    monkeypatch.setattr(today_route, "EAGER", 0)
    item = reply_item(web, "王建国")
    page = web.get("/today").text
    assert str(escape(item["suggested_message"])) not in page
    match = re.search(r'hx-get="(/today/item\?[^"]+)"', page)
    assert match and "toggle once" in page
    body = web.get(match.group(1).replace("&amp;", "&"), headers=HTMX)
    assert body.status_code == 200 and "<html" not in body.text
    assert str(escape(item["suggested_message"])) in body.text and "Mark sent" in body.text


def test_an_opened_item_that_left_meanwhile_says_so(web: TestClient, cast: Cast) -> None:
    r = web.get(
        "/today/item", params={"id": "S3:client:1:gone", "dom": "item-today-1"}, headers=HTMX
    )
    assert r.status_code == 404 and "no longer on the agenda" in r.text
    bad = web.get("/today/item", params={"id": "x", "dom": '"><script>'}, headers=HTMX)
    assert bad.status_code == 400


def test_a_kept_today_page_carries_each_sessions_own_token(
    web: TestClient, stranger: TestClient, cast: Cast
) -> None:
    mine = web.get("/today").text
    theirs = stranger.get("/today").text
    my_token = web.headers["X-CSRF-Token"]
    their_token = stranger.cookies["warmline_csrf"]
    assert f'name="csrf_token" value="{my_token}"' in mine and their_token not in mine
    assert f'name="csrf_token" value="{their_token}"' in theirs and my_token not in theirs
    assert "__warmline_csrf_token__" not in mine + theirs
