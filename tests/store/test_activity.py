"""The activity summary always says what the messages say, whichever way they were written."""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from alembic import command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, insert, select, text, update

from tests.conftest import NOW
from warmline.agenda.reading import asked, is_holding, needs_reply
from warmline.agenda.state import digest
from warmline.core.client import Client
from warmline.core.ledger import Project
from warmline.core.message import Message
from warmline.services import Services
from warmline.store import mapping
from warmline.store.engine import alembic_config, make_engine, migrate
from warmline.store.repository import Book
from warmline.store.table import (
    Base,
    ClientActivityRow,
    ClientRow,
    MessageRow,
    ProjectActivityRow,
    ProjectRow,
)

Summary = dict[str, Any]

WANG = Client("王建国", "Asia/Shanghai", "zh", created_at=NOW - timedelta(days=90))
ANNA = Client("Anna Lee", "Europe/London", "en", created_at=NOW - timedelta(days=90))

# What 王建国 and Anna write, and what we write back: questions, a ping, a status
# request, holding replies, answers, and a question mark past the text the agenda reads.
THEIRS = (
    ("报价什么时候能发？", ("报价什么时候能发？",), False),
    ("在吗？", (), False),
    ("进度怎么样了？", ("进度怎么样了？",), True),
    ("白样明天上午到", (), False),
    ("Could you send the revised file?", (), False),
    ("Thanks, looks great!", (), False),
    ("x" * 1000 + " ok?", (), False),
)
OURS = (
    "收到",
    "好的，我看一下",
    "报价周五 18:00 前发您。",
    "Here is the revised draft, see pages 3-5.",
    "Understood, working on it now",
    "y" * 130,
)


def conversation(
    client_id: int, project_ids: list[int], rnd: random.Random, n: int
) -> list[Message]:
    found = []
    for _ in range(n):
        at = NOW - timedelta(minutes=rnd.randint(0, 60 * 24 * 60))
        project = rnd.choice([None, *project_ids])
        if rnd.random() < 0.5:
            body, questions, status = rnd.choice(THEIRS)
            found.append(
                Message(
                    "in",
                    at,
                    body,
                    client_id=client_id,
                    project_id=project,
                    questions=questions,
                    status_request=status,
                )
            )
        else:
            found.append(
                Message("out", at, rnd.choice(OURS), client_id=client_id, project_id=project)
            )
    return found


def expected(messages: Iterable[Message]) -> dict[int, Summary]:
    """The summary the plain way: every stored message, judged by agenda.reading."""
    found: dict[int, Summary] = {}

    def later(s: Summary, key: str, at: datetime) -> None:
        if s.get(key) is None or at > s[key]:
            s[key] = at

    for m in messages:
        if m.client_id is None:
            continue
        s = found.setdefault(m.client_id, {"projects": {}})
        if m.direction == "in":
            later(s, "last_in_at", m.sent_at)
            if needs_reply(digest(m)):
                later(s, "last_need_at", m.sent_at)
            if m.status_request:
                later(s, "last_status_at", m.sent_at)
            if asked(digest(m)):
                later(s, "last_ask_at", m.sent_at)
        else:
            later(s, "last_out_at", m.sent_at)
            if m.project_id is None:
                later(s, "last_loose_out_at", m.sent_at)
            else:
                later(s["projects"], m.project_id, m.sent_at)
            if not is_holding(digest(m).text):
                later(s, "last_answer_at", m.sent_at)
    keys = (
        "last_in_at",
        "last_need_at",
        "last_out_at",
        "last_loose_out_at",
        "last_answer_at",
        "last_ask_at",
        "last_status_at",
    )
    return {
        cid: {k: s.get(k) for k in keys} | {"projects": s["projects"]} for cid, s in found.items()
    }


def stored(engine: Engine) -> dict[int, Summary]:
    with Book(engine) as repo:
        rows = repo.session.scalars(select(ClientActivityRow)).all()
        projects = repo.session.scalars(select(ProjectActivityRow)).all()
        found = {
            r.client_id: {
                "last_in_at": r.last_in_at,
                "last_need_at": r.last_need_at,
                "last_out_at": r.last_out_at,
                "last_loose_out_at": r.last_loose_out_at,
                "last_answer_at": r.last_answer_at,
                "last_ask_at": r.last_ask_at,
                "last_status_at": r.last_status_at,
                "projects": {},
            }
            for r in rows
        }
        for p in projects:
            found[p.client_id]["projects"][p.project_id] = p.last_out_at
    return found


def all_messages(engine: Engine) -> list[Message]:
    with Book(engine) as repo:
        return repo.messages()


def two_clients(engine: Engine) -> tuple[int, int, list[int]]:
    with Book(engine) as repo:
        wang = repo.add_client(WANG).id or 0
        anna = repo.add_client(ANNA).id or 0
        projects = [
            repo.add_project(Project(wang, "礼盒包装", NOW - timedelta(days=40))).id or 0,
            repo.add_project(Project(anna, "Website", NOW - timedelta(days=30))).id or 0,
        ]
    return wang, anna, projects


def test_each_message_stored_one_by_one_moves_the_summary(engine: Engine) -> None:
    wang, anna, projects = two_clients(engine)
    rnd = random.Random(3)
    messages = conversation(wang, projects[:1], rnd, 30) + conversation(anna, projects[1:], rnd, 30)
    for m in messages:  # in no particular order of time
        with Book(engine) as repo:
            repo.add_message(m)
    assert stored(engine) == expected(all_messages(engine))
    assert stored(engine)[wang]["last_ask_at"] is not None


