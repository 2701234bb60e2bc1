"""Debian's Chromium, as this machine can run it, driven by Playwright, on our origin only.

Shared by the scripts that print or photograph the site, the diagram check and the
tests: the flags Chromium needs here, and a browser context that aborts every request
leaving 127.0.0.1 (readers get every byte from our origin).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# As Debian's Chromium needs them here: no sandbox for root, no GPU, and none of the
# background traffic a closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


# Material draws each diagram into a *closed* shadow root; opening them (an init script
# run before the page's own) lets scripts and tests look at the drawn SVG.
OPEN_SHADOW_ROOTS = """
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) {
  return attach.call(this, { ...init, mode: "open" });
};
"""


def local_context(browser, offsite: list[str] | None = None, **options):
    """A browser context that may talk to 127.0.0.1 only: every other request is
    aborted (and noted in `offsite`), as readers get every byte from our origin;
    closed shadow roots open (OPEN_SHADOW_ROOTS). `options` go to new_context
    (color_scheme, viewport ...)."""
    context = browser.new_context(**options)
    context.add_init_script(OPEN_SHADOW_ROOTS)

    def route(route) -> None:
        url = route.request.url
        if urlsplit(url).hostname == "127.0.0.1":
            route.continue_()
        else:
            if offsite is not None:
                offsite.append(url)
            route.abort()

    context.route("**/*", route)
    return context


def launch_chromium(playwright, *extra_args: str):
    """Debian's Chromium, driven by Playwright (its own browser download is not
    possible here), with CHROMIUM_ARGS and any extra flags (the benchmarks add a
    resolver rule that refuses off-site names)."""
    if not Path(CHROMIUM).exists():
        raise FileNotFoundError(f"no Chromium at {CHROMIUM}: `make chromium` installs it")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, *extra_args])
