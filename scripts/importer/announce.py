"""Keep `extra.announce` (the bar above every page's header) on the newest lesson.

Importing the newest day rewrites the announcement to "Day N (date) is online:
<first section>."; importing an older day leaves it alone, and so does a site
without an announcement. Like nav.py, this edits mkdocs.yml's text (comments and
tags stay) and checks its own work by loading the file before and after.
"""

from __future__ import annotations

import html
import re

from ..core.config import ConfigError
from ..core.config import load_text as load_config
from .frontmatter import yaml_string
from .nav import SECTION
from .parse import Document, day_in_name

_EXTRA = re.compile(r"^extra:[ \t]*(?:#.*)?$", re.M)
_KEY = re.compile(r"^([ \t]+)announce:")


class AnnounceError(Exception):
    """mkdocs.yml's announcement could not be updated safely."""


def announcement(document: Document) -> str | None:
    """ "Day 2 (18 Nov 2025) is online: Version control with Git." (HTML-escaped:
    the theme shows it as it is), or None for notes without a day."""
    if document.day is None:
        return None
    when = f" ({document.date.day} {document.date:%b %Y})" if document.date else ""
    topic = f": {' '.join(document.first_heading.split())}" if document.first_heading else ""
    return html.escape(f"Day {document.day}{when} is online{topic}.")


def _lesson_days(config: dict) -> list[int]:
    """The day of every page under Lessons in the nav (from its file name)."""
    days = []
    for item in config.get("nav") or []:
        if isinstance(item, dict) and SECTION in item:
            for entry in item[SECTION] or []:
                paths = entry.values() if isinstance(entry, dict) else [entry]
                for path in paths:
                    if isinstance(path, str):
                        stem = path.rsplit("/", 1)[-1].removesuffix(".md")
                        if (day := day_in_name(stem)) is not None:
                            days.append(day)
    return days


def _value_lines(lines: list[str], start: int, indent: int) -> int:
    """End of the `announce:` value that starts at lines[start] (its folded
    continuation lines are more indented than the key)."""
    end = start + 1
    while end < len(lines) and (
        not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent
    ):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    return end


def follow_newest(text: str, document: Document) -> str:
    """mkdocs.yml text with the announcement on `document` if its day is the
    newest lesson's; otherwise the text unchanged."""
    wanted = announcement(document)
    if wanted is None:
        return text
    try:
        before = load_config(text)
    except ConfigError as err:
        raise AnnounceError(f"mkdocs.yml does not parse: {err}") from None
    extra = before.get("extra") if isinstance(before, dict) else None
    if not isinstance(extra, dict) or "announce" not in extra or extra["announce"] == wanted:
        return text
    if document.day < max(_lesson_days(before), default=0):
        return text  # an older day: the announcement stays on the newest
    lines = text.split("\n")
    match = _EXTRA.search(text)
    start = text.count("\n", 0, match.start()) + 1 if match else len(lines)
    key = next((i for i in range(start, len(lines)) if _KEY.match(lines[i])), None)
    if key is None:
        raise AnnounceError("no `announce:` line under `extra:`")
    indent = len(_KEY.match(lines[key]).group(1))
    end = _value_lines(lines, key, indent)
    new = [*lines[:key], f"{' ' * indent}announce: {yaml_string(wanted)}", *lines[end:]]
    updated = "\n".join(new)
    after = load_config(updated)
    if {**before, "extra": {**extra, "announce": wanted}} != after:
        raise AnnounceError("could not rewrite the announcement safely; edit it by hand")
    return updated
