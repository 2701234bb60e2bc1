"""scripts/check_security.py: every page parsed as a browser parses it and judged
against the agreed Content Security Policy and the allowlist; nothing loaded
off-site; values that reach pages unescaped; Mermaid kept strict and the vendored
copy safe. (tests/browser/test_hostile.py opens the issue's hostile pages in
Chromium on both builds and checks this scan's file:line for each.)"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
from pathlib import Path

import pytest

from scripts import build_site, check_security
from scripts.core import csp

from .conftest import ROOT, built, run_check

BROKEN = {
    "script-tag.md": """# Script

<script>document.title = "owned"</script>

Some text.
""",
    "onerror.md": """# Event attribute

<img src="../assets/images/favicon.png" alt="logo" onerror="alert(1)">
""",
    "js-url.md": """# javascript: URL

<a href="javascript:alert(1)">click</a>
""",
    "off-site-image.md": """# Off-site image

![Diagram](https://example.com/tracker.png)
""",
    "escape.md": """# Escape

</article></main>

<p>outside the content now</p>
""",
    "click.md": """# A diagram that links off the site

```mermaid
flowchart LR
    accTitle: Docs
    accDescr: A box that is a link.
    A[Docs] --> B[Run]
    click A href "https://example.com/" "Open"
```
""",
    "links-out.md": """# Links out are fine

See <https://docs.docker.com/get-started/> and [the Kubernetes docs](https://kubernetes.io/docs/).
""",
    "share-lookalike.md": """# The theme's share link, copied

<a href="javascript:void(0)" data-md-component="search-share">share</a>
""",
    "attribute-list.md": """# Attributes from attr_list

![Logo](../assets/images/favicon.png){ onload="alert(1)" }

A paragraph.
{ style="background: url(https://example.com/a.png)" }
""",
    "front-matter.md": """---
title: Fine
description: A "quoted" description
---

# Front matter
""",
    "stylesheets/hostile.css": """/* a style sheet that is copied into the site */
.box { background: u\\72l(https://example.com/escaped.png); }
@import "https://example.com/imported.css";
.set { background-image: image-set("https://example.com/set.png" 1x); }
""",
}


@pytest.fixture(scope="module")
def broken_site(project: Path) -> Path:
    return built(project, BROKEN)


def run(capsys, *argv: str) -> tuple[int, str]:
    return run_check(check_security.main, capsys, *argv)


@pytest.fixture(scope="module")
def broken_output(project: Path, broken_site: Path) -> str:
    """One run over the broken site and its copy's mkdocs.yml (its messages)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        check_security.main([str(broken_site), "--config", str(project / "mkdocs.yml")])
    return out.getvalue()


def test_every_markdown_feature_passes(capsys, project: Path, broken_site: Path):
    """tests/checks/fixtures/every-feature.md uses every piece of Markdown the
    extensions offer: the allowlist covers what a contributor may write."""
    page = (ROOT / "tests" / "checks" / "fixtures" / "every-feature.md").read_text()
    site = built(project, {"every-feature.md": page})
    _, output = run(capsys, str(site))
    assert "every-feature" not in output, output


def test_script_element_in_content_fails(broken_output: str):
    assert "docs/script-tag.md:3: <script> element in page content (in " in broken_output
    assert (
        "docs/script-tag.md:3: inline script not allowed by the Content Security Policy"
        " ('document.title = \"owned\"'): the browser will not run it" in broken_output
    )


def test_onerror_attribute_fails(broken_output: str):
    assert "docs/onerror.md:3: `onerror=` event attribute on <img>" in broken_output


def test_attributes_from_attr_list_are_judged_too(broken_output: str):
    assert "docs/attribute-list.md:3: `onload=` event attribute on <img>" in broken_output
    assert (
        "docs/attribute-list.md:6: CSS in <p style> loads from off the site:"
        " https://example.com/a.png" in broken_output
    )


def test_javascript_url_fails(broken_output: str):
    assert "docs/js-url.md:3: javascript: URL in <a href>" in broken_output


def test_only_the_themes_own_share_link_may_say_javascript(broken_output: str):
    """The theme's search share button is `javascript:void(0)`; the same in a page is not."""
    assert "docs/share-lookalike.md:3: javascript: URL in <a href>" in broken_output


def test_off_site_image_fails(broken_output: str):
    assert (
        "docs/off-site-image.md:3: <img src> loads from off the site:"
        " https://example.com/tracker.png (in " in broken_output
    )


def test_raw_html_escaping_the_content_fails(broken_output: str):
    assert "docs/escape.md:3: raw HTML closes <article> early" in broken_output
    assert "docs/escape.md:3: raw HTML closes <main> early" in broken_output


def test_a_diagram_that_links_or_calls_fails_at_its_line(broken_output: str):
    assert (
        'docs/click.md:8: Mermaid interaction \'click A href "https://example.com/" "Open"\''
        in broken_output
    )


def test_links_out_pass(broken_output: str):
    assert "links-out" not in broken_output


def test_a_quote_in_front_matter_fails_at_its_line(broken_output: str):
    assert (
        "docs/front-matter.md:3: front matter `description` holds '\"': the theme writes it"
        " into the page's <head> unescaped" in broken_output
    )
    assert "docs/front-matter.md:2:" not in broken_output  # the title is plain


def test_css_files_are_read_by_a_css_tokenizer(broken_output: str):
    for url in ("escaped.png", "imported.css", "set.png"):
        assert f"hostile.css: CSS loads from off the site: https://example.com/{url}" in (
            broken_output
        ), url


def test_theme_scripts_and_mermaid2_script_pass(broken_output: str):
    """Day 1 draws diagrams: mermaid2's script at the end of <body> is listed."""
    assert "days/day-01/" not in broken_output
    assert "inline script" not in broken_output.replace("docs/script-tag.md:3: inline", "")


# -- The policy ---------------------------------------------------------------


@pytest.fixture
def copy(tmp_path: Path, site_dir: Path) -> Path:
    """A copy of the real built site, to break."""
    shutil.copytree(site_dir, tmp_path / "site")
    return tmp_path / "site"


def edit(page: Path, old: str, new: str, count: int = 1) -> None:
    text = page.read_text()
    assert old in text, old
    page.write_text(text.replace(old, new, count))


def test_a_page_without_the_policy_fails(capsys, copy: Path, server):
    page = copy / "glossary" / "index.html"
    edit(page, '<meta http-equiv="Content-Security-Policy"', '<meta name="x"')
    code, output = run(capsys, str(copy), "--site-url", server.url)
    assert code == 1
    assert re.search(
        r"site/glossary/index.html: no Content Security Policy as the first element of <head>",
        output,
    ), output


def test_a_policy_that_allows_more_fails(capsys, copy: Path, server):
    page = copy / "index.html"
    edit(page, "script-src 'self'", "script-src 'self' 'unsafe-inline' https://example.com")
    edit(page, "object-src 'none'", "object-src 'self'")
    code, output = run(capsys, str(copy), "--site-url", server.url)
    assert code == 1
    assert "the Content Security Policy differs from the agreed one:" in output
    for said in (
        "object-src allows 'self'",
        "object-src lacks 'none'",
        "script-src allows 'unsafe-inline'",
        "script-src allows https://example.com",
    ):
        assert said in output, output


def test_a_hash_of_a_script_the_site_does_not_list_fails(capsys, copy: Path, server):
    """A hash added by hand lets a script run that nobody agreed to."""
    extra = csp.digest("alert(1)")
    for page in copy.rglob("*.html"):
        edit(page, "script-src 'self'", f"script-src 'self' {extra}")
    code, output = run(capsys, str(copy), "--site-url", server.url)
    assert code == 1
    assert f"script-src allows {extra}" in output


def test_a_new_inline_script_fails_the_build_and_the_scan(capsys, copy: Path, server):
    """What a theme upgrade with a new inline script looks like: listed nowhere, so
    not hashed, so the browser will not run it."""
    page = copy / "index.html"
    edit(page, "</head>", "<script>window.newThemeFeature = 1</script></head>")
    code, output = run(capsys, str(copy), "--site-url", server.url)
    assert code == 1
    assert "inline script not allowed by the Content Security Policy" in output
    assert "'window.newThemeFeature = 1'" in output
    assert build_site.write_policy(copy) == 1
    assert csp.digest("window.newThemeFeature = 1") not in page.read_text()


def test_the_charset_must_stay_in_the_first_1024_bytes(capsys, copy: Path, server):
    page = copy / "index.html"
    edit(page, "<meta charset", "<!-- " + "x" * 1100 + " -->\n<meta charset")
    code, output = run(capsys, str(copy), "--site-url", server.url)
    assert code == 1
    assert "index.html: <meta charset> is not within the page's first 1024 bytes" in output


def test_a_second_policy_or_a_refresh_fails(capsys, copy: Path, server):
    page = copy / "index.html"
    edit(
        page,
        "<meta charset",
        '<meta http-equiv="Content-Security-Policy" content="default-src *">'
        '<meta http-equiv="refresh" content="0;url=https://example.com/"><meta charset',
    )
    _, output = run(capsys, str(copy), "--site-url", server.url)
    assert "2 Content Security Policy tags; one is agreed" in output
    assert "<meta http-equiv='refresh'>: only the policy's" in output


def test_a_document_the_policy_cannot_reach_fails(capsys, copy: Path, server):
    svg = copy / "assets" / "logo.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    code, output = run(capsys, str(copy), "--site-url", server.url)
    assert code == 1
    assert "site/assets/logo.svg: a file a browser opens as a document of its own" in output
    assert build_site.write_policy(copy) == 1


def test_mermaid2_script_of_another_shape_fails(capsys, copy: Path, server):
    page = copy / "days" / "day-01" / "index.html"
    edit(page, 'securityLevel: "strict"', 'securityLevel: "loose"')
    code, output = run(capsys, str(copy), "--site-url", server.url)
    assert code == 1
    assert (
        "inline script not allowed by the Content Security Policy"
        " ('window.mermaidConfig = {default: {')" in output
    )


# -- Settings ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "value", "shown"),
    [
        ("site_description", 'x"><script>alert(1)</script>', "site_description"),
        ("copyright", '<img src="x" onerror="alert(1)">', "copyright"),
        ("announce", "<b>News</b>", "extra.announce"),
    ],
)
def test_settings_that_reach_pages_unescaped_hold_no_markup(
    capsys, project: Path, broken_site: Path, key: str, value: str, shown: str
):
    config = project / "mkdocs.yml"
    original = config.read_text()
    text = original
    if key == "announce":
        # The announcement in whatever form it has: folded (`>-` and its lines) as
        # written by hand, or one quoted line as the importer writes it.
        text = re.sub(r"(?m)^  announce:.*\n(?:    .*\n)*", f"  announce: '{value}'\n", text)
    else:
        text = re.sub(rf"(?m)^{key}:.*(\n  .*)*\n", "", text) + f"{key}: '{value}'\n"
    try:
        config.write_text(text)
        line = next(n for n, row in enumerate(text.splitlines(), 1) if f"{key}:" in row)
        code, output = run(capsys, str(broken_site), "--config", str(config))
    finally:
        config.write_text(original)
    assert code == 1
    assert f"mkdocs.yml:{line}: `{shown}` holds" in output, output


def test_loosened_mermaid_in_mkdocs_yml_fails(capsys, project: Path, broken_site: Path):
    config = project / "mkdocs.yml"
    original = config.read_text()
    try:
        config.write_text(original.replace("securityLevel: strict", "securityLevel: loose"))
        code, output = run(capsys, str(broken_site), "--config", str(config))
    finally:
        config.write_text(original)
    assert code == 1
    assert "mkdocs.yml: mermaid2 `arguments: securityLevel` is 'loose'" in output


def test_outdated_vendored_mermaid_fails(capsys, tmp_path: Path, broken_site: Path):
    vendor = tmp_path / "vendor"
    shutil.copytree(ROOT / "docs" / "assets" / "vendor", vendor)
    manifest = vendor / "mermaid" / "vendor.json"
    data = json.loads(manifest.read_text())
    data["version"] = "11.4.0"
    manifest.write_text(json.dumps(data))
    code, output = run(capsys, str(broken_site), "--vendor", str(vendor))
    assert code == 1
    assert "mermaid 11.4.0 is older than the safe 11.16.1" in output


# -- Addresses, as a browser resolves them -------------------------------------


@pytest.mark.parametrize(
    ("element", "attribute", "url", "leaves"),
    [
        ("img", "src", "\\\\example.com/x.png", True),
        ("img", "src", "/\\example.com/x.png", True),
        ("img", "src", "https:example.com/x.png", True),
        ("img", "src", " //example.com/x.png", True),
        ("img", "src", "ht\ttps://example.com/x.png", True),
        ("img", "src", "../assets/x.png", False),
        ("img", "src", "data:image/png;base64,AAAA", False),
        ("script", "src", "data:text/javascript,alert(1)", True),
        ("a", "href", "https://example.com/", False),
        ("a", "href", "ftp://example.com/", True),
        ("a", "href", "jav\tascript:alert(1)", True),
        ("a", "href", " JAVASCRIPT:alert(1)", True),
        ("iframe", "src", "data:text/html,<script>", True),
    ],
)
def test_addresses_are_resolved_as_a_browser_resolves_them(element, attribute, url, leaves):
    site = "http://127.0.0.1:8000/"
    problem = check_security.address_problem(element, attribute, url, site + "days/x/", site)
    assert bool(problem) == leaves, problem
