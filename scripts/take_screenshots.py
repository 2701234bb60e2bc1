"""Screenshot pages as readers see them: light and dark, desktop and a 375 px phone.

Builds the site, serves it on 127.0.0.1 and saves one full-page PNG per page,
palette and screen into build/screenshots/ (or -o DIR), every diagram drawn.
Look at them before opening a pull request that changes a page.

    python scripts/take_screenshots.py [PAGE ...] [-o DIR] [--builder zensical]

PAGE is a site path such as `days/day-01/` (default: every page). With `--builder
zensical`, the site Zensical builds from the same mkdocs.yml is shot instead.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

from local_site import (
    BUILDERS,
    OPEN_SHADOW_ROOTS,
    ROOT,
    BuildError,
    build,
    launch_chromium,
    serve,
)

OUTPUT = ROOT / "build" / "screenshots"
SCREENS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}
PALETTES = ("light", "dark")
MERMAID_BLOCK = re.compile(r'<pre[^>]*class="mermaid"')


def site_pages(site: Path) -> list[str]:
    return sorted(
        "" if html.parent == site else html.parent.relative_to(site).as_posix() + "/"
        for html in site.rglob("index.html")
    )


def shoot(site: Path, url: str, pages: list[str], output: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    shots = []
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for path in pages:
            diagrams = len(MERMAID_BLOCK.findall((site / path / "index.html").read_text()))
            name = path.strip("/").replace("/", "-") or "home"
            for palette in PALETTES:
                for screen, viewport in SCREENS.items():
                    context = browser.new_context(color_scheme=palette, viewport=viewport)
                    context.add_init_script(OPEN_SHADOW_ROOTS)
                    context.route(
                        "**/*",
                        lambda route: (
                            route.continue_()
                            if route.request.url.startswith(url)
                            else route.abort()
                        ),
                    )
                    page = context.new_page()
                    page.goto(url + path, wait_until="networkidle")
                    if diagrams:  # printing asks for every diagram at once
                        page.emulate_media(media="print")
                        page.wait_for_function(
                            """n => [...document.querySelectorAll("div.mermaid")]
                                 .filter(h => h.shadowRoot?.querySelector("svg")).length >= n""",
                            arg=diagrams,
                        )
                        page.emulate_media(media="screen")
                    shot = output / f"{name}-{palette}-{screen}.png"
                    page.screenshot(path=str(shot), full_page=True)
                    shots.append(shot)
                    context.close()
        browser.close()
    return shots


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", help="site paths, e.g. days/day-01/")
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    parser.add_argument(
        "--builder", choices=BUILDERS, default=BUILDERS[0], help="build with (default: %(default)s)"
    )
    args = parser.parse_args(argv)
    args.output.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        site.mkdir()
        with serve(site) as server:
            try:
                build(site, site_url=server.url, builder=args.builder)
            except BuildError as error:
                print(error, file=sys.stderr)
                return 1
            pages = args.pages or site_pages(site)
            for shot in shoot(site, server.url, pages, args.output):
                print(shot)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
