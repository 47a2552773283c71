"""Email: mbox files (also zipped), single .eml files, folders of .eml, and Maildirs.

Each message is parsed with the stdlib `email` package (compat32 policy: it is
several times faster than policy.default and we decode headers and charsets
ourselves, leniently). Only the new text counts: the plain part is preferred,
HTML-only mail is reduced to text, and quoted replies and signatures are cut
(see reply.py). Attachments are listed by name. mbox files are split on their
`From ` lines while streaming, so a mailbox of any size is read one message at
a time.
"""

from __future__ import annotations

import email.errors
import email.header
import email.utils
import re
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path, PurePosixPath
from typing import IO

from warmline.core.error import WarmlineError
from warmline.ingest.markup import html_to_text
from warmline.ingest.mime import Part, decoded, read_part, walk
from warmline.ingest.record import ImportedMessage, SkipLog, content_id
from warmline.ingest.reply import new_text
from warmline.ingest.source import corrupt

# Charsets as labelled in the wild -> a codec that decodes them (supersets win).
_CHARSET_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "euc-cn": "gb18030",
    "hz-gb-2312": "hz",
    "big5": "big5hkscs",
    "x-big5": "big5hkscs",
    "cp950": "big5hkscs",
    "ks_c_5601-1987": "cp949",
    "euc-kr": "cp949",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "iso-8859-8-i": "iso-8859-8",
    "x-mac-roman": "mac_roman",
    "unicode-1-1-utf-7": "utf-7",
    "utf8": "utf-8",
}
_FROM_LINE = re.compile(rb"^From (?:\S.*?)?\s\d{1,2}:\d{2}(?::\d{2})?\s|^From - ")
_SUBJECT_PREFIX = re.compile(
    r"^\s*(?:(?:re|fw|fwd|aw|sv|vs|antw|答复|回复|回覆|转发|轉寄|转寄)\s*(?:\[\d+\])?\s*[:：]\s*)+",
    re.IGNORECASE,
)
_LIST_TAG = re.compile(r"^\s*\[[^\]]{1,40}\]\s*")
_MAX_MESSAGE_BYTES = 64 * 1024 * 1024


def decode_bytes(data: bytes, charset: str | None) -> str:
    """Bytes in a declared charset; a bogus or wrong label falls back, never fails."""
    label = (charset or "").strip().strip('"').lower()
    codec = _CHARSET_ALIASES.get(label, label)
    if codec:
        try:
            return data.decode(codec)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for fallback in ("gb18030", "cp1252"):
        try:
            return data.decode(fallback)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def decode_header(value: str | None) -> str:
    """A header as text: encoded words decoded, raw 8-bit bytes guessed, folding undone."""
    if not value:
        return ""
    raw = _from_surrogates(value)
    if "=?" not in raw:
        return _unfold(raw)
    try:
        chunks = email.header.decode_header(raw)
    except (ValueError, email.errors.HeaderParseError):
        return _unfold(raw)
    out: list[str] = []
    for chunk, charset in chunks:
        if isinstance(chunk, bytes):
            out.append(decode_bytes(chunk, charset))
        else:
            out.append(chunk)
    return _unfold("".join(out) or raw)


_SURROGATE = re.compile("[\udc80-\udcff]")


def _has_surrogates(text: str) -> bool:
    return _SURROGATE.search(text) is not None


def _from_surrogates(text: str) -> str:
    if not _has_surrogates(text):
        return text
    return decode_bytes(text.encode("utf-8", "surrogateescape"), None)


def _unfold(text: str) -> str:
    return re.sub(r"\s*\r?\n\s*", " ", text).strip()


def thread_of(subject: str) -> str:
    """A thread key from a subject: reply/forward prefixes (en, zh) and list tags removed."""
    s = subject
    for _ in range(4):
        before = s
        s = _SUBJECT_PREFIX.sub("", s)
        s = _LIST_TAG.sub("", s)
        if s == before:
            break
    return s.strip() or "(no subject)"


