"""Done and snoozed items: hidden for the same reason, back for a new one."""

from __future__ import annotations

from tests.agenda.persona import Book, at


def test_a_done_reply_stays_hidden_as_it_ages(book: Book) -> None:
    wang = book.wang()
    book.incoming(wang, at("2026-11-24 09:00"), "在吗")
    [item] = book.agenda(at("2026-11-24 10:00"))
    book.mark(item, at("2026-11-24 10:00"))
    assert book.agenda(at("2026-11-24 16:00")) == []
    assert book.agenda(at("2026-11-26 16:00")) == []


def test_a_done_reply_comes_back_when_the_client_writes_again(book: Book) -> None:
    wang = book.wang()
    book.incoming(wang, at("2026-11-24 09:00"), "在吗")
    [item] = book.agenda(at("2026-11-24 10:00"))
    book.mark(item, at("2026-11-24 10:00"))
    book.incoming(wang, at("2026-11-24 11:00"), "急，合同今天要盖章，麻烦尽快看一下")
    [again] = book.agenda(at("2026-11-24 11:05"))
    assert again.id == item.id
    assert again.reason_key != item.reason_key


def test_a_snoozed_item_returns_after_the_snooze(book: Book) -> None:
    anna = book.anna()
    book.deliverable(anna, "homepage mockup", at("2026-11-20 10:00"), at("2026-11-23 18:00"))
    [item] = book.agenda(at("2026-11-24 10:00"))
    book.mark(item, at("2026-11-24 10:00"), "snoozed", until=at("2026-11-25 09:00"))
    assert book.agenda(at("2026-11-24 17:00")) == []
    [back] = book.agenda(at("2026-11-25 09:00"))
    assert back.id == item.id


def test_a_done_update_returns_at_the_next_cadence(book: Book) -> None:
    wang = book.wang()
    p = book.project(wang, "海报设计", at("2026-11-16 09:00"), at("2026-11-21 18:00"))
    book.outgoing(wang, at("2026-11-16 10:00"), "开工了", project_id=p.id)
    [item] = book.agenda(at("2026-11-19 10:30"), kind="update")
    book.mark(item, at("2026-11-19 10:30"))
    assert book.agenda(at("2026-11-20 17:00"), kind="update") == []
    [again] = book.agenda(at("2026-11-23 11:00"), kind="update")
    assert again.reason_key != item.reason_key
