"""The draft model (coach/draftmodel.py) and the rules it backs (core.model-*).

The drafts here were written for these tests, not taken from the training set.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from warmline.coach import CheckContext, check, config_from_mapping, engine
from warmline.coach.detector import as_model_reads
from warmline.coach.draftmodel import (
    LABELS,
    DraftScores,
    features,
    score,
    sentences,
    strongest_sentence,
    thresholds,
    vetoes,
    weak_vetoes,
)
from warmline.coach.rule import Rule, parse_rule
from warmline.coach.textmodel import Featuriser, LinearModel, logits
from warmline.core.error import WarmlineError

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "src" / "warmline" / "coach" / "model" / "drafts.json"
MODEL_RULES = {
    "C1": "core.model-vague-time",
    "T4": "core.model-evasive-answer",
    "S1": "core.model-own-difficulty",
    "C4": "core.model-conflict",
}

# Drafts no phrase list names, one per principle and language (written for this test).
FLAGGED = [
    ("C1", "合同走完内部流程就给您寄过去，大概下旬吧"),
    ("C1", "We'll send the signed copy back after our director returns."),
    ("T4", "能不能赶上周年庆，现在真没底"),
    ("T4", "Wouldn't have a clue about the customs side, sorry."),
    ("S1", "这周店里就我一个人，实在转不过身"),
    ("S1", "Honestly the crew has been on twelve-hour shifts for weeks."),
    ("C4", "是你们采购自己下错了单"),
    (
        "C4",
        "Well, if the files had come when they were supposed to, none of this would have happened.",
    ),
]


def _model_findings(text: str, ctx: CheckContext, **settings: object) -> list[tuple[str, str]]:
    config = config_from_mapping(settings) if settings else None
    return [
        (f.principle, f.rule) for f in check(text, ctx, config) if f.rule.startswith("core.model-")
    ]


# --- the shipped file


def test_the_model_scores_the_four_principles_in_both_languages() -> None:
    model = json.loads(MODEL.read_text(encoding="utf-8"))
    assert model["labels"] == list(LABELS) == ["C1", "T4", "S1", "C4"]
    assert set(model["langs"]) == {"zh", "en"}
    for lang in ("zh", "en"):
        assert len(thresholds(lang)) == 4
        assert all(0.0 < t < 1.0 for t in thresholds(lang))
        # the thresholds are the cross-validated ones the training script chose
        assert [model["cv"][lang][p]["threshold"] for p in LABELS] == list(thresholds(lang))


def test_the_shipped_model_was_trained_on_the_data_in_the_repository() -> None:
    model = json.loads(MODEL.read_text(encoding="utf-8"))
    for lang in ("zh", "en"):
        paths = sorted((ROOT / "data" / "drafts").glob(f"{lang}*.jsonl"))
        assert f"{lang}.jsonl" in {p.name for p in paths}
        digests = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}
        assert model["trained_on"][lang]["files"] == digests, (
            "data/drafts changed: retrain with `python scripts/train_drafts.py`"
        )


def test_every_training_line_is_labelled_with_known_principles() -> None:
    for path in sorted((ROOT / "data" / "drafts").glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            item = json.loads(line)
            assert isinstance(item["text"], str) and item["text"].strip(), (path, number)
            assert set(item["labels"]) <= set(LABELS), (path, number)


# --- scores and spans


def test_scores_are_probabilities_and_cached_per_text() -> None:
    first = score("这周店里就我一个人，实在转不过身", "zh")
    assert all(0.0 <= p <= 1.0 for p in first.probabilities)
    assert score("这周店里就我一个人，实在转不过身", "zh") is first


def test_features_name_clock_and_day() -> None:
    _, named = features("明天 18:00 前发您", "zh")
    assert named == ["cue:clock", "cue:day", "cue:pinned"]
    grams, named = features("We'll send it over shortly", "en")
    assert named == []
    assert {"w:send", "b:send it", "c:shor"} <= set(grams)


def test_sentences_split_on_sentence_marks_not_commas() -> None:
    text = "好的，收到。这周人手不够，晚点发您！"
    assert [text[a:b] for a, b in sentences(text)] == ["好的，收到", "这周人手不够，晚点发您"]
    assert sentences("  ") == []


def test_the_strongest_sentence_is_the_one_about_the_principle() -> None:
    text = "Thanks for the brief. Honestly the crew has been on twelve-hour shifts for weeks."
    start, end = strongest_sentence(text, "en", "S1")
    assert text[start:end] == "Honestly the crew has been on twelve-hour shifts for weeks"


# --- the rules it backs


@pytest.mark.parametrize(("principle", "text"), FLAGGED)
@pytest.mark.parametrize("ui", ["zh", "en"])
def test_a_model_finding_has_a_span_a_message_and_a_concrete_suggestion(
    principle: str, text: str, ui: str, wednesday_in_beijing: CheckContext
) -> None:
    ctx = CheckContext(now=wednesday_in_beijing.now, ui_lang=ui, client_zone="Asia/Shanghai")  # type: ignore[arg-type]
    found = [f for f in check(text, ctx) if f.rule == MODEL_RULES[principle]]
    assert len(found) == 1, [(f.rule, f.match) for f in check(text, ctx)]
    f = found[0]
    assert f.principle == principle and f.level == "warning"
    assert 0 <= f.start < f.end <= len(text) and text[f.start : f.end] == f.match
    assert f.match.strip() == f.match
    assert f.match in f.message
    assert not re.search(r"\{\w+\}", f.message + f.suggestion)
    zh_draft = any("\u4e00" <= c <= "\u9fff" for c in text)
    # the message follows the UI, the suggestion the draft, with a concrete date
    assert any("\u4e00" <= c <= "\u9fff" for c in f.message.replace(f.match, "")) == (ui == "zh")
    assert ("（北京时间）" if zh_draft else "(Beijing time)") in f.suggestion


def test_a_c1_finding_points_at_the_vague_time_when_there_is_one(
    wednesday_in_beijing: CheckContext,
) -> None:
    [found] = [f for f in check("合同签完字寄回去，估计得周四了", wednesday_in_beijing)]
    assert (found.rule, found.match) == ("core.model-vague-time", "周四")
    assert found.suggestion == "周四（11月26日）下午 17:00（北京时间）"
    [found] = check("We'll send it over once legal is done, around the 3rd.", wednesday_in_beijing)
    assert (found.rule, found.match) == ("core.model-vague-time", "the 3rd")
    assert found.suggestion == "Thu 3 Dec, 17:00 (Beijing time)"


def test_no_model_finding_where_a_phrase_rule_flagged_the_principle(
    wednesday_in_beijing: CheckContext,
) -> None:
    text = "时间太紧了，我们这周实在转不过身"
    principles = [f.principle for f in check(text, wednesday_in_beijing)]
    assert principles.count("S1") >= 1
    assert _model_findings(text, wednesday_in_beijing) == []


def test_clean_drafts_and_greetings_get_no_model_finding(
    wednesday_in_beijing: CheckContext,
) -> None:
    for text in (
        "好的，附件是修改后的报价单，请查收",
        "周末愉快，下周见！",
        "Thanks, the revised quote is attached.",
        "Have a lovely weekend! Talk soon.",
        "样品周五（11月27日）上午 10:00 前寄出，单号稍后我发您的话会写明几点",
    ):
        assert [p for p, _ in _model_findings(text, wednesday_in_beijing) if p != "C1"] == [], text
    assert _model_findings("Have a lovely weekend! Talk soon.", wednesday_in_beijing) == []


# --- settings


def test_a_model_rule_can_be_switched_off_or_its_level_changed(
    wednesday_in_beijing: CheckContext,
) -> None:
    text = "这周店里就我一个人，实在转不过身"
    assert ("S1", "core.model-own-difficulty") in _model_findings(text, wednesday_in_beijing)
    off = _model_findings(text, wednesday_in_beijing, rules={"core.model-own-difficulty": "off"})
    assert ("S1", "core.model-own-difficulty") not in off
    config = config_from_mapping({"rules": {"core.model-own-difficulty": "suggestion"}})
    levels = {f.rule: f.level for f in check(text, wednesday_in_beijing, config)}
    assert levels["core.model-own-difficulty"] == "suggestion"


def test_words_a_user_allows_are_not_read_by_the_model(
    wednesday_in_beijing: CheckContext,
) -> None:
    text = "这次是你们采购自己下错了单，我们已经在补发了"
    assert ("C4", "core.model-conflict") in _model_findings(text, wednesday_in_beijing)
    allowed = _model_findings(
        text,
        wednesday_in_beijing,
        rules={"core.model-conflict": {"allow": {"zh": ["你们采购自己下错了"]}}},
    )
    assert ("C4", "core.model-conflict") not in allowed


# --- rule files that use the model


MODEL_RULE = """\
principle: {principle}
kind: python
detector: draft-model
level: warning
lang: [zh, en]
message: "“{{match}}”"
suggestion: "{suggestion}"
examples:
  flag: ["是你们采购自己下错了单"]
  pass: ["好的"]
