"""Add a lesson page to mkdocs.yml's nav, under "Lessons", in day order.

mkdocs.yml is hand-written: comments, `!!python/name:` and `!ENV` tags, its own
indentation. The entry is placed in its round-trip document (scripts/core/config_edit.py),
which keeps all of them and checks the result: loaded by MkDocs' own loader, the file
must differ from the original by that entry only.
"""

from __future__ import annotations

import html
import re
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..core.config_edit import EditError, edit, insert, quoted, rename, replace

SECTION = "Lessons"
_DAY = re.compile(r"day[-_ ]?0*(\d{1,3})(?!\d)", re.I)
# A page path written as it is; any other (spaces, `: `, `#`, quotes) is double-quoted.
# Ending in .md, it never reads as a number, a boolean or null, in YAML 1.1 or 1.2.
_PLAIN_PATH = re.compile(r"[\w][\w./-]*\.md")


class NavError(EditError):
    """mkdocs.yml could not be updated safely; the message says why, `line` where."""


def entry(title: str, path: str) -> CommentedMap:
    """`- "Title": path` as a nav entry (the path quoted when it needs to be)."""
    return CommentedMap([(quoted(title), path if _PLAIN_PATH.fullmatch(path) else quoted(path))])


def _path_of(item: Any) -> str | None:
    """The page path of a nav entry (`- Title: path` or `- path`), or None."""
    if isinstance(item, dict) and len(item) == 1:
        item = next(iter(item.values()))
    return str(item) if isinstance(item, str) else None


def _day_of(item: Any) -> int | None:
    """The day an entry names, in its title or else its path ("Day 3", "day-03")."""
    if isinstance(item, dict) and len(item) == 1:
        title, path = next(iter(item.items()))
        item = f"{title}: {path}"
    match = _DAY.search(item) if isinstance(item, str) else None
    return int(match.group(1)) if match else None


def _lessons(nav: CommentedSeq) -> CommentedMap | None:
    return next((i for i in nav if isinstance(i, dict) and list(i) == [SECTION]), None)


def _place(data: CommentedMap, title: str, path: str, day: int | None) -> None:
    """Put the entry into the round-trip document (see add_to_nav)."""
    nav = data.get("nav")
    if not isinstance(nav, CommentedSeq):
        raise NavError("mkdocs.yml has no `nav:` list; add the page to the nav by hand")
    section = _lessons(nav)
    if section is None:  # no Lessons section yet: append one to the nav
        insert(nav, len(nav), CommentedMap([(SECTION, CommentedSeq([entry(title, path)]))]))
        return
    lessons = section[SECTION]
    if lessons is None:  # `- Lessons:` with nothing under it yet
        section[SECTION] = CommentedSeq([entry(title, path)])
        return
    if not isinstance(lessons, CommentedSeq):
        raise NavError(f"`{SECTION}` in the nav is not a list; add the page to the nav by hand")
    for index, item in enumerate(lessons):
        if _path_of(item) != path:
            continue
        if isinstance(item, CommentedMap):  # the same page: its title updated, comment kept
            old = next(iter(item))
            if old != title:
                rename(item, old, quoted(title))
        else:  # `- path`: given its title, its comment kept
            replace(lessons, index, entry(title, path))
        return
    later = (i for i, item in enumerate(lessons) if day is not None and (_day_of(item) or 0) > day)
    insert(lessons, next(later, len(lessons)), entry(title, path))


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

    def meant(before: dict, after: dict) -> bool:
        wanted = _expected_nav(before.get("nav") or [], title, path)
        return {**after, "nav": _canonical(after.get("nav") or [])} == {
            **before,
            "nav": _canonical(wanted),
        }

    try:
        return edit(text, lambda data: _place(data, title, path, day), meant)
    except NavError:
        raise
    except EditError as err:
        raise NavError(str(err), err.line) from None
