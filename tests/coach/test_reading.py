"""Reading an incoming client message: emotion, questions, ambiguity (C3),
client promises and, for anger, the six-step response plan."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warmline.coach.plan import build_plan, find_requirement, next_update_time
from warmline.coach.reading import ReadContext, find_ambiguities, read
from warmline.core.workcal import WorkCalendar

SHANGHAI = "Asia/Shanghai"
STOCKHOLM = "Europe/Stockholm"


def at(zone: str, *args: int) -> datetime:
    return datetime(*args, tzinfo=ZoneInfo(zone)).astimezone(UTC)  # type: ignore[misc]


# 王总 (Beijing) writes to 小李 (London) on Wednesday 25 Nov 2026, 14:30 Beijing time.
NOW = at(SHANGHAI, 2026, 11, 25, 14, 30)
WANG = ReadContext(
    now=NOW,
    ui_lang="zh",
    client_name="王总",
    client_zone=SHANGHAI,
    user_name="小李",
    project="品牌官网",
    user_zone="Europe/London",
)
ANNA = ReadContext(
    now=NOW, ui_lang="en", client_name="Anna", client_zone=STOCKHOLM, user_zone=SHANGHAI
)

ANGRY_ZH = (
    "你们到底有没有看需求？我要的是蓝色的首页，交上来的还是绿色，已经第三次了！"
    "客户那边已经发火了！！！"
)
ANGRY_EN = (
    "This is the third time the invoice is wrong. I asked for the vector files, not JPGs. "
    "Our launch is now delayed. Unacceptable."
)


# --- ambiguity (C3)


@pytest.mark.parametrize(
    ("text", "kind", "question_part"),
    [
        ("我想换一款", "product", "另一种款式"),
        ("能换个颜色吗", "colour", "什么颜色"),
        ("整体再大气一点", "style", "参考"),
        ("logo放大一点", "size", "多少"),
        ("还是跟上次一样", "reference", "哪一次"),
        ("你们看着办", "delegated", "具体方案"),
        ("首页再改一下", "change", "哪一部分"),
        ("Can we change the product?", "product", "different product"),
        ("Could you make it pop?", "style", "examples"),
        ("We'd like something more modern.", "style", "examples"),
        ("The usual, please.", "reference", "which version"),
        ("Up to you really.", "delegated", "concrete option"),
        ("Could you tweak it a bit?", "change", "Which parts"),
    ],
)
def test_it_asks_a_confirming_question_for_words_with_several_readings(
    text: str, kind: str, question_part: str
) -> None:
    lang = "zh" if any("\u4e00" <= ch <= "\u9fff" for ch in text) else "en"
    found = find_ambiguities(text, lang, NOW, SHANGHAI)
    assert [a.kind for a in found] == [kind]
    assert question_part in found[0].question
    assert text[found[0].start : found[0].end] == found[0].text


def test_the_question_is_in_the_clients_language() -> None:
    [zh] = find_ambiguities("我想换一款", "zh", NOW, SHANGHAI)
    assert zh.question == "您是想换成同一产品的另一种款式，还是换成另一个产品？"
    [en] = find_ambiguities("Can we change the product?", "en", NOW, SHANGHAI)
    assert en.question.startswith("Do you mean")


def test_specific_requests_are_not_ambiguous() -> None:
    assert find_ambiguities("标题改成蓝色，字号放大到24号", "zh", NOW, SHANGHAI) == ()
    assert find_ambiguities("Please change the title to navy blue.", "en", NOW, SHANGHAI) == ()


def test_a_vague_deadline_from_the_client_gets_a_question_for_the_latest_date() -> None:
    [found] = find_ambiguities("Please send it ASAP", "en", NOW, SHANGHAI)
    assert found.kind == "time"
    assert "latest date" in found.question


def test_a_long_list_of_requests_is_restated_before_acting() -> None:
    text = "1. 首页换成蓝色\n2. logo 用新版\n3. 加一个联系我们页面\n4. 底部加上备案号"
    restate = [a for a in find_ambiguities(text, "zh", NOW, SHANGHAI) if a.kind == "restate"]
    assert len(restate) == 1
    question = restate[0].question
    assert question.startswith("在动手之前，我先复述一下您的需求")
    for item in ("首页换成蓝色", "logo 用新版", "加一个联系我们页面", "底部加上备案号"):
        assert item in question


def test_a_short_single_request_is_not_restated() -> None:
    found = find_ambiguities("Please send the invoice to accounts.", "en", NOW, SHANGHAI)
    assert not [a for a in found if a.kind == "restate"]


# --- the whole reading


def test_an_angry_message_gets_anger_and_a_six_step_plan_in_chinese() -> None:
    reading = read(ANGRY_ZH, WANG)
    assert reading.lang == "zh"
    assert reading.emotion == "anger"
    assert reading.score > 0.7
    assert "第三次" in reading.cues
    assert reading.plan is not None
    assert [s.principle for s in reading.plan.steps] == ["S1", "C4", "C2", "C3", "C1", "T2"]
    reply = reading.plan.reply
    assert reply.startswith("王总，非常抱歉")
    assert "蓝色的首页" in reply  # the requirement, paraphrased back
    assert "最晚哪一天" in reply
    assert "周三（11月25日）下午 17:00（北京时间）" in reply
    assert "客户那边已经发火了" in reading.plan.steps[0].text


def test_an_angry_english_message_gets_an_english_reply_and_steps_in_the_ui_language() -> None:
    reading = read(
        ANGRY_EN, ReadContext(now=NOW, ui_lang="zh", client_name="Anna", client_zone=STOCKHOLM)
    )
    assert reading.emotion == "anger"
    assert reading.plan is not None
    assert reading.plan.reply_lang == "en"
    assert reading.plan.reply.startswith("Hi Anna,")
    assert "the vector files" in reading.plan.reply
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in step.text) for step in reading.plan.steps)


def test_a_calm_message_has_no_plan() -> None:
    reading = read("样品什么时候能到？我明天把地址发你", WANG)
    assert reading.emotion != "anger"
    assert reading.plan is None
    assert reading.questions == ("样品什么时候能到？",)
    assert reading.status_request
    [promise] = reading.client_promises
    assert promise.by == "client"
    assert promise.due == at(SHANGHAI, 2026, 11, 26, 18, 0)


def test_the_client_promise_is_resolved_in_the_clients_zone() -> None:
    reading = read("I'll send the logo tomorrow.", ANNA)
    [promise] = reading.client_promises
    # 14:30 in Beijing is 07:30 in Stockholm: tomorrow is Thursday there
    assert promise.due == at(STOCKHOLM, 2026, 11, 26, 18, 0)


def test_the_json_shape_is_stable() -> None:
    data = read(ANGRY_EN, ANNA).to_dict()
    assert set(data) == {
        "lang",
        "emotion",
        "cues",
        "questions",
        "status_request",
        "ambiguities",
        "client_promises",
        "plan",
    }
    assert set(data["emotion"]) == {"label", "score"}  # type: ignore[arg-type]
    plan = data["plan"]
    assert isinstance(plan, dict)
    assert len(plan["steps"]) == 6
    assert set(plan) == {"steps", "reply", "reply_lang", "next_update"}
    json.dumps(data)  # serialisable as is


def test_a_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        read("hi", ReadContext(now=datetime(2026, 11, 25, 10, 0)))


# --- the plan's next update: inside the client's working hours


def test_the_next_update_is_a_whole_hour_two_hours_ahead_during_work() -> None:
    assert next_update_time(NOW, SHANGHAI) == at(SHANGHAI, 2026, 11, 25, 17, 0)


def test_an_evening_message_gets_an_update_next_morning() -> None:
    evening = at(SHANGHAI, 2026, 11, 25, 19, 0)
    assert next_update_time(evening, SHANGHAI) == at(SHANGHAI, 2026, 11, 26, 10, 0)


def test_a_holiday_is_not_a_working_day_for_the_update() -> None:
    # Thursday 1 Oct 2026 is China's National Day; the holiday runs to 7 Oct
    # and Saturday 10 Oct is a swapped working day.
    before = at(SHANGHAI, 2026, 9, 30, 17, 0)
    assert next_update_time(before, SHANGHAI) == at(SHANGHAI, 2026, 10, 8, 10, 0)


def test_a_friday_evening_message_gets_an_update_on_monday() -> None:
    friday = at(SHANGHAI, 2026, 11, 27, 17, 0)
    assert next_update_time(friday, SHANGHAI) == at(SHANGHAI, 2026, 11, 30, 10, 0)


@settings(max_examples=80, deadline=None)
@given(
    minutes=st.integers(min_value=0, max_value=365 * 24 * 60),
    zone=st.sampled_from(
        [SHANGHAI, STOCKHOLM, "America/New_York", "Pacific/Auckland", "Asia/Kolkata"]
    ),
)
def test_the_next_update_is_always_in_working_hours_and_after_now(minutes: int, zone: str) -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=minutes)
    update = next_update_time(now, zone)
    local = update.astimezone(ZoneInfo(zone))
    assert update >= now + timedelta(hours=2)
    assert update - now < timedelta(days=15)  # the Spring Festival holiday is the longest gap
    assert WorkCalendar(timezone=zone).is_working_day(local.date())
    assert 9 <= local.hour <= 18 and local.minute == 0


def test_the_plan_names_the_update_time_in_both_zones() -> None:
    plan = build_plan(
        ANGRY_ZH,
        now=NOW,
        client_lang="zh",
        ui_lang="en",
        client_zone=SHANGHAI,
        user_zone="Europe/London",
    )
    assert "Wed 25 Nov, 17:00 (Beijing time)" in plan.steps[-1].text
    assert "Wed 25 Nov, 09:00 (London time)" in plan.steps[-1].text


def test_without_a_stated_requirement_the_reply_leaves_a_blank_to_fill() -> None:
    plan = build_plan("太离谱了！！！", now=NOW, client_lang="zh", client_zone=SHANGHAI)
    assert "【请填写：用您自己的话复述客户的需求】" in plan.reply
    assert find_requirement("太离谱了！！！", "zh") == ""


def test_every_json_key_is_documented() -> None:
    from pathlib import Path

    docs = (Path(__file__).resolve().parents[2] / "docs" / "reading.md").read_text(encoding="utf-8")
    data = read(ANGRY_EN, ANNA).to_dict()
    keys = set(data) | {f"emotion.{k}" for k in data["emotion"]}  # type: ignore[attr-defined]
    plan = data["plan"]
    assert isinstance(plan, dict)
    keys |= {f"plan.{k}" for k in plan} | {"plan.steps[]"}
    keys |= {"ambiguities[].text", "ambiguities[].question", "ambiguities[].kind"}
    keys |= {f"client_promises[].{k}" for k in ("text", "due", "when", "precise")}
    for key in keys:
        assert f"| `{key}` |" in docs, key
