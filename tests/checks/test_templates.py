"""The theme overrides in `make lint`: djLint in its Jinja profile, with the rules in
pyproject.toml ([tool.djlint]), fed broken templates in a copy of the project and run
as the Makefile runs it; each finding names its file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import run_as_make

BROKEN = {
    # A tag opened and never closed: the rest of the page lands inside it.
    "orphan tag": (
        "partials/broken.html",
        '<div class="course-banner">\n  {{ config.extra.announce }}\n',
        "overrides/partials/broken.html:1:0: H025 Tag seems to be an orphan.",
    ),
    # In a template that extends another, only blocks are rendered.
    "content outside a block": (
        "broken.html",
        '{% extends "base.html" %}\n<p>Lost</p>\n{% block announce %}{% endblock %}\n',
        "overrides/broken.html:2:0: T042 Content outside a block is not rendered",
    ),
    # A path written into href points elsewhere on pages at other depths.
    "hard-coded path": (
        "partials/broken.html",
        '<a class="md-button" href="/glossary/">Glossary</a>\n',
        "overrides/partials/broken.html:1:0: J018 ",
    ),
    # Void tags end with ">", as in Material's templates (H018, turned on).
    "self-closed void tag": (
        "partials/broken.html",
        '<meta name="twitter:card" content="summary" />\n',
        "overrides/partials/broken.html:1:0: H018 ",
    ),
}


@pytest.mark.parametrize("case", BROKEN, ids=list(BROKEN))
def test_a_broken_template_fails_at_its_line(project: Path, case: str):
    name, source, message = BROKEN[case]
    template = project / "overrides" / name
    template.parent.mkdir(exist_ok=True)
    template.write_text(source, encoding="utf-8")
    try:
        result = run_as_make("lint", "djlint", project)
    finally:
        template.unlink()
    assert result.returncode == 1, result.stdout + result.stderr
    assert message in result.stdout, result.stdout
