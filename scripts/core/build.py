"""Build the site with MkDocs or Zensical, strictly, from the repository or a copy of it.

One place that knows how each builder is run: MkDocs writes where it is told; Zensical
writes only inside the project folder (SITE_DIR, see mkdocs.yml), so its build is
moved into place.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from . import csp, snippets
from .paths import ROOT

# The builders the site is built with: MkDocs (published) and Zensical
# (dev/zensical.md), each from the same mkdocs.yml.
BUILDERS = ("mkdocs", "zensical")


class BuildError(RuntimeError):
    """`mkdocs build --strict` (or `zensical build --strict`) failed; the message
    holds the builder's output."""


def build(
    dest: Path,
    *,
    site_url: str | None = None,
    builder: str = "mkdocs",
    root: Path = ROOT,
    **env: str,
) -> Path:
    """A strict build of the repository (or of a copy of it at `root`) into dest by
    builder (BUILDERS), with extra environment (SITE_URL, OFFLINE, PRINT_SITE: see
    mkdocs.yml), as every build is made: snippets that would leave includes/ refused
    first (core/snippets.py), the Content Security Policy written into every page
    after (core/csp.py; for file:// when OFFLINE=true). Inline scripts the policy does
    not list are left unhashed, so the browser refuses them: the hostile-page tests
    build such sites on purpose, and `make security` reports them."""
    if builder not in BUILDERS:
        raise ValueError(f"unknown builder {builder!r}: one of {BUILDERS}")
    if refused := snippets.problems(root):
        raise BuildError("\n".join(refused))
    environ = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    if site_url:
        environ["SITE_URL"] = site_url
    if builder == "zensical":
        _build_zensical(dest, environ, root)
    else:
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(dest)]
        result = subprocess.run(command, cwd=root, capture_output=True, text=True, env=environ)
        if result.returncode != 0:
            raise BuildError(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}")
    try:
        csp.write_policy(dest, offline=env.get("OFFLINE") == "true")
    except ValueError as error:
        raise BuildError(str(error)) from None
    return dest


def _build_zensical(dest: Path, environ: dict[str, str], root: Path = ROOT) -> Path:
    """`zensical build --strict` into dest. Zensical writes only inside the project
    folder (SITE_DIR, see mkdocs.yml), so it builds into a scratch folder under
    build/ and the result is moved to dest."""
    (root / "build").mkdir(exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="zensical-", dir=root / "build"))
    try:
        environ = {**environ, "SITE_DIR": str(scratch.relative_to(root)), "NO_COLOR": "1"}
        result = subprocess.run(
            [sys.executable, "-m", "zensical", "build", "--strict"],
            cwd=root,
            capture_output=True,
            text=True,
            env=environ,
        )
        if result.returncode != 0:
            raise BuildError(f"zensical build --strict failed:\n{result.stdout}\n{result.stderr}")
        dest.mkdir(parents=True, exist_ok=True)
        for entry in scratch.iterdir():
            shutil.move(str(entry), dest / entry.name)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return dest
