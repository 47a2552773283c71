"""The engine: compile the rules once per configuration, then check drafts in one pass.

Every pattern rule's tokens for a language are joined into one combined regular
expression. A search for it finds the next position where *any* rule may match;
only there are the rules tried one by one (anchored), so a draft with nothing to
flag costs one regex scan per language it contains. Exceptions and guards are
consulted only for real matches. Length and python rules run afterwards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from warmline.coach.config import DEFAULT_CONFIG, CoachConfig, literal
from warmline.coach.context import CheckContext
from warmline.coach.detector import DETECTORS, Hit, verbosity
from warmline.coach.finding import Finding, level_rank
from warmline.coach.fix import FIXERS
from warmline.coach.guard import GUARDS, Guard
from warmline.coach.rule import Rule, load_rules
from warmline.core.text import LANGS, Lang

# The same classes as core.text.is_cjk and ASCII letters (see draft_language).
_HAN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
# English patterns match whole words: no ASCII letter or digit may touch either end
# (a Han character may: "请ASAP确认").
_EN_LEFT = r"(?<![A-Za-z0-9])"
_EN_RIGHT = r"(?![A-Za-z0-9])"


def _prepare(pattern: str, lang: Lang) -> str:
    """English: ' also matches ’, and a space matches any run of whitespace."""
    if lang == "en":
        return pattern.replace("'", "['’]").replace(" ", r"\s+")
    return pattern


def _join(patterns: tuple[str, ...], lang: Lang) -> str:
    # Longer patterns first, so an anchored match prefers "as soon as possible" to "soon".
    ordered = sorted((_prepare(p, lang) for p in patterns), key=len, reverse=True)
    body = "|".join(f"(?:{p})" for p in ordered)
    return f"{_EN_LEFT}(?:{body}){_EN_RIGHT}" if lang == "en" else f"(?:{body})"


def _flags(lang: Lang) -> int:
    return re.IGNORECASE if lang == "en" else 0


@dataclass(frozen=True, slots=True)
class _Matcher:
    rule: int
    token: re.Pattern[str]
    parts: tuple[re.Pattern[str], ...]
    exceptions: re.Pattern[str] | None
    swaps: tuple[tuple[re.Pattern[str], str], ...]
    guard: Guard | None


@dataclass(frozen=True, slots=True)
class _Scanner:
    lang: Lang
    prefilter: re.Pattern[str]
    matchers: tuple[_Matcher, ...]


@dataclass(frozen=True, slots=True)
class Compiled:
    """Rules with the user's settings applied, and their compiled scanners."""

    rules: tuple[Rule, ...]
    scanners: tuple[_Scanner, ...]
    detectors: tuple[int, ...]


def _apply(rule: Rule, config: CoachConfig) -> Rule | None:
    setting = config.setting(rule.id)
    if not setting.enabled:
        return None
    if setting.level is not None:
        rule = replace(rule, level=setting.level)

    def merge(
        base: tuple[tuple[Lang, tuple[str, ...]], ...],
        extra: tuple[tuple[Lang, tuple[str, ...]], ...],
    ) -> tuple[tuple[Lang, tuple[str, ...]], ...]:
        merged = {lang: list(items) for lang, items in base}
        for lang, phrases in extra:
            merged.setdefault(lang, []).extend(literal(p) for p in phrases)
        return tuple((lang, tuple(items)) for lang, items in merged.items())

    if setting.phrases and rule.kind in ("existence", "substitution"):
        rule = replace(rule, tokens=merge(rule.tokens, setting.phrases))
    if setting.allow and rule.kind in ("existence", "substitution"):
        rule = replace(rule, exceptions=merge(rule.exceptions, setting.allow))
    return rule


@lru_cache(maxsize=32)
def compile_rules(config: CoachConfig = DEFAULT_CONFIG) -> Compiled:
    """Apply settings to the packaged rules and compile them (cached per config)."""
    rules = tuple(r for r in (_apply(r, config) for r in (*load_rules(), *config.extra_rules)) if r)
    scanners = []
    for lang in LANGS:
        matchers = []
        parts = []
        for i, rule in enumerate(rules):
            tokens = rule.tokens_for(lang)
            if not tokens:
                continue
            joined = _join(tokens, lang)
            parts.append(joined)
            exc = rule.exceptions_for(lang)
            matchers.append(
                _Matcher(
                    rule=i,
                    token=re.compile(joined, _flags(lang)),
                    parts=tuple(re.compile(_join((t,), lang), _flags(lang)) for t in tokens),
                    exceptions=re.compile(_join(exc, lang), _flags(lang)) if exc else None,
                    swaps=tuple(
                        (re.compile(_join((p,), lang), _flags(lang)), repl)
                        for p, repl in rule.swaps_for(lang)
                    ),
                    guard=GUARDS[rule.unless] if rule.unless else None,
                )
            )
        if matchers:
            prefilter = re.compile("|".join(parts), _flags(lang))
            scanners.append(_Scanner(lang, prefilter, tuple(matchers)))
    detectors = tuple(i for i, r in enumerate(rules) if r.kind in ("length", "python"))
    return Compiled(rules, tuple(scanners), detectors)


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """Every match of `pattern`, overlapping ones included."""
    out = []
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        out.append(m.span())
        pos = m.start() + 1
    return out


