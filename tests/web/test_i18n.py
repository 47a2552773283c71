"""Every UI string exists in Chinese and English; the UI follows the user's setting."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from tests.web.conftest import Cast
from warmline.services import Services
from warmline.web.i18n import STRINGS, ago, duration, translator

WEB = Path(__file__).resolve().parents[2] / "src" / "warmline" / "web"
KEY = re.compile(r"""\bt\(\s*["']([a-z_.]+)["']""")
DYNAMIC = re.compile(r"""\bt\(\s*["']([a-z_.]+[._])["']\s*~""")


def used_keys() -> tuple[set[str], set[str]]:
    """Keys called literally, and prefixes completed at run time (t("status." ~ s))."""
    keys: set[str] = set()
    prefixes: set[str] = set()
    for path in [*WEB.rglob("*.html"), *WEB.rglob("*.py")]:
        if path.name == "i18n.py":
            continue
        text = path.read_text(encoding="utf-8")
        keys |= set(KEY.findall(text))
        prefixes |= set(DYNAMIC.findall(text))
    return keys - prefixes, prefixes


def test_every_key_the_templates_and_routes_use_exists() -> None:
    keys, prefixes = used_keys()
    assert len(keys) > 100
    assert sorted(keys - set(STRINGS)) == []
    for prefix in prefixes:
        assert any(k.startswith(prefix) for k in STRINGS), prefix


def test_every_string_has_both_languages_with_the_same_placeholders() -> None:
    for key, text in STRINGS.items():
        assert text.zh.strip() and text.en.strip(), key
        zh, en = set(re.findall(r"\{(\w+)\}", text.zh)), set(re.findall(r"\{(\w+)\}", text.en))
        assert zh == en - {"s"}, key
        assert "s" not in en or "n" in en, key  # {s} is the plural of {n}


def test_most_strings_are_actually_translated() -> None:
    same = [k for k, v in STRINGS.items() if v.zh == v.en]
    assert all(k.startswith("channel.") for k in same), same


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh", ["今天", "客户", "解读消息", "导入", "设置", "对方现在是"]),
        ("en", ["Today", "Clients", "Read", "Import", "Settings", "Their time now"]),
    ],
)
def test_pages_speak_the_users_language(
    web: TestClient, book: Services, cast: Cast, lang: str, expected: list[str]
) -> None:
    book.set_profile(ui_language=lang)
    page = web.get(f"/clients/{cast.wang}").text
    for word in expected:
        assert word in page
    assert ('<html lang="zh-CN">' in page) == (lang == "zh")


def test_client_local_times_follow_the_ui_language(
    web: TestClient, book: Services, cast: Cast
) -> None:
    book.set_profile(ui_language="zh")
    page = web.get(f"/clients/{cast.anna}").text
    assert "周一（11月23日）凌晨 02:00（伦敦时间）" in page


def test_errors_come_in_the_users_language_too(web: TestClient, book: Services) -> None:
    book.set_profile(ui_language="zh")
    assert "没有这个页面。" in web.get("/no-such-page").text


@given(st.integers(min_value=0, max_value=10 * 365 * 24 * 3600))
def test_durations_read_naturally_in_both_languages(seconds: int) -> None:
    zh, en = duration(seconds, "zh"), duration(seconds, "en")
    number = int(en.split()[0])
    assert zh.startswith(str(number))
    unit = en.split()[1]
    assert {"min": "分钟", "h": "小时", "days": "天"}[unit] in zh
    # The unit grows with the span: never "90 min" or "72 h".
    assert (unit == "min") == (seconds < 3600)
    assert (unit == "days") == (seconds >= 48 * 3600)


def test_ago_and_never() -> None:
    now = datetime(2026, 11, 23, 2, tzinfo=UTC)
    assert ago(now - timedelta(hours=5), now, "en") == "5 h ago"
    assert ago(now - timedelta(days=3), now, "zh") == "3 天前"
    assert ago(None, now, "zh") == "从未"
    assert translator("en")("today.count", n=4) == "4 items"
    assert translator("en")("today.count", n=1) == "1 item"
    assert translator("zh")("today.count", n=1) == "1 项"
