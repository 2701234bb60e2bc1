"""The course's days as tests see them. Tests that import a new day into a copy of
the project take a day the course has no lesson for yet, so that they keep passing
as the instructor's days are added (Day 2 was hard-coded once, and adding Day 2 by
CONTRIBUTING's steps turned five tests red)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from scripts.core.paths import ROOT

FIRST_CLASS = dt.date(2025, 11, 17)  # Day 1's date


def days(root: Path = ROOT) -> list[int]:
    """The day numbers of the lessons under docs/days/, in order."""
    pages = (root / "docs" / "days").iterdir()
    found = (re.fullmatch(r"day-(\d+)\.md", page.name) for page in pages)
    return sorted(int(match.group(1)) for match in found if match)


def next_day(root: Path = ROOT) -> int:
    """A day number after every lesson the course has."""
    return max(days(root), default=0) + 1


def banner(number: int) -> str:
    """The notes' first line for that day, dated a day after the one before
    ("Day 2: 18th Nov. 2025")."""
    date = FIRST_CLASS + dt.timedelta(days=number - 1)
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(date.day % 10, "th")
    if date.day in (11, 12, 13):
        suffix = "th"
    return f"Day {number}: {date.day}{suffix} {date:%b}. {date.year}"
