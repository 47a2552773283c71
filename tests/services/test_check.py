"""Coaching a draft with what the book knows: zone, style, open questions, notes, settings."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.conftest import NOW
from warmline.core.error import WarmlineError
from warmline.services import Services


@pytest.fixture
def wang(svc: Services) -> Services:
    """王建国 in Shanghai writes formally (您), and has just asked two questions."""
    svc.add_client("王建国", timezone="Asia/Shanghai", language="zh")
    history = [
        ("in", "您好，方案收到了，请您再调整一下配色，谢谢。", 9),
        ("out", "好的王总，周三下午 5 点前发您。", 8),
        ("in", "您好，辛苦您了，请问发票开了吗？", 7),
        ("out", "发票已开，快递单号 SF123。", 6),
        ("in", "您好，收到。请问您这周能把终稿发我吗？样品什么时候寄？", 1),
    ]
    for direction, text, days_ago in history:
        svc.log_message("王", direction, text, at=NOW - timedelta(days=days_ago))
    svc.add_note("王", "儿子在英国读研")
    return svc


def test_the_context_comes_from_the_book(wang: Services) -> None:
    ctx = wang.check_context("王")
    assert ctx.now == NOW
    assert (ctx.client_name, ctx.client_zone) == ("王建国", "Asia/Shanghai")
    assert ctx.style is not None and ctx.style.pronoun == "您"
    assert ctx.open_questions == ("请问您这周能把终稿发我吗？", "样品什么时候寄？")
    assert ctx.notes == ("儿子在英国读研",)
    assert ctx.thread_length == 5
    assert not ctx.established


def test_a_draft_is_checked_in_the_clients_zone_and_style(wang: Services) -> None:
    findings = wang.check_draft("终稿你周末就能收到", "王")
    by_rule = {f.rule: f for f in findings}
    assert by_rule["core.vague-time"].suggestion == "周六（11月28日）上午 10:00（北京时间）"
    assert by_rule["core.tone-mismatch"].match == "你"
    unanswered = [f for f in findings if f.rule == "core.unanswered-question"]
    assert [f.message for f in unanswered] == [
        "The client asked “样品什么时候寄？” and the draft does not answer it."
    ]


def test_the_send_time_can_be_given(wang: Services) -> None:
    [finding] = [
        f
        for f in wang.check_draft("周末发您样品和终稿", "王", at="2026-11-28T15:00")
        if f.rule == "core.vague-time"
    ]
    assert finding.suggestion == "周日（11月29日）上午 10:00（北京时间）"


def test_without_a_client_the_users_zone_is_used(svc: Services) -> None:
    svc.set_profile(timezone="Europe/London")
    [finding] = svc.check_draft("I'll send it this weekend")
    assert finding.suggestion == "Sat 28 Nov, 10:00 (London time)"


def test_stored_settings_switch_a_rule_off(wang: Services) -> None:
    wang.set_coach_settings({"rules": {"core.vague-time": "off"}})
    assert "core.vague-time" not in {f.rule for f in wang.check_draft("周末发您样品和终稿", "王")}


def test_bad_stored_settings_are_refused(svc: Services) -> None:
    with pytest.raises(WarmlineError) as info:
        svc.set_coach_settings({"rules": {"core.no-such-rule": "off"}})
    assert "core.no-such-rule" in info.value.message


def test_the_settings_file_is_read_and_the_stored_settings_win(svc: Services) -> None:
    path = svc.settings.coach_config_path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("rules:\n  core.sarcasm: error\n  core.vague-time: suggestion\n", "utf-8")
    svc.set_coach_settings({"rules": {"core.vague-time": "warning"}})
    levels = {f.rule: f.level for f in svc.check_draft("呵呵，周末发您")}
    assert levels == {"core.sarcasm": "error", "core.vague-time": "warning"}


def test_a_broken_settings_file_is_named_with_its_line(svc: Services) -> None:
    path = svc.settings.coach_config_path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("rules:\n  core.sarcasm: loud\n", "utf-8")
    with pytest.raises(WarmlineError) as info:
        svc.check_draft("好的")
    assert info.value.message.startswith(f"{path}:2:")


def test_an_empty_draft_is_refused(svc: Services) -> None:
    with pytest.raises(WarmlineError):
        svc.check_draft("   ")
