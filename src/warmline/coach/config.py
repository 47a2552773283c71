"""User settings for the coach, like a prose linter's config.

```yaml
rules:
  core.vague-quantity: off                 # switch a rule off
  core.sarcasm: error                      # change its level
  core.vague-time:
    level: suggestion
    phrases: {zh: [等我忙完], en: [in due course]}   # more phrases to flag (literal)
    allow: {zh: [周末见]}                               # phrases never to flag (literal)
phrases:                                   # your own phrase lists, as new rules
  - id: user.jargon
    principle: T5
    level: suggestion
    message: "Jargon the client may not know: {match}"
    suggestion: "Say it in plain words."
    phrases: {en: [synergy, circle back]}
```

`config_from_mapping` is pure; `config_from_yaml` parses YAML text so that errors
name the source and line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from difflib import get_close_matches
from typing import Any, cast

from warmline.coach.finding import LEVELS, Level
from warmline.coach.rule import BASE_PLACEHOLDERS, Rule, _Doc, _text, load_rules
from warmline.core.principle import PRINCIPLES
from warmline.core.text import LANGS, Lang

PhraseList = tuple[tuple[Lang, tuple[str, ...]], ...]


@dataclass(frozen=True, slots=True)
class RuleSetting:
    """A user's changes to one rule. Phrases are literal text, not patterns."""

    enabled: bool = True
    level: Level | None = None
    phrases: PhraseList = ()
    allow: PhraseList = ()


@dataclass(frozen=True, slots=True)
class CoachConfig:
    """Settings: per-rule changes and extra phrase rules. Hashable, so compiled once."""

    rules: tuple[tuple[str, RuleSetting], ...] = ()
    extra_rules: tuple[Rule, ...] = ()

    def setting(self, rule_id: str) -> RuleSetting:
        return dict(self.rules).get(rule_id, RuleSetting())


DEFAULT_CONFIG = CoachConfig()
_USER_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\.[a-z0-9]+(?:-[a-z0-9]+)*")


def literal(phrase: str) -> str:
    """A pattern matching `phrase` as written (spaces stay spaces: any run of whitespace)."""
    return re.escape(phrase).replace("\\ ", " ")


def config_from_yaml(text: str, source: str = "settings") -> CoachConfig:
    """Parse settings YAML; errors name `source:line`."""
    doc = _Doc(text, source)
    return _build(doc, doc.data if doc.data is not None else {})


def config_from_mapping(data: Mapping[str, Any], source: str = "settings") -> CoachConfig:
    """Build a CoachConfig from plain data (e.g. per-user settings stored as JSON)."""
    return _build(_Doc("", source), data)


def _phrases(doc: _Doc, value: Any, path: tuple[str | int, ...]) -> PhraseList:
    if value is None:
        return ()
    if not isinstance(value, Mapping):
        raise doc.fail(path, "give a mapping of language (zh/en) to a list of phrases")
    out: list[tuple[Lang, tuple[str, ...]]] = []
    for lang, items in value.items():
        if lang not in LANGS:
            raise doc.fail((*path, lang), f"unknown language {lang!r}; use zh or en")
        if isinstance(items, str):
            items = [items]
        if not isinstance(items, list) or not all(isinstance(p, str) and p.strip() for p in items):
            raise doc.fail((*path, lang), "give a list of non-empty phrases")
        out.append((cast(Lang, lang), tuple(p.strip() for p in items)))
    return tuple(out)


def _level(doc: _Doc, value: Any, path: tuple[str | int, ...]) -> Level:
    if value not in LEVELS:
        raise doc.fail(path, f"unknown level {value!r}; use one of {', '.join(LEVELS)}")
    return cast(Level, value)


