"""What every benchmark shares: paths, a gzip-capable static server, temporary copies
of the project, a YAML round trip that keeps MkDocs' tags, Chromium, and tables.

Nothing here changes the repository: sites are built into temporary folders, and a
project that must be edited (generated pages, a rewritten nav, a Markdown change for
live reload) is copied into a temporary folder first.
"""

from __future__ import annotations

import contextlib
import email.utils
import gzip
import http.server
import io
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from urllib.parse import urlsplit

import yaml

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT / "scripts"))

import local_site  # noqa: E402  (scripts/local_site.py: build, Chromium path and flags)

PYTHON = sys.executable
MERMAID_BLOCK = re.compile(r'<pre[^>]*class="[^"]*\bmermaid\b')

# What a copy of the project leaves out: version control, environments, outputs,
# caches, the benchmarks themselves, and the (git-ignored) PDF handout.
TOP_LEVEL_SKIP = {".venv", "site", "site-zensical", ".cache", "build", "benchmarks"}
ANYWHERE_SKIP = {
    ".git",
    "node_modules",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
}


def _copy_ignore(folder: str, names: list[str]) -> set[str]:
    here = Path(folder).resolve()
    skip = {name for name in names if name in ANYWHERE_SKIP}
    if here == ROOT:
        skip |= TOP_LEVEL_SKIP & set(names)
    if here == ROOT / "docs":
        skip |= {"downloads"} & set(names)
    return skip


def mkdocs_env(**extra: str) -> dict[str, str]:
    """The environment MkDocs runs in here: Material's end-of-life notice silenced (as
    the Makefile does), nothing inherited that points git somewhere else."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.update(extra)
    return env


# -- Copies of the project -----------------------------------------------------


def copy_project(dest: Path) -> Path:
    """The repository's working tree as it is now (uncommitted edits included), without
    .git, environments, outputs and caches, copied to dest."""
    shutil.copytree(ROOT, dest, ignore=_copy_ignore, symlinks=True)
    return dest


def git_snapshot(project: Path) -> None:
    """Make a throwaway git repository of a *temporary copy* (never the repository
    itself), so git-revision-date-localized does the per-page `git log` work it does in
    CI instead of falling back to the build date."""
    if project.resolve().is_relative_to(ROOT):
        raise ValueError(f"refusing to run git in {project}: not a temporary copy")
    env = mkdocs_env(GIT_CEILING_DIRECTORIES=str(project.parent))
    git = ["git", "-C", str(project), "-c", "user.name=bench", "-c", "user.email=bench@localhost"]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "benchmark snapshot"]):
        subprocess.run([*git, *args], check=True, env=env, capture_output=True)


def day_pages(template: str, count: int) -> list[tuple[str, str, str]]:
    """count lesson pages made from one page's Markdown: (file name, nav title, text).
    "Day 1" becomes "Day N" so that titles differ; everything else is the same."""
    title = re.search(r'^title:\s*"?(.*?)"?\s*$', template, re.M)
    base = title.group(1) if title else "Day 1"
    pages = []
    for n in range(1, count + 1):
        text = re.sub(r"\bDay 1\b", f"Day {n}", template)
        pages.append((f"day-{n:02d}.md", re.sub(r"\bDay 1\b", f"Day {n}", base), text))
    return pages


def write_days(docs: Path, count: int, template: Path) -> list[tuple[str, str]]:
    """Replace docs/days/ by count copies of template; returns nav entries
    (title, path relative to docs)."""
    text = template.read_text()
    days = docs / "days"
    shutil.rmtree(days, ignore_errors=True)
    days.mkdir(parents=True)
    entries = []
    for name, title, page in day_pages(text, count):
        (days / name).write_text(page)
        entries.append((title, f"days/{name}"))
    return entries


def rewrite_nav(nav: list | None, days: list[tuple[str, str]]) -> list | None:
    """The nav with its lessons (entries under days/) replaced by the given ones, in the
    section that held them; other entries are kept. No nav (MkDocs lists every page
    itself) stays none."""
    if nav is None:
        return None
    placed = False

    def is_day(entry) -> bool:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        return isinstance(value, str) and value.startswith("days/")

    def walk(items: list) -> list:
        nonlocal placed
        out = []
        for item in items:
            if is_day(item):
                if not placed:
                    out += [{title: path} for title, path in days]
                    placed = True
                continue
            if isinstance(item, dict):
                key, value = next(iter(item.items()))
                out.append({key: walk(value) if isinstance(value, list) else value})
            else:
                out.append(item)
        return out

    result = walk(nav)
    if not placed:
        result.append({"Lessons": [{title: path} for title, path in days]})
    return result


# -- mkdocs.yml, read and written with its tags kept ---------------------------


class PyName(str):
    """`!!python/name:module.attr`, kept as text."""


class Tagged:
    """Any local tag (`!ENV [...]`, `!relative`), kept with its value."""

    def __init__(self, tag: str, value) -> None:
        self.tag, self.value = tag, value

    def resolved(self):
        """!ENV's default (its last item) when the variable is not set; else the value."""
        if self.tag == "!ENV":
            names = self.value if isinstance(self.value, list) else [self.value]
            for name in names[:-1] if len(names) > 1 else names:
                if isinstance(name, str) and name in os.environ:
                    return os.environ[name]
            return names[-1] if len(names) > 1 else None
        return self.value


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _construct_tagged(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return Tagged("!" + suffix, value)


def _represent_tagged(dumper, data: Tagged):
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value, flow_style=True)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


