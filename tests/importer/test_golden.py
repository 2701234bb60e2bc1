"""Golden files: each notes file converts to exactly its expected page.

A case is fixtures/NAME.txt beside fixtures/NAME.md (Day 1's input is the
real notes/day-01.txt): the page as the importer writes it, drafted diagrams
included, without the lesson frame (its placeholders would hide the notes in
every file; tests/importer/fixtures/frame/ shows it, test_frame.py checks it).
After an intended change, regenerate and review:

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/importer/test_golden.py
    git diff tests/importer/fixtures
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pagecheck import golden_cases, matches_golden, shown

from scripts.importer.pipeline import convert

CASES = golden_cases()


@pytest.mark.parametrize(("name", "source", "expected"), CASES, ids=[c[0] for c in CASES])
def test_page_matches_golden_file(name: str, source: Path, expected: Path) -> None:
    page = convert(source.read_bytes(), shown(source), source.stem, frame=False).text
    matches_golden(name, page, expected, "generated page")


def test_every_notes_fixture_has_a_golden_page() -> None:
    for name, _, expected in CASES:
        assert expected.exists(), f"{name}: UPDATE_GOLDEN=1 creates {expected.name}"
