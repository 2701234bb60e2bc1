"""Temporary copies of the project, and the environment its builders run in.

Nothing here changes the repository: a project that a benchmark must edit (generated
pages, a rewritten nav, a Markdown change for live reload) is copied first, and git
only ever runs in a copy.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from scripts.core.paths import ROOT

PYTHON = sys.executable

# What a copy of the project leaves out: version control, environments, outputs,
# caches, the benchmarks themselves, and the (git-ignored) PDF handout.
TOP_LEVEL_SKIP = {".venv", "site", "site-zensical", ".cache", "build", "benchmarks"}
ANYWHERE_SKIP = {
    ".git",
    "node_modules",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
}


def _copy_ignore(folder: str, names: list[str]) -> set[str]:
    here = Path(folder).resolve()
    skip = {name for name in names if name in ANYWHERE_SKIP}
    if here == ROOT:
        skip |= TOP_LEVEL_SKIP & set(names)
    if here == ROOT / "docs":
        skip |= {"downloads"} & set(names)
    return skip


def mkdocs_env(**extra: str) -> dict[str, str]:
    """The environment MkDocs runs in here: Material's end-of-life notice silenced (as
    the Makefile does), nothing inherited that points git somewhere else."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.update(extra)
    return env


def copy_project(dest: Path) -> Path:
    """The repository's working tree as it is now (uncommitted edits included), without
    .git, environments, outputs and caches, copied to dest."""
    shutil.copytree(ROOT, dest, ignore=_copy_ignore, symlinks=True)
    return dest


def git_snapshot(project: Path) -> None:
    """Make a throwaway git repository of a *temporary copy* (never the repository
    itself), so git-revision-date-localized does the per-page `git log` work it does in
    CI instead of falling back to the build date."""
    if project.resolve().is_relative_to(ROOT):
        raise ValueError(f"refusing to run git in {project}: not a temporary copy")
    env = mkdocs_env(GIT_CEILING_DIRECTORIES=str(project.parent))
    git = ["git", "-C", str(project), "-c", "user.name=bench", "-c", "user.email=bench@localhost"]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "benchmark snapshot"]):
        subprocess.run([*git, *args], check=True, env=env, capture_output=True)
