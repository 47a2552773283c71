"""Settings: about me, working hours and zone, UI language, identities; and the API."""

from __future__ import annotations

import re
from datetime import time

from fastapi.testclient import TestClient

from tests.web.conftest import HTMX
from warmline.services import Services

FORM = {
    "name": "陈静",
    "ui_language": "zh",
    "timezone": "Asia/Singapore",
    "country": "sg",
    "work_start": "08:30",
    "work_end": "17:30",
    "reply_target_hours": "1.5",
    "channel_email": "chen@studio.example",
    "channel_wechat": "chenjing_design",
}


def test_the_page_shows_my_profile(web: TestClient, book: Services) -> None:
    book.set_profile(name="Chen Jing", identities={"email": ["chen@studio.example"]})
    page = web.get("/settings").text
    assert 'value="Chen Jing"' in page and 'value="09:00"' in page and 'value="2"' in page
    assert "chen@studio.example</textarea>" in page
    assert page.count('name="work_days"') == 7
    assert len(re.findall(r'name="work_days" value="\d" checked', page)) == 5


def test_saving_the_form_changes_hours_zone_language_and_identities(
    web: TestClient, book: Services
) -> None:
    r = web.post("/settings/profile", data={**FORM, "work_days": ["0", "1", "2", "3", "5"]})
    assert r.status_code == 200 and "设置已保存。" in r.text  # now in Chinese
    p = book.profile()
    assert (p.name, p.timezone, p.country, p.ui_language) == ("陈静", "Asia/Singapore", "SG", "zh")
    assert (p.work_start, p.work_end, p.work_days) == (time(8, 30), time(17, 30), (0, 1, 2, 3, 5))
    assert p.reply_target_hours == 1.5
    assert p.identities.wechat == ("chenjing_design",)


def test_a_bad_value_is_named_and_nothing_is_saved(web: TestClient, book: Services) -> None:
    before = book.profile()
    days = {"work_days": ["0", "1"]}
    for data, message in [
        ({**FORM, **days, "work_start": "18:00", "work_end": "09:00"}, "work hours: the end"),
        ({**FORM, **days, "timezone": "Asia/Atlantis"}, "unknown zone &#39;Asia/Atlantis&#39;"),
        ({**FORM, **days, "reply_target_hours": "soon"}, "reply target: give a number"),
        ({**FORM}, "work days: none given"),
    ]:
        r = web.post("/settings/profile", data=data)
        assert r.status_code == 400 and message in r.text
        assert 'value="陈静"' in r.text  # what was typed comes back, not lost
    assert book.profile() == before


def test_the_header_switch_flips_the_language_and_returns_to_the_page(
    web: TestClient, book: Services
) -> None:
    assert '<li><a href="/clients">Clients</a></li>' in web.get("/read").text
    r = web.post(
        "/settings/language",
        data={"ui_language": "zh"},
        headers={"referer": "http://127.0.0.1/read"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == "http://127.0.0.1/read"
    page = web.get("/read").text
    assert '<html lang="zh-CN">' in page and "解读客户消息" in page
    assert book.profile().ui_language == "zh"


def test_the_switch_never_redirects_to_another_site(web: TestClient) -> None:
    r = web.post(
        "/settings/language",
        data={"ui_language": "en"},
        headers={"referer": "https://evil.example/"},
        follow_redirects=False,
    )
    assert r.headers["location"] == "/"


def test_an_htmx_language_switch_asks_for_a_refresh(web: TestClient) -> None:
    r = web.post("/settings/language", data={"ui_language": "zh"}, headers=HTMX)
    assert r.status_code == 204 and r.headers["HX-Refresh"] == "true"


def test_the_api_reads_and_patches_the_profile(web: TestClient, book: Services) -> None:
    assert web.get("/api/profile").json()["work_days"] == [0, 1, 2, 3, 4]
    r = web.patch(
        "/api/profile",
        json={"work_start": "10:00", "identities": {"slack": ["@chen"]}, "ui_language": "zh"},
    )
    assert r.status_code == 200
    body = r.json()
    assert body["work_start"] == "10:00" and body["identities"]["slack"] == ["@chen"]
    bad = web.patch("/api/profile", json={"timezone": "Nowhere"})
    assert bad.status_code == 400 and "unknown zone 'Nowhere'" in bad.json()["detail"]


def test_the_coach_rules_can_be_switched_off_and_on(web: TestClient, book: Services) -> None:
    page = web.get("/settings").text
    assert 'value="core.vague-time" checked' in page and "can mean several times" in page
    everything_but_vague_time = [
        r["id"] for r in web.get("/api/coach/rules").json() if r["id"] != "core.vague-time"
    ]
    r = web.post(
        "/settings/rules", data={"rule": everything_but_vague_time}, follow_redirects=False
    )
    assert r.status_code == 303
    assert book.coach_settings()["rules"] == {"core.vague-time": "off"}
    draft = {"text": "We'll send it next week."}
    rules = {f["rule"] for f in web.post("/api/coach/check", json=draft).json()["findings"]}
    assert "core.vague-time" not in rules
    web.patch("/api/coach/rules", json={"rules": {"core.vague-time": True}})
    rules = {f["rule"] for f in web.post("/api/coach/check", json=draft).json()["findings"]}
    assert "core.vague-time" in rules


def test_switching_keeps_a_rules_level_and_refuses_unknown_rules(
    web: TestClient, book: Services
) -> None:
    book.set_coach_settings({"rules": {"core.sarcasm": "error"}})
    web.patch("/api/coach/rules", json={"rules": {"core.sarcasm": False}})
    assert book.coach_settings()["rules"]["core.sarcasm"] == {"enabled": False, "level": "error"}
    bad = web.patch("/api/coach/rules", json={"rules": {"core.nope": False}})
    assert bad.status_code == 404 and "'core.nope' is not a coach rule" in bad.json()["detail"]
