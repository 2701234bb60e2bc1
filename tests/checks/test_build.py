"""scripts/build_site.py (`make build`): MkDocs' strict build, each warning about a
page pointed at the line of Markdown that holds the broken link."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from scripts import build_site

from .conftest import copy_project

PAGE = """# A page with broken links

Some text.

See [a page that is gone](gone.md) and [an anchor](#nowhere).
"""


def test_broken_links_and_pages_outside_the_nav_name_their_lines(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "docs" / "broken.md").write_text(PAGE, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  - Glossary: glossary.md", "  - Glossary: glossary.md\n  - Broken: broken.md"
        ),
        encoding="utf-8",
    )
    (project / "docs" / "stray.md").write_text("# Stray\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "scripts.build_site"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert any(
        line.startswith(
            "docs/broken.md:5: WARNING -  Doc file 'broken.md' contains a link 'gone.md'"
        )
        for line in lines
    ), result.stderr
    assert any(
        line.startswith("docs/broken.md:5: WARNING") and "#nowhere" in line for line in lines
    )
    assert "docs/stray.md:1: WARNING - not in the nav of mkdocs.yml" in result.stderr


def test_other_lines_pass_through_unchanged() -> None:
    lines = ["INFO    -  Building documentation", "WARNING -  Some other warning"]
    assert build_site.pointed(lines) == lines
