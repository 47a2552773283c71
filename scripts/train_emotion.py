"""Train the emotion model shipped in src/warmline/coach/model/emotion.json.

    python scripts/train_emotion.py            # 5-fold cross-validation, then write the model
    python scripts/train_emotion.py --cv-only  # figures only
    python scripts/train_emotion.py --no-cv    # write the model without the figures
    python scripts/train_emotion.py --grid     # try a few regularisation strengths
    python scripts/train_emotion.py --cv-only --lang en --show-dev  # one language, dev misses

A development set, data/emotion_dev/{zh,en}.jsonl (messages we wrote after the
training data, never trained on), is scored by the model fitted on all the
training data: a second figure besides the cross-validation, on messages whose
wording the training set did not shape. Near-duplicates of it are dropped from
training like those of the evaluation set.

Data: data/emotion/{zh,en}.jsonl and every data/emotion/{zh,en}.*.jsonl, one
{"text", "label"} per line, written by us for this project (client-style
messages). The evaluation set (tests/data/coach_eval/) is never trained on:
the script reads it only to drop, automatically, any training message that is
a near-duplicate of an evaluation message (character n-gram Jaccard similarity
>= NEAR_DUPLICATE), and prints how many it dropped, never which: nobody reads
the evaluation set to write training data.

Model: multinomial logistic regression with an L2 penalty, fitted by full-batch
gradient descent (Adam) in numpy (scripts/regression.py, shared with
scripts/train_drafts.py). Features come from
warmline.coach.emotion.features, the function inference uses; the
cross-validation scores held-out messages through the shipped pure-Python
inference path (logits + cue prior + softmax), so the figures describe what
ships.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

import regression  # noqa: E402  (scripts/regression.py)
from score_emotion import print_report, read_labelled, report  # noqa: E402

from warmline.coach import emotion, textmodel  # noqa: E402
from warmline.core.text import Lang  # noqa: E402

DATA = ROOT / "data" / "emotion"
EVAL = ROOT / "tests" / "data" / "coach_eval"
DEV = ROOT / "data" / "emotion_dev"
FRESH = ROOT / "data" / "emotion_fresh21"  # a fresh set by new writers, never trained on
# Jaccard similarity of character n-gram sets (zh pairs, en triples) at or
# above which a training message counts as a near-duplicate of an evaluation one
NEAR_DUPLICATE = 0.6
OUT = ROOT / "src" / "warmline" / "coach" / emotion.MODEL_RESOURCE
LABELS = emotion.LABELS
LANGS: tuple[Lang, ...] = ("zh", "en")

Example = tuple[list[str], list[str], int, str]  # grams, cue features, label index, text


def data_files(lang: Lang) -> dict[str, str]:
    """SHA-256 of every training file of a language, so a test can tell the model is current."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(DATA.glob(f"{lang}.*jsonl"))
    }


def training_files(lang: Lang) -> list[Path]:
    """data/emotion/<lang>.jsonl first, then every <lang>.*.jsonl in name order."""
    return [DATA / f"{lang}.jsonl", *sorted(DATA.glob(f"{lang}.*.jsonl"))]


def load(lang: Lang, held_out: list[frozenset[str]] | None = None) -> list[Example]:
    """The training messages of a language, near-duplicates of `held_out` dropped."""
    rows: list[Example] = []
    dropped = 0
    seen: set[str] = set()
    for path in training_files(lang):
        if not path.exists():
            continue
        for row in _load_file(path, lang):
            key = _squash(row[3])
            if key in seen:
                continue  # the same message twice (across files) counts once
            seen.add(key)
            if held_out and near_duplicate(shingles(row[3], lang), held_out):
                dropped += 1
                continue
            rows.append(row)
    if held_out is not None:
        print(
            f"{lang}: {dropped} training messages dropped as near-duplicates of the evaluation"
            " or development set"
        )
    return rows


def _load_file(path: Path, lang: Lang) -> list[Example]:
    rows: list[Example] = []
    for text, label in read_labelled(path):
        grams, cues = emotion.features(text, lang)
        rows.append((grams, cues, label, text))
    return rows


_NOT_WORD = re.compile(r"[^0-9a-z\u3400-\u9fff]+")


def _squash(text: str) -> str:
    return _NOT_WORD.sub("", text.lower())


def shingles(text: str, lang: Lang) -> frozenset[str]:
    """Character n-grams (zh pairs, en triples) of the text without case, spaces or punctuation."""
    s = _squash(text)
    k = 2 if lang == "zh" else 3
    return frozenset(s[i : i + k] for i in range(max(1, len(s) - k + 1)))


def near_duplicate(grams: frozenset[str], others: list[frozenset[str]]) -> bool:
    for other in others:
        inter = len(grams & other)
        if inter and inter / (len(grams) + len(other) - inter) >= NEAR_DUPLICATE:
            return True
    return False


def held_out_shingles(lang: Lang) -> list[frozenset[str]]:
    """The evaluation, development and fresh messages as shingle sets.

    The evaluation set is read by the program only and shown to no one.
    """
    found: list[frozenset[str]] = []
    for path in (EVAL / f"{lang}.jsonl", DEV / f"{lang}.jsonl", FRESH / f"{lang}.jsonl"):
        if path.exists():
            found += [
                shingles(json.loads(line)["text"], lang)
                for line in path.read_text(encoding="utf-8").splitlines()
                if line.strip()
            ]
    return found


