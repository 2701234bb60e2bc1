"""The elements and attributes a built page may hold.

Derived from the site as built (every page of both builders' builds of this tree)
and from tests/checks/fixtures/every-feature.md, a page that uses every piece of
Markdown the extensions in mkdocs.yml turn into HTML: so a contributor writing
Markdown never meets this list, and raw HTML that the site does not use does.
Anything else in a page is a finding of `make security` (scripts/check_security.py),
at the Markdown line that holds it: `<iframe>`, `<object>`, `<style>`, `<svg>` content
beyond icons, `ping=`, `background=`, `srcset=`, `formaction=`, `on*=` ...

To allow more, add it here with the reason, and a use of it to every-feature.md
(tests/checks/test_security.py builds that page and finds it clean).
"""

from __future__ import annotations

# Any HTML element may carry these, and any `aria-*` attribute.
GLOBAL = frozenset(("class", "id", "title", "hidden", "role", "tabindex", "dir", "lang"))

# HTML elements, each with the attributes it may carry beyond the global ones.
HTML: dict[str, frozenset[str]] = {
    name: frozenset(attributes.split())
    for name, attributes in {
        # The document, as the theme writes it.
        "html": "",
        "head": "",
        "title": "",
        "meta": "charset content http-equiv name property",
        "link": "href rel",
        "script": "defer src type",
        "body": "data-md-color-accent data-md-color-primary data-md-color-scheme",
        # The theme's layout: header, navigation, search, palette, footer.
        "header": "data-md-component",
        "main": "data-md-component",
        "footer": "",
        "nav": "aria-expanded data-md-level",
        "aside": "",
        "article": "",
        # `markdown`: md_in_html keeps it on a `<div markdown>` inside an admonition
        # (Day 1's gitGraph in its Beyond box); it names no address and runs nothing.
        "div": "data-md-component data-md-scrollfix data-md-type data-tabs markdown",
        "form": "data-md-component name",
        "input": (
            "autocapitalize autocomplete autocorrect checked disabled name placeholder"
            " required spellcheck type data-md-color-accent data-md-color-media"
            " data-md-color-primary data-md-color-scheme data-md-component data-md-toggle"
        ),
        "label": "for",
        "button": "data-md-component type",
        # Markdown and the extensions in mkdocs.yml.
        "p": "",
        "h1": "",
        "h2": "",
        "h3": "",
        "h4": "",
        "h5": "",
        "h6": "",
        "a": "data-clipboard data-clipboard-text data-md-component download href name rel target",
        "abbr": "",
        "em": "",
        "strong": "",
        "code": "",
        "kbd": "",
        "mark": "",
        "ins": "",
        "del": "",
        "sub": "",
        "sup": "",
        "br": "",
        "hr": "",
        "blockquote": "",
        "pre": "",
        "span": "",
        "img": "alt height loading src width",
        "ul": "data-md-component data-md-scrollfix",
        "ol": "",
        "li": "",
        "dl": "",
        "dt": "",
        "dd": "",
        "table": "",
        "thead": "",
        "tbody": "",
        "tr": "",
        # Python-Markdown's tables align columns with `style="text-align: ..."`.
        "th": "colspan style",
        "td": "style",
        "details": "open",
        "summary": "",
    }.items()
}

# SVG elements (the theme's and the emoji extension's icons): their attributes.
SVG: dict[str, frozenset[str]] = {
    name: frozenset(attributes.split())
    for name, attributes in {
        "svg": ("class fill stroke stroke-linecap stroke-linejoin stroke-width viewBox xmlns"),
        "path": "d fill",
        "circle": "cx cy r",
    }.items()
}

# Elements that belong to the document, never to a page's own content (`.md-content`).
NOT_IN_CONTENT = frozenset(("html", "head", "title", "meta", "link", "script", "body", "form"))
# Elements that belong in <head> only.
HEAD_ONLY = frozenset(("title", "meta", "link"))


def element_allowed(namespace: str, name: str) -> bool:
    table = HTML if namespace == "html" else SVG if namespace == "svg" else {}
    return name in table


def attribute_allowed(namespace: str, name: str, attribute: str) -> bool:
    if namespace == "html":
        return (
            attribute in GLOBAL
            or attribute.startswith("aria-")
            or attribute in HTML.get(name, frozenset())
        )
    if namespace == "svg":
        return attribute in SVG.get(name, frozenset())
    return False
