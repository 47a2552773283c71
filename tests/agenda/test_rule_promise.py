"""T2: our promises due within the next working day or overdue; the client's, nudged."""

from __future__ import annotations

from tests.agenda.persona import Book, at


def test_our_promise_due_on_monday_shows_on_friday(book: Book) -> None:
    wang = book.wang()
    book.promise(wang, "发修改后的报价", at("2026-11-30 12:00"))
    [item] = book.agenda(at("2026-11-27 10:00"), kind="promise")
    assert item.principle == "T2"
    assert not item.overdue
    assert "发修改后的报价" in item.suggested_message


def test_a_promise_beyond_the_next_working_day_waits(book: Book) -> None:
    wang = book.wang()
    book.promise(wang, "发修改后的报价", at("2026-12-01 12:00"))
    assert book.agenda(at("2026-11-27 10:00"), kind="promise") == []


def test_an_overdue_promise_owns_the_delay_and_gives_a_new_time(book: Book) -> None:
    anna = book.anna()
    book.promise(anna, "the revised quote", at("2026-11-24 12:00"))
    [item] = book.agenda(at("2026-11-24 15:00"), kind="promise")
    assert item.overdue
    assert "missed it" in item.suggested_message
    assert "You'll have it by" in item.suggested_message
    assert "(New York time)" in item.suggested_message


def test_a_kept_promise_is_not_on_the_agenda(book: Book) -> None:
    wang = book.wang()
    book.promise(wang, "发报价", at("2026-11-24 12:00"), status="kept")
    assert book.agenda(at("2026-11-24 15:00"), kind="promise") == []


def test_the_clients_late_promise_gets_a_nudge_only_after_the_grace(book: Book) -> None:
    liam = book.liam()
    book.promise(liam, "send the brand assets", at("2026-11-24 12:00"), by="client")
    assert book.agenda(at("2026-11-24 13:59"), kind="nudge") == []
    [item] = book.agenda(at("2026-11-24 14:01"), kind="nudge")
    assert item.principle == "T2"
    assert "send the brand assets" in item.suggested_message
    assert item.urgency < 100  # a nudge is never urgent
