"""The agenda through the services: the demo book, the snapshot query, marks, calendar."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from sqlalchemy import update

from tests.conftest import NOW
from warmline.agenda import (
    AgendaSettings,
    AgendaState,
    MessageDigest,
    as_json,
    build_agenda,
    summarise,
)
from warmline.agenda.item import KINDS
from warmline.agenda.reading import READING_VERSION
from warmline.core.client import Client
from warmline.core.error import NotFound, WarmlineError
from warmline.core.ledger import Commitment, Deliverable, Meeting, Note, Project
from warmline.core.message import Message
from warmline.core.text import is_cjk
from warmline.core.workcal import WorkCalendar
from warmline.services import Services
from warmline.services.agenda import agenda_settings_from
from warmline.store.snapshot import load_agenda_state
from warmline.store.table import ClientActivityRow


@pytest.fixture
def demo(demo_services: Services) -> Services:
    return demo_services


def test_the_demo_book_yields_an_item_of_every_kind(demo: Services) -> None:
    items = demo.today().items
    kinds = Counter(i.kind for i in items)
    assert set(kinds) == set(KINDS), kinds
    assert {i.principle for i in items} >= {"S2", "S3", "S4", "S5", "T2", "T3", "R3"}


def test_every_demo_send_time_is_inside_the_clients_working_hours(demo: Services) -> None:
    clients = {c.id: c for c in demo.clients()}
    for item in demo.today().items:
        c = clients[item.client_id]
        assert WorkCalendar(c.timezone, c.country).is_working_moment(item.send_at), item.id


def test_demo_drafts_are_in_each_clients_language(demo: Services) -> None:
    clients = {c.id: c for c in demo.clients()}
    for item in demo.today().items:
        c = clients[item.client_id]
        first = item.suggested_message.splitlines()[0]
        if c.language == "zh":
            assert first.endswith("，您好！"), item.id
        else:
            assert first.startswith("Hi "), item.id
            greeting_and_prose = item.suggested_message.replace(c.name, "")
            assert sum(is_cjk(ch) for ch in greeting_and_prose) <= 20, item.id


def test_one_client_only(demo: Services) -> None:
    items = demo.today(client="Olivia").items
    assert items and {i.client_name for i in items} == {"Olivia Bennett"}


# -- the snapshot query equals the pure summary ---------------------------------------

ZONES = ("Asia/Shanghai", "America/New_York", "Australia/Sydney", "Europe/London")


def fill_random_book(svc: Services, seed: int) -> None:
    """A random book written straight through the repository."""
    rnd = random.Random(seed)
    with svc.book() as repo:
        for n in range(12):
            c = repo.add_client(
                Client(
                    f"Client {n}",
                    timezone=rnd.choice(ZONES),
                    language=rnd.choice(("zh", "en")),
                    status=rnd.choice(("active", "active", "lead", "dormant")),
                    created_at=NOW - timedelta(days=90),
                )
            )
            assert c.id is not None
            projects = []
            for k in range(rnd.randint(0, 2)):
                start = NOW - timedelta(days=rnd.randint(3, 60))
                done = rnd.random() < 0.3
                p = repo.add_project(
                    Project(
                        c.id,
                        f"P{n}.{k}",
                        start,
                        start + timedelta(days=rnd.choice((5, 20, 60))),
                        status="done" if done else "active",
                        completed_at=NOW - timedelta(days=rnd.randint(1, 40)) if done else None,
                    )
                )
                projects.append(p.id)
            messages = []
            for _ in range(rnd.randint(0, 25)):
                q = ("报价什么时候发？",) if rnd.random() < 0.2 else ()
                messages.append(
                    Message(
                        rnd.choice(("in", "out")),
                        NOW - timedelta(minutes=rnd.randint(-600, 60 * 24 * 70)),
                        rnd.choice(
                            (
                                "好的",
                                "Could you send the file?",
                                "The draft is attached, see page 3.",
                            )
                        ),
                        client_id=c.id,
                        project_id=rnd.choice([None, *projects]),
                        questions=q,
                        status_request=rnd.random() < 0.05,
                        emotion=rnd.choice((None, None, "anger", "anxiety")),
                    )
                )
            repo.add_messages(messages)
            if rnd.random() < 0.5:
                repo.add_commitment(
                    Commitment(
                        c.id,
                        rnd.choice(("us", "client")),
                        "the quote",
                        NOW + timedelta(hours=rnd.randint(-100, 100)),
                        created_at=NOW - timedelta(days=3),
                    )
                )
            if rnd.random() < 0.5:
                sent = NOW - timedelta(days=rnd.randint(1, 9))
                repo.add_deliverable(
                    Deliverable(c.id, "the draft", sent, sent + timedelta(days=rnd.randint(1, 4)))
                )
            if rnd.random() < 0.5:
                repo.add_meeting(
                    Meeting(c.id, NOW + timedelta(hours=rnd.randint(-5, 40)), c.timezone)
                )
                repo.add_note(Note(c.id, "ran a marathon", NOW - timedelta(days=4)))


def pure_state(svc: Services, settings: AgendaSettings, now: datetime = NOW) -> AgendaState:
    """The same state built the slow, obvious way: every row, summarised in Python."""
    with svc.book() as repo:
        clients = {c.id: c for c in repo.clients()}
        messages = repo.messages()
        window = now + timedelta(hours=settings.meeting_window_hours)
        meetings = tuple(m for m in repo.meetings() if now <= m.start <= window)
        notes = {
            cid: tuple(
                sorted(
                    repo.notes(cid, kind="personal"), key=lambda n: (n.at, n.id or 0), reverse=True
                )[:5]
            )
            for cid in {m.client_id for m in meetings}
        }
        revisit_from = now - timedelta(
            days=max(settings.revisit_days) + settings.revisit_window_days
        )
        return AgendaState(
            profile=repo.profile(),
            clients=clients,
            activity={cid: summarise(cid, messages, now, settings) for cid in clients},
            projects=tuple(
                p
                for p in repo.projects()
                if p.client_id in clients
                and (
                    p.status == "active"
                    or (p.status == "done" and p.completed_at and p.completed_at >= revisit_from)
                )
            ),
            commitments=tuple(k for k in repo.commitments(status="open") if k.client_id in clients),
            deliverables=tuple(
                d
                for d in repo.deliverables(awaiting=True)
                if d.client_id in clients and d.sent_at <= now
            ),
            meetings=tuple(m for m in meetings if m.client_id in clients),
            notes=notes,
        )


def assert_same_agenda(svc: Services, now: datetime) -> None:
    settings = AgendaSettings()
    with svc.book() as repo:
        loaded = load_agenda_state(repo.session, repo.profile(), now, settings)
    expected = pure_state(svc, settings, now)
    assert loaded.activity.keys() == expected.activity.keys()
    for cid, got in loaded.activity.items():
        want = expected.activity[cid]
        assert (got.last_in_at, got.last_out_at) == (want.last_in_at, want.last_out_at)

        # The loader reads fewer message bodies than the whole window (docs/agenda.md).
        def seen(digests: tuple[MessageDigest, ...]) -> set[tuple[object, ...]]:
            return {(d.id, d.direction, d.sent_at, d.text, d.project_id) for d in digests}

        assert seen(got.recent) <= seen(want.recent)
        # The loader reads only what the update rule needs: active projects, and the
        # no-project key for clients with a single active project.
        assert all(want.last_out_by_project[k] == v for k, v in got.last_out_by_project.items())
    fast = build_agenda(loaded, now, settings)
    slow = build_agenda(expected, now, settings)
    assert [as_json(i, "en") for i in fast] == [as_json(i, "en") for i in slow]
    assert fast


def newest_message(svc: Services) -> dict[int, datetime]:
    with svc.book() as repo:
        found: dict[int, datetime] = {}
        for m in repo.messages():
            if m.client_id is not None:
                found[m.client_id] = max(m.sent_at, found.get(m.client_id, m.sent_at))
        return found


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_the_snapshot_query_gives_the_same_agenda_as_the_pure_summary(
    svc: Services, seed: int
) -> None:
    fill_random_book(svc, seed)
    with svc.book() as repo:  # a message dated later than now (clock skew, an import)
        first = repo.clients()[0].id
        repo.add_message(
            Message("out", NOW + timedelta(hours=2), "会议链接 10:00 发您", client_id=first)
        )
    newest = newest_message(svc)
    # Now: most clients are read through their activity summary, those with a message
    # dated later than now from their messages; a day later every client goes through
    # the summary, five days earlier most come from their messages.
    assert any(t > NOW for t in newest.values()) and any(t <= NOW for t in newest.values())
    for now in (NOW, NOW + timedelta(days=1), NOW - timedelta(days=5)):
        assert_same_agenda(svc, now)


def test_summaries_judged_by_another_reading_are_not_trusted(svc: Services) -> None:
    fill_random_book(svc, 6)
    with svc.book() as repo:
        repo.session.execute(update(ClientActivityRow).values(reading=READING_VERSION + 1))
    assert_same_agenda(svc, NOW + timedelta(days=1))


def test_the_summary_spares_reading_clients_who_need_nothing(svc: Services) -> None:
    svc.add_client("王建国", timezone="Asia/Shanghai", language="zh")
    svc.add_client("Anna Smith", timezone="Europe/London", language="en")
    svc.log_message("王", "in", "报价什么时候能发？", at=NOW - timedelta(hours=6))
    svc.log_message("王", "out", "报价周五 18:00 前发您。", at=NOW - timedelta(hours=5))
    svc.log_message("王", "in", "好的，谢谢", at=NOW - timedelta(hours=4))
    svc.log_message("anna", "in", "Could you send the invoice?", at=NOW - timedelta(hours=1))
    with svc.book() as repo:
        state = load_agenda_state(repo.session, repo.profile(), NOW, AgendaSettings())
    wang, anna = (state.activity[c.id or 0] for c in svc.clients())
    assert wang.recent == () and wang.last_in_at == NOW - timedelta(hours=4)
    assert [d.text for d in anna.recent] == ["Could you send the invoice?"]


def test_a_status_request_answered_on_another_project_is_still_a_missed_update(
    svc: Services,
) -> None:
    with svc.book() as repo:
        wang = repo.add_client(
            Client("王建国", "Asia/Shanghai", "zh", created_at=NOW - timedelta(days=60))
        ).id
        assert wang is not None
        box = repo.add_project(Project(wang, "礼盒包装", NOW - timedelta(days=20))).id
        site = repo.add_project(Project(wang, "官网改版", NOW - timedelta(days=20))).id
        for message in (
            Message("out", NOW - timedelta(days=10), "礼盒初稿 3 版已发您", project_id=box),
            Message(
                "in",
                NOW - timedelta(days=3),
                "礼盒进度怎么样了？",
                project_id=box,
                questions=("礼盒进度怎么样了？",),
                status_request=True,
            ),
            Message("out", NOW - timedelta(days=2), "官网首页 5 号上线", project_id=site),
        ):
            repo.add_message(replace(message, client_id=wang))
    items = {i.id: i for i in svc.today(at=NOW).items}
    assert items[f"S2:client:{wang}:project:{box}"].reason_key.startswith("asked:")
    assert_same_agenda(svc, NOW)


# -- marks ----------------------------------------------------------------------------


def test_done_hides_an_item_until_the_client_writes_again(svc: Services) -> None:
    svc.add_client("王建国", timezone="Asia/Shanghai", language="zh")
    svc.log_message("王", "in", "报价什么时候能发？", at=NOW - timedelta(hours=3))
    [item] = svc.today().items
    svc.mark_done(item.id)
    assert svc.today().items == []
    svc.log_message("王", "in", "麻烦尽快回复一下", at=NOW - timedelta(minutes=5))
    [again] = svc.today().items
    assert again.id == item.id and again.reason_key != item.reason_key


def test_snooze_hides_an_item_until_the_given_time(svc: Services) -> None:
    svc.add_client("Anna Smith", timezone="Europe/London", language="en")
    svc.log_message("anna", "in", "Could you send the invoice?", at=NOW - timedelta(hours=1))
    [item] = svc.today().items
    mark = svc.snooze(item.id, "+2h")
    assert mark.until == NOW + timedelta(hours=2)
    assert svc.today().items == []
    assert [i.id for i in svc.today(at=NOW + timedelta(hours=3)).items] == [item.id]


def test_marking_an_unknown_item_names_it(sqlite_svc: Services) -> None:
    with pytest.raises(NotFound, match="S3:client:99:msg:1"):
        sqlite_svc.mark_done("S3:client:99:msg:1")
    with pytest.raises(WarmlineError, match="--until"):
        sqlite_svc.snooze("S3:client:99:msg:1", "-1h")


# -- calendar export --------------------------------------------------------------------


def test_the_calendar_has_a_todo_per_item_and_an_event_per_meeting(
    demo: Services, tmp_path: Path
) -> None:
    path = tmp_path / "warmline.ics"
    todos, events = demo.export_calendar(path)
    cal = Calendar.from_ical(path.read_bytes())
    found = Counter(c.name for c in cal.walk() if c.name in ("VTODO", "VEVENT", "VALARM"))
    assert found["VTODO"] == todos == len(demo.today().items)
    assert found["VEVENT"] == events >= 1
    assert found["VALARM"] == todos + events
    event = next(c for c in cal.walk() if c.name == "VEVENT")
    assert event.decoded("dtstart") >= NOW


def test_a_calendar_that_cannot_be_written_is_a_one_line_error(
    sqlite_svc: Services, tmp_path: Path
) -> None:
    with pytest.raises(WarmlineError, match="cannot write"):
        sqlite_svc.export_calendar(tmp_path / "missing" / "dir" / "x.ics")


# -- settings -----------------------------------------------------------------------------


def test_agenda_settings_come_from_the_user_settings() -> None:
    got = agenda_settings_from(
        {
            "touch_gap_days": 21,
            "revisit_days": [30, 7, 90],
            "cadence": [[10, 2]],
            "client_work_start": "08:30",
        }
    )
    assert got.touch_gap_days == 21
    assert got.revisit_days == (7, 30, 90)
    assert got.cadence[0].every_days == 2
    assert got.client_work_start.hour == 8 and got.client_work_start.minute == 30


@pytest.mark.parametrize(
    ("values", "key"),
    [({"touch_gap": 3}, "touch_gap"), ({"touch_gap_days": "soon"}, "touch_gap_days")],
)
def test_a_bad_agenda_setting_names_its_key(values: dict[str, object], key: str) -> None:
    with pytest.raises(WarmlineError, match=f"agenda.{key}"):
        agenda_settings_from(values)
