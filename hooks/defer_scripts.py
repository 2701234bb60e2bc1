"""Let the page paint before any script runs: mermaid2's script tag.

Material ends <body> with parser-blocking <script src> tags (its bundle, then
extra_javascript), and mermaid2 appends one more. On a long lesson, Chromium has
parsed the whole page and fetched the scripts before it first paints, so a phone
shows nothing until about 40 kB of JavaScript has arrived and run: Lighthouse put
first contentful paint on Day 1 at 1.7-1.9 s this way, and at 1.2 s with `defer`.

Material's bundle is deferred by overrides/main.html (`scripts` block), and our own
scripts by `defer: true` in mkdocs.yml: both MkDocs and Zensical honour those. What
is left is mermaid2's tag, which only MkDocs adds (Zensical runs neither mermaid2's
page pass nor hooks), so this hook goes when mermaid2 does.

A deferred script still runs after the whole document is parsed, in page order,
before DOMContentLoaded, which is when Material starts its components; inline
scripts (the palette restore, `__config`, mermaid2's settings) keep running where
they stand, and none of them calls into a deferred one. This hook gives `defer` to
any external classic script still without it; tests/test_hooks.py checks the hook,
tests/browser/test_pages.py every built page of both builds.
"""

from __future__ import annotations

import re

from mkdocs.plugins import event_priority

# An external classic script: a <script> start tag with a src attribute. Tags in
# page text are HTML-escaped (&lt;script) and never match.
EXTERNAL_SCRIPT = re.compile(r"<script\b(?P<attributes>[^>]*\bsrc=[^>]*)>", re.IGNORECASE)
# Already non-blocking, or not a classic script (modules are deferred by default).
LEFT_ALONE = re.compile(
    r"(?:^|\s)(?:(?:defer|async)(?:[\s=]|$)|type=[\"']?module\b)", re.IGNORECASE
)


def defer(html: str) -> str:
    """html with `defer` on every external classic script that blocks the parser."""

    def add(match: re.Match) -> str:
        attributes = match["attributes"]
        if LEFT_ALONE.search(attributes):
            return match[0]
        return f"<script{attributes.rstrip()} defer>"

    return EXTERNAL_SCRIPT.sub(add, html)


# Last of all post_page handlers, after mermaid2 has appended its tags.
@event_priority(-100)
def on_post_page(output, **kwargs):
    return defer(output)


# The pages MkDocs renders from templates alone, such as 404.html.
@event_priority(-100)
def on_post_template(output_content, **kwargs):
    return defer(output_content)
