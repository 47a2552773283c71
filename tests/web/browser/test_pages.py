"""Every page in real Chromium, in both languages, on the demo book: it renders, its
scripts run without errors, keyboard focus is visible, and a screenshot is kept."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.web.browser.conftest import Live, shoot

PAGES = [
    ("today", "/today"),
    ("clients", "/clients"),
    ("client", "/clients/1"),
    ("read", "/read"),
    ("import", "/import"),
    ("settings", "/settings"),
]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_renders_cleanly_and_is_kept_as_a_screenshot(
    page: object, live: Live, lang: str
) -> None:
    live.services.set_profile(ui_language=lang)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))  # type: ignore[attr-defined]
    page.on(  # type: ignore[attr-defined]
        "console", lambda msg: errors.append(msg.text) if msg.type == "error" else None
    )
    for name, url in PAGES:
        response = page.goto(url)  # type: ignore[attr-defined]
        assert response.status == 200, url
        assert page.evaluate("typeof htmx") == "object", url  # type: ignore[attr-defined]
        assert page.locator("main h1").count() >= 1  # type: ignore[attr-defined]
        shoot(page, f"{name}-{lang}")
    assert errors == []


def test_the_page_works_from_the_keyboard(page: object, live: Live) -> None:
    page.goto("/clients")  # type: ignore[attr-defined]
    page.keyboard.press("Tab")  # type: ignore[attr-defined]
    skip = page.evaluate("document.activeElement.className")  # type: ignore[attr-defined]
    assert skip == "skip"
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    # The search field is reachable and filters as one types.
    page.focus("#q")  # type: ignore[attr-defined]
    page.keyboard.type("Kenji")  # type: ignore[attr-defined]
    expect(page.locator("#client-list tbody tr")).to_have_count(1)  # type: ignore[attr-defined]
    assert "q=Kenji" in page.url  # type: ignore[attr-defined]


def test_the_client_page_fits_a_phone(chromium: object, live: Live) -> None:
    context = chromium.new_context(  # type: ignore[attr-defined]
        viewport={"width": 390, "height": 844}, base_url=live.url
    )
    pg = context.new_page()
    pg.goto("/clients/1")
    width = pg.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    shoot(pg, "client-phone")
    context.close()


UNLABELLED = """() => Array.from(document.querySelectorAll('input, select, textarea, button'))
  .filter(el => el.type !== 'hidden' && !el.closest('[hidden]'))
  .filter(el => {
    const named = (el.labels && el.labels.length) || el.getAttribute('aria-label')
      || el.getAttribute('aria-labelledby') || el.getAttribute('title')
      || (el.tagName === 'BUTTON' && el.textContent.trim());
    return !named;
  })
  .map(el => el.outerHTML.slice(0, 120))"""


@pytest.mark.parametrize("name_url", PAGES, ids=[name for name, _ in PAGES])
def test_every_control_has_a_name_a_screen_reader_can_read(
    page: object, live: Live, name_url: tuple[str, str]
) -> None:
    page.goto(name_url[1])  # type: ignore[attr-defined]
    assert page.evaluate(UNLABELLED) == []  # type: ignore[attr-defined]
    assert page.locator("main h1").count() == 1  # type: ignore[attr-defined]
    assert page.locator("nav[aria-label]").count() == 1  # type: ignore[attr-defined]
