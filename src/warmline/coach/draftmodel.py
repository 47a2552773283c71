"""The draft model: how likely a draft breaks C1, T4, S1 or C4, read from its wording.

The phrase rules (packs/core/*.yaml) catch the wordings someone listed; real
drafts say the same things in many other ways ("二十来天才能发出", "it'll happen
when it happens"). A small logistic regression per principle and language
(one sigmoid each, sharing one pass over the draft's n-grams: characters up to
three in Chinese; words, word pairs and words after a negation in English),
trained by scripts/train_drafts.py on drafts we wrote and labelled
(data/drafts/), catches what the lists miss. Its weights and the decision
threshold of each principle (chosen by cross-validation on the training set)
ship as JSON in coach/model/drafts.json.

A model finding needs a span: the sentence the model scores highest for the
principle when it reads it alone (`strongest_sentence`). Pure Python at run time (no numpy);
the features are computed once per draft and shared by the four principles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from warmline.coach.pattern import lowered
from warmline.coach.textmodel import Featuriser, LinearModel, ModelFile, load_model, sigmoid
from warmline.core.text import Lang

MODEL_RESOURCE = "model/drafts.json"
LABELS: tuple[str, ...] = ("C1", "T4", "S1", "C4")

# Chinese: characters, pairs and triples (most phrases that matter are two to
# four characters); English: words, word pairs, words after a negation, and
# four-letter pieces of longer words ("overloaded" shares weight with "overload").
FEATURISER = Featuriser(zh_orders=(1, 2, 3), zh_latin=True, en_pairs=True, negation=3, en_chars=4)

# Full-width ASCII (？！，：) read as ASCII, one character for one.
_FULL_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
# Where a sentence ends: sentence marks, line breaks, a chat tilde. (Commas are
# not enough: the model's weights say which sentence reads so, not which words.)
_SENTENCE_END = re.compile(r"[。！？!?；;\n~～]+|\.(?:\s|$)|\s[-—]+\s")
# A clock time, a day: cheap cousins of guard.CLOCK and guard.DAY (no IGNORECASE;
# they read the normalised text), for the model's named features.
_CLOCK = re.compile(
    r"\d\s*(?::\s*\d\d|am|pm|a\.m|p\.m|点|點|时(?![间候]))"
    r"|[一二两三四五六七八九十]\s*点(?![多几儿])|noon|midnight|正午"
)
_DAY = re.compile(
    r"[周期拜][一二三四五六日天]|[今明后]天|今晚|明[早晚]|\d\s*[月日号/]|\d-\d\d-\d"
    r"|\b(?:mon|tue|wed|thu|fri|sat|sun|today|tomorrow|tonight|tmrw"
    r"|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
)
_EDGE = " \t'\"“”‘’「」()（）…*"


def normalise(text: str) -> str:
    """Lower case, full-width ASCII as ASCII, whitespace as spaces; offsets kept."""
    return lowered(text).translate(_FULL_WIDTH)


def _named(norm: str) -> list[str]:
    clock = _CLOCK.search(norm) is not None
    day = _DAY.search(norm) is not None
    named = ["cue:clock"] if clock else []
    if day:
        named.append("cue:day")
        if clock:
            named.append("cue:pinned")
    return named


def features(text: str, lang: Lang) -> tuple[list[str], list[str]]:
    """(n-gram features, named features) of a draft, as the model reads it; the
    training script calls this very function. The named features say whether the
    draft names a clock time, a day, or both (a vague word next to an exact time
    is usually no C1 problem)."""
    norm = normalise(text)
    return FEATURISER.grams(norm, lang), _named(norm)


@dataclass(frozen=True, slots=True)
class DraftScores:
    """The model's probability per principle (LABELS order), its thresholds, and the
    veto thresholds under which it withdraws a phrase rule's finding."""

    probabilities: tuple[float, ...]
    thresholds: tuple[float, ...]
    vetoes: tuple[float, ...] = (0.0, 0.0, 0.0, 0.0)
    weak_vetoes: tuple[float, ...] = (0.0, 0.0, 0.0, 0.0)

    def probability(self, principle: str) -> float:
        return self.probabilities[LABELS.index(principle)]

    def flags(self, principle: str) -> bool:
        i = LABELS.index(principle)
        return self.probabilities[i] >= self.thresholds[i]

    def withdraws(self, principle: str) -> bool:
        """The model reads the draft as clearly sound for the principle: a phrase
        rule's finding of it (a rule with `model_veto: true`) is withdrawn. The veto
        thresholds are low (a few per cent), chosen by cross-validation so that they
        cost the phrase rules at most 1% of their true flags (scripts/train_drafts.py)."""
        i = LABELS.index(principle)
        return self.probabilities[i] < self.vetoes[i]

    def withdraws_weak(self, principle: str) -> bool:
        """The model reads the draft as sound enough for the principle that a phrase
        finding made only of a rule's weak words (generic words of not knowing, common
        in sound drafts: Rule.weak_words) is withdrawn. The threshold is higher than
        the veto's, chosen on fresh drafts (scripts/train_drafts.py, WEAK_VETO)."""
        i = LABELS.index(principle)
        return self.probabilities[i] < max(self.weak_vetoes[i], self.vetoes[i])


