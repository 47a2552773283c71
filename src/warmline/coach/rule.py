"""Coach rules as data: one YAML file per rule, validated once when loaded.

A rule's ID is `<pack>.<file-stem>` (`core.vague-time`). Its file holds the
principle it serves, its kind (existence | substitution | length | python), its
level, languages, message, suggestion, patterns and exceptions, and examples that
must and must not trigger it. Errors name the file and line (docs/coach.md).
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, time
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Literal, cast

import yaml

from warmline.coach.context import CheckContext
from warmline.coach.draftmodel import LABELS as MODEL_PRINCIPLES
from warmline.coach.finding import LEVELS, Level
from warmline.coach.fix import FIXERS
from warmline.coach.guard import GUARDS
from warmline.coach.pattern import expand, has_upper, prepare
from warmline.coach.style import learn_style
from warmline.core.error import WarmlineError
from warmline.core.principle import PRINCIPLES
from warmline.core.text import LANGS, Lang, Text

Kind = Literal["existence", "substitution", "length", "python"]
KINDS: tuple[Kind, ...] = ("existence", "substitution", "length", "python")

# Placeholders every message and suggestion may use.
BASE_PLACEHOLDERS = frozenset({"match", "client"})
LENGTH_PLACEHOLDERS = frozenset({"length", "typical", "limit"})
LENGTH_PARAMS = frozenset({"max_zh", "max_en", "ratio", "floor"})

EXAMPLE_NOW = "2026-11-25T10:00:00+08:00"  # a Wednesday morning in Beijing
EXAMPLE_ZONE = "Asia/Shanghai"

PerLang = tuple[tuple[Lang, tuple[str, ...]], ...]


@dataclass(frozen=True, slots=True)
class Example:
    """An example inside a rule file: `flag` ones must trigger the rule, others must not.

    `match` is the exact matched text expected; `suggestion` a substring of the
    suggestion expected; `context` overrides the example's CheckContext.
    """

    text: str
    flag: bool
    match: str | None = None
    suggestion: str | None = None
    context: tuple[tuple[str, Any], ...] = ()
    line: int = 0

    def check_context(self) -> CheckContext:
        """The CheckContext the example runs in (Wednesday 10:00 in Beijing by default)."""
        values = dict(self.context)
        zone = str(values.get("client_zone", EXAMPLE_ZONE))
        style = None
        if "client_messages" in values:
            style = learn_style(values["client_messages"])
        lang = values.get("lang")
        return CheckContext(
            now=datetime.fromisoformat(str(values.get("now", EXAMPLE_NOW))),
            lang=cast("Lang | None", lang),
            ui_lang=cast(Lang, values.get("ui_lang", "en")),
            client_name=str(values.get("client_name", "")),
            client_zone=zone,
            user_zone=str(values.get("user_zone", zone)),
            client_work_start=time.fromisoformat(str(values.get("work_start", "09:00"))),
            client_work_end=time.fromisoformat(str(values.get("work_end", "18:00"))),
            style=style,
            open_questions=tuple(values.get("open_questions", ())),
            notes=tuple(values.get("notes", ())),
            thread_length=int(values.get("thread_length", 0)),
            thread_has_human_moment=bool(values.get("thread_has_human_moment", True)),
            established=bool(values.get("established", False)),
        )


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule. Patterns are regular expressions (docs/coach.md: tokens)."""

    id: str
    principle: str
    kind: Kind
    level: Level
    langs: tuple[Lang, ...]
    message: Text
    suggestion: Text
    tokens: PerLang = ()
    exceptions: PerLang = ()
    swap: tuple[tuple[Lang, tuple[tuple[str, str], ...]], ...] = ()
    unless: str = ""
    fix: str = ""
    detector: str = ""
    params: tuple[tuple[str, float], ...] = ()
    source: str = ""
    # The draft model may withdraw this rule's findings from a draft it reads as
    # clearly sound for the principle (draftmodel.DraftScores.withdraws).
    model_veto: bool = False
    # Words of the rule that sound drafts use often ("not sure", 不清楚): a finding whose
    # whole match is one of them is withdrawn at the model's higher `weak` veto
    # (draftmodel.DraftScores.withdraws_weak; docs/coach.md, the draft model).
    weak_words: PerLang = ()
    examples: tuple[Example, ...] = field(default=(), compare=False)

    def tokens_for(self, lang: Lang) -> tuple[str, ...]:
        return dict(self.tokens).get(lang, ())

    def exceptions_for(self, lang: Lang) -> tuple[str, ...]:
        return dict(self.exceptions).get(lang, ())

    def weak_words_for(self, lang: Lang) -> tuple[str, ...]:
        return dict(self.weak_words).get(lang, ())

    def swaps_for(self, lang: Lang) -> tuple[tuple[str, str], ...]:
        return dict(self.swap).get(lang, ())

    def param(self, name: str, default: float) -> float:
        for key, value in self.params:
            if key == name:
                return value
        return default


