"""Screenshot pages as readers see them: light and dark, desktop and a 375 px phone.

Builds the site, serves it on 127.0.0.1 and saves one full-page PNG per page,
palette and screen into build/screenshots/ (or -o DIR), every diagram drawn.
Look at them before opening a pull request that changes a page.

    python -m scripts.take_screenshots [PAGE ...] [-o DIR] [--diagrams] [--builder zensical]
    python -m scripts.take_screenshots --draft notes/day-02.txt

PAGE is a site path such as `days/day-01/` (default: every page). With --diagrams,
each drawn diagram is also saved on its own (`...-diagram-NN.png`), at the size a
reader sees it: a whole page shot is too tall to judge a diagram on a phone.
--draft NOTES shoots the importer's draft of a notes file instead, as an extra page
of a scratch copy of the site (days/draft-NAME/), each diagram on its own too: the
repository is not touched.
With `--builder zensical`, the site Zensical builds from the same mkdocs.yml is
shot instead.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from .core.build import BUILDERS, BuildError, build
from .core.built_site import diagrams_on, site_pages
from .core.chromium import launch_chromium, local_context
from .core.paths import ROOT
from .core.serve import serve
from .importer.scratch_site import scratch_copy

OUTPUT = ROOT / "build" / "screenshots"
SCREENS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}
PALETTES = ("light", "dark")


def shoot(
    site: Path, url: str, pages: list[str], output: Path, *, diagram_shots: bool = False
) -> list[Path]:
    from playwright.sync_api import sync_playwright

    shots = []
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for path in pages:
            diagrams = diagrams_on(site, path)
            name = path.strip("/").replace("/", "-") or "home"
            for palette in PALETTES:
                for screen, viewport in SCREENS.items():
                    context = local_context(browser, color_scheme=palette, viewport=viewport)
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
                    if diagram_shots:  # the sticky header would cover a scrolled-to diagram
                        page.add_style_tag(content=".md-header { visibility: hidden; }")
                    for n in range(diagrams if diagram_shots else 0):
                        shot = output / f"{name}-{palette}-{screen}-diagram-{n + 1:02d}.png"
                        page.locator("div.mermaid").nth(n).screenshot(path=str(shot))
                        shots.append(shot)
                    context.close()
        browser.close()
    return shots


def draft_of(notes: Path) -> tuple[str, str]:
    """(page name, page text): the importer's draft of a notes file."""
    from .importer.pipeline import convert

    name = f"draft-{notes.stem}"
    shown = (
        notes.resolve().relative_to(ROOT).as_posix()
        if notes.resolve().is_relative_to(ROOT)
        else notes.name
    )
    return name, convert(notes.read_bytes(), shown, notes.stem).text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", help="site paths, e.g. days/day-01/")
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    parser.add_argument("--diagrams", action="store_true", help="also save each diagram on its own")
    parser.add_argument(
        "--draft", type=Path, action="append", default=[], metavar="NOTES",
        help="shoot the importer's draft of this notes file (a scratch copy of the site)",
    )  # fmt: skip
    parser.add_argument(
        "--builder", choices=BUILDERS, default=BUILDERS[0], help="build with (default: %(default)s)"
    )
    args = parser.parse_args(argv)
    args.output.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        root = ROOT
        drafts = dict(draft_of(notes) for notes in args.draft)
        if drafts:
            root = scratch_copy(Path(tmp) / "project", drafts)
        site = Path(tmp) / "site"
        site.mkdir()
        with serve(site) as server:
            try:
                build(site, site_url=server.url, builder=args.builder, root=root)
            except BuildError as error:
                print(error, file=sys.stderr)
                return 1
            pages = args.pages or [f"days/{name}/" for name in drafts] or site_pages(site)
            each = args.diagrams or bool(drafts)
            for shot in shoot(site, server.url, pages, args.output, diagram_shots=each):
                print(shot)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
