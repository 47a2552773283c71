"""How often each emotion cue agrees with the labels of the labelled messages.

    python scripts/audit_cues.py [--min 5] [--below 0.3333]

For every labelled emotion message (data/emotion/, data/emotion_dev/), the cues the
reader finds in it (coach/cue.py) are counted once per message, keyed by their words
lower-cased, their label and their kind: in how many messages each is found, and how
many of those carry the cue's label. Prints the cues found in at least --min messages
that are right in fewer than --below of them: the candidates for leaving the cue lists
(CHANGELOG, the cue audit rule).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from score_emotion import read_labelled  # noqa: E402

from warmline.coach.cue import find_cues, normalise  # noqa: E402
from warmline.coach.emotion import LABELS  # noqa: E402

LANGS = ("zh", "en")


def labelled(lang: str) -> list[tuple[str, str]]:
    """(text, label) of every labelled emotion message in one language."""
    paths = [
        path
        for folder in ("emotion", "emotion_dev")
        for path in sorted((ROOT / "data" / folder).glob(f"{lang}*.jsonl"))
    ]
    return [(text, LABELS[label]) for path in paths for text, label in read_labelled(path)]


def audit(lang: str) -> dict[tuple[str, str, str], Counter[str]]:
    """Cue (words lower-cased, label, kind) -> how many messages of each label it is in."""
    found: dict[tuple[str, str, str], Counter[str]] = defaultdict(Counter)
    for text, label in labelled(lang):
        cues = find_cues(text, lang, normalise(text))  # type: ignore[arg-type]
        for key in {(c.text.lower(), c.label, c.kind) for c in cues}:
            found[key][label] += 1
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min", type=int, default=5, help="found in at least this many")
    parser.add_argument("--below", type=float, default=1 / 3, help="right in fewer than this")
    args = parser.parse_args()
    for lang in LANGS:
        found = audit(lang)
        weak = [
            (key, counts)
            for key, counts in found.items()
            if sum(counts.values()) >= args.min
            and counts[key[1]] < args.below * sum(counts.values())
        ]
        weak.sort(key=lambda kc: (-sum(kc[1].values()), kc[0]))
        print(f"{lang}: {len(found)} cues found; {len(weak)} right in under {args.below:.0%}")
        for (words, label, kind), counts in weak:
            total = sum(counts.values())
            spread = ", ".join(f"{k} {v}" for k, v in counts.most_common())
            print(f"  {words!r:<18} {label}/{kind:<12} right {counts[label]}/{total}  ({spread})")


if __name__ == "__main__":
    main()
