"""A client's page: profile and local time, notes, timeline, ledger, and logging a message.
Client text is untrusted: it must always render as text."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from tests.conftest import NOW
from tests.web.conftest import BASE, HTMX, Cast
from warmline.core.message import Message
from warmline.services import Services
from warmline.web import create_app


def test_the_page_shows_their_local_time_next_to_mine(web: TestClient, cast: Cast) -> None:
    page = web.get(f"/clients/{cast.anna}").text
    assert "Their time now <strong>Mon 23 Nov, 02:00 (London time)</strong>" in page
    assert "Yours Mon 23 Nov, 10:00 (Beijing time)" in page
    assert "Bloom Ltd" in page and "3 messages" in page


def test_the_timeline_shows_both_directions_oldest_first(web: TestClient, cast: Cast) -> None:
    page = web.get(f"/clients/{cast.wang}").text
    timeline = page[page.index('<div id="timeline">') :]
    first = timeline.index("王总您好，方案已发您邮箱。")
    second = timeline.index("收到。进度怎么样了？")
    assert first < second
    assert re.search(r'<li class="msg out"[^>]*>\s*<div class="meta">\s*<strong>You', timeline)
    assert re.search(r'<li class="msg in"[^>]*>\s*<div class="meta">\s*<strong>Them', timeline)


def test_emotion_and_questions_read_from_a_message_are_marked(
    web: TestClient, book: Services, cast: Cast
) -> None:
    with book.book() as repo:
        repo.add_message(
            Message(
                direction="in",
                sent_at=NOW - timedelta(hours=1),
                text="三天了还没有消息！到底什么时候能给？",
                client_id=cast.wang,
                emotion="anger",
                questions=("到底什么时候能给？",),
                status_request=True,
            )
        )
    page = web.get(f"/clients/{cast.wang}").text
    assert '<span class="tag emotion-anger" title="Emotion">Angry</span>' in page
    assert 'title="Their questions: 到底什么时候能给？">T4</span>' in page
    assert ">S2</span>" in page


def test_the_ledger_shows_open_promises_deliveries_projects_and_meetings(
    web: TestClient, book: Services, cast: Cast
) -> None:
    book.add_project(cast.anna, "Logo refresh", due="2026-12-04")
    book.add_promise(cast.anna, "Send the colour variants", due="2026-11-24T12:00+00:00")
    book.add_promise(cast.anna, "Send the brand fonts", by="client", due="2026-11-20")
    book.deliver(cast.anna, "Logo v2", feedback_by="2026-11-25T18:00+00:00")
    book.add_meeting(cast.anna, "2026-11-24T15:00+00:00", duration_minutes=45, title="Review")
    page = web.get(f"/clients/{cast.anna}").text
    assert "Logo refresh" in page and "due Fri 4 Dec" in page
    assert "<strong>We promised</strong>: Send the colour variants" in page
    assert "due Tue 24 Nov, 12:00 (London time)" in page
    # The client's promise is overdue: it is marked so.
    assert re.search(
        r"They promised</strong>: Send the brand fonts<br>\s*<span class=\"small tag overdue\"",
        page,
    )
    assert "Logo v2" in page and "feedback by Wed 25 Nov, 18:00 (London time)" in page
    assert "Review" in page and "Tue 24 Nov, 15:00 (London time)" in page
    assert "Tue 24 Nov, 23:00 (Beijing time)" in page and "45 min" in page


def test_a_note_added_inline_returns_the_new_list(
    web: TestClient, book: Services, cast: Cast
) -> None:
    r = web.post(
        f"/clients/{cast.wang}/notes",
        data={"text": "女儿刚考上大学", "kind": "personal"},
        headers=HTMX,
    )
    assert r.status_code == 200
    assert r.text.lstrip().startswith('<ul id="note-list">') and "<html" not in r.text
    assert "女儿刚考上大学" in r.text
    assert [n.text for n in book.notes(cast.wang)] == ["女儿刚考上大学"]


def test_a_note_without_javascript_goes_back_to_the_page(
    web: TestClient, book: Services, cast: Cast
) -> None:
    r = web.post(f"/clients/{cast.wang}/notes", data={"text": "爱喝普洱"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/clients/{cast.wang}#notes"
    assert "爱喝普洱" in web.get(r.headers["location"]).text


def test_an_empty_note_is_refused_with_a_message_in_the_flash_area(
    web: TestClient, book: Services, cast: Cast
) -> None:
    r = web.post(f"/clients/{cast.wang}/notes", data={"text": "  "}, headers=HTMX)
    assert r.status_code == 400
    assert r.headers["HX-Retarget"] == "#flash"
    assert "note: the note is empty" in r.text
    assert book.notes(cast.wang) == []


def test_log_as_sent_stores_the_draft_and_refreshes_the_timeline(
    web: TestClient, book: Services, cast: Cast
) -> None:
    r = web.post(
        f"/clients/{cast.wang}/messages",
        data={
            "text": "王总，进度：首页已完成，周三（11月25日）18:00 前发您看。",
            "direction": "out",
        },
        headers=HTMX,
    )
    assert r.status_code == 200
    assert r.headers["HX-Trigger"] == "warmline:logged"
    assert r.text.lstrip().startswith('<div id="timeline">')
    last = book.messages(cast.wang)[-1]
    assert last.direction == "out" and last.sent_at == NOW and "首页已完成" in last.text
    assert r.text.rindex("首页已完成") > r.text.index("收到。进度怎么样了？")


def test_log_as_sent_without_javascript_redirects_to_the_timeline(
    web: TestClient, book: Services, cast: Cast
) -> None:
    r = web.post(f"/clients/{cast.anna}/messages", data={"text": "Hi Anna"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/clients/{cast.anna}#timeline"
    assert book.messages(cast.anna)[-1].text == "Hi Anna"


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert('x')</script>",
        '<img src=x onerror="alert(1)">',
        "<b>bold</b> &amp; <a href='javascript:alert(1)'>link</a>",
        "{{ 7*7 }} {% raw %}",
    ],
)
def test_client_text_renders_as_text_everywhere(
    web: TestClient, book: Services, cast: Cast, text: str
) -> None:
    book.log_message(cast.anna, "in", text)
    book.add_note(cast.anna, text)
    book.add_promise(cast.anna, text, by="client")
    book.edit_client(cast.anna, company=text, tags=[text])
    escaped = str(escape(text))
    pages = [web.get(url).text for url in (f"/clients/{cast.anna}", "/clients")]
    pages.append(web.get(f"/clients/{cast.anna}/edit").text)
    pages.append(web.get(f"/clients/{cast.anna}/timeline", headers=HTMX).text)
    for page in pages:
        assert escaped in page
        if "<" in text:
            assert text not in page
    assert "49" not in pages[-1]  # client text is never evaluated as a template


def test_a_very_long_message_renders_whole_and_wraps(
    web: TestClient, book: Services, cast: Cast
) -> None:
    long_text = "进度" * 20_000 + "END" + "x" * 5_000
    book.log_message(cast.wang, "in", long_text)
    page = web.get(f"/clients/{cast.wang}").text
    assert long_text in page
    css = web.get("/static/warmline.css").text
    assert re.search(r"\.text \{[^}]*overflow-wrap: anywhere", css)


def test_long_histories_show_the_newest_and_load_earlier_on_demand(
    web: TestClient, book: Services, cast: Cast
) -> None:
    with book.book() as repo:
        repo.add_messages(
            [
                Message(
                    direction="in" if i % 2 else "out",
                    sent_at=NOW - timedelta(days=30) + timedelta(minutes=i),
                    text=f"message number {i}",
                    client_id=cast.li,
                )
                for i in range(150)
            ]
        )
    page = web.get(f"/clients/{cast.li}").text
    assert "Showing the last 100 of 150" in page
    assert "message number 149" in page and "message number 49<" not in page
    more = web.get(f"/clients/{cast.li}/timeline", params={"limit": 500}, headers=HTMX).text
    assert "message number 0<" in more and "Showing the last" not in more


def test_the_api_gives_the_client_their_messages_and_notes(
    web: TestClient, book: Services, cast: Cast
) -> None:
    detail = web.get(f"/api/clients/{cast.anna}").json()
    assert detail["client"]["name"] == "Anna Smith" and detail["message_count"] == 3
    assert detail["local_time"] == "2026-11-23T02:00:00Z"
    newest = web.get(f"/api/clients/{cast.anna}/messages", params={"limit": 2}).json()
    assert [m["text"] for m in newest] == ["Thanks, looks great!", "Glad you like it."]
    sent = web.post(
        f"/api/clients/{cast.anna}/messages",
        json={"direction": "in", "text": "Can we talk on Friday?", "at": "2026-11-23T09:00:00Z"},
    )
    assert sent.status_code == 201 and sent.json()["direction"] == "in"
    note = web.post(f"/api/clients/{cast.anna}/notes", json={"text": "Runs marathons"})
    assert note.status_code == 201
    assert [n["text"] for n in web.get(f"/api/clients/{cast.anna}/notes").json()] == [
        "Runs marathons"
    ]
    assert web.post(f"/api/clients/{cast.anna}/notes", json={"text": ""}).status_code == 422


def test_the_page_follows_a_change_made_outside_the_app_at_once(
    web: TestClient, book: Services, cast: Cast
) -> None:
    assert "Review call" not in web.get(f"/clients/{cast.anna}").text
    # The CLI (another connection to the book) adds a meeting, a note and a message.
    book.add_meeting(cast.anna, "2026-11-24T15:00+00:00", title="Review call")
    book.add_note(cast.anna, "Ran the London marathon")
    book.log_message(cast.anna, "in", "See you tomorrow!", at=NOW - timedelta(minutes=5))
    page = web.get(f"/clients/{cast.anna}").text
    assert "Review call" in page and "Ran the London marathon" in page
    assert "See you tomorrow!" in page and "4 messages" in page


def test_a_meeting_that_has_begun_leaves_the_page_even_when_nothing_was_written(
    book: Services, cast: Cast
) -> None:
    now = [NOW]
    svc = Services(book.engine, settings=book.settings, clock=lambda: now[0])
    web = TestClient(create_app(svc), base_url=BASE)
    book.add_meeting(cast.anna, (NOW + timedelta(minutes=30)).isoformat(), title="Kick-off")
    assert "Kick-off" in web.get(f"/clients/{cast.anna}").text
    now[0] = NOW + timedelta(minutes=31)
    assert "Kick-off" not in web.get(f"/clients/{cast.anna}").text
