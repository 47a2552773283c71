"""Import in the browser's way: upload, dry run (in the background, with progress),
map unknown senders, confirm; and the same through the API. Nothing is stored before
the confirmation, and a failed import leaves no message, client or file behind."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.web.conftest import HTMX, Cast
from warmline.services import Services
from warmline.web.staging import Staging

CHAT = "WhatsApp Chat with Zhao Min.txt"
EXPORT = """[23/11/2026, 09:02:11] Zhao Min: 您好，我是周婷介绍的，想了解一下你们的包装设计服务
[23/11/2026, 09:03:40] Zhao Min: 我们下个月有一批新茶要上市，大概 2000 盒
[23/11/2026, 09:10:00] Chen Jing: 您好赵总！可以的，我下午三点给您打电话？
[23/11/2026, 09:15:05] Zhao Min: 好的，三点见
"""


def staged(book: Services) -> list[str]:
    return Staging(book.settings.home / "uploads").batches()


def stored(book: Services) -> int:
    with book.book() as repo:
        return repo.message_count()


def finish(web: TestClient, first: str) -> TestClient | object:
    """Follow the progress fragment until the step is done; returns the last response."""
    match = re.search(r'hx-get="/import/([^/]+)/status"', first)
    assert match, first
    batch = match.group(1)
    web.app.state.jobs.wait(batch)  # type: ignore[attr-defined]
    return web.get(f"/import/{batch}/status", headers=HTMX)


def upload(web: TestClient, content: str = EXPORT, name: str = CHAT) -> tuple[str, str]:
    r = web.post("/import", files={"file": (name, content.encode())}, headers=HTMX)
    assert r.status_code == 200 and 'hx-trigger="load delay:400ms"' in r.text
    assert "nothing is stored" in r.text
    done = finish(web, r.text)
    batch = re.search(r"/import/([^/]+)/confirm", done.text)  # type: ignore[attr-defined]
    return (batch.group(1) if batch else ""), done.text  # type: ignore[attr-defined]


def test_the_page_offers_every_format_and_the_size_limit(web: TestClient) -> None:
    page = web.get("/import").text
    for fmt in ("whatsapp", "mbox", "wechat-csv", "slack", "telegram", "csv"):
        assert f'<option value="{fmt}">' in page
    assert "Up to 100 MB per file." in page and 'enctype="multipart/form-data"' in page


def test_the_dry_run_shows_counts_and_unknown_senders_and_stores_nothing(
    web: TestClient, book: Services, cast: Cast
) -> None:
    before = stored(book)
    batch, preview = upload(web)
    assert batch and "Preview: WhatsApp Chat with Zhao Min.txt" in preview
    assert "4 messages: 4 new, 0 already stored, 0 skipped" in preview
    assert "Zhao Min" in preview and "3 messages" in preview  # Chen Jing is me (profile)
    assert "line 1: 您好，我是周婷介绍的" in preview
    assert f'<option value="client:{cast.wang}">王建国</option>' in preview
    assert stored(book) == before and staged(book) == [batch]


def test_mapping_an_unknown_sender_to_a_new_client_imports_the_thread(
    web: TestClient, book: Services, cast: Cast
) -> None:
    batch, _ = upload(web)
    r = web.post(
        f"/import/{batch}/confirm", data={"handle_1": "Zhao Min", "map_1": "new"}, headers=HTMX
    )
    assert "Importing" in r.text
    result = finish(web, r.text).text  # type: ignore[attr-defined]
    assert "Imported 4 messages." in result and "new client" in result
    zhao = next(c for c in book.clients() if c.name == "Zhao Min")
    assert zhao.language == "zh" and zhao.timezone == "Asia/Shanghai"
    assert f'href="/clients/{zhao.id}#timeline"' in result
    texts = [(m.direction, m.text) for m in book.messages(zhao.id)]
    assert ("in", "好的，三点见") in texts and (
        "out",
        "您好赵总！可以的，我下午三点给您打电话？",
    ) in texts
    assert staged(book) == []
    timeline = web.get(f"/clients/{zhao.id}").text
    assert "我们下个月有一批新茶要上市" in timeline
    # The client list, kept between requests, knows the new client at once.
    assert "Zhao Min" in web.get("/clients").text


def test_mapping_to_an_existing_client_and_to_me(
    web: TestClient, book: Services, cast: Cast
) -> None:
    batch, _ = upload(web)
    r = web.post(
        f"/import/{batch}/confirm",
        data={"handle_1": "Zhao Min", "map_1": f"client:{cast.li}"},
        headers=HTMX,
    )
    result = finish(web, r.text).text  # type: ignore[attr-defined]
    assert "Imported 4 messages." in result and "李娜" in result
    assert "好的，三点见" in [m.text for m in book.messages(cast.li)]


def test_a_sender_left_unassigned_can_be_mapped_later(
    web: TestClient, book: Services, cast: Cast
) -> None:
    batch, _ = upload(web)
    r = web.post(
        f"/import/{batch}/confirm", data={"handle_1": "Zhao Min", "map_1": "skip"}, headers=HTMX
    )
    result = finish(web, r.text).text  # type: ignore[attr-defined]
    assert "left unassigned" in result
    assert [u.handle for u in book.unassigned()] == ["Zhao Min"]


def test_a_file_that_is_no_export_fails_clearly_and_leaves_nothing(
    web: TestClient, book: Services, cast: Cast
) -> None:
    before = (stored(book), book.clients())
    r = web.post("/import", files={"file": ("notes.txt", "just some notes\n")}, headers=HTMX)
    failed = finish(web, r.text)
    assert failed.status_code == 400  # type: ignore[attr-defined]
    assert "notes.txt: " in failed.text and "uploads" not in failed.text  # type: ignore[attr-defined]
    assert "Nothing was stored." in failed.text  # type: ignore[attr-defined]
    assert (stored(book), book.clients()) == before
    assert staged(book) == []


def test_without_javascript_the_steps_are_whole_pages(
    web: TestClient, book: Services, cast: Cast
) -> None:
    r = web.post("/import", files={"file": (CHAT, EXPORT.encode())})
    assert "<html" in r.text and "4 messages: 4 new" in r.text
    batch = re.search(r"/import/([^/]+)/confirm", r.text).group(1)  # type: ignore[union-attr]
    done = web.post(f"/import/{batch}/confirm", data={"handle_1": "Zhao Min", "map_1": "new"})
    assert "<html" in done.text and "Imported 4 messages." in done.text


def test_discarding_an_upload_removes_it(web: TestClient, book: Services, cast: Cast) -> None:
    batch, _ = upload(web)
    r = web.post(f"/import/{batch}/discard", headers=HTMX)
    assert "nothing was stored" in r.text and staged(book) == []
    gone = web.post(f"/import/{batch}/confirm", data={}, headers=HTMX)
    assert gone.status_code == 400 and "upload the file again" in gone.text


def test_asking_about_an_unknown_upload_says_it_expired(web: TestClient) -> None:
    r = web.get("/import/AAAAAAAAAAAAAAAAAAAAAAAA/status", headers=HTMX)
    assert r.status_code == 404 and "upload the file again" in r.text


def test_sender_names_from_a_file_render_as_text(
    web: TestClient, book: Services, cast: Cast
) -> None:
    evil = EXPORT.replace("Zhao Min", "<img src=x onerror=alert(1)>")
    _, preview = upload(web, evil)
    assert "<img src=x" not in preview and "&lt;img src=x onerror=alert(1)&gt;" in preview


def test_the_api_previews_confirms_and_discards(
    web: TestClient, book: Services, cast: Cast
) -> None:
    before = stored(book)
    preview = web.post("/api/import", files={"file": (CHAT, EXPORT.encode())}).json()
    assert preview["format"] == "whatsapp" and preview["new"] == 4
    assert [u["handle"] for u in preview["unknown"]] == ["Zhao Min"]
    assert stored(book) == before  # a dry run
    bad = web.post(
        f"/api/import/{preview['batch']}/confirm", json={"mapping": {"Zhao Min": "boss"}}
    )
    assert bad.status_code == 400 and "use client:<id>, new, me or skip" in bad.json()["detail"]
    again = web.post("/api/import", files={"file": (CHAT, EXPORT.encode())}).json()
    result = web.post(
        f"/api/import/{again['batch']}/confirm", json={"mapping": {"Zhao Min": "new"}}
    ).json()
    assert result["imported"] == 4 and result["clients_created"][0]["name"] == "Zhao Min"
    third = web.post("/api/import", files={"file": (CHAT, EXPORT.encode())}).json()
    assert third["new"] == 0 and third["duplicates"] == 4  # importing twice adds nothing
    assert web.delete(f"/api/import/{third['batch']}").status_code == 204
    assert staged(book) == []
