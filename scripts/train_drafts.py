"""Train the draft model shipped in src/warmline/coach/model/drafts.json.

    python scripts/train_drafts.py            # 5-fold cross-validation, thresholds, write the model
    python scripts/train_drafts.py --cv-only  # figures only
    python scripts/train_drafts.py --grid     # try a few regularisation strengths

Data: data/drafts/{zh,en}*.jsonl, one {"text", "labels": [principle IDs]} per
line: drafts to clients we wrote and labelled for this project. Nothing else
is read: the evaluation set (tests/data/coach_eval/) is never trained on, and
scripts/check_overlap.py keeps near-duplicates of it out of the training files.

Model: one logistic regression (sigmoid) per principle (C1, T4, S1, C4) and
language, with an L2 penalty, fitted in numpy (scripts/regression.py). The
features come from warmline.coach.draftmodel.features, the function inference
uses, and held-out drafts are scored through the shipped pure-Python path
(textmodel.logits + sigmoid), so the figures describe what ships.

Thresholds: a draft is flagged when a phrase rule or the model flags it. The
phrase rules were written with these drafts in view, so on new drafts they
catch less than here, and more of the flags come from the model: its own
cross-validated precision is the honest figure. For each principle the
threshold is the lowest from which on the model's own precision stays >=
--target (0.92) and the precision of "phrase rules or model" stays within two
points of min(target, the phrase rules' own precision), at every higher
threshold where the model flags at least 25 drafts (precision over fewer is
noise). The table prints the phrase rules alone, the model alone and the two
together.

A floor (THRESHOLD_FLOOR) raises a threshold where fresh drafts showed the model's added
flags to be wrong more often than the cross-validation says (zh T4: .40).

Vetoes: the model also withdraws a phrase finding (rules with `model_veto: true`)
from a draft it scores below the principle's veto threshold: the highest of VETOES
that costs the vetoable phrase rules at most 1% of their true flags out of fold and
withdraws none of their in-file examples that must trigger, or VETO_FLOOR (.08) where
that is higher and still spares those examples. Findings made only of a rule's weak
words are withdrawn at the higher WEAK_VETO.
The "rules" columns count the phrase rules after the veto.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

import regression  # noqa: E402  (scripts/regression.py)

from warmline.coach import CheckContext, check, draftmodel, load_rules, textmodel  # noqa: E402
from warmline.coach.config import CoachConfig, RuleSetting  # noqa: E402
from warmline.coach.detector import as_model_reads  # noqa: E402
from warmline.coach.engine import draft_language  # noqa: E402
from warmline.core.text import Lang  # noqa: E402

DATA = ROOT / "data" / "drafts"
OUT = ROOT / "src" / "warmline" / "coach" / draftmodel.MODEL_RESOURCE
LABELS = draftmodel.LABELS
LANGS: tuple[Lang, ...] = ("zh", "en")
# The situation the phrase rules are run in (as bench/coach_eval.py does).
NOW = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)
ZONES = {"zh": "Asia/Shanghai", "en": "Europe/London"}

Row = tuple[str, frozenset[str]]  # text, principles
# Precision over fewer flags than this is too noisy to hold a threshold to.
MIN_FLAGS = 25


def data_files(lang: Lang) -> dict[str, str]:
    """SHA-256 of every training file of a language, so a test can tell the model is current."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(DATA.glob(f"{lang}*.jsonl"))
    }


