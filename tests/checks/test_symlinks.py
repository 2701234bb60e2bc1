"""scripts/check_symlinks.py (`make symlinks`, part of `make check`): a symlink under
notes/, docs/, includes/ or overrides/ fails, named at its path (issue 18, defect 7:
a snippet linked to /etc/passwd pulled it into a page)."""

from __future__ import annotations

from pathlib import Path

from scripts import check_symlinks

from .conftest import ROOT, run_check


def tree(root: Path) -> Path:
    """A scratch repository holding a page, notes, a snippet and a template."""
    for name, text in {
        "docs/index.md": "# Home\n",
        "docs/days/day-01.md": "# Day 1\n",
        "notes/day-01.txt": "Day 1\n",
        "includes/abbreviations.md": "*[CI]: Continuous Integration\n",
        "overrides/main.html": "{% extends 'base.html' %}\n",
    }.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_the_real_repository_has_no_symlink(capsys) -> None:
    code, output = run_check(check_symlinks.main, capsys, "--root", str(ROOT))
    assert (code, output) == (
        0,
        "check_symlinks: no symlink in notes/, docs/, includes/, overrides/\n",
    )


def test_every_symlink_fails_at_its_path(capsys, tmp_path: Path) -> None:
    root = tree(tmp_path / "repo")
    (root / "notes" / "day-05.txt").symlink_to("/etc/passwd")
    (root / "includes" / "secret.md").symlink_to("/etc/passwd")
    (root / "docs" / "days" / "day-02.md").symlink_to(root / "docs" / "days" / "day-01.md")
    (root / "docs" / "assets").symlink_to("/etc", target_is_directory=True)  # not entered
    (root / "overrides" / "partials").mkdir()
    (root / "overrides" / "partials" / "x.html").symlink_to("/etc/hostname")
    code, output = run_check(check_symlinks.main, capsys, "--root", str(root))
    assert code == 1
    lines = output.splitlines()
    assert lines[-1] == "check_symlinks: 5 symlink(s)"
    assert [line.split(":", 1)[0] for line in lines[:-1]] == [
        "docs/assets",
        "docs/days/day-02.md",
        "includes/secret.md",
        "notes/day-05.txt",
        "overrides/partials/x.html",
    ]
    assert lines[2] == (
        "includes/secret.md:1: a symlink (to /etc/passwd): the importer, snippets and the"
        " build would read whatever it points at -> commit the file itself instead, or"
        " delete the link"
    )


def test_a_linked_folder_itself_fails(capsys, tmp_path: Path) -> None:
    root = tree(tmp_path / "repo")
    (tmp_path / "elsewhere").mkdir()
    (root / "includes").rename(tmp_path / "elsewhere" / "includes")
    (root / "includes").symlink_to(tmp_path / "elsewhere" / "includes")
    code, output = run_check(check_symlinks.main, capsys, "--root", str(root))
    assert code == 1
    assert output.startswith("includes:1: a symlink (to ")