"""


def test_a_model_rule_for_a_principle_the_model_does_not_score_is_refused() -> None:
    with pytest.raises(WarmlineError) as info:
        parse_rule(MODEL_RULE.format(principle="R2", suggestion="x"), "t.r", "packs/t/r.yaml")
    assert info.value.message.startswith("packs/t/r.yaml:1: principle: ")
    assert "C1, T4, S1, C4" in info.value.message


def test_a_model_rule_may_only_use_the_values_of_its_principle() -> None:
    parse_rule(MODEL_RULE.format(principle="S1", suggestion="{first} {full}"), "t.r", "r.yaml")
    with pytest.raises(WarmlineError) as info:
        parse_rule(MODEL_RULE.format(principle="S1", suggestion="{when}"), "t.r", "r.yaml")
    assert "unknown placeholder {when}" in info.value.message


def test_only_rules_whose_detector_reads_them_take_exceptions() -> None:
    text = MODEL_RULE.format(principle="C4", suggestion="{by}") + "exceptions: {zh: ['好的']}\n"
    assert parse_rule(text, "t.r", "r.yaml").exceptions == (("zh", ("好的",)),)
    tone = text.replace("detector: draft-model", "detector: tone").replace("{by}", "{advice}")
    tone = tone.replace("principle: C4", "principle: R2")
    with pytest.raises(WarmlineError) as info:
        parse_rule(tone, "t.r", "r.yaml")
    assert "takes no exceptions" in info.value.message


# --- the model's veto over phrase rules (model_veto: true)


def test_scores_withdraw_below_the_veto_threshold_only() -> None:
    scores = DraftScores((0.01, 0.5, 0.02, 0.9), (0.5, 0.5, 0.5, 0.5), (0.02, 0.02, 0.0, 0.02))
    assert scores.withdraws("C1")  # 0.01 < 0.02
    assert not scores.withdraws("T4")
    assert not scores.withdraws("S1")  # a veto of 0 never withdraws
    assert not scores.withdraws("C4")


def test_the_shipped_vetoes_are_low() -> None:
    for lang in ("zh", "en"):
        assert all(0.0 <= v <= 0.1 for v in vetoes(lang))
        assert all(v < t for v, t in zip(vetoes(lang), thresholds(lang), strict=True))


VAGUE = "方案周末发您"  # core.vague-time


def test_the_model_withdraws_vetoable_phrase_findings(
    wednesday_in_beijing: CheckContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "core.vague-time" in {f.rule for f in check(VAGUE, wednesday_in_beijing)}
    asked: list[str] = []

    def sure_it_is_fine(text: str, lang: str, rule: Rule) -> bool:
        asked.append(rule.id)
        return True

    monkeypatch.setattr(engine, "model_withdraws", sure_it_is_fine)
    text = VAGUE + "，大概需要一些时间"  # + core.vague-quantity, a hint the model does not veto
    rules = {f.rule for f in check(text, wednesday_in_beijing)}
    assert "core.vague-time" not in rules
    assert "core.vague-quantity" in rules
    assert asked == ["core.model-vague-time"]  # asked once per principle


def test_the_veto_also_reads_the_draft_without_other_principles_words(
    wednesday_in_beijing: CheckContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = VAGUE + "，这个问题不是我们的错"  # + core.blame (C4)
    read: list[str] = []

    def sound_only_while_the_blame_is_there(text: str, lang: str, rule: Rule) -> bool:
        if rule.principle != "C1":
            return False  # the blame stands on its own
        read.append(text)
        return "不是我们的错" in text  # blanked out, the draft reads as a vague time again

    monkeypatch.setattr(engine, "model_withdraws", sound_only_while_the_blame_is_there)
    rules = {f.rule for f in check(text, wednesday_in_beijing)}
    assert "core.vague-time" in rules
    assert read == [text, VAGUE + "，这个问题" + " " * len("不是我们的错")]

    # words the first reading withdraws, or mere suggestions, are not blanked: the
    # draft as written decides
    read.clear()
    monkeypatch.setattr(engine, "model_withdraws", lambda text, lang, rule: True)
    assert "core.vague-time" not in {f.rule for f in check(text, wednesday_in_beijing)}


def test_a_draft_with_several_faults_keeps_each_of_them(
    wednesday_in_beijing: CheckContext,
) -> None:
    # read whole by the shipped model, the blame here drowns the vague time and the
    # busy week out: each is still flagged
    text = "周末给您新方案，这个问题不是我们的错，是您那边没说清楚。我们最近太忙了，不好说什么时候能好。"
    found = {
        f.principle: f.match
        for f in check(text, wednesday_in_beijing)
        if f.level in ("warning", "error")
    }
    assert found.get("C1") == "周末"
    assert found.get("S1") == "太忙了"
    assert {"C4", "T4"} <= found.keys()


def test_no_veto_when_the_model_rule_is_off_or_the_user_added_phrases(
    wednesday_in_beijing: CheckContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine, "model_withdraws", lambda text, lang, rule: True)
    off = config_from_mapping({"rules": {"core.model-vague-time": "off"}})
    assert "core.vague-time" in {f.rule for f in check(VAGUE, wednesday_in_beijing, off)}
    own = config_from_mapping({"rules": {"core.vague-time": {"phrases": {"zh": ["回头"]}}}})
    found = {f.match for f in check("回头发您，方案周末发您", wednesday_in_beijing, own)}
    assert {"回头", "周末"} <= found


def test_model_veto_is_for_phrase_rules_of_the_model_principles() -> None:
    rule = """\
