"""User settings: switch rules off, change levels, add phrases and phrase lists."""

from __future__ import annotations

import pytest

from warmline.coach import CheckContext, check, config_from_mapping, config_from_yaml
from warmline.core.error import WarmlineError


def _rules(text: str, ctx: CheckContext, **settings: object) -> list[tuple[str, str]]:
    config = config_from_mapping(settings) if settings else None
    return [(f.rule, f.level) for f in check(text, ctx, config)]


def test_a_rule_switched_off_finds_nothing(wednesday_in_beijing: CheckContext) -> None:
    draft = "我们改了一些地方"
    assert _rules(draft, wednesday_in_beijing) == [("core.vague-quantity", "suggestion")]
    assert _rules(draft, wednesday_in_beijing, rules={"core.vague-quantity": "off"}) == []
    assert _rules(draft, wednesday_in_beijing, rules={"core.vague-quantity": False}) == []


def test_a_level_can_be_raised(wednesday_in_beijing: CheckContext) -> None:
    found = _rules("呵呵", wednesday_in_beijing, rules={"core.sarcasm": "error"})
    assert found == [("core.sarcasm", "error")]
    found = _rules("呵呵", wednesday_in_beijing, rules={"core.sarcasm": {"level": "suggestion"}})
    assert found == [("core.sarcasm", "suggestion")]


def test_extra_phrases_join_a_rule_as_literal_text(wednesday_in_beijing: CheckContext) -> None:
    settings = {
        "rules": {"core.vague-time": {"phrases": {"zh": ["等我忙完"], "en": ["in due time."]}}}
    }
    config = config_from_mapping(settings)
    [finding] = check("等我忙完发您", wednesday_in_beijing, config)
    assert (finding.rule, finding.match) == ("core.vague-time", "等我忙完")
    assert "（北京时间）" in finding.suggestion
    # literal: the dot is a dot, not "any character"
    assert check("done in due timeX", wednesday_in_beijing, config) == []


def test_allowed_phrases_silence_a_rule_there(wednesday_in_beijing: CheckContext) -> None:
    config = config_from_mapping({"rules": {"core.vague-time": {"allow": {"zh": ["周末见"]}}}})
    assert check("那就周末见！", wednesday_in_beijing, config) == []
    assert [f.rule for f in check("周末发您", wednesday_in_beijing, config)] == ["core.vague-time"]


def test_a_user_phrase_list_becomes_its_own_rule(wednesday_in_beijing: CheckContext) -> None:
    config = config_from_mapping(
        {
            "phrases": [
                {
                    "id": "user.jargon",
                    "principle": "T5",
                    "level": "suggestion",
                    "message": {"zh": "行话：{match}", "en": "Jargon: {match}"},
                    "suggestion": "Say it in plain words.",
                    "phrases": {"en": ["circle back", "synergy"]},
                }
            ]
        }
    )
    [finding] = check("Let's circle  back on the synergy", wednesday_in_beijing, config)[:1]
    assert (finding.rule, finding.principle, finding.match) == ("user.jargon", "T5", "circle  back")
    assert finding.message == "Jargon: circle  back"


def test_an_unknown_rule_id_suggests_the_closest() -> None:
    with pytest.raises(WarmlineError) as info:
        config_from_mapping({"rules": {"core.vague-tme": "off"}})
    assert "core.vague-time" in info.value.message


def test_a_bad_level_in_a_settings_file_names_the_line() -> None:
    text = "rules:\n  core.sarcasm: loud\n"
    with pytest.raises(WarmlineError) as info:
        config_from_yaml(text, "warmline.yaml")
    assert info.value.message.startswith("warmline.yaml:2: rules.core.sarcasm:")


def test_yaml_off_switches_a_rule_off(wednesday_in_beijing: CheckContext) -> None:
    config = config_from_yaml("rules:\n  core.sarcasm: off\n")
    assert check("呵呵", wednesday_in_beijing, config) == []


def test_a_user_rule_may_not_claim_the_core_pack() -> None:
    with pytest.raises(WarmlineError) as info:
        config_from_mapping(
            {
                "phrases": [
                    {"id": "core.mine", "principle": "T5", "message": "x", "phrases": {"en": ["x"]}}
                ]
            }
        )
    assert "phrases.0.id" in info.value.message


def test_equal_settings_compile_once() -> None:
    from warmline.coach.engine import compile_rules

    a = config_from_mapping({"rules": {"core.sarcasm": "off"}})
    b = config_from_mapping({"rules": {"core.sarcasm": "off"}})
    assert compile_rules(a) is compile_rules(b)
