"""Logistic regression for the coach's text models, fitted in numpy (training only).

Shared by scripts/train_emotion.py (one softmax over four labels) and
scripts/train_drafts.py (one sigmoid per principle). Features come from
warmline.coach.textmodel (the function inference uses); n-gram features are
scaled to unit length per text, extra features count 1, exactly as
textmodel.logits reads them. Full-batch gradient descent (Adam) with an L2
penalty; deterministic, so a retrain on the same data writes the same file.
"""

from __future__ import annotations

import hashlib
import json
import math
import random
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

import numpy as np

from warmline.coach import textmodel

Loss = Literal["softmax", "sigmoid"]


def vocabulary(texts: Sequence[tuple[Sequence[str], Sequence[str]]], min_df: int) -> dict[str, int]:
    """Feature -> column: n-grams seen in at least `min_df` texts, every extra feature."""
    df: dict[str, int] = {}
    for grams, extra in texts:
        for f in set(grams) | set(extra):
            df[f] = df.get(f, 0) + 1
    vocab = sorted(f for f, n in df.items() if n >= min_df or f.startswith("cue:"))
    return {f: i for i, f in enumerate(vocab)}


def design(
    texts: Sequence[tuple[Sequence[str], Sequence[str]]], index: dict[str, int]
) -> np.ndarray:
    """The feature matrix, scaled as textmodel.logits scales the features."""
    x = np.zeros((len(texts), len(index)), dtype=np.float32)
    for r, (grams, extra) in enumerate(texts):
        unique = set(grams)
        scale = 1.0 / math.sqrt(len(unique)) if unique else 0.0
        for f in unique:
            i = index.get(f)
            if i is not None:
                x[r, i] = scale
        for f in extra:
            i = index.get(f)
            if i is not None:
                x[r, i] = 1.0
    return x


def fit(
    x: np.ndarray,
    y: np.ndarray,
    *,
    loss: Loss,
    l2: float,
    steps: int = 600,
    prior: np.ndarray | None = None,
    class_weight: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Weights (features x labels) and biases minimising the mean loss + l2/2 |w|^2.

    `prior` is added to the logits (a fixed push the model learns around);
    `class_weight` (sigmoid only) multiplies the loss of positive examples, per label.
    """
    n, labels = y.shape
    w = np.zeros((x.shape[1], labels), dtype=np.float32)
    b = np.zeros(labels, dtype=np.float32)
    m_w, v_w = np.zeros_like(w), np.zeros_like(w)
    m_b, v_b = np.zeros_like(b), np.zeros_like(b)
    lr, beta1, beta2, eps = 0.05, 0.9, 0.999, 1e-8
    for t in range(1, steps + 1):
        z = x @ w + b
        if prior is not None:
            z = z + prior
        if loss == "softmax":
            z -= z.max(axis=1, keepdims=True)
            p = np.exp(z)
            p /= p.sum(axis=1, keepdims=True)
            g = (p - y) / n
        else:
            p = 1.0 / (1.0 + np.exp(-z))
            g = p - y
            if class_weight is not None:
                g = g * np.where(y > 0, class_weight, 1.0).astype(np.float32)
            g = g / n
        g_w = x.T @ g + l2 * w
        g_b = g.sum(axis=0)
        m_w = beta1 * m_w + (1 - beta1) * g_w
        v_w = beta2 * v_w + (1 - beta2) * g_w * g_w
        m_b = beta1 * m_b + (1 - beta1) * g_b
        v_b = beta2 * v_b + (1 - beta2) * g_b * g_b
        w -= lr * (m_w / (1 - beta1**t)) / (np.sqrt(v_w / (1 - beta2**t)) + eps)
        b -= lr * (m_b / (1 - beta1**t)) / (np.sqrt(v_b / (1 - beta2**t)) + eps)
    return w, b


def export(
    index: dict[str, int],
    w: np.ndarray,
    b: np.ndarray,
    floor: float = 0.002,
    digits: int = textmodel.WEIGHT_DECIMALS,
) -> tuple[list[float], dict[str, list[float]]]:
    """Rounded biases and weight rows (to the decimals inference adds exactly), dropping
    features whose weights all stay below `floor`."""
    weights = {
        f: [round(float(v), digits) for v in w[i]]
        for f, i in index.items()
        if float(np.abs(w[i]).max()) >= floor
    }
    return [round(float(v), digits) for v in b], weights


def folds(strata: Sequence[int], k: int, seed: int = 7) -> list[list[int]]:
    """k folds of row indices, each stratum (a label index, a label-set code) spread evenly."""
    rng = random.Random(seed)
    buckets: list[list[int]] = [[] for _ in range(k)]
    for key in sorted(set(strata)):
        members = [i for i, s in enumerate(strata) if s == key]
        rng.shuffle(members)
        for j, i in enumerate(members):
            buckets[j % k].append(i)
    return buckets


def fingerprint(path: Path, rows: int) -> dict[str, object]:
    """What a model was trained on: the row count and the file's SHA-256."""
    return {"messages": rows, "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}


def write_model(model: dict[str, object], out: Path, root: Path) -> None:
    """Write a trained model file (compact JSON, UTF-8) and say where."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps(model, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    print(f"wrote {out.relative_to(root)} ({out.stat().st_size // 1024} KiB)")
