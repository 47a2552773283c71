"""The importers, in one visible place, and format detection.

Adding a format: write `ingest/<format>.py` with a `parse(stream)` (and a
path reader when the export is a folder or a zip), then add one Importer here
and a sniffing rule in `detect`.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from warmline.core.error import WarmlineError
from warmline.core.text import Text
from warmline.ingest import mail, paste, slack, table, telegram, wechat, whatsapp
from warmline.ingest.record import Channel, ImportedMessage, SkipLog
from warmline.ingest.source import sniff_encoding
from warmline.ingest.table import Columns
from warmline.ingest.whatsapp import DateOrder


@dataclass(frozen=True, slots=True)
class Options:
    """What a reader may need besides the file. `zone` reads wall-clock exports."""

    zone: str = "Asia/Shanghai"
    date_order: DateOrder | None = None
    columns: Columns | Mapping[str, str] | None = None
    thread: str | None = None
    now: datetime | None = None


Reader = Callable[[Path, Options, SkipLog], Iterator[ImportedMessage]]


@dataclass(frozen=True, slots=True)
class Importer:
    name: str
    channel: Channel
    summary: Text
    read: Reader


def _paste(path: Path, o: Options, s: SkipLog) -> Iterator[ImportedMessage]:
    data = path.read_bytes()
    text = data.decode(sniff_encoding(data[:65536]), errors="replace")
    return paste.parse(
        text,
        now=o.now or datetime.now(UTC),
        zone=o.zone,
        thread=o.thread or path.stem,
        name=str(path),
    )


IMPORTERS: dict[str, Importer] = {
    i.name: i
    for i in (
        Importer(
            "mbox",
            "email",
            Text("mbox 邮箱文件（可为 zip）", "mbox mailbox file (may be zipped)"),
            lambda p, o, s: mail.read_mbox(p, skipped=s),
        ),
        Importer(
            "eml",
            "email",
            Text("单封 .eml 邮件或 .eml 文件夹", "one .eml mail or a folder of .eml files"),
            lambda p, o, s: mail.read_eml(p, skipped=s),
        ),
        Importer(
            "maildir",
            "email",
            Text("Maildir 邮件目录（cur/ new/）", "Maildir folder (cur/ new/)"),
            lambda p, o, s: mail.read_maildir(p, skipped=s),
        ),
        Importer(
            "whatsapp",
            "whatsapp",
            Text("WhatsApp 导出的聊天 .txt 或 .zip", "WhatsApp 'Export chat' .txt or .zip"),
            lambda p, o, s: whatsapp.read(p, zone=o.zone, date_order=o.date_order, thread=o.thread),
        ),
        Importer(
            "wechat-csv",
            "wechat",
            Text("微信导出工具的 CSV（留痕 MemoTrace）", "WeChat exporter CSV (MemoTrace)"),
            lambda p, o, s: wechat.read_csv(p, zone=o.zone, thread=o.thread, skipped=s),
        ),
        Importer(
            "wechat-txt",
            "wechat",
            Text("微信导出工具的 TXT 或桌面版复制的聊天", "WeChat exporter TXT or desktop copy"),
            lambda p, o, s: wechat.read_txt(p, zone=o.zone, thread=o.thread, skipped=s),
        ),
        Importer(
            "slack",
            "slack",
            Text("Slack 工作区导出（zip 或文件夹）", "Slack workspace export (zip or folder)"),
            lambda p, o, s: slack.read(p, skipped=s),
        ),
        Importer(
            "telegram",
            "telegram",
            Text("Telegram Desktop 导出的 result.json", "Telegram Desktop result.json"),
            lambda p, o, s: telegram.read(p, zone=o.zone, skipped=s),
        ),
        Importer(
            "csv",
            "csv",
            Text("任意 CSV（按列映射）", "any CSV, with a column mapping"),
            lambda p, o, s: table.read(
                p, columns=o.columns, zone=o.zone, thread=o.thread, skipped=s
            ),
        ),
        Importer(
            "paste",
            "paste",
            Text(
                "从聊天窗口或邮件客户端复制的文字", "text copied from a chat window or mail client"
            ),
            _paste,
        ),
    )
}

_SNIFF = 64 * 1024


def unknown(path: Path, why: str) -> WarmlineError:
    names = ", ".join(IMPORTERS)
    return WarmlineError(
        f"{path}: cannot tell the export format ({why}); pass --format, one of: {names}"
    )


def detect(path: Path) -> str:
    """The format of an export, from its layout and first bytes; WarmlineError if unknown."""
    if not path.exists():
        raise WarmlineError(f"{path}: no such file or folder")
    if path.is_dir():
        return _detect_folder(path)
    size = path.stat().st_size
    if size == 0:
        raise WarmlineError(f"{path}: the file is empty (0 bytes); export it again")
    suffix = path.suffix.lower()
    if suffix == ".zip":
        return _detect_zip(path)
    with path.open("rb") as f:
        data = f.read(_SNIFF)
    if not data.strip():
        raise WarmlineError(f"{path}: the file holds only blank space; export it again")
    if suffix in (".mbox", ".mbx"):
        return "mbox"
    if suffix == ".eml":
        return "eml"
    if mail.looks_like_mbox(data):
        return "mbox"
    if mail.looks_like_eml(data):
        return "eml"
    text = data.decode(sniff_encoding(data), errors="replace")
    stripped = text.lstrip("\ufeff \t\r\n")
    if suffix == ".json" or stripped.startswith("{") or re.match(r"\[\s*[{\]]", stripped):
        return _detect_json(path, stripped)
    lines = text.lstrip("\ufeff").splitlines()[:40]
    if suffix in (".csv", ".tsv") or (lines and lines[0].count(",") >= 2 and suffix != ".txt"):
        if lines and wechat.looks_like_csv(lines[0]):
            return "wechat-csv"
        return "csv"
    nonblank = [line for line in lines if line.strip()]
    if any(whatsapp.match_header(line) for line in nonblank[:21]):
        return "whatsapp"
    if wechat.looks_like_txt(nonblank):
        return "wechat-txt"
    if suffix == ".msg":
        raise unknown(path, "Outlook .msg is not supported yet: save the mail as .eml from Outlook")
    raise unknown(path, "no known layout in its first lines")


def _detect_json(path: Path, text: str) -> str:
    head = text[:4096]
    if text.startswith("{") and any(
        k in head for k in ('"messages"', '"chats"', '"personal_information"')
    ):
        return "telegram"
    if text.startswith("[") and ('"ts"' in head or '"message"' in head):
        return "slack"
    raise unknown(path, "JSON that is neither a Telegram result.json nor Slack messages")


def _detect_zip(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = [n for n in archive.namelist() if not n.endswith("/")]
    except (zipfile.BadZipFile, OSError) as exc:
        raise WarmlineError(f"{path}: not a readable zip ({exc}); export it again") from exc
    if slack.looks_like_export(names):
        return "slack"
    if any(n.lower().endswith((".mbox", ".mbx")) for n in names):
        return "mbox"
    if whatsapp.chat_member(names) is not None:
        return "whatsapp"
    if any(PurePosixPath(n).name == "result.json" for n in names):
        raise unknown(path, "a zipped Telegram export: unzip it and import result.json")
    raise unknown(path, "a zip with no chat text, mailbox or Slack export inside")


def _detect_folder(path: Path) -> str:
    names = {p.name for p in path.iterdir()}
    if names & {"users.json", "org_users.json", "channels.json"}:
        return "slack"
    if mail.is_maildir(path):
        return "maildir"
    if any(p.suffix.lower() == ".eml" for p in path.rglob("*.eml")):
        return "eml"
    raise unknown(path, "a folder that is not a Slack export, a Maildir or a folder of .eml")


def read(
    path: Path,
    fmt: str | None = None,
    options: Options | None = None,
    skipped: SkipLog | None = None,
) -> Iterator[ImportedMessage]:
    """Messages of an export at `path`, in the given or detected format."""
    name = fmt or detect(path)
    importer = IMPORTERS.get(name)
    if importer is None:
        raise WarmlineError(
            f"--format: unknown format {name!r}; use one of: {', '.join(IMPORTERS)}"
        )
    if not path.exists():
        raise WarmlineError(f"{path}: no such file or folder")
    return importer.read(path, options or Options(), skipped if skipped is not None else SkipLog())
