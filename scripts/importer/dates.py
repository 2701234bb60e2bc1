"""Dates as instructors type them -> datetime.date.

"17th Nov. 2025", "17 November 2025", "Nov 17, 2025", "17-11-2025",
"17/11/25", "2025-11-17". Numeric dates are read day first (the course's
convention, and the only one its banners use), ISO dates year first.
"""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        1,
    )
    for name in names
}

_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_NUMERIC = re.compile(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})\b")
_DAY_MONTH = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)?[ \t]*(?:of[ \t]+)?([A-Za-z]{3,9})\.?,?[ \t]*(\d{4})\b"
)
_MONTH_DAY = re.compile(r"\b([A-Za-z]{3,9})\.?[ \t]*(\d{1,2})(?:st|nd|rd|th)?,?[ \t]*(\d{4})\b")


def _make(year: int, month: int | None, day: int) -> dt.date | None:
    """A valid date or None (31 Feb, month 13 ...)."""
    if month is None:
        return None
    if year < 100:
        year += 2000
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str) -> dt.date | None:
    """The first date written in `text`, or None."""
    if len(text) > 200:  # a banner is short; don't scan a 1 MB line
        text = text[:200]
    if m := _ISO.search(text):
        return _make(int(m[1]), int(m[2]), int(m[3]))
    if m := _DAY_MONTH.search(text):
        found = _make(int(m[3]), _MONTHS.get(m[2].lower()), int(m[1]))
        if found:
            return found
    if m := _MONTH_DAY.search(text):
        found = _make(int(m[3]), _MONTHS.get(m[1].lower()), int(m[2]))
        if found:
            return found
    if m := _NUMERIC.search(text):
        return _make(int(m[3]), int(m[2]), int(m[1]))
    return None
