"""S5: check in 7 and 30 days after a project is completed."""

from __future__ import annotations

from tests.agenda.persona import Book, at
from warmline.agenda import AgendaSettings

DONE = at("2026-11-02 15:00")


def _done_project(book: Book) -> None:
    wang = book.wang()
    book.project(wang, "年会视频", at("2026-10-01 09:00"), status="done", completed_at=DONE)


def test_no_revisit_before_the_day_it_falls_due(book: Book) -> None:
    _done_project(book)
    assert book.agenda(at("2026-11-06 17:00"), kind="revisit") == []
    assert book.agenda(at("2026-11-08 17:00"), kind="revisit") == []  # a Sunday


def test_a_revisit_due_this_afternoon_is_on_the_morning_list(book: Book) -> None:
    _done_project(book)
    [item] = book.agenda(at("2026-11-09 09:00"), kind="revisit")
    assert not item.overdue
    assert "hours" in item.explain("en")


def test_the_seven_day_revisit(book: Book) -> None:
    _done_project(book)
    [item] = book.agenda(at("2026-11-09 15:01"), kind="revisit")
    assert item.principle == "S5"
    assert item.id.endswith(":day:7")
    assert "年会视频交付一周了" in item.suggested_message


def test_the_thirty_day_revisit_replaces_the_seven_day_one(book: Book) -> None:
    _done_project(book)
    [item] = book.agenda(at("2026-12-02 16:00"), kind="revisit")
    assert item.id.endswith(":day:30")
    assert "一个月" in item.suggested_message


def test_a_revisit_lapses_after_its_window(book: Book) -> None:
    _done_project(book)
    assert book.agenda(at("2026-11-23 15:01"), kind="revisit") == []


def test_a_message_of_ours_after_the_date_counts_as_the_revisit(book: Book) -> None:
    _done_project(book)
    wang = next(iter(book.clients.values()))
    book.outgoing(wang, at("2026-11-10 10:00"), "王总，视频用得还好吗？")
    assert book.agenda(at("2026-11-11 10:00"), kind="revisit") == []


def test_the_revisit_days_are_configurable(book: Book) -> None:
    _done_project(book)
    [item] = book.agenda(at("2026-11-05 16:00"), AgendaSettings(revisit_days=(3,)), kind="revisit")
    assert item.id.endswith(":day:3")
