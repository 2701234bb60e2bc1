"""scripts/check_lessons.py: every lesson page carries the lesson frame (questions,
objectives, before you start, key points), filled in, with no TODO(frame) left."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts import check_lessons
from scripts.core.fences import fences

from .conftest import ROOT, run_check

GOOD = """---
title: "Day 2: Version control"
description: >-
  Git, branches and pull requests.
---

# Day 2: Version control

Git keeps the history of a project.

!!! question "Questions"

    - How does Git keep a project's history?

!!! abstract "Objectives"

    - Create a branch and merge it.

!!! info "Before you start"

    - [Day 1](day-01.md): parallel development.

## Branches

A branch is a line of work.

```markdown
## Not a section: a heading inside a fence
!!! success "Key points"
```

## Check yourself

??? question "What is a branch?"

    A line of work, merged back when ready.

!!! success "Key points"

    - Branches let work go on in parallel.
"""


def lesson(tmp_path: Path, text: str, name: str = "day-02.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, needle: str) -> int:
    return text.splitlines().index(needle) + 1


def check(capsys, path: Path) -> tuple[int, str]:
    return run_check(check_lessons.main, capsys, str(path))


def test_a_lesson_with_the_whole_frame_passes(tmp_path, capsys):
    code, out = check(capsys, lesson(tmp_path, GOOD))
    assert code == 0, out
    assert "1 lesson(s) carry the frame" in out


@pytest.mark.parametrize(
    ("opening", "title"),
    [
        ('!!! question "Questions"', "Questions"),
        ('!!! abstract "Objectives"', "Objectives"),
        ('!!! info "Before you start"', "Before you start"),
        ('!!! success "Key points"', "Key points"),
    ],
)
def test_a_missing_admonition_fails_and_says_what_to_add(tmp_path, capsys, opening, title):
    # Drop the admonition: its opening line and its body, up to the next blank line pair.
    lines = GOOD.splitlines()
    start = lines.index(opening)
    del lines[start : start + 4]
    path = lesson(tmp_path, "\n".join(lines) + "\n")
    code, out = check(capsys, path)
    assert code == 1
    expected_line = line_of(GOOD, "# Day 2: Version control") if title != "Key points" else None
    messages = [row for row in out.splitlines() if "lesson frame:" in row]
    assert len(messages) == 1, out
    assert f'no "{title}"' in messages[0] and opening.replace("!!! ", "`!!! ") in messages[0]
    if expected_line:
        assert messages[0].startswith(f"{path}:{expected_line}: "), messages[0]


def test_an_empty_admonition_fails(tmp_path, capsys):
    text = GOOD.replace("    - Create a branch and merge it.\n", "")
    path = lesson(tmp_path, text)
    code, out = check(capsys, path)
    assert code == 1
    line = line_of(text, '!!! abstract "Objectives"')
    assert f'{path}:{line}: lesson frame: "Objectives" is empty' in out


def test_prose_instead_of_a_list_counts_as_empty(tmp_path, capsys):
    text = GOOD.replace(
        "    - Branches let work go on in parallel.\n", "    Branches, in parallel.\n"
    )
    code, out = check(capsys, lesson(tmp_path, text))
    assert code == 1 and '"Key points" is empty' in out


def test_a_placeholder_fails_wherever_it_is(tmp_path, capsys):
    text = GOOD.replace(
        "    - How does Git keep a project's history?",
        "    - TODO(frame): the questions this lesson answers",
    ).replace("A branch is a line of work.", "A branch is a line of work. TODO(frame)")
    path = lesson(tmp_path, text)
    code, out = check(capsys, path)
    assert code == 1
    for needle in (
        "    - TODO(frame): the questions this lesson answers",
        "A branch is a line of work. TODO(frame)",
    ):
        line = line_of(text, needle)
        assert f"{path}:{line}: lesson frame: placeholder TODO(frame) left" in out, out


def test_a_drafted_frame_of_placeholders_fails_on_each(tmp_path, capsys):
    """What the importer's draft looks like before a contributor fills it in."""
    text = GOOD
    for item in (
        "    - How does Git keep a project's history?",
        "    - Create a branch and merge it.",
        "    - [Day 1](day-01.md): parallel development.",
        "    - Branches let work go on in parallel.",
    ):
        text = text.replace(item, "    - TODO(frame)")
    code, out = check(capsys, lesson(tmp_path, text))
    assert code == 1
    assert out.count("placeholder TODO(frame) left") == 4


def test_the_opening_belongs_before_the_first_section(tmp_path, capsys):
    block = '!!! info "Before you start"\n\n    - [Day 1](day-01.md): parallel development.\n\n'
    text = GOOD.replace(block, "").replace("## Check yourself", block + "## Check yourself")
    path = lesson(tmp_path, text)
    code, out = check(capsys, path)
    assert code == 1
    line = line_of(text, '!!! info "Before you start"')
    assert f'{path}:{line}: lesson frame: "Before you start" belongs between the # title' in out


def test_key_points_belong_at_the_end(tmp_path, capsys):
    block = '!!! success "Key points"\n\n    - Branches let work go on in parallel.\n'
    text = GOOD.replace(block, "").replace("## Branches", block + "\n## Branches")
    code, out = check(capsys, lesson(tmp_path, text))
    assert code == 1 and '"Key points" belongs at the end of the lesson' in out


def test_the_frame_uses_its_own_types_and_no_collapsed_boxes(tmp_path, capsys):
    text = GOOD.replace('!!! abstract "Objectives"', '??? note "Objectives"')
    code, out = check(capsys, lesson(tmp_path, text))
    assert code == 1
    assert '"Objectives" must open with `!!! abstract "Objectives"` (not `??? note`)' in out


def test_a_second_copy_is_reported(tmp_path, capsys):
    block = '!!! success "Key points"\n\n    - Branches let work go on in parallel.\n'
    text = GOOD + "\n" + block
    code, out = check(capsys, lesson(tmp_path, text))
    assert code == 1 and '"Key points" appears again' in out


def test_fenced_examples_are_not_the_frame(tmp_path, capsys):
    """A fence may show the frame (as the style guide does); it does not count."""
    block = '!!! success "Key points"\n\n    - Branches let work go on in parallel.\n'
    code, out = check(capsys, lesson(tmp_path, GOOD.replace(block, "")))
    assert code == 1 and 'no "Key points"' in out


def test_a_missing_file_is_an_error(tmp_path, capsys):
    code, out = check(capsys, tmp_path / "day-09.md")
    assert code == 1 and "day-09.md: no such lesson page" in out


def test_a_folder_means_its_pages(tmp_path, capsys):
    lesson(tmp_path, GOOD, "day-02.md")
    lesson(tmp_path, GOOD.replace("!!! info", "!!! tip"), "day-03.md")
    code, out = run_check(check_lessons.main, capsys, str(tmp_path))
    assert code == 1
    assert "day-03.md" in out and "day-02.md:" not in out
    # The count names the lessons at fault, not the lessons read (it said "in 2").
    assert "problem(s) in 1 of 2 lesson(s)" in out


def test_the_style_guide_shows_a_frame_that_passes(tmp_path, capsys):
    """The style guide's example of the frame is itself a lesson the check accepts."""
    examples = [
        fence.text
        for fence in fences(ROOT / "dev" / "style-guide.md")
        if fence.language == "markdown" and '!!! abstract "Objectives"' in fence.text
    ]
    assert len(examples) == 1
    code, out = check(capsys, lesson(tmp_path, examples[0] + "\n"))
    assert code == 0, out
