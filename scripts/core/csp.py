"""The site's Content Security Policy: what it allows, and how every built page gets it.

GitHub Pages sets no headers, so the policy is a `<meta http-equiv>` tag, written as
the first element of every page's `<head>` after the build (both builders, both ways of
building: `make build`/`make zensical` through scripts/build_site.py, and the tests and
take-away copies through scripts/core/build.py). It
allows scripts from our origin and, inline, only the scripts listed in INLINE_SCRIPTS:
the theme's own, mermaid2's, and one of ours that must run before the page paints,
each recognised by its whole text. The rest of our JavaScript is in files
(docs/javascripts/).

Why a list and not "hash every inline script of the site": a post-build step cannot
tell the theme's `<script>` from one that a page, its front matter or mkdocs.yml
smuggled in (the rows of issue 19), except by what the script says. A script that is
not listed is not hashed, so the browser refuses to run it, and `make security`
reports it (scripts/check_security.py reads the same list).

With instant navigation, the policy of the first page a reader opens governs every
page loaded after it (the theme swaps the content, not the document), so every page
carries the same policy, hashing every listed script found anywhere in the site.
dev/security.md gives the reasons for each directive.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from justhtml import JustHTML

from .html import elements, parse, text_of
from .paths import ROOT

OVERRIDES = ROOT / "overrides"

# The agreed policy, directive by directive, in the order written. `script-src` is
# completed with the hash of each listed inline script the site holds. Each
# directive's reason is in dev/security.md; scripts/check_security.py fails a page
# whose policy says anything else.
DIRECTIVES: dict[str, str] = {
    "default-src": "'self'",
    "script-src": "'self'",
    # Mermaid writes a <style> element into every diagram it draws and style
    # attributes onto its shapes, with values computed in the browser, which no hash
    # can name ahead. Styles cannot run script, and everything they could load is
    # held to our origin by img-src and font-src.
    "style-src": "'self' 'unsafe-inline'",
    # The theme's icons in CSS are data: URLs.
    "img-src": "'self' data:",
    # The site uses the system's fonts (`theme.font: false`): no font file at all.
    "font-src": "'none'",
    # Instant navigation's page fetches, the sitemap, Mermaid's file list.
    "connect-src": "'self'",
    # The search worker (ours, wrapping the theme's).
    "worker-src": "'self'",
    "frame-src": "'none'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'none'",
}
META_NAME = "Content-Security-Policy"
# The offline copy (`make offline`, opened from file://) cannot name its inline
# scripts: the theme's offline search runs its worker in an iframe through the
# iframe-worker shim, which writes an inline script holding the worker's address,
# and so the folder the reader unzipped the copy into. Its policy allows inline
# scripts (with any hash listed, a browser would ignore 'unsafe-inline'), and keeps
# every other directive: nothing is loaded from anywhere but the copy itself.
OFFLINE_SCRIPT_SRC = "'self' 'unsafe-inline'"

# MIME types under which a <script> element runs (an empty or absent type is
# JavaScript too). Any other type, such as the theme's `application/json`
# configuration, is a data block that never runs.
SCRIPT_TYPES = frozenset(
    (
        "",
        "module",
        "text/javascript",
        "application/javascript",
        "application/ecmascript",
        "application/x-ecmascript",
        "application/x-javascript",
        "text/ecmascript",
        "text/jscript",
        "text/livescript",
        "text/x-ecmascript",
        "text/x-javascript",
        "text/javascript1.0",
        "text/javascript1.1",
        "text/javascript1.2",
        "text/javascript1.3",
        "text/javascript1.4",
        "text/javascript1.5",
    )
)

# A page's relative address of the site's root, or the site's path ("..", "../..",
# "/mlops-course-site/"), as the theme writes it into its first script.
_BASE = r"[\w.~%/-]*"


@dataclass(frozen=True)
class InlineScript:
    """An inline script the policy allows: what it is, where it comes from, and its
    whole text (a regular expression matched against all of it)."""

    name: str
    origin: str
    pattern: re.Pattern[str]

    def matches(self, text: str) -> bool:
        return self.pattern.fullmatch(text) is not None


def _verbatim(text: str) -> re.Pattern[str]:
    """The text exactly, with `{base}` standing for the page's base address."""
    before, base, after = text.partition("{base}")
    return re.compile(re.escape(before) + (_BASE + re.escape(after) if base else ""))


