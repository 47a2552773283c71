"""The emotion of an incoming client message: anger, anxiety, satisfaction or neutral.

Two parts, added in logit space:

1. a small multinomial logistic regression per language, trained by
   scripts/train_emotion.py on client-style messages we wrote ourselves
   (data/emotion/), over characters and character pairs (zh) or words, word
   pairs and words after a negation (en), plus the cue features
   (coach/cue.py); its weights ship as JSON in coach/model/ and load once,
   lazily;
2. explicit cues a person would point at: strong phrases (太离谱了, 投诉,
   "unacceptable", "refund"), repeated punctuation (？？？, !!!), repetition
   (第三次, 又, again, still), shouting in capitals, emoji. Each cue is a
   model feature and also adds a fixed prior to its label, so a message full
   of anger words the training set never saw still reads as anger.

Pure Python at run time (no numpy): a message costs one pass over its n-grams
(coach/textmodel.py, shared with the draft model).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from warmline.coach.cue import Cue, cue_prior, find_cues, normalise
from warmline.coach.textmodel import Featuriser, ModelFile, load_model, softmax
from warmline.core.message import EMOTIONS, Emotion
from warmline.core.text import Lang, detect_language

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

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# character pairs (zh); words, word pairs, words after a negation and letter
# 4-grams inside longer words (en: "frustrating" shares weight with "frustrated",
# a typo keeps most of its word's weight)
FEATURISER = Featuriser(zh_orders=(1, 2), zh_latin=True, en_pairs=True, negation=3, en_chars=4)
# the start and end marks alone say only "a short message": left to the shape features
_MARKS = frozenset({"\x02", "\x03"})
_ELONGATED = re.compile(r"([a-z])\1{2,}")  # "sooo", "pleeease", "hellooo"
_ZH_REPEATED = re.compile(r"([\u4e00-\u9fff])\1{2,}|(?:啊|呀|吧){2,}")  # 啊啊啊, 又又又
_SCARE_QUOTE = re.compile(r"[\"“'‘「][^\"”'’」\n]{1,24}[\"”'’」]")  # "final", “马上”
_UPPER_WORD = re.compile(r"(?<![A-Za-z])[A-Z]{2,}(?![A-Za-z])")  # a word in capitals
_WORDS = re.compile(r"[A-Za-z]+")
_STRONG_KINDS = frozenset({"phrase", "repeat", "complaint", "punctuation", "caps"})


def shape(text: str, norm: str, lang: Lang, cues: tuple[Cue, ...]) -> list[str]:
    """Features of how a message is written, not of its words ("x:…").

    Length (a three-word message), exclamation and question marks, a message
    shouted in capitals, stretched words, scare quotes, a trailing ellipsis,
    and praise beside anger cues (the shape of sarcasm: "Great. Another delay.").
    """
    out: list[str] = []
    if lang == "zh":
        size = len(_HAN.findall(text)) + len(_WORDS.findall(text))
        short, long_ = size <= 6, size >= 60
        if _ZH_REPEATED.search(norm):
            out.append("x:repeated")
    else:
        size = len(_WORDS.findall(text))
        short, long_ = size <= 4, size >= 45
        if not text.islower():
            upper = len(_UPPER_WORD.findall(text))
            if upper >= 2 and upper * 2 >= size:
                out.append("x:shouting")
        if _ELONGATED.search(norm):
            out.append("x:elongated")
    if short:
        out.append("x:short")
    if long_:
        out.append("x:long")
    bangs = norm.count("!")
    if bangs:
        out.append("x:!")
        if bangs >= 2:
            out.append("x:!!")
    asks = norm.count("?")
    if asks >= 2:
        out.append("x:??")
    if _SCARE_QUOTE.search(text):
        out.append("x:quote")
    if "..." in norm or "…" in norm or "。。" in norm:
        out.append("x:ellipsis")
    kinds = {c.kind for c in cues if c.label == "anger"}
    if any(c.kind == "praise" for c in cues) and kinds & _STRONG_KINDS:
        out.append("x:praise+anger")
    if any(c.kind == "calm" for c in cues) and kinds:
        out.append("x:calm+anger")
    return out


def features(
    text: str, lang: Lang, cues: tuple[Cue, ...] | None = None, norm: str | None = None
) -> tuple[list[str], list[str]]:
    """(n-gram features, cue and shape features) of a message, as the model sees them.

    The training script calls this very function, so training and inference
    cannot drift apart.
    """
    if norm is None:
        norm = normalise(text)
    if lang == "en" and _ELONGATED.search(norm):
        grams = FEATURISER.grams(_ELONGATED.sub(r"\1\1", norm), lang)
    else:
        grams = FEATURISER.grams(norm, lang)
    if lang == "zh":
        grams = [g for g in grams if g not in _MARKS]
    if cues is None:
        cues = find_cues(text, lang, norm)
    cue_feats = sorted({f"cue:{c.label}" for c in cues} | {f"cue:{c.kind}:{c.label}" for c in cues})
    return grams, cue_feats + shape(text, norm, lang, cues)


# --------------------------------------------------------------------------- model


def _models() -> ModelFile:
    return load_model(MODEL_RESOURCE, LABELS)


def _shifted(cue: Cue, whole: str, tail_at: int, shift: int) -> Cue:
    start = cue.start + shift if cue.start >= tail_at else cue.start
    end = cue.end + shift if cue.end > tail_at else cue.end
    return Cue(whole[start:end], cue.label, cue.kind, start, end)


def language_of(text: str) -> Lang:
    """The language a message is read in: core.text's rule, English when it has no letters."""
    return detect_language(text, default="en")


# A long message is read from its opening and its closing: that is where a writer
# says how they feel ("I'm very disappointed…", "…please sort this out today"); the
# middle of a long mail (a spec, a log, a digest) says little about it and, with the
# n-grams scaled to unit length, would only dilute what the ends say.
HEAD, TAIL = 1000, 300


def window(text: str) -> tuple[str, int, int]:
    """(the part of `text` the classifier reads, where its tail starts in it, how far
    that tail is shifted from its place in `text`): the whole text up to HEAD + TAIL
    characters, else the first HEAD and the last TAIL characters (cut at white space,
    so no word is split) joined by a line break."""
    if len(text) <= HEAD + TAIL:
        return text, len(text), 0
    head = text[:HEAD]
    cut = head.rfind(" ", HEAD - 40)
    head = head[:cut] if cut > 0 else head
    start = len(text) - TAIL
    space = text.find(" ", start, start + 40)
    start = space + 1 if space >= 0 else start
    return head + "\n" + text[start:], len(head) + 1, start - len(head) - 1


def classify(text: str, lang: Lang | None = None) -> Affect:
    """Read the emotion of one message (of a long one, its opening and closing: `window`)."""
    whole = text
    text, tail_at, shift = window(text)
    language: Lang = lang or language_of(text)
    norm = normalise(text)
    cues = find_cues(text, language, norm)
    if shift:  # offsets and words in the whole message
        cues = tuple(_shifted(c, whole, tail_at, shift) for c in cues)
    if not text.strip():
        return Affect("neutral", 1.0, tuple((lab, float(lab == "neutral")) for lab in LABELS), ())
    model = _models().langs[language]
    grams, cue_feats = features(text, language, cues, norm)
    raw = model.logits(grams, cue_feats)
    prior = cue_prior(cues)
    probs = softmax([r + p for r, p in zip(raw, prior, strict=True)])
    best = max(range(len(LABELS)), key=probs.__getitem__)
    return Affect(LABELS[best], probs[best], tuple(zip(LABELS, probs, strict=True)), cues)
