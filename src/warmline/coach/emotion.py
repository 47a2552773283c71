"""The emotion of an incoming client message: anger, anxiety, satisfaction or neutral.

Two parts, added in logit space:

1. a small multinomial logistic regression per language, trained by
   scripts/train_emotion.py on client-style messages we wrote ourselves
   (data/emotion/), over character n-grams (zh 1-3) or words, word pairs,
   character 4-grams inside words and words after a negation (en), plus the
   cue features (coach/cue.py); its
   weights ship as JSON in coach/model/ and load once, lazily;
2. explicit cues a person would point at: strong phrases (太离谱了, 投诉,
   "unacceptable", "refund"), repeated punctuation (？？？, !!!), repetition
   (第三次, 又, again, still), shouting in capitals, emoji. Each cue is a
   model feature and also adds a fixed prior to its label, so a message full
   of anger words the training set never saw still reads as anger.

Pure Python at run time (no numpy): a message costs one pass over its n-grams.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from warmline.coach.cue import Cue, cue_prior, find_cues, normalise
from warmline.core.message import EMOTIONS, Emotion
from warmline.core.text import Lang

MODEL_RESOURCE = "model/emotion.json"
LABELS: tuple[Emotion, ...] = EMOTIONS


@dataclass(frozen=True, slots=True)
class Affect:
    """What the classifier read: the label, its probability, all four, the cues."""

    label: Emotion
    score: float
    scores: tuple[tuple[Emotion, float], ...]
    cues: tuple[Cue, ...]

    def probability(self, label: Emotion) -> float:
        return dict(self.scores)[label]


# --------------------------------------------------------------------------- features

_EN_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[!?]+|[^\sa-z0-9!?.,;:'\"()\-]")
_NEGATORS = frozenset(
    {"not", "no", "never", "nothing", "nobody", "none", "without", "hardly", "cannot"}
)
_ZH_LATIN = re.compile(r"[a-z]{2,}")
_SPACES = re.compile(r"\s+")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_LETTERS = re.compile(r"[A-Za-z]")


def features(
    text: str, lang: Lang, cues: tuple[Cue, ...] | None = None, norm: str | None = None
) -> tuple[list[str], list[str]]:
    """(n-gram features, cue features) of a message, as the model sees them.

    The training script calls this very function, so training and inference
    cannot drift apart.
    """
    if norm is None:
        norm = normalise(text)
    norm = _SPACES.sub(" ", norm.strip())
    grams: list[str]
    if lang == "zh":
        s = "\x02" + norm + "\x03"
        n = len(s)
        grams = [*s, *[s[i : i + 2] for i in range(n - 1)]]
        grams += ["w:" + w for w in _ZH_LATIN.findall(norm)]
    else:
        tokens = _EN_TOKEN.findall(norm)
        grams = ["w:" + t for t in tokens]
        grams += ["b:" + a + " " + b for a, b in zip(["^", *tokens], [*tokens, "$"], strict=True)]
        negated = 0
        for t in tokens if "n't" in norm or not _NEGATORS.isdisjoint(tokens) else ():
            # "not happy", "never replied": the words after a negation, marked
            if negated and t[0].isalpha():
                grams.append("n:" + t)
                negated -= 1
            elif not t[0].isalnum():
                negated = 0
            if t in _NEGATORS or t.endswith("n't"):
                negated = 3
    if cues is None:
        cues = find_cues(text, lang)
    cue_feats = sorted({f"cue:{c.label}" for c in cues} | {f"cue:{c.kind}:{c.label}" for c in cues})
    return grams, cue_feats


# --------------------------------------------------------------------------- model


@dataclass(frozen=True, slots=True)
class _Model:
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]  # feature -> one weight per label


@lru_cache(maxsize=1)
def _models() -> dict[str, _Model]:
    raw = resources.files("warmline.coach").joinpath(MODEL_RESOURCE).read_text(encoding="utf-8")
    data = json.loads(raw)
    if tuple(data["labels"]) != LABELS:
        raise ValueError(f"{MODEL_RESOURCE}: labels {data['labels']} differ from {LABELS}")
    return {
        lang: _Model(
            tuple(float(b) for b in part["bias"]),
            {f: tuple(float(x) for x in w) for f, w in part["weights"].items()},
        )
        for lang, part in data["langs"].items()
    }


def logits(
    grams: list[str],
    cue_feats: list[str],
    weights: dict[str, tuple[float, ...]],
    bias: tuple[float, ...],
) -> list[float]:
    """Bias + weights of the features present; n-grams are scaled to unit length."""
    unique = set(grams)
    scale = 1.0 / math.sqrt(len(unique)) if unique else 0.0
    # map() and zip() keep the per-feature work in C: several times faster
    # than a Python loop over the features
    rows = [w for w in map(weights.get, unique) if w]
    out = (
        [b + scale * sum(col) for b, col in zip(bias, zip(*rows, strict=True), strict=True)]
        if rows
        else list(bias)
    )
    for w in filter(None, map(weights.get, cue_feats)):
        out = [o + x for o, x in zip(out, w, strict=True)]
    return out


def softmax(values: list[float]) -> list[float]:
    top = max(values)
    exps = [math.exp(v - top) for v in values]
    total = sum(exps)
    return [e / total for e in exps]


def language_of(text: str) -> Lang:
    """core.text.detect_language's rule (Han >= Latin letters / 4), counted by regex."""
    han = len(_HAN.findall(text))
    latin = len(_LATIN_LETTERS.findall(text))
    if han == 0 and latin == 0:
        return "en"
    return "zh" if han >= latin / 4 else "en"


def classify(text: str, lang: Lang | None = None) -> Affect:
    """Read the emotion of one message."""
    language: Lang = lang or language_of(text)
    norm = normalise(text)
    cues = find_cues(text, language, norm)
    if not text.strip():
        return Affect("neutral", 1.0, tuple((lab, float(lab == "neutral")) for lab in LABELS), ())
    model = _models()[language]
    grams, cue_feats = features(text, language, cues, norm)
    raw = logits(grams, cue_feats, model.weights, model.bias)
    prior = cue_prior(cues)
    probs = softmax([r + p for r, p in zip(raw, prior, strict=True)])
    best = max(range(len(LABELS)), key=probs.__getitem__)
    return Affect(LABELS[best], probs[best], tuple(zip(LABELS, probs, strict=True)), cues)
