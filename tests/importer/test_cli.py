"""The command line on real files in a scratch project (nothing mocked):
default paths, nav, --stdout, --check, --force, refusals and exit codes."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pagecheck import ROOT

from importer.cli import main
from importer.frontmatter import split_page

NOTES = ROOT / "notes" / "day-01.txt"
SCRIPT = ROOT / "scripts" / "import_notes.py"
CONFIG = """\
site_name: Test
# a comment the importer must keep
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
nav:
  - Home: index.md
  # Lessons go here.
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A scratch site: mkdocs.yml, docs/, notes/day-01.txt."""
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "notes").mkdir()
    shutil.copyfile(NOTES, tmp_path / "notes" / "day-01.txt")
    return tmp_path


def run(project: Path, *args: str) -> int:
    return main([*args, "--root", str(project)])


def page_of(project: Path) -> Path:
    return project / "docs" / "days" / "day-01.md"


def test_writes_the_page_and_lists_it_in_the_nav(project: Path, capsys) -> None:
    assert run(project, str(project / "notes" / "day-01.txt")) == 0
    page = page_of(project).read_text(encoding="utf-8")
    fields, body = split_page(page)
    assert fields["source"] == '"notes/day-01.txt"'
    assert fields["date"] == "2025-11-17"
    # One title, the front matter's; the banner's date stays visible below it.
    assert fields["title"] == '"Day 1: Introduction to MLOps"'
    assert body.startswith("# Day 1: Introduction to MLOps\n\n17th Nov. 2025\n\n")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert (
        config == CONFIG + '  - Lessons:\n      - "Day 1: Introduction to MLOps": days/day-01.md\n'
    )
    assert "docs/days/day-01.md: written from notes/day-01.txt" in capsys.readouterr().err
    assert not [p for p in page_of(project).parent.iterdir() if p.name.startswith(".")]
    # Again: nothing to do, nothing rewritten.
    mtime = page_of(project).stat().st_mtime_ns
    assert run(project, str(project / "notes" / "day-01.txt")) == 0
    assert page_of(project).stat().st_mtime_ns == mtime
    assert (project / "mkdocs.yml").read_text(encoding="utf-8") == config


def test_stdout_prints_and_touches_nothing(project: Path, capsys) -> None:
    assert run(project, str(project / "notes" / "day-01.txt"), "--stdout") == 0
    assert capsys.readouterr().out.startswith("---\n# Imported by")
    assert not (project / "docs" / "days").exists()
    assert (project / "mkdocs.yml").read_text(encoding="utf-8") == CONFIG


def test_the_drafted_page_has_diagrams_and_the_frame_and_no_diagrams_turns_drafting_off(
    project: Path, capsys
) -> None:
    notes = str(project / "notes" / "day-01.txt")
    assert run(project, notes, "--stdout") == 0
    drafted = capsys.readouterr().out
    assert drafted.count("```mermaid\n%% drafted from notes/day-01.txt:") == 2
    assert drafted.count("```mermaid\n    %% drafted from notes/day-01.txt:") == 3
    assert drafted.count("TODO(frame)") == 4
    assert run(project, notes, "--stdout", "--no-diagrams") == 0
    plain = capsys.readouterr().out
    assert "mermaid" not in plain and plain.count("TODO(frame)") == 4
    # Written to disk, the same page, byte for byte, every time.
    assert run(project, notes) == 0
    assert page_of(project).read_text(encoding="utf-8") == drafted
    assert run(project, notes) == 0
    assert "up to date" in capsys.readouterr().err


def test_a_hand_edited_page_is_not_overwritten_without_force(project: Path, capsys) -> None:
    notes = str(project / "notes" / "day-01.txt")
    assert run(project, notes) == 0
    edited = page_of(project).read_text(encoding="utf-8") + "\nA note added by hand.\n"
    page_of(project).write_text(edited, encoding="utf-8")
    capsys.readouterr()
    assert run(project, notes) == 1
    assert "docs/days/day-01.md:1: refusing to overwrite" in capsys.readouterr().err
    assert page_of(project).read_text(encoding="utf-8") == edited
    assert run(project, notes, "--force") == 0
    assert "by hand" not in page_of(project).read_text(encoding="utf-8")


def test_a_page_not_made_by_the_importer_is_not_overwritten(project: Path) -> None:
    page_of(project).parent.mkdir(parents=True)
    page_of(project).write_text("---\ntitle: Hand made\n---\n# Day 1\n", encoding="utf-8")
    assert run(project, str(project / "notes" / "day-01.txt")) == 1


def test_check_says_when_notes_changed_after_the_page(project: Path, capsys) -> None:
    notes = project / "notes" / "day-01.txt"
    assert run(project, str(notes), "--check") == 1  # no page yet
    assert "notes/day-01.txt:1: no page docs/days/day-01.md yet" in capsys.readouterr().err
    assert run(project, str(notes)) == 0
    assert run(project, str(notes), "--check") == 0
    before = page_of(project).read_bytes()
    notes.write_bytes(notes.read_bytes() + b"\nOne more line.\n")
    capsys.readouterr()
    assert run(project, str(notes), "--check") == 1
    err = capsys.readouterr().err
    assert "notes/day-01.txt:1: changed since docs/days/day-01.md was generated" in err
    assert page_of(project).read_bytes() == before  # --check touches nothing


def test_bad_input_exits_2_and_writes_nothing(project: Path, capsys) -> None:
    binary = project / "notes" / "day-02.txt"
    binary.write_bytes(b"Day 2\n\x00\x01binary")
    good = str(project / "notes" / "day-01.txt")
    assert run(project, good, str(binary)) == 2
    assert "notes/day-02.txt:2: binary file" in capsys.readouterr().err
    assert not (project / "docs" / "days").exists()
    assert run(project, str(project / "notes" / "missing.txt")) == 2
    assert "notes/missing.txt:1: cannot read" in capsys.readouterr().err


def test_output_option_takes_one_source(project: Path, capsys) -> None:
    notes = str(project / "notes" / "day-01.txt")
    assert run(project, notes, notes, "-o", str(project / "x.md")) == 2
    assert "-o/--output takes exactly one SOURCE" in capsys.readouterr().err
    assert run(project, notes, "-o", str(project / "elsewhere" / "lesson.md")) == 0
    assert (project / "elsewhere" / "lesson.md").exists()
    # Outside docs/: not part of the site, so not in the nav.
    assert (project / "mkdocs.yml").read_text(encoding="utf-8") == CONFIG


def test_default_paths_and_nav_titles(project: Path) -> None:
    notes = project / "notes"
    (notes / "docker.txt").write_text("Docker basics :::\n\tdocker ps\n", encoding="utf-8")
    (notes / "jenkins.txt").write_text("Day 12 - 3rd Dec 2025\nCI :::\n", encoding="utf-8")
    (notes / "empty.txt").write_text("\t\n", encoding="utf-8")
    assert run(project, str(notes / "docker.txt"), str(notes / "jenkins.txt")) == 0
    assert run(project, str(notes / "empty.txt"), str(notes / "day-01.txt")) == 0
    days = project / "docs" / "days"
    assert sorted(p.name for p in days.iterdir()) == [
        "day-01.md",
        "day-12.md",
        "docker.md",
        "empty.md",
    ]
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert config.endswith(
        "  - Lessons:\n"
        '      - "Docker basics": days/docker.md\n'
        '      - "Day 1: Introduction to MLOps": days/day-01.md\n'
        '      - "Day 12: CI": days/day-12.md\n'
        '      - "Empty": days/empty.md\n'
    )  # day order among the days; pages without a day stay where they were put


def test_runs_as_a_script(project: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "notes/day-01.txt", "--stdout"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("---\n")
    assert 'source: "notes/day-01.txt"' in result.stdout
    assert result.stdout.count("\n# Day 1: Introduction to MLOps\n") == 1


@pytest.mark.skipif(not (ROOT / "mkdocs.yml").exists(), reason="the site has no mkdocs.yml yet")
def test_on_a_copy_of_the_sites_mkdocs_yml(tmp_path: Path) -> None:
    """The real, hand-written mkdocs.yml: only the nav gains a line."""
    original = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(original, encoding="utf-8")
    (tmp_path / "notes").mkdir()
    notes = tmp_path / "notes" / "day-02.txt"
    notes.write_text("Day 2: 18th Nov. 2025\nVersion control with Git :::\n\tgit init\n")
    assert run(tmp_path, str(notes)) == 0
    updated = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    added = [line for line in updated.splitlines() if line not in original.splitlines()]
    assert [line.strip() for line in added] == [
        '- "Day 2: Version control with Git": days/day-02.md'
    ]
    assert len(updated.splitlines()) == len(original.splitlines()) + 1
    assert (tmp_path / "docs" / "days" / "day-02.md").exists()


def test_nav_keeps_crlf_line_ends_and_no_nav_leaves_it_alone(project: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_bytes(CONFIG.replace("\n", "\r\n").encode())
    notes = str(project / "notes" / "day-01.txt")
    assert run(project, notes, "--no-nav") == 0
    assert config.read_bytes() == CONFIG.replace("\n", "\r\n").encode()
    page_of(project).unlink()
    assert run(project, notes) == 0
    updated = config.read_bytes().decode()
    assert updated.count("\r\n") == updated.count("\n")
    assert '      - "Day 1: Introduction to MLOps": days/day-01.md\r\n' in updated
