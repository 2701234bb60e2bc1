"""Edit-to-reload time in `make serve`: how long after a Markdown page is saved the
browser shows the change (MkDocs' live reload), our project against the baseline.

Both projects are temporary copies (the repository's docs/ is never touched): ours
is the working tree as it is now (by default made a throwaway git repository, as a
developer's clone is, so the git-revision-date-localized plugin works as it does in
`make serve`; --no-git to skip), the baseline is baseline.py's plain Material +
mermaid2 project with the same pages. Each is served by `mkdocs serve --dev-addr
127.0.0.1:<free port>` (what `make serve` runs, on its own port), and Chromium opens
the page with the most diagrams (docs/days/day-01.md). Each run appends a unique
marker paragraph to that page's Markdown and measures, on the clock of this script,
the time from the write until the marker is in the page Chromium shows (polled every
25 ms); the two projects alternate, with a pause between edits. Printed: the median
of --runs runs (default 5) and the median of MkDocs' own "Documentation built in"
time for those rebuilds.

    python -m benchmarks.bench_reload
    python -m benchmarks.bench_reload --runs 9 --page days/day-01.md
"""

from __future__ import annotations

import argparse
import contextlib
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

from scripts.core.chromium import launch_chromium

from . import baseline
from .browser import OFFSITE_BLOCK
from .project import PYTHON, copy_project, git_snapshot, mkdocs_env
from .tables import fmt, median, print_table, ratio, run_interleaved

SITES = ("ours", "baseline")
START_TIMEOUT = 300
RELOAD_TIMEOUT = 120
SETTLE = 1.5
BUILT = re.compile(r"Documentation built in ([\d.]+) seconds")
SERVING = re.compile(r"Serving on (http://\S+)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class DevServer:
    """`mkdocs serve` of a project on a free 127.0.0.1 port; its log collected."""

    def __init__(self, project: Path) -> None:
        self.project = project
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            [PYTHON, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{free_port()}"],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=mkdocs_env(),
        )
        threading.Thread(target=self._read, daemon=True).start()
        self.url = self._wait_url()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line.rstrip())

    def _wait_url(self) -> str:
        end = time.monotonic() + START_TIMEOUT
        while time.monotonic() < end:
            for line in self.lines:
                if match := SERVING.search(line):
                    return match.group(1).rstrip("/") + "/"
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        log = "\n".join(self.lines[-40:])
        self.stop()
        raise RuntimeError(f"mkdocs serve in {self.project} did not start:\n{log}")

    def builds(self) -> list[float]:
        return [float(m.group(1)) for line in self.lines if (m := BUILT.search(line))]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def shows(page, marker: str) -> bool:
    try:
        return page.evaluate("m => !!document.body && document.body.innerText.includes(m)", marker)
    except Exception:  # the page is being replaced by the reload
        return False


def one_reload(page, source: Path, server: DevServer) -> tuple[float | None, float | None]:
    """Seconds from appending a marker to source until the page shows it, and MkDocs'
    build time for that change (None when it did not show within the timeout)."""
    marker = f"reload-marker-{uuid.uuid4().hex[:12]}"
    builds_before = len(server.builds())
    start = time.perf_counter()
    with source.open("a") as file:
        file.write(f"\n\n{marker}\n")
    end = start + RELOAD_TIMEOUT
    seen = None
    while time.perf_counter() < end:
        if shows(page, marker):
            seen = time.perf_counter() - start
            break
        page.wait_for_timeout(25)
    time.sleep(SETTLE)
    # MkDocs logs the build a moment after the reload may already have happened.
    until = time.monotonic() + 5
    while len(server.builds()) <= builds_before and time.monotonic() < until:
        time.sleep(0.1)
    builds = server.builds()[builds_before:]
    return seen, (builds[-1] if builds else None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--page", default="days/day-01.md", help="page to edit, under docs/")
    parser.add_argument(
        "--no-git", dest="git", action="store_false", help="no git history in our copy"
    )
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    url_path = re.sub(r"(index)?\.md$", "", args.page)
    url_path = url_path if not url_path or url_path.endswith("/") else url_path + "/"
    with (
        tempfile.TemporaryDirectory(prefix="bench-reload-") as tmp,
        contextlib.ExitStack() as stack,
    ):
        projects = {"ours": copy_project(Path(tmp) / "ours")}
        if args.git:
            git_snapshot(projects["ours"])
        projects["baseline"] = baseline.make_project(Path(tmp) / "baseline", "baseline")
        servers = {}
        for name in SITES:
            print(f"starting mkdocs serve for {name} ...", file=sys.stderr)
            try:
                servers[name] = DevServer(projects[name])
            except RuntimeError as error:
                print(error)
                return 1
            stack.callback(servers[name].stop)
        playwright = stack.enter_context(sync_playwright())
        browser = launch_chromium(playwright, OFFSITE_BLOCK)
        stack.callback(browser.close)
        pages = {}
        for name in SITES:
            page = browser.new_page()
            page.goto(servers[name].url + url_path, wait_until="load", timeout=120_000)
            pages[name] = page
        time.sleep(SETTLE)

        def once(name: str, run: int):
            seen, built = one_reload(
                pages[name], projects[name] / "docs" / args.page, servers[name]
            )
            print(
                f"  run {run} {name:8}: shown after {fmt(seen, 2)} s (build {fmt(built, 2)} s)",
                file=sys.stderr,
            )
            return seen, built

        results = run_interleaved(SITES, args.runs, once)

    med = {
        name: (median([r[0] for r in results[name]]), median([r[1] for r in results[name]]))
        for name in SITES
    }
    rows = [
        [
            name,
            fmt(med[name][0], 2),
            fmt(med[name][1], 2),
            f"{sum(r[0] is not None for r in results[name])}/{args.runs}",
        ]
        for name in SITES
    ]
    rows.append(
        [
            "ours/baseline",
            ratio(med["ours"][0], med["baseline"][0]),
            ratio(med["ours"][1], med["baseline"][1]),
            "",
        ]
    )
    git = "with git history" if args.git else "no git history"
    print_table(
        ["site", "edit-to-screen s", "MkDocs build s", "shown"],
        rows,
        title=f"mkdocs serve: edit of docs/{args.page} until Chromium shows it, median of"
        f" {args.runs} (ours: {git})",
    )
    raw = [[f"{name} shown", *(fmt(r[0], 2) for r in results[name])] for name in SITES]
    print_table(["s", *(f"run {i}" for i in range(1, args.runs + 1))], raw, title="Every run")
    print("\nNumbers from a shared 2-core machine: expect noise.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
