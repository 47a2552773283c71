"""The engine: compile the rules once per configuration, then check drafts in one pass.

For each language, every pattern of every phrase rule goes into one RE2 set
(core.scan.ScanSet): one linear pass over the draft says which patterns may match
at all (usually none or one), and only those are searched with Python's `re`, which
gives the exact matches. Exceptions, guards and fixers run only for real matches.
Length and python rules run after; a secondary detector (the draft model) adds a
finding only for a principle no phrase rule flagged in the draft at its level or
above, and never over a phrase finding of the same principle (at any level).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from warmline.coach.config import DEFAULT_CONFIG, CoachConfig, literal
from warmline.coach.context import CheckContext
from warmline.coach.detector import DETECTORS, Hit, model_withdraws, verbosity
from warmline.coach.finding import Finding, level_rank
from warmline.coach.fix import FIXERS
from warmline.coach.guard import GUARDS, Guard
from warmline.coach.pattern import join, lowered
from warmline.coach.rule import Rule, load_rules
from warmline.core.scan import Scan, ScanSet
from warmline.core.text import LANGS, Lang

# The same classes as core.text.is_cjk and ASCII letters (see draft_language).
_HAN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")


@dataclass(frozen=True, slots=True)
class _Matcher:
    """What to do once one of a rule's patterns matched: exceptions, swaps, guard."""

    rule: int
    exceptions: str | None  # all of them joined: one RE2 search says "none here"
    exception_list: tuple[str, ...]  # each alone (compiled when needed: rarely)
    swaps: tuple[tuple[str, str], ...]  # (pattern, replacement)
    guard: Guard | None


@dataclass(frozen=True, slots=True)
class _Scanner:
    """One language's patterns: `entries[i]` is a rule's matcher and the source of one
    of its patterns (with its word boundaries); `scan` says which entries may match in
    a draft. A pattern is compiled for `re` the first time the set lists it: a
    one-off check pays for the few it needs, not for a thousand."""

    lang: Lang
    entries: tuple[tuple[_Matcher, str], ...]
    scan: ScanSet
    finders: list[re.Pattern[str] | None]

    def finder(self, k: int) -> re.Pattern[str]:
        """Entry k's pattern, compiled."""
        found = self.finders[k]
        if found is None:
            found = self.finders[k] = re.compile(self.entries[k][1])
        return found


@dataclass(frozen=True, slots=True)
class Compiled:
    """Rules with the user's settings applied, and their compiled scanners."""

    rules: tuple[Rule, ...]
    scanners: tuple[_Scanner, ...]
    detectors: tuple[int, ...]
    secondary: frozenset[int] = frozenset()
    # principle -> the index of its enabled draft-model rule, which may withdraw the
    # findings of phrase rules with `model_veto: true` (their IDs in `vetoable`)
    vetoers: tuple[tuple[str, int], ...] = ()
    vetoable: frozenset[str] = frozenset()
    # ((rule ID, language), its weak words as one pattern): Rule.weak_words, compiled once
    weak: tuple[tuple[tuple[str, Lang], re.Pattern[str]], ...] = ()


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
            merged.setdefault(lang, []).extend(literal(p.lower()) for p in phrases)
        return tuple((lang, tuple(items)) for lang, items in merged.items())

    if setting.phrases and rule.kind in ("existence", "substitution"):
        # the user's own phrases are flagged whatever the draft model reads
        rule = replace(rule, tokens=merge(rule.tokens, setting.phrases), model_veto=False)
    if setting.allow and (
        rule.kind in ("existence", "substitution")
        or (rule.kind == "python" and DETECTORS[rule.detector].reads_exceptions)
    ):
        rule = replace(rule, exceptions=merge(rule.exceptions, setting.allow))
    return rule


def compile_rules(config: CoachConfig | None = None) -> Compiled:
    """Apply settings to the packaged rules and compile them (cached per config; none
    given is the default one)."""
    return _compile_rules(config or DEFAULT_CONFIG)


