"""Telegram Desktop result.json: single chat and full account, streamed."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from warmline.core.error import WarmlineError
from warmline.ingest import ImportedMessage, Options, SkipLog, jsonstream, read, telegram

Golden = Callable[[str, Iterable[ImportedMessage]], None]


def test_it_reads_a_single_chat_export(fixtures: Path, golden: Golden) -> None:
    skipped = SkipLog()
    golden("telegram-chat", read(fixtures / "telegram" / "result.json", skipped=skipped))
    assert skipped.counts == {"unsupported": 1}


def test_it_reads_a_full_account_export_with_left_chats(fixtures: Path, golden: Golden) -> None:
    path = fixtures / "telegram" / "account" / "result.json"
    golden("telegram-account", read(path, options=Options(zone="Asia/Shanghai")))


def test_text_given_as_entities_is_joined_and_control_escapes_are_accepted(fixtures: Path) -> None:
    by_id = {m.external_id: m for m in read(fixtures / "telegram" / "result.json")}
    assert by_id["tg:4815162342:103"].text.startswith("Sure, I will send it by Wednesday 6 March")
    assert by_id["tg:4815162342:104"].text == "Here is the revised quote\x0bpage 2 has the timeline"
    assert by_id["tg:4815162342:104"].utc_offset_minutes == 480


def test_a_truncated_result_json_names_the_line_where_the_message_starts(fixtures: Path) -> None:
    with pytest.raises(WarmlineError, match=r"truncated\.json: line \d+: .*truncated"):
        list(read(fixtures / "telegram" / "truncated.json", "telegram"))


def test_a_json_that_is_not_a_telegram_export_is_refused() -> None:
    with pytest.raises(WarmlineError, match=r"not a Telegram Desktop result\.json"):
        list(telegram.parse(io.BytesIO(b'{"hello": [1, 2, 3]}'), name="x.json"))


def test_tiny_read_chunks_give_the_same_messages(
    fixtures: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = fixtures / "telegram" / "account" / "result.json"
    whole = [m.as_json() for m in read(path)]
    monkeypatch.setattr(jsonstream, "_CHUNK", 7)
    assert [m.as_json() for m in read(path)] == whole


def test_a_large_export_is_streamed_message_by_message() -> None:
    messages = ",".join(
        f'{{"id": {i}, "type": "message", "date_unixtime": "{1700000000 + i}", '
        f'"from": "Ana", "from_id": "user1", "text": "message {i}"}}'
        for i in range(20000)
    )
    data = f'{{"name": "Ana", "type": "personal_chat", "id": 1, "messages": [{messages}]}}'
    stream = io.BytesIO(data.encode())
    it = telegram.parse(stream, name="big.json")
    first = next(it)
    assert first.text == "message 0"
    # Only a chunk or two has been read to produce the first message.
    assert stream.tell() <= 2 * jsonstream._CHUNK
    assert sum(1 for _ in it) == 19999