def load(lang: Lang) -> list[Row]:
    rows: list[Row] = []
    for path in sorted(DATA.glob(f"{lang}*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            item = json.loads(line)
            labels = item.get("labels")
            if not isinstance(item.get("text"), str) or not isinstance(labels, list):
                raise SystemExit(f"{path}:{number}: give {{'text': ..., 'labels': [...]}}")
            bad = [x for x in labels if x not in LABELS]
            if bad:
                raise SystemExit(f"{path}:{number}: unknown label {bad[0]!r}; use {LABELS}")
            rows.append((item["text"], frozenset(labels)))
    return rows


def model_rule_ids() -> list[str]:
    return [r.id for r in load_rules() if r.detector == "draft-model"]


def rule_flags(
    rows: list[Row], lang: Lang
) -> list[tuple[frozenset[str], frozenset[str], frozenset[str]]]:
    """Per draft, the principles the phrase rules (the model rules off, so no veto
    either) flag at level warning or error; those they flag at any level (which
    silence the model: the engine adds no model finding over a phrase finding of the
    same principle); and those only rules the model may veto flag at warning or error."""
    config = CoachConfig(rules=tuple((rid, RuleSetting(enabled=False)) for rid in model_rule_ids()))
    vetoable = {r.id for r in load_rules() if r.model_veto}
    ctx = CheckContext(now=NOW, lang=lang, client_zone=ZONES[lang], user_zone="Asia/Shanghai")
    out = []
    for text, _ in rows:
        found = check(text, ctx, config)
        warned = [f for f in found if f.level in ("warning", "error")]
        firm = {f.principle for f in warned if f.rule not in vetoable}
        out.append(
            (
                frozenset(f.principle for f in warned),
                frozenset(f.principle for f in found),
                frozenset(f.principle for f in warned if f.principle not in firm),
            )
        )
    return out


Features = tuple[list[str], list[str]]  # n-grams, named features


def fit(
    grams: list[Features], rows: list[Row], l2: float, min_df: int, positive: float
) -> tuple[list[float], dict[str, list[float]]]:
    texts = grams
    index = regression.vocabulary(texts, min_df)
    x = regression.design(texts, index)
    y = np.zeros((len(rows), len(LABELS)), dtype=np.float32)
    for r, (_, labels) in enumerate(rows):
        for label in labels:
            y[r, LABELS.index(label)] = 1.0
    weight = np.full(len(LABELS), positive, dtype=np.float32)
    w, b = regression.fit(x, y, loss="sigmoid", l2=l2, steps=500, class_weight=weight)
    return regression.export(index, w, b)


def probabilities(
    texts: list[str], lang: Lang, bias: list[float], weights: dict[str, list[float]]
) -> list[list[float]]:
    """Held-out drafts scored as the engine scores them (draftmodel.read_logits)."""
    model = textmodel.LinearModel(tuple(bias), {f: tuple(v) for f, v in weights.items()})
    return [[textmodel.sigmoid(v) for v in draftmodel.read_logits(t, lang, model)] for t in texts]


def out_of_fold(
    grams: list[Features],
    rows: list[Row],
    lang: Lang,
    l2: float,
    min_df: int,
    positive: float,
    k: int = 5,
) -> list[list[float]]:
    """Each draft's probabilities from a model that did not see it (k folds)."""
    strata = [sum(1 << i for i, p in enumerate(LABELS) if p in labels) for _, labels in rows]
    probs: list[list[float]] = [[] for _ in rows]
    for held in regression.folds(strata, k):
        held_set = set(held)
        train = [i for i in range(len(rows)) if i not in held_set]
        bias, weights = fit(
            [grams[i] for i in train], [rows[i] for i in train], l2, min_df, positive
        )
        scored = probabilities([rows[i][0] for i in held], lang, bias, weights)
        for i, p in zip(held, scored, strict=True):
            probs[i] = p
    return probs


def prf(tp: int, fp: int, fn: int) -> tuple[float, float]:
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0)


def counts(pred: list[bool], gold: list[bool]) -> tuple[int, int, int]:
    tp = sum(p and g for p, g in zip(pred, gold, strict=True))
    fp = sum(p and not g for p, g in zip(pred, gold, strict=True))
    fn = sum(g and not p for p, g in zip(pred, gold, strict=True))
    return tp, fp, fn


def combine(model: list[bool], rules: list[bool], silent: list[bool]) -> list[bool]:
    """What the engine flags: the phrase rules (warning or above), or the model where
    no phrase finding of the principle (any level) silences it."""
    return [r or (m and not s) for m, r, s in zip(model, rules, silent, strict=True)]


def choose_threshold(
    probs: list[float], gold: list[bool], rules: list[bool], silent: list[bool], target: float
) -> float:
    """The lowest threshold from which on, at every higher threshold where the model
    flags at least MIN_FLAGS drafts, the model's own precision stays >= `target`
    and adding the model keeps "phrase rules or model" within two points of
    min(target, the phrase rules' precision) (see the module doc)."""
    floor = min(target, prf(*counts(rules, gold))[0]) - 0.02
    chosen = 0.99
    for t in (x / 100 for x in range(99, 9, -1)):
        model = [p >= t for p in probs]
        if sum(model) < MIN_FLAGS:
            continue
        union = combine(model, rules, silent)
        if prf(*counts(model, gold))[0] < target or prf(*counts(union, gold))[0] < floor:
            break
        chosen = t
    return chosen


# Veto thresholds tried (the model withdraws a vetoable phrase finding from a draft it
# scores below one), and the share of the phrase rules' true flags a veto may cost.
VETOES = (0.0, 0.01, 0.02, 0.03, 0.05, 0.08, 0.1)
MAX_VETO_LOSS = 0.01
# A floor under every veto, chosen on fresh drafts (dev24 and dev25 before their fix round:
# the highest level that lost none of their true flags; docs/coach.md, fourteenth session):
# the cross-validated choice above measures only the loss, on drafts the phrase rules were
# written for. Like any veto it stays at or below the in-file examples' lowest probability
# (on a 0.01 grid).
VETO_FLOOR = 0.08
# A floor under a model threshold, chosen on fresh drafts: the T4 flags the model adds beyond
# the phrase rules are the harder drafts, where its cross-validated precision does not hold.
# Fifteenth session (docs/coach.md): zh T4 .40, on dev24 to dev28 read by the rules and model
# of the commit before each set's fix round. Nineteenth session: on dev24 to dev34 read the
# same way (with the weak-word veto applied where a reading predates it), the model rule's T4
# flags were right 15 times and wrong 9 in English, 32 and 13 in Chinese (7 above .40); the
# level on a .05 grid that maximised T4 F1 there was .55 in both languages, under the
# lowest in-file example that must flag (en .600, zh .689).
THRESHOLD_FLOOR: dict[str, dict[str, float]] = {"zh": {"T4": 0.55}, "en": {"T4": 0.55}}
# The veto for weak words (Rule.weak_words: generic words of not knowing, which sound drafts
# use all the time), chosen on fresh drafts (dev24 to dev33, each read by the rules of the
# commit before its fix round; docs/coach.md, eighteenth session): the level on a .05 grid
# that maximised T4 F1 there (en .35, zh .45), capped under the lowest probability of an
# in-file example of weak words that must flag (en .216, zh .317). A retrain keeps these
# levels; the parametrized example test says when a new model's readings break the cap.
WEAK_VETO: dict[str, dict[str, float]] = {"zh": {"T4": 0.31}, "en": {"T4": 0.21}}


def choose_veto(
    probs: list[float], gold: list[bool], vetoable: list[bool], ceiling: float
) -> float:
    """The highest veto threshold that withdraws at most MAX_VETO_LOSS of the true flags
    of the vetoable phrase rules (out-of-fold probabilities) and none of their in-file
    examples that must trigger (whose lowest probability is `ceiling`). The phrase rules
    were written with these drafts in view, so they flag few false ones here: the loss
    is measured, the gain is seen on new drafts (docs/coach.md)."""
    true_flags = [p for p, g, v in zip(probs, gold, vetoable, strict=True) if g and v]
    chosen = 0.0
    for v in VETOES:
        if v > ceiling or sum(p < v for p in true_flags) > MAX_VETO_LOSS * len(true_flags):
            break
        chosen = v
    return max(chosen, min(VETO_FLOOR, math.floor(ceiling * 100) / 100))


def example_floor(
    lang: Lang, bias: list[float], weights: dict[str, list[float]]
) -> dict[str, float]:
    """Per principle, the lowest probability the model gives an in-file example that a
    vetoable rule must flag, read as the principle's model rule reads it: a veto above
    it would withdraw a flag the rule's author asked for."""
    rules = load_rules()
    model_rules = {r.principle: r for r in rules if r.detector == "draft-model"}
    floor = dict.fromkeys(LABELS, 1.0)
    for rule in rules:
        if not rule.model_veto:
            continue
        for example in rule.examples:
            ctx = example.check_context()
            if not example.flag or (ctx.lang or draft_language(example.text)) != lang:
                continue
            text = as_model_reads(example.text, lang, model_rules[rule.principle])
            p = probabilities([text], lang, bias, weights)[0][LABELS.index(rule.principle)]
            floor[rule.principle] = min(floor[rule.principle], p)
    return floor


def evaluate(
    lang: Lang,
    rows: list[Row],
    grams: list[Features],
    args: argparse.Namespace,
    floor: dict[str, float],
) -> dict[str, dict[str, float]]:
    probs = out_of_fold(grams, rows, lang, args.l2, args.min_df, args.positive)
    rules = rule_flags(rows, lang)
    table: dict[str, dict[str, float]] = {}
    print(f"\n{lang}: {args.k}-fold cross-validation on {len(rows)} drafts")
    print(
        f"  {'':4}{'n+':>5} | {'rules P':>8}{'R':>6} | {'model P':>8}{'R':>6} {'AUC':>6}"
        f" | {'t':>5} {'veto':>5} {'rules+model P':>14}{'R':>6}{'added':>6}{'vetoed':>7}"
    )
    for i, label in enumerate(LABELS):
        gold = [label in labels for _, labels in rows]
        p_i = [p[i] for p in probs]
        r_i = [label in warned for warned, _, _ in rules]
        s_i = [label in any_level for _, any_level, _ in rules]
        v_i = [label in only_vetoable for _, _, only_vetoable in rules]
        veto = choose_veto(p_i, gold, v_i, floor[label])
        withdrawn = [v and p < veto for v, p in zip(v_i, p_i, strict=True)]
        r_i = [r and not w for r, w in zip(r_i, withdrawn, strict=True)]  # what ships
        t_cv = choose_threshold(p_i, gold, r_i, s_i, args.target)
        t = max(t_cv, THRESHOLD_FLOOR.get(lang, {}).get(label, 0.0))
        model = [p >= t for p in p_i]
        union = combine(model, r_i, s_i)
        rp, rr = prf(*counts(r_i, gold))
        mp, mr = prf(*counts(model, gold))
        up, ur = prf(*counts(union, gold))
        added = sum(u and not r for u, r in zip(union, r_i, strict=True))
        auc = _auc(p_i, gold)
        print(
            f"  {label:4}{sum(gold):>5} | {rp:>8.3f}{rr:>6.3f} | {mp:>8.3f}{mr:>6.3f} {auc:>6.3f}"
            f" | {t:>5.2f} {veto:>5.2f} {up:>14.3f}{ur:>6.3f}{added:>6}{sum(withdrawn):>7}"
        )
        table[label] = {
            "threshold": t,
            "threshold_cv": t_cv,  # before THRESHOLD_FLOOR
            "veto": veto,
            "rules_precision": round(rp, 3),
            "rules_recall": round(rr, 3),
            "model_precision": round(mp, 3),
            "model_recall": round(mr, 3),
            "precision": round(up, 3),
            "recall": round(ur, 3),
            "auc": round(auc, 3),
        }
    return table


def recall_at(scores: list[float], gold: list[bool], target: float) -> float:
    """The best recall of the model alone at a threshold where its precision >= target."""
    best = 0.0
    for t in (x / 100 for x in range(5, 100)):
        p, r = prf(*counts([s >= t for s in scores], gold))
        if p >= target:
            best = max(best, r)
    return best


def _auc(scores: list[float], gold: list[bool]) -> float:
    pos = sorted(s for s, g in zip(scores, gold, strict=True) if g)
    neg = sorted(s for s, g in zip(scores, gold, strict=True) if not g)
    if not pos or not neg:
        return 1.0
    # the share of (positive, negative) pairs ranked right; ties count half
    import bisect

    wins = 0.0
    for s in pos:
        below = bisect.bisect_left(neg, s)
        ties = bisect.bisect_right(neg, s) - below
        wins += below + ties / 2
    return wins / (len(pos) * len(neg))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv-only", action="store_true")
    parser.add_argument("--grid", action="store_true")
    parser.add_argument("--l2", type=float, default=3e-5)
    parser.add_argument("--min-df", type=int, default=2)
    parser.add_argument("--positive", type=float, default=1.0, help="weight of positive drafts")
    parser.add_argument("--target", type=float, default=0.92)
    parser.add_argument("-k", type=int, default=5)
    parser.add_argument("--lang", choices=LANGS, action="append")
    args = parser.parse_args()
    langs = tuple(args.lang or LANGS)

    data = {lang: load(lang) for lang in langs}
    grams = {lang: [draftmodel.features(t, lang) for t, _ in data[lang]] for lang in langs}
    if args.grid:
        for lang in langs:
            for l2 in (3e-5, 1e-4, 3e-4, 1e-3):
                for positive in (1.0, 3.0):
                    probs = out_of_fold(grams[lang], data[lang], lang, l2, args.min_df, positive)
                    cells = []
                    for i, lab in enumerate(LABELS):
                        p_i = [p[i] for p in probs]
                        gold = [lab in ls for _, ls in data[lang]]
                        cells.append(
                            f"{lab} {_auc(p_i, gold):.3f}/{recall_at(p_i, gold, args.target):.2f}"
                        )
                    print(
                        f"{lang} l2={l2:g} positive={positive:g}: AUC/recall@P " + " ".join(cells)
                    )
        return
    # the model trained on every draft (what ships): its vetoes must spare the examples
    final = {
        lang: fit(grams[lang], data[lang], args.l2, args.min_df, args.positive) for lang in langs
    }
    floors = {lang: example_floor(lang, *final[lang]) for lang in langs}
    cv = {lang: evaluate(lang, data[lang], grams[lang], args, floors[lang]) for lang in langs}
    if args.cv_only:
        return
    if set(langs) != set(LANGS):
        raise SystemExit("write the model with both languages (leave out --lang)")
    model: dict[str, object] = {
        "format": 1,
        "labels": list(LABELS),
        "trained_on": {
            lang: {"drafts": len(data[lang]), "files": data_files(lang)} for lang in LANGS
        },
        "l2": args.l2,
        "min_df": args.min_df,
        "positive_weight": args.positive,
        "target_precision": args.target,
        "thresholds": {lang: {p: cv[lang][p]["threshold"] for p in LABELS} for lang in LANGS},
        "vetoes": {lang: {p: cv[lang][p]["veto"] for p in LABELS} for lang in LANGS},
        "weak_vetoes": WEAK_VETO,
        "cv": cv,
    }
    langs_out: dict[str, object] = {}
    for lang in LANGS:
        bias, weights = final[lang]
        langs_out[lang] = {"bias": bias, "weights": dict(sorted(weights.items()))}
        print(f"{lang}: {len(weights)} weighted features")
    model["langs"] = langs_out
    regression.write_model(model, OUT, ROOT)


if __name__ == "__main__":
    main()
