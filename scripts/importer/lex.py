"""Text -> [Line]: every line measured exactly once.

Each line is classified here, in one pass, into a small slotted record; later
stages only read these fields and never re-scan the text, which keeps the
whole importer linear in the size of the notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .code_kinds import DATA, YAML, code_hint, is_data, is_yaml_line

# Line kinds. Plain strings: cheap to compare, readable in test failures.
BLANK = "blank"  # nothing but spaces/tabs (measured, then left out)
SEPARATOR = "separator"  # ##########, -----, ====== ...
BANNER = "banner"  # Day 1: 17th Nov. 2025
SESSION = "session"  # 01-10-2022 Class - 1
HEADING = "heading"  # Introduction to MLOps :::
HASH_HEADING = "hash"  # # What is Docker
TERM = "term"  # Waterfall Model :  /  Continuous Delivery ::
TEXT = "text"  # anything else

# Bullet characters instructors type. A bullet must be followed by a blank.
BULLETS = frozenset(
    "-*+\u2022\u25e6\u25aa\u25ab\u2023\u25cf\u25cb\u25a0\u25a1\u25c6\u25c7"
    "\u27a2\u27a4\u25ba\u25b8\u2713\u2714\u00b7\u2013\u2014"
)
SEPARATOR_CHARS = frozenset("-=#*_~+.\u2022")
# Arrow bullets ("-> On-Prem") keep their arrow: it is part of what was said.
_ARROW_BULLET = re.compile(r"(?:-+>|=+>|\u2192|\u21d2)(?=[ \t]|$)")
BANNER_RE = re.compile(
    r"day[ \t]*-?[ \t]*(\d{1,3})(?!\d)[ \t]*(?:[:.,\-\u2013\u2014][ \t]*(.*))?", re.I
)
_SESSION = re.compile(
    r"\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b.*\b(?:class|session|lecture|day)\b.*", re.I
)
_HASH = re.compile(r"#{1,6}[ \t]+\S.*")
# A line longer than this is prose, whatever it looks like (a 1 MB "heading" or
# "command" is neither), and is drawn in pieces of this size (render.pieces).
LONG_LINE = 2000
# Leading runs of spaces only (no tabs), to learn the file's indent unit.
_SPACE_INDENT = re.compile(r"^( +)\S", re.M)


@dataclass(slots=True)
class Line:
    """One line of notes, measured once."""

    number: int  # 1-based line number in the notes file
    depth: int  # nesting level: tabs, plus spaces divided by the indent unit
    kind: str  # one of the kinds above
    text: str  # the line without indentation or trailing blanks
    body: str  # text without bullet, heading/term colons or hashes
    marker: str  # the bullet typed ("-", "\u2022", "->" ...) or ""
    hint: str  # code_kinds.code_hint(): what code this may be, or ""
    indent: str  # the raw leading whitespace (code blocks keep it)


def indent_unit(text: str) -> int:
    """How many spaces make one level: 2 if the notes indent by two, else 4.

    Tabs are always one level each; spaces are what editors vary on.
    """
    if not text.startswith(" ") and "\n " not in text:
        return 4  # no line is indented with spaces (a fast scan)
    twos = fours = 0
    for match in _SPACE_INDENT.finditer(text):
        width = len(match.group(1))
        if width % 4 == 0:
            fours += 1
        elif width % 2 == 0:
            twos += 1
    return 2 if twos and twos >= fours else 4


def _bullet(s: str) -> tuple[str, str]:
    """(body, marker) of a stripped line: the bullet typed, if any, split off
    (an arrow bullet stays in the body: it is part of what was said)."""
    first = s[0]
    if first in "-=\u2192\u21d2" and (m := _ARROW_BULLET.match(s)):
        return s, m.group()
    if first in BULLETS and (len(s) == 1 or s[1] in " \t"):
        return s[1:].lstrip(" \t"), first
    return s, ""


def _classify(s: str, depth: int) -> tuple[str, str, str]:
    """(kind, body, marker) of a stripped, non-blank line."""
    first = s[0]
    if (
        first in SEPARATOR_CHARS
        and len(s) >= (3 if first != "." else 5)  # "..." is an ellipsis, not a rule
        and not s.strip(first + " \t")
    ):
        return SEPARATOR, s, ""
    if len(s) > LONG_LINE:
        return TEXT, *_bullet(s)
    if depth == 0:
        if first in "dD" and BANNER_RE.fullmatch(s):
            return BANNER, s, ""
        if first.isdigit() and len(s) < 80 and _SESSION.fullmatch(s):
            return SESSION, s, ""
        if first == "#" and _HASH.fullmatch(s):
            return HASH_HEADING, s.lstrip("#").strip(" \t"), ""
    body, marker = _bullet(s)
    if body.endswith("::"):
        name = body.rstrip(":").rstrip(" \t")
        if name:
            return (HEADING if body.endswith(":::") else TERM), name, marker
    elif body.endswith((" :", "\t:")):
        return TERM, body[:-1].rstrip(" \t"), marker
    return TEXT, body, marker


def measure(raw: str, unit: int) -> tuple[int, str, str, str, str, str, str]:
    """(depth, kind, text, body, marker, hint, indent) of one raw line."""
    left = raw.lstrip(" \t")
    if not left:
        return _BLANK
    s = left.rstrip(" \t")
    indent = raw[: len(raw) - len(left)]
    tabs = indent.count("\t")
    depth = tabs + (len(indent) - tabs) // unit
    kind, body, marker = _classify(s, depth)
    hint = ""
    if kind == TEXT and len(body) > LONG_LINE:
        hint = DATA if is_data(body) else ""
    elif kind == TEXT and body:
        hint = code_hint(body)
        # "- name: web" is YAML's list item, not a bullet.
        if marker == "-" and not hint and is_yaml_line(s):
            hint = YAML
    return depth, kind, s, body, marker, hint, indent


_BLANK = (0, BLANK, "", "", "", "", "")


def lex(text: str) -> list[Line]:
    """Split LF-only text into measured Lines, leaving out blank ones.

    Notes repeat lines a lot ("- Design", "- Testing", tab-filled blanks),
    so each distinct line is measured once and its measurements reused.
    """
    unit = indent_unit(text)
    seen: dict[str, tuple[int, str, str, str, str, str, str]] = {}
    lines: list[Line] = []
    append = lines.append
    for number, raw in enumerate(text.split("\n"), 1):
        fields = seen.get(raw)
        if fields is None:
            fields = seen[raw] = measure(raw, unit)
        if fields is not _BLANK:  # blank lines leave a gap in the numbers
            append(Line(number, *fields))
    return lines
