"""Add a lesson page to mkdocs.yml's nav, under "Lessons", in day order.

mkdocs.yml is hand-written: comments, `!!python/name:` and `!ENV` tags, its
own indentation. A YAML round trip would lose some of that, so this edits
the text: it finds the `nav:` block, the `- Lessons:` item in it, and inserts
(or updates) one line. Then it checks its own work: the file, loaded before
and after by MkDocs' own loader (scripts/core/config.py), must differ only by
that entry.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from ..core.config import ConfigError
from ..core.config import load_text as load_config
from .frontmatter import yaml_string

SECTION = "Lessons"
_NAV = re.compile(r"^nav:[ \t]*(?:#.*)?$", re.M)
_ITEM = re.compile(r"^([ \t]*)- ")
_DAY = re.compile(r"day[-_ ]?0*(\d{1,3})(?!\d)", re.I)
_PLAIN_PATH = re.compile(r"[\w][\w./-]*")


class NavError(Exception):
    """mkdocs.yml could not be updated safely; the message says why."""


@dataclass(frozen=True, slots=True)
class _Block:
    """Lines [start, end) of `lines` and the indentation of their items."""

    start: int
    end: int
    indent: str


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _is_content(line: str) -> bool:
    """Not blank and not a comment: a line that carries YAML."""
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _children(lines: list[str], start: int, parent_indent: int) -> int:
    """End of the block of lines more indented than `parent_indent` from
    `start`. Comments indented into the block belong to it; blank lines and
    less indented comments after its last line do not."""
    end = start
    for index in range(start, len(lines)):
        line = lines[index]
        if not line.strip():
            continue
        if _indent_of(line) <= parent_indent:
            if _is_content(line):
                break
            continue
        end = index + 1
    return end


def _find_nav(lines: list[str], text: str) -> _Block:
    match = _NAV.search(text)
    if match is None:
        raise NavError("mkdocs.yml has no block-style `nav:`; add the page to the nav by hand")
    start = text.count("\n", 0, match.start()) + 1
    first = next((line for line in lines[start:] if _is_content(line)), "")
    if first.startswith("- "):  # items at column 0 ("nav:\n- Home: index.md")
        end = start
        while end < len(lines) and (not _is_content(lines[end]) or lines[end][0] in " \t-"):
            end += 1
        while end > start and not _is_content(lines[end - 1]):
            end -= 1
        return _Block(start, end, "")
    end = _children(lines, start, 0)
    items = [_ITEM.match(line) for line in lines[start:end]]
    indent = next((m.group(1) for m in items if m), "  ")
    return _Block(start, end, indent)


def _entry_day(line: str) -> int | None:
    match = _DAY.search(line)
    return int(match.group(1)) if match else None


def entry_line(indent: str, title: str, path: str) -> str:
    """`- "Title": path` as a nav line (both quoted when YAML needs it)."""
    shown = path if _PLAIN_PATH.fullmatch(path) else yaml_string(path)
    return f"{indent}- {yaml_string(title)}: {shown}"


def _entry_path(line: str) -> str | None:
    """The page path of a one-line nav entry, or None."""
    body = line.strip()[2:].split(" #", 1)[0].strip()
    value = body.rpartition(": ")[2] if ": " in body else body
    value = value.strip().strip("\"'")
    return value or None


def _insert(lines: list[str], nav: _Block, title: str, path: str, day: int | None) -> list[str]:
    """The new lines of mkdocs.yml with the entry in place."""
    section = re.compile(
        r"^" + re.escape(nav.indent) + r"- [\"']?" + SECTION + r"[\"']?:[ \t]*(?:#.*)?$"
    )
    head = next((i for i in range(nav.start, nav.end) if section.match(lines[i])), None)
    if head is None:  # no Lessons section yet: append one to the nav
        child = nav.indent + "    "
        new = [f"{nav.indent}- {SECTION}:", entry_line(child, title, path)]
        return lines[: nav.end] + new + lines[nav.end :]
    end = _children(lines, head + 1, len(nav.indent))
    entries = [i for i in range(head + 1, end) if _ITEM.match(lines[i]) and _is_content(lines[i])]
    child_indent = _ITEM.match(lines[entries[0]]).group(1) if entries else nav.indent + "    "
    entries = [i for i in entries if _ITEM.match(lines[i]).group(1) == child_indent]
    new_line = entry_line(child_indent, title, path)
    for i in entries:
        if _entry_path(lines[i]) == path:
            comment = re.search(r"[ \t]+#.*$", lines[i])
            replaced = new_line + (comment.group() if comment else "")
            return [*lines[:i], replaced, *lines[i + 1 :]]
    position = end
    if day is not None:
        later = [i for i in entries if (d := _entry_day(lines[i])) is not None and d > day]
        if later:
            position = later[0]
    return [*lines[:position], new_line, *lines[position:]]


def _expected_nav(nav: list[Any], title: str, path: str) -> list[Any]:
    """What the nav should load as after the edit (order aside)."""
    result = []
    found = False
    for item in nav:
        if isinstance(item, dict) and list(item) == [SECTION]:
            children = [
                c
                for c in (item[SECTION] or [])
                if c != path and not (isinstance(c, dict) and path in c.values())
            ]
            result.append({SECTION: [*children, {title: path}]})
            found = True
        else:
            result.append(item)
    if not found:
        result.append({SECTION: [{title: path}]})
    return result


def _canonical(nav: list[Any]) -> list[Any]:
    """Order-insensitive form of the Lessons section, for the self-check."""
    out = []
    for item in nav:
        if isinstance(item, dict) and list(item) == [SECTION]:
            out.append({SECTION: sorted(map(repr, item[SECTION] or []))})
        else:
            out.append(item)
    return out


def add_to_nav(text: str, title: str, path: str, day: int | None = None) -> str:
    """mkdocs.yml text with `path` listed under Lessons as `title`.

    `title` is plain text; it is HTML-escaped here because Material puts nav
    titles into the page unescaped ("<b>" in a heading would be bold).
    An entry for the same path is updated in place (its comment kept);
    otherwise the entry goes before the first lesson of a later day.
    Raises NavError when the file cannot be edited safely.
    """
    title = html.escape(" ".join(title.split()))
    lines = text.split("\n")
    nav = _find_nav(lines, text)
    new_text = "\n".join(_insert(lines, nav, title, path, day))
    try:
        before, after = load_config(text), load_config(new_text)
    except ConfigError as err:
        raise NavError(f"mkdocs.yml does not parse: {err}") from None
    if not isinstance(before, dict) or not isinstance(after, dict):
        raise NavError("mkdocs.yml is not a mapping")
    wanted = {**before, "nav": _canonical(_expected_nav(before.get("nav") or [], title, path))}
    if {**after, "nav": _canonical(after.get("nav") or [])} != wanted:
        raise NavError("could not place the entry safely; add it to the nav by hand")
    return new_text
