"""Keep the training drafts apart from the blind evaluation set and the development set.

    python scripts/check_overlap.py          # count near-duplicates; exit 1 if any
    python scripts/check_overlap.py --drop   # remove them from the training files
    python scripts/check_overlap.py --lang zh  # one language only

Compares every line of data/drafts/*.jsonl (or of the folders given) with every
line of the held-out sets of the same language: the blind evaluation set
(tests/data/coach_eval/*.jsonl) and every development set (data/drafts_dev*/*.jsonl),
by similarity only: texts are normalised (lower case, no spaces or punctuation)
and a pair is a near-duplicate when its character-bigram Jaccard similarity is
>= --jaccard or its difflib ratio is >= --ratio. Only counts are printed, never a
line of a held-out set, so running this cannot leak the blind set into the
training data; --drop rewrites the training files without the offending lines.
A held-out set that is missing is skipped (said so).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import unicodedata
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "tests" / "data" / "coach_eval"
TRAIN_DIR = ROOT / "data" / "drafts"


def _dev_order(folder: Path) -> int:
    """drafts_dev (the first), drafts_dev3, …, drafts_dev10 in the order they were written."""
    suffix = folder.name.removeprefix("drafts_dev")
    return int(suffix) if suffix.isdigit() else 0


# The sets training drafts must stay apart from: (name, folder).
HELD_OUT = (
    ("evaluation set", EVAL),
    *(
        (f"development set {folder.name}", folder)
        for folder in sorted((ROOT / "data").glob("drafts_dev*"), key=_dev_order)
        if folder.is_dir()
    ),
)


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    return "".join(c for c in text if c.isalnum())


def _bigrams(norm: str) -> frozenset[str]:
    return frozenset(norm[i : i + 2] for i in range(len(norm) - 1)) or frozenset({norm})


def _texts(path: Path) -> list[str]:
    return [
        json.loads(line)["text"]
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def near_duplicate(
    a: tuple[str, frozenset[str]], b: tuple[str, frozenset[str]], jaccard: float, ratio: float
) -> bool:
    (na, ga), (nb, gb) = a, b
    if na == nb:
        return True
    shared = len(ga & gb)
    if not shared:
        return False
    if shared / len(ga | gb) >= jaccard:
        return True
    # difflib only where the bigrams already overlap a good deal (it is slow)
    if shared / min(len(ga), len(gb)) < 0.5:
        return False
    return SequenceMatcher(None, na, nb, autojunk=False).ratio() >= ratio


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drop", action="store_true", help="remove near-duplicates")
    parser.add_argument("folders", nargs="*", type=Path, help="training folders (data/drafts)")
    parser.add_argument("--jaccard", type=float, default=0.6)
    parser.add_argument("--ratio", type=float, default=0.8)
    parser.add_argument(
        "--lang", choices=("zh", "en"), action="append", help="only this language (repeatable)"
    )
    args = parser.parse_args()
    sets = [(name, folder) for name, folder in HELD_OUT if folder.exists()]
    for name, folder in HELD_OUT:
        if not folder.exists():
            print(f"no {name} at {folder.relative_to(ROOT)}; not compared")
    if not sets:
        return 0
    found = 0
    for lang in args.lang or ("zh", "en"):
        held = {
            name: [(n, _bigrams(n)) for n in map(_norm, _texts(folder / f"{lang}.jsonl"))]
            for name, folder in sets
            if (folder / f"{lang}.jsonl").exists()
        }
        if not held:
            continue
        for folder in args.folders or [TRAIN_DIR]:
            for path in sorted(folder.glob(f"{lang}*.jsonl")):
                lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
                keep = []
                hits = dict.fromkeys(held, 0)
                for line in lines:
                    n = _norm(json.loads(line)["text"])
                    mine = (n, _bigrams(n))
                    near = [
                        name
                        for name, texts in held.items()
                        if any(near_duplicate(mine, h, args.jaccard, args.ratio) for h in texts)
                    ]
                    for name in near:
                        hits[name] += 1
                    if not near:
                        keep.append(line)
                dropped = len(lines) - len(keep)
                found += dropped
                per_set = ", ".join(f"{count} of the {name}" for name, count in hits.items())
                print(
                    f"{os.path.relpath(path)}: {len(lines)} lines, "
                    f"{dropped} near-duplicates ({per_set})"
                )
                if dropped and args.drop:
                    path.write_text("\n".join(keep) + "\n", encoding="utf-8")
    if found and not args.drop:
        print("run with --drop to remove them")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
