"""T3/R1: calls in the next 24 hours, in both zones, with openers."""

from __future__ import annotations

from tests.agenda.persona import Book, at


def test_a_call_within_a_day_gets_prep_with_both_zones(book: Book) -> None:
    anna = book.anna()
    book.meeting(anna, at("2026-11-24 10:00", "America/New_York"), title="Kickoff")
    [item] = book.agenda(at("2026-11-24 09:00"), kind="meeting")
    assert item.principle == "T3"
    assert "R1" in item.related
    details = [d.en for d in item.details]
    assert "Your time: Tue 24 Nov, 23:00 (Beijing time)" in details
    assert "Their time: Tue 24 Nov, 10:00 (New York time)" in details
    assert "Tue 24 Nov, 10:00 (New York time)" in item.suggested_message


def test_a_call_more_than_a_day_away_is_not_prepped_yet(book: Book) -> None:
    anna = book.anna()
    book.meeting(anna, at("2026-11-25 10:00"))
    assert book.agenda(at("2026-11-24 09:59"), kind="meeting") == []
    assert len(book.agenda(at("2026-11-24 10:00"), kind="meeting")) == 1


def test_a_past_call_is_not_prepped(book: Book) -> None:
    anna = book.anna()
    book.meeting(anna, at("2026-11-24 10:00"))
    assert book.agenda(at("2026-11-24 10:01"), kind="meeting") == []


def test_openers_use_personal_notes_and_a_holiday_there(book: Book) -> None:
    wang = book.wang()
    book.note(wang, "女儿刚考上大学", at("2026-09-15 10:00"))
    book.meeting(wang, at("2026-09-30 15:00"))
    [item] = book.agenda(at("2026-09-30 09:00"), kind="meeting")
    assert 2 <= len(item.openers) <= 3
    assert "国庆节" in item.openers[0]
    assert any("女儿刚考上大学" in o for o in item.openers)
    assert any("女儿刚考上大学" in d.zh for d in item.details)


def test_openers_fall_back_to_their_city_and_time_of_day(book: Book) -> None:
    liam = book.liam()
    book.note(liam, "Just moved to Bondi", at("2026-11-01 10:00"))
    book.meeting(liam, at("2026-11-24 08:30", "Australia/Sydney"))
    [item] = book.agenda(at("2026-11-23 09:00"), kind="meeting")
    assert item.openers[0] == 'Last time you mentioned "Just moved to Bondi" — how did that go?'
    assert "Sydney" in item.openers[-1]


def test_a_call_within_two_hours_ranks_higher(book: Book) -> None:
    wang = book.wang()
    book.meeting(wang, at("2026-11-24 11:00"))
    [soon] = book.agenda(at("2026-11-24 09:30"), kind="meeting")
    [later] = book.agenda(at("2026-11-24 08:30"), kind="meeting")
    assert soon.urgency - later.urgency > 20