# --- YAML with line numbers -------------------------------------------------------

# libyaml's parser when PyYAML was built with it (its wheels are): the same documents,
# read many times faster than by the pure-Python one
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Doc:
    """Parsed YAML plus the line of every key path, for error messages."""

    def __init__(self, text: str, source: str, *, compile_patterns: bool = True) -> None:
        self.source = source
        self.compile_patterns = compile_patterns
        self.lines: dict[tuple[str | int, ...], int] = {}
        loader = _Loader(text)
        try:  # one parse: the node tree gives the lines, and the data is built from it
            node = loader.get_single_node()
            self.data: Any = loader.construct_document(node) if node is not None else None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
            line = mark.line + 1 if mark is not None else 1
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            raise WarmlineError(
                f"{source}:{line}: not valid YAML ({problem}); fix the syntax"
            ) from exc
        finally:
            loader.dispose()
        if node is not None:
            self._walk(node, ())

    def _walk(self, node: yaml.Node, path: tuple[str | int, ...]) -> None:
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key, value in node.value:
                name = str(key.value)
                if name in seen:
                    raise WarmlineError(
                        f"{self.source}:{key.start_mark.line + 1}: key {name!r} appears twice; "
                        "keep one"
                    )
                seen.add(name)
                self.lines[(*path, name)] = key.start_mark.line + 1
                self._walk(value, (*path, name))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                self._walk(item, (*path, i))

    def line(self, path: tuple[str | int, ...]) -> int:
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)

    def fail(self, path: tuple[str | int, ...], problem: str) -> WarmlineError:
        where = ".".join(str(p) for p in path) or "file"
        if not self.lines:  # built from plain data: there are no lines to name
            return WarmlineError(f"{self.source}: {where}: {problem}")
        return WarmlineError(f"{self.source}:{self.line(path)}: {where}: {problem}")


# --- Validation ------------------------------------------------------------------------

_RULE_KEYS = frozenset(
    {
        "principle",
        "kind",
        "level",
        "lang",
        "message",
        "suggestion",
        "tokens",
        "exceptions",
        "swap",
        "unless",
        "fix",
        "detector",
        "params",
        "source",
        "examples",
        "model_veto",
        "weak_words",
    }
)
_CONTEXT_KEYS = frozenset(
    {
        "now",
        "lang",
        "ui_lang",
        "client_name",
        "client_zone",
        "user_zone",
        "work_start",
        "work_end",
        "client_messages",
        "open_questions",
        "notes",
        "thread_length",
        "thread_has_human_moment",
        "established",
    }
)


