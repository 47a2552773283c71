"""Every rule file: its in-file examples, its ID, its principle, its documentation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from warmline.coach import check, load_rules
from warmline.coach.pattern import lowered, prepare
from warmline.coach.rule import Example, Rule, load_lists, load_pack, packaged_folders
from warmline.core.principle import PRINCIPLES

RULES = load_rules()
PACKS = Path(__file__).parents[2] / "src" / "warmline" / "coach" / "packs"
DOCS = Path(__file__).parents[2] / "docs" / "coach.md"


def _cases() -> list[tuple[Rule, Example]]:
    return [(rule, ex) for rule in RULES for ex in rule.examples]


@pytest.mark.parametrize(
    ("rule", "example"),
    _cases(),
    ids=[f"{r.id}:{e.line}:{'flag' if e.flag else 'pass'}" for r, e in _cases()],
)
def test_rule_example(rule: Rule, example: Example) -> None:
    findings = [f for f in check(example.text, example.check_context()) if f.rule == rule.id]
    if not example.flag:
        assert findings == [], f"{rule.source}:{example.line} must not trigger"
        return
    assert findings, f"{rule.source}:{example.line} must trigger"
    if example.match is not None:
        assert example.match in [f.match for f in findings]
    if example.suggestion is not None:
        assert any(example.suggestion in f.suggestion for f in findings), [
            f.suggestion for f in findings
        ]


def test_every_rule_id_matches_its_file_path() -> None:
    files = sorted(p for p in PACKS.glob("*/*.yaml"))
    assert files, "no rule files found"
    assert sorted(r.id for r in RULES) == sorted(f"{p.parent.name}.{p.stem}" for p in files)
    for rule in RULES:
        pack, stem = rule.id.split(".")
        assert Path(rule.source).parts[-2:] == (pack, f"{stem}.yaml")


def test_the_shipped_packs_pass_every_check_user_packs_get() -> None:
    # the app loads its own packs without compiling each pattern to check it (start-up
    # time); this is where those checks run on them
    strict = [r for folder in packaged_folders() for r in load_pack(folder)]
    assert strict == list(RULES)


def test_every_rule_cites_a_known_principle() -> None:
    for rule in RULES:
        assert rule.principle in PRINCIPLES, rule.id


def test_every_rule_has_examples_both_ways() -> None:
    for rule in RULES:
        assert any(e.flag for e in rule.examples), rule.id
        assert any(not e.flag for e in rule.examples), rule.id


def test_every_pattern_rule_has_examples_in_each_of_its_languages() -> None:
    for rule in RULES:
        if rule.kind not in ("existence", "substitution"):
            continue
        for lang, _ in rule.tokens:
            has_han = [any("\u4e00" <= c <= "\u9fff" for c in e.text) for e in rule.examples]
            wanted = lang == "zh"
            assert any(h == wanted for h in has_han), f"{rule.id} has no {lang} example"


def test_every_rule_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    missing = [r.id for r in RULES if f"`{r.id}`" not in text]
    assert missing == []


def test_the_core_pack_covers_the_principles_the_coach_promises() -> None:
    covered = {r.principle for r in RULES}
    assert {"C1", "C2", "C4", "T4", "S1", "R2", "R3"} <= covered


def _list_examples() -> list[tuple[str, str, str]]:
    return [
        (name, lang, text)
        for folder in packaged_folders()
        for name, listing in load_lists(folder).items()
        for lang, text in listing.examples
    ]


@pytest.mark.parametrize(("name", "lang", "text"), _list_examples())
def test_every_exception_list_matches_its_examples(name: str, lang: str, text: str) -> None:
    patterns = dict(load_lists(packaged_folders()[0])[name].patterns)[lang]  # type: ignore[index]
    low = lowered(text)
    assert any(re.search(prepare(p, lang), low) for p in patterns), (name, text)  # type: ignore[arg-type]


def test_every_shipped_exception_list_is_used_by_a_rule() -> None:
    lists = load_lists(packaged_folders()[0])
    used = {
        n
        for r in RULES
        for n in lists
        if set(r.exceptions_for("zh")) | set(r.exceptions_for("en"))
        >= {p for _, ps in lists[n].patterns for p in ps}
    }
    assert used == set(lists), "every shipped list is used by a rule"
