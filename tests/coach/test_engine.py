"""The engine: loading and validating rule files, and running checks."""

from __future__ import annotations

import itertools
import json
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from warmline.coach import CheckContext, Finding, check, load_rules
from warmline.coach.config import CoachConfig
from warmline.coach.engine import draft_language
from warmline.coach.rule import load_pack, parse_rule
from warmline.core.error import WarmlineError
from warmline.core.text import detect_language

GOOD = """\
principle: C1
kind: existence
level: warning
lang: [en]
message: "“{match}” is vague"
suggestion: "{when}"
fix: resolve-time
tokens:
  en: ['by and by']
examples:
  flag: ["I'll do it by and by"]
  pass: ["Done."]
"""


def _error(text: str) -> str:
    with pytest.raises(WarmlineError) as info:
        parse_rule(text, "test.rule", "packs/test/rule.yaml")
    return info.value.message


def test_a_valid_rule_file_loads() -> None:
    rule = parse_rule(GOOD, "test.rule", "packs/test/rule.yaml")
    assert (rule.principle, rule.kind, rule.level, rule.langs) == (
        "C1",
        "existence",
        "warning",
        ("en",),
    )
    assert [e.flag for e in rule.examples] == [True, False]


def test_bad_yaml_names_the_file_and_line() -> None:
    message = _error(GOOD.replace("lang: [en]", "lang: [en"))
    assert message.startswith("packs/test/rule.yaml:")
    assert "not valid YAML" in message


def test_an_unknown_principle_names_its_line() -> None:
    message = _error(GOOD.replace("principle: C1", "principle: Z9"))
    assert message.startswith("packs/test/rule.yaml:1: principle:")
    assert "Z9" in message


def test_a_bad_pattern_names_the_line_of_the_pattern() -> None:
    message = _error(GOOD.replace("en: ['by and by']", "en: ['by and by', '(unclosed']"))
    assert message.startswith("packs/test/rule.yaml:9: tokens.en.1:")
    assert "regular expression" in message


def test_an_unknown_key_is_named_with_its_line() -> None:
    message = _error(GOOD + "levle: error\n")
    assert message.startswith("packs/test/rule.yaml:13: levle:")


def test_a_duplicate_key_is_refused() -> None:
    message = _error(GOOD + "level: error\n")
    assert ":13:" in message
    assert "twice" in message


def test_a_placeholder_no_fixer_provides_is_refused() -> None:
    message = _error(GOOD.replace('suggestion: "{when}"', 'suggestion: "{whenn}"'))
    assert message.startswith("packs/test/rule.yaml:6: suggestion.zh:")
    assert "{whenn}" in message


def test_a_rule_without_pass_examples_is_refused() -> None:
    message = _error(GOOD.replace('  pass: ["Done."]\n', ""))
    assert "examples" in message
    assert "pass" in message


def test_an_example_match_must_occur_in_its_text() -> None:
    bad = GOOD.replace(
        """flag: ["I'll do it by and by"]""",
        """flag: [{text: "I'll do it by and by", match: "soon"}]""",
    )
    message = _error(bad)
    assert message.startswith("packs/test/rule.yaml:11: examples.flag.0.match:")


def test_a_pattern_that_matches_empty_text_is_refused() -> None:
    message = _error(GOOD.replace("en: ['by and by']", "en: ['(?:x)?']"))
    assert "empty text" in message


def test_a_pack_folder_names_rules_after_their_files(tmp_path: Path) -> None:
    pack = tmp_path / "house"
    pack.mkdir()
    (pack / "by-and-by.yaml").write_text(GOOD, encoding="utf-8")
    rules = load_pack(pack)
    assert [r.id for r in rules] == ["house.by-and-by"]


def test_a_bad_file_in_a_pack_names_that_file(tmp_path: Path) -> None:
    pack = tmp_path / "house"
    pack.mkdir()
    (pack / "broken.yaml").write_text(GOOD.replace("kind: existence", "kind: magic"), "utf-8")
    with pytest.raises(WarmlineError) as info:
        load_pack(pack)
    assert info.value.message.startswith(f"{pack / 'broken.yaml'}:2: kind:")


def _house_with_list(tmp_path: Path, rule: str, listing: str) -> Path:
    pack = tmp_path / "house"
    (pack / "lists").mkdir(parents=True)
    (pack / "by-and-by.yaml").write_text(rule, encoding="utf-8")
    # a list names its rules' principles and gives examples per language (after the
    # patterns, so the patterns keep their line numbers)
    tail = "principle: C1\nexamples:\n" + "".join(
        f"  {lang}: ['by and by, dear']\n"
        for lang in ("zh", "en")
        if listing.startswith(f"{lang}:") or f"\n{lang}:" in listing
    )
    (pack / "lists" / "wishes.yaml").write_text(listing + tail, encoding="utf-8")
    return pack


