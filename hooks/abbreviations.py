"""Explain each abbreviation once per page: at its first use.

includes/abbreviations.md is appended to every page (pymdownx.snippets), and the
`abbr` extension then wraps *every* occurrence of every listed term in
<abbr title="...">: Day 1 had 72 of them (DevOps alone 25 times). With Material's
`content.tooltips`, each one becomes a tooltip that Material sets up while the
page starts, on the phone's main thread: measured with benchmarks/bench_lighthouse.py
(6 runs each), Day 1's total blocking time went from 267 ms to 156 ms and its
performance score from 95 to 98 when only first uses kept their <abbr>.

First use is also the usual rule for abbreviations in print and in WCAG's
technique H28, and it spares screen-reader users who have titles read out from
hearing "Development and Operations" 25 times. Later uses stay as plain text; the
glossary and the tooltip at the first use explain them.
"""

from __future__ import annotations

import re

# What the `abbr` extension writes: a title and the term as plain text.
ABBR = re.compile(r'<abbr title="(?P<title>[^"]*)">(?P<term>[^<]*)</abbr>')


def first_uses_only(html: str) -> str:
    """html with every <abbr> after the first of the same term and title unwrapped."""
    seen: set[tuple[str, str]] = set()

    def keep_first(match: re.Match) -> str:
        key = (match["term"], match["title"])
        if key in seen:
            return match["term"]
        seen.add(key)
        return match[0]

    return ABBR.sub(keep_first, html)


def on_page_content(html, **kwargs):
    return first_uses_only(html)