def _ours(template: Path) -> re.Pattern[str]:
    """The script of one of our templates, exactly as the template holds it (blanks
    around it aside): the one source of its text, so the two cannot drift apart."""
    scripts = re.findall(r"<script>(.*?)</script>", template.read_text(encoding="utf-8"), re.S)
    if len(scripts) != 1 or "{{" in scripts[0] or "{%" in scripts[0]:
        raise ValueError(f"{template}: expected one <script> without template code")
    return re.compile(r"\s*" + re.escape(scripts[0].strip()) + r"\s*")


# mermaid2's arguments as it writes them (its pyjs.dumps): plain names and values
# only; a string starting with `^` is written as code by pyjs, so never a `^`.
_VALUE = r'(?:"[\w .:#%/,-]*"|true|false|-?\d+(?:\.\d+)?)'
_ENTRY = rf"\s*[A-Za-z_]\w*: {_VALUE},?"
_NESTED = rf"\s*[A-Za-z_]\w*: (?:{_VALUE}|\{{(?:{_ENTRY})*\s*\}}),?"
_MERMAID2 = re.compile(
    r"window\.mermaidConfig = \{default: \{"
    r'(?=[^;]*securityLevel: "strict")'  # (the loader forces it too; this says so)
    rf"(?:{_NESTED})*\s*\}}\}};"
)

# Every inline script the policy allows. A theme upgrade that changes one of them
# fails `make security` ("inline script ... is not one the policy allows") and
# tests/checks/test_policy.py::test_every_inline_script_of_a_clean_build_is_listed:
# read the new script, and list it here if it is the theme's (dev/seams.md).
INLINE_SCRIPTS: tuple[InlineScript, ...] = (
    InlineScript(
        "Material's storage helpers (__md_scope, __md_get, __md_set)",
        "material/templates/partials/javascripts/base.html",
        _verbatim(
            '__md_scope=new URL("{base}",location),'
            "__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),"
            '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
            "__md_set=(e,_,t=localStorage,a=__md_scope)=>"
            '{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}'
        ),
    ),
    InlineScript(
        "Zensical's storage helpers (__md_scope, __md_get, __md_set, data-platform)",
        "zensical/templates/partials/javascripts/base.html",
        _verbatim(
            '__md_scope=new URL("{base}",location),'
            '__md_scope.pathname.endsWith("/")||'
            '(__md_scope=new URL(__md_scope.pathname+"/",location)),'
            "__md_hash=e=>[...e].reduce(((e,t)=>(e<<5)-e+t.charCodeAt(0)),0),"
            '__md_get=(e,t=localStorage,_=__md_scope)=>JSON.parse(t.getItem(_.pathname+"."+e)),'
            "__md_set=(e,t,_=localStorage,a=__md_scope)=>"
            '{try{_.setItem(a.pathname+"."+e,JSON.stringify(t))}catch(e){}},'
            'document.documentElement.setAttribute("data-platform",navigator.platform)'
        ),
    ),
    InlineScript(
        "the announcement bar stays hidden once dismissed (announce.dismiss)",
        "partials/javascripts/announce.html (Material, Zensical)",
        _verbatim(
            'var el=document.querySelector("[data-md-component=announce]");'
            'if(el){var content=el.querySelector(".md-typeset");'
            '__md_hash(content.innerHTML)===__md_get("__announce")&&(el.hidden=!0)}'
        ),
    ),
    InlineScript(
        "the reader's palette, restored before the page paints",
        "partials/javascripts/palette.html (Material, Zensical)",
        _verbatim(
            'var palette=__md_get("__palette");if(palette&&palette.color){'
            'if("(prefers-color-scheme)"===palette.color.media){'
            'var media=matchMedia("(prefers-color-scheme: light)"),'
            "input=document.querySelector(media.matches?"
            "\"[data-md-color-media='(prefers-color-scheme: light)']\":"
            "\"[data-md-color-media='(prefers-color-scheme: dark)']\");"
            'palette.color.media=input.getAttribute("data-md-color-media"),'
            'palette.color.scheme=input.getAttribute("data-md-color-scheme"),'
            'palette.color.primary=input.getAttribute("data-md-color-primary"),'
            'palette.color.accent=input.getAttribute("data-md-color-accent")}'
            "for(var[key,value]of Object.entries(palette.color))"
            'document.body.setAttribute("data-md-color-"+key,value)}'
        ),
    ),
    InlineScript(
        "the content tab named in the address opens",
        "partials/javascripts/content.html (Material, Zensical)",
        _verbatim(
            "var target=document.getElementById(location.hash.slice(1));"
            'target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))'
        ),
    ),
    InlineScript(
        "our first-use abbreviations, run while the page is parsed, before it paints",
        "overrides/partials/first-use-abbreviations.html (read from there)",
        _ours(OVERRIDES / "partials" / "first-use-abbreviations.html"),
    ),
    InlineScript(
        "mermaid2's settings for the diagram loader (securityLevel strict), on diagram pages",
        "mermaid2's page pass (MkDocs only), from `arguments` in mkdocs.yml",
        _MERMAID2,
    ),
)


