"""Suggested-message templates: every kind, both languages, concrete times (C1)."""

from __future__ import annotations

from datetime import datetime

import pytest

from warmline.core.clock import zone
from warmline.core.text import is_cjk
from warmline.templates import TEMPLATES, MessageContext, OpenerFacts, openers, render
from warmline.templates.address import call_name, greeting

NY = "America/New_York"
PROPOSED = datetime(2026, 11, 25, 14, 0, tzinfo=zone(NY))
SENT = datetime(2026, 11, 20, 10, 0, tzinfo=zone(NY))

VARIANTS = {
    "reply": ["", "late"],
    "update": ["", "asked"],
    "feedback": [""],
    "revisit": [""],
    "promise": ["due", "overdue", "theirs"],
    "meeting": [""],
    "touch": ["", "lead"],
}


def cases() -> list[tuple[str, str, str]]:
    return [
        (kind, variant, lang)
        for kind, vs in VARIANTS.items()
        for variant in vs
        for lang in ("zh", "en")
    ]


def test_every_template_kind_has_variants_under_test() -> None:
    assert set(VARIANTS) == set(TEMPLATES)


@pytest.mark.parametrize(("kind", "variant", "lang"), cases())
def test_each_template_renders_in_both_languages(kind: str, variant: str, lang: str) -> None:
    name = "Anna Schmidt" if lang == "en" else "王总"
    ctx = MessageContext(
        lang=lang,  # type: ignore[arg-type]
        client_name=name,
        client_zone=NY,
        project="Website" if lang == "en" else "官网改版",
        what="homepage mockup" if lang == "en" else "首页设计稿",
        at=SENT,
        proposed=PROPOSED,
        variant=variant,
        days=7,
        duration_minutes=45,
        city="New York",
    )
    text = render(kind, ctx)
    assert "{" not in text and "}" not in text
    first_line = text.splitlines()[0]
    if lang == "zh":
        assert first_line == "王总，您好！"
        assert sum(is_cjk(ch) for ch in text) > 10
    else:
        assert first_line == "Hi Anna,"
        assert not any(is_cjk(ch) for ch in text)


@pytest.mark.parametrize(
    ("kind", "variant"),
    [("feedback", ""), ("promise", "overdue"), ("touch", "lead"), ("update", "")],
)
def test_a_proposed_time_is_spelled_out_in_the_clients_zone(kind: str, variant: str) -> None:
    ctx = MessageContext("en", "Anna", NY, proposed=PROPOSED, at=SENT, variant=variant, what="x")
    assert "Wed 25 Nov, 14:00 (New York time)" in render(kind, ctx)
    zh = MessageContext("zh", "王总", NY, proposed=PROPOSED, at=SENT, variant=variant, what="x")
    assert "周三（11月25日）下午 14:00（纽约时间）" in render(kind, zh)


def test_an_angry_client_gets_the_response_plan() -> None:
    ctx = MessageContext("zh", "王总", "Asia/Shanghai", emotion="anger", proposed=PROPOSED)
    text = render("reply", ctx)
    for step in ("抱歉", "责任在我们", "复述需求", "最晚可以接受的交付时间", "前向您同步最新进展"):
        assert step in text
    assert "技术" not in text  # never blames a colleague (C4)


def test_an_angry_client_with_a_question_gets_it_answered_too() -> None:
    ctx = MessageContext("en", "Anna", NY, emotion="anger", questions=("Why is the logo blue?",))
    text = render("reply", ctx)
    assert "I'm sorry we let you down" in text
    assert '"Why is the logo blue?"' in text


def test_several_questions_are_numbered() -> None:
    ctx = MessageContext("zh", "王总", questions=("报价什么时候发？", "合同盖章了吗？"))
    text = render("reply", ctx)
    assert "1. 关于「报价什么时候发？」" in text
    assert "2. 关于「合同盖章了吗？」" in text


def test_call_names_keep_chinese_names_and_take_first_names() -> None:
    assert call_name("Anna  Schmidt") == "Anna"
    assert call_name("王总") == "王总"
    assert greeting("", "zh") == "您好！"
    assert greeting("", "en") == "Hello,"


def test_openers_lead_with_a_holiday_then_notes_then_place() -> None:
    facts = OpenerFacts(
        lang="en",
        local_start=datetime(2026, 11, 27, 15, 0, tzinfo=zone(NY)),
        city="New York",
        holiday="Thanksgiving Day",
        holiday_offset_days=-1,
        notes=("ran the NYC marathon", "daughter started college", "a third note"),
    )
    got = openers(facts)
    assert len(got) == 3
    assert got[0] == "How was Thanksgiving Day? Did you get some time off?"
    assert "ran the NYC marathon" in got[1]
    assert got[2] == "It's Friday afternoon in New York — any plans for the weekend?"


def test_openers_without_notes_still_give_two_when_there_is_a_holiday() -> None:
    facts = OpenerFacts(
        lang="zh",
        local_start=datetime(2026, 9, 30, 8, 30, tzinfo=zone("Asia/Shanghai")),
        city="上海",
        holiday="国庆节",
        holiday_offset_days=1,
    )
    got = openers(facts)
    assert got == ("马上就是国庆节了，有什么安排吗？", "上海现在还是早上，这是您今天的第一个会吧？")