def test_a_bulk_import_is_summarised_as_single_messages_would_be(engine: Engine) -> None:
    wang, anna, projects = two_clients(engine)
    rnd = random.Random(5)
    imported = [
        replace(m, external_id=f"wx:{n}")
        for n, m in enumerate(conversation(wang, projects[:1], rnd, 40))
    ]
    restored = conversation(anna, projects[1:], rnd, 40)  # no external IDs: the ORM path
    with Book(engine) as repo:
        repo.add_messages(imported[:20])
    with Book(engine) as repo:
        repo.add_messages(imported[20:])
        repo.add_messages(restored)
    assert stored(engine) == expected(all_messages(engine))


def test_mapping_a_handle_brings_its_messages_into_the_summary(engine: Engine) -> None:
    wang, _, _ = two_clients(engine)
    early = NOW - timedelta(days=3)
    with Book(engine) as repo:
        repo.add_message(Message("out", early, "收到", client_id=wang))
        repo.add_messages(
            [
                Message(
                    "in",
                    NOW - timedelta(hours=5),
                    "报价什么时候能发？",
                    handle="wjg",
                    external_id="a",
                ),
                Message(
                    "in",
                    NOW - timedelta(hours=4),
                    "进度怎么样了？",
                    handle="wjg",
                    external_id="b",
                    status_request=True,
                ),
            ]
        )
    assert stored(engine)[wang]["last_in_at"] is None
    with Book(engine) as repo:
        assert repo.assign_handle("wjg", wang) == 2
    after = stored(engine)
    assert after == expected(all_messages(engine))
    assert after[wang]["last_ask_at"] == NOW - timedelta(hours=4)
    assert after[wang]["last_status_at"] == NOW - timedelta(hours=4)


def test_attaching_messages_to_another_client_recounts_the_one_that_lost_them(
    engine: Engine,
) -> None:
    wang, anna, projects = two_clients(engine)
    with Book(engine) as repo:
        repo.add_messages(conversation(wang, projects[:1], random.Random(8), 20))
        newest_of_wang = repo.messages(wang, newest_first=True, limit=3)
        ids = [m.id or 0 for m in newest_of_wang]
        repo.attach_messages(ids, client_id=anna)
    summaries = stored(engine)
    assert summaries == expected(all_messages(engine))
    assert max(m.sent_at for m in all_messages(engine) if m.client_id == anna) == max(
        t for t in (summaries[anna]["last_in_at"], summaries[anna]["last_out_at"]) if t
    )


def test_importing_a_book_export_summarises_every_client(
    demo_services: Services, svc: Services
) -> None:
    svc.import_book("demo.json", demo_services.export_book())
    assert stored(svc.engine) == expected(all_messages(svc.engine))
    assert len(stored(svc.engine)) >= 5


def test_migration_0003_summarises_an_existing_book_and_can_run_again(engine: Engine) -> None:
    with engine.begin() as conn:
        Base.metadata.drop_all(conn)
        conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    cfg = alembic_config(engine)
    command.upgrade(cfg, "0002")
    rnd = random.Random(13)
    with engine.begin() as conn:
        conn.execute(insert(ClientRow), [mapping_values(WANG, 1), mapping_values(ANNA, 2)])
        conn.execute(
            insert(ProjectRow),
            [{"id": 1, "client_id": 1, "title": "礼盒包装", "start": NOW, "status": "active"}],
        )
        messages = conversation(1, [1], rnd, 40) + conversation(2, [], rnd, 40)
        # Anna's last answer, question and message that needs a reply lie behind ten
        # holding replies, ten pings (which need a reply but ask nothing) and ten thanks.
        for k in range(10):
            at, later = NOW + timedelta(minutes=k), NOW + timedelta(hours=1, minutes=k)
            messages += [
                Message("out", at, "收到", client_id=2),
                Message("in", at, "在吗？", client_id=2),
                Message("in", later, "好的，谢谢", client_id=2),
            ]
        conn.execute(insert(MessageRow), [mapping.message_values(m) for m in messages])
    command.upgrade(cfg, "head")
    want = expected(all_messages(engine))
    assert stored(engine) == want and set(want) == {1, 2}
    with engine.begin() as conn:  # a summary gone wrong is put right by running it again
        conn.execute(update(ClientActivityRow).values(last_in_at=None))
    command.stamp(cfg, "0002")
    command.upgrade(cfg, "head")
    assert stored(engine) == want


def mapping_values(client: Client, id_: int) -> dict[str, Any]:
    row = ClientRow(id=id_)
    mapping.fill_client_row(row, client)
    return {c.name: getattr(row, c.name) for c in ClientRow.__table__.columns}


writes = st.lists(
    st.tuples(
        st.sampled_from(("one", "bulk", "orm")),
        st.integers(min_value=0, max_value=2**32 - 1),
        st.integers(min_value=1, max_value=8),
    ),
    min_size=1,
    max_size=5,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(writes=writes)
def test_any_sequence_of_writes_leaves_the_summary_equal_to_the_messages(
    writes: list[tuple[str, int, int]],
) -> None:
    engine = make_engine("sqlite://")
    migrate(engine)
    wang, anna, projects = two_clients(engine)
    serial = 0
    for how, seed, n in writes:
        rnd = random.Random(seed)
        batch = conversation(rnd.choice((wang, anna)), projects, rnd, n)
        with Book(engine) as repo:
            if how == "one":
                for m in batch:
                    repo.add_message(m)
            elif how == "bulk":
                serial += 1
                repo.add_messages(
                    [replace(m, external_id=f"{serial}:{k}") for k, m in enumerate(batch)]
                )
            else:
                repo.add_messages(batch)
    assert stored(engine) == expected(all_messages(engine))
    engine.dispose()
