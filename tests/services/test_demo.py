"""The demo book: realistic, live relative to now, never touching the user's book."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest

from tests.conftest import NOW
from warmline.config import Settings
from warmline.services import Services
from warmline.services.demo import build_demo, demo_time, load_demo_data
from warmline.store.engine import open_engine


@pytest.fixture
def demo(demo_services: Services) -> Services:
    return demo_services


def test_the_demo_has_at_least_15_clients_in_5_zones_half_chinese_half_english(
    demo: Services,
) -> None:
    clients = demo.clients(include_archived=True)
    assert len(clients) >= 15
    assert len({c.timezone for c in clients}) >= 5
    langs = Counter(c.language for c in clients)
    assert abs(langs["zh"] - langs["en"]) <= 2


def test_demo_projects_run_from_about_5_days_to_3_months(demo: Services) -> None:
    lengths = [(p.due - p.start).days for p in demo.projects() if p.due]
    assert min(lengths) <= 6 and max(lengths) >= 85


def test_demo_history_spans_four_weeks_both_ways_and_is_all_in_the_past(demo: Services) -> None:
    with demo.book() as repo:
        msgs = repo.messages()
    assert all(m.sent_at <= NOW for m in msgs)
    recent = [m for m in msgs if m.sent_at >= NOW - timedelta(days=29)]
    assert {m.direction for m in recent} == {"in", "out"}
    assert len(recent) >= 200
    assert min(m.sent_at for m in recent) <= NOW - timedelta(days=25)


def test_the_demo_holds_every_scenario_the_agenda_needs(demo: Services) -> None:
    with demo.book() as repo:
        clients = repo.clients()
        last = {c.id: repo.messages(c.id, limit=1, newest_first=True) for c in clients}
        waiting = [
            c
            for c in clients
            if last[c.id]
            and last[c.id][0].direction == "in"
            and last[c.id][0].sent_at > NOW - timedelta(hours=8)
        ]
        assert len(waiting) >= 2  # a client waiting for a reply, and the angry client
        ours = repo.commitments(by="us")
        assert any(
            k.status == "open" and k.due and NOW < k.due < NOW + timedelta(days=1) for k in ours
        )
        assert any(
            k.status == "broken" or (k.status == "open" and k.due and k.due < NOW) for k in ours
        )
        assert any(
            k.status == "open" and k.due and k.due < NOW for k in repo.commitments(by="client")
        )
        silent = [
            d for d in repo.deliverables(awaiting=True) if d.feedback_by and d.feedback_by < NOW
        ]
        assert silent
        tomorrow = repo.meetings(start=NOW, end=NOW + timedelta(days=1, hours=12))
        assert tomorrow and any(repo.notes(m.client_id) for m in tomorrow)
        done = [p for p in repo.projects(status="done") if p.completed_at]
        assert any(timedelta(days=6) <= NOW - p.completed_at <= timedelta(days=8) for p in done)
        assert repo.testimonials()


def test_building_the_demo_never_touches_the_users_book(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    small = load_demo_data()
    small["clients"] = small["clients"][:1]
    monkeypatch.setattr("warmline.services.demo.load_demo_data", lambda: small)
    settings = Settings(home=tmp_path)
    own = Services(open_engine(settings.book_url()), settings=settings, clock=lambda: NOW)
    own.add_client("My real client", timezone="UTC")
    build_demo(settings, now=NOW)
    build_demo(settings, now=NOW)  # a rebuild replaces the demo file
    assert [c.name for c in own.clients()] == ["My real client"]
    demo = Services(open_engine(settings.book_url(demo=True)), settings=settings, clock=lambda: NOW)
    assert len(demo.clients()) == 1  # rebuilt, not added to


def test_demo_times_are_relative_to_now_in_the_clients_zone() -> None:
    at = demo_time("-1 10:15", "Europe/London", NOW)
    assert (at.year, at.month, at.day, at.hour, at.minute) == (2026, 11, 22, 10, 15)
    assert demo_time("-3h", "Asia/Tokyo", NOW) == NOW - timedelta(hours=3)
    assert len(load_demo_data()["clients"]) >= 15


def test_the_demos_reference_angry_message_reads_as_anger_with_the_six_step_plan(
    demo: Services,
) -> None:
    """Issue 4's check: `warmline read` on the demo's angry message (王建国's, the reference
    case) returns anger and the plan, and the English client's frustrated one reads anger."""
    for name, words in (("王建国", "我很失望"), ("Daniel", "frustrated")):
        angry = [m for m in demo.messages(name) if m.direction == "in" and words in m.text]
        assert len(angry) == 1, name
        reading = demo.read_message(angry[0].text, name)
        assert reading.emotion == "anger", name
        assert reading.plan is not None and len(reading.plan.steps) == 6, name
