"""Every address a piece of CSS would fetch, read by a CSS tokenizer (tinycss2).

A regular expression over CSS text misses what the browser sees: escapes
(`u\\72l(https://...)` is `url(https://...)`), the bare strings of `image-set()`,
`@import "..."`, comments in odd places. tinycss2 tokenizes CSS as the CSS Syntax
specification says, escapes resolved; this walks its tokens.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import tinycss2

# Functions whose string arguments are addresses (`url("x")`, `src("x")`), and
# those whose bare strings are images (`image-set("a.png" 1x)`).
URL_FUNCTIONS = frozenset(("url", "src"))
IMAGE_FUNCTIONS = frozenset(
    ("image-set", "-webkit-image-set", "image", "cross-fade", "-webkit-cross-fade")
)


def urls(tokens: Iterable) -> Iterator[str]:
    """The addresses in a list of tinycss2 nodes, nested blocks and functions too."""
    for token in tokens:
        kind = token.type
        if kind == "url":
            yield token.value
        elif kind == "function":
            name = token.lower_name
            for argument in token.arguments:
                if argument.type == "string" and (name in URL_FUNCTIONS or name in IMAGE_FUNCTIONS):
                    yield argument.value
            yield from urls(token.arguments)
        elif kind in ("() block", "[] block", "{} block"):
            yield from urls(token.content)
        elif kind == "at-rule":
            if token.lower_at_keyword == "import":
                yield from (part.value for part in token.prelude if part.type == "string")
            yield from urls(token.prelude)
            yield from urls(token.content or ())
        elif kind == "qualified-rule":
            yield from urls(token.prelude)
            yield from urls(token.content)


def stylesheet_urls(text: str) -> list[str]:
    """The addresses a style sheet (a .css file, a <style> element) would fetch."""
    return list(urls(tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True)))


def declarations_urls(text: str) -> list[str]:
    """The addresses a `style` attribute (a list of declarations) would fetch."""
    return list(urls(tinycss2.parse_component_value_list(text, skip_comments=True)))