def placeholders(template: str) -> set[str]:
    """The `{name}` fields a message or suggestion template uses."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def _text(doc: _Doc, value: Any, path: tuple[str | int, ...], allowed: frozenset[str]) -> Text:
    if isinstance(value, str):
        value = {"zh": value, "en": value}
    if not isinstance(value, Mapping) or set(value) != {"zh", "en"}:
        raise doc.fail(path, "give a mapping with both zh and en texts")
    for lang in LANGS:
        if not isinstance(value[lang], str) or not value[lang].strip():
            raise doc.fail((*path, lang), "must be a non-empty string")
        try:
            unknown = placeholders(value[lang]) - allowed
        except ValueError as exc:
            raise doc.fail((*path, lang), f"bad placeholder syntax ({exc}); use {{name}}") from exc
        if unknown:
            raise doc.fail(
                (*path, lang),
                f"unknown placeholder {{{sorted(unknown)[0]}}}; "
                f"use one of {', '.join('{' + a + '}' for a in sorted(allowed))}",
            )
    return Text(zh=value["zh"], en=value["en"])


def _pattern(doc: _Doc, value: Any, path: tuple[str | int, ...]) -> str:
    if not isinstance(value, str) or not value.strip():
        raise doc.fail(path, "a pattern must be a non-empty string")
    pattern = expand(value)  # {month}, {date}
    if has_upper(pattern):
        raise doc.fail(path, f"write pattern {value!r} in lower case; patterns match any case")
    if not doc.compile_patterns:
        return pattern
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        raise doc.fail(path, f"bad regular expression {value!r} ({exc}); fix or escape it") from exc
    if compiled.match(""):
        raise doc.fail(path, f"pattern {value!r} matches empty text; make it require a character")
    if "en" in path:
        # English spaces become " +" (pattern.prepare): a lookbehind with a space
        # stops being fixed-width; say so now rather than when the rules compile
        try:
            re.compile(prepare(pattern, "en"))
        except re.error as exc:
            raise doc.fail(
                path, f"bad pattern {value!r} once spaces match runs of spaces ({exc})"
            ) from exc
    return pattern


def _per_lang(doc: _Doc, value: Any, path: tuple[str | int, ...], langs: Iterable[Lang]) -> PerLang:
    if value is None:
        return ()
    if not isinstance(value, Mapping):
        raise doc.fail(path, "give a mapping of language (zh/en) to a list of patterns")
    out: list[tuple[Lang, tuple[str, ...]]] = []
    for lang, items in value.items():
        if lang not in langs:
            raise doc.fail((*path, lang), f"language {lang!r} is not in the rule's lang list")
        if not isinstance(items, list) or not items:
            raise doc.fail((*path, lang), "give a non-empty list of patterns")
        out.append(
            (
                cast(Lang, lang),
                tuple(_pattern(doc, p, (*path, lang, i)) for i, p in enumerate(items)),
            )
        )
    return tuple(out)


@dataclass(frozen=True, slots=True)
class ExceptionList:
    """A pack's shared exception list (`lists/<name>.yaml`): the principles of the rules
    that may use it, its patterns per language, and texts each language's patterns must
    match (checked by the test suite, like a rule's examples)."""

    principles: tuple[str, ...]
    patterns: PerLang
    examples: tuple[tuple[Lang, str], ...] = field(default=(), compare=False)


# A rule takes a whole list with `exceptions: {use: [<name>, ...]}`.
Lists = Mapping[str, ExceptionList]
# rule and list file names alike
_KEBAB = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_LIST_KEYS = frozenset({"principle", "zh", "en", "examples"})


def parse_list(text: str, source: str, *, compile_patterns: bool = True) -> ExceptionList:
    """Parse and validate one shared exception list file. Raises WarmlineError naming
    source:line."""
    doc = _Doc(text, source, compile_patterns=compile_patterns)
    data = doc.data
    if not isinstance(data, Mapping) or not data:
        raise doc.fail(
            (), "an exception list is a YAML mapping: principle, zh/en patterns, examples"
        )
    unknown = set(data) - _LIST_KEYS
    if unknown:
        key = sorted(unknown)[0]
        raise doc.fail((key,), f"unknown key {key!r}; allowed: {', '.join(sorted(_LIST_KEYS))}")
    raw = data.get("principle")
    principles = [raw] if isinstance(raw, str) else raw
    if (
        not isinstance(principles, list)
        or not principles
        or any(p not in PRINCIPLES for p in principles)
    ):
        raise doc.fail(
            ("principle",), "give the principle (or a list of them) of the rules that use the list"
        )
    patterns = _per_lang(
        doc,
        {k: v for k, v in data.items() if k in LANGS},
        (),
        LANGS,
    )
    if not patterns:
        raise doc.fail((), "give patterns under zh and/or en")
    for lang, items in patterns:
        for i, pattern in enumerate(items):
            if pattern in items[:i]:
                raise doc.fail((lang, i), f"pattern {pattern!r} is given twice; keep one")
    examples = data.get("examples")
    held = {lang for lang, _ in patterns}
    if not isinstance(examples, Mapping) or set(examples) != held:
        raise doc.fail(
            ("examples",),
            f"give examples for each language the list holds ({', '.join(sorted(held))}): "
            "texts its patterns must match",
        )
    pairs: list[tuple[Lang, str]] = []
    for lang, texts in examples.items():
        if not isinstance(texts, list) or not texts or not all(isinstance(t, str) for t in texts):
            raise doc.fail(("examples", lang), "give a non-empty list of texts")
        pairs.extend((cast(Lang, lang), t) for t in texts)
    return ExceptionList(tuple(principles), patterns, tuple(pairs))


def load_lists(
    folder: Traversable | Path, *, compile_patterns: bool = True
) -> dict[str, ExceptionList]:
    """The shared exception lists of one pack folder (its `lists/` folder; none without)."""
    where = folder.joinpath("lists")
    if not where.is_dir():
        return {}
    lists: dict[str, ExceptionList] = {}
    for filename, f in _pack_files(where):
        name = filename[: -len(".yaml")]
        if not _KEBAB.fullmatch(name):
            raise WarmlineError(f"{f}: list file names are kebab-case, like not-our-time.yaml")
        text = f.read_text(encoding="utf-8")
        lists[name] = parse_list(text, str(f), compile_patterns=compile_patterns)
    return lists


def _exceptions(
    doc: _Doc, value: Any, langs: Iterable[Lang], lists: Lists, principle: str
) -> PerLang:
    """A rule's exceptions: the lists it names under `use` (in that order), then its own
    patterns, per language. A pattern given twice is an error, so that a rule does not
    repeat what a list it uses holds."""
    if value is None:
        return ()
    if not isinstance(value, Mapping):
        raise doc.fail(("exceptions",), "give a mapping of language (zh/en) to a list of patterns")
    own = {k: v for k, v in value.items() if k != "use"}
    used = value.get("use", [])
    if "use" in value and (
        not isinstance(used, list) or not used or not all(isinstance(u, str) for u in used)
    ):
        raise doc.fail(("exceptions", "use"), "give a list of exception list names")
    merged: dict[Lang, list[str]] = {}
    origin: dict[tuple[Lang, str], str] = {}
    for i, name in enumerate(used):
        if name in used[:i]:
            raise doc.fail(("exceptions", "use", i), f"list {name!r} is named twice; name it once")
        if name not in lists:
            known = ", ".join(sorted(lists)) or "none in this pack"
            raise doc.fail(
                ("exceptions", "use", i),
                f"unknown exception list {name!r}; the pack's lists/ folder has: {known}",
            )
        if principle not in lists[name].principles:
            raise doc.fail(
                ("exceptions", "use", i),
                f"list {name!r} is for rules of {', '.join(lists[name].principles)}, "
                f"not {principle}; add {principle} to its principle if it fits",
            )
        for lang, patterns in lists[name].patterns:
            if lang not in langs:
                continue
            for pattern in patterns:
                if (lang, pattern) in origin:
                    raise doc.fail(
                        ("exceptions", "use", i),
                        f"lists {origin[(lang, pattern)]!r} and {name!r} share the {lang} "
                        f"pattern {pattern!r}; keep it in one",
                    )
                origin[(lang, pattern)] = name
                merged.setdefault(lang, []).append(pattern)
    for lang, patterns in _per_lang(doc, own, ("exceptions",), langs):
        for i, pattern in enumerate(patterns):
            if (lang, pattern) in origin:
                source = origin[(lang, pattern)]
                raise doc.fail(
                    ("exceptions", lang, i),
                    f"this pattern is already in the exception list {source!r} the rule uses;"
                    " remove it here"
                    if source
                    else "this pattern is given twice in this rule; keep one",
                )
            origin[(lang, pattern)] = ""
            merged.setdefault(lang, []).append(pattern)
    if used and not merged:
        raise doc.fail(
            ("exceptions", "use"),
            f"the lists {', '.join(used)} hold no patterns in the rule's languages "
            f"({', '.join(langs)}), and the rule gives none of its own",
        )
    return tuple((lang, tuple(patterns)) for lang, patterns in merged.items())


def _examples(doc: _Doc, value: Any, kind: Kind) -> tuple[Example, ...]:
    path: tuple[str | int, ...] = ("examples",)
    if not isinstance(value, Mapping) or set(value) - {"flag", "pass"}:
        raise doc.fail(path, "give a mapping with 'flag' and 'pass' lists")
    out: list[Example] = []
    for group in ("flag", "pass"):
        items = value.get(group)
        if not isinstance(items, list) or not items:
            raise doc.fail((*path, group), f"give at least one {group} example")
        for i, item in enumerate(items):
            where = (*path, group, i)
            if isinstance(item, str):
                item = {"text": item}
            if not isinstance(item, Mapping) or not isinstance(item.get("text"), str):
                raise doc.fail(where, "an example is a string or a mapping with 'text'")
            allowed = {"text", "context"} | ({"match", "suggestion"} if group == "flag" else set())
            extra = set(item) - allowed
            if extra:
                raise doc.fail(where, f"unknown key {sorted(extra)[0]!r}; use {sorted(allowed)}")
            ctx = item.get("context") or {}
            if not isinstance(ctx, Mapping) or set(ctx) - _CONTEXT_KEYS:
                raise doc.fail((*where, "context"), f"context keys are {sorted(_CONTEXT_KEYS)}")
            if item.get("match") is not None and item["match"] not in item["text"]:
                raise doc.fail((*where, "match"), "the expected match does not occur in the text")
            out.append(
                Example(
                    text=item["text"],
                    flag=group == "flag",
                    match=item.get("match"),
                    suggestion=item.get("suggestion"),
                    context=tuple(
                        (k, tuple(v) if isinstance(v, list) else v) for k, v in ctx.items()
                    ),
                    line=doc.line(where),
                )
            )
    return tuple(out)


def parse_rule(
    text: str,
    rule_id: str,
    source: str = "",
    *,
    compile_patterns: bool = True,
    lists: Lists | None = None,
) -> Rule:
    """Parse and validate one rule file's text. Raises WarmlineError naming source:line.

    `lists`: the shared exception lists of the rule's pack (`load_lists`), which its
    `exceptions: {use: [...]}` may name. `compile_patterns=False` skips compiling each
    pattern to check it, the slow part of loading (a second per thousand patterns): for
    the packaged rules only, which the test suite loads with every check on."""
    from warmline.coach.detector import DETECTORS  # detectors import Rule; avoid a cycle

    source = source or rule_id
    doc = _Doc(text, source, compile_patterns=compile_patterns)
    data = doc.data
    if not isinstance(data, Mapping):
        raise doc.fail((), "a rule file is a YAML mapping (principle, kind, level, ...)")
    unknown = set(data) - _RULE_KEYS
    if unknown:
        key = sorted(unknown)[0]
        raise doc.fail((key,), f"unknown key {key!r}; allowed: {', '.join(sorted(_RULE_KEYS))}")
    for key in ("principle", "kind", "level", "lang", "message", "examples"):
        if key not in data:
            raise doc.fail((), f"missing {key!r}")
    principle = data["principle"]
    if principle not in PRINCIPLES:
        raise doc.fail(("principle",), f"unknown principle {principle!r}; see METHOD.md (T1..R4)")
    kind = data["kind"]
    if kind not in KINDS:
        raise doc.fail(("kind",), f"unknown kind {kind!r}; use one of {', '.join(KINDS)}")
    level = data["level"]
    if level not in LEVELS:
        raise doc.fail(("level",), f"unknown level {level!r}; use one of {', '.join(LEVELS)}")
    langs_raw = data["lang"]
    if (
        not isinstance(langs_raw, list)
        or not langs_raw
        or any(lang not in LANGS for lang in langs_raw)
    ):
        raise doc.fail(("lang",), "give a list of languages from [zh, en]")
    langs = cast(tuple[Lang, ...], tuple(langs_raw))

    allowed = set(BASE_PLACEHOLDERS)
    fix = data.get("fix") or ""
    if fix:
        if fix not in FIXERS:
            raise doc.fail(("fix",), f"unknown fixer {fix!r}; use one of {', '.join(FIXERS)}")
        allowed |= FIXERS[fix].provides
    unless = data.get("unless") or ""
    if unless and unless not in GUARDS:
        raise doc.fail(("unless",), f"unknown guard {unless!r}; use one of {', '.join(GUARDS)}")
    detector = data.get("detector") or ""
    tokens: PerLang = ()
    exceptions: PerLang = ()
    swaps: list[tuple[Lang, tuple[tuple[str, str], ...]]] = []
    params: dict[str, float] = {}
    raw_params = data.get("params") or {}
    if not isinstance(raw_params, Mapping) or not all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in raw_params.values()
    ):
        raise doc.fail(("params",), "give a mapping of names to numbers")
    params = {str(k): float(v) for k, v in raw_params.items()}

    if kind == "existence":
        if "tokens" not in data:
            raise doc.fail((), "an existence rule needs 'tokens'")
        tokens = _per_lang(doc, data["tokens"], ("tokens",), langs)
    elif kind == "substitution":
        raw = data.get("swap")
        if not isinstance(raw, Mapping) or not raw:
            raise doc.fail(
                ("swap",), "a substitution rule needs 'swap': {lang: {pattern: replacement}}"
            )
        for lang, pairs in raw.items():
            if lang not in langs:
                raise doc.fail(("swap", lang), f"language {lang!r} is not in the rule's lang list")
            if not isinstance(pairs, Mapping) or not pairs:
                raise doc.fail(("swap", lang), "give a mapping of pattern to replacement")
            checked = []
            for pat, repl in pairs.items():
                _pattern(doc, pat, ("swap", lang, pat))
                if not isinstance(repl, str) or not repl.strip():
                    raise doc.fail(
                        ("swap", lang, pat), "the replacement must be a non-empty string"
                    )
                checked.append((str(pat), repl))
            swaps.append((cast(Lang, lang), tuple(checked)))
        tokens = tuple((lang, tuple(p for p, _ in pairs)) for lang, pairs in swaps)
        allowed.add("replacement")
    elif kind == "length":
        missing = {"max_zh", "max_en", "ratio", "floor"} - set(params)
        if missing:
            raise doc.fail(("params",), f"a length rule needs params {sorted(missing)}")
        allowed |= LENGTH_PLACEHOLDERS
    else:
        if detector not in DETECTORS:
            raise doc.fail(
                ("detector",), f"unknown detector {detector!r}; use one of {', '.join(DETECTORS)}"
            )
        served = DETECTORS[detector].per_principle
        if served is None:
            allowed |= DETECTORS[detector].provides
        elif principle in served:
            allowed |= served[principle]
        else:
            raise doc.fail(
                ("principle",),
                f"detector {detector!r} serves principles {', '.join(served)} only",
            )
    if kind in ("existence", "substitution") or (
        kind == "python" and DETECTORS[detector].reads_exceptions
    ):
        exceptions = _exceptions(doc, data.get("exceptions"), langs, lists or {}, principle)
    if kind not in ("existence", "substitution") and (data.get("tokens") or data.get("swap")):
        raise doc.fail((), f"a {kind} rule takes no tokens or swap")
    if data.get("exceptions") and not exceptions:
        raise doc.fail(("exceptions",), f"this {kind} rule takes no exceptions")
    if detector and kind != "python":
        raise doc.fail(("detector",), "only a python rule names a detector")
    model_veto = data.get("model_veto", False)
    if not isinstance(model_veto, bool):
        raise doc.fail(("model_veto",), "give true or false")
    if model_veto and (
        kind not in ("existence", "substitution") or principle not in MODEL_PRINCIPLES
    ):
        raise doc.fail(
            ("model_veto",),
            "only a phrase rule (existence or substitution) of "
            f"{', '.join(MODEL_PRINCIPLES)} can be vetoed by the draft model",
        )
    weak_words = _per_lang(doc, data.get("weak_words"), ("weak_words",), langs)
    if weak_words and not model_veto:
        raise doc.fail(("weak_words",), "weak words need model_veto: true")

    frozen_allowed = frozenset(allowed)
    message = _text(doc, data["message"], ("message",), frozen_allowed)
    if "suggestion" in data:
        suggestion = _text(doc, data["suggestion"], ("suggestion",), frozen_allowed)
    elif kind == "substitution":
        suggestion = Text(zh="{replacement}", en="{replacement}")
    else:
        raise doc.fail((), "missing 'suggestion' (a concrete rewrite or rewrite pattern)")
    return Rule(
        id=rule_id,
        principle=principle,
        kind=kind,
        level=level,
        langs=langs,
        message=message,
        suggestion=suggestion,
        tokens=tokens,
        exceptions=exceptions,
        swap=tuple(swaps),
        unless=unless,
        fix=fix,
        detector=detector,
        params=tuple(sorted(params.items())),
        source=source,
        model_veto=model_veto,
        weak_words=weak_words,
        examples=_examples(doc, data["examples"], kind),
    )


