"""HTML mail reduced to plain text: blocks become lines, quoted history is dropped.

A single regular-expression tokenizer walks the tags (the stdlib HTMLParser is
accurate but several times slower, and mail HTML needs no more than this).
"""

from __future__ import annotations

import html
import re

_TOKEN = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<![^>]*>|<\?[^>]*>"
    r"|<(/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:[^<>\"']++|\"[^\"]{0,4096}+\"|'[^']{0,4096}+')*+)>"
    r"|[^<]+|<",
    re.DOTALL,
)
_ATTR = re.compile(r"""([a-zA-Z_:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_BLOCK = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
_SKIP = frozenset(["script", "style", "head", "title", "template", "noscript", "xml"])
_VOID = frozenset(["br", "hr", "img", "meta", "link", "input", "wbr", "col", "area", "base"])
# Containers of quoted history in common mail clients (Gmail, Yahoo, Thunderbird, Outlook).
_QUOTE_CLASSES = ("gmail_quote", "yahoo_quoted", "moz-cite-prefix", "ms-outlook-reply")
# Outlook, QQ Mail, Foxmail: everything after these markers is the quoted mail.
_CUT_IDS = ("divrplyfwdmsg", "appendonsend", "mail-editor-reference-message-container")


def html_to_text(markup: str) -> str:
    """Visible text of an HTML mail body, one line per block, quoted history removed."""
    parts: list[str] = []
    skip = 0
    quote = 0
    stack: list[bool] = []  # per open non-void tag: does it open a quote?
    for m in _TOKEN.finditer(markup):
        tag = m.group(2)
        if tag is None:
            token = m.group(0)
            if not skip and not quote and not token.startswith("<!"):
                parts.append(token)
            continue
        tag = tag.lower()
        closing = bool(m.group(1))
        if closing:
            if tag in _SKIP and skip:
                skip -= 1
            elif tag not in _VOID and stack and stack.pop():
                quote -= 1
            if tag in _BLOCK:
                parts.append("\n")
            continue
        attrs = m.group(3)
        opens_quote = tag == "blockquote"
        if attrs and ("class" in attrs or "id" in attrs):
            values = {k.lower(): (a or b or c or "").lower() for k, a, b, c in _ATTR.findall(attrs)}
            if any(i in values.get("id", "") for i in _CUT_IDS):
                break
            opens_quote = opens_quote or any(c in values.get("class", "") for c in _QUOTE_CLASSES)
        if tag in _SKIP and not attrs.rstrip().endswith("/"):
            skip += 1
        elif tag not in _VOID and not attrs.rstrip().endswith("/"):
            stack.append(opens_quote)
            if opens_quote:
                quote += 1
        if tag in _BLOCK:
            parts.append("\n")
    text = html.unescape("".join(parts)).replace("\xa0", " ")
    out: list[str] = []
    for line in text.split("\n"):
        line = " ".join(line.split())
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()
