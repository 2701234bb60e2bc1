"""scripts/check_links.py: every link of the built site resolves, and none leaves it."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts import check_links
from tests.days import banner, next_day

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

    More at <a href="https://example.com/devops">example.com</a>, by
    <a href="mailto:instructor@example.com">mail</a>, never
    <a href="ftp://example.com/notes.txt">by FTP</a>.

<img src="https://example.com/diagram.png" alt="a diagram from elsewhere">
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


def test_missing_page_fails_naming_page_and_source(capsys, broken_site: Path):
    code, output = run(capsys, str(broken_site))
    assert code == 1
    assert "docs/broken-link.md:3: link to ../no-such-day/: no such page (in " in output


def test_missing_anchor_fails_on_same_and_other_page(capsys, broken_site: Path):
    code, output = run(capsys, str(broken_site))
    assert code == 1
    assert "docs/broken-anchor.md:5: link to #no-such-section: no such anchor" in output
    assert (
        "docs/broken-anchor.md:6: link to ../days/day-01/#no-such-heading: no such anchor" in output
    )


def test_links_out_pass_and_loads_from_elsewhere_fail(capsys, broken_site: Path):
    code, output = run(capsys, str(broken_site))
    assert code == 1
    assert "example.com/devops" not in output
    assert "mailto:instructor" not in output
    assert "docs/off-site.md:7: link to ftp://example.com/notes.txt: not a web address" in output
    assert (
        "docs/off-site.md:9: link to https://example.com/diagram.png: <img src> loads from"
        " another site" in output
    )


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
    repo = "https://github.com/mlops-course/mlops-course-site"
    assert check_links.under(repo + "/edit/main/docs/index.md", repo)
    assert not check_links.under(repo + "-evil/", repo)


def test_only_links_go_out():
    assert check_links.outbound_link("a", "href", "https://docs.docker.com/")
    assert check_links.outbound_link("a", "href", "mailto:someone@example.com")
    assert not check_links.outbound_link("a", "href", "file:///etc/passwd")
    assert not check_links.outbound_link("img", "src", "https://example.com/x.png")
    assert not check_links.outbound_link("link", "href", "https://example.com/x.css")


def test_web_addresses_in_notes_pass_the_checks_right_after_import(capsys, tmp_path: Path):
    """Notes cite documentation: the importer links the addresses, and both checks
    that read the built site accept those links out."""
    from scripts import check_security
    from scripts.importer.cli import main as import_notes

    from .conftest import build_copy, copy_project

    project = copy_project(tmp_path / "project")
    day = next_day(project)
    notes = project / "notes" / f"day-{day:02}.txt"
    notes.write_text(
        f"{banner(day)}\nDocker :::\n"
        "\tInstall: https://docs.docker.com/engine/install/debian/\n"
        "\t- Reference (https://docs.docker.com/reference/cli/docker/), and\n"
        "\t  http://example.com/a_b?c=1&d=2.\n",
        encoding="utf-8",
    )
    assert import_notes([str(notes), "--root", str(project)]) == 0
    result = build_copy(project, allow_extra_pages=False)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    capsys.readouterr()
    assert run(capsys, str(site)) == (
        0,
        f"check_links: every link in {_pages(site)} page(s) resolves\n",
    )
    code, output = run_check(check_security.main, capsys, str(site))
    assert code == 0, output
    page = (site / "days" / f"day-{day:02}" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://docs.docker.com/engine/install/debian/"' in page


def _pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))


# Addresses course notes hold, each with what it becomes: a link when it is a place on
# the web, else inline code (nothing to follow, nothing markdownlint reads as a bare URL).
ADDRESSES = {
    "http://localhost:8080/health": "`http://localhost:8080/health`",
    "http://127.0.0.1:5000/predict": "`http://127.0.0.1:5000/predict`",
    "http://0.0.0.0:8000": "`http://0.0.0.0:8000`",
    "http://[::1]:9090/metrics": "`http://[::1]:9090/metrics`",
    "http://jenkins:8080/job/build": "`http://jenkins:8080/job/build`",
    "ftp://ftp.example.com/pub/data.csv": "`ftp://ftp.example.com/pub/data.csv`",
    "ftps://files.example.com/x": "`ftps://files.example.com/x`",
    "s3://my-bucket/models/v1.pkl": "`s3://my-bucket/models/v1.pkl`",
    "mongodb://admin:pw@localhost:27017/db": "`mongodb://admin:pw@localhost:27017/db`",
    "https://例え.jp/パス": "<https://例え.jp/パス>",
    "HTTPS://DOCS.PYTHON.ORG/3/": "<HTTPS://DOCS.PYTHON.ORG/3/>",
    "http://x": "`http://x`",
    "https://example.com:99999/bad-port": "`https://example.com:99999/bad-port`",
}


def test_every_web_address_in_notes_passes_the_lint_and_a_strict_build(
    capsys, tmp_path: Path
) -> None:
    """Issue 18, defect 8: localhost, ports, ftp:// and IDN addresses were left bare, and
    markdownlint's MD034 failed the page. Imported, the page passes the Markdown lint,
    a strict build and the link check, and each address is a link or inline code."""
    from scripts import check_markdown
    from scripts.importer.cli import main as import_notes

    from .conftest import build_copy, copy_project

    project = copy_project(tmp_path / "project")
    day = next_day(project)
    notes = project / "notes" / f"day-{day:02}.txt"
    lines = [f"\t- Open {address} now." for address in ADDRESSES]
    lines.append("\tIn Japanese text: 「https://例え.jp/パス」を見て。")
    lines.append("Served at http://localhost:3000 and ftp://x.example.org :::")  # a heading
    lines.append("\tA definition : see https://例え.jp/パス")
    notes.write_text(f"{banner(day)}\nServices :::\n" + "\n".join(lines) + "\n", encoding="utf-8")
    assert import_notes([str(notes), "--root", str(project)]) == 0
    page = project / "docs" / "days" / f"day-{day:02}.md"
    text = page.read_text(encoding="utf-8")
    for address, shown in ADDRESSES.items():
        assert f"- Open {shown} now." in text, address
    assert "「<https://例え.jp/パス>」を見て。" in text
    assert "## Served at `http://localhost:3000` and `ftp://x.example.org`" in text
    capsys.readouterr()
    assert check_markdown.lint([page]) == []
    result = build_copy(project, allow_extra_pages=False)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    code, output = run(capsys, str(site))
    assert code == 0, output
    html = (site / "days" / f"day-{day:02}" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://例え.jp/パス"' in html
    assert "<code>http://localhost:8080/health</code>" in html
    assert 'href="http://localhost' not in html and 'href="ftp:' not in html