def _pack_files(folder: Traversable | Path) -> list[tuple[str, Traversable | Path]]:
    files = sorted(
        (f.name, f) for f in folder.iterdir() if f.name.endswith(".yaml") and f.is_file()
    )
    return files


def load_pack(
    folder: Traversable | Path, pack: str | None = None, *, compile_patterns: bool = True
) -> tuple[Rule, ...]:
    """Load every `*.yaml` rule of one pack folder; the pack name defaults to the folder's."""
    name = pack or folder.name
    lists = load_lists(folder, compile_patterns=compile_patterns)
    rules = []
    for filename, f in _pack_files(folder):
        stem = filename[: -len(".yaml")]
        if not _KEBAB.fullmatch(stem):
            raise WarmlineError(f"{f}: rule file names are kebab-case, like vague-time.yaml")
        text = f.read_text(encoding="utf-8")
        rules.append(
            parse_rule(
                text, f"{name}.{stem}", str(f), compile_patterns=compile_patterns, lists=lists
            )
        )
    return tuple(rules)


def packaged_folders() -> list[Traversable]:
    """The pack folders shipped inside the package."""
    packs = resources.files("warmline.coach").joinpath("packs")
    return [
        folder
        for folder in sorted(packs.iterdir(), key=lambda f: f.name)
        if folder.is_dir() and not folder.name.startswith(("_", "."))
    ]


@lru_cache(maxsize=1)
def _packaged() -> tuple[Rule, ...]:
    # the shipped patterns were checked when the package was tested
    # (tests/coach/test_rules.py loads them with compile_patterns on)
    rules: list[Rule] = []
    for folder in packaged_folders():
        rules.extend(load_pack(folder, compile_patterns=False))
    return tuple(rules)


def load_rules(*folders: Path) -> tuple[Rule, ...]:
    """The packaged rules (loaded and validated once), plus any extra pack folders."""
    rules = list(_packaged())
    for folder in folders:
        rules.extend(load_pack(folder))
    ids = [r.id for r in rules]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise WarmlineError(f"rule {dupes[0]!r} is defined twice; rename one pack folder")
    return tuple(rules)