principle: {principle}
kind: existence
level: warning
lang: [zh]
model_veto: {veto}
message: "x"
suggestion: "y"
tokens: {{zh: ['周末']}}
examples:
  flag: ["周末发您"]
  pass: ["好的"]
"""
    assert parse_rule(rule.format(principle="C1", veto="true"), "t.r", "r.yaml").model_veto
    with pytest.raises(WarmlineError) as info:
        parse_rule(rule.format(principle="C2", veto="true"), "t.r", "packs/t/r.yaml")
    assert info.value.message.startswith("packs/t/r.yaml:5: model_veto: ")
    with pytest.raises(WarmlineError) as info:
        parse_rule(rule.format(principle="C1", veto="'yes'"), "t.r", "r.yaml")
    assert "give true or false" in info.value.message
    model = MODEL_RULE.format(principle="C4", suggestion="{by}") + "model_veto: true\n"
    with pytest.raises(WarmlineError):
        parse_rule(model, "t.r", "r.yaml")


# --- the higher veto over a rule's weak words (weak_words)


def test_weak_words_are_withdrawn_below_the_higher_of_the_two_vetoes() -> None:
    scores = DraftScores(
        (0.15, 0.15, 0.15, 0.15),
        (0.5, 0.5, 0.5, 0.5),
        (0.2, 0.05, 0.0, 0.0),
        (0.0, 0.21, 0.1, 0.0),
    )
    assert scores.withdraws_weak("C1")  # the plain veto (.2) is the higher
    assert scores.withdraws_weak("T4") and not scores.withdraws("T4")
    assert not scores.withdraws_weak("S1")  # 0.15 >= 0.1
    assert not scores.withdraws_weak("C4")


def test_the_shipped_weak_vetoes_sit_between_the_veto_and_the_threshold() -> None:
    for lang in ("zh", "en"):
        weak = dict(zip(LABELS, weak_vetoes(lang), strict=True))
        assert {p for p, v in weak.items() if v} == {"T4"}
        i = LABELS.index("T4")
        assert vetoes(lang)[i] < weak["T4"] < thresholds(lang)[i]


WEAK_AND_DEFERRAL = "不清楚，再说吧"  # 不清楚 is a weak word of evasive-answer, 再说吧 is not


def test_only_a_finding_of_weak_words_is_withdrawn_at_the_weak_veto(
    wednesday_in_beijing: CheckContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    def matches() -> set[str]:
        return {
            f.match
            for f in check(WEAK_AND_DEFERRAL, wednesday_in_beijing)
            if f.rule == "core.evasive-answer"
        }

    monkeypatch.setattr(engine, "model_withdraws", lambda text, lang, rule, weak=False: False)
    assert matches() == {"不清楚", "再说吧"}
    asked: list[str] = []

    def sound_enough(text: str, lang: str, rule: Rule, *, weak: bool = False) -> bool:
        """Sound enough for weak words only, not clearly sound."""
        if weak:
            asked.append(rule.id)
        return weak

    monkeypatch.setattr(engine, "model_withdraws", sound_enough)
    assert matches() == {"再说吧"}
    assert asked == ["core.model-evasive-answer"]  # read once per principle
    # a user's own phrases are never withdrawn (their rule loses model_veto)
    own = config_from_mapping({"rules": {"core.evasive-answer": {"phrases": {"zh": ["随便"]}}}})
    found = {f.match for f in check(WEAK_AND_DEFERRAL, wednesday_in_beijing, own)}
    assert "不清楚" in found


def test_a_sound_draft_loses_a_weak_word_finding_through_the_real_model(
    wednesday_in_beijing: CheckContext,
) -> None:
    # not knowing the client's choice, with what holds either way: the model reads it as
    # above the plain veto but below the weak one
    text = "I don't know which frame you'll choose, but both come with a two-year guarantee."
    reading = score(text, "en")
    assert not reading.withdraws("T4") and reading.withdraws_weak("T4")
    models_off = config_from_mapping({"rules": {rule: "off" for rule in MODEL_RULES.values()}})
    assert "core.evasive-answer" in {f.rule for f in check(text, wednesday_in_beijing, models_off)}
    assert "T4" not in {f.principle for f in check(text, wednesday_in_beijing)}


def test_weak_words_need_model_veto() -> None:
    rule = """\
