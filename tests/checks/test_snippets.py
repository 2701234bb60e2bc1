"""Snippets stay inside includes/ (scripts/core/snippets.py): what pymdownx.snippets'
`restrict_base_path` refuses by itself, what it lets through (a symlink), and our
refusal of the rest, before any builder reads a page."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import markdown
import pytest

from scripts import check_security
from scripts.core import build, snippets

from .conftest import copy_project, run_check

SECRET = "the machine's secret"


def convert(includes: Path, text: str) -> str:
    """Markdown through pymdownx.snippets set as mkdocs.yml sets it."""
    md = markdown.Markdown(
        extensions=["pymdownx.snippets"],
        extension_configs={
            "pymdownx.snippets": {"base_path": [str(includes)], "check_paths": True}
        },
    )
    return md.convert(text)


@pytest.fixture
def machine(tmp_path: Path) -> Path:
    """includes/ beside a file that is not the site's business."""
    (tmp_path / "includes").mkdir()
    (tmp_path / "includes" / "fine.md").write_text("Included.\n")
    (tmp_path / "secret.txt").write_text(SECRET + "\n")
    return tmp_path


# -- What pymdownx.snippets does by itself --------------------------------------


def test_restrict_base_path_refuses_dot_dot_and_absolute_paths(machine: Path) -> None:
    includes = machine / "includes"
    assert "Included." in convert(includes, '--8<-- "fine.md"')
    for path in ("../secret.txt", str(machine / "secret.txt"), "sub/../../secret.txt"):
        with pytest.raises(Exception, match="could not be found"):
            convert(includes, f'--8<-- "{path}"')


def test_restrict_base_path_follows_symlinks_out(machine: Path) -> None:
    """It judges a path by its text: a link inside includes/ leads anywhere."""
    includes = machine / "includes"
    (includes / "notes.md").symlink_to(machine / "secret.txt")
    (includes / "more").symlink_to(machine)
    assert SECRET in convert(includes, '--8<-- "notes.md"')
    assert SECRET in convert(includes, '--8<-- "more/secret.txt"')


# -- Our refusal ----------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def test_a_symlink_out_of_includes_is_refused(project: Path, tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text(SECRET)
    (project / "includes" / "notes.md").symlink_to(tmp_path / "secret.txt")
    (project / "includes" / "more").symlink_to(tmp_path)
    (project / "includes" / "inside.md").symlink_to("abbreviations.md")  # stays: fine
    problems = snippets.problems(project)
    assert [p.split(":")[0] for p in problems] == ["includes/more", "includes/notes.md"]
    assert "resolves outside includes/" in problems[0]


def test_includes_itself_a_symlink_is_refused(project: Path, tmp_path: Path) -> None:
    os.rename(project / "includes", tmp_path / "elsewhere")
    (project / "includes").symlink_to(tmp_path / "elsewhere")
    [problem] = snippets.problems(project)
    assert problem.startswith("includes: a symlink (to ")


def test_a_snippet_line_that_leaves_includes_is_refused_at_its_line(project: Path) -> None:
    page = project / "docs" / "leaky.md"
    page.write_text(
        '# Leaky\n\n--8<-- "abbreviations.md"\n\n--8<-- "../mkdocs.yml"\n\n'
        ';--8<-- "../escaped-so-fine.md"\n\n--8<--\nabbreviations.md\n/etc/passwd\n--8<--\n'
    )
    assert snippets.problems(project) == [
        "docs/leaky.md:5: snippet '../mkdocs.yml' leaves includes/: a page may include files"
        " from includes/ only",
        "docs/leaky.md:11: snippet '/etc/passwd' leaves includes/: a page may include files"
        " from includes/ only",
    ]


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        ("base_path: [includes]", "base_path: [includes, .]", "`base_path` is ['includes', '.']"),
        (
            "check_paths: true",
            "check_paths: true\n      restrict_base_path: false",
            "`restrict_base_path` must stay on",
        ),
        (
            "check_paths: true",
            "check_paths: true\n      url_download: true",
            "`url_download` must stay off",
        ),
    ],
)
def test_settings_that_open_the_door_are_refused(
    project: Path, old: str, new: str, said: str
) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text()
    assert old in text
    config.write_text(text.replace(old, new))
    [problem] = snippets.problems(project)
    assert problem.startswith("mkdocs.yml:") and said in problem, problem


def test_no_build_reads_a_page_while_a_snippet_leaves_includes(
    project: Path, tmp_path: Path
) -> None:
    """`make build` (scripts/build_site.py) and every other build (core/build.py) refuse
    before the builder runs: nothing of the machine reaches a page or a preview."""
    (tmp_path / "secret.txt").write_text(SECRET)
    (project / "includes" / "notes.md").symlink_to(tmp_path / "secret.txt")
    result = subprocess.run(
        [sys.executable, "-m", "scripts.build_site"],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("includes/notes.md: a symlink to "), result.stderr
    assert not (project / "site").exists()
    with pytest.raises(build.BuildError, match=r"includes/notes\.md: a symlink"):
        build.build(tmp_path / "out", root=project)
    assert not (tmp_path / "out").exists()


def test_make_security_reports_it_too(
    capsys, project: Path, tmp_path: Path, site_dir: Path, server
) -> None:
    (project / "includes" / "notes.md").symlink_to(tmp_path)
    code, output = run_check(
        check_security.main,
        capsys,
        str(site_dir),
        "--site-url",
        server.url,
        "--config",
        str(project / "mkdocs.yml"),
    )
    assert code == 1
    assert "includes/notes.md: a symlink to " in output
