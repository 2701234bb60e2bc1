"""One line of prose -> Markdown that renders as exactly that text.

Notes are text, never markup: every character that Python-Markdown or one of
the site's extensions could read as syntax is escaped, with a backslash where
Markdown honours one (see `Markdown.ESCAPED_CHARS`) and with an HTML entity
where it does not. Arrows become typographic ones; all words stay.

Escaping is proven against the real dialect by the tests, which build pages
with mkdocs and compare the rendered text.
"""

from __future__ import annotations

import re
import unicodedata

# Arrows -> typography. "-->"/"==>" may only start at the beginning of a run
# of '-' or '=' (the look-behinds), so a 1 MB line of dashes is scanned once;
# every alternative starts with a literal, which lets re skip ahead fast.
_ARROWS = re.compile(r"<=+>|<-+>|<={2,}|<-{2,}|=(?<![=-]=)=*>|-(?<![=-]-)-*>")


def _arrow(match: re.Match[str]) -> str:
    """The typographic arrow for one typed arrow."""
    typed = match.group()
    double = "=" in typed
    if typed[0] == "<":
        if typed[-1] == ">":
            return "\u21d4" if double else "\u2194"  # <==> <-->
        return "\u21d0" if double else "\u2190"  # <== <--
    return "\u21d2" if double else "\u2192"  # ==> -->


def arrows(text: str) -> str:
    """Replace typed arrows ("->", "-->", "==>", "<======>") by arrow symbols."""
    if ">" in text or "<-" in text or "<=" in text:
        return _ARROWS.sub(_arrow, text)
    return text


# Characters escaped wherever they appear. '<' gets an entity: a backslash
# does not stop raw HTML. The rest are in Markdown's ESCAPED_CHARS.
_ALWAYS = str.maketrans(
    {
        "\\": "\\\\",
        "`": "\\`",  # code spans, inlinehilite
        "*": "\\*",  # emphasis, abbreviations *[X]:
        "_": "\\_",  # emphasis
        "{": "\\{",  # attr_list {: .x}, critic {++ ++}
        "}": "\\}",
        "[": "\\[",  # links, footnotes [^1], tasklist [ ], references [x]: url
        "]": "\\]",
        "#": "\\#",  # headings, attr_list {#id}, trailing #s of a heading
        "|": "\\|",  # tables
        "^": "\\^",  # caret ^^ins^^ ^sup^
        "~": "\\~",  # tilde ~~del~~ ~sub~, ~~~ fences
        "=": "\\=",  # mark ==x==, setext ===, tabbed ===, smartsymbols =/=
        "<": "&lt;",  # HTML, autolinks, snippets --8<--
    }
)
_ALWAYS_FOUND = re.compile(r"[\\`*_{}\[\]#|^~=<]")
# '&' that would start an entity is escaped first, before '<' becomes "&lt;".
_ENTITY = re.compile(r"&(?=#?\w+;)")
# Escapes that depend on the neighbours (run only when the trigger is there):
# (Each alternative starts with its character, so re skips ahead fast.)
_CONTEXT = re.compile(
    r":(?=[+\-\w]+:)"  # :emoji: shortcodes
    r"|\+(?=[+/])|\+(?<=\+\+)"  # ++keys++, +/- (smartsymbols)
    r"|\((?=(?:[cCrR]|[tT][mM])\))"  # (c) (r) (tm) (smartsymbols)
    r"|/(?<=\bc/)(?=o\b)|/(?<=\bC/)(?=O\b)"  # c/o (smartsymbols)
    r"|/(?<=(?<!\d)[1-7]/)(?=[2-8](?!\d))"  # 1/2 3/4 ... (smartsymbols fractions)
)
_CONTEXT_REPLACEMENTS = {":": "\\:", "+": "\\+", "(": "\\(", "/": "&#47;"}
# Block syntax a line may start with: lists (- + 1.), quotes (>), definitions
# (:), admonitions (!!!). '#', '*', '=' ... are escaped everywhere already.
_LINE_START = frozenset("-+>:!")
# "1. x" is an ordered list for Python-Markdown, "1) x" for CommonMark tools.
_ORDERED = re.compile(r"\d+(?=[.)](?:[ \t]|$))")
_BACKTICKS = re.compile(r"`+")
# An address: a scheme, "://", then the characters of a URL (RFC 3986) or of an
# IRI (RFC 3987's ucschar: words in any script, https://例え.jp/パス), but for CJK
# and full-width punctuation (U+3000-303F, U+FF00-FF65: 。、「」), which ends an
# address in text written without spaces. None that an inline pattern of the site
# reacts to before autolinks do ([ ] ` \ < >), so the address stays whole; but
# for an IPv6 host in brackets (http://[::1]:9090), which is never linked.
_URL = re.compile(
    r"((?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]*://(?:\[[0-9A-Fa-f:.]+\])?"
    r"[A-Za-z0-9\-._~:/?#@!$&'()*+,;=%"
    r"\u00a0-\u2fff\u3040-\ud7ff\uf900-\ufdcf\ufdf0-\ufeff\uff66-\uffef\U00010000-\U000efffd]*)"
)
_URL_TAIL = ".,;:!?'()"
# An http(s) address's host and port (RFC 3986's authority, user info skipped).
_AUTHORITY = re.compile(
    r"https?://(?:[^/?#@]*@)?(?P<host>\[[^\]/?#]*\]|[^/?#:]*)(?::(?P<port>[^/?#]*))?",
    re.IGNORECASE,
)
# Hosts that are no place on the web: the reader's own machine or network.
_LOCAL_NAMES = frozenset({"localhost", "local", "internal"})
# A top-level domain: letters of any script, or its ASCII (punycode) form.
_TOP_LEVEL = re.compile(r"[^\W\d_]{2,}|xn--[a-z0-9-]+")


