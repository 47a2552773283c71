"""Only the new text of a mail: quoted replies, history and signatures removed (zh + en)."""

from __future__ import annotations

import re

# A line that starts the quoted history below it (top-posting): everything from it goes.
_HISTORY = re.compile(
    r"^\s*(?:"
    r"-{2,}\s*(?:Original Message|Forwarded message|Forwarded Message|原始邮件|原始郵件|原邮件|"
    r"转发邮件信息|转发的邮件|轉寄郵件|邮件原文)\s*-{2,}"
    r"|-{5,}\s*(?:Original|原始).*"
    r"|Begin forwarded message:"
    r"|_{20,}"
    r")\s*$",
    re.IGNORECASE,
)
# An attribution line ("On Mon, John wrote:", "在 2024年1月5日，张三 写道：", Gmail zh
# "张三 <z@x.cn> 于2024年1月5日周五 10:00写道：").
_ATTRIBUTION = re.compile(
    r"^\s*(?:"
    r"On\b.{4,250}\bwrote:"
    r"|在\s?.{2,200}(?:写道|寫道)\s?[:：]?"
    r"|.{1,200}于\s?\d{4}\s?年.{1,80}(?:写道|寫道)\s?[:：]?"
    r"|.{1,200}\d{4}[-/年].{1,60}(?:写道|寫道)\s?[:：]?"
    r")\s*$",
    re.IGNORECASE,
)
# Outlook-style header block of the quoted mail: "From: ..." then "Sent:/Date:" soon after.
_BLOCK_FROM = re.compile(r"^\s*\*?(?:From|发件人|寄件者|發件人)\s*\*?\s*[:：]", re.IGNORECASE)
_BLOCK_NEXT = re.compile(
    r"^\s*\*?(?:Sent|Date|To|Subject|发送时间|发送日期|日期|时间|收件人|主题|寄件日期|傳送時間)\s*\*?\s*[:：]",
    re.IGNORECASE,
)
# Signature openers: the "-- " delimiter and the phones' and apps' taglines.
_SIGNATURE = re.compile(
    r"^\s*(?:--|-- |"
    r"Sent from my \w[\w ]{0,30}|Sent from (?:Mail|Outlook|Yahoo Mail|my mobile).{0,40}|"
    r"Get Outlook for \w+.*|Sent via .{1,40}|"
    r"发自我的\s?\S{1,20}|从我的\s?\S{1,20}\s?发送|发自网易邮箱.{0,10}|发自\s?\S{0,10}邮箱.{0,10}|"
    r"來自我的\s?\S{1,20}|从\s?\S{1,10}\s?发送)\s*$",
    re.IGNORECASE,
)


# Cheap finders for lines that may start history or a signature; the full
# patterns above then confirm each candidate (a big alternation on every line
# start is the slow path on long mails).
_CUT_CANDIDATE = re.compile(
    r"^[ \t]*(?:--|__|[Ss][Ee][Nn][Tt] |[Gg][Ee][Tt] |[Bb]egin |发自|从|來自)", re.MULTILINE
)
_FROM_CANDIDATE = re.compile(r"^[ \t]*\*?(?:From|FROM|from|发件人|寄件者|發件人)", re.MULTILINE)


def new_text(body: str) -> str:
    """The part of a plain-text mail body the sender wrote this time."""
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    cut = len(text)
    for m in _CUT_CANDIDATE.finditer(text):
        end = text.find("\n", m.start())
        line = text[m.start() : end if end != -1 else len(text)]
        if _HISTORY.match(line) or _SIGNATURE.match(line):
            cut = m.start()
            break
    for m in _FROM_CANDIDATE.finditer(text, 0, cut):
        end = text.find("\n", m.start())
        line = text[m.start() : end if end != -1 else len(text)]
        if not _BLOCK_FROM.match(line):
            continue
        following = text[m.start() :].split("\n", 5)[1:5]
        if any(_BLOCK_NEXT.match(n) for n in following):
            cut = m.start()
            break
    lines = text[:cut].split("\n")
    attributed = "wrote" in text or "写道" in text or "寫道" in text
    if attributed:
        lines = _two_line_attribution(lines)
    if ">" in text:
        lines = _drop_quotes(lines)
    if attributed:
        # Attributions above ">" quotes went with the quotes; one still here
        # introduces unquoted history (top-posting, as QQ Mail and Outlook do).
        for i, line in enumerate(lines):
            if _ATTRIBUTION.match(line):
                lines = lines[:i]
                break
    return _squeeze(lines)


def _drop_quotes(lines: list[str]) -> list[str]:
    """Lines without the quoted ones, and without the "X wrote:"/"X said:" line above a quote."""
    out: list[str] = []
    for line in lines:
        if line.lstrip().startswith(">"):
            # The attribution: the last kept non-blank line, ending with a colon.
            j = len(out) - 1
            while j >= 0 and not out[j].strip():
                j -= 1
            if j >= 0 and out[j].rstrip().endswith((":", "：")) and len(out[j]) < 250:
                del out[j:]
            continue
        out.append(line)
    return out


def _two_line_attribution(lines: list[str]) -> list[str]:
    """Join "On Mon, 1 Jan 2024, John <j@x.org>" + "wrote:" that a client wrapped."""
    out: list[str] = []
    for line in lines:
        if out and line.strip().lower() in ("wrote:", "写道：", "写道:") and out[-1].strip():
            out[-1] = out[-1].rstrip() + " " + line.strip()
        else:
            out.append(line)
    return out


def _squeeze(lines: list[str]) -> str:
    """Lines joined, trailing spaces and runs of blank lines removed."""
    out: list[str] = []
    blank = 0
    for line in lines:
        line = line.rstrip()
        if line:
            if blank and out:
                out.append("")
            blank = 0
            out.append(line)
        else:
            blank += 1
    return "\n".join(out).strip()
