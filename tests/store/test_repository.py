"""Store round trips for every entity, on SQLite and (in CI) PostgreSQL."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine

from tests.conftest import NOW
from warmline.core.client import Channels, Client, Profile
from warmline.core.error import Ambiguous, NotFound, WarmlineError
from warmline.core.ledger import AgendaMark, Commitment, Deliverable, Meeting, Note, Project
from warmline.core.ledger import Testimonial as Quote
from warmline.core.message import Message
from warmline.store.engine import alembic_config, make_engine
from warmline.store.repository import Book
from warmline.store.table import Base

WANG = Client(
    name="王建国",
    timezone="Asia/Shanghai",
    language="zh",
    company="青山茶业",
    city="杭州",
    country="CN",
    channels=Channels(
        email=("wang@qingshan.cn",), wechat=("wjg_tea",), phone=("+86 138 0000 1111",)
    ),
    tags=("vip", "包装"),
    created_at=NOW,
)


def test_alembic_upgrade_head_on_an_empty_database_builds_exactly_the_metadata(
    tmp_path: Path,
) -> None:
    eng = make_engine(f"sqlite:///{tmp_path / 'alembic.db'}")
    command.upgrade(alembic_config(eng), "head")
    with eng.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata
        )
    assert diff == []


def test_a_migrated_book_matches_the_table_metadata(engine: Engine) -> None:
    with engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata
        )
    assert diff == []


def test_a_client_round_trips_with_channels_tags_and_aware_times(engine: Engine) -> None:
    with Book(engine) as repo:
        saved = repo.add_client(WANG)
    with Book(engine) as repo:
        loaded = repo.client(saved.id or 0)
    assert loaded == dataclasses.replace(WANG, id=saved.id)
    assert (
        loaded.name == "王建国"
        and loaded.channels == WANG.channels
        and loaded.tags == ("vip", "包装")
    )
    assert loaded.created_at == NOW and loaded.created_at.tzinfo is not None


def test_the_profile_round_trips(engine: Engine) -> None:
    me = Profile(
        name="林晓",
        timezone="Asia/Shanghai",
        country="CN",
        work_start=time(9, 30),
        work_end=time(18, 30),
        work_days=(0, 1, 2, 3, 4, 5),
        ui_language="zh",
        identities=Channels(email=("lin@studio.cn",), wechat=("linxiao",)),
        reply_target_hours=1.5,
    )
    with Book(engine) as repo:
        repo.save_profile(me)
    with Book(engine) as repo:
        assert repo.profile() == me


def test_every_ledger_entity_round_trips(engine: Engine) -> None:
    with Book(engine) as repo:
        cid = repo.add_client(WANG).id or 0
        note = repo.add_note(Note(client_id=cid, text="女儿刚上小学", at=NOW, kind="personal"))
        proj = repo.add_project(
            Project(
                client_id=cid,
                title="礼盒包装",
                start=NOW,
                due=NOW + timedelta(days=30),
                cadence_days=3.0,
            )
        )
        msg = repo.add_message(
            Message(
                direction="in",
                sent_at=NOW,
                text="进度怎么样了？😊",
                client_id=cid,
                project_id=proj.id,
                channel="wechat",
                utc_offset_minutes=480,
                external_id="wx:1",
                attachments=("a.pdf",),
                emotion="anxiety",
                emotion_score=0.7,
                questions=("进度怎么样了？",),
                status_request=True,
            )
        )
        prom = repo.add_commitment(
            Commitment(
                client_id=cid,
                by="us",
                text="周五前发方案",
                due=NOW + timedelta(days=4),
                created_at=NOW,
                source_message_id=msg.id,
            )
        )
        deliv = repo.add_deliverable(
            Deliverable(
                client_id=cid,
                what="初稿",
                sent_at=NOW,
                feedback_by=NOW + timedelta(days=2),
                project_id=proj.id,
            )
        )
        meet = repo.add_meeting(
            Meeting(
                client_id=cid,
                start=NOW + timedelta(days=1),
                timezone="Asia/Shanghai",
                duration_minutes=45,
                title="评审",
            )
        )
        test = repo.add_testimonial(
            Quote(client_id=cid, text="靠谱！", created_at=NOW, permission=True, tags=("包装",))
        )
        mark = repo.put_mark(
            AgendaMark(
                key="S3:1", action="snoozed", at=NOW, reason="msg:1", until=NOW + timedelta(hours=3)
            )
        )
    with Book(engine) as repo:
        assert repo.notes(cid) == [note]
        assert repo.projects(cid) == [proj]
        assert repo.messages(cid) == [msg]
        assert repo.commitments(cid) == [prom]
        assert repo.deliverables(cid) == [deliv]
        assert repo.meetings(cid) == [meet]
        assert repo.testimonials(cid) == [test]
        assert repo.marks() == [mark]
        assert repo.messages(cid)[0].sent_at == NOW


def test_a_handle_cannot_belong_to_two_clients(engine: Engine) -> None:
    with Book(engine) as repo:
        repo.add_client(WANG)
    with (
        pytest.raises(WarmlineError, match="already belongs to client 王建国"),
        Book(engine) as repo,
    ):
        repo.add_client(
            Client(name="Other", channels=Channels(email=("WANG@qingshan.cn",)), created_at=NOW)
        )
    with Book(engine) as repo:
        assert [c.name for c in repo.clients()] == ["王建国"]


def test_clients_resolve_by_id_prefix_and_exact_name(engine: Engine) -> None:
    with Book(engine) as repo:
        a = repo.add_client(Client(name="Anna Smith", created_at=NOW))
        repo.add_client(Client(name="Anna Lee", created_at=NOW))
        repo.add_client(Client(name="Ann", created_at=NOW))
    with Book(engine) as repo:
        assert repo.resolve_client(str(a.id)).name == "Anna Smith"
        assert repo.resolve_client("anna s").name == "Anna Smith"
        assert repo.resolve_client("ann").name == "Ann"  # an exact name wins over prefixes
        with pytest.raises(Ambiguous, match=r"Anna Smith .*Anna Lee"):
            repo.resolve_client("anna")
        with pytest.raises(NotFound, match="Did you mean: Anna Lee"):
            repo.resolve_client("Ana Lee")


def test_unassigned_messages_attach_when_their_handle_is_mapped(engine: Engine) -> None:
    with Book(engine) as repo:
        cid = repo.add_client(WANG).id or 0
        repo.add_messages(
            [
                Message(
                    direction="in",
                    sent_at=NOW,
                    text="hi",
                    handle="+44 7700 900123",
                    external_id="a",
                ),
                Message(
                    direction="in",
                    sent_at=NOW + timedelta(minutes=1),
                    text="there",
                    handle="+44 7700 900123",
                    external_id="b",
                ),
            ]
        )
        assert repo.unassigned_handles() == [("+44 7700 900123", 2, "hi")]
        assert repo.assign_handle("+44 7700 900123", cid) == 2
        assert repo.unassigned_handles() == []
        assert repo.existing_external_ids(["a", "b", "c"]) == {"a", "b"}


def test_a_failed_unit_of_work_writes_nothing(engine: Engine) -> None:
    with pytest.raises(RuntimeError), Book(engine) as repo:
        repo.add_client(WANG)
        raise RuntimeError("boom")
    with Book(engine) as repo:
        assert repo.clients() == []


def test_the_store_refuses_naive_times(engine: Engine) -> None:
    with pytest.raises(Exception, match="naive datetime"), Book(engine) as repo:
        repo.add_client(Client(name="N", created_at=datetime(2026, 1, 1)))


def test_times_come_back_in_utc_whatever_zone_went_in(engine: Engine) -> None:
    from zoneinfo import ZoneInfo

    sydney = datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("Australia/Sydney"))
    with Book(engine) as repo:
        cid = repo.add_client(WANG).id or 0
        repo.add_note(Note(client_id=cid, text="x", at=sydney))
    with Book(engine) as repo:
        (n,) = repo.notes(cid)
    assert n.at == sydney and n.at.tzinfo == UTC
