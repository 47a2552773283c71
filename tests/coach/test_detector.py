"""Detectors with context: length and tone against the client's style, open
questions, cold threads."""

from __future__ import annotations

from dataclasses import replace

from warmline.coach import CheckContext, check, learn_style
from warmline.coach.detector import answers, is_yes_no, key_terms

SAM = learn_style(
    ["hey! looks cool 😄", "yep that works, thx", "lol ok sure 👍", "cool, send it over 🙌"]
)
CHEN = learn_style(
    [
        "您好，方案已收到，请您再调整一下首页的配色，谢谢。",
        "您好，请问您明天上午方便通话吗？",
        "您好，麻烦您周五前把终稿和源文件一起发我，辛苦了。",
    ]
)
FORMAL_DRAFT = (
    "Dear Sam, please find attached the revised proposal for your kind consideration. "
    "We would appreciate your feedback at your earliest convenience. Kind regards, Wang Fang"
)


def _by_rule(text: str, ctx: CheckContext, rule: str) -> list[str]:
    return [f.message for f in check(text, ctx) if f.rule == rule]


def test_a_formal_draft_to_a_casual_client_is_hinted(wednesday_in_beijing: CheckContext) -> None:
    ctx = replace(wednesday_in_beijing, style=SAM)
    [message] = _by_rule(FORMAL_DRAFT, ctx, "core.tone-mismatch")
    assert "very formal" in message
    assert "emoji" in message


def test_the_same_draft_to_an_unknown_client_is_not(wednesday_in_beijing: CheckContext) -> None:
    assert _by_rule(FORMAL_DRAFT, wednesday_in_beijing, "core.tone-mismatch") == []


def test_ni_to_a_client_who_writes_nin_points_at_the_ni(wednesday_in_beijing: CheckContext) -> None:
    ctx = replace(wednesday_in_beijing, style=CHEN, ui_lang="zh")
    [finding] = [f for f in check("你看下这个方案", ctx) if f.rule == "core.tone-mismatch"]
    assert finding.match == "你"
    assert "「您」" in finding.message


def test_warmth_is_never_held_against_an_established_relationship(
    wednesday_in_beijing: CheckContext,
) -> None:
    ctx = replace(wednesday_in_beijing, style=CHEN, established=True)
    assert _by_rule("你看下哈，有问题随时说😄", ctx, "core.tone-mismatch") == []
    assert _by_rule(
        "你看下哈，有问题随时说😄", replace(ctx, established=False), "core.tone-mismatch"
    )


def test_length_is_judged_against_the_clients_own_length(
    wednesday_in_beijing: CheckContext,
) -> None:
    draft = " ".join(["word"] * 70)
    terse = replace(wednesday_in_beijing, style=SAM)
    assert _by_rule(draft, terse, "core.verbosity")
    assert _by_rule(draft, wednesday_in_beijing, "core.verbosity") == []  # under the absolute 130


def test_an_unanswered_question_is_listed(wednesday_in_beijing: CheckContext) -> None:
    ctx = replace(wednesday_in_beijing, open_questions=("报价什么时候能出？", "发票开了吗？"))
    findings = [
        f for f in check("发票已经开好了，明天寄出", ctx) if f.rule == "core.unanswered-question"
    ]
    assert [f.message for f in findings] == [
        "The client asked “报价什么时候能出？” and the draft does not answer it."
    ]
    assert (findings[0].start, findings[0].end, findings[0].match) == (0, 0, "")


def test_a_single_yes_no_question_is_answered_by_a_yes(wednesday_in_beijing: CheckContext) -> None:
    ctx = replace(wednesday_in_beijing, open_questions=("Can you make it by Friday?",))
    assert _by_rule("Yes, no problem.", ctx, "core.unanswered-question") == []
    ctx = replace(wednesday_in_beijing, open_questions=("When can you make it?",))
    assert _by_rule("Yes, no problem.", ctx, "core.unanswered-question")


def test_key_terms_skip_function_words() -> None:
    assert key_terms("Can you send the invoices?") == key_terms("invoice")
    assert key_terms("changed") == key_terms("change") == key_terms("changing")
    assert "报价" in key_terms("报价什么时候能出？")
    assert "什么" not in key_terms("报价什么时候能出？")


def test_yes_no_questions_are_recognised() -> None:
    assert is_yes_no("周五能交吗？")
    assert is_yes_no("能不能快一点？")
    assert is_yes_no("Is the logo in SVG?")
    assert not is_yes_no("报价什么时候能出？")
    assert not is_yes_no("What's the price?")


def test_a_time_answers_when_and_a_number_answers_how_much() -> None:
    assert answers("The files will be with you Thu 10:00", "What will I have, and when?", True)
    assert answers("周五下午3点前发您", "什么时候能好？", True)
    assert answers("Total is $1,240", "How much in all?", True)
    assert not answers("Thanks, noted!", "When can you deliver?", True)


def test_answers_looks_for_shared_terms() -> None:
    assert answers("The invoice is attached", "Can you send the invoice?", only_question=False)
    assert not answers("Thanks!", "Can you send the invoice?", only_question=False)


def test_a_long_cold_thread_gets_a_human_touch_from_notes(
    wednesday_in_beijing: CheckContext,
) -> None:
    ctx = replace(
        wednesday_in_beijing,
        thread_length=12,
        thread_has_human_moment=False,
        notes=("刚跑完上海马拉松", "女儿今年高考"),
    )
    [finding] = [f for f in check("附件是报价单，请查收", ctx) if f.rule == "core.human-moment"]
    assert "刚跑完上海马拉松" in finding.suggestion
    assert "12" in finding.message
