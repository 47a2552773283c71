"""Email: mbox, .eml, Maildir; charsets, MIME, HTML, quoted replies and signatures."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from warmline.core.error import WarmlineError
from warmline.ingest import ImportedMessage, SkipLog, mail, read
from warmline.ingest.markup import html_to_text
from warmline.ingest.reply import new_text

Golden = Callable[[str, Iterable[ImportedMessage]], None]


def test_it_reads_a_mailbox_of_mixed_charsets_and_mime_shapes(
    fixtures: Path, golden: Golden
) -> None:
    golden("mail-mixed-mbox", read(fixtures / "email" / "mixed.mbox"))


def test_gbk_big5_and_gb18030_mail_decode_to_the_same_chinese(fixtures: Path) -> None:
    by_id = {m.external_id: m for m in read(fixtures / "email" / "mixed.mbox")}
    assert by_id["mid:gbk-1@huaxin.example"].sender_name == "王总"
    assert by_id["mid:gbk-1@huaxin.example"].thread == "方案进度"
    assert "下周一要给老板汇报" in by_id["mid:gbk-1@huaxin.example"].text
    assert by_id["mid:big5-2@taipei-trading.example"].sender_name == "陳小姐"
    assert by_id["mid:no-date-6@example.cn"].thread == "㐀字体授权"


def test_only_the_new_text_of_a_chinese_reply_is_kept(fixtures: Path) -> None:
    by_id = {m.external_id: m for m in read(fixtures / "email" / "mixed.mbox")}
    text = by_id["mid:gbk-1@huaxin.example"].text
    assert "发自我的iPhone" not in text
    assert "原始邮件" not in text
    assert "初稿已完成" not in text


def test_an_html_only_mail_becomes_text_without_the_quoted_history(fixtures: Path) -> None:
    by_id = {m.external_id: m for m in read(fixtures / "email" / "mixed.mbox")}
    html_mail = by_id["mid:CAhtml-3@mail.northwind.example"]
    assert html_mail.text == (
        "Hi Lin,\n\nThe green works. Could you send the final files by Thursday?\n\nAnna"
    )
    assert html_mail.utc_offset_minutes == -300


def test_attachments_are_listed_by_name_including_rfc2231_names(fixtures: Path) -> None:
    by_id = {m.external_id: m for m in read(fixtures / "email" / "mixed.mbox")}
    assert by_id["mid:final-4@meidesign.example"].attachments == ("标志终稿.pdf", "logo-green.png")


def test_an_escaped_from_line_in_a_body_is_unescaped_and_does_not_split(fixtures: Path) -> None:
    messages = list(read(fixtures / "email" / "mixed.mbox"))
    assert len(messages) == 6
    final = next(m for m in messages if m.external_id == "mid:final-4@meidesign.example")
    assert "From the team: thank you!" in final.text
    assert "Lin Mei | Mei Design" not in final.text  # the "-- " signature is cut


def test_a_mail_without_date_header_takes_the_envelope_time_with_no_offset(fixtures: Path) -> None:
    by_id = {m.external_id: m for m in read(fixtures / "email" / "mixed.mbox")}
    no_date = by_id["mid:no-date-6@example.cn"]
    assert no_date.sent_at.isoformat() == "2024-03-08T01:02:03+00:00"
    assert no_date.utc_offset_minutes is None


def test_a_mail_without_message_id_gets_a_stable_content_id(fixtures: Path) -> None:
    ids = [m.external_id for m in read(fixtures / "email" / "mixed.mbox")]
    again = [m.external_id for m in read(fixtures / "email" / "mixed.mbox")]
    assert ids == again
    assert any(i.startswith("mail:") for i in ids)


def test_an_emoji_only_reply_keeps_the_emoji(fixtures: Path, golden: Golden) -> None:
    golden("mail-thumbs-up-eml", read(fixtures / "email" / "thumbs-up.eml"))


def test_a_maildir_without_new_and_tmp_folders_reads_with_its_subfolders(
    fixtures: Path, golden: Golden
) -> None:
    golden("mail-maildir", read(fixtures / "email" / "maildir"))


def test_a_mail_with_no_date_at_all_is_skipped_with_a_reason() -> None:
    data = b"From: a@example.org\nTo: b@example.org\nSubject: draft\n\nunsent\n"
    skipped = SkipLog()
    assert list(mail.parse_eml(io.BytesIO(data), name="draft.eml", skipped=skipped)) == []
    assert skipped.counts == {"no-date": 1}
    assert "draft.eml" in skipped.samples["no-date"]


def test_a_file_that_is_not_mail_is_refused_as_eml() -> None:
    with pytest.raises(WarmlineError, match=r"notes\.eml: line 1: no mail headers"):
        list(mail.parse_eml(io.BytesIO(b"hello there\nthis is a note\n"), name="notes.eml"))


def test_a_body_line_starting_with_from_after_a_blank_line_needs_a_time_to_split() -> None:
    data = (
        b"From a@example.org Mon Mar  4 09:00:00 2024\n"
        b"From: a@example.org\nDate: Mon, 4 Mar 2024 09:00:00 +0000\nSubject: s\n\n"
        b"Hello\n\nFrom the desk of Ana\n\n"
        b"From b@example.org Mon Mar  4 10:00:00 2024\n"
        b"From: b@example.org\nDate: Mon, 4 Mar 2024 10:00:00 +0000\nSubject: t\n\nHi\n"
    )
    messages = list(mail.parse_mbox(io.BytesIO(data)))
    assert [m.sender_handle for m in messages] == ["a@example.org", "b@example.org"]
    assert "From the desk of Ana" in messages[0].text
    assert [m.line for m in messages] == [1, 10]  # the envelope lines


@pytest.mark.parametrize(
    ("body", "kept"),
    [
        (
            "好的，明天发您。\n\n在 2024年1月5日 周五 10:00，张三 <z@x.cn> 写道：\n> 请问进度？\n",
            "好的，明天发您。",
        ),
        (
            "收到\n\n张三 <z@x.cn> 于2024年1月5日周五 10:00写道：\n\n请问进度？\n",
            "收到",
        ),
        (
            "Sounds good.\n\nOn Mon, Jan 1, 2024 at 10:00 AM Anna <a@x.org>\nwrote:\n> Send it?\n",
            "Sounds good.",
        ),
        ("See below.\n\n-----Original Message-----\nFrom: Anna\nSent: Monday\nHi", "See below."),
        ("Thanks\n\nFrom: Anna Lee <a@x.org>\nSent: Monday\nTo: Bob\nSubject: x\n\nold", "Thanks"),
        ("Anna wrote:\n> q1\nAnswer 1\n> q2\nAnswer 2\n", "Answer 1\nAnswer 2"),
        ("收到\n\n发自我的iPhone\n", "收到"),
        ("Done.\n\nSent from my iPhone\n", "Done."),
        (
            "Hi Anna,\n\nThe draft is attached.\n\n-- \nBob\nACME",
            "Hi Anna,\n\nThe draft is attached.",
        ),
        ("Price: 3 units\nFrom: our warehouse\n", "Price: 3 units\nFrom: our warehouse"),
    ],
)
def test_quoted_history_and_signatures_are_cut_in_chinese_and_english(body: str, kept: str) -> None:
    assert new_text(body) == kept


def test_html_blocks_become_lines_and_quotes_and_styles_go() -> None:
    html = (
        "<html><head><style>p{}</style></head><body><div>Hi&nbsp;Anna,</div>"
        '<p title="a>b">Draft <b>attached</b>.</p><blockquote>old</blockquote>'
        '<div id="divRplyFwdMsg">From: x</div><p>history</p></body></html>'
    )
    assert html_to_text(html) == "Hi Anna,\n\nDraft attached."


def test_unterminated_html_tags_do_not_slow_the_reader_down() -> None:
    # A quadratic scan here would take minutes; a linear one takes milliseconds.
    assert html_to_text("<a " * 20000).startswith("<a <a")
