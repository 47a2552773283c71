"""The principle registry mirrors the method document."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from warmline.core.principle import PRINCIPLES, principle

METHOD = Path(__file__).resolve().parents[3] / "shared" / "METHOD.md"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "method.md"


def test_every_principle_has_chinese_and_english_titles() -> None:
    for p in PRINCIPLES.values():
        assert p.title.zh and p.title.en and p.id[0] in "TSCR"


@pytest.mark.skipif(not METHOD.exists(), reason="../shared/METHOD.md is not beside the checkout")
def test_the_registry_holds_exactly_the_ids_of_method_md() -> None:
    ids = set(re.findall(r"^\| ([TSCR]\d) \|", METHOD.read_text(encoding="utf-8"), flags=re.M))
    assert ids == set(PRINCIPLES)


def test_the_method_page_documents_every_principle() -> None:
    text = DOCS.read_text(encoding="utf-8")
    assert [pid for pid in PRINCIPLES if f"**{pid}**" not in text] == []


def test_an_unknown_id_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        principle("X9")