_Loader.add_multi_constructor(
    "tag:yaml.org,2002:python/name:", lambda loader, suffix, node: PyName(suffix)
)
_Loader.add_multi_constructor("!", _construct_tagged)
_Dumper.add_representer(
    PyName,
    lambda dumper, data: dumper.represent_scalar(f"tag:yaml.org,2002:python/name:{data}", ""),
)
_Dumper.add_representer(Tagged, _represent_tagged)


def load_yaml(path: Path) -> dict:
    return yaml.load(path.read_text(), Loader=_Loader)


def dump_yaml(data) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1000)


# -- A static server that compresses like GitHub Pages --------------------------

COMPRESSIBLE = (
    "text/",
    "application/javascript",
    "application/json",
    "application/xml",
    "application/manifest+json",
    "image/svg+xml",
)


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files as GitHub Pages serves them: HTTP/1.1 keep-alive, text types gzip
    compressed when the client accepts it, `Cache-Control: max-age=600`, the site's
    404.html for a missing path, a slash added to a folder's address by redirect."""

    protocol_version = "HTTP/1.1"
    extensions_map = {  # noqa: RUF012 (class attribute the base class reads)
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".html": "text/html",
        ".css": "text/css",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".json": "application/json",
        ".map": "application/json",
        ".xml": "application/xml",
        ".svg": "image/svg+xml",
        ".txt": "text/plain",
        ".webmanifest": "application/manifest+json",
        ".woff2": "font/woff2",
        ".gz": "application/gzip",
    }
    _cache: dict = {}  # noqa: RUF012  ((path, mtime, gzip) -> bytes), shared by requests
    _lock = threading.Lock()

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _body(self, path: str, compress: bool) -> bytes:
        key = (path, os.stat(path).st_mtime_ns, compress)
        with self._lock:
            if key in self._cache:
                return self._cache[key]
        data = Path(path).read_bytes()
        if compress:
            data = gzip.compress(data, compresslevel=6, mtime=0)
        with self._lock:
            self._cache[key] = data
        return data

    def send_head(self):
        url = urlsplit(self.path)
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not url.path.endswith("/"):
                self.send_response(301)
                location = url.path + "/" + (f"?{url.query}" if url.query else "")
                self.send_header("Location", location)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            path = os.path.join(path, "index.html")
        status = 200
        if not os.path.isfile(path):
            status = 404
            path = os.path.join(self.directory, "404.html")
            if not os.path.isfile(path):
                self.send_error(404)
                return None
        ctype = self.guess_type(path)
        accepts = self.headers.get("Accept-Encoding", "").lower()
        compress = "gzip" in accepts and ctype.startswith(COMPRESSIBLE)
        body = self._body(path, compress)
        self.send_response(status)
        text = ctype.startswith("text/") or ctype in ("application/javascript", "application/json")
        self.send_header("Content-Type", f"{ctype}; charset=utf-8" if text else ctype)
        self.send_header("Content-Length", str(len(body)))
        mtime = os.stat(path).st_mtime
        self.send_header("Last-Modified", email.utils.formatdate(mtime, usegmt=True))
        self.send_header("Cache-Control", "max-age=600")
        self.send_header("Vary", "Accept-Encoding")
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        return io.BytesIO(body)


def serve_gzip(root: Path):
    """local_site.serve with the gzip handler: a server whose address is known before
    anything is built into its folder, since a site's sitemap must name it."""
    return local_site.serve(root, handler=GzipHandler)


# -- The two sites, built and served side by side -------------------------------


def build_ours(dest: Path, site_url: str) -> Path:
    """The repository as it is now, `mkdocs build --strict` (scripts/local_site.py)."""
    return local_site.build(dest, site_url=site_url)


@contextlib.contextmanager
def served_sites(
    tmp: Path, names: Sequence[str] = ("ours", "baseline")
) -> Iterator[dict[str, local_site.Server]]:
    """Our site, the baseline (baseline.py) and, when named, "zensical" (our site as
    Zensical builds it), each built for and served by its own gzip server;
    {name: server}, server.root the built site. A failed build raises
    local_site.BuildError."""
    import baseline

    with contextlib.ExitStack() as stack:
        servers = {}
        for name in names:
            root = tmp / f"{name}-site"
            root.mkdir()
            servers[name] = stack.enter_context(serve_gzip(root))
        for name, server in servers.items():
            if name == "baseline":
                baseline.build_site(tmp / "baseline-project", server.root, server.url)
            elif name == "zensical":
                local_site.build(server.root, site_url=server.url, builder="zensical")
            else:
                build_ours(server.root, server.url)
        yield servers


