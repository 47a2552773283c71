"""The whole book as JSON: export -> import -> export is byte-identical."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import NOW
from warmline.config import Settings
from warmline.core.client import Channels
from warmline.core.error import WarmlineError
from warmline.services import Services
from warmline.store.engine import make_engine, migrate

ZONES = [
    "Asia/Shanghai",
    "Asia/Kathmandu",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "America/St_Johns",
    "UTC",
    "Asia/Kolkata",
]
texts = st.text(
    alphabet=st.sampled_from(list("abc xyz 王建国进度怎么样了？！，。😀🎉👍\n\"'\\<>&"))
    | st.characters(codec="utf-8", exclude_categories=("Cs",)),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() != "")


def fresh(tmp_path: Path, name: str) -> Services:
    eng = make_engine(f"sqlite:///{tmp_path / name}")
    migrate(eng)
    return Services(eng, settings=Settings(), clock=lambda: NOW)


def fill(svc: Services, name: str, zone: str, text: str, minutes: int) -> None:
    svc.set_profile(name="林晓", timezone="Asia/Shanghai", identities={"email": ["me@studio.cn"]})
    c = svc.add_client(
        name,
        timezone=zone,
        language="zh",
        channels=Channels(email=("c@x.cn",)),
        tags=["标签", "vip"],
    )
    at = NOW - timedelta(minutes=minutes)
    svc.log_message(str(c.id), "in", text, at=at, channel="wechat")
    svc.log_message(str(c.id), "out", text + " 👍", at=at + timedelta(seconds=61))
    svc.add_note(str(c.id), text)
    p = svc.add_project(str(c.id), "项目 " + text[:10], due="2026-12-24")
    svc.add_promise(str(c.id), text, due="2026-11-30T18:00", project=str(p.id))
    svc.deliver(str(c.id), text, feedback_by="2026-11-27")
    svc.add_meeting(str(c.id), "2026-11-24T15:00", title=text)
    svc.add_testimonial(str(c.id), text, permission=True, tags=["x"])


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=texts,
    zone=st.sampled_from(ZONES),
    text=texts,
    minutes=st.integers(min_value=0, max_value=60 * 24 * 90),
)
def test_export_import_export_is_byte_identical(
    tmp_path: Path, name: str, zone: str, text: str, minutes: int
) -> None:
    # a fresh book per run: hypothesis may run the same example twice (when it shrinks or
    # replays a failure) with the same tmp_path, so the inputs cannot name the files
    key = uuid.uuid4().hex
    a = fresh(tmp_path, f"a{key}.db")
    fill(a, name, zone, text, minutes)
    first = a.dumps(a.export_book())
    b = fresh(tmp_path, f"b{key}.db")
    b.import_book("book.json", json.loads(first))
    assert b.dumps(b.export_book()) == first


def test_import_book_on_both_backends_keeps_ids_and_continues_numbering(
    svc: Services, tmp_path: Path
) -> None:
    src = fresh(tmp_path, "src.db")
    fill(src, "Anna", "Europe/London", "hello", 30)
    path = tmp_path / "book.json"
    path.write_text(src.dumps(src.export_book()), encoding="utf-8")
    svc.import_book(path)
    assert svc.dumps(svc.export_book()) == path.read_text(encoding="utf-8")
    new = svc.add_client("Bob", timezone="UTC")
    assert new.id == 2  # the ID sequence moved past the imported rows


def test_import_book_refuses_a_book_that_is_not_empty(sqlite_svc: Services, tmp_path: Path) -> None:
    sqlite_svc.add_client("Existing", timezone="UTC")
    src = fresh(tmp_path, "src.db")
    fill(src, "Anna", "Europe/London", "hello", 30)
    path = tmp_path / "book.json"
    path.write_text(src.dumps(src.export_book()), encoding="utf-8")
    with pytest.raises(WarmlineError, match="not empty"):
        sqlite_svc.import_book(path)
    assert [c.name for c in sqlite_svc.clients()] == ["Existing"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid UTF-8 JSON"),
        ('{"format": "something-else"}', "not a warmline book export"),
        ('{"format": "warmline-book", "version": 99}', "version 99 is not supported"),
        (
            '{"format": "warmline-book", "version": 1, "clients": [{"name": "x", "timezone": "UTC", "created_at": "yesterday"}]}',
            r"clients\[0\].created_at",
        ),
        (
            '{"format": "warmline-book", "version": 1, "clients": [{"nom": "x"}]}',
            "unknown field 'nom'",
        ),
    ],
)
def test_a_corrupt_book_file_names_the_problem_and_writes_nothing(
    sqlite_svc: Services, tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(WarmlineError, match=message):
        sqlite_svc.import_book(path)
    assert sqlite_svc.clients() == []


def test_the_clock_is_what_stamps_new_records(sqlite_svc: Services) -> None:
    c = sqlite_svc.add_client("Anna", timezone="Europe/London")
    assert c.created_at == NOW == datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