def _address(raw: str) -> tuple[str, str]:
    """(display name, lower-cased address) of one From header value."""
    name, addr = email.utils.parseaddr(raw)
    if not addr and raw:
        addr = raw
    addr = addr.strip()
    if "@" not in addr and " at " in raw:
        # Mailing-list archives hide addresses as "user at example.org".
        m = re.search(r"([\w.+-]+) at ([\w-]+(?:\.[\w-]+)+)", raw)
        if m:
            addr = f"{m.group(1)}@{m.group(2)}"
            name = name if name and " at " not in name else ""
            if not name:
                p = re.search(r"\(([^)]+)\)", raw)
                name = p.group(1) if p else ""
    return name.strip().strip('"'), addr.lower()


def _sent_at(part: Part, envelope: bytes | None) -> tuple[datetime, bool] | None:
    """(sent time, whether its offset is the sender's) from Date, else envelope/Received."""
    for header in ("date", "resent-date", "delivery-date"):
        value = part.get(header)
        if value:
            parsed = _parse_date(_from_surrogates(value))
            if parsed:
                return parsed, True
    if envelope:
        m = re.search(rb"(\w{3}\s+\w{3}\s+\d{1,2}\s+\d{1,2}:\d{2}:\d{2}\s+\d{4})", envelope)
        if m:
            try:
                naive = datetime.strptime(
                    re.sub(r"\s+", " ", m.group(1).decode("ascii")), "%a %b %d %H:%M:%S %Y"
                )
                return naive.replace(tzinfo=UTC), False
            except ValueError:
                pass
    for received in part.all("received"):
        tail = received.rsplit(";", 1)
        if len(tail) == 2:
            parsed = _parse_date(_from_surrogates(tail[1]))
            if parsed:
                return parsed, False
    return None


def _parse_date(value: str) -> datetime | None:
    try:
        parts = email.utils.parsedate_tz(value)
    except (TypeError, ValueError, IndexError):
        return None
    if not parts:
        return None
    year, month, day, hour, minute, second = parts[:6]
    if year < 100:
        year += 2000 if year < 50 else 1900
    offset = parts[9] or 0
    try:
        zone = timezone(timedelta(seconds=offset))
        return datetime(year, month, day, hour, minute, min(second, 59), tzinfo=zone)
    except (ValueError, OverflowError):
        return None


def _part_text(part: Part) -> str:
    return decode_bytes(decoded(part), part.charset)


def _body(top: Part) -> tuple[str, tuple[str, ...], str]:
    """(new text, attachment names, note) of a message."""
    plain: Part | None = None
    html: Part | None = None
    attachments: list[str] = []
    note = ""
    top_type = top.content_type
    if top_type in ("multipart/encrypted", "application/pkcs7-mime"):
        note = "encrypted"
    for part in walk(top):
        ctype = part.content_type
        name = decode_header(part.filename)
        if ctype == "message/rfc822":
            inner = read_part(part.body)
            subject = decode_header(inner.get("subject"))
            attachments.append(name or f"{subject or 'message'}.eml")
            continue
        if part.disposition == "attachment" or (name and not ctype.startswith("text/")):
            attachments.append(name or ctype)
            continue
        if ctype == "text/plain" and plain is None:
            plain = part
        elif ctype == "text/html" and html is None:
            html = part
        elif name:
            attachments.append(name)
    text = ""
    if plain is not None:
        text = new_text(_part_text(plain))
    if not text and html is not None:
        text = new_text(html_to_text(_part_text(html)))
    return text, tuple(attachments), note


_SIMPLE_FROM = re.compile(r'^\s*(?:"?([^"<>]*?)"?\s*)?<([^<>\s]+@[^<>\s]+)>\s*$')
_BARE_ADDRESS = re.compile(r"^\s*<?([^<>\s()]+@[^<>\s()]+?)>?\s*(?:\((.*)\))?\s*$")
_ANY_ADDRESS = re.compile(r"[\w.+'=-]+@[\w-]+(?:\.[\w-]+)+")


