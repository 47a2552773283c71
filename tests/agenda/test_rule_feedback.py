"""S4: ask for the client's view once the feedback-by time passes in silence."""

from __future__ import annotations

from tests.agenda.persona import Book, at


def test_nothing_is_due_before_the_feedback_time(book: Book) -> None:
    anna = book.anna()
    book.deliverable(anna, "homepage mockup", at("2026-11-20 10:00"), at("2026-11-24 18:00"))
    assert book.agenda(at("2026-11-24 17:59"), kind="feedback") == []


def test_a_silent_client_after_the_feedback_time_gets_a_follow_up(book: Book) -> None:
    anna = book.anna()
    d = book.deliverable(anna, "homepage mockup", at("2026-11-20 10:00"), at("2026-11-24 18:00"))
    [item] = book.agenda(at("2026-11-24 18:01"), kind="feedback")
    assert item.principle == "S4"
    assert item.id == f"S4:client:{anna.id}:deliverable:{d.id}"
    assert "homepage mockup" in item.suggested_message
    # Sent Fri 20 Nov 10:00 in Shanghai: still Thursday evening in New York.
    assert "Thu 19 Nov" in item.suggested_message
    assert "(New York time)" in item.suggested_message  # a concrete proposed call time


def test_any_client_message_after_the_delivery_counts_as_a_response(book: Book) -> None:
    anna = book.anna()
    book.deliverable(anna, "homepage mockup", at("2026-11-20 10:00"), at("2026-11-24 18:00"))
    book.incoming(anna, at("2026-11-21 10:00"), "Got it, will look on Monday")
    assert book.agenda(at("2026-11-25 10:00"), kind="feedback") == []


def test_a_recorded_feedback_closes_it(book: Book) -> None:
    anna = book.anna()
    book.deliverable(
        anna,
        "homepage mockup",
        at("2026-11-20 10:00"),
        at("2026-11-24 18:00"),
        feedback_at=at("2026-11-23 10:00"),
    )
    assert book.agenda(at("2026-11-25 10:00"), kind="feedback") == []


def test_without_a_feedback_time_two_working_days_apply(book: Book) -> None:
    wang = book.wang()
    book.deliverable(wang, "报价单", at("2026-11-27 17:00"), None)  # a Friday
    assert book.agenda(at("2026-12-01 16:59"), kind="feedback") == []
    [item] = book.agenda(at("2026-12-01 17:01"), kind="feedback")
    assert "报价单" in item.suggested_message
