"""S2 progress updates on a cadence set by the project's length."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from tests.agenda.persona import Book, at
from warmline.agenda import AgendaSettings, CadenceStep
from warmline.agenda.cadence import cadence_days
from warmline.core.ledger import Project

START = at("2026-11-02 09:00")


@pytest.mark.parametrize(
    ("length_days", "every"),
    [(3, 3), (7, 3), (8, 7), (31, 7), (45, 7), (200, 7)],
)
def test_the_cadence_follows_the_project_length(length_days: int, every: float) -> None:
    project = Project(1, "Logo", START, START + timedelta(days=length_days), id=1)
    assert cadence_days(project, AgendaSettings()) == every


def test_a_project_without_a_due_date_gets_weekly_updates() -> None:
    assert cadence_days(Project(1, "Retainer", START, None, id=1), AgendaSettings()) == 7


def test_the_project_override_and_the_table_are_configurable() -> None:
    project = Project(1, "Logo", START, START + timedelta(days=5), cadence_days=1, id=1)
    assert cadence_days(project, AgendaSettings()) == 1
    custom = AgendaSettings(cadence=(CadenceStep(10, 2),), cadence_longer_days=14)
    plain = replace(project, cadence_days=None)
    assert cadence_days(plain, custom) == 2
    assert cadence_days(replace(plain, due=START + timedelta(days=60)), custom) == 14


def test_moving_the_due_date_recomputes_the_cadence() -> None:
    project = Project(1, "Logo", START, START + timedelta(days=6), id=1)
    assert cadence_days(project, AgendaSettings()) == 3
    assert cadence_days(replace(project, due=START + timedelta(days=20)), AgendaSettings()) == 7


def test_a_short_project_needs_an_update_three_days_after_the_last_one(book: Book) -> None:
    wang = book.wang()
    p = book.project(wang, "海报设计", at("2026-11-23 09:00"), at("2026-11-28 18:00"))
    book.outgoing(wang, at("2026-11-24 10:00"), "海报初稿今天下午发您", project_id=p.id)
    # Due Fri 27 Nov 10:00: on Thursday evening there is nothing yet.
    assert book.agenda(at("2026-11-26 17:00"), kind="update") == []
    [item] = book.agenda(at("2026-11-27 10:05"), kind="update")
    assert item.principle == "S2"
    assert item.overdue
    assert "海报设计" in item.suggested_message
    assert item.project_id == p.id


def test_an_update_falling_due_on_the_weekend_waits_for_our_monday(book: Book) -> None:
    wang = book.wang()
    p = book.project(wang, "品牌手册", at("2026-11-02 09:00"), at("2026-11-30 18:00"))
    book.outgoing(wang, at("2026-11-21 11:00"), "本周进展如下……", project_id=p.id)  # a Saturday
    assert book.agenda(at("2026-11-28 12:00"), kind="update") == []
    [item] = book.agenda(at("2026-11-30 09:00"), kind="update")
    assert item.due == at("2026-11-30 09:00")


def test_a_message_without_a_project_counts_when_the_client_has_one_project(book: Book) -> None:
    anna = book.anna()
    book.project(anna, "Website", at("2026-11-02 09:00"), at("2026-12-20 18:00"))
    book.outgoing(anna, at("2026-11-23 10:00"), "Weekly update: the homepage is done.")
    assert book.agenda(at("2026-11-25 10:00"), kind="update") == []


def test_a_status_request_after_our_reply_is_a_missed_cadence(book: Book) -> None:
    anna = book.anna()
    site = book.project(anna, "Website", at("2026-11-02 09:00"), at("2026-12-20 18:00"))
    book.project(anna, "Brochure", at("2026-11-02 09:00"), at("2026-12-20 18:00"))
    book.outgoing(anna, at("2026-11-23 10:00"), "Update on the website...", project_id=site.id)
    ask = book.incoming(
        anna,
        at("2026-11-24 09:00", "America/New_York"),
        "Any news on the website?",
        project_id=site.id,
        status_request=True,
    )
    book.outgoing(anna, at("2026-11-24 09:30", "America/New_York"), "Looking into it!")
    items = [
        i for i in book.agenda(at("2026-11-25 10:00"), kind="update") if i.project_id == site.id
    ]
    [item] = items
    assert item.reason_key == f"asked:{ask.id}"
    assert "asked for status" in item.reason.en
    assert item.suggested_message.startswith("Hi Anna,\nSorry you had to ask")
