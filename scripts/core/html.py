"""Built pages read as a browser reads them: a spec-compliant HTML5 parser (justhtml).

A pattern scan sees text; a browser sees a tree, and they disagree exactly where an
attacker wants them to: `<!-->` closes a comment, `<svg><style><img ...>` leaves the
SVG and its style for a real <img>, quotes end where the parser says. justhtml
implements the WHATWG parsing algorithm (it passes the html5lib test suite, the one
browsers share), parses with scripting on as a reader's browser does, keeps each
element's namespace (HTML, SVG, MathML) and its line in the page, and is pure Python
with no dependencies (dev/security.md says why it rather than html5lib or selectolax).
Used by the policy step (core/csp.py) and `make security` (scripts/check_security.py).
"""

from __future__ import annotations

from collections.abc import Iterator

from justhtml import JustHTML


def parse(text: str) -> JustHTML:
    """A page as a browser parses it (HTML5, scripting on), with each node's line."""
    return JustHTML(text, sanitize=False, track_node_locations=True)


def elements(node) -> Iterator:
    """Every element under node, in document order, template contents included."""
    for child in node.children or ():
        if child.name.startswith(("#", "!")):
            continue
        yield child
        yield from elements(child)
        content = getattr(child, "template_content", None)
        if content is not None:
            yield from elements(content)


def text_of(element) -> str:
    """An element's own text as the browser has it (a <script>'s or <style>'s source)."""
    return "".join(child.data for child in element.children or () if child.name == "#text")
