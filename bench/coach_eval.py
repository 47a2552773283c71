"""Measure the coach on the blind-labelled evaluation set (tests/data/coach_eval/).

Drafts: precision and recall per principle (C1, T4, S1, C4) and language, counting
findings at level warning or error (suggestion-level hints are not flags).
Incoming: emotion precision/recall/F1 per label, and status-request detection.

Run: python bench/coach_eval.py [--errors N] [--data DIR]
  --errors N: print N misses per principle; --data DIR: measure another labelled set
  of the same layout instead, such as the development set data/drafts_dev13/ (rows
  without "kind" are drafts; "id" defaults to the line number).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from warmline.coach import CheckContext, check  # noqa: E402
from warmline.coach.reading import ReadContext, read  # noqa: E402

DATA = ROOT / "tests" / "data" / "coach_eval"
PRINCIPLES = ("C1", "T4", "S1", "C4")
EMOTIONS = ("anger", "anxiety", "satisfaction", "neutral")
# A Tuesday afternoon in Shanghai; the client is in Shanghai (zh) or London (en).
NOW = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)
TARGET_P, TARGET_R, TARGET_ANGER_F1 = 0.90, 0.85, 0.85


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--errors", type=int, default=0, help="print this many misses per principle")
    ap.add_argument("--data", type=Path, default=DATA, help="folder holding zh.jsonl and en.jsonl")
    ap.add_argument("--lang", choices=("zh", "en"), help="measure one language only")
    args = ap.parse_args()
    ok = True
    print(
        f"{'lang':4} {'principle':9} {'n+':>4} {'prec':>6} {'recall':>6} {'F1':>6}  target P>={TARGET_P} R>={TARGET_R}"
    )
    for lang in (args.lang,) if args.lang else ("zh", "en"):
        rows = [
            {"kind": "draft", "id": f"{lang}-{n}", **json.loads(line)}
            for n, line in enumerate(
                (args.data / f"{lang}.jsonl").read_text(encoding="utf-8").splitlines(), 1
            )
            if line.strip()
        ]
        zone = "Asia/Shanghai" if lang == "zh" else "Europe/London"
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        # the blind set's labels before its audit (README.md there), measured alongside
        before: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        audited = any("labels_original" in r for r in rows)
        misses: dict[str, list[str]] = defaultdict(list)
        for row in (r for r in rows if r["kind"] == "draft"):
            ctx = CheckContext(now=NOW, lang=lang, client_zone=zone, user_zone="Asia/Shanghai")
            found = {
                f.principle for f in check(row["text"], ctx) if f.level in ("warning", "error")
            }
            gold = set(row["labels"])
            original = set(row.get("labels_original", row["labels"]))
            for p in PRINCIPLES:
                before[p][0 if p in found and p in original else 1 if p in found else 2] += (
                    p in found or p in original
                )
                if p in found and p in gold:
                    counts[p][0] += 1
                elif p in found:
                    counts[p][1] += 1
                    misses[p].append(f"  FP {row['id']}: {row['text']}")
                elif p in gold:
                    counts[p][2] += 1
                    misses[p].append(f"  FN {row['id']}: {row['text']}")
        for p in PRINCIPLES:
            tp, fp, fn = counts[p]
            prec, rec, f1 = prf(tp, fp, fn)
            hit = prec >= TARGET_P and rec >= TARGET_R
            ok &= hit
            print(
                f"{lang:4} {p:9} {tp + fn:4d} {prec:6.3f} {rec:6.3f} {f1:6.3f}  {'ok' if hit else 'BELOW TARGET'}"
            )
            for line in misses[p][: args.errors]:
                print(line)
        if audited:
            cells = []
            for p in PRINCIPLES:
                prec, rec, _ = prf(*before[p])
                cells.append(f"{p} {prec:.3f} / {rec:.3f}")
            print(f"{lang:4} on the labels before the audit (P / R): {', '.join(cells)}")
        emo: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        status = [0, 0, 0]
        incoming = [r for r in rows if r["kind"] == "incoming"]
        if not incoming:
            continue
        for row in incoming:
            reading = read(row["text"], ReadContext(now=NOW, lang=lang, client_zone=zone))
            for label in EMOTIONS:
                pred, gold_l = reading.emotion == label, row["emotion"] == label
                emo[label][0] += pred and gold_l
                emo[label][1] += pred and not gold_l
                emo[label][2] += gold_l and not pred
            sp, sg = reading.status_request, bool(row.get("status_request"))
            status[0] += sp and sg
            status[1] += sp and not sg
            status[2] += sg and not sp
        print(f"{lang:4} emotion   n={len(incoming)}")
        for label in EMOTIONS:
            p, r, f = prf(*emo[label])
            print(f"{'':4}   {label:13} prec {p:.3f} recall {r:.3f} F1 {f:.3f}")
        anger_f1 = prf(*emo["anger"])[2]
        ok &= anger_f1 >= TARGET_ANGER_F1
        print(
            f"{'':4}   anger F1 {anger_f1:.3f} (target >= {TARGET_ANGER_F1}) {'ok' if anger_f1 >= TARGET_ANGER_F1 else 'BELOW TARGET'}"
        )
        p, r, f = prf(*status)
        print(f"{'':4}   status request prec {p:.3f} recall {r:.3f} F1 {f:.3f}")
    print("all targets met" if ok else "some targets not met")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