@lru_cache(maxsize=32)
def _compile_rules(config: CoachConfig) -> Compiled:
    rules = tuple(r for r in (_apply(r, config) for r in (*load_rules(), *config.extra_rules)) if r)
    scanners = []
    for lang in LANGS:
        entries: list[tuple[_Matcher, str]] = []
        for i, rule in enumerate(rules):
            tokens = rule.tokens_for(lang)
            if not tokens:
                continue
            exc = rule.exceptions_for(lang)
            matcher = _Matcher(
                rule=i,
                exceptions=join(exc, lang) if exc else None,
                exception_list=tuple(join((e,), lang) for e in exc),
                swaps=tuple(
                    (join((p,), lang, left=False), repl) for p, repl in rule.swaps_for(lang)
                ),
                guard=GUARDS[rule.unless] if rule.unless else None,
            )
            entries.extend((matcher, join((t,), lang)) for t in tokens)
        if entries:
            scan = ScanSet(tuple(source for _, source in entries))
            scanners.append(_Scanner(lang, tuple(entries), scan, [None] * len(entries)))
    detectors = tuple(i for i, r in enumerate(rules) if r.kind in ("length", "python"))
    secondary = frozenset(
        i for i in detectors if rules[i].kind == "python" and DETECTORS[rules[i].detector].secondary
    )
    vetoers = tuple(
        (rules[i].principle, i)
        for i in detectors
        if rules[i].kind == "python" and rules[i].detector == "draft-model"
    )
    vetoable = frozenset(r.id for r in rules if r.model_veto)
    weak = tuple(
        ((r.id, lang), re.compile("|".join(f"(?:{w})" for w in words), re.IGNORECASE))
        for r in rules
        for lang in LANGS
        if (words := r.weak_words_for(lang))
    )
    return Compiled(rules, tuple(scanners), detectors, secondary, vetoers, vetoable, weak)


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """Every match of `pattern`, overlapping ones included."""
    out = []
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        out.append(m.span())
        pos = m.start() + 1
    return out


# An exception or swap pattern compiled on its own, once, when first needed (re's own
# cache holds 512 patterns and the packs have more: it would compile some of them again
# on every check).
_compiled = lru_cache(maxsize=None)(re.compile)


@cache
def _exception_scan(source: str) -> Scan:
    """A rule's exceptions joined, compiled the first time one of its patterns matches."""
    return Scan(_compiled(source))


def _each_exception_spans(mt: _Matcher, text: str) -> list[tuple[int, int]]:
    """Every span each exception of the rule matches on its own. The joined expression
    finds every position where some exception matches, but there the first alternative
    that matches hides a longer one ("您是否方便" before "您是否方便下周……？")."""
    return [span for pattern in mt.exception_list for span in _spans(_compiled(pattern), text)]


def _scan(scanner: _Scanner, text: str, low: str) -> list[tuple[int, Hit]]:
    """Matches of the scanner's rules. Patterns run on `low` (the lowered text, same
    offsets); guards see the text as written. At one position, a rule's longest
    match counts ("下周末" over "下周")."""
    hits: list[tuple[int, Hit]] = []
    last_end: dict[int, int] = {}
    exception_spans: dict[int, list[tuple[int, int]]] = {}
    each_spans: dict[int, list[tuple[int, int]]] = {}

    def accept(mt: _Matcher, p: int, end: int) -> None:
        if end <= last_end.get(mt.rule, -1):
            return  # inside an earlier match of the same rule
        if mt.exceptions is not None:
            spans = exception_spans.get(mt.rule)
            if spans is None:
                scan = _exception_scan(mt.exceptions)
                spans = exception_spans[mt.rule] = (
                    _spans(scan.pattern, low) if scan.may_match(low) else []
                )
            if spans:  # no joined match anywhere means no exception matches at all
                if any(a < end and p < b for a, b in spans):
                    return
                each = each_spans.get(mt.rule)
                if each is None:
                    each = each_spans[mt.rule] = _each_exception_spans(mt, low)
                if any(a < end and p < b for a, b in each):
                    return
        if mt.guard is not None and mt.guard(text, p, end):
            return
        last_end[mt.rule] = end
        values: dict[str, str] = {}
        for pattern, repl in mt.swaps:
            if _compiled(pattern).fullmatch(low, p, end):
                values["replacement"] = repl
                break
        hits.append((mt.rule, Hit(p, end, values)))

    # every start of every pattern that may match; at one start, each rule's longest
    found: dict[int, dict[int, tuple[_Matcher, int]]] = {}
    entries = scanner.entries
    for k in scanner.scan.which(low):
        mt = entries[k][0]
        finder = scanner.finder(k)
        pos = 0
        while (m := finder.search(low, pos)) is not None:
            p, end = m.span()
            at = found.setdefault(p, {})
            known = at.get(mt.rule)
            if known is None or end > known[1]:
                at[mt.rule] = (mt, end)
            pos = p + 1
    for p in sorted(found):
        for mt, end in found[p].values():
            accept(mt, p, end)
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


def _flagged(findings: list[Finding], rule: Rule) -> bool:
    """A finding of the rule's principle at the rule's level or above."""
    rank = level_rank(rule.level)
    return any(f.principle == rule.principle and level_rank(f.level) >= rank for f in findings)


def _overlaps(findings: list[Finding], principle: str, hit: Hit) -> bool:
    """A finding of the principle (at any level) overlapping the hit's span."""
    return any(
        f.principle == principle and f.start < hit.end and hit.start < f.end for f in findings
    )


def draft_language(text: str, default: Lang = "en") -> Lang:
    """core.text.detect_language, computed with two regex counts (it runs on every check)."""
    han = len(_HAN.findall(text))
    latin = len(_LATIN.findall(text))
    if han == 0 and latin == 0:
        return default
    return "zh" if han >= latin / 4 else "en"


