"""The three flows of issue 6 in real Chromium on the demo book:
(a) Today: open an item, copy the suggested message, mark it sent, the item leaves;
(b) a client page: a draft with a vague time is highlighted with the suggestion, which
    one click applies;
(c) import a small export with an unknown sender, map it, confirm, see the messages."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.web.browser.conftest import Live, shoot


def test_a_today_item_is_copied_marked_sent_and_leaves(page: Page, live: Live) -> None:
    page.goto("/today")
    items = page.locator("li.item")
    expect(items.first).to_be_visible()
    count = items.count()
    first = items.first
    item_id = first.get_attribute("data-item")
    client_name = first.locator(".who").inner_text()
    first.locator("summary.item-head").click()
    message = first.locator("textarea[name=text]")
    expect(message).to_be_visible()
    suggested = message.input_value()
    assert suggested.strip()
    shoot(page, "flow-a-today-open")

    first.locator("button[data-copy]").click()
    assert page.evaluate("navigator.clipboard.readText()") == suggested

    first.locator("button.primary[type=submit]").click()
    expect(page.locator(f'li.item[data-item="{item_id}"]')).to_have_count(0)
    expect(page.locator("#flash")).to_contain_text(client_name)
    assert page.locator("li.item").count() == count - 1
    shoot(page, "flow-a-today-sent")

    last = live.services.messages(first_client_id(live, item_id), limit=1)[0]
    assert last.direction == "out" and last.text == suggested.strip()


def first_client_id(live: Live, item_id: str | None) -> int:
    assert item_id and ":client:" in item_id
    return int(item_id.split(":client:")[1].split(":")[0])


def test_a_vague_time_is_highlighted_and_the_suggestion_applied(page: Page, live: Live) -> None:
    client = live.services.clients()[0]
    page.goto(f"/clients/{client.id}")
    draft = page.locator("#draft")
    draft.click()
    draft.press_sequentially("王总，白样我们下周给您重新寄过去。", delay=10)
    mark = page.locator("#coach mark", has_text="下周")
    expect(mark).to_be_visible()
    finding = page.locator("#coach li.finding", has=page.locator("q", has_text="下周"))
    expect(finding).to_contain_text("C1")
    apply = finding.locator("button[data-apply]")
    suggestion = apply.get_attribute("data-replacement")
    assert suggestion and "下周" not in suggestion
    finding.scroll_into_view_if_needed()
    shoot(page, "flow-b-coach-highlight")

    apply.click()
    expect(draft).to_have_value(f"王总，白样我们{suggestion}给您重新寄过去。")
    expect(page.locator("#coach mark", has_text="下周")).to_have_count(0)
    shoot(page, "flow-b-coach-applied")


EXPORT = """[23/11/2026, 09:02:11] Zhao Min: 您好，我是周婷介绍的，想了解一下你们的包装设计服务
[23/11/2026, 09:03:40] Zhao Min: 我们下个月有一批新茶要上市，大概 2000 盒
[23/11/2026, 09:15:05] Zhao Min: 方便的话今天下午通个电话？
"""


def test_an_export_with_an_unknown_sender_is_mapped_and_imported(
    page: Page, live: Live, tmp_path: Path
) -> None:
    export = tmp_path / "WhatsApp Chat with Zhao Min.txt"
    export.write_text(EXPORT, encoding="utf-8")
    page.goto("/import")
    page.set_input_files("#import-file", str(export))
    page.locator("#upload-form button.primary").click()
    preview = page.locator("#import-step")
    expect(preview).to_contain_text("Zhao Min")
    expect(preview).to_contain_text("3")
    shoot(page, "flow-c-import-preview")

    select = preview.locator("select").first
    select.select_option("new")
    preview.locator("button.primary").click()
    result = page.locator("#import-step")
    expect(result).to_contain_text("3")
    shoot(page, "flow-c-import-done")

    result.get_by_role("link", name="Zhao Min").click()
    expect(page.locator("#timeline")).to_contain_text("方便的话今天下午通个电话？")
    shoot(page, "flow-c-import-timeline")
