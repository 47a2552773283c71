"""The registry and format detection."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from warmline.core.error import WarmlineError
from warmline.ingest import IMPORTERS, detect, read

DOCS = Path(__file__).resolve().parents[2] / "docs" / "import.md"


@pytest.mark.parametrize(
    ("relative", "expected"),
    [
        ("whatsapp/WhatsApp Chat with Anna Lee.txt", "whatsapp"),
        ("whatsapp/WhatsApp Chat - 王总.zip", "whatsapp"),
        ("whatsapp/zh_android.txt", "whatsapp"),
        ("whatsapp/de_dotted.txt", "whatsapp"),
        ("email/mixed.mbox", "mbox"),
        ("email/thumbs-up.eml", "eml"),
        ("email/maildir", "maildir"),
        ("telegram/result.json", "telegram"),
        ("telegram/account/result.json", "telegram"),
        ("slack/workspace", "slack"),
        ("wechat/王总_utf8.csv", "wechat-csv"),
        ("wechat/陈经理.txt", "wechat-txt"),
        ("wechat/陈经理_gbk.txt", "wechat-txt"),
        ("wechat/clipboard.txt", "wechat-txt"),
        ("csv/crm.csv", "csv"),
        ("csv/auto.csv", "csv"),
    ],
)
def test_it_detects_each_format_from_the_file(fixtures: Path, relative: str, expected: str) -> None:
    assert detect(fixtures / relative) == expected


def test_a_zero_byte_file_is_refused_by_name(fixtures: Path) -> None:
    with pytest.raises(WarmlineError, match=r"empty\.txt: the file is empty \(0 bytes\)"):
        detect(fixtures / "whatsapp" / "empty.txt")


def test_an_unknown_file_names_the_file_and_the_formats(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("shopping list\nmilk\n", encoding="utf-8")
    with pytest.raises(
        WarmlineError, match=r"notes\.txt: cannot tell the export format .* one of: mbox, eml"
    ):
        detect(path)


def test_a_zip_with_nothing_we_know_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "photos.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("a.jpg", b"\xff\xd8")
    with pytest.raises(WarmlineError, match="no chat text, mailbox or Slack export"):
        detect(path)


def test_an_unknown_format_name_lists_the_known_ones(fixtures: Path) -> None:
    with pytest.raises(WarmlineError, match="unknown format 'icq'"):
        read(fixtures / "csv" / "auto.csv", "icq")


def test_a_missing_path_is_named(tmp_path: Path) -> None:
    with pytest.raises(WarmlineError, match="no such file or folder"):
        detect(tmp_path / "nowhere.txt")


def test_every_importer_is_documented_and_every_documented_format_exists() -> None:
    text = DOCS.read_text(encoding="utf-8")
    documented = set(re.findall(r"^### `([a-z-]+)`", text, flags=re.MULTILINE))
    assert documented == set(IMPORTERS)


def test_every_importer_has_a_bilingual_summary() -> None:
    for importer in IMPORTERS.values():
        assert importer.summary.zh and importer.summary.en
