"""The sites a benchmark compares, built and served side by side: ours (MkDocs, as
published), ours built by Zensical, and the baseline (baseline.py)."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
import tarfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from scripts.core.build import BuildError, build
from scripts.core.built_site import diagrams_on, site_pages
from scripts.core.paths import ROOT
from scripts.core.serve import Server

from . import baseline
from .gzip_server import serve_gzip


@contextlib.contextmanager
def served_sites(
    tmp: Path, names: Sequence[str] = ("ours", "baseline"), before: str | None = None
) -> Iterator[dict[str, Server]]:
    """Our site, the baseline (baseline.py) and, when named, "zensical" (our site as
    Zensical builds it), "before" and "zensical-before" (the same from the tree at git
    revision `before`, built as that tree built it), each built for and served by its
    own gzip server; {name: server}, server.root the built site. A failed build raises
    scripts.core.build.BuildError."""
    with contextlib.ExitStack() as stack:
        servers = {}
        for name in names:
            root = tmp / f"{name}-site"
            root.mkdir()
            servers[name] = stack.enter_context(serve_gzip(root))
        for name, server in servers.items():
            if name == "baseline":
                baseline.build_site(tmp / "baseline-project", server.root, server.url)
            elif name in ("before", "zensical-before"):
                project = tmp / "before-project"
                if not project.exists():
                    tree_at(before or "main", project)
                builder = "zensical" if name.startswith("zensical") else "mkdocs"
                build_as_it_was(project, server.root, server.url, builder)
            elif name == "zensical":
                build(server.root, site_url=server.url, builder="zensical")
            else:  # the repository as it is now, `mkdocs build --strict`
                build(server.root, site_url=server.url)
        yield servers


def tree_at(revision: str, dest: Path) -> Path:
    """The repository's files at a git revision (`git archive`), in dest."""
    dest.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "archive", revision], cwd=ROOT, capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as files:
        files.extractall(dest, filter="data")
    return dest


def build_as_it_was(project: Path, dest: Path, site_url: str, builder: str) -> Path:
    """A strict build of another tree by its builder alone, as that tree's own scripts
    ran it (none of this tree's build steps, such as its policy, is applied)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url, "NO_COLOR": "1"}
    if builder == "mkdocs":
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(dest)]
    else:
        env["SITE_DIR"] = "site-before"
        command = [sys.executable, "-m", "zensical", "build", "--strict"]
    result = subprocess.run(command, cwd=project, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise BuildError(f"{builder} build of the tree before failed:\n{result.stderr}")
    if builder != "mkdocs":
        for entry in (project / "site-before").iterdir():
            shutil.move(str(entry), dest / entry.name)
    return dest


def heaviest_page(site: Path) -> str:
    """The page with the most diagrams (ties: the first in path order)."""
    pages = site_pages(site)
    return max(pages, key=lambda p: (diagrams_on(site, p), -pages.index(p)))