@cache
def _model() -> ModelFile:
    """The shipped model, loaded on first use (cached without arguments: every check asks)."""
    return load_model(MODEL_RESOURCE, LABELS)


@lru_cache(maxsize=8)
def thresholds(lang: Lang) -> tuple[float, ...]:
    """The shipped decision threshold per principle for a language."""
    table = _model().settings["thresholds"]
    assert isinstance(table, dict)
    return tuple(float(table[lang][p]) for p in LABELS)


def vetoes(lang: Lang) -> tuple[float, ...]:
    """The shipped veto threshold per principle for a language (0: no veto)."""
    return _per_principle("vetoes", lang)


def weak_vetoes(lang: Lang) -> tuple[float, ...]:
    """The shipped veto threshold for weak words per principle for a language (0: none)."""
    return _per_principle("weak_vetoes", lang)


@lru_cache(maxsize=8)
def _per_principle(key: str, lang: Lang) -> tuple[float, ...]:
    """A per-language, per-principle table of the model file's settings (0 where absent)."""
    table = _model().settings.get(key, {})
    assert isinstance(table, dict)
    return tuple(float(table.get(lang, {}).get(p, 0.0)) for p in LABELS)


def read_logits(text: str, lang: Lang, model: LinearModel) -> list[float]:
    """A draft's logit per principle under `model` (the training script scores
    held-out drafts with this very function)."""
    return model.logits(*features(text, lang))


@lru_cache(maxsize=256)
def score(text: str, lang: Lang) -> DraftScores:
    """Probabilities of the four principles for a draft. Cached: the four model
    rules of one check share one computation."""
    raw = read_logits(text, lang, _model().langs[lang])
    return DraftScores(
        tuple(sigmoid(v) for v in raw), thresholds(lang), vetoes(lang), weak_vetoes(lang)
    )


def sentences(text: str) -> list[tuple[int, int]]:
    """The sentences of a draft, edges (spaces, quotes, brackets) trimmed."""
    out = []
    pos = 0
    for m in (*_SENTENCE_END.finditer(text), None):
        end = m.start() if m else len(text)
        start = pos
        while start < end and text[start] in _EDGE:
            start += 1
        stop = end
        while stop > start and text[stop - 1] in _EDGE:
            stop -= 1
        if stop > start:
            out.append((start, stop))
        if m is None:
            break
        pos = m.end()
    return out


def strongest_sentence(text: str, lang: Lang, principle: str) -> tuple[int, int]:
    """The sentence the model, reading it alone, scores highest for the principle."""
    parts = sentences(text)
    if len(parts) <= 1:
        return parts[0] if parts else (0, 0)
    model = _model().langs[lang]
    i = LABELS.index(principle)
    return max(parts, key=lambda span: read_logits(text[span[0] : span[1]], lang, model)[i])
