"""Precision / recall of the draft checks on labelled sets with the draft model's vetoes
raised to a floor, one line per level (how the fourteenth session chose VETO_FLOOR in
scripts/train_drafts.py; docs/coach.md).

    python scripts/veto_levels.py [--src SRC] DIR [DIR ...]

Each DIR holds zh.jsonl and en.jsonl ({"text", "labels"} per line). Run it on drafts the
rules were not written for: `--src` takes the rules and model of another source tree,
such as a worktree of the commit before a set's fix round (`git worktree add /tmp/old
5296ef1`, then `--src /tmp/old/src`; `--src` must come first). The levels are tried as
they are: what ships is also capped under the in-file examples' lowest probability
(scripts/train_drafts.py, `VETO_FLOOR`), which this script does not apply.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if sys.argv[1:2] == ["--src"]:
    sys.path.insert(0, sys.argv[2])
    del sys.argv[1:3]
else:
    sys.path.insert(0, str(ROOT / "src"))

from warmline.coach import CheckContext, check, draftmodel  # noqa: E402

NOW = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)
PRINCIPLES = ("C1", "T4", "S1", "C4")
LEVELS = (None, 0.06, 0.08, 0.10, 0.12, 0.15, 0.20)


def main(folders: list[Path]) -> int:
    shipped = {lang: draftmodel.vetoes(lang) for lang in ("zh", "en")}
    for lang in ("zh", "en"):
        rows = [
            json.loads(line)
            for folder in folders
            for line in (folder / f"{lang}.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        zone = "Asia/Shanghai" if lang == "zh" else "Europe/London"
        for level in LEVELS:
            floor = shipped[lang] if level is None else tuple(max(v, level) for v in shipped[lang])
            draftmodel.vetoes = lambda _lang, floor=floor: floor  # type: ignore[assignment]
            draftmodel.score.cache_clear()
            counts = {p: [0, 0, 0] for p in PRINCIPLES}
            for row in rows:
                ctx = CheckContext(now=NOW, lang=lang, client_zone=zone, user_zone="Asia/Shanghai")
                found = {f.principle for f in check(row["text"], ctx) if f.level != "suggestion"}
                gold = set(row["labels"])
                for p in PRINCIPLES:
                    if p in found or p in gold:
                        counts[p][0 if p in found and p in gold else 1 if p in found else 2] += 1
            cells = []
            for p, (tp, fp, fn) in counts.items():
                prec = tp / (tp + fp) if tp + fp else 1.0
                rec = tp / (tp + fn) if tp + fn else 1.0
                cells.append(f"{p} {prec:.3f} / {rec:.3f}")
            name = "shipped" if level is None else f"{level:.2f}"
            print(f"{lang} veto {name:>7}: {', '.join(cells)}", flush=True)
    return 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    raise SystemExit(main([Path(a) for a in sys.argv[1:]]))
