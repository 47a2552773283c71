"""Score the shipped emotion reader on a folder of labelled messages.

    python scripts/score_emotion.py data/emotion_fresh21

Reads <folder>/zh.jsonl and <folder>/en.jsonl (one {"text", "label"} per line) with
coach.emotion.classify, as the product does, and prints precision / recall / F1 per
label and macro F1 per language. For sets kept out of training (data/emotion_fresh21/):
each reading of such a set is a measurement, to be recorded where it is used.

The labelled-file reader and the report are shared with scripts/train_emotion.py and
scripts/audit_cues.py (this module needs no numpy).
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


def read_labelled(path: Path) -> list[tuple[str, int]]:
    """(text, label index) of each line of a labelled .jsonl file; a bad label stops."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        item = json.loads(line)
        if item.get("label") not in LABELS:
            raise SystemExit(f"{path}:{number}: label must be one of {LABELS}")
        rows.append((item["text"], LABELS.index(item["label"])))
    return rows


def report(gold: list[int], pred: list[int]) -> dict[str, dict[str, float]]:
    """Precision, recall, F1 and support per label (label indices in, names out)."""
    table: dict[str, dict[str, float]] = {}
    for li, label in enumerate(LABELS):
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == li and p == li)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != li and p == li)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == li and p != li)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        table[label] = {"precision": prec, "recall": rec, "f1": f1, "support": tp + fn}
    return table


def print_report(lang: str, table: dict[str, dict[str, float]], what: str = "") -> None:
    n = sum(int(v["support"]) for v in table.values())
    print(f"\n{lang}: {what or f'5-fold cross-validation on {n} messages'}")
    print(f"  {'label':<13}{'precision':>10}{'recall':>8}{'F1':>8}{'n':>6}")
    for label, row in table.items():
        print(
            f"  {label:<13}{row['precision']:>10.3f}{row['recall']:>8.3f}{row['f1']:>8.3f}{int(row['support']):>6}"
        )
    macro = sum(r["f1"] for r in table.values()) / len(table)
    print(f"  {'macro F1':<13}{'':>18}{macro:>8.3f}")


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    folder = Path(argv[0])
    for lang in LANGS:
        path = folder / f"{lang}.jsonl"
        if not path.exists():
            continue
        rows = read_labelled(path)
        pred = [LABELS.index(classify(text, lang).label) for text, _ in rows]
        table = report([label for _, label in rows], pred)
        print_report(lang, table, f"{len(rows)} messages from {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
