"""Ranking: overdue beats due-soon, angry or waiting beats routine; explainable."""

from __future__ import annotations

from tests.agenda.persona import Book, at
from warmline.agenda import as_json


def test_overdue_beats_due_soon(book: Book) -> None:
    wang, chen = book.wang(), book.client("陈经理")
    book.incoming(wang, at("2026-11-24 09:00"), "合同看了吗")
    book.incoming(chen, at("2026-11-24 11:30"), "排期发我下")
    first, second = book.agenda(at("2026-11-24 12:00"))
    assert (first.client_id, first.overdue) == (wang.id, True)
    assert (second.client_id, second.overdue) == (chen.id, False)


def test_a_waiting_client_beats_a_routine_update(book: Book) -> None:
    anna, wang = book.anna(), book.wang()
    p = book.project(wang, "品牌手册", at("2026-11-02 09:00"), at("2026-12-30 18:00"))
    book.outgoing(wang, at("2026-11-17 10:00"), "本周进展……", project_id=p.id)
    q = "Can we add a FAQ page?"
    book.incoming(anna, at("2026-11-24 09:30"), q, questions=(q,))
    items = book.agenda(at("2026-11-24 10:00"))
    assert [i.kind for i in items] == ["reply", "update"]


def test_items_fall_into_bands_by_urgency(book: Book) -> None:
    wang, anna = book.wang(), book.anna()
    book.incoming(wang, at("2026-11-24 09:00"), "怎么回事？", emotion="anger")
    book.outgoing(anna, at("2026-11-01 10:00"))
    bands = {i.kind: i.band for i in book.agenda(at("2026-11-24 10:00"))}
    assert bands == {"reply": "urgent", "touch": "later"}


def test_explain_shows_each_factor_and_the_total(book: Book) -> None:
    wang = book.wang()
    book.incoming(wang, at("2026-11-24 09:00"), "怎么又错了？", emotion="anger")
    [item] = book.agenda(at("2026-11-24 12:00"))
    text = item.explain("en")
    assert text.startswith(f"urgency {item.urgency:g} = ")
    assert "the client is angry +50" in text
    assert sum(f.points for f in item.factors) == item.urgency
    assert "客户生气了 +50" in item.explain("zh")


def test_the_json_form_has_the_documented_fields(book: Book) -> None:
    anna = book.anna()
    book.incoming(anna, at("2026-11-24 09:00"), "Hello?")
    [item] = book.agenda(at("2026-11-24 12:00"))
    data = as_json(item, "zh")
    for key in (
        "id",
        "client",
        "kind",
        "principle",
        "due",
        "urgency",
        "reason",
        "client_local_time",
        "send_at",
        "suggested_message",
    ):
        assert key in data
    assert data["client"] == {"id": anna.id, "name": "Anna Schmidt"}
    assert data["client_local_time"].endswith("-05:00")
    assert data["reason"] == item.reason.zh
    assert data["suggested_message"].startswith("Hi Anna,")
