"""Spare mermaid2 from parsing every diagram page's whole HTML.

mermaid2's page pass reads each page that mentions "mermaid" into BeautifulSoup,
counts the diagrams, appends its script tags and writes the whole page back out:
on a course of 300 diagram pages that is most of the build time. With Material's
fence (mermaid2's `fence_mermaid_custom`), all it adds is the same few script tags
at the end of <body>. So this hook finds diagrams with a regular expression, runs
mermaid2's own page pass on a skeleton page (its javascript path, its
arguments, its tags: all mermaid2's), and appends what it added to the real page.
Pages come out as MkDocs wrote them, plus mermaid2's scripts. When mermaid2 is not
in its custom-loader mode, nothing is changed.
"""

from __future__ import annotations

import re

# What mermaid2 counts in custom-loader mode: `pre.mermaid code`.
DIAGRAM = re.compile(r'<pre\b[^>]*\bclass="(?:[^"]*\s)?mermaid(?:\s[^"]*)?"[^>]*>\s*<code')
DIAGRAM_SKELETON = '<pre class="mermaid"><code></code></pre>'


def skeleton(diagrams: int) -> str:
    """A page with as many (empty) diagrams as the real one, so mermaid2 logs the
    right count."""
    return f"<html><body>{DIAGRAM_SKELETON * diagrams}</body></html>"


def fast_post_page(original):
    """Wrap mermaid2's bound on_post_page."""

    def on_post_page(output_content, *, config, page, **kwargs):
        diagrams = len(DIAGRAM.findall(output_content))
        if not diagrams:
            return output_content
        marked = original(skeleton(diagrams), config=config, page=page, **kwargs)
        scripts = marked[marked.rindex("</pre>") + len("</pre>") : marked.rindex("</body>")]
        end = output_content.rindex("</body>")
        return output_content[:end] + scripts + output_content[end:]

    on_post_page.mkdocs_priority = getattr(original, "mkdocs_priority", 0)
    return on_post_page


def on_config(config):
    plugin = config.plugins.get("mermaid2")
    if plugin is None or not plugin.activate_custom_loader:
        return config
    handlers = config.plugins.events["post_page"]
    for index, handler in enumerate(handlers):
        if getattr(handler, "__self__", None) is plugin:
            handlers[index] = fast_post_page(handler)
    return config
