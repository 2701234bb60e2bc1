"""Keep `extra.announce` (the bar above every page's header) on the newest lesson.

Importing the newest day rewrites the announcement to "Day N (date) is online:
<first section>."; importing an older day leaves it alone, and so does a site
without an announcement. Like nav.py, this edits mkdocs.yml's round-trip document
(scripts/core/config_edit.py: comments and tags stay), and the result is checked by
loading the file before and after with MkDocs' own loader.
"""

from __future__ import annotations

import html

from ..core.config_edit import EditError, edit, quoted, set_value
from .nav import SECTION
from .parse import Document, day_in_name


class AnnounceError(EditError):
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


def follow_newest(text: str, document: Document) -> str:
    """mkdocs.yml text with the announcement on `document` if its day is the
    newest lesson's; otherwise the text unchanged."""
    wanted = announcement(document)
    if wanted is None:
        return text

    def change(data: dict) -> None:
        extra = data.get("extra")
        if not isinstance(extra, dict) or "announce" not in extra or extra["announce"] == wanted:
            return
        if document.day < max(_lesson_days(data), default=0):
            return  # an older day: the announcement stays on the newest
        set_value(extra, "announce", quoted(wanted))

    def meant(before: dict, after: dict) -> bool:
        return after == {**before, "extra": {**before["extra"], "announce": wanted}}

    try:
        return edit(text, change, meant)
    except EditError as err:
        raise AnnounceError(str(err), err.line) from None
