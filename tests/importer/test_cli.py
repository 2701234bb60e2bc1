"""The command line on real files in a scratch project (nothing mocked):
default paths, nav, --stdout, --check, --force, refusals and exit codes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pagecheck import ROOT

from scripts.importer.cli import main
from scripts.importer.frontmatter import split_page

NOTES = ROOT / "notes" / "day-01.txt"
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
    """A page is named after its notes file; the banner gives the title's day."""
    notes = project / "notes"
    (notes / "docker.txt").write_text("Docker basics :::\n\tdocker ps\n", encoding="utf-8")
    (notes / "jenkins.txt").write_text("Day 12 - 3rd Dec 2025\nCI :::\n", encoding="utf-8")
    assert run(project, str(notes / "docker.txt"), str(notes / "jenkins.txt")) == 0
    assert run(project, str(notes / "day-01.txt")) == 0
    days = project / "docs" / "days"
    assert sorted(p.name for p in days.iterdir()) == ["day-01.md", "docker.md", "jenkins.md"]
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert config.endswith(
        "  - Lessons:\n"
        '      - "Docker basics": days/docker.md\n'
        '      - "Day 1: Introduction to MLOps": days/day-01.md\n'
        '      - "Day 12: CI": days/jenkins.md\n'
    )  # day order among the days; pages without a day stay where they were put


