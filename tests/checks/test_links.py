"""scripts/check_links.py: every link of the built site resolves, and none leaves it."""

from __future__ import annotations

from pathlib import Path

import pytest

import check_links

from .conftest import built, run_check

# Links MkDocs does not validate (raw HTML), each broken in one way.
BROKEN = {
    "broken-link.md": """# Broken link

Read the <a href="../no-such-day/">next lesson</a>.
""",
    "broken-anchor.md": """# Broken anchor

!!! note "See also"

    Back to <a href="#no-such-section">the top section</a>, or to
    <a href="../days/day-01/#no-such-heading">Day 1's summary</a>.
""",
    "off-site.md": """# Off-site

=== "Tab"

    More at <a href="https://example.com/devops">example.com</a>.
""",
    "fine.md": """# Fine

## Section

<a href="#section">here</a>, <a href="../days/day-01/">Day 1</a>,
<a href="https://github.com/mlops-course/mlops-course-site/issues">issues</a>.
""",
}


@pytest.fixture(scope="module")
def broken_site(project: Path) -> Path:
    return built(project, BROKEN)


def run(capsys, *argv: str) -> tuple[int, str]:
    return run_check(check_links.main, capsys, *argv)


def test_real_site_passes(capsys, site_dir: Path, server):
    code, output = run(capsys, str(site_dir), "--site-url", server.url)
    assert code == 0, output


def test_missing_page_fails_naming_page_and_source(capsys, broken_site: Path):
    code, output = run(capsys, str(broken_site))
    assert code == 1
    assert (
        "broken-link/index.html: link to ../no-such-day/: no such page (from docs/broken-link.md)"
        in output
    )


def test_missing_anchor_fails_on_same_and_other_page(capsys, broken_site: Path):
    code, output = run(capsys, str(broken_site))
    assert code == 1
    assert "broken-anchor/index.html: link to #no-such-section: no such anchor" in output
    assert "link to ../days/day-01/#no-such-heading: no such anchor" in output
    assert "(from docs/broken-anchor.md)" in output


def test_off_site_link_fails_with_the_way_out(capsys, broken_site: Path):
    code, output = run(capsys, str(broken_site))
    assert code == 1
    assert "off-site/index.html: link to https://example.com/devops: off-site link" in output
    assert "ALLOWED_EXTERNAL in scripts/check_links.py" in output


def test_good_links_and_repository_links_pass(capsys, broken_site: Path):
    _, output = run(capsys, str(broken_site))
    assert "fine/index.html" not in output


def test_nav_link_to_a_missing_page_fails(capsys, tmp_path: Path, site_dir: Path, server):
    """A link MkDocs never sees: the theme's navigation, edited after the build."""
    import shutil

    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy)
    index = copy / "index.html"
    index.write_text(index.read_text().replace('href="days/day-01/"', 'href="days/day-99/"', 1))
    code, output = run(capsys, str(copy), "--site-url", server.url)
    assert code == 1
    assert "index.html: link to days/day-99/: no such page" in output


def test_missing_site_says_how_to_build(capsys, tmp_path: Path):
    code, output = run(capsys, str(tmp_path))
    assert code == 2
    assert "make build" in output


def test_repository_prefix_does_not_cover_lookalikes():
    config = {"repo_url": "https://github.com/mlops-course/mlops-course-site"}
    assert check_links.allowed_external(config["repo_url"] + "/edit/main/docs/index.md", config)
    assert not check_links.allowed_external(config["repo_url"] + "-evil/", config)
