"""Print the whole course to one PDF handout (`make pdf`).

Builds the site with its print page (PRINT_SITE=true: cover, contents, every day,
the glossary), serves it on 127.0.0.1, lets Chromium draw every diagram, and
prints it with page numbers. Nothing is fetched from anywhere else: a request off
127.0.0.1 is aborted and fails the run. The PDF goes to docs/downloads/, where the
next site build picks it up and links it from the home page (hooks/pdf_link.py).

With `--builder zensical` (`make pdf BUILDER=zensical`), the site is built by
Zensical, which has no print page (it skips mkdocs-print-site-plugin): Chromium
prints a cover (includes/print-cover.tpl), a contents page and every page of the
nav, one at a time, numbering the pages on from the last; pypdf merges them and
turns every link between them into a link inside the PDF.

    python -m scripts.build_pdf [-o PATH] [--builder zensical]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from urllib.parse import urldefrag

from .core.build import BUILDERS, BuildError, build
from .core.built_site import diagrams_on
from .core.chromium import launch_chromium, local_context
from .core.config import load as load_config
from .core.files import atomic_write
from .core.paths import ROOT
from .core.serve import serve

OUTPUT = ROOT / "docs" / "downloads" / "mlops-course.pdf"
PRINT_PAGE = "print_page/"
DRAWN = """n => [...document.querySelectorAll("div.mermaid")]
  .filter(h => h.shadowRoot && h.shadowRoot.querySelector("svg")).length >= n"""
PAPER = {
    "format": "A4",
    "print_background": True,
    "margin": {"top": "16mm", "bottom": "18mm", "left": "14mm", "right": "14mm"},
}
COVER = ROOT / "includes" / "print-cover.tpl"
# Page numbers for the Zensical path: Chromium draws @page margin boxes, and the page
# counter starts where the previous part ended (`counter-reset` on the root element).
PAGE_NUMBERS = """
@page {{ @bottom-right {{ content: "Page " counter(page); font: 9pt sans-serif; }} }}
html {{ counter-reset: page {before}; }}
"""
# The Zensical path's own pages: the cover and the contents.
OWN_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title><style>
body {{ font: 12pt/1.5 system-ui, sans-serif; color: #222; margin: 0;
  font-variant-ligatures: none; }}  /* "fi" stays two letters: found by search */
.course-cover {{ padding-top: 30vh; text-align: center; }}
.course-cover h1 {{ font-size: 28pt; }}
a {{ color: inherit; text-decoration: none; }}
li {{ margin: 0.2em 0; }}
</style></head><body>{body}</body></html>"""


def print_course(site: Path, url: str) -> bytes:
    """The print page at url, with its diagrams drawn, as PDF bytes."""
    from playwright.sync_api import sync_playwright

    expected = diagrams_on(site, PRINT_PAGE)
    offsite: list[str] = []
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = local_context(browser, offsite, color_scheme="light").new_page()
        page.goto(url + PRINT_PAGE, wait_until="networkidle")
        # The site draws diagrams as they near the viewport, and all of them for print.
        page.emulate_media(media="print")
        page.wait_for_function(DRAWN, arg=expected, timeout=60_000)
        if page.locator("pre.mermaid").count():
            raise RuntimeError("a diagram was left as source on the print page")
        if offsite:
            raise RuntimeError(f"requests off 127.0.0.1: {offsite}")
        pdf = page.pdf(
            format="A4",
            print_background=True,
            # Page numbers come from the print page's own CSS (@page margin boxes).
            margin={"top": "16mm", "bottom": "18mm", "left": "14mm", "right": "14mm"},
            outline=True,
            tagged=True,
        )
        browser.close()
    return pdf


def nav_pages(config: dict) -> list[tuple[str, str]]:
    """(title, site path) of every page in mkdocs.yml's nav, in order."""
    pages: list[tuple[str, str]] = []

    def walk(items: list) -> None:
        for item in items:
            title, value = next(iter(item.items())) if isinstance(item, dict) else (None, item)
            if isinstance(value, list):
                walk(value)
            elif isinstance(value, str) and value.endswith(".md"):
                stem = value.removesuffix(".md")
                # index.md is its folder's page; any other x.md is served as x/.
                path = stem.removesuffix("index") if stem.split("/")[-1] == "index" else stem + "/"
                pages.append((title or path, path))

    walk(config.get("nav") or [])
    return pages


def sections(site: Path, path: str) -> tuple[str, list[tuple[str, str]]]:
    """A built page's title (its first heading) and its second-level headings (id, text)."""
    from bs4 import BeautifulSoup

    article = BeautifulSoup((site / path / "index.html").read_text(), "html.parser").article
    for link in article.select("a.headerlink"):
        link.decompose()
    h1 = article.find("h1")
    return (
        " ".join(h1.get_text().split()) if h1 else path,
        [(h2["id"], " ".join(h2.get_text().split())) for h2 in article.find_all("h2", id=True)],
    )


def contents_page(site: Path, url: str, pages: list[tuple[str, str]]) -> str:
    """The contents: each page and its sections, linked to their addresses on the local
    server (made links inside the PDF once it is put together)."""
    from html import escape

    items = []
    for _, path in pages:
        title, headings = sections(site, path)
        subitems = "".join(
            f'<li><a href="{url}{path}#{id_}">{escape(text)}</a></li>' for id_, text in headings
        )
        items.append(
            f'<li><a href="{url}{path}">{escape(title)}</a>'
            + (f"<ul>{subitems}</ul>" if subitems else "")
            + "</li>"
        )
    return OWN_PAGE.format(title="Contents", body=f"<h1>Contents</h1><ul>{''.join(items)}</ul>")


