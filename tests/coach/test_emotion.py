"""Emotion of incoming client messages: a sanity check on messages written for
this test (not taken from the training set)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from warmline.coach.cue import Cue, cue_prior, expand, find_cues
from warmline.coach.emotion import LABELS, classify, features, language_of
from warmline.core.message import Emotion

ROOT = Path(__file__).resolve().parents[2]

# Messages from the personas of the test suite: 陈经理 (a buyer in Shenzhen),
# 王总 (a founder in Beijing), Anna Berg (a marketing lead in Stockholm),
# Tom Reyes (an operations manager in Chicago).
HAND_SET: list[tuple[str, Emotion]] = [
    ("王总那边已经发火了，你们这个交付拖了整整两周，到现在连个解释都没有", "anger"),
    ("我说了三遍要蓝色，你们交上来的还是绿色，是没看还是不想看？", "anger"),
    ("太离谱了！合同写得清清楚楚，你们现在又要加钱？？？", "anger"),
    ("这已经是第四次改错了，我真的没耐心了", "anger"),
    ("明天上午投资人就要看demo，今晚能不能一定给我一个能用的版本？拜托了", "anxiety"),
    ("样品周五前能寄出吗？展会下周一开幕，我有点担心来不及", "anxiety"),
    ("老板一直在催，你们那边大概什么时候能给个准信？", "anxiety"),
    ("收到方案了，做得非常好，团队都很满意，辛苦大家了！", "satisfaction"),
    ("太感谢了，客户看了海报说很专业，下次还找你们", "satisfaction"),
    ("效果超出预期👍 谢谢小李这么快就改好了", "satisfaction"),
    ("请问发票抬头需要写公司全称吗？", "neutral"),
    ("好的，我下午把地址发给你", "neutral"),
    ("我们的会议改到周四下午三点，地点不变", "neutral"),
    (
        "Honestly this is the third time the invoice has the wrong amount. I'm done chasing this.",
        "anger",
    ),
    (
        "We were promised the app on the 1st. It's the 15th and nobody has told us anything. Unacceptable.",
        "anger",
    ),
    ("Why is the staging site down AGAIN??? Our client demo was ruined.", "anger"),
    (
        "I'm really disappointed. The copy is full of typos and the tone is nothing like our brief.",
        "anger",
    ),
    (
        "Our board meets at 9am tomorrow and I still don't have the deck. Is there any way to get it tonight?",
        "anxiety",
    ),
    (
        "Sorry to chase, but my boss keeps asking whether the shipment will make it before the holidays.",
        "anxiety",
    ),
    (
        "Just checking we're still on track for Friday? I'm a bit nervous about the launch.",
        "anxiety",
    ),
    (
        "The new landing page looks fantastic. Conversions are already up, thank you so much!",
        "satisfaction",
    ),
    ("Great work on the workshop yesterday, the team loved it.", "satisfaction"),
    ("Thanks for the quick turnaround, really appreciate it.", "satisfaction"),
    ("Could you send the invoice to accounts@example.com instead of me?", "neutral"),
    ("Our office will be closed on Monday for the public holiday.", "neutral"),
    ("Please find our updated brand guidelines attached.", "neutral"),
]


def test_the_model_reads_most_of_a_hand_written_set_right() -> None:
    right = sum(1 for text, label in HAND_SET if classify(text).label == label)
    assert right / len(HAND_SET) >= 0.85, right


@pytest.mark.parametrize(
    "text",
    [
        "你们到底有没有人在管这个项目？？？再拖下去我们就换一家了",
        "This is completely unacceptable. I want a refund.",
        "Still waiting. Third reminder this week. Nobody replies.",
    ],
)
def test_blunt_anger_reads_as_anger_with_a_high_score(text: str) -> None:
    affect = classify(text)
    assert affect.label == "anger"
    assert affect.score > 0.7


def test_scores_are_a_probability_distribution() -> None:
    affect = classify("样品什么时候能到？我们这边很急")
    assert [label for label, _ in affect.scores] == list(LABELS)
    assert sum(p for _, p in affect.scores) == pytest.approx(1.0)
    assert affect.score == max(p for _, p in affect.scores)
    assert affect.probability(affect.label) == affect.score


def test_an_empty_message_is_neutral() -> None:
    assert classify("   ").label == "neutral"


def test_the_language_is_detected_when_not_given() -> None:
    assert language_of("PPT 明天发您") == "zh"
    assert language_of("Thanks, see you tomorrow") == "en"
    assert classify("谢谢！太棒了").label == classify("谢谢！太棒了", "zh").label


# --- cues


def cue_texts(cues: tuple[Cue, ...]) -> list[str]:
    return [c.text for c in cues]


def test_it_finds_repetition_and_punctuation_in_chinese() -> None:
    cues = find_cues("这个版本还是不行，已经第三次了！！！", "zh")
    assert cue_texts(cues) == ["还是不行", "第三次", "！！！"]
    assert {c.label for c in cues} == {"anger"}
    assert {c.kind for c in cues} == {"repeat", "punctuation"}


def test_cue_offsets_point_into_the_original_text() -> None:
    text = "Why is it broken AGAIN??? 😡"
    for cue in find_cues(text, "en"):
        assert text[cue.start : cue.end] == cue.text


def test_negated_praise_is_not_praise() -> None:
    assert not [c for c in find_cues("不太满意这个效果", "zh") if c.label == "satisfaction"]
    assert not [c for c in find_cues("We are not happy with it", "en") if c.label == "satisfaction"]
    assert "not happy" in cue_texts(find_cues("We are not happy with it", "en"))


def test_common_acronyms_are_not_shouting() -> None:
    assert not [
        c
        for c in find_cues("Please send the PDF and the SEO report ASAP", "en")
        if c.kind == "caps"
    ]
    assert [c.text for c in find_cues("This is WRONG", "en") if c.kind == "caps"] == ["WRONG"]


def test_cue_prior_counts_each_kind_at_most_twice() -> None:
    cues = find_cues("again again again again", "en")
    assert len(cues) == 4
    prior = cue_prior(cues)
    assert prior[LABELS.index("anger")] == pytest.approx(2 * 0.5)
    assert prior[LABELS.index("satisfaction")] == 0


def test_brace_expansion_yields_every_option() -> None:
    assert sorted(expand("又{错,拖}{,了}")) == ["又拖", "又拖了", "又错", "又错了"]


# --- the shipped model and its data


def test_the_shipped_model_was_trained_on_the_data_in_the_repository() -> None:
    import hashlib

    model = json.loads((ROOT / "src/warmline/coach/model/emotion.json").read_text(encoding="utf-8"))
    assert model["labels"] == list(LABELS)
    for lang in ("zh", "en"):
        paths = sorted((ROOT / "data/emotion").glob(f"{lang}.*jsonl"))
        assert f"{lang}.jsonl" in {p.name for p in paths}
        digests = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}
        assert model["trained_on"][lang]["files"] == digests


def test_features_are_character_pairs_in_chinese_and_words_in_english() -> None:
    zh, _ = features("又错了", "zh")
    assert {"又", "错", "又错", "错了"} <= set(zh)
    en, cue_feats = features("not happy again", "en")
    assert {"w:happy", "b:not happy", "n:happy"} <= set(en)
    assert "cue:anger" in cue_feats
