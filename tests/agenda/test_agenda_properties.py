"""Properties over random books: send times, marks and ranking."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.agenda.persona import Book
from warmline.agenda import AgendaSettings, AgendaState, build_agenda
from warmline.core.workcal import WorkCalendar

ZONES = (
    "Asia/Shanghai",
    "America/New_York",
    "Australia/Sydney",
    "Europe/London",
    "Asia/Kolkata",
    "Pacific/Auckland",
    "America/Los_Angeles",
    "Asia/Dubai",
)
QUESTIONS = ("报价什么时候能发？", "When is the launch?", "How are you?", "合同盖章了吗？")
EMOTIONS = (None, None, "anger", "anxiety", "satisfaction")
KEY_STABLE_KINDS = {"reply", "feedback", "meeting", "nudge"}

NOW = st.datetimes(
    min_value=datetime(2026, 1, 5), max_value=datetime(2026, 12, 20), timezones=st.just(UTC)
)


def random_book(new_book: Callable[[], Book], seed: int, now: datetime) -> Book:
    """A book of up to 6 clients with a month of messages and some ledger entries."""
    rnd = random.Random(seed)
    book = new_book()

    def moment(days: float = 30) -> datetime:
        return now - timedelta(minutes=rnd.randint(0, int(days * 24 * 60)))

    for n in range(rnd.randint(1, 6)):
        lang = rnd.choice(("zh", "en"))
        c = book.client(
            f"Client {n}",
            rnd.choice(ZONES),
            lang,
            status=rnd.choice(("active", "lead")),
            created_at=now - timedelta(days=60),
        )
        for _ in range(rnd.randint(0, 8)):
            if rnd.random() < 0.55:
                q = (rnd.choice(QUESTIONS),) if rnd.random() < 0.4 else ()
                book.incoming(
                    c,
                    moment(),
                    " ".join(q) or "hello",
                    questions=q,
                    emotion=rnd.choice(EMOTIONS),
                    status_request=rnd.random() < 0.1,
                )
            else:
                book.outgoing(
                    c, moment(), rnd.choice(("ok", "The launch is Friday", "报价周五发您"))
                )
        if rnd.random() < 0.5:
            start = moment(20)
            book.project(c, f"P{n}", start, start + timedelta(days=rnd.choice((5, 20, 60))))
        if rnd.random() < 0.3:
            done = moment(40)
            book.project(c, f"D{n}", done - timedelta(days=30), status="done", completed_at=done)
        if rnd.random() < 0.5:
            book.promise(
                c,
                "the quote",
                now + timedelta(hours=rnd.randint(-72, 72)),
                by=rnd.choice(("us", "client")),
            )
        if rnd.random() < 0.4:
            sent = moment(10)
            book.deliverable(c, "the draft", sent, sent + timedelta(days=rnd.randint(1, 5)))
        if rnd.random() < 0.4:
            book.meeting(c, now + timedelta(minutes=rnd.randint(0, 24 * 60)))
    return book


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**6), now=NOW)
def test_every_send_time_is_inside_the_clients_working_hours(
    new_book: Callable[[], Book], seed: int, now: datetime
) -> None:
    book = random_book(new_book, seed, now)
    defaults = AgendaSettings()
    for item in book.agenda(now):
        client = book.clients[item.client_id]
        cal = WorkCalendar(
            client.timezone, client.country, defaults.client_work_start, defaults.client_work_end
        )
        assert cal.is_working_moment(item.send_at), item
        assert item.send_at >= now


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**6), now=NOW, later=st.integers(0, 6 * 60))
def test_done_items_never_reappear_for_the_same_reason(
    new_book: Callable[[], Book], seed: int, now: datetime, later: int
) -> None:
    book = random_book(new_book, seed, now)
    first = book.agenda(now)
    for item in first:
        book.mark(item, now)
    assert book.agenda(now) == []
    then = now + timedelta(minutes=later)
    before = {i.id: i for i in first}
    for item in book.agenda(then):
        mark = book.marks.get(item.id)
        if mark is not None:
            assert item.reason_key != mark.reason
            # Kinds whose reason depends only on the book, not on the clock, never come back
            # while nothing new happens.
            assert before[item.id].kind not in KEY_STABLE_KINDS, item


def _shuffled(state: AgendaState, rnd: random.Random) -> AgendaState:
    clients = list(state.clients.items())
    rnd.shuffle(clients)

    def mix(xs: tuple) -> tuple:  # type: ignore[type-arg]
        items = list(xs)
        rnd.shuffle(items)
        return tuple(items)

    return replace(
        state,
        clients=dict(clients),
        projects=mix(state.projects),
        commitments=mix(state.commitments),
        deliverables=mix(state.deliverables),
        meetings=mix(state.meetings),
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**6), now=NOW)
def test_the_ranking_is_deterministic(
    new_book: Callable[[], Book], seed: int, now: datetime
) -> None:
    book = random_book(new_book, seed, now)
    state = book.state(now)
    expected = [i.id for i in build_agenda(state, now)]
    for n in range(3):
        again = build_agenda(_shuffled(state, random.Random(seed + n)), now)
        assert [i.id for i in again] == expected
    urgencies = [i.urgency for i in build_agenda(state, now)]
    assert urgencies == sorted(urgencies, reverse=True)