def test_runs_as_a_module_from_anywhere(project: Path) -> None:
    """`python -m scripts.import_notes`, with the repository on the path, in a project
    folder of its own (--root defaults to the current folder)."""
    result = subprocess.run(
        [sys.executable, "-m", "scripts.import_notes", "notes/day-01.txt", "--stdout"],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("---\n")
    assert 'source: "notes/day-01.txt"' in result.stdout
    assert result.stdout.count("\n# Day 1: Introduction to MLOps\n") == 1


def test_runs_by_its_path_too(project: Path) -> None:
    """`python scripts/import_notes.py notes/day-01.txt --stdout`, the command people type
    first: the same page with its drafted diagrams, and the same exit code on bad input."""
    by_path = [sys.executable, str(ROOT / "scripts" / "import_notes.py")]
    result = subprocess.run(
        [*by_path, "notes/day-01.txt", "--stdout"], cwd=project, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("```mermaid\n") >= 5
    assert 'source: "notes/day-01.txt"' in result.stdout
    missing = subprocess.run(
        [*by_path, "notes/day-09.txt", "--stdout"], cwd=project, capture_output=True, text=True
    )
    assert missing.returncode == 2
    assert missing.stderr.startswith("notes/day-09.txt:")


@pytest.mark.skipif(not (ROOT / "mkdocs.yml").exists(), reason="the site has no mkdocs.yml yet")
def test_on_a_copy_of_the_sites_mkdocs_yml(tmp_path: Path) -> None:
    """The real, hand-written mkdocs.yml: the nav gains a line, and the
    announcement (a folded scalar of two lines) follows the newest lesson."""
    original = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(original, encoding="utf-8")
    (tmp_path / "notes").mkdir()
    notes = tmp_path / "notes" / "day-02.txt"
    notes.write_text("Day 2: 18th Nov. 2025\nVersion control with Git :::\n\tgit init\n")
    assert run(tmp_path, str(notes)) == 0
    updated = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    added = [line for line in updated.splitlines() if line not in original.splitlines()]
    assert [line.strip() for line in added] == [
        'announce: "Day 2 (18 Nov 2025) is online: Version control with Git."',
        '- "Day 2: Version control with Git": days/day-02.md',
    ]
    assert len(updated.splitlines()) == len(original.splitlines())  # +1 nav, -1 announce
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


# -- A page belongs to one notes file (issue: one day's notes overwrote another's) --


def _notes(project: Path, name: str, text: str) -> Path:
    path = project / "notes" / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_file_name_decides_the_page_and_a_disagreeing_banner_is_reported(
    project: Path, capsys
) -> None:
    day2 = _notes(project, "day-02.txt", "Day 2: 18th Nov. 2025\nGit :::\n\tgit init\n")
    day3 = _notes(project, "day-03.txt", "Day 2: 19th Nov. 2025\nDocker :::\n\tdocker ps\n")
    assert run(project, str(day2)) == 0
    before = (project / "docs" / "days" / "day-02.md").read_bytes()
    capsys.readouterr()
    assert run(project, str(day3)) == 0
    err = capsys.readouterr().err
    assert (
        "notes/day-03.txt:1: the banner says Day 2 but the file is named for day 3:"
        " the file name decides, so this is Day 3 and its page docs/days/day-03.md" in err
    )
    assert (project / "docs" / "days" / "day-02.md").read_bytes() == before
    page = (project / "docs" / "days" / "day-03.md").read_text(encoding="utf-8")
    assert 'title: "Day 3: Docker"' in page
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert '"Day 2: Git": days/day-02.md' in config
    assert '"Day 3: Docker": days/day-03.md' in config
    # make notes is happy with both, and blames nobody.
    capsys.readouterr()
    assert run(project, str(day2), str(day3), "--check") == 0


def test_notes_written_onto_another_files_page_are_refused_naming_both(
    project: Path, capsys
) -> None:
    day2 = _notes(project, "day-02.txt", "Day 2: 18th Nov. 2025\nGit :::\n\tgit init\n")
    other = _notes(project, "day-03.txt", "Day 3: 19th Nov. 2025\nDocker :::\n")
    assert run(project, str(day2)) == 0
    target = project / "docs" / "days" / "day-02.md"
    before = target.read_bytes()
    capsys.readouterr()
    assert run(project, str(other), "-o", str(target)) == 1
    err = capsys.readouterr().err
    assert "docs/days/day-02.md:1: refusing to write notes/day-03.txt over this page" in err
    assert "it was made from notes/day-02.txt" in err
    assert target.read_bytes() == before
    assert run(project, str(other), "-o", str(target), "--force") == 0
    assert 'source: "notes/day-03.txt"' in target.read_text(encoding="utf-8")
    # Now day-02.txt's page is another's: --check says exactly that.
    capsys.readouterr()
    assert run(project, str(day2), "--check") == 1
    assert (
        "notes/day-02.txt:1: its page docs/days/day-02.md was made from notes/day-03.txt"
        in capsys.readouterr().err
    )


def test_a_big_file_with_another_days_banner_names_the_real_cause(project: Path, capsys) -> None:
    """1 MB of notes in day-23.txt whose banner says Day 1: not "day-01.md edited"."""
    assert run(project, str(project / "notes" / "day-01.txt")) == 0
    day1 = page_of(project).read_bytes()
    text = (project / "notes" / "day-01.txt").read_text(encoding="utf-8")
    big = _notes(project, "day-23.txt", text * (1_000_000 // len(text)))
    capsys.readouterr()
    assert run(project, str(big)) == 0
    err = capsys.readouterr().err
    assert "the banner says Day 1 but the file is named for day 23" in err
    assert "edited" not in err
    assert page_of(project).read_bytes() == day1
    assert (project / "docs" / "days" / "day-23.md").exists()


# -- Any hand edit, front matter included, is kept (issue: front-matter edits lost) --


def _edit_front_matter(page: Path, old: str, new: str) -> str:
    text = page.read_text(encoding="utf-8").replace(old, new, 1)
    page.write_text(text, encoding="utf-8")
    return text


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('title: "Day 1: Introduction to MLOps"\n', 'title: "Day 1: From SDLC to MLOps"\n'),
        (
            "date: 2025-11-17\n",
            "date: 2025-11-17\ndescription: >-\n  Day 1: SDLC, Agile, DevOps.\n",
        ),
    ],
    ids=["title changed", "description added"],
)
def test_a_front_matter_edit_is_an_edit(project: Path, capsys, old: str, new: str) -> None:
    notes = project / "notes" / "day-01.txt"
    assert run(project, str(notes)) == 0
    edited = _edit_front_matter(page_of(project), old, new)
    notes.write_text(notes.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    capsys.readouterr()
    assert run(project, str(notes)) == 1
    assert "refusing to overwrite: edited since it was imported" in capsys.readouterr().err
    assert page_of(project).read_text(encoding="utf-8") == edited


def test_force_keeps_the_fields_the_importer_does_not_own(project: Path, capsys) -> None:
    notes = project / "notes" / "day-01.txt"
    assert run(project, str(notes)) == 0
    _edit_front_matter(
        page_of(project),
        "date: 2025-11-17\n",
        "date: 2025-11-17\n# For link previews.\ndescription: >-\n  Day 1: SDLC, Agile,\n"
        "  DevOps.\ntags:\n- sdlc\n- devops\n",
    )
    notes.write_text(notes.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    capsys.readouterr()
    assert run(project, str(notes), "--force") == 0
    assert "kept description, tags" in capsys.readouterr().err
    page = page_of(project).read_text(encoding="utf-8")
    assert "# For link previews.\ndescription: >-\n  Day 1: SDLC, Agile,\n  DevOps.\n" in page
    assert "tags:\n- sdlc\n- devops\n" in page
    assert "One more line." in page
    fields, _ = split_page(page)
    assert fields["title"] == '"Day 1: Introduction to MLOps"'
    # The kept fields are part of the import now: the next import is not refused,
    # and keeps them again.
    notes.write_text(notes.read_text(encoding="utf-8") + "\nAnd another.\n", encoding="utf-8")
    assert run(project, str(notes)) == 0
    assert "tags:\n- sdlc\n" in page_of(project).read_text(encoding="utf-8")


# -- Line ends never matter (issue: CRLF pages broke make notes) --


def test_a_crlf_checkout_of_page_and_notes_is_neither_stale_nor_edited(
    project: Path, capsys
) -> None:
    notes = project / "notes" / "day-01.txt"
    assert run(project, str(notes)) == 0
    for path in (page_of(project), notes):
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    capsys.readouterr()
    assert run(project, str(notes), "--check") == 0, capsys.readouterr().err
    assert run(project, str(notes)) == 0
    assert "docs/days/day-01.md: up to date" in capsys.readouterr().err


# -- Smaller defects --


def test_empty_notes_write_no_lesson(project: Path, capsys) -> None:
    empty = _notes(project, "day-14.txt", "####\nDay 14: 4th Dec 2025\n####\n\t\n")
    assert run(project, str(empty)) == 2
    assert "notes/day-14.txt:1: no notes in this file" in capsys.readouterr().err
    assert not (project / "docs" / "days").exists()
    assert (project / "mkdocs.yml").read_text(encoding="utf-8") == CONFIG


def test_two_notes_files_for_one_day_or_date_are_reported(project: Path, capsys) -> None:
    assert run(project, str(project / "notes" / "day-01.txt")) == 0
    again = _notes(project, "day-1.txt", "Day 1: 17th Nov. 2025\nAgain :::\n")
    same_date = _notes(project, "day-02.txt", "Day 2: 17th Nov. 2025\nGit :::\n")
    capsys.readouterr()
    assert run(project, str(again), "--stdout") == 0
    assert "notes/day-1.txt:1: Day 1 is also notes/day-01.txt's" in capsys.readouterr().err
    assert run(project, str(same_date), "--stdout") == 0
    err = capsys.readouterr().err
    assert "notes/day-02.txt:1: the date 2025-11-17 is also notes/day-01.txt's" in err


def test_a_page_whose_notes_were_deleted_fails_the_check(project: Path, capsys) -> None:
    day2 = _notes(project, "day-02.txt", "Day 2: 18th Nov. 2025\nGit :::\n")
    assert run(project, str(project / "notes" / "day-01.txt"), str(day2)) == 0
    day2.unlink()
    capsys.readouterr()
    assert run(project, str(project / "notes" / "day-01.txt"), "--check") == 1
    assert (
        "docs/days/day-02.md:1: its notes file notes/day-02.txt is missing"
        in capsys.readouterr().err
    )


def test_temporaries_of_a_killed_import_are_ignored_and_cleaned_up(project: Path) -> None:
    """A SIGKILL mid-write leaves a temporary: git ignores it, the next run removes it."""
    script = (
        "import os, sys, signal\n"
        "from scripts.core import files\n"
        "os.replace = lambda *a: os.kill(os.getpid(), signal.SIGKILL)\n"
        "files.atomic_write(__import__('pathlib').Path(sys.argv[1]), 'half a page')\n"
    )
    days = project / "docs" / "days"
    days.mkdir(parents=True)
    killed = subprocess.run(
        [sys.executable, "-c", script, str(days / "day-01.md")], cwd=ROOT, check=False
    )
    assert killed.returncode == -9
    (left,) = [p for p in days.iterdir()]
    assert left.name.startswith(".day-01.md.") and left.name.endswith(".import-tmp")
    # The same name in the repository's docs/days/ would be ignored by git.
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", "--no-index", f"docs/days/{left.name}"], cwd=ROOT
    )
    assert ignored.returncode == 0
    assert run(project, str(project / "notes" / "day-01.txt")) == 0
    assert sorted(p.name for p in days.iterdir()) == ["day-01.md"]


def test_the_announcement_follows_the_newest_lesson_only(project: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(
        CONFIG.replace("nav:", "extra:\n  announce: >-\n    Welcome!\nnav:"), encoding="utf-8"
    )
    day2 = _notes(project, "day-02.txt", "Day 2: 18th Nov. 2025\nGit <basics> :::\n")
    assert run(project, str(day2)) == 0
    text = config.read_text(encoding="utf-8")
    assert '  announce: "Day 2 (18 Nov 2025) is online: Git &lt;basics&gt;."\nnav:' in text
    assert run(project, str(project / "notes" / "day-01.txt")) == 0  # an older day
    assert config.read_text(encoding="utf-8").count("Day 2 (18 Nov 2025) is online") == 1


def test_git_checks_out_notes_and_pages_with_lf_line_ends() -> None:
    result = subprocess.run(
        ["git", "check-attr", "text", "eol", "--", "notes/day-09.txt", "docs/days/day-09.md"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.splitlines() == [
        "notes/day-09.txt: text: auto",
        "notes/day-09.txt: eol: lf",
        "docs/days/day-09.md: text: set",
        "docs/days/day-09.md: eol: lf",
    ]