principle: T4
kind: existence
level: warning
lang: [zh]
{veto}weak_words: {{zh: ['不清楚']}}
message: "x"
suggestion: "y"
tokens: {{zh: ['不清楚', '再说吧']}}
examples:
  flag: ["不清楚"]
  pass: ["好的"]
"""
    parsed = parse_rule(rule.format(veto="model_veto: true\n"), "t.r", "r.yaml")
    assert parsed.weak_words_for("zh") == ("不清楚",)
    with pytest.raises(WarmlineError) as info:
        parse_rule(rule.format(veto=""), "t.r", "packs/t/r.yaml")
    assert "weak words need model_veto: true" in info.value.message
    with pytest.raises(WarmlineError) as info:
        parse_rule(
            rule.format(veto="model_veto: true\n").replace("{zh: ['不清楚']}", "{en: ['x']}", 1),
            "t.r",
            "r.yaml",
        )
    assert "not in the rule's lang list" in info.value.message


def test_a_clearly_sound_draft_loses_a_phrase_finding_through_the_real_model(
    wednesday_in_beijing: CheckContext,
) -> None:
    # "很难说" and "很难" are the evasive-answer and own-difficulty phrase rules' words,
    # but this draft answers with a timeline: the shipped model withdraws the
    # evasive-answer finding, and a phrase finding stays exactly where it does not
    text = "这件事我们很难说谁对谁错，我整理了时间线，附件里，您看一下"
    models_off = config_from_mapping({"rules": {rule: "off" for rule in MODEL_RULES.values()}})
    without = {f.rule for f in check(text, wednesday_in_beijing, models_off)}
    assert {"core.evasive-answer", "core.own-difficulty"} <= without
    reading = score(text, "zh")
    assert reading.withdraws("T4")
    kept = {f.principle for f in check(text, wednesday_in_beijing)}
    for principle in ("T4", "S1"):
        assert (principle in kept) == (not reading.withdraws(principle)), principle
    # a draft the model does not read as sound keeps its phrase finding
    assert not score("方案周末发您", "zh").withdraws("C1")
    assert "core.vague-time" in {f.rule for f in check("方案周末发您", wednesday_in_beijing)}


# --- how the model reads a draft (features and blanked words)


@pytest.mark.parametrize("orders", [(1, 2, 3), (1, 2), (2, 3), (3,), (1,)])
@pytest.mark.parametrize(
    "norm", ["", " ", "好", "周末发您", "报价单  在附件里\t请查收", "ppt 第三页 update 了", "a\nb"]
)
def test_chinese_n_grams_are_every_slice_of_the_framed_text(
    orders: tuple[int, ...], norm: str
) -> None:
    framed = "\x02" + " ".join(norm.split()) + "\x03"
    expected = [framed[i : i + k] for k in orders for i in range(len(framed) - k + 1)]
    expected += ["w:" + w for w in re.findall(r"[a-z]{2,}", norm)]
    assert sorted(Featuriser(zh_orders=orders).grams(norm, "zh")) == sorted(expected)


def _exception_rule(rule_id: str, words: list[str]) -> Rule:
    text = MODEL_RULE.format(principle="C1", suggestion="{when}")
    return parse_rule(text + f"exceptions: {{zh: {words!r}}}\n", rule_id, "r.yaml")


def test_each_model_rule_blanks_only_its_own_words() -> None:
    # the rules' words are asked of one set per language; each rule still reads the
    # draft with only its own words blanked
    weekend, next_week = _exception_rule("t.a", ["周末"]), _exception_rule("t.b", ["下周"])
    text = "周末或者下周都行"
    assert as_model_reads(text, "zh", weekend) == "  或者下周都行"
    assert as_model_reads(text, "zh", next_week) == "周末或者  都行"
    assert as_model_reads("好的", "zh", weekend) == "好的"
    # a rule first seen later joins the set without changing the others' readings
    later = _exception_rule("t.c", ["都行"])
    assert as_model_reads(text, "zh", later) == "周末或者下周  "
    assert as_model_reads(text, "zh", weekend) == "  或者下周都行"


_WEIGHT = st.integers(-200_000, 200_000).map(lambda q: q / 10_000)  # the shipped 4-decimal grid


@given(
    rows=st.dictionaries(
        st.text("abc甲乙", min_size=1, max_size=3), st.tuples(*[_WEIGHT] * 4), max_size=12
    ),
    bias=st.tuples(*[_WEIGHT] * 4),
    grams=st.lists(st.text("abc甲乙", min_size=1, max_size=3), max_size=30),
    extra=st.lists(st.sampled_from(["cue:clock", "cue:day", "cue:none"]), max_size=3),
)
def test_packed_rows_give_the_scores_of_the_reference_sum(
    rows: dict[str, tuple[float, ...]],
    bias: tuple[float, ...],
    grams: list[str],
    extra: list[str],
) -> None:
    """LinearModel.logits adds rows packed into integers; textmodel.logits adds the
    float rows one label at a time (the training scripts' path): the same scores,
    negative weights and repeated features included."""
    weights = {**rows, "cue:clock": (0.5, -1.25, 0.0, 2.0), "cue:day": (-0.0001, 0, 0, 3.5)}
    model = LinearModel(bias, weights)
    got = model.logits(grams, extra)
    want = logits(grams, extra, weights, bias)
    assert got == pytest.approx(want, abs=1e-9)


def test_no_model_finding_when_the_exceptions_leave_almost_nothing_to_read() -> None:
    """ "Honestly we're swamped, no way we can do it." is S1's: the T4 model rule blanks our
    hardship and would judge "honestly" alone, which it reads as evasive."""
    rule = next(r for r in engine.compile_rules().rules if r.id == MODEL_RULES["T4"])
    text = "Honestly we're swamped, no way we can do it."
    assert as_model_reads(text, "en", rule).split()[0] == "honestly"
    ctx = CheckContext(
        now=datetime(2026, 11, 24, 7, 0, tzinfo=UTC), lang="en", client_zone="Europe/London"
    )
    assert MODEL_RULES["T4"] not in {f.rule for f in check(text, ctx)}
    # a draft with words left is still read
    flagged = check("Can't really tell you how long the repair will take.", ctx)
    assert MODEL_RULES["T4"] in {f.rule for f in flagged}
