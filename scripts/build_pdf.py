"""Print the whole course to one PDF handout (`make pdf`).

Builds the site with its print page (PRINT_SITE=true: cover, contents, every day,
the glossary), serves it on 127.0.0.1, lets Chromium draw every diagram, and
prints it with page numbers. Nothing is fetched from anywhere else: a request off
127.0.0.1 is aborted and fails the run. The PDF goes to docs/downloads/, where the
next site build picks it up and links it from the home page (hooks/downloads.py).

    python scripts/build_pdf.py [-o PATH]
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from local_site import OPEN_SHADOW_ROOTS, ROOT, BuildError, build, launch_chromium, serve

OUTPUT = ROOT / "docs" / "downloads" / "mlops-course.pdf"
PRINT_PAGE = "print_page/"
MERMAID_BLOCK = re.compile(r'<pre[^>]*class="mermaid"')
DRAWN = """n => [...document.querySelectorAll("div.mermaid")]
  .filter(h => h.shadowRoot && h.shadowRoot.querySelector("svg")).length >= n"""


def print_course(site: Path, url: str) -> bytes:
    """The print page at url, with its diagrams drawn, as PDF bytes."""
    from playwright.sync_api import sync_playwright

    expected = len(MERMAID_BLOCK.findall((site / PRINT_PAGE / "index.html").read_text()))
    offsite: list[str] = []
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        context = browser.new_context(color_scheme="light")
        context.add_init_script(OPEN_SHADOW_ROOTS)

        def keep_local(route):
            if urlsplit(route.request.url).hostname == "127.0.0.1":
                route.continue_()
            else:
                offsite.append(route.request.url)
                route.abort()

        context.route("**/*", keep_local)
        page = context.new_page()
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


def write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT, help="where to write the PDF")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        site.mkdir()
        with serve(site) as server:
            try:
                # The published site_url stays: the cover names it, and a print page
                # needs no sitemap for instant navigation.
                build(site, PRINT_SITE="true")
                pdf = print_course(site, server.url)
            except (BuildError, RuntimeError) as error:
                print(f"make pdf: {error}", file=sys.stderr)
                return 1
    write_atomically(args.output, pdf)
    from pypdf import PdfReader

    pages = len(PdfReader(args.output).pages)
    print(
        f"{args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output}: "
        f"{pages} pages, {len(pdf) / 1_000_000:.2f} MB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