def _sender(value: str) -> tuple[str, str]:
    """(display name, lower-cased address) of a From value, fast path first."""
    m = _SIMPLE_FROM.match(value)
    if m:
        return (m.group(1) or "").strip(), m.group(2).lower()
    m = _BARE_ADDRESS.match(value)
    if m:
        return (m.group(2) or "").strip(), m.group(1).lower()
    return _address(value)


def _recipients(values: list[str]) -> tuple[str, ...]:
    out: list[str] = []
    for value in values:
        for addr in _ANY_ADDRESS.findall(_from_surrogates(value)):
            low = addr.lower()
            if low not in out:
                out.append(low)
    return tuple(out)


def message_from_bytes(
    data: bytes,
    *,
    fmt: str,
    name: str,
    where: str,
    envelope: bytes | None = None,
    skipped: SkipLog | None = None,
    line: int | None = None,
) -> ImportedMessage | None:
    """One RFC 5322 message as an ImportedMessage (None when skipped, with a reason)."""
    if len(data) > _MAX_MESSAGE_BYTES:
        raise corrupt(name, where, "a message larger than 64 MB; split the mailbox")
    top = read_part(data)
    when = _sent_at(top, envelope)
    if when is None:
        if skipped is not None:
            skipped.add("no-date", f"{name} {where}")
        return None
    sent, offset_known = when
    sender_name, sender = _sender(decode_header(top.get("from") or top.get("sender")))
    recipients = _recipients(top.all("to") + top.all("cc"))
    subject = decode_header(top.get("subject"))
    text, attachments, note = _body(top)
    message_id = _from_surrogates(top.get("message-id")).strip()
    if message_id:
        external = "mid:" + message_id.strip("<>").strip()
    else:
        external = content_id("mail", sent.isoformat(), sender, subject, text)
    offset = sent.utcoffset()
    return ImportedMessage(
        format=fmt,
        external_id=external,
        thread=thread_of(subject),
        sent_at=sent.astimezone(UTC),
        utc_offset_minutes=(
            int(offset.total_seconds() // 60) if offset is not None and offset_known else None
        ),
        sender_name=sender_name,
        sender_handle=sender,
        text=text,
        channel="email",
        recipients=recipients,
        attachments=attachments,
        line=line,
        note=note,
    )


def parse_mbox(
    stream: IO[bytes], *, name: str = "<stream>", skipped: SkipLog | None = None
) -> Iterator[ImportedMessage]:
    """Messages of an mbox (mboxo/mboxrd), split on `From ` lines while streaming.

    A separator is a `From ` line after an empty line (or at the start) that
    carries a time, so a body line such as "From the team..." does not split a
    message. Body lines escaped as ">From " are unescaped.
    """
    for start_line, envelope, data in _mbox_messages(stream, name):
        if _UNESCAPE_HINT in data:
            data = _ESCAPED_FROM_ML.sub(rb"\1", data)
        try:
            msg = message_from_bytes(
                data,
                fmt="mbox",
                name=name,
                where=f"line {start_line}",
                envelope=envelope,
                skipped=skipped,
                line=start_line,
            )
        except (ValueError, TypeError, LookupError, AttributeError) as exc:
            raise corrupt(name, f"line {start_line}", f"a message cannot be read ({exc})") from exc
        if msg is not None:
            yield msg


_UNESCAPE_HINT = b">From "
_ESCAPED_FROM_ML = re.compile(rb"(?m)^>(>*From )")
_READ_SIZE = 1 << 20


def _mbox_messages(stream: IO[bytes], name: str) -> Iterator[tuple[int, bytes | None, bytes]]:
    """(first line number, envelope line, message bytes) for each message of an mbox."""
    buf = b""
    pos = 0  # start of the current message in buf
    scan = 0  # where to look for the next separator
    line = 1  # line number of buf[pos]
    envelope: bytes | None = None
    eof = False
    started = False
    while True:
        if not started:
            while not eof and b"\n" not in buf:
                chunk = stream.read(_READ_SIZE)
                eof = not chunk
                buf += chunk
            if not buf.strip():
                return
            first_end = buf.find(b"\n")
            first = buf if first_end == -1 else buf[: first_end + 1]
            if first.startswith(b"From ") and _FROM_LINE.match(first):
                envelope = first.rstrip(b"\r\n")
                pos = scan = len(first)
                line = 2
            started = True
        idx = buf.find(b"\nFrom ", scan)
        end = buf.find(b"\n", idx + 1) if idx != -1 else -1
        if idx == -1 or end == -1:
            if eof:
                data = buf[pos:]
                if data.strip():
                    yield line - (envelope is not None), envelope, data
                return
            if pos > 0:
                scan -= pos
                buf = buf[pos:]
                pos = 0
            scan = max(scan, len(buf) - 8, 0) if idx == -1 else idx - pos
            if len(buf) - pos > _MAX_MESSAGE_BYTES:
                raise corrupt(
                    name,
                    f"line {line}",
                    "a message is larger than 64 MB: this is not an mbox, or its 'From ' "
                    "separators are missing",
                )
            chunk = stream.read(_READ_SIZE)
            eof = not chunk
            buf += chunk
            continue
        blank_before = buf[idx - 1 : idx] == b"\n" or buf[idx - 2 : idx] == b"\n\r"
        separator = buf[idx + 1 : end + 1]
        if (blank_before or idx + 1 == pos) and _FROM_LINE.match(separator):
            data = buf[pos : idx + 1]
            if data.strip():
                yield line - (envelope is not None), envelope, data
            line += data.count(b"\n") + 1
            envelope = separator.rstrip(b"\r\n")
            pos = scan = end + 1
        else:
            scan = idx + 1


def parse_eml(
    stream: IO[bytes], *, name: str = "<stream>", skipped: SkipLog | None = None
) -> Iterator[ImportedMessage]:
    """The one message of an .eml file (a leading mbox `From ` line is tolerated)."""
    data = stream.read(_MAX_MESSAGE_BYTES + 1)
    if len(data) > _MAX_MESSAGE_BYTES:
        raise corrupt(name, "byte 0", "an .eml larger than 64 MB; split the mailbox")
    if not data.strip():
        return
    envelope = None
    if data.startswith(b"From ") and _FROM_LINE.match(data.split(b"\n", 1)[0] + b"\n"):
        envelope, _, data = data.partition(b"\n")
    if not _looks_like_mail(data[:4096]):
        raise corrupt(
            name,
            "line 1",
            "no mail headers (From:, Date:, Subject:...) at the start; this is not an .eml",
        )
    msg = message_from_bytes(
        data, fmt="eml", name=name, where="line 1", envelope=envelope, skipped=skipped, line=1
    )
    if msg is not None:
        yield msg


_HEADER_NAME = re.compile(rb"^[!-9;-~]{1,76}:")
_MAIL_HEADERS = (
    b"from:",
    b"date:",
    b"subject:",
    b"message-id:",
    b"received:",
    b"return-path:",
    b"to:",
    b"mime-version:",
    b"delivered-to:",
    b"x-",
    b"content-type:",
)


def _looks_like_mail(data: bytes) -> bool:
    """True when the bytes start with RFC 5322 header lines, mostly mail ones."""
    lines = data.replace(b"\r\n", b"\n").split(b"\n")
    if not lines or not _HEADER_NAME.match(lines[0]):
        return False
    headers = known = stray = 0
    for line in lines[:60]:
        if not line.strip():
            break
        if line[:1] in (b" ", b"\t"):
            continue
        if not _HEADER_NAME.match(line):
            stray += 1
            continue
        headers += 1
        if line.lower().startswith(_MAIL_HEADERS):
            known += 1
    return headers >= 2 and known >= 1 and stray * 4 <= headers


def looks_like_mbox(data: bytes) -> bool:
    first = data.split(b"\n", 1)[0] + b"\n"
    return bool(_FROM_LINE.match(first)) and _looks_like_mail(data.partition(b"\n")[2])


def looks_like_eml(data: bytes) -> bool:
    return _looks_like_mail(data)


def read_mbox(path: Path, *, skipped: SkipLog | None = None) -> Iterator[ImportedMessage]:
    """An mbox file, or a zip holding .mbox files (groups.io and Google Takeout exports)."""
    if path.suffix.lower() == ".zip":
        try:
            archive = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as exc:
            raise corrupt(str(path), "byte 0", f"not a readable zip ({exc})") from exc
        with archive:
            members = [n for n in archive.namelist() if n.lower().endswith((".mbox", ".mbx"))]
            if not members:
                raise WarmlineError(f"{path}: no .mbox file inside the zip")
            for member in sorted(members):
                try:
                    with archive.open(member) as inner:
                        yield from parse_mbox(inner, name=f"{path}!{member}", skipped=skipped)
                except (zipfile.BadZipFile, EOFError) as exc:
                    raise corrupt(str(path), member, f"the zip is damaged ({exc})") from exc
        return
    with path.open("rb") as stream:
        yield from parse_mbox(stream, name=str(path), skipped=skipped)


def read_eml(path: Path, *, skipped: SkipLog | None = None) -> Iterator[ImportedMessage]:
    """One .eml file, or every mail file in a folder (recursively, in name order)."""
    if path.is_dir():
        for file in _mail_files(path):
            with file.open("rb") as stream:
                yield from parse_eml(stream, name=str(file), skipped=skipped)
        return
    with path.open("rb") as stream:
        yield from parse_eml(stream, name=str(path), skipped=skipped)


def read_maildir(path: Path, *, skipped: SkipLog | None = None) -> Iterator[ImportedMessage]:
    """A Maildir, walked by hand: cur/ and new/ (tmp/ is skipped), nested folders, strays.

    Python's mailbox.Maildir insists on cur/, new/ and tmp/ all existing, which
    git and some backups break by dropping empty folders. Maildir++ subfolders
    (.Sent, .Archive), nested Maildirs and mail files lying outside cur/new
    (notmuch indexes those) are included; index and state files are not,
    because only files that start with mail headers are read.
    """
    for file in _maildir_files(path):
        with file.open("rb") as stream:
            start = stream.read(4096)
            if not (looks_like_eml(start) or looks_like_mbox(start)):
                continue
            stream.seek(0)
            for msg in parse_eml(stream, name=str(file), skipped=skipped):
                yield replace(msg, format="maildir")


def _maildir_files(path: Path) -> list[Path]:
    out: list[Path] = []
    for file in sorted(path.rglob("*")):
        rel = file.relative_to(path).parts
        if "tmp" in rel[:-1] or any(
            part.startswith(".") and part not in rel[:-1] for part in rel[-1:]
        ):
            continue
        if file.is_file():
            out.append(file)
    return out


def is_maildir(path: Path) -> bool:
    return path.is_dir() and ((path / "cur").is_dir() or (path / "new").is_dir())


def _mail_files(path: Path) -> list[Path]:
    files: list[Path] = []
    for file in sorted(path.rglob("*")):
        if not file.is_file() or file.name.startswith("."):
            continue
        if file.suffix.lower() == ".eml":
            files.append(file)
    return files


def member_names(path: Path) -> list[str]:
    """Names inside a zip, for detection."""
    with zipfile.ZipFile(path) as archive:
        return [PurePosixPath(n).name for n in archive.namelist()]