def allowed(text: str) -> InlineScript | None:
    """The listed inline script this text is, or None."""
    return next((script for script in INLINE_SCRIPTS if script.matches(text)), None)


def digest(text: str) -> str:
    """The CSP source expression for a script's text: 'sha256-<base64>'."""
    value = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()
    return f"'sha256-{value}'"


def runs(element) -> bool:
    """A <script> element (HTML or SVG) that a browser would run."""
    kind = (element.attrs.get("type") or "").strip().lower()
    return kind in SCRIPT_TYPES


@dataclass(frozen=True)
class Inline:
    """An inline script of a built page, as the browser reads it."""

    text: str
    line: int | None  # in the built page
    allowed: InlineScript | None


def inline_scripts(document: JustHTML) -> list[Inline]:
    """The inline scripts of a parsed page that a browser would run."""
    found = []
    for element in elements(document.root):
        if element.name == "script" and "src" not in element.attrs and runs(element):
            text = text_of(element)
            found.append(Inline(text, element.origin_line, allowed(text)))
    return found


def policy(hashes: set[str], *, offline: bool = False) -> str:
    """The policy, with script-src allowing these hashes (offline: OFFLINE_SCRIPT_SRC)."""
    values = dict(DIRECTIVES)
    values["script-src"] = (
        OFFLINE_SCRIPT_SRC if offline else " ".join([DIRECTIVES["script-src"], *sorted(hashes)])
    )
    return "; ".join(f"{name} {value}" for name, value in values.items())


def meta(text: str) -> str:
    return f'<meta http-equiv="{META_NAME}" content="{text}">'


# The head's start tag, and a policy tag this step wrote before (written again).
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_OURS = re.compile(rf'<meta http-equiv="{META_NAME}" content="[^"<>]*">')


def with_policy(page: str, tag: str) -> str:
    """The page's HTML with the policy tag as the first thing in <head>."""
    head = _HEAD.search(page)
    if head is None:
        raise ValueError("no <head> start tag")
    rest = page[head.end() :]
    ours = _OURS.match(rest)
    if ours:
        rest = rest[ours.end() :]
    return page[: head.end()] + tag + rest


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


# Files a browser opens as documents of their own, which cannot carry the policy (it
# lives in an HTML page's <head>): an SVG or XHTML file opened from a link runs its
# scripts. The builders' own sitemap.xml holds no markup of ours.
DOCUMENT_SUFFIXES = frozenset(
    (".htm", ".xhtml", ".xht", ".shtml", ".svg", ".svgz", ".xml", ".xsl", ".xslt", ".mht")
)
KNOWN_DOCUMENTS = frozenset(("sitemap.xml",))
UNCOVERED = (
    "a file a browser opens as a document of its own, where the site's Content"
    " Security Policy cannot reach (an SVG or XHTML file runs its scripts); use a PNG"
    " image, or draw it as a diagram"
)


def uncovered(site: Path) -> list[Path]:
    """The files of a built site that a browser would open without the policy."""
    return [
        path
        for path in sorted(site.rglob("*"))
        if path.suffix.lower() in DOCUMENT_SUFFIXES
        and path.relative_to(site).as_posix() not in KNOWN_DOCUMENTS
        and path.is_file()
    ]


@dataclass(frozen=True)
class Written:
    """What write_policy did: the policy, and the inline scripts it left unhashed
    (the browser refuses to run them), as (page, line, first characters)."""

    policy: str
    refused: list[tuple[Path, int | None, str]]


def write_policy(site: Path, *, offline: bool = False) -> Written:
    """Write the same policy into every page of a built site: `'self'` plus the hash
    of every listed inline script found in any page (offline: for file://)."""
    texts = {html: html.read_text(encoding="utf-8") for html in pages(site)}
    hashes: set[str] = set()
    refused = []
    for html, text in texts.items():
        for script in inline_scripts(parse(text)):
            if script.allowed:
                hashes.add(digest(script.text))
            else:
                refused.append((html, script.line, script.text.strip()[:60]))
    text = policy(hashes, offline=offline)
    tag = meta(text)
    for html, page in texts.items():
        try:
            changed = with_policy(page, tag)
        except ValueError as error:
            raise ValueError(f"{html}: {error}: cannot write the policy") from None
        if changed != page:
            html.write_text(changed, encoding="utf-8")
    return Written(text, refused)
