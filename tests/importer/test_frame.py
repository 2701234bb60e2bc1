"""The lesson frame a drafted page carries (frame.py), in the contract that the
lesson check and CONTRIBUTING rely on: after the H1 (and its date line), before
the first `##` section, the admonitions "Questions", "Objectives" and "Before
you start"; at the end, "Key points"; each a bulleted list of TODO(frame)
placeholders. fixtures/frame/lesson.md is the whole page, as written:

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/importer/test_frame.py
"""

from __future__ import annotations

import os
import re

import pagecheck
import pytest
from pagecheck import FIXTURES, shown

from scripts.importer.frame import MARK
from scripts.importer.pipeline import convert

SOURCE = FIXTURES / "frame" / "lesson.txt"
EXPECTED = SOURCE.with_suffix(".md")
OPENING = ['!!! question "Questions"', '!!! abstract "Objectives"', '!!! info "Before you start"']
CLOSING = '!!! success "Key points"'


def page() -> str:
    return convert(SOURCE.read_bytes(), shown(SOURCE), SOURCE.stem).text


def test_framed_page_matches_golden_file() -> None:
    text = page()
    if os.environ.get("UPDATE_GOLDEN"):
        EXPECTED.write_text(text, encoding="utf-8", newline="")
        pytest.skip(f"wrote {EXPECTED.name}")
    assert text == EXPECTED.read_text(encoding="utf-8")


def test_the_frame_keeps_its_contract() -> None:
    body = convert(SOURCE.read_bytes(), shown(SOURCE), SOURCE.stem).body
    lines = body.split("\n")
    assert lines[0] == "# Day 2: Continuous Integration"
    first_section = next(n for n, line in enumerate(lines) if line.startswith("## "))
    opening = [n for n, line in enumerate(lines) if line in OPENING]
    assert [lines[n] for n in opening] == OPENING
    assert opening[0] > 0 and opening[-1] < first_section
    closing = lines.index(CLOSING)
    assert closing > first_section and not any(line.startswith("#") for line in lines[closing:])
    # Each admonition's body: a bulleted list of marked placeholders.
    for start in [*opening, closing]:
        body_lines = [line for line in lines[start + 1 : start + 4] if line]
        assert body_lines and all(line.startswith(f"    - {MARK}: ") for line in body_lines)
    assert body.count(MARK) == 4


def test_empty_notes_get_no_frame() -> None:
    assert MARK not in convert(b"\n\n", "notes/day-09.txt", "day-09").body


def test_the_frame_renders_as_admonitions(tmp_path) -> None:
    """Built strictly in the site's dialect: four admonitions of the right kinds,
    each holding its list; the notes' words all still on the page."""
    articles = pagecheck.build_pages({"lesson": page()}, tmp_path)
    html = pagecheck.article_html(tmp_path / "site", "lesson")
    kinds = re.findall(
        r'<div class="admonition (\w+)">\s*<p class="admonition-title">([^<]+)<', html
    )
    assert kinds == [
        ("question", "Questions"),
        ("abstract", "Objectives"),
        ("info", "Before you start"),
        ("success", "Key points"),
    ]
    assert html.count(f"<li>{MARK}: ") == 4
    notes = SOURCE.read_text(encoding="utf-8")
    assert pagecheck.missing_words(notes, articles["lesson"], 4) == []
