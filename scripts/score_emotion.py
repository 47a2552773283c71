"""Score the shipped emotion reader on a folder of labelled messages.

    python scripts/score_emotion.py data/emotion_fresh21

Reads <folder>/zh.jsonl and <folder>/en.jsonl (one {"text", "label"} per line) with
coach.emotion.classify, as the product does, and prints precision / recall / F1 per
label and macro F1 per language. For sets kept out of training (data/emotion_fresh21/):
each reading of such a set is a measurement, to be recorded where it is used.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from warmline.coach.emotion import LABELS, classify  # noqa: E402
from warmline.core.text import Lang  # noqa: E402

LANGS: tuple[Lang, ...] = ("zh", "en")


def score(rows: list[tuple[str, str]], lang: Lang) -> tuple[dict[str, tuple[float, ...]], float]:
    """Per label (precision, recall, F1, n), and macro F1."""
    got = [classify(text, lang).label for text, _ in rows]
    out: dict[str, tuple[float, ...]] = {}
    for label in LABELS:
        tp = sum(g == label and want == label for g, (_, want) in zip(got, rows, strict=True))
        said = sum(g == label for g in got)
        real = sum(want == label for _, want in rows)
        p = tp / said if said else 0.0
        r = tp / real if real else 0.0
        out[label] = (p, r, 2 * p * r / (p + r) if p + r else 0.0, real)
    return out, sum(v[2] for v in out.values()) / len(LABELS)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    folder = Path(argv[0])
    for lang in LANGS:
        path = folder / f"{lang}.jsonl"
        if not path.exists():
            continue
        rows = []
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                item = json.loads(line)
                if item.get("label") not in LABELS:
                    raise SystemExit(f"{path}:{number}: label must be one of {LABELS}")
                rows.append((item["text"], item["label"]))
        per_label, macro = score(rows, lang)
        print(f"{lang}: {len(rows)} messages from {path}")
        print("  label         precision  recall      F1     n")
        for label, (p, r, f, n) in per_label.items():
            print(f"  {label:<13}{p:>9.3f}{r:>8.3f}{f:>8.3f}{n:>6.0f}")
        print(f"  macro F1{macro:>32.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