def _ctx() -> CheckContext:
    return CheckContext(now=datetime(2026, 11, 25, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")))


def test_a_rule_takes_a_shared_exception_list_of_its_pack(tmp_path: Path) -> None:
    rule = GOOD.replace("examples:", "exceptions:\n  use: [wishes]\nexamples:")
    pack = _house_with_list(tmp_path, rule, "en:\n  - 'bye and bye'\n  - 'by and by, dear'\n")
    (loaded,) = load_pack(pack)
    assert loaded.exceptions_for("en") == ("bye and bye", "by and by, dear")
    config = CoachConfig(extra_rules=(loaded,))

    def ours(text: str) -> list[str]:
        return [f.match for f in check(text, _ctx(), config) if f.rule == loaded.id]

    assert ours("Sure, by and by, dear") == []
    assert ours("I'll send it by and by") == ["by and by"]


def test_a_list_adds_only_the_rules_languages_and_goes_before_its_own(tmp_path: Path) -> None:
    rule = GOOD.replace(
        "examples:", "exceptions:\n  use: [wishes]\n  en: ['by and by!']\nexamples:"
    )
    pack = _house_with_list(tmp_path, rule, "zh:\n  - '慢慢来'\nen:\n  - 'by and by, dear'\n")
    (loaded,) = load_pack(pack)
    assert loaded.exceptions == (("en", ("by and by, dear", "by and by!")),)


def test_an_unknown_exception_list_names_the_rule_file_and_line(tmp_path: Path) -> None:
    rule = GOOD.replace("examples:", "exceptions:\n  use: [wishes, hopes]\nexamples:")
    pack = _house_with_list(tmp_path, rule, "en:\n  - 'by and by, dear'\n")
    with pytest.raises(WarmlineError) as info:
        load_pack(pack)
    message = info.value.message
    assert message.startswith(f"{pack / 'by-and-by.yaml'}:11: exceptions.use.1:")
    assert "'hopes'" in message and "wishes" in message


def test_a_pattern_both_in_a_rule_and_its_list_is_refused(tmp_path: Path) -> None:
    rule = GOOD.replace(
        "examples:", "exceptions:\n  use: [wishes]\n  en: ['by and by, dear']\nexamples:"
    )
    pack = _house_with_list(tmp_path, rule, "en:\n  - 'by and by, dear'\n")
    with pytest.raises(WarmlineError) as info:
        load_pack(pack)
    assert info.value.message.startswith(f"{pack / 'by-and-by.yaml'}:12: exceptions.en.0:")
    assert "already in the exception list 'wishes'" in info.value.message


def test_a_bad_pattern_in_a_list_names_the_list_file_and_line(tmp_path: Path) -> None:
    rule = GOOD.replace("examples:", "exceptions:\n  use: [wishes]\nexamples:")
    pack = _house_with_list(tmp_path, rule, "en:\n  - 'by and by, dear'\n  - 'By (and'\n")
    with pytest.raises(WarmlineError) as info:
        load_pack(pack)
    assert info.value.message.startswith(f"{pack / 'lists' / 'wishes.yaml'}:3: en.1:")


@pytest.mark.parametrize(
    ("exceptions", "listing", "where", "problem"),
    [
        ("  use: [wishes, wishes]\n", "en:\n  - 'a b'\n", "exceptions.use.1", "named twice"),
        ("  en: ['a b', 'a b']\n", "en:\n  - 'c d'\n", "exceptions.en.1", "given twice"),
        ("  use: [wishes]\n", "zh:\n  - '慢慢来'\n", "exceptions.use", "no patterns in"),
    ],
)
def test_exception_list_mistakes_name_the_rule_file(
    tmp_path: Path, exceptions: str, listing: str, where: str, problem: str
) -> None:
    rule = GOOD.replace("examples:", f"exceptions:\n{exceptions}examples:")
    pack = _house_with_list(tmp_path, rule, listing)
    with pytest.raises(WarmlineError) as info:
        load_pack(pack)
    assert info.value.message.startswith(f"{pack / 'by-and-by.yaml'}:")
    assert f": {where}: " in info.value.message and problem in info.value.message


@pytest.mark.parametrize(
    ("listing", "where", "problem"),
    [
        ("en:\n  - 'a b'\n  - 'a b'\n", "en.1", "given twice"),
        ("fr:\n  - 'a b'\n", "fr", "unknown key 'fr'"),
    ],
)
def test_list_file_mistakes_name_the_list_file(
    tmp_path: Path, listing: str, where: str, problem: str
) -> None:
    rule = GOOD.replace("examples:", "exceptions:\n  use: [wishes]\nexamples:")
    pack = _house_with_list(tmp_path, rule, listing)
    with pytest.raises(WarmlineError) as info:
        load_pack(pack)
    assert info.value.message.startswith(f"{pack / 'lists' / 'wishes.yaml'}:")
    assert f": {where}: " in info.value.message and problem in info.value.message


def test_a_list_for_other_principles_is_refused(tmp_path: Path) -> None:
    rule = GOOD.replace("examples:", "exceptions:\n  use: [wishes]\nexamples:")
    pack = _house_with_list(
        tmp_path, rule.replace("principle: C1", "principle: T4"), "en:\n  - 'a b'\n"
    )
    with pytest.raises(WarmlineError) as info:
        load_pack(pack)
    assert info.value.message.startswith(f"{pack / 'by-and-by.yaml'}:")
    assert "is for rules of C1, not T4" in info.value.message


def test_findings_point_at_the_matched_text(wednesday_in_beijing: CheckContext) -> None:
    text = "王总好！方案周末发您，报价我也不知道，技术部没理解您的需求。"
    findings = check(text, wednesday_in_beijing)
    assert findings == sorted(findings, key=lambda f: f.start)
    for f in findings:
        assert text[f.start : f.end] == f.match
    assert {f.principle for f in findings} >= {"C1", "T4", "C4"}


def test_the_message_follows_the_ui_language_and_the_suggestion_the_draft(
    wednesday_in_beijing: CheckContext,
) -> None:
    english_ui = check("周末发您", wednesday_in_beijing)[0]
    chinese_ui = check("周末发您", replace(wednesday_in_beijing, ui_lang="zh"))[0]
    assert "day, date, clock time" in english_ui.message
    assert "星期、日期" in chinese_ui.message
    assert (
        english_ui.suggestion == chinese_ui.suggestion == "周六（11月28日）上午 10:00（北京时间）"
    )


def test_an_english_word_in_a_chinese_draft_gets_a_chinese_suggestion(
    wednesday_in_beijing: CheckContext,
) -> None:
    [finding] = check("PPT 我 ASAP 发您", wednesday_in_beijing)
    assert finding.match == "ASAP"
    assert "（北京时间）" in finding.suggestion


def test_english_words_only_match_whole_words(wednesday_in_beijing: CheckContext) -> None:
    assert check("The collateral is translated; soonest slot: Tue 3pm", wednesday_in_beijing) == []


def test_overlapping_findings_of_one_principle_are_merged(
    wednesday_in_beijing: CheckContext,
) -> None:
    findings = check("我们加班加点，周末都在加班", wednesday_in_beijing)
    c2 = [f for f in findings if f.principle == "C2"]
    spans = [(f.start, f.end) for f in c2]
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in itertools.pairwise(spans))


def test_a_clean_warm_draft_has_no_findings(wednesday_in_beijing: CheckContext) -> None:
    assert check("好的，明天 18:00 前发您终稿。祝您周末愉快😊", wednesday_in_beijing) == []


def test_check_needs_an_aware_send_time() -> None:
    with pytest.raises(ValueError):
        CheckContext(now=datetime(2026, 11, 25, 10, 0))


def test_a_finding_serialises_to_the_documented_json_shape(
    wednesday_in_beijing: CheckContext,
) -> None:
    [finding] = check(
        "I'll send it later", replace(wednesday_in_beijing, client_zone="Europe/London")
    )
    data = json.loads(json.dumps(finding.to_dict()))
    assert list(data) == [
        "rule",
        "principle",
        "level",
        "start",
        "end",
        "match",
        "message",
        "suggestion",
    ]
    assert Finding(**data) == finding


def test_draft_language_agrees_with_core() -> None:
    samples = ["PPT 明天发您", "ok", "", "🙂", "Hi 王总, the quote is attached", "好的 thanks"]
    for s in samples:
        assert draft_language(s) == detect_language(s)


def test_the_send_time_zone_does_not_matter_only_the_instant(
    wednesday_in_beijing: CheckContext,
) -> None:
    utc_now = wednesday_in_beijing.now.astimezone(ZoneInfo("UTC"))
    a = check("周末发您", wednesday_in_beijing)
    b = check("周末发您", replace(wednesday_in_beijing, now=utc_now))
    assert a == b


def test_rules_load_once() -> None:
    assert load_rules() == load_rules()
