"""`extra.announce` follows the newest lesson: rewritten in mkdocs.yml's round-trip
document, everything around it (comments, other keys, line ends) left as it was."""

from __future__ import annotations

import datetime as dt

import pytest
from pagecheck import ROOT

from scripts.importer.announce import AnnounceError, follow_newest
from scripts.importer.parse import Document
from tests.days import FIRST_CLASS, next_day

NEW = '"Day 2 (18 Nov 2025) is online: Git &lt;basics&gt;."'
NAV = "nav:\n  - Lessons:\n      - Day 1: days/day-01.md\n"


def day(number: int, heading: str = "Git <basics>") -> Document:
    date = FIRST_CLASS + dt.timedelta(days=number - 1)
    return Document([], f"Day {number}", None, number, date, heading)


def test_the_sites_own_announcement_becomes_one_line_on_a_new_day() -> None:
    """The real mkdocs.yml, whatever day the course has reached: its announcement
    (folded by hand at first, one quoted line once the importer has moved it) is the
    only thing that changes."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    number = next_day()
    new = follow_newest(text, day(number))
    old = [line for line in text.splitlines() if line not in new.splitlines()]
    added = [line for line in new.splitlines() if line not in text.splitlines()]
    assert old and old[0].startswith("  announce:")
    date = day(number).date
    shown = f"Day {number} ({date.day} {date:%b %Y}) is online: Git &lt;basics&gt;."
    assert added == [f'  announce: "{shown}"']
    assert new.replace(added[0] + "\n", "\n".join(old) + "\n") == text


def test_an_announce_key_nested_deeper_in_extra_is_not_the_one() -> None:
    """The text editor took the first `announce:` line under `extra:`, at any depth,
    so it rewrote `extra.social.announce` and its self-check refused."""
    text = "extra:\n  social:\n    announce: keep me\n  announce: Welcome!  # the bar\n" + NAV
    assert follow_newest(text, day(2)) == text.replace("Welcome!", NEW)


def test_a_flow_style_extra() -> None:
    """The text editor found no `announce:` line and refused."""
    text = "extra: {announce: Welcome!, course: MLOps}\n" + NAV
    assert follow_newest(text, day(2)) == text.replace("Welcome!", NEW)


def test_the_comments_around_it_and_crlf_stay() -> None:
    text = (
        "extra:\n"
        "  # The bar above the header.\n"
        "  announce: >-\n"
        "    Welcome\n"
        "    to the course!\n"
        "  # After it.\n"
        "  other: 1\n" + NAV
    ).replace("\n", "\r\n")
    new = follow_newest(text, day(2))
    assert new == text.replace(">-\r\n    Welcome\r\n    to the course!", NEW)


def test_a_blank_line_below_a_block_scalar_stays() -> None:
    text = "extra:\n  announce: |\n    Welcome!\n\n  # After a blank line.\n  x: 1\n" + NAV
    assert follow_newest(text, day(2)) == text.replace("|\n    Welcome!", NEW)


@pytest.mark.parametrize(
    "text",
    [
        "site_name: x\n" + NAV,  # no announcement: none is added
        "extra:\n  x: 1\n" + NAV,
        "extra:\n  announce: Day 3 is online.\n" + NAV.replace("day-01", "day-03"),  # newer day
    ],
)
def test_left_alone(text: str) -> None:
    assert follow_newest(text, day(2)) == text


def test_a_file_it_cannot_read_is_refused_at_its_line() -> None:
    with pytest.raises(AnnounceError) as refused:
        follow_newest("extra:\n  announce: [\n", day(2))
    assert refused.value.line == 3
