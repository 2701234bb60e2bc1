"""scripts/check_security.py: no script from page content, nothing loaded off-site,
Mermaid kept strict and the vendored copy safe."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from scripts import check_security

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
}


@pytest.fixture(scope="module")
def broken_site(project: Path) -> Path:
    return built(project, BROKEN)


def run(capsys, *argv: str) -> tuple[int, str]:
    return run_check(check_security.main, capsys, *argv)


def test_script_element_in_content_fails(capsys, broken_site: Path):
    code, output = run(capsys, str(broken_site))
    assert code == 1
    assert "docs/script-tag.md:3: <script> element in page content (in " in output
    assert "script-tag/index.html)" in output


def test_onerror_attribute_fails(capsys, broken_site: Path):
    _, output = run(capsys, str(broken_site))
    assert "docs/onerror.md:3: `onerror=` event attribute on <img> in page content" in output


def test_javascript_url_fails(capsys, broken_site: Path):
    _, output = run(capsys, str(broken_site))
    assert "docs/js-url.md:3: javascript: URL on <a> in page content" in output


def test_off_site_image_fails(capsys, broken_site: Path):
    _, output = run(capsys, str(broken_site))
    assert (
        "docs/off-site-image.md:3: <img src> loads or links off-site:"
        " https://example.com/tracker.png (in " in output
    )


def test_raw_html_escaping_the_content_fails(capsys, broken_site: Path):
    _, output = run(capsys, str(broken_site))
    assert "docs/escape.md:3: raw HTML closes <article> early" in output
    assert "docs/escape.md:3: raw HTML closes <main> early" in output


def test_a_diagram_that_links_or_calls_fails_at_its_line(capsys, broken_site: Path):
    _, output = run(capsys, str(broken_site))
    assert (
        'docs/click.md:8: Mermaid interaction \'click A href "https://example.com/" "Open"\''
        in output
    )


def test_links_out_pass(capsys, broken_site: Path):
    _, output = run(capsys, str(broken_site))
    assert "links-out" not in output


def test_theme_scripts_and_mermaid2_script_pass(capsys, broken_site: Path):
    """Day 1 draws a diagram: mermaid2's script at the end of <body> is expected."""
    _, output = run(capsys, str(broken_site))
    assert "days/day-01/" not in output
    assert "/index.html: <script>" not in output.replace("script-tag/index.html", "")


def test_mermaid2_script_of_another_shape_fails(capsys, tmp_path: Path, site_dir: Path, server):
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy)
    page = copy / "days" / "day-01" / "index.html"
    text = page.read_text()
    assert 'securityLevel: "strict"' in text
    page.write_text(text.replace('securityLevel: "strict"', 'securityLevel: "loose"'))
    code, output = run(capsys, str(copy), "--site-url", server.url)
    assert code == 1
    assert "configures Mermaid without securityLevel strict" in output


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
