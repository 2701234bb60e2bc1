"""Build the site and look at it in Chromium, on this machine only.

Shared by the scripts that print or package the site and by the tests: one place
that knows how MkDocs and Zensical are run, how the built site is served on
127.0.0.1, and how Debian's Chromium is launched here.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from . import csp, snippets
from .paths import CONFIG, ROOT, SITE

# The builders the site is built with: MkDocs (published) and Zensical (README,
# "Building with Zensical"), each from the same mkdocs.yml.
BUILDERS = ("mkdocs", "zensical")
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


# A diagram in a built page: Material's fence (mermaid2's formatter) writes
# <pre class="mermaid"><code>...</code></pre>; Material draws each.
MERMAID_BLOCK = re.compile(r'<pre[^>]*class="[^"]*\bmermaid\b')


def site_pages(site: Path) -> list[str]:
    """Every page of a built site, as URL paths relative to its root ("" for the home
    page, "days/day-01/"), sorted."""
    return sorted(
        "" if html.parent == site else html.parent.relative_to(site).as_posix() + "/"
        for html in site.rglob("index.html")
    )


def diagrams_on(site: Path, path: str) -> int:
    """How many diagrams the built page at `path` ("days/day-01/") holds."""
    page = site / path / "index.html" if not path.endswith(".html") else site / path
    return len(MERMAID_BLOCK.findall(page.read_text(encoding="utf-8")))


class BuildError(RuntimeError):
    """`mkdocs build --strict` (or `zensical build --strict`) failed; the message
    holds the builder's output."""


def build(
    dest: Path,
    *,
    site_url: str | None = None,
    builder: str = "mkdocs",
    root: Path = ROOT,
    **env: str,
) -> Path:
    """A strict build of the repository (or of a copy of it at `root`) into dest by
    builder (BUILDERS), with extra environment (SITE_URL, OFFLINE, PRINT_SITE: see
    mkdocs.yml), as every build is made: snippets that would leave includes/ refused
    first (core/snippets.py), the Content Security Policy written into every page
    after (core/csp.py; for file:// when OFFLINE=true). Inline scripts the policy does
    not list are left unhashed, so the browser refuses them: the hostile-page tests
    build such sites on purpose, and `make security` reports them."""
    if builder not in BUILDERS:
        raise ValueError(f"unknown builder {builder!r}: one of {BUILDERS}")
    if refused := snippets.problems(root):
        raise BuildError("\n".join(refused))
    environ = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    if site_url:
        environ["SITE_URL"] = site_url
    if builder == "zensical":
        _build_zensical(dest, environ, root)
    else:
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(dest)]
        result = subprocess.run(command, cwd=root, capture_output=True, text=True, env=environ)
        if result.returncode != 0:
            raise BuildError(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}")
    try:
        csp.write_policy(dest, offline=env.get("OFFLINE") == "true")
    except ValueError as error:
        raise BuildError(str(error)) from None
    return dest


def _build_zensical(dest: Path, environ: dict[str, str], root: Path = ROOT) -> Path:
    """`zensical build --strict` into dest. Zensical writes only inside the project
    folder (SITE_DIR, see mkdocs.yml), so it builds into a scratch folder under
    build/ and the result is moved to dest."""
    (root / "build").mkdir(exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="zensical-", dir=root / "build"))
    try:
        environ = {**environ, "SITE_DIR": str(scratch.relative_to(root)), "NO_COLOR": "1"}
        result = subprocess.run(
            [sys.executable, "-m", "zensical", "build", "--strict"],
            cwd=root,
            capture_output=True,
            text=True,
            env=environ,
        )
        if result.returncode != 0:
            raise BuildError(f"zensical build --strict failed:\n{result.stdout}\n{result.stderr}")
        dest.mkdir(parents=True, exist_ok=True)
        for entry in scratch.iterdir():
            shutil.move(str(entry), dest / entry.name)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return dest


# What a scratch copy of the project leaves out: history, environments, outputs.
# includes/ is copied, not linked: a symlink there is what every build refuses
# (core/snippets.py).
NOT_COPIED = frozenset(
    (".git", ".venv", "site", "build", "node_modules", "mkdocs.yml", "docs", "includes")
)


def scratch_copy(dest: Path, pages: dict[str, str], keep_days: bool = True) -> Path:
    """The project at `dest`, as links to its files (folders under docs/ and includes/
    copied), with pages under docs/days/
    listed in the nav ({name: Markdown}, e.g. an importer's draft): the site as it
    would be with them, built without touching the repository. A page of the same
    name as a lesson replaces it; `keep_days=False` leaves the other lessons out."""
    from ..importer.frontmatter import split_page
    from ..importer.nav import add_to_nav

    dest.mkdir(parents=True)
    for entry in ROOT.iterdir():
        if entry.name not in NOT_COPIED:
            (dest / entry.name).symlink_to(entry)
    shutil.copytree(ROOT / "includes", dest / "includes", symlinks=True)
    docs = dest / "docs"
    docs.mkdir()
    for entry in (ROOT / "docs").iterdir():
        if entry.name == "days":
            continue
        # Folders are copied: Zensical does not enter a linked folder (the copy's
        # site would lack our JavaScript, styles and vendored Mermaid).
        if entry.is_dir():
            shutil.copytree(entry, docs / entry.name, symlinks=True)
        else:
            (docs / entry.name).symlink_to(entry)
    days = docs / "days"
    days.mkdir()
    for entry in (ROOT / "docs" / "days").iterdir() if keep_days else ():
        # Never a link for a page written below: writing to it would write the lesson.
        if entry.stem not in pages:
            (days / entry.name).symlink_to(entry)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for name, text in pages.items():
        (days / f"{name}.md").write_text(text, encoding="utf-8")
        fields = (split_page(text) or ({}, ""))[0]
        title = fields.get("title", name).strip('"')
        config = add_to_nav(config, f"{title} ({name})", f"days/{name}.md")
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    return dest


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging every request."""

    def log_message(self, format: str, *args: object) -> None:
        pass


class Server(http.server.ThreadingHTTPServer):
    """A static file server on 127.0.0.1 whose port is known before anything is built
    into its folder (the site's sitemap must name the address it is served from)."""

    daemon_threads = True

    def __init__(self, root: Path, handler: type = QuietHandler) -> None:
        self.root = root
        super().__init__(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
        self.url = f"http://127.0.0.1:{self.server_address[1]}/"


@contextlib.contextmanager
def serve(root: Path, handler: type = QuietHandler) -> Iterator[Server]:
    """Serve root on 127.0.0.1 while the block runs (handler: a SimpleHTTPRequestHandler
    subclass, such as the benchmarks' gzip one)."""
    server = Server(root, handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


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


def site_arguments(parser) -> None:
    """The arguments of a check that reads the built site: the folder, mkdocs.yml,
    and the site_url it was built with."""
    parser.add_argument("site", nargs="?", type=Path, default=SITE, help="built site folder")
    parser.add_argument("--config", type=Path, default=CONFIG, help="mkdocs.yml")
    parser.add_argument("--site-url", help="site_url the site was built with (default: config)")


def launch_chromium(playwright, *extra_args: str):
    """Debian's Chromium, driven by Playwright (its own browser download is not
    possible here), with CHROMIUM_ARGS and any extra flags (the benchmarks add a
    resolver rule that refuses off-site names)."""
    if not Path(CHROMIUM).exists():
        raise FileNotFoundError(f"no Chromium at {CHROMIUM}: `make chromium` installs it")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, *extra_args])
