"""The MkDocs hooks in hooks/: small config changes with big effects on readers."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent


def load(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_pdf_link_only_when_the_pdf_exists(tmp_path):
    pdf_link = load("pdf_link")
    config = SimpleNamespace(docs_dir=str(tmp_path), extra={})
    assert pdf_link.on_config(config).extra["pdf"] is None
    (tmp_path / "downloads").mkdir()
    (tmp_path / pdf_link.PDF).write_bytes(b"%PDF-1.7" + b"x" * 1_500_000)
    extra = pdf_link.on_config(config).extra
    assert extra["pdf"] == "downloads/mlops-course.pdf"
    assert extra["pdf_size"] == "1.5 MB"


def mermaid2_plugin():
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    config = config.plugins.on_config(config)
    return config, config.plugins["mermaid2"]


PAGE = (
    "<html><head><title>t</title></head><body><p>text</p>"
    '<pre  class="mermaid"><code>flowchart LR\n    A --> B\n</code></pre>'
    '<script src="../../x.js"></script></body></html>'
)


def scripts(html: str) -> list[tuple[str | None, str]]:
    from bs4 import BeautifulSoup

    return [
        (tag.get("src"), tag.get_text()) for tag in BeautifulSoup(html, "html.parser")("script")
    ]


def test_fast_mermaid2_pass_adds_exactly_what_mermaid2_adds():
    speed = load("mermaid2_speed")
    config, plugin = mermaid2_plugin()
    page = SimpleNamespace(url="days/day-01/", title="Day 1")
    slow = plugin.on_post_page(PAGE, config=config, page=page)
    fast = speed.fast_post_page(plugin.on_post_page)(PAGE, config=config, page=page)
    assert scripts(fast) == scripts(slow)
    assert len(scripts(fast)) == 3  # the page's own, mermaid2's library tag and its config
    assert fast.startswith(PAGE[: PAGE.rindex("</body>")])  # the page itself untouched


def test_fast_mermaid2_pass_leaves_pages_without_diagrams_alone():
    speed = load("mermaid2_speed")
    config, plugin = mermaid2_plugin()
    page = SimpleNamespace(url="glossary/", title="Glossary")
    plain = "<html><body><p>mermaid is a word here</p><pre><code>x</code></pre></body></html>"
    assert speed.fast_post_page(plugin.on_post_page)(plain, config=config, page=page) == plain


def test_fast_mermaid2_pass_is_installed_by_the_hook():
    config, plugin = mermaid2_plugin()
    handlers = config.plugins.events["post_page"]
    assert not any(getattr(h, "__self__", None) is plugin for h in handlers)
    assert any(h.__name__ == "on_post_page" and h.__module__ for h in handlers)


def test_defer_marks_only_parser_blocking_scripts():
    hook = load("defer_scripts")
    page = (
        '<head><script>var inline = 1</script></head><body><p>&lt;script src="x.js"&gt;</p>'
        '<script src="a.js"></script><script src="b.js" defer></script>'
        '<script async src="c.js"></script><script type="module" src="d.mjs"></script>'
        "<script src='e-defer.js'></script><script>var last = 2</script></body>"
    )
    assert hook.defer(page) == (
        '<head><script>var inline = 1</script></head><body><p>&lt;script src="x.js"&gt;</p>'
        '<script src="a.js" defer></script><script src="b.js" defer></script>'
        '<script async src="c.js"></script><script type="module" src="d.mjs"></script>'
        "<script src='e-defer.js' defer></script><script>var last = 2</script></body>"
    )


def test_defer_runs_after_every_other_post_page_handler():
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    config = config.plugins.on_config(config)
    handlers = config.plugins.events["post_page"]
    assert "defer_scripts" in handlers[-1].__module__, [h.__module__ for h in handlers]
