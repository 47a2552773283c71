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


def test_three_capitals_are_an_acronym_unless_they_spell_a_shouted_word() -> None:
    def caps(text: str) -> list[str]:
        return [c.text for c in find_cues(text, "en") if c.kind == "caps"]

    assert caps("We will send one cup and one plate by EMS tomorrow.") == []
    assert caps("DHL says the SKU is on the VAT invoice") == []
    assert caps("This is NOT what we asked for, WHY is it late") == ["NOT", "WHY"]
    assert caps("Please FIX this today, it is WAY TOO late") == ["FIX", "WAY", "TOO"]
    assert caps("The GET endpoint follows the WHO guidelines") == []


def test_whatever_is_a_shrug_only_as_an_interjection() -> None:
    def sarcasm(text: str) -> list[str]:
        return [c.text for c in find_cues(text, "en") if c.kind == "sarcasm"]

    assert sarcasm("axes work. one-pager: whatever the quote is, just go") == []
    assert sarcasm("ok whatever works for you") == []
    assert sarcasm("Whatever. Just send it.") == ["Whatever"]
    assert sarcasm("whatever, do what you want") == ["whatever"]
    assert sarcasm("whatever you say") == ["whatever"]
    assert sarcasm("ok whatever lol") == ["whatever"]
    assert sarcasm("whatever i guess just send it") == ["whatever"]
    assert sarcasm("Whatever you guys want, it's your call apparently.") == ["Whatever"]
    assert sarcasm("Whatever you think works best for the layout is fine with me!") == []


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


# --- real-message shapes: written for this test, not in the training data

REAL_SHAPES: list[tuple[str, Emotion]] = [
    # short chat anger, caps, punctuation
    ("still nothing?? seriously", "anger"),
    ("WHERE IS THE INVOICE", "anger"),
    ("ugh, broken again", "anger"),
    ("人呢？？？", "anger"),
    ("又拖？太离谱了", "anger"),
    ("说好的周三呢", "anger"),
    # polite but furious, repeated contact
    ("As per my last two emails, the shipment has still not been dispatched.", "anger"),
    ("This is the fifth time I have raised this issue with your team.", "anger"),
    ("I trust you appreciate how unacceptable this delay is for our business.", "anger"),
    ("这事我已经催了三次了，一拖再拖，请给个说法", "anger"),
    # sarcasm
    ("Oh perfect, the site went down during the launch. Great timing.", "anger"),
    ("效率真高啊，一个月改了一个字", "anger"),
    # urgent but polite is anxiety, not anger
    ("So sorry to rush you, could the files reach us by 4pm? Our printer closes at 5.", "anxiety"),
    ("不好意思催一下，明早要用，今晚能发我吗？谢谢！", "anxiety"),
    # praise with !!!
    ("WOW!!! The new site is gorgeous!!!", "satisfaction"),
    ("太棒了！！！客户当场就签了", "satisfaction"),
    # neutral messages that mention problems, refunds, complaints of a third party
    ("Small issue: the footer still shows last year's address. No rush.", "neutral"),
    ("How long does a refund usually take to show up?", "neutral"),
    ("Our courier dropped the parcel at the wrong door, could you resend the label?", "neutral"),
    ("有个小问题，第五页的日期写成了11号，方便时改一下", "neutral"),
    ("不急，下个月再说也行", "neutral"),
]


def test_real_message_shapes_are_read_right() -> None:
    wrong = [(t, g, classify(t).label) for t, g in REAL_SHAPES if classify(t).label != g]
    assert len(wrong) <= 2, wrong


def test_calm_words_are_not_urgency() -> None:
    for text, lang in [
        ("不急，您有空再看", "zh"),
        ("别担心，时间很充裕", "zh"),
        ("No rush, whenever you get a chance.", "en"),
        ("Don't worry about the delay.", "en"),
    ]:
        cues = find_cues(text, lang)  # type: ignore[arg-type]
        assert not [c for c in cues if c.label == "anxiety"], (text, cues)
        assert [c for c in cues if c.kind == "calm" and c.label == "neutral"], text


def test_negated_english_anger_words_are_no_cue() -> None:
    assert not [
        c for c in find_cues("No complaints at all, nothing wrong", "en") if c.label == "anger"
    ]
    assert [c for c in find_cues("We have complaints", "en") if c.label == "anger"]


def test_chinese_anger_after_bie_stays_anger() -> None:
    assert "找借口" in cue_texts(find_cues("别找借口了", "zh"))
    assert "敷衍" in cue_texts(find_cues("不要再敷衍我", "zh"))


def test_repeated_contact_is_a_repeat_cue() -> None:
    for text, lang in [
        ("催了两次了还没回", "zh"),
        ("As per my last email, the date is wrong.", "en"),
        ("This is my fourth reminder.", "en"),
    ]:
        assert [c for c in find_cues(text, lang) if c.kind == "repeat"], text  # type: ignore[arg-type]


def test_shape_features() -> None:
    _, shouted = features("WHY IS THE SITE STILL DOWN", "en")
    assert "x:shouting" in shouted and "x:short" not in shouted
    _, stretched = features("helloooo?", "en")
    assert {"x:elongated", "x:short"} <= set(stretched)
    _, quoted = features("说好的“马上”呢？？", "zh")
    assert {"x:quote", "x:??"} <= set(quoted)
    _, sarcastic = features("Thanks, great. Broken again.", "en")
    assert "x:praise+anger" in sarcastic
    _, plain = features("Please send the invoice to our finance team by Friday, thank you", "en")
    assert not [f for f in plain if f.startswith("x:")]


def test_chinese_start_and_end_marks_count_only_in_pairs() -> None:
    grams, _ = features("好的", "zh")
    assert "\x02" not in grams and "\x03" not in grams
    assert "\x02好" in grams and "的\x03" in grams


def test_again_in_praise_is_not_repetition() -> None:
    for text in ("10/10 would hire again.", "Thanks again!", "Not a single issue this time."):
        assert not [c for c in find_cues(text, "en") if c.label == "anger"], text
    assert [c for c in find_cues("Not a single reply in a week.", "en") if c.label == "anger"]


def test_clearing_us_of_blame_is_calm_not_anger() -> None:
    cues = find_cues("这不是你们的问题，是我们数据给晚了", "zh")
    assert not [c for c in cues if c.label == "anger"]
    assert [c for c in cues if c.kind == "calm"]