def site_pages(site: Path) -> list[str]:
    """Every page of a built site as a URL path relative to its root ("" is home)."""
    pages = []
    for html in site.rglob("index.html"):
        rel = html.parent.relative_to(site).as_posix()
        pages.append("" if rel == "." else rel + "/")
    return sorted(pages, key=lambda page: (page != "", page))  # home first


def diagram_count(site: Path, path: str) -> int:
    return len(MERMAID_BLOCK.findall((site / path / "index.html").read_text()))


def heaviest_page(site: Path) -> str:
    """The page with the most diagrams (ties: the first in path order)."""
    pages = site_pages(site)
    return max(pages, key=lambda p: (diagram_count(site, p), -pages.index(p)))


# -- Chromium -----------------------------------------------------------------

# Off-site requests fail at name resolution inside the browser (no interception,
# which would slow every request down); they are still seen and counted.
OFFSITE_BLOCK = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"

# A phone, as Lighthouse's mobile preset emulates one (Moto G Power).
MOBILE = {
    "viewport": {"width": 412, "height": 823},
    "device_scale_factor": 1.75,
    "is_mobile": True,
    "has_touch": True,
    "user_agent": (
        "Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Chrome/136.0.0.0 Mobile Safari/537.36"
    ),
}


def launch_chromium(playwright):
    """Debian's Chromium with the flags scripts/local_site.py uses, plus off-site
    requests refused by the resolver."""
    if not Path(local_site.CHROMIUM).exists():
        raise FileNotFoundError(f"no Chromium at {local_site.CHROMIUM}: `make chromium`")
    return playwright.chromium.launch(
        executable_path=local_site.CHROMIUM, args=[*local_site.CHROMIUM_ARGS, OFFSITE_BLOCK]
    )


# Opens Material's closed shadow roots (as tests/browser/browsing.py does) and notes,
# in ms since navigation start, when each diagram's SVG appears: in a shadow root of
# any element, or in a `.mermaid` element itself (a set-up that draws in place).
# Mermaid's own scratch SVGs (outside any .mermaid element) are not counted.
DIAGRAM_CLOCK = """
(() => {
  const drawn = new Set();
  window.__benchDiagrams = [];
  const note = (host, svg) => {
    if (!host || drawn.has(host)) return;
    drawn.add(host);
    window.__benchDiagrams.push({
      t: performance.now(),
      error: svg.getAttribute("aria-roledescription") === "error",
    });
  };
  const look = (host, root) => {
    const svg = root.querySelector("svg");
    if (svg) note(host, svg);
  };
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, { ...init, mode: "open" });
    const host = this;
    new MutationObserver(() => look(host, root)).observe(root, { childList: true, subtree: true });
    return root;
  };
  new MutationObserver(records => {
    for (const record of records)
      for (const node of record.addedNodes) {
        if (node.nodeType !== 1) continue;
        const host = node.closest(".mermaid");
        if (host && !host.shadowRoot) look(host, host);
      }
  }).observe(document, { childList: true, subtree: true });
})();
"""

DRAWN_COUNT = "() => window.__benchDiagrams.length"

# Scrolls to the bottom, one step (80% of the viewport) every stepMs, until the page
# stops growing; returns the time (ms since navigation start) it got there.
SCROLL_TO_BOTTOM = """
async stepMs => {
  const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
  for (let i = 0; i < 2000; i++) {
    const before = window.scrollY;
    window.scrollBy({ top: Math.round(window.innerHeight * 0.8), behavior: "instant" });
    await sleep(stepMs);
    if (window.scrollY === before) break;
  }
  return performance.now();
}
"""


def is_offsite(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname != "127.0.0.1"


# -- Numbers and tables ------------------------------------------------------------


def median(values: Sequence[float | None]) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def ratio(ours: float | None, base: float | None) -> str:
    if ours is None or base is None or base == 0:
        return "n/a"
    return f"{ours / base:.2f}x"


def fmt(value, digits: int = 0, scale: float = 1.0) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, str):
        return value
    return f"{value / scale:,.{digits}f}"


def print_table(headers: Sequence[str], rows: Sequence[Sequence[str]], title: str = "") -> None:
    """A plain-text table: first column left-aligned, the others right-aligned."""
    cells = [list(map(str, headers)), *[list(map(str, row)) for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row: list[str]) -> str:
        parts = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        return "  ".join(parts).rstrip()

    if title:
        print(f"\n{title}")
    print(line(cells[0]))
    print("  ".join("-" * w for w in widths))
    for row in cells[1:]:
        print(line(row))


def run_interleaved(names: Sequence[str], runs: int, once: Callable[[str, int], object]) -> dict:
    """once(name, run) for run in 1..runs, names alternating within each run, so that
    load from other work on the machine falls on every set-up alike."""
    results: dict[str, list] = {name: [] for name in names}
    for run in range(1, runs + 1):
        order = list(names) if run % 2 else list(reversed(names))
        for name in order:
            results[name].append(once(name, run))
    return results