def _build(doc: _Doc, data: Mapping[str, Any]) -> CoachConfig:
    if not isinstance(data, Mapping):
        raise doc.fail((), "settings are a mapping with 'rules' and/or 'phrases'")
    extra = set(data) - {"rules", "phrases"}
    if extra:
        key = sorted(extra)[0]
        raise doc.fail((key,), f"unknown key {key!r}; use 'rules' or 'phrases'")
    extra_rules = tuple(
        _phrase_rule(doc, item, ("phrases", i)) for i, item in enumerate(data.get("phrases") or [])
    )
    known = {r.id for r in load_rules()} | {r.id for r in extra_rules}
    settings: list[tuple[str, RuleSetting]] = []
    raw_rules = data.get("rules") or {}
    if not isinstance(raw_rules, Mapping):
        raise doc.fail(("rules",), "give a mapping of rule ID to a setting")
    for rule_id, value in raw_rules.items():
        path: tuple[str | int, ...] = ("rules", rule_id)
        if rule_id not in known:
            close = get_close_matches(str(rule_id), sorted(known), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else "; see `warmline check --rules`"
            raise doc.fail(path, f"unknown rule {rule_id!r}{hint}")
        if value is False or value in ("off", "false", "no"):
            setting = RuleSetting(enabled=False)
        elif value is True or value in ("on", "true", "yes"):
            setting = RuleSetting()
        elif isinstance(value, str):
            setting = RuleSetting(level=_level(doc, value, path))
        elif isinstance(value, Mapping):
            unknown = set(value) - {"enabled", "level", "phrases", "allow"}
            if unknown:
                key = sorted(unknown)[0]
                raise doc.fail(
                    (*path, key), f"unknown key {key!r}; use enabled, level, phrases, allow"
                )
            enabled = value.get("enabled", True)
            if not isinstance(enabled, bool):
                raise doc.fail((*path, "enabled"), "enabled is true or false")
            setting = RuleSetting(
                enabled=enabled,
                level=_level(doc, value["level"], (*path, "level")) if "level" in value else None,
                phrases=_phrases(doc, value.get("phrases"), (*path, "phrases")),
                allow=_phrases(doc, value.get("allow"), (*path, "allow")),
            )
        else:
            raise doc.fail(path, "give off, a level, or a mapping (enabled/level/phrases/allow)")
        settings.append((str(rule_id), setting))
    return CoachConfig(rules=tuple(settings), extra_rules=extra_rules)


def _phrase_rule(doc: _Doc, item: Any, path: tuple[str | int, ...]) -> Rule:
    if not isinstance(item, Mapping):
        raise doc.fail(path, "a phrase list is a mapping with id, principle, message, phrases")
    allowed = {"id", "principle", "level", "message", "suggestion", "phrases", "allow"}
    unknown = set(item) - allowed
    if unknown:
        key = sorted(unknown)[0]
        raise doc.fail((*path, key), f"unknown key {key!r}; use {', '.join(sorted(allowed))}")
    rule_id = item.get("id")
    if (
        not isinstance(rule_id, str)
        or not _USER_ID.fullmatch(rule_id)
        or rule_id.startswith("core.")
    ):
        raise doc.fail((*path, "id"), "give an id like user.my-phrases (not in the core pack)")
    principle = item.get("principle")
    if principle not in PRINCIPLES:
        raise doc.fail((*path, "principle"), f"unknown principle {principle!r}; see METHOD.md")
    phrases = _phrases(doc, item.get("phrases"), (*path, "phrases"))
    if not phrases:
        raise doc.fail((*path, "phrases"), "give at least one phrase")
    if "message" not in item:
        raise doc.fail(path, "missing 'message'")
    message = _text(doc, item["message"], (*path, "message"), BASE_PLACEHOLDERS)
    suggestion = _text(
        doc, item.get("suggestion", "{match}"), (*path, "suggestion"), BASE_PLACEHOLDERS
    )
    return Rule(
        id=rule_id,
        principle=principle,
        kind="existence",
        level=_level(doc, item.get("level", "suggestion"), (*path, "level")),
        langs=tuple(lang for lang, _ in phrases),
        message=message,
        suggestion=suggestion,
        tokens=tuple((lang, tuple(literal(p.lower()) for p in ps)) for lang, ps in phrases),
        exceptions=tuple(
            (lang, tuple(literal(p.lower()) for p in ps))
            for lang, ps in _phrases(doc, item.get("allow"), (*path, "allow"))
        ),
        source=doc.source,
    )