def _scan(scanner: _Scanner, text: str) -> list[tuple[int, Hit]]:
    hits: list[tuple[int, Hit]] = []
    last_end: dict[int, int] = {}
    exception_spans: dict[int, list[tuple[int, int]]] = {}
    search = scanner.prefilter.search
    pos = 0
    while (m := search(text, pos)) is not None:
        p = m.start()
        for mt in scanner.matchers:
            if mt.token.match(text, p) is None:
                continue
            # The longest of the rule's patterns that match here ("下周末" over "下周").
            end = max(m.end() for t in mt.parts if (m := t.match(text, p)) is not None)
            if end <= last_end.get(mt.rule, -1):
                continue  # inside an earlier match of the same rule
            if mt.exceptions is not None:
                spans = exception_spans.get(mt.rule)
                if spans is None:
                    spans = exception_spans[mt.rule] = _spans(mt.exceptions, text)
                if any(a < end and p < b for a, b in spans):
                    continue
            if mt.guard is not None and mt.guard(text, p, end):
                continue
            last_end[mt.rule] = end
            values: dict[str, str] = {}
            for pattern, repl in mt.swaps:
                if pattern.fullmatch(text, p, end):
                    values["replacement"] = repl
                    break
            hits.append((mt.rule, Hit(p, end, values)))
        pos = p + 1
    return hits


class _Values(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


def _finding(rule: Rule, hit: Hit, text: str, lang: Lang, ctx: CheckContext) -> Finding:
    match = text[hit.start : hit.end]
    values = _Values(match=match, client=ctx.client_name or ("您" if lang == "zh" else "you"))
    if rule.fix:
        values.update(FIXERS[rule.fix].run(match, lang, ctx))
    values.update(hit.values)
    return Finding(
        rule=rule.id,
        principle=rule.principle,
        level=rule.level,
        start=hit.start,
        end=hit.end,
        match=match,
        message=rule.message.in_(ctx.ui_lang).format_map(values),
        suggestion=rule.suggestion.in_(lang).format_map(values),
    )


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """Keep one finding per overlapping span and principle: the most severe, then longest."""
    ranked = sorted(findings, key=lambda f: (-level_rank(f.level), -(f.end - f.start), f.start))
    kept: list[Finding] = []
    for f in ranked:
        if f.end > f.start and any(
            k.principle == f.principle and k.end > k.start and k.start < f.end and f.start < k.end
            for k in kept
        ):
            continue
        kept.append(f)
    return sorted(kept, key=lambda f: (f.start, f.end, f.rule, f.message))


def draft_language(text: str, default: Lang = "en") -> Lang:
    """core.text.detect_language, computed with two regex counts (it runs on every check)."""
    han = len(_HAN.findall(text))
    latin = len(_LATIN.findall(text))
    if han == 0 and latin == 0:
        return default
    return "zh" if han >= latin / 4 else "en"


def check(text: str, ctx: CheckContext, config: CoachConfig | None = None) -> list[Finding]:
    """Check a draft to a client; findings sorted by start offset."""
    compiled = compile_rules(config or DEFAULT_CONFIG)
    lang: Lang = ctx.lang or draft_language(text)
    rules = compiled.rules
    findings: list[Finding] = []
    has_han = _HAN.search(text) is not None
    has_latin = _LATIN.search(text) is not None
    for scanner in compiled.scanners:
        if (has_han if scanner.lang == "zh" else has_latin) is False:
            continue
        for index, hit in _scan(scanner, text):
            findings.append(_finding(rules[index], hit, text, lang, ctx))
    for index in compiled.detectors:
        rule = rules[index]
        if lang not in rule.langs:
            continue
        detect = verbosity if rule.kind == "length" else DETECTORS[rule.detector].run
        for hit in detect(text, lang, ctx, rule):
            findings.append(_finding(rule, hit, text, lang, ctx))
    return _dedupe(findings) if len(findings) > 1 else findings
