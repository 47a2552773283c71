"""guard.answers_otherwise: not knowing something, answered another way (T4 done right)."""

from __future__ import annotations

import pytest

from warmline.coach.guard import answers_otherwise


def _at(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("不清楚您家墙里有没有水管，您能先拍张照片发我吗？", "不清楚"),
        ("不知道宝宝名字是哪几个字？做字母气球要用。", "不知道"),
        ("原来那段围栏谁装的我也不知道，看着有些年头了，拆除按每米30收。", "不知道"),
        ("不确定发言人会不会讲方言，如果有的话请提前告诉我。", "不确定"),
        ("Not sure which blue you saw - could you send me a photo?", "Not sure"),
        ("Don't know if you've decided on the number yet?", "Don't know"),
        ("No idea which font your editor will pick; either way the fee is £480.", "No idea"),
        ("I don't know when that lift was fitted, but its plate says 250kg max.", "I don't know"),
        (
            "Not sure the board will accept it. If they push back, I can redo it overnight.",
            "Not sure",
        ),
    ],
)
def test_answered_otherwise(text: str, phrase: str) -> None:
    assert answers_otherwise(text, *_at(text, phrase))


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        # the unknown is a time, or ours to do: no question or figure answers it
        ("不知道什么时候到，您能告诉我地址吗？", "不知道"),
        ("不确定我们能不能做，您发我图纸吧", "不确定"),
        ("No idea when it'll arrive, it costs £5 anyway.", "No idea"),
        ("Not sure we can fit you in, could you send me your dates?", "Not sure"),
        # nothing but the unknown, or a guess put as a question
        ("不知道呢，可能过两天？", "不知道"),
        ("Not sure, maybe ask your bank?", "Not sure"),
        ("I'm not 100% sure how the API handles that.", "not 100% sure"),
        ("Not sure the council will approve it. If not, we'll see.", "Not sure"),
        # a question sending the client elsewhere, a figure beside the point, a step that
        # commits to nothing, a shrug put as a question (a reviewer's counterexamples)
        ("不知道呢，您能问下快递吗？", "不知道"),
        ("No idea why your bank rejected it, could you ask them?", "No idea"),
        (
            "Not sure what's causing the leak, could you let me know if it happens again?",
            "Not sure",
        ),
        ("不清楚什么问题，您再观察几天，有情况发我。", "不清楚"),
        ("Not sure we have the navy in stock - could you check the website?", "Not sure"),
        ("Not sure how many weeks it takes, could you send me the fabric code?", "Not sure"),
        ("No idea what happened, 99% of our parcels arrive fine.", "No idea"),
        ("不清楚能不能做，定金是200元。", "不清楚"),
        ("Not sure the part fits. If it doesn't, I'll keep you posted.", "Not sure"),
        ("不知道，如果不行我们再调。", "不知道"),
        ("不知道怎么回事呢？", "不知道"),
        ("No idea what happened there?", "No idea"),
    ],
)
def test_not_answered(text: str, phrase: str) -> None:
    assert not answers_otherwise(text, *_at(text, phrase))
