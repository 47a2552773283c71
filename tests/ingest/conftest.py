"""Fixtures for importer tests: our own format-faithful exports and their golden JSON.

Set WARMLINE_UPDATE_GOLDEN=1 to rewrite a golden file after a deliberate change,
then read the diff before committing it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from warmline.ingest import ImportedMessage

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
GOLDEN = HERE / "golden"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def golden() -> Callable[[str, Iterable[ImportedMessage]], None]:
    def check(name: str, messages: Iterable[ImportedMessage]) -> None:
        got = [m.as_json() for m in messages]
        path = GOLDEN / f"{name}.json"
        if os.environ.get("WARMLINE_UPDATE_GOLDEN") == "1":
            path.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        expected = json.loads(path.read_text(encoding="utf-8"))
        assert got == expected

    return check
