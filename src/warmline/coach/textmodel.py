"""Small linear text models, shared by the emotion reader and the draft model.

A model here is a logistic regression over sparse text features: character
n-grams (Chinese) or words, word pairs and marked words after a negation
(English), plus a few named extra features ("cue:…") the caller computes.
Its weights ship as compact JSON inside the package (`coach/model/*.json`,
written by the training scripts in scripts/) and load once, lazily.

Inference is pure Python (no numpy): the score of a text is one pass over its
distinct n-grams, each looked up in a dictionary of weight rows (one weight per
label; at run time each row packed into one integer, `LinearModel`). n-gram
features are scaled to unit length (1/sqrt(count)); extra features count 1. The
training scripts call `Featuriser.grams` and score held-out texts with `logits`
or `LinearModel` (the same scores, tested), so training and inference cannot
drift apart.

JSON layout (format 1):

    {"format": 1, "labels": [...], "trained_on": {...}, ...,
     "langs": {"zh": {"bias": [b1, ...], "weights": {"feature": [w1, ...], ...}}, "en": {...}}}
"""

from __future__ import annotations

import json
import math
import operator
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import InitVar, dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import chain, compress, repeat

from warmline.core.text import Lang

_EN_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[!?]+|[^\sa-z0-9!?.,;:'\"()\-]")
_NEGATORS = frozenset(
    {"not", "no", "never", "nothing", "nobody", "none", "without", "hardly", "cannot"}
)
_ZH_LATIN = re.compile(r"[a-z]{2,}")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Featuriser:
    """Which n-grams a model reads from a normalised (lower-cased) text.

    Chinese: character n-grams of the given orders over the text framed by
    start/end marks (\\x02 … \\x03), plus Latin words inside it ("w:deck").
    English: words ("w:"), and optionally word pairs with ^/$ at the ends
    ("b:"), the `negation` words after a negation marked ("n:"), and
    character n-grams of `en_chars` letters inside longer words ("c:"), which
    let "overloaded" share weight with "overload".
    """

    zh_orders: tuple[int, ...] = (1, 2)
    zh_latin: bool = True
    en_pairs: bool = True
    negation: int = 3
    en_chars: int = 0

    def grams(self, norm: str, lang: Lang) -> list[str]:
        """The n-grams of a normalised text, as a list (a model reads each once)."""
        if lang == "zh":
            norm = norm.strip()
            if "  " in norm or "\t" in norm or "\n" in norm:
                norm = _SPACES.sub(" ", norm)
            s = "\x02" + norm + "\x03"
            grams: list[str] = []
            # each order's n-grams joined from the order below and the next character
            # (str + str in C: faster than slicing), the order below kept for the next
            lower: Iterable[str] = s
            made = 1
            for order in sorted(self.zh_orders):
                while made < order:
                    lower = list(map(_add, lower, s[made:]))
                    made += 1
                grams += lower
            if self.zh_latin:
                grams += map(_W, _ZH_LATIN.findall(norm))
            return grams
        # tokens never hold white space, so English needs no space folding
        tokens = _EN_TOKEN.findall(norm)
        if self.en_chars:
            # each distinct word's "w:" feature and letter n-grams, kept per word
            grams = list(chain.from_iterable(map(_word_grams(self.en_chars), tokens)))
        else:
            grams = list(map(_W, tokens))
        if self.en_pairs:
            grams += [
                "b:" + a + " " + b for a, b in zip(["^", *tokens], [*tokens, "$"], strict=True)
            ]
        if self.negation and (not _NEGATORS.isdisjoint(tokens) or "n't" in norm):
            grams += negated(tokens, self.negation)
        return grams


_W = "w:".__add__
_add = operator.add


@lru_cache(maxsize=1 << 16)
def _negates(token: str) -> bool:
    return token in _NEGATORS or token.endswith("n't")


def negated(tokens: list[str], reach: int) -> list[str]:
    """ "not happy", "never replied": the `reach` words after each negation, marked "n:".

    A word is counted until a punctuation token ends the clause; a negation inside
    the reach of another starts its own. Only the negations are visited one by one
    (found in C), not every word.
    """
    at = list(compress(range(len(tokens)), map(_negates, tokens)))
    out: list[str] = []
    n = len(tokens)
    for k, i in enumerate(at):
        stop = at[k + 1] if k + 1 < len(at) else n
        left = reach
        j = i + 1
        while left and j < n:
            t = tokens[j]
            if t[0].isalpha():
                out.append("n:" + t)
                left -= 1
            elif not t[0].isalnum():
                break
            if j == stop:
                break
            j += 1
    return out


@lru_cache(maxsize=8)
def _word_grams(k: int) -> Callable[[str], tuple[str, ...]]:
    """A function from a word to its "w:" feature and its "c:" letter k-grams (when it
    is longer than k and starts with a letter), remembered per word."""

    @lru_cache(maxsize=1 << 16)
    def word_grams(t: str) -> tuple[str, ...]:
        if len(t) > k and t[0].isalpha():
            return ("w:" + t, *("c:" + t[i : i + k] for i in range(len(t) - k + 1)))
        return ("w:" + t,)

    return word_grams


def logits(
    grams: Iterable[str],
    extra: Iterable[str],
    weights: Mapping[str, tuple[float, ...]],
    bias: tuple[float, ...],
) -> list[float]:
    """Bias + weights of the features present; n-grams are scaled to unit length."""
    unique = set(grams)
    scale = 1.0 / math.sqrt(len(unique)) if unique else 0.0
    # map() and zip() keep the per-feature work in C: several times faster
    # than a Python loop over the features
    rows = list(filter(None, map(weights.get, unique)))
    out = (
        [b + scale * sum(col) for b, col in zip(bias, zip(*rows, strict=True), strict=True)]
        if rows
        else list(bias)
    )
    for w in filter(None, map(weights.get, extra)):
        out = [o + x for o, x in zip(out, w, strict=True)]
    return out


def softmax(values: list[float]) -> list[float]:
    top = max(values)
    exps = [math.exp(v - top) for v in values]
    total = sum(exps)
    return [e / total for e in exps]


def sigmoid(value: float) -> float:
    if value >= 0:
        return 1.0 / (1.0 + math.exp(-value))
    e = math.exp(value)
    return e / (1.0 + e)


# Weights ship rounded to this many decimals (scripts/regression.py `export` uses it), so
# each is an exact multiple of 1/WEIGHT_SCALE: inference adds them as integers.
WEIGHT_DECIMALS = 4
WEIGHT_SCALE = 10**WEIGHT_DECIMALS
# A weight row packed into one integer: label i's weight (times WEIGHT_SCALE, signed)
# in bits 64i..64i+63. Adding packed rows adds every label's weights at once, and a
# sum of signed fields unpacks exactly while each label's total stays under 2**63.
_FIELD = 64
_FIELD_MASK = (1 << _FIELD) - 1
_FIELD_HALF = 1 << (_FIELD - 1)


def pack_row(row: Iterable[float]) -> int:
    """One weight row as a single integer (see _FIELD)."""
    return sum(round(w * WEIGHT_SCALE) << (_FIELD * i) for i, w in enumerate(row))


def unpack_sum(total: int, labels: int) -> list[int]:
    """The per-label integer totals in a sum of packed rows."""
    out = []
    for _ in range(labels):
        field = total & _FIELD_MASK
        if field >= _FIELD_HALF:
            field -= 1 << _FIELD
        out.append(field)
        total = (total - field) >> _FIELD
    return out


@dataclass(frozen=True, slots=True)
class LinearModel:
    """One language's weights: a bias and a weight row per feature, one value per label.

    `logits` reads the rows packed into integers (`pack_row`): one dictionary value
    per feature instead of a tuple of floats, summed in C by `sum`. It gives the
    scores of `logits()` above for weights on the shipped 4-decimal grid (others are
    read rounded to it), and touches a third of the memory, which on a large model
    is most of the time.
    """

    bias: tuple[float, ...]
    weights: InitVar[Mapping[str, Iterable[float]]]
    packed: Mapping[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self, weights: Mapping[str, Iterable[float]]) -> None:
        # only the packed rows are kept: the float rows would double the model's memory
        object.__setattr__(self, "packed", {f: pack_row(row) for f, row in weights.items()})

    def logits(self, grams: Iterable[str], extra: Iterable[str] = ()) -> list[float]:
        """Bias + weights of the features present; n-grams scaled to unit length."""
        unique = set(grams)
        get = self.packed.get
        n = len(self.bias)
        gram_sum = unpack_sum(sum(map(get, unique, repeat(0))), n)
        extra_sum = unpack_sum(sum(map(get, extra, repeat(0))), n)
        scale = 1.0 / math.sqrt(len(unique)) / WEIGHT_SCALE if unique else 0.0
        return [
            b + scale * g + e / WEIGHT_SCALE
            for b, g, e in zip(self.bias, gram_sum, extra_sum, strict=True)
        ]


@dataclass(frozen=True, slots=True)
class ModelFile:
    """A shipped model file: its labels, one LinearModel per language, its settings."""

    labels: tuple[str, ...]
    langs: Mapping[str, LinearModel]
    settings: Mapping[str, object]


def parse_model(raw: str, source: str, labels: tuple[str, ...]) -> ModelFile:
    """Read a model file's JSON text; its labels must be `labels`, in that order."""
    data = json.loads(raw)
    if tuple(data["labels"]) != labels:
        raise ValueError(f"{source}: labels {data['labels']} differ from {list(labels)}")
    return ModelFile(
        labels=labels,
        langs={
            lang: LinearModel(tuple(float(b) for b in part["bias"]), part["weights"])
            for lang, part in data["langs"].items()
        },
        settings={k: v for k, v in data.items() if k not in ("langs", "labels")},
    )


@lru_cache(maxsize=8)
def load_model(resource: str, labels: tuple[str, ...]) -> ModelFile:
    """A model file packaged in warmline.coach (`model/emotion.json`), read once."""
    raw = resources.files("warmline.coach").joinpath(resource).read_text(encoding="utf-8")
    return parse_model(raw, resource, labels)
