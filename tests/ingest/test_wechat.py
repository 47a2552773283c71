"""WeChat exporter layouts: MemoTrace CSV and TXT, GBK text, the desktop clipboard."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from warmline.core.error import WarmlineError
from warmline.ingest import ImportedMessage, Options, read, wechat

Golden = Callable[[str, Iterable[ImportedMessage]], None]


def test_it_reads_a_memotrace_csv_with_xml_content(fixtures: Path, golden: Golden) -> None:
    golden("wechat-csv", read(fixtures / "wechat" / "王总_utf8.csv"))


def test_the_csv_knows_who_sent_each_message_and_the_pc_offset(fixtures: Path) -> None:
    messages = list(read(fixtures / "wechat" / "王总_utf8.csv"))
    mine = [m.text for m in messages if m.from_me]
    assert mine[0].startswith("王总好，方案周一")
    assert {m.utc_offset_minutes for m in messages} == {480}
    recalled = [m for m in messages if m.note == "recalled"]
    assert len(recalled) == 2 and all(m.is_system for m in recalled)
    assert "重新编辑" not in recalled[1].text


def test_it_reads_a_memotrace_txt(fixtures: Path, golden: Golden) -> None:
    golden(
        "wechat-txt",
        read(fixtures / "wechat" / "陈经理.txt", options=Options(zone="Asia/Shanghai")),
    )


def test_a_gbk_txt_saved_by_notepad_reads_like_the_utf8_one(fixtures: Path) -> None:
    utf8 = list(read(fixtures / "wechat" / "陈经理.txt", options=Options(thread="陈经理")))
    gbk = list(read(fixtures / "wechat" / "陈经理_gbk.txt", options=Options(thread="陈经理")))
    assert [(m.sender_name, m.sent_at) for m in gbk] == [(m.sender_name, m.sent_at) for m in utf8]
    assert gbk[1].text == utf8[1].text == "可以，今天 18:00 前发您。\n另外合同我也一起附上。"


def test_it_reads_the_desktop_clipboard_layout(fixtures: Path, golden: Golden) -> None:
    golden(
        "wechat-clipboard",
        read(fixtures / "wechat" / "clipboard.txt", options=Options(zone="Asia/Shanghai")),
    )


def test_a_txt_without_records_is_refused_with_its_line() -> None:
    with pytest.raises(WarmlineError, match=r"x\.txt: line 1: not a WeChat text export"):
        list(wechat.parse_txt(io.BytesIO("随便写点什么\n".encode()), name="x.txt"))


def test_a_csv_without_the_memotrace_columns_is_refused() -> None:
    with pytest.raises(WarmlineError, match="not a WeChat"):
        list(wechat.parse_csv(io.BytesIO(b"a,b,c\n1,2,3\n"), name="x.csv"))
