"""Security scan of the BUILT site, of what reaches it unescaped, and of the settings
that keep diagrams safe.

Pages are written by many hands and reach readers as HTML. A scan by pattern always
trails the browser's parser, so every page is parsed as a browser parses it
(scripts/core/html.py: HTML5, comments, SVG and quoting as a browser sees them), and
the Content Security Policy that every page carries (scripts/core/csp.py) makes
whatever a scan misses inert in the browser. This fails on:

- the policy: a page without it as the first element of <head>, or with one that
  allows more than the agreed policy (another directive or source, 'unsafe-inline'
  in script-src, the hash of a script that is not listed); an inline script the
  policy does not list (the browser would not run it: a script smuggled into a page,
  or a theme upgrade's new one); <meta charset> pushed past the first 1024 bytes;
- an element or attribute that neither our pages nor the theme use
  (scripts/core/allowlist.py): `on*=` handlers, `<iframe>`, `<style>`, `ping=`,
  `background=` ...; document elements (<script>, <form>, <meta> ...) inside a page's
  own content;
- anything loaded from off our origin: every URL-bearing attribute (`src`, `srcset`,
  `href` of what is fetched, `poster`, `background`, `ping`, `xlink:href`, ...)
  resolved as a browser resolves it (a WHATWG URL parser: `\\\\host/x.png` is
  `//host/x.png`), and every `url()`, `image-set()` and `@import` of CSS (style
  attributes, <style> elements, the site's .css files), read by a CSS tokenizer,
  escapes resolved (scripts/core/css.py). Links out (`<a href>` to an http(s) or
  mailto: address) are fine (the policy: scripts/check_links.py); `javascript:` and
  the like are not;
- raw HTML that closes the theme's `<article>`/`<main>` early, so that what follows
  escapes the content;
- a file a browser would open as a document without the policy (.svg, .xhtml ...);
- Mermaid statements that link, call or load in a built diagram
  (scripts/core/diagram_rules.py);
- values that reach pages unescaped: mkdocs.yml's `extra.announce`,
  `site_description`, `copyright`, `site_name`, `site_author`, `repo_name`, and each
  page's front-matter `description` and `title`, with markup or a `"` in them;
- snippets that could pull in a file from outside includes/ (scripts/core/snippets.py);
- Mermaid loosened: `securityLevel: strict` in mkdocs.yml (mermaid2 `arguments`),
  the diagram loader named there present and on our origin, and every vendored asset
  (Mermaid first) intact and at or above its safe version (scripts/vendor_assets.py).
  That the loader keeps Mermaid strict whatever a page says is checked where it can
  be seen, in the browser (tests/browser/test_diagrams.py).

Each finding is pointed at the Markdown `file:line` that made it where there is one
(scripts/core/source_lines.py), else at the built page and its line. dev/security.md has
the threat model; tests/browser/test_hostile.py shows each kind of finding inert in
Chromium. Known vulnerabilities in the pinned Python requirements are pip-audit's
business: scripts/audit_requirements.py (`make audit`).

    python -m scripts.check_security          # checks site/ (run `make build` first)
    python -m scripts.check_security path/to/built/site
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass, field
from pathlib import Path

import ada_url
from mkdocs.utils.meta import get_data as front_matter

from .core import allowlist, csp, snippets, vendor
from .core import config as mkdocs_yml
from .core.built_site import site_arguments
from .core.config import with_slash
from .core.css import declarations_urls, stylesheet_urls
from .core.diagram_rules import interaction_message, interactions
from .core.html import elements, parse, text_of
from .core.paths import VENDOR, show
from .core.report import report, usage
from .core.source_lines import locate, project_of, url_needles
from .core.urls import source_from_edit_links, under

# Attributes that hold addresses, by how: one URL, a list (srcset: "url 2x, ..."),
# or words (ping: "url url").
URL_ATTRIBUTES = frozenset(
    (
        "href",
        "src",
        "action",
        "formaction",
        "poster",
        "background",
        "cite",
        "longdesc",
        "data",
        "codebase",
        "archive",
        "manifest",
        "icon",
        "profile",
        "usemap",
        "lowsrc",
        "dynsrc",
        "xlink:href",
        "xml:base",
    )
)
SRCSET_ATTRIBUTES = frozenset(("srcset", "imagesrcset"))
WORDS_ATTRIBUTES = frozenset(("ping",))
# SVG presentation attributes that take `url(...)`, like CSS.
SVG_URL_PROPERTIES = frozenset(
    ("fill", "stroke", "filter", "mask", "clip-path", "marker-start", "marker-mid", "marker-end")
)
# Links a reader follows by clicking: they may leave the site, by these schemes.
NAVIGATION = frozenset(("a", "area"))
OUTBOUND_SCHEMES = frozenset(("http:", "https:", "mailto:", "tel:"))
# Schemes that run code when followed or loaded (after the browser drops tabs,
# newlines and leading spaces, as the URL parser does).
SCRIPT_SCHEMES = re.compile(r"^(?:javascript:|vbscript:|data:[^,]*html)", re.IGNORECASE)
# The theme's one `javascript:` URL: the search dialog's share button, whose click
# the theme handles (it copies the address), so the URL is never followed.
THEME_SHARE_LINK = ("search-share", "javascript:void(0)")
# Elements the theme opens once and closes once; more closing than opening tags mean
# raw HTML in a page closed them early, and the rest of the page escaped the content.
BALANCED = ("article", "main")
CONTENT = "md-content"
OUTSIDE_HEAD = " outside <head>"
# mkdocs.yml values the theme or overrides/main.html writes into pages unescaped.
UNESCAPED_SETTINGS = (
    ("site_name",),
    ("site_description",),
    ("site_author",),
    ("copyright",),
    ("repo_name",),
    ("extra", "announce"),
)
FRONT_MATTER_FIELDS = ("title", "description")
# Characters that make markup (or end the attribute a value is written into).
MARKUP = re.compile(r'[<>"]')


@dataclass
class Finding:
    """A problem in a built page: what the page's Markdown may hold for it
    (needles, for its line), and its line in the built page."""

    problem: str
    needles: list[str] = field(default_factory=list)
    line: int | None = None


@dataclass
class Context:
    """What every page is judged against."""

    site: Path
    site_url: str
    policy: str
    project: Path
    config: dict


# -- Addresses -----------------------------------------------------------------


def script_scheme(url: str) -> str | None:
    """`javascript` when the URL would run code, else None."""
    cleaned = re.sub(r"[\t\n\r]", "", url).lstrip("\x00\x01\x02\x03\x04\x05\x06\x07\x08 \x0b\x0c")
    match = SCRIPT_SCHEMES.match(cleaned)
    return match[0].split(":")[0].lower() if match else None


def resolve(url: str, page_url: str) -> str | None:
    """The address as a browser resolves it on the page, or None if it cannot."""
    try:
        return ada_url.join_url(page_url, url)
    except ValueError:
        return None


def address_problem(
    element: str, attribute: str, url: str, page_url: str, site_url: str
) -> str | None:
    """What is wrong with one address of an element, or None."""
    url = url.strip()
    if not url:
        return None
    scheme = script_scheme(url)
    if scheme:
        return f"{scheme}: URL in <{element} {attribute}>"
    resolved = resolve(url, page_url)
    if resolved is None:
        return None  # a browser ignores it too
    lowered = resolved.lower()
    if under(resolved, site_url):
        return None
    if element in NAVIGATION and attribute == "href":
        if lowered.startswith(tuple(OUTBOUND_SCHEMES)):
            return None  # a link out: fine
        return f"<{element} href> with a {resolved.split(':')[0]}: address: {url}"
    if lowered.startswith("data:") and element == "img" and attribute == "src":
        return None  # an image in the page itself (img-src allows data:)
    return f"<{element} {attribute}> loads from off the site: {url}"


def addresses(attribute: str, value: str) -> list[str]:
    if attribute in SRCSET_ATTRIBUTES:
        return [part.split()[0] for part in value.split(",") if part.split()]
    if attribute in WORDS_ATTRIBUTES:
        return value.split()
    return [value]


def css_problems_of(where: str, urls: list[str], page_url: str, site_url: str) -> list[Finding]:
    found = []
    for url in urls:
        resolved = resolve(url, page_url)
        if url.lower().startswith("data:") or (resolved and under(resolved, site_url)):
            continue
        found.append(Finding(f"CSS in {where} loads from off the site: {url}", url_needles(url)))
    return found


# -- Pages ---------------------------------------------------------------------


def walk(document):
    """(element, in <head>, in the page's content) for every element of a page."""

    def visit(node, in_head: bool, in_content: bool):
        for element in node.children or ():
            if element.name.startswith(("#", "!")):
                continue
            head = in_head or (element.name == "head" and element.namespace == "html")
            classes = (element.attrs.get("class") or "").split()
            content = in_content or CONTENT in classes
            yield element, in_head, in_content
            yield from visit(element, head, content)
            template = getattr(element, "template_content", None)
            if template is not None:
                yield from visit(template, head, content)

    yield from visit(document.root, False, False)


def element_findings(
    element, in_head: bool, in_content: bool, context: Context, page_url: str
) -> list[Finding]:
    name, namespace, attrs = element.name, element.namespace, element.attrs
    line = element.origin_line
    found = []
    if not allowlist.element_allowed(namespace, name):
        kind = "" if namespace == "html" else f" ({namespace.upper()})"
        found.append(
            Finding(
                f"<{name}>{kind} element, which the site does not use (allowlist)",
                [f"<{name}"],
                line,
            )
        )
    elif in_content and name in allowlist.NOT_IN_CONTENT and namespace == "html":
        found.append(Finding(f"<{name}> element in page content", [f"<{name}"], line))
    elif name in allowlist.HEAD_ONLY and namespace == "html" and not in_head:
        found.append(Finding(f"<{name}> element{OUTSIDE_HEAD}", [f"<{name}"], line))
    for attribute, value in attrs.items():
        value = value or ""
        if attribute.lower().startswith("on"):
            found.append(
                Finding(
                    f"`{attribute}=` event attribute on <{name}>",
                    [f"{attribute}=", f"<{name}"],
                    line,
                )
            )
        elif not allowlist.attribute_allowed(namespace, name, attribute):
            found.append(
                Finding(
                    f"`{attribute}=` attribute on <{name}>, which the site does not use"
                    " (allowlist)",
                    [f"{attribute}=", f"<{name}"],
                    line,
                )
            )
        if (attrs.get("data-md-component"), value) == THEME_SHARE_LINK and not in_content:
            continue
        if attribute in URL_ATTRIBUTES | SRCSET_ATTRIBUTES | WORDS_ATTRIBUTES:
            for url in addresses(attribute, value):
                problem = address_problem(name, attribute, url, page_url, context.site_url)
                if problem:
                    found.append(Finding(problem, [*url_needles(url), f"{attribute}="], line))
        elif attribute == "style" or (namespace == "svg" and attribute in SVG_URL_PROPERTIES):
            for finding in css_problems_of(
                f"<{name} {attribute}>", declarations_urls(value), page_url, context.site_url
            ):
                finding.line = line
                found.append(finding)
    if name == "meta" and "http-equiv" in attrs:
        equiv = attrs["http-equiv"] or ""
        if equiv.lower() != csp.META_NAME.lower():
            found.append(
                Finding(f"<meta http-equiv={equiv!r}>: only the policy's", ["http-equiv"], line)
            )
    if name == "style":
        for finding in css_problems_of(
            "<style>", stylesheet_urls(text_of(element)), page_url, context.site_url
        ):
            finding.line = line
            found.append(finding)
    if name == "script" and "src" not in attrs and csp.runs(element):
        text = text_of(element)
        if not csp.allowed(text):
            first = text.strip().splitlines()[0][:80] if text.strip() else ""
            found.append(
                Finding(
                    f"inline script not allowed by the Content Security Policy ({first!r}):"
                    " the browser will not run it",
                    [first, "<script"],
                    line,
                )
            )
    if name == "pre" and in_content and "mermaid" in (attrs.get("class") or "").split():
        for offset, statement in interactions(text_of_all(element)):
            found.append(
                Finding(
                    interaction_message(statement), [statement], line + offset if line else None
                )
            )
    return found


def first_of_each_outside_head(found: list[Finding]) -> list[Finding]:
    """Something that ends <head> early (a `">` in a value written into it) pushes
    every element after it into <body>: one finding says so, not one per element."""
    outside = [f for f in found if f.problem.endswith(OUTSIDE_HEAD)]
    if len(outside) < 2:
        return found
    first = outside[0]
    first.problem += f" (and {len(outside) - 1} more after it: <head> ended early before it)"
    return [f for f in found if f is first or not f.problem.endswith(OUTSIDE_HEAD)]


def text_of_all(element) -> str:
    """All the text under an element (a diagram's source in <pre><code>)."""
    parts = []
    for child in element.children or ():
        if child.name == "#text":
            parts.append(child.data)
        elif not child.name.startswith(("#", "!")):
            parts.append(text_of_all(child))
    return "".join(parts)


def policy_findings(document, raw: str, context: Context) -> list[Finding]:
    """The policy is the first element of <head>, and the agreed one."""
    heads = [e for e in elements(document.root) if e.name == "head" and e.namespace == "html"]
    children = [
        c for c in (heads[0].children if heads else ()) if not c.name.startswith(("#", "!"))
    ]
    first = children[0] if children else None
    found = []
    is_policy = (
        first is not None
        and first.name == "meta"
        and (first.attrs.get("http-equiv") or "").lower() == csp.META_NAME.lower()
    )
    if not is_policy:
        found.append(
            Finding(
                "no Content Security Policy as the first element of <head>: build with"
                " `make build` (scripts/build_site.py writes it)"
            )
        )
    elif (first.attrs.get("content") or "") != context.policy:
        found.append(
            Finding(
                "the Content Security Policy differs from the agreed one: "
                + policy_difference(first.attrs.get("content") or "", context.policy),
                [],
                first.origin_line,
            )
        )
    policies = [
        e
        for e in elements(document.root)
        if e.name == "meta" and (e.attrs.get("http-equiv") or "").lower() == csp.META_NAME.lower()
    ]
    if len(policies) > 1:
        found.append(
            Finding(f"{len(policies)} Content Security Policy tags; one is agreed", ["http-equiv"])
        )
    if "<meta charset" not in raw.encode("utf-8")[:1024].decode("utf-8", "ignore").lower():
        found.append(
            Finding(
                "<meta charset> is not within the page's first 1024 bytes, where browsers"
                " look for it: the policy before it has grown too long"
            )
        )
    return found


def directives(text: str) -> dict[str, list[str]]:
    found = {}
    for part in text.split(";"):
        words = part.split()
        if words:
            found.setdefault(words[0].lower(), words[1:])
    return found


def policy_difference(found: str, agreed: str) -> str:
    """What a page's policy allows that the agreed one does not, and what it lacks."""
    have, want = directives(found), directives(agreed)
    said = []
    for name in sorted(set(have) | set(want)):
        extra = [s for s in have.get(name, []) if s not in want.get(name, [])]
        missing = [s for s in want.get(name, []) if s not in have.get(name, [])]
        if name not in want:
            said.append(f"{name} is not agreed")
        elif name not in have:
            said.append(f"{name} is missing")
        else:
            said += [f"{name} allows {s}" for s in extra]
            said += [f"{name} lacks {s}" for s in missing]
    return "; ".join(said) or "its text differs"


def balance_findings(raw: str) -> list[Finding]:
    found = []
    for name in BALANCED:
        opened = len(re.findall(rf"<{name}\b", raw, re.IGNORECASE))
        closed = len(re.findall(rf"</{name}\s*>", raw, re.IGNORECASE))
        if closed > opened:
            found.append(
                Finding(
                    f"raw HTML closes <{name}> early ({closed} </{name}> for {opened} <{name}>):"
                    " what follows escapes the page content",
                    [f"</{name}"],
                )
            )
    return found


def source_of(document, config: dict) -> str | None:
    """source_from_edit_links() of a page read by justhtml."""
    links = document.query("a.md-content__button")
    return source_from_edit_links((link.attrs.get("href") or "" for link in links), config)


def page_problems(html: Path, context: Context, raw: str, document) -> list[str]:
    page_url = context.site_url + html.relative_to(context.site).as_posix()
    found = policy_findings(document, raw, context) + balance_findings(raw)
    for element, in_head, in_content in walk(document):
        found += element_findings(element, in_head, in_content, context, page_url)
    found = first_of_each_outside_head(found)
    source = source_of(document, context.config)
    return [
        locate(
            finding.problem,
            page=f"{show(html)}:{finding.line}" if finding.line else show(html),
            source=source,
            root=context.project,
            needles=finding.needles,
        )
        for finding in found
    ]


# -- The site around the pages ----------------------------------------------------


def css_file_problems(site: Path, site_url: str) -> list[str]:
    problems = []
    for css in sorted(site.rglob("*.css")):
        page_url = site_url + css.relative_to(site).as_posix()
        for url in stylesheet_urls(css.read_text(encoding="utf-8", errors="replace")):
            resolved = resolve(url, page_url)
            if not url.lower().startswith("data:") and not (resolved and under(resolved, site_url)):
                problems.append(f"{show(css)}: CSS loads from off the site: {url}")
    return problems


def document_problems(site: Path) -> list[str]:
    return [f"{show(path)}: {csp.UNCOVERED}" for path in csp.uncovered(site)]


def key_line(text: str, key: str, front_matter_only: bool = False) -> int:
    """The 1-based line of `key:` (in a page's front matter only, if asked)."""
    lines = text.splitlines()
    if front_matter_only:
        end = next((n for n in range(1, len(lines)) if lines[n].strip() in ("---", "...")), 0)
        lines = lines[: end + 1] if lines and lines[0].strip() == "---" else []
    for number, line in enumerate(lines, 1):
        if re.match(rf"^\s*{re.escape(key)}\s*:", line):
            return number
    return 1


def unescaped_problems(config_path: Path, config: dict, docs: Path, project: Path) -> list[str]:
    """mkdocs.yml values and front-matter fields that reach pages unescaped hold no markup."""
    problems = []
    text = config_path.read_text(encoding="utf-8")
    for path in UNESCAPED_SETTINGS:
        value = config
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if isinstance(value, str) and MARKUP.search(value):
            problems.append(
                f"{show(config_path)}:{key_line(text, path[-1])}: `{'.'.join(path)}` holds"
                f" {MARKUP.search(value)[0]!r}: the theme writes it into every page unescaped;"
                " plain text only (write &lt; &gt; &quot; for those characters)"
            )
    for page in sorted(docs.rglob("*.md")) if docs.is_dir() else ():
        if any(page.resolve().is_relative_to(skip.resolve()) for skip in (VENDOR,)):
            continue
        try:
            source = page.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        _, meta = front_matter(source)
        for name in FRONT_MATTER_FIELDS:
            value = meta.get(name)
            if isinstance(value, str) and MARKUP.search(value):
                problems.append(
                    f"{show(page, project)}:{key_line(source, name, True)}: front matter `{name}`"
                    f" holds {MARKUP.search(value)[0]!r}: the theme writes it into the page's"
                    " <head> unescaped; plain text only"
                )
    return problems


def mermaid_yml_plugin(config: dict) -> dict:
    """mermaid2's settings in mkdocs.yml ({} when it has none)."""
    return mkdocs_yml.plugin(config, "mermaid2") or {}


def settings_problems(config: dict, config_path: Path, docs: Path) -> list[str]:
    """mkdocs.yml and the diagram loader keep Mermaid strict."""
    problems = []
    mermaid2 = mermaid_yml_plugin(config)
    level = (mermaid2.get("arguments") or {}).get("securityLevel")
    if level != "strict":
        problems.append(
            f"{show(config_path)}: mermaid2 `arguments: securityLevel` is {level!r};"
            " it must be `strict` (diagram text must never run script or raw HTML)"
        )
    loader = mermaid2.get("javascript")
    if not loader or loader.startswith(("http:", "https:", "//")):
        problems.append(
            f"{show(config_path)}: mermaid2 `javascript` is {loader!r}; it must name the"
            " site's own diagram loader under docs/ (no CDN)"
        )
        return problems
    if not (docs / loader).is_file():
        problems.append(f"{show(docs / loader)}: the diagram loader named in mkdocs.yml is missing")
    # That the loader keeps Mermaid strict whatever a page says is a runtime property:
    # tests/browser/test_diagrams.py checks the configuration Mermaid really runs with.
    return problems


def agreed_policy(documents: list) -> str:
    """The policy every page must carry: the agreed directives, and the hash of each
    listed inline script that some page holds (as core/csp.py writes it)."""
    hashes = {
        csp.digest(script.text)
        for document in documents
        for script in csp.inline_scripts(document)
        if script.allowed
    }
    return csp.policy(hashes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    site_arguments(parser)
    parser.add_argument("--vendor", type=Path, default=VENDOR, help="vendored assets folder")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        return usage("check_security", f"no built site in {args.site}: run `make build`")
    config = mkdocs_yml.load(args.config)
    site_url = with_slash(args.site_url or config.get("site_url") or "")
    project = project_of(args.site, args.config)
    docs = args.config.parent / config.get("docs_dir", "docs")
    problems = settings_problems(config, args.config, docs)
    problems += snippets.problems(args.config.parent, args.config)
    problems += unescaped_problems(args.config, config, docs, project)
    for asset in vendor.ASSETS:
        problems += vendor.check_asset(asset, args.vendor / asset.name)
    pages = sorted(args.site.rglob("*.html"))
    raw = {html: html.read_text(encoding="utf-8") for html in pages}
    documents = {html: parse(text) for html, text in raw.items()}
    context = Context(args.site, site_url, agreed_policy(list(documents.values())), project, config)
    for html in pages:
        problems += page_problems(html, context, raw[html], documents[html])
    problems += css_file_problems(args.site, site_url)
    problems += document_problems(args.site)
    return report(
        "check_security",
        problems,
        f"{len(pages)} page(s) clean, each with the agreed Content Security Policy;"
        " Mermaid strict, vendored assets intact",
        "problem(s)",
    )


if __name__ == "__main__":
    raise SystemExit(main())
