"""CSV with a column mapping, and its round trip."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warmline.core.error import WarmlineError
from warmline.ingest import ImportedMessage, Options, read, table
from warmline.ingest.table import Columns

Golden = Callable[[str, Iterable[ImportedMessage]], None]
CRM = Columns(
    time="When",
    sender="Who",
    text="Said",
    handle="Address",
    thread="Conversation",
    attachments="Files",
)


def test_it_reads_a_crm_export_with_an_explicit_mapping(fixtures: Path, golden: Golden) -> None:
    golden(
        "csv-crm",
        read(fixtures / "csv" / "crm.csv", options=Options(columns=CRM, zone="Asia/Shanghai")),
    )


def test_common_header_names_are_recognised_without_a_mapping(
    fixtures: Path, golden: Golden
) -> None:
    golden("csv-auto", read(fixtures / "csv" / "auto.csv", options=Options(zone="Asia/Shanghai")))


def test_epoch_seconds_and_milliseconds_are_the_same_instant(fixtures: Path) -> None:
    rows = list(read(fixtures / "csv" / "crm.csv", options=Options(columns=CRM)))
    assert rows[2].sent_at == rows[3].sent_at == datetime(2024, 3, 8, 6, 0, tzinfo=UTC)


def test_a_time_that_cannot_be_read_names_the_line_and_column(fixtures: Path) -> None:
    with pytest.raises(
        WarmlineError,
        match=r"bad-time\.csv: line 3: cannot read 'next Tuesday' in column 'timestamp'",
    ):
        list(read(fixtures / "csv" / "bad-time.csv"))


def test_a_mapping_from_the_command_line_is_checked() -> None:
    assert Columns.parse("time=When,sender=Who,text=Said").sender == "Who"
    with pytest.raises(WarmlineError, match="name the text column"):
        Columns.parse("time=When,sender=Who")
    with pytest.raises(WarmlineError, match="not ROLE=COLUMN"):
        Columns.parse("when=When,sender=Who,text=Said")


def test_unknown_columns_without_a_mapping_ask_for_one() -> None:
    with pytest.raises(WarmlineError, match="pass --columns"):
        list(table.parse(io.BytesIO(b"a,b,c\n1,2,3\n"), name="x.csv"))


_cell = (
    st.text(
        alphabet=st.characters(
            categories=["L", "N", "P", "Zs", "So"], exclude_characters="\x85\u2028\u2029"
        ),
        min_size=1,
        max_size=40,
    )
    .map(str.strip)
    .filter(bool)
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.datetimes(
                min_value=datetime(2000, 1, 1),
                max_value=datetime(2100, 1, 1),
                timezones=st.just(UTC),
            ),
            _cell,
            st.text(min_size=0, max_size=80).filter(lambda s: "\r" not in s and "\x00" not in s),
        ),
        min_size=1,
        max_size=10,
    )
)
def test_a_csv_written_from_messages_reads_back_the_same(
    rows: list[tuple[datetime, str, str]],
) -> None:
    messages = [
        ImportedMessage(
            format="csv",
            external_id="",
            thread="t",
            sent_at=when,
            utc_offset_minutes=0,
            sender_name=sender,
            sender_handle=sender,
            text=text,
            channel="csv",
        )
        for when, sender, text in rows
    ]
    out = io.StringIO()
    table.write(messages, out)
    got = list(table.parse(io.BytesIO(out.getvalue().encode()), name="t.csv"))
    assert [(m.sent_at, m.sender_name, m.text, m.thread) for m in got] == [
        (m.sent_at, m.sender_name, m.text, m.thread) for m in messages
    ]