def _context(match: re.Match[str]) -> str:
    return _CONTEXT_REPLACEMENTS[match.group()]


def _escape_inline(text: str) -> str:
    """Escape characters that mean something anywhere in a line."""
    if "&" in text:
        text = _ENTITY.sub("&amp;", text)
    if _ALWAYS_FOUND.search(text):  # translate() is slow: only when needed
        text = text.translate(_ALWAYS)
    if ":" in text or "+" in text or "(" in text or "/" in text:
        text = _CONTEXT.sub(_context, text)
    return text


def _escape_start(text: str) -> str:
    """Escape what would open a block at the start of a line."""
    first = text[:1]
    if first in _LINE_START:
        return "\\" + text
    if first == "?" and text.startswith("???"):  # pymdownx.details
        return "&#63;" + text[1:]
    if first.isdigit() and (m := _ORDERED.match(text)):  # "1. " / "1) " ordered list
        return text[: m.end()] + "\\" + text[m.end() :]
    return text


def escape(text: str) -> str:
    """Escape one line of text so that Markdown shows it literally.

    The result is safe at the start of a block (paragraph, list item,
    definition, heading), which is the only place this module's output goes.
    """
    return _escape_start(_escape_inline(text))


def _ends_sentence(char: str) -> bool:
    """Punctuation after an address, not part of it: ASCII's (.,;:!?'()) and
    any script's (。、」)."""
    return char in _URL_TAIL or (char > "\x7f" and unicodedata.category(char)[0] == "P")


def on_the_web(address: str) -> bool:
    """An http(s) address of a named host on the web (a link a reader can follow):
    not localhost, an IP address, a bare machine name, a bad port, or text holding
    "++" (pymdownx.keys would read it first)."""
    authority = _AUTHORITY.match(address)
    if authority is None or "++" in address:
        return False
    port = authority["port"]
    if port and not (port.isascii() and port.isdigit() and int(port) <= 65535):
        return False
    labels = authority["host"].lower().rstrip(".").split(".")
    return (
        len(labels) >= 2
        and all(labels)
        and labels[-1] not in _LOCAL_NAMES
        and _TOP_LEVEL.fullmatch(labels[-1]) is not None
    )


def _link(url: str) -> tuple[str, str]:
    """(Markdown, trailing text) for a matched address: an autolink when it is
    on the web, else inline code (localhost, ftp://, s3:// ...), which no check
    reads as a bare URL (markdownlint's MD034) and no link check follows."""
    cut = len(url)
    opened, closed = url.count("("), url.count(")")
    while cut and _ends_sentence(url[cut - 1]):
        char = url[cut - 1]
        if char == ")" and opened >= closed:
            break  # (balanced) parentheses belong to the address
        opened -= char == "("
        closed -= char == ")"
        cut -= 1
    address, tail = url[:cut], url[cut:]
    if not address.endswith("://") and on_the_web(address):
        return f"<{address}>", tail
    span = code_span(address)
    return (span, tail) if span else ("", url)


def prose(text: str) -> str:
    """A line of notes as Markdown: blanks collapsed, arrows, escaped, links."""
    text = " ".join(text.split())
    if "://" not in text:
        return _escape_start(_escape_inline(arrows(text)))
    out = []
    for index, part in enumerate(_URL.split(text)):
        link, tail = _link(part) if index % 2 else ("", part)
        out.append(link + _escape_inline(arrows(tail)))
    return _escape_start("".join(out))


def code_span(code: str) -> str | None:
    """Inline code showing `code` exactly, or None when no code span can.

    inlinehilite reads a leading "#!lang " or ":::lang " as a language, and
    snippets acts on a "--8<--" marker anywhere in a line, code span or not:
    such text cannot go in a code span.
    """
    code = code.strip()
    if not code or code.startswith(("#!", ":::")) or "8<-" in code:
        return None
    longest = max((len(run) for run in _BACKTICKS.findall(code)), default=0)
    fence = "`" * (longest + 1)
    if code[0] == "`" or code[-1] == "`":
        return f"{fence} {code} {fence}"
    return f"{fence}{code}{fence}"
