"""Stay in touch: active clients silent for 14 days, leads for 7."""

from __future__ import annotations

from tests.agenda.persona import Book, at
from warmline.agenda import AgendaSettings


def test_an_active_client_silent_for_thirteen_days_is_fine(book: Book) -> None:
    anna = book.anna()
    book.outgoing(anna, at("2026-11-10 10:00"), "Talk soon!")
    assert book.agenda(at("2026-11-23 10:00"), kind="touch") == []


def test_an_active_client_silent_for_fifteen_days_needs_a_check_in(book: Book) -> None:
    anna = book.anna()
    book.outgoing(anna, at("2026-11-10 10:00"), "Talk soon!")
    [item] = book.agenda(at("2026-11-25 10:00"), kind="touch")
    assert item.principle == "R3"
    assert "15 days" in item.reason.en
    assert item.suggested_message.startswith("Hi Anna,\nIt's been a while")


def test_a_lead_gets_a_shorter_gap(book: Book) -> None:
    liam = book.liam(status="lead")
    book.incoming(liam, at("2026-11-15 10:00"), "Send me your rates?")
    book.outgoing(liam, at("2026-11-15 11:00"), "Here are our rates: ...")
    [item] = book.agenda(at("2026-11-23 12:00"), kind="touch")
    assert "lead" in item.reason.en
    assert "(Sydney time)" in item.suggested_message


def test_the_gap_is_configurable(book: Book) -> None:
    anna = book.anna()
    book.outgoing(anna, at("2026-11-10 10:00"), "Talk soon!")
    assert (
        book.agenda(at("2026-11-25 10:00"), AgendaSettings(touch_gap_days=30), kind="touch") == []
    )


def test_dormant_clients_and_clients_with_active_work_are_left_out(book: Book) -> None:
    sofia = book.client("Sofia Rossi", "Europe/Rome", "en", status="dormant")
    anna = book.anna()
    book.project(anna, "Website", at("2026-10-01 09:00"), at("2026-12-31 18:00"))
    book.outgoing(sofia, at("2026-09-01 10:00"))
    book.outgoing(anna, at("2026-09-01 10:00"))
    assert book.agenda(at("2026-11-25 10:00"), kind="touch") == []