def cover_page(config: dict) -> str:
    import jinja2

    cover = jinja2.Template(COVER.read_text()).render(config=config)
    return OWN_PAGE.format(title=config["site_name"], body=cover)


def print_pages(site: Path, url: str, config: dict) -> bytes:
    """The Zensical path: cover, contents and every nav page, each printed on its own
    with its diagrams drawn and its pages numbered on, merged into one PDF."""
    from playwright.sync_api import sync_playwright

    pages = nav_pages(config)
    offsite: list[str] = []
    parts: list[tuple[str, str | None, bytes]] = []  # (title, site path, PDF)
    numbered = 0
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = local_context(browser, offsite, color_scheme="light").new_page()
        for title, html in (
            (config["site_name"], cover_page(config)),
            ("Contents", contents_page(site, url, pages)),
        ):
            page.set_content(html)
            if numbered:  # the cover counts as page 1 but shows no number
                page.add_style_tag(content=PAGE_NUMBERS.format(before=numbered))
            parts.append((title, None, page.pdf(**PAPER, tagged=True)))
            numbered += page_count(parts[-1][2])
        for title, path in pages:
            expected = diagrams_on(site, path)
            page.goto(url + path, wait_until="networkidle")
            page.emulate_media(media="print")  # the site draws every diagram for print
            page.wait_for_function(DRAWN, arg=expected, timeout=60_000)
            if page.locator("pre.mermaid").count():
                raise RuntimeError(f"{path or 'home'}: a diagram was left as source")
            page.add_style_tag(content=PAGE_NUMBERS.format(before=numbered))
            parts.append((title, path, page.pdf(**PAPER, tagged=True)))
            numbered += page_count(parts[-1][2])
            page.emulate_media(media="screen")
        browser.close()
    if offsite:
        raise RuntimeError(f"requests off 127.0.0.1: {offsite}")
    return merge(parts, url)


def page_count(pdf: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def merge(parts: list[tuple[str, str | None, bytes]], url: str) -> bytes:
    """One PDF of the parts, in order, with a bookmark for each page of the site, and
    every link to a page of the site (the local server's address, or an anchor of the
    same part) made a link to the place inside the PDF where that page or anchor is."""
    import io

    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, FloatObject, NameObject, NullObject

    writer = PdfWriter()
    starts: dict[str, int] = {}  # site path -> index of its first page
    anchors: dict[tuple[str | None, str], tuple[int, float]] = {}  # (path, id) -> page, top
    spans: list[tuple[int, int, str | None]] = []  # first page, end, site path
    for title, path, pdf in parts:
        reader = PdfReader(io.BytesIO(pdf))
        first = len(writer.pages)
        for name, dest in reader.named_destinations.items():
            place = first + reader.get_destination_page_number(dest)
            anchors[(path, name.lstrip("/"))] = (place, dest.top if dest.top is not None else 0.0)
        for pdf_page in reader.pages:
            writer.add_page(pdf_page)
        spans.append((first, len(writer.pages), path))
        if path is not None:
            starts[path] = first
        writer.add_outline_item(title=title, page_number=first)

    def target(link: dict, path: str | None) -> tuple[int, float] | None:
        action = link.get("/A")
        uri = action.get_object().get("/URI") if action else None
        if uri is not None:
            if not str(uri).startswith(url):
                return None  # a link off the site (the repository) stays as it is
            address, fragment = urldefrag(str(uri)[len(url) :])
            if fragment and (address, fragment) in anchors:
                return anchors[(address, fragment)]
            return (starts[address], 0.0) if address in starts else None
        name = link.get("/Dest")
        if isinstance(name, str):
            return anchors.get((path, name.lstrip("/")))
        return None

    for first, end, path in spans:
        for index in range(first, end):
            for ref in writer.pages[index].get("/Annots") or []:
                link = ref.get_object()
                if link.get("/Subtype") != "/Link":
                    continue
                place = target(link, path)
                if place is None:
                    continue
                page_index, top = place
                link.pop(NameObject("/A"), None)
                link[NameObject("/Dest")] = ArrayObject(
                    [
                        writer.pages[page_index].indirect_reference,
                        NameObject("/XYZ"),
                        NullObject(),
                        FloatObject(top),
                        NullObject(),
                    ]
                )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT, help="where to write the PDF")
    parser.add_argument(
        "--builder", choices=BUILDERS, default=BUILDERS[0], help="build with (default: %(default)s)"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        site.mkdir()
        with serve(site) as server:
            try:
                # The published site_url stays: the cover names it, and a print page
                # needs no sitemap for instant navigation.
                if args.builder == "zensical":
                    build(site, builder="zensical")
                    pdf = print_pages(site, server.url, load_config())
                else:
                    build(site, PRINT_SITE="true")
                    pdf = print_course(site, server.url)
            except (BuildError, RuntimeError) as error:
                print(f"make pdf: {error}", file=sys.stderr)
                return 1
    atomic_write(args.output, pdf)
    from pypdf import PdfReader

    pages = len(PdfReader(args.output).pages)
    print(
        f"{args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output}: "
        f"{pages} pages, {len(pdf) / 1_000_000:.2f} MB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