def _withdrawn(findings: list[Finding], text: str, lang: Lang, compiled: Compiled) -> list[Finding]:
    """The phrase findings without those the draft model withdraws: findings of rules
    with `model_veto: true` in a principle whose model rule is on for the language,
    where the model reads the draft as clearly sound for that principle, both as written
    and with the words of the other principles' findings blanked out (warnings and
    errors that the first reading keeps and that do not overlap the principle's own).
    Read whole, a draft with several faults can read as sound for one of them: in
    "周末给您新方案，这个问题不是我们的错。" the blame drowns the vague time out."""
    rules = compiled.rules
    vetoers = dict(compiled.vetoers)
    whole: dict[str, bool] = {}  # principle -> the draft as written reads sound for it

    def vetoer(g: Finding) -> int | None:
        """The index of the model rule that may withdraw this finding, if any."""
        index = vetoers.get(g.principle)
        if g.rule not in compiled.vetoable or index is None or lang not in rules[index].langs:
            return None
        return index

    def vetoed(g: Finding) -> bool:
        """Would the reading as written withdraw this finding?"""
        index = vetoer(g)
        if index is None:
            return False
        verdict = whole.get(g.principle)
        if verdict is None:
            verdict = whole[g.principle] = model_withdraws(text, lang, rules[index])
        return verdict

    weak_words = dict(compiled.weak)
    weak: dict[str, bool] = {}  # principle -> the draft reads sound enough for weak words

    def weakly_vetoed(g: Finding) -> bool:
        """Is this finding made only of its rule's weak words, in a draft the model
        reads as sound enough for them (Rule.weak_words)?"""
        index = vetoer(g)
        if index is None:
            return False
        words = weak_words.get((g.rule, lang))
        if words is None or not words.fullmatch(g.match.strip()):
            return False
        verdict = weak.get(g.principle)
        if verdict is None:
            verdict = weak[g.principle] = model_withdraws(text, lang, rules[index], weak=True)
        return verdict

    verdicts: dict[str, bool] = {}
    kept = []
    for f in findings:
        if weakly_vetoed(f):
            continue
        if vetoed(f):
            withdrawn = verdicts.get(f.principle)
            if withdrawn is None:
                own = [(g.start, g.end) for g in findings if g.principle == f.principle]
                # the words of the other principles' findings that stand on their own
                # (warnings and errors the first reading keeps)
                others = [
                    (g.start, g.end)
                    for g in findings
                    if g.principle != f.principle
                    and level_rank(g.level) >= level_rank("warning")
                    and not any(a < g.end and g.start < b for a, b in own)
                    and not vetoed(g)
                    and not weakly_vetoed(g)
                ]
                index = vetoers[f.principle]
                withdrawn = not others or model_withdraws(
                    _blanked(text, others), lang, rules[index]
                )
                verdicts[f.principle] = withdrawn
            if withdrawn:
                continue
        kept.append(f)
    return kept


def _blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with the given spans replaced by spaces (offsets kept)."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def check(text: str, ctx: CheckContext, config: CoachConfig | None = None) -> list[Finding]:
    """Check a draft to a client; findings sorted by start offset."""
    compiled = compile_rules(config)
    has_han = _HAN.search(text) is not None
    has_latin = _LATIN.search(text) is not None
    lang: Lang
    if ctx.lang is not None:
        lang = ctx.lang
    elif has_han != has_latin:  # one script only: no need to count
        lang = "zh" if has_han else "en"
    else:
        lang = draft_language(text)
    rules = compiled.rules
    findings: list[Finding] = []
    low = lowered(text)
    for scanner in compiled.scanners:
        if (has_han if scanner.lang == "zh" else has_latin) is False:
            continue
        for index, hit in _scan(scanner, text, low):
            findings.append(_finding(rules[index], hit, text, lang, ctx))
    if compiled.vetoable and findings:
        findings = _withdrawn(findings, text, lang, compiled)
    phrases = len(findings)
    for index in compiled.detectors:
        rule = rules[index]
        if lang not in rule.langs:
            continue
        secondary = index in compiled.secondary
        if secondary and _flagged(findings[:phrases], rule):
            continue  # a phrase rule already flagged this principle: it names the words
        detect = verbosity if rule.kind == "length" else DETECTORS[rule.detector].run
        guard = GUARDS[rule.unless] if rule.unless else None
        for hit in detect(text, lang, ctx, rule):
            if secondary and _overlaps(findings[:phrases], rule.principle, hit):
                continue
            if guard is not None and hit.end > hit.start and guard(text, hit.start, hit.end):
                continue  # the rule's guard vetoes a detector's span as it does a phrase's
            findings.append(_finding(rule, hit, text, lang, ctx))
    return _dedupe(findings) if len(findings) > 1 else findings