def load_dev(lang: Lang) -> list[Example]:
    path = DEV / f"{lang}.jsonl"
    return _load_file(path, lang) if path.exists() else []


def score_dev(lang: Lang, bias: list[float], weights: dict[str, list[float]], show: bool) -> None:
    rows = load_dev(lang)
    if not rows:
        return
    pred = predict(rows, lang, bias, weights)
    print_report(lang, report([r[2] for r in rows], pred), f"development set, {len(rows)} messages")
    if show:
        for row, p in zip(rows, pred, strict=True):
            if p != row[2]:
                print(f"    {LABELS[row[2]]:>12} -> {LABELS[p]:<12} {row[3]}")


def fit(
    rows: list[Example], lang: Lang, l2: float, min_df: int, steps: int = 600
) -> tuple[list[float], dict[str, list[float]]]:
    texts = [(grams, cues) for grams, cues, _, _ in rows]
    index = regression.vocabulary(texts, min_df)
    x = regression.design(texts, index)
    y = np.zeros((len(rows), len(LABELS)), dtype=np.float32)
    for r, (_, _, label, _) in enumerate(rows):
        y[r, label] = 1.0
    # The cue prior is part of inference, so it is part of the fit: the model
    # learns what the fixed cues leave over.
    prior = np.array(
        [emotion.cue_prior(emotion.find_cues(text, lang)) for *_, text in rows], dtype=np.float32
    )
    w, b = regression.fit(x, y, loss="softmax", l2=l2, steps=steps, prior=prior)
    return regression.export(index, w, b)


def predict(
    rows: list[Example], lang: Lang, bias: list[float], weights: dict[str, list[float]]
) -> list[int]:
    tw = {f: tuple(v) for f, v in weights.items()}
    tb = tuple(bias)
    out = []
    for grams, cues, _, text in rows:
        raw = textmodel.logits(grams, cues, tw, tb)
        prior = emotion.cue_prior(emotion.find_cues(text, lang))
        scores = [r + p for r, p in zip(raw, prior, strict=True)]
        out.append(max(range(len(LABELS)), key=scores.__getitem__))
    return out


def cross_validate(
    lang: Lang, rows: list[Example], l2: float, min_df: int, k: int = 5
) -> dict[str, dict[str, float]]:
    gold: list[int] = []
    pred: list[int] = []
    for held in regression.folds([r[2] for r in rows], k):
        held_set = set(held)
        train = [r for i, r in enumerate(rows) if i not in held_set]
        test = [rows[i] for i in held]
        bias, weights = fit(train, lang, l2, min_df)
        pred += predict(test, lang, bias, weights)
        gold += [r[2] for r in test]
    return report(gold, pred)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv-only", action="store_true")
    parser.add_argument("--no-cv", action="store_true")
    parser.add_argument("--grid", action="store_true")
    parser.add_argument("--lang", choices=LANGS, help="cross-validate one language only")
    parser.add_argument("--show-dev", action="store_true", help="print the development misses")
    parser.add_argument("--l2", type=float, default=5e-5)
    parser.add_argument("--min-df", type=int, default=2)
    args = parser.parse_args()

    langs_run = (args.lang,) if args.lang else LANGS
    data = {lang: load(lang, held_out_shingles(lang)) for lang in langs_run}
    if args.grid:
        for lang in langs_run:
            for l2 in (1e-4, 3e-4, 1e-3, 3e-3):
                for min_df in (1, 2):
                    table = cross_validate(lang, data[lang], l2, min_df)
                    macro = sum(r["f1"] for r in table.values()) / 4
                    print(
                        f"{lang} l2={l2:g} min_df={min_df}: macro F1 {macro:.3f}, anger F1 {table['anger']['f1']:.3f}"
                    )
        return
    for lang in langs_run if not args.no_cv else ():
        print_report(lang, cross_validate(lang, data[lang], args.l2, args.min_df))
    if args.cv_only:
        for lang in langs_run:
            score_dev(lang, *fit(data[lang], lang, args.l2, args.min_df), args.show_dev)
        return
    if args.lang:
        raise SystemExit("--lang is for --cv-only: the model file holds both languages")
    model: dict[str, object] = {
        "format": 1,
        "labels": list(LABELS),
        "trained_on": {
            lang: {"messages": len(data[lang]), "files": data_files(lang)} for lang in LANGS
        },
        "l2": args.l2,
        "min_df": args.min_df,
        "langs": {},
    }
    langs: dict[str, object] = {}
    for lang in LANGS:
        bias, weights = fit(data[lang], lang, args.l2, args.min_df)
        langs[lang] = {"bias": bias, "weights": dict(sorted(weights.items()))}
        print(f"{lang}: {len(weights)} weighted features")
        score_dev(lang, bias, weights, args.show_dev)
    model["langs"] = langs
    regression.write_model(model, OUT, ROOT)


if __name__ == "__main__":
    main()
