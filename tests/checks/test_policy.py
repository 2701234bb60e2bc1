"""scripts/core/csp.py, the Content Security Policy step that every build runs: which
inline scripts it hashes, where it writes the policy, and that every way the site is
built for readers (make build, make zensical, the deploy and preview workflows) runs
it. (tests/browser/test_policy.py looks at the clean site in Chromium,
tests/browser/test_hostile.py at hostile ones.)"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from scripts.core import csp
from scripts.core.checks import by_target
from scripts.core.paths import ROOT

MATERIAL_SCOPE = (
    '__md_scope=new URL("BASE",location),'
    "__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),"
    '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
    "__md_set=(e,_,t=localStorage,a=__md_scope)=>"
    '{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}'
)


def scope(base: str) -> str:
    return MATERIAL_SCOPE.replace("BASE", base)


MERMAID2 = (
    'window.mermaidConfig = {default: {\n    securityLevel: "strict",\n    startOnLoad: false\n}};'
)


@pytest.mark.parametrize("base", [".", "..", "../..", "/", "/mlops-course-site/"])
def test_the_themes_scripts_are_known_whatever_the_page_depth(base: str) -> None:
    assert csp.allowed(scope(base)).name.startswith("Material's storage")


@pytest.mark.parametrize(
    "text",
    [
        scope('",alert(1),"'),  # a base that ends the string (extra.scope)
        scope(".") + ";alert(1)",  # more after the theme's script
        MERMAID2.replace('"strict"', '"loose"'),
        MERMAID2.replace("false", "^alert(1)"),  # pyjs writes `^...` as code
        MERMAID2.replace("startOnLoad: false", 'x: "a"}}; alert(1); ({a: {b: 1'),
        "alert(1)",
        "",
    ],
)
def test_anything_else_is_not(text: str) -> None:
    assert csp.allowed(text) is None


def test_mermaid2s_settings_with_plain_values_are_known() -> None:
    nested = MERMAID2.replace(
        "startOnLoad: false", 'startOnLoad: false,\n    flowchart: {\n        curve: "basis"\n    }'
    )
    assert csp.allowed(MERMAID2) and csp.allowed(nested)


def test_the_hash_is_the_browsers() -> None:
    """The base64 SHA-256 of the script's UTF-8 text, as CSP Level 3 says (this one
    is the example of the specification's own text)."""
    assert csp.digest("alert('Hello, world.');") == (
        "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
    )


def test_the_policy_goes_first_in_head_once(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_text(
        '<!doctype html><html><head><meta charset="utf-8"><title>t</title>'
        f"<script>{scope('.')}</script><script>alert(1)</script>"
        "</head><body></body></html>"
    )
    written = csp.write_policy(tmp_path)
    text = page.read_text()
    assert text.startswith(f"<!doctype html><html><head>{csp.meta(written.policy)}<meta charset")
    assert csp.digest(scope(".")) in written.policy
    assert csp.digest("alert(1)") not in written.policy
    assert [start for _, _, start in written.refused] == ["alert(1)"]
    csp.write_policy(tmp_path)  # again: the same page, one policy
    assert page.read_text() == text


def test_a_page_without_a_head_tag_is_refused(tmp_path: Path) -> None:
    (tmp_path / "bare.html").write_text("<p>no head</p>")
    with pytest.raises(ValueError, match=r"bare\.html: no <head> start tag"):
        csp.write_policy(tmp_path)


def test_every_way_the_site_is_built_for_readers_writes_the_policy() -> None:
    """`make build` and `make zensical` run scripts/build_site.py, which writes it;
    the deploy and preview workflows build with `make build`, the Zensical workflow
    with `make zensical` (and the tests, the PDF and the offline copy through
    scripts/core/build.py, which writes it too)."""
    assert by_target("build").commands == ("$(BIN)/python -m scripts.build_site",)
    makefile = (ROOT / "Makefile").read_text()
    assert "$(BIN)/python -m scripts.build_site --builder zensical" in makefile
    runs = {}
    for name in ("deploy", "preview", "zensical"):
        workflow = yaml.safe_load((ROOT / ".github" / "workflows" / f"{name}.yml").read_text())
        runs[name] = [
            step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]
        ]
    assert any(run.startswith("make build") for run in runs["deploy"])
    assert any(run.startswith("make build") for run in runs["preview"])
    assert "make zensical" in runs["zensical"]
