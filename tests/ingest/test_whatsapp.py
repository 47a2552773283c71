"""WhatsApp exports: Android and iOS, locales, clocks, media, system lines, DST, errors."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warmline.core.error import WarmlineError
from warmline.ingest import ImportedMessage, Options, read, whatsapp

Golden = Callable[[str, Iterable[ImportedMessage]], None]


def test_it_reads_an_android_us_export_with_media_system_lines_and_multiline_text(
    fixtures: Path, golden: Golden
) -> None:
    path = fixtures / "whatsapp" / "WhatsApp Chat with Anna Lee.txt"
    golden("whatsapp-android-us", read(path, options=Options(zone="America/New_York")))


def test_it_reads_an_ios_zip_with_lrm_marks_and_narrow_spaces_before_pm(
    fixtures: Path, golden: Golden
) -> None:
    path = fixtures / "whatsapp" / "WhatsApp Chat - 王总.zip"
    golden("whatsapp-ios-zip", read(path, options=Options(zone="Asia/Shanghai")))


def test_it_reads_a_chinese_android_export_with_shangwu_xiawu_before_the_time(
    fixtures: Path, golden: Golden
) -> None:
    path = fixtures / "whatsapp" / "zh_android.txt"
    golden("whatsapp-zh-android", read(path, options=Options(zone="Asia/Shanghai")))


def test_a_day_above_twelve_makes_a_dotted_export_day_first(fixtures: Path) -> None:
    messages = list(read(fixtures / "whatsapp" / "de_dotted.txt", options=Options(zone="UTC")))
    assert [m.sent_at.date().isoformat() for m in messages] == [
        "2024-01-13",
        "2024-01-13",
        "2024-01-15",
    ]
    assert messages[0].sender_name == "Jonas Weber"  # the BOM is not part of the line


def test_time_order_breaks_the_tie_when_no_field_is_above_twelve() -> None:
    # 11/1, 12/1, 1/2, 2/2: day-first runs forward (11 Jan -> 2 Feb); month-first
    # would jump back from 1 December to 2 January of the same year.
    text = "".join(f"{d}, 09:00 - Ana: hi\n" for d in ("11/1/24", "12/1/24", "1/2/24", "2/2/24"))
    messages = list(whatsapp.parse(io.BytesIO(text.encode()), zone="UTC"))
    assert [(m.sent_at.month, m.sent_at.day) for m in messages] == [
        (1, 11),
        (1, 12),
        (2, 1),
        (2, 2),
    ]


def test_an_explicit_date_order_wins_over_inference() -> None:
    text = "1/2/24, 09:00 - Ana: hi\n"
    (msg,) = whatsapp.parse(io.BytesIO(text.encode()), zone="UTC", date_order="dmy")
    assert (msg.sent_at.month, msg.sent_at.day) == (2, 1)


def test_a_time_in_the_spring_forward_gap_reads_with_the_offset_before_the_change(
    fixtures: Path,
) -> None:
    messages = list(
        read(fixtures / "whatsapp" / "dst.txt", options=Options(zone="America/New_York"))
    )
    gap = messages[1]
    assert gap.text.startswith("The clock jumped")
    # 02:30 does not exist in New York on 10 March 2024; read at EST (-5) it is 07:30 UTC.
    assert gap.sent_at == datetime(2024, 3, 10, 7, 30, tzinfo=UTC)
    assert gap.utc_offset_minutes is None


def test_a_time_in_the_fall_back_fold_is_its_first_occurrence(fixtures: Path) -> None:
    messages = list(
        read(fixtures / "whatsapp" / "dst.txt", options=Options(zone="America/New_York"))
    )
    fold = messages[3]
    # 01:30 happens twice on 3 November 2024; the first is EDT (-4): 05:30 UTC.
    assert fold.sent_at == datetime(2024, 11, 3, 5, 30, tzinfo=UTC)


def test_a_byte_that_is_not_utf8_names_the_file_and_line(fixtures: Path) -> None:
    path = fixtures / "whatsapp" / "broken_utf8.txt"
    with pytest.raises(WarmlineError, match=r"broken_utf8\.txt: line 3: .*not valid utf-8"):
        list(read(path, "whatsapp"))


def test_a_zero_byte_export_has_no_messages_when_the_format_is_given(fixtures: Path) -> None:
    assert list(read(fixtures / "whatsapp" / "empty.txt", "whatsapp")) == []


def test_a_text_without_any_header_is_refused_with_its_line() -> None:
    text = "".join(f"just a note {i}\n" for i in range(30))
    with pytest.raises(WarmlineError, match=r"notes\.txt: line 20: this is not a WhatsApp"):
        list(whatsapp.parse(io.BytesIO(text.encode()), name="notes.txt"))


def test_a_short_preamble_before_the_first_header_is_ignored() -> None:
    text = "2745\nChat With Ana\n3/13/24, 09:00 - Ana: hi\n"
    (msg,) = whatsapp.parse(io.BytesIO(text.encode()), zone="UTC")
    assert msg.text == "hi"


def _lines(first: int, last: int) -> str:
    return "".join(
        f"3/{13 + i // 60}/24, {9 + (i % 60) // 60}:{i % 60:02d} - Ana: msg {i % 7}\n"
        for i in range(first, last)
    )


def test_overlapping_exports_of_one_chat_give_the_same_ids_for_shared_messages() -> None:
    first = list(whatsapp.parse(io.BytesIO(_lines(0, 40).encode()), zone="UTC", thread="Ana"))
    second = list(whatsapp.parse(io.BytesIO(_lines(25, 70).encode()), zone="UTC", thread="Ana"))
    shared_first = {m.external_id for m in first[25:]}
    shared_second = {m.external_id for m in second[:15]}
    assert shared_first == shared_second
    assert len({m.external_id for m in first + second}) == 70


def test_identical_messages_in_the_same_minute_get_distinct_ids(fixtures: Path) -> None:
    messages = list(read(fixtures / "whatsapp" / "WhatsApp Chat with Anna Lee.txt"))
    media = [m for m in messages if m.attachments == ("<Media omitted>",)]
    assert len(media) == 2
    assert media[0].external_id != media[1].external_id
    assert media[1].external_id == media[0].external_id + ".1"


def test_reading_the_same_export_twice_gives_the_same_ids(fixtures: Path) -> None:
    path = fixtures / "whatsapp" / "WhatsApp Chat - 王总.zip"
    assert [m.external_id for m in read(path)] == [m.external_id for m in read(path)]


# -- round trip: what we write in Android layout reads back the same -------------

_name = (
    st.text(
        alphabet=st.one_of(st.characters(categories=["L", "N", "So"]), st.just(" ")),
        min_size=1,
        max_size=20,
    )
    .map(str.strip)
    .filter(lambda s: s and not s[0].isdigit() and "  " not in s)
)
_body = (
    st.text(
        alphabet=st.characters(
            categories=["L", "N", "P", "Zs", "So"],
            exclude_characters="<>\u2028\u2029\x85[\u200e\u200f",
        ),
        min_size=1,
        max_size=60,
    )
    .map(str.strip)
    .filter(lambda s: s and not s[0].isdigit() and "\u0085" not in s)
)
_when = st.datetimes(min_value=datetime(2015, 1, 13), max_value=datetime(2030, 12, 31)).map(
    lambda d: d.replace(second=0, microsecond=0)
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(_when, _name, st.lists(_body, min_size=1, max_size=3)), min_size=1, max_size=8
    )
)
def test_an_android_export_written_from_messages_reads_back_the_same(
    rows: list[tuple[datetime, str, list[str]]],
) -> None:
    rows = sorted(rows, key=lambda r: r[0])
    # A day above 12 pins the date order, as in any real export longer than a fortnight.
    anchor = (datetime(2014, 12, 25, 8, 0), "Anchor", ["start"])
    rows = [anchor, *rows]
    text = "".join(
        f"{d:%d/%m/%Y}, {d:%H:%M} - {name}: {chr(10).join(lines)}\n" for d, name, lines in rows
    )
    got = list(whatsapp.parse(io.BytesIO(text.encode()), zone="UTC", thread="t"))
    assert [(m.sent_at.replace(tzinfo=None), m.sender_name, m.text) for m in got] == [
        (d, name, "\n".join(lines)) for d, name, lines in rows
    ]
