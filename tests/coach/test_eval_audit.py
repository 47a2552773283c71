"""The blind evaluation set's draft labels are exactly what its audit rule gives.

tests/data/coach_eval/README.md: two labellers per language labelled every draft from the
labelling guide alone; a label changed only where both agreed with each other and not
with the original. This test recomputes that from the labellers' own files, so a label
edited by hand afterwards (in either direction) fails it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

EVAL = Path(__file__).parents[1] / "data" / "coach_eval"
AUDIT = EVAL / "audit"
PRINCIPLES = ("C1", "T4", "S1", "C4")


def _labeller(lang: str, who: str) -> dict[str, set[str]]:
    lines = (AUDIT / f"{lang}.labeller-{who}.jsonl").read_text(encoding="utf-8").splitlines()
    return {row["aid"]: set(row["labels"]) for row in map(json.loads, lines)}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_draft_label_follows_the_audit_rule(lang: str) -> None:
    rows = [json.loads(x) for x in (EVAL / f"{lang}.jsonl").read_text("utf-8").splitlines()]
    drafts = {r["id"]: r for r in rows if r["kind"] == "draft"}
    ids = json.loads((AUDIT / f"{lang}.ids.json").read_text(encoding="utf-8"))
    a, b = _labeller(lang, "A"), _labeller(lang, "B")
    assert set(ids) == set(a) == set(b), "each labeller labelled every draft"
    assert sorted(ids.values()) == sorted(drafts), "the audit covered every draft, once"
    changed = 0
    for aid, draft_id in ids.items():
        row = drafts[draft_id]
        original = set(row.get("labels_original", row["labels"]))
        expected = {
            p
            for p in PRINCIPLES
            if (p in a[aid] if (p in a[aid]) == (p in b[aid]) else p in original)
        }
        assert set(row["labels"]) == expected, draft_id
        # labels_original is kept exactly where the audit changed something
        assert ("labels_original" in row) == (expected != original), draft_id
        changed += expected != original
    assert changed < len(ids) / 10, "an audit changes few labels; many means a mix-up"
