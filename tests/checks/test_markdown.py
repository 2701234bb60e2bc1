"""scripts/check_markdown.py: pymarkdown with the project's rules, plus a language on
every fence, in Material's dialect (front matter, admonitions, tabs, 4-space lists)."""

from __future__ import annotations

from pathlib import Path

from scripts import check_markdown

from .conftest import run_check

# Everything a lesson page may use; none of it may trip the linter.
GOOD = """---
title: "Day 2: Version control"
description: >-
  Git, branches and pull requests.
---

# Day 2: Version control

Git keeps the history of a project.[^1]

## Branches

- A branch is a line of work
    - nested four spaces, as Python-Markdown needs
- Merge it through a pull request

1. Fork
2. Clone
    - with `git clone`

!!! note "Remember"

    Commit small changes.

    ```bash
    git commit -m "Add day 2"
    ```

=== "Linux"

    ```bash
    sudo apt-get install git
    ```

=== "Windows"

    ```text
    Download Git for Windows.
    ```

| Term | Meaning |
| ---- | ------- |
| PR   | Pull request |

Commit
:   A recorded change.

- [x] Done
- [ ] To do

[^1]: Since 2005.

*[PR]: Pull request
"""


def run(capsys, *argv: str) -> tuple[int, str]:
    return run_check(check_markdown.main, capsys, *argv)


def test_material_dialect_passes(capsys, tmp_path: Path):
    page = tmp_path / "day-02.md"
    page.write_text(GOOD)
    code, output = run(capsys, str(page))
    assert code == 0, output


def test_fence_without_language_fails_with_line(capsys, tmp_path: Path):
    page = tmp_path / "page.md"
    page.write_text("# Page\n\nRun:\n\n```\nmake test\n```\n")
    code, output = run(capsys, str(page))
    assert code == 1
    assert f"{page}:5:1: MD040: Fenced code blocks should have a language specified" in output
    assert "```bash" in output
    assert output.count(f"{page}:5") == 1, "one fence, one report"


def test_fence_without_language_inside_an_admonition_fails(capsys, tmp_path: Path):
    """pymarkdown reads an admonition's body as indented code: only our fence check
    sees this fence."""
    page = tmp_path / "page.md"
    page.write_text('# Page\n\n!!! tip "Try it"\n\n    ```\n    make serve\n    ```\n')
    code, output = run(capsys, str(page))
    assert code == 1
    assert f"{page}:5: fence without a language" in output


def test_two_space_nested_list_fails(capsys, tmp_path: Path):
    page = tmp_path / "page.md"
    page.write_text("# Page\n\n- Agile\n  - Scrum\n")
    code, output = run(capsys, str(page))
    assert code == 1
    assert f"{page}:4:3: PML101" in output
    assert "indent a nested list 4 spaces" in output


def test_snippet_files_need_no_heading(capsys, tmp_path: Path, monkeypatch):
    includes = tmp_path / "includes"
    includes.mkdir()
    (includes / "abbreviations.md").write_text("*[CI]: Continuous Integration\n")
    page = tmp_path / "page.md"
    page.write_text("*[CI]: Continuous Integration\n")
    monkeypatch.setattr(check_markdown, "PARTS", (includes,))
    code, output = run(capsys, str(includes / "abbreviations.md"))
    assert code == 0, output
    code, output = run(capsys, str(page))
    assert code == 1
    assert "MD041" in output


def test_raw_html_only_as_materials_wrappers(capsys, tmp_path: Path):
    page = tmp_path / "page.md"
    page.write_text(
        '# Page\n\n<div class="grid cards" markdown>\n\n- One\n\n</div>\n\n'
        '<iframe src="https://example.com/"></iframe>\n'
    )
    code, output = run(capsys, str(page))
    assert code == 1
    assert f"{page}:9:1: MD033: Inline HTML [Element: iframe]" in output
    assert "Element: div" not in output


def test_a_developer_doc_line_over_120_characters_fails_at_its_line(capsys, monkeypatch, tmp_path):
    """README, CONTRIBUTING, dev/ and the benchmarks' docs stay readable in an editor:
    a line past 120 characters fails, tables included; a fenced block does not."""
    root = tmp_path / "repo"
    (root / "dev").mkdir(parents=True)
    doc = root / "dev" / "page.md"
    long_row = "| `make x` | " + "word " * 24 + "|"
    long_output = "x" * 150
    doc.write_text(
        f"# Page\n\n| A | B |\n| --- | --- |\n{long_row}\n\n```text\n{long_output}\n```\n"
    )
    page = root / "docs" / "lesson.md"
    page.parent.mkdir()
    page.write_text(
        "# Lesson\n\n" + ("A long line of a page, wrapped by the browser. " * 4).strip() + "\n"
    )
    monkeypatch.setattr(check_markdown, "ROOT", root)
    code, output = run(capsys, str(doc), str(page))
    assert code == 1
    assert f"dev/page.md:5: line of {len(long_row)} characters -> at most 120" in output
    assert ":8: line of" not in output  # the fenced output
    assert "lesson.md" not in output  # pages are wrapped by the browser, not the editor
