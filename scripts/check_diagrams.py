"""Check every Mermaid diagram in the site's Markdown before a reader sees it.

Each ```mermaid block in docs/**/*.md is parsed by the vendored Mermaid itself
(`mermaid.parse`, in Chromium, all blocks in one browser launch), so a syntax error
fails here as `docs/x.md:LINE: <Mermaid's message>` instead of showing readers
Mermaid's error picture. The rules of scripts/core/diagram_rules.py, read statement
by statement as Mermaid splits them (newline and `;`), apply too: an accessible title
and description (`accTitle:` / `accDescr:`, neither empty); no interaction (`click
... href/call`, `link`/`links`, `callback`, `$link`) nor anything loaded (an image
shape from another site, `url()`, `themeCSS` ...), which would make a box of the
diagram a link off the site or fetch from elsewhere; no more than Mermaid draws
(50,000 characters, 500 edges). No raw HTML either (mermaid2's fence formatter does
not escape `<` and `>`, so a `<br>` or `<script` in diagram text would reach the page
as HTML). The home page has no diagram (it loads no Mermaid).

    python -m scripts.check_diagrams                # every page under docs/
    python -m scripts.check_diagrams docs/days/day-02.md
"""

from __future__ import annotations

import argparse
import concurrent.futures
import re
from pathlib import Path
from urllib.parse import urlsplit

from .core import chromium, serve
from .core.diagram_rules import (
    accessibility_problems,
    interaction_message,
    interactions,
    size_problems,
)
from .core.fences import Fence, fences
from .core.paths import DOCS, markdown_files, show
from .core.report import report, usage

HOME_PAGE = DOCS / "index.md"
MERMAID_DIR = DOCS / "assets" / "vendor" / "mermaid"
MERMAID_ENTRY = "mermaid.esm.min.mjs"
PARSE_TIMEOUT_MS = 60_000

# `<` followed by a letter, `/` or `!` starts an HTML tag or comment (`<br>`, `</b>`,
# `<script`, `<!--`); Mermaid's arrows (`-->`, `<-->`, `<|--`, `->>`) never do.
HTML_TAG = re.compile(r"<\s*[/!]?\s*[A-Za-z!]")
# "Parse error on line 3:" (jison grammars) / "line 3" (langium grammars)
MERMAID_LINE = re.compile(r"\bline (\d+)\b")

PAGE = f"""<!doctype html>
<meta charset="utf-8">
<title>check_diagrams</title>
<script type="module">
  import mermaid from "./{MERMAID_ENTRY}";
  mermaid.initialize({{ startOnLoad: false, securityLevel: "strict" }});
  window.parseAll = async (blocks) => {{
    const results = [];
    for (const text of blocks) {{
      try {{
        await mermaid.parse(text);
        results.push(null);
      }} catch (error) {{
        results.push(String((error && error.message) || error));
      }}
    }}
    return results;
  }};
  window.ready = true;
</script>
"""


def mermaid_blocks(files: list[Path]) -> list[Fence]:
    return [fence for path in files for fence in fences(path) if fence.language == "mermaid"]


def static_problems(block: Fence) -> list[str]:
    """What can be told without Mermaid: accessibility, raw HTML, the home page."""
    where = f"{show(block.path)}:{block.line}"
    problems = []
    if not block.closed:
        problems.append(f"{where}: the ```mermaid fence is never closed")
    if block.path.resolve() == HOME_PAGE.resolve():
        problems.append(
            f"{where}: no diagrams on the home page (it loads no Mermaid; link to a lesson"
            " page with the diagram instead)"
        )
    for offset, problem in accessibility_problems(block.text):
        line = block.line if offset is None else block.body_line + offset
        problems.append(f"{show(block.path)}:{line}: {problem}")
    for offset, statement in interactions(block.text):
        problems.append(
            f"{show(block.path)}:{block.body_line + offset}: {interaction_message(statement)}"
        )
    problems += [f"{where}: {problem}" for problem in size_problems(block.text)]
    for offset, line in enumerate(block.lines):
        match = HTML_TAG.search(line)
        if match:
            snippet = line.strip()
            problems.append(
                f"{show(block.path)}:{block.body_line + offset}: raw HTML in diagram text"
                f" ({snippet!r}): mermaid2 does not escape it; reword, or write Mermaid's"
                " entity codes #lt; and #gt; (dev/style-guide.md: diagrams)"
            )
    return problems


class _Handler(serve.QuietHandler):
    """Serves the checking page at / and the vendored Mermaid beside it."""

    def do_GET(self) -> None:
        if urlsplit(self.path).path in ("/", "/index.html"):
            body = PAGE.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()


def parse_in_chromium(texts: list[str], mermaid_dir: Path = MERMAID_DIR) -> list[str | None]:
    """Mermaid's error message for each diagram text, or None where it parses.

    Playwright's sync API runs in a thread of its own, so that a caller already
    inside a Playwright session (the test suite's browser) can call this too."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_parse_in_chromium, texts, mermaid_dir).result()


def _parse_in_chromium(texts: list[str], mermaid_dir: Path) -> list[str | None]:
    from playwright.sync_api import sync_playwright

    with serve.serve(mermaid_dir, handler=_Handler) as server, sync_playwright() as pw:
        browser = chromium.launch_chromium(pw)
        try:
            # Nothing but our own server: Mermaid must not need the network.
            page = chromium.local_context(browser).new_page()
            page.goto(server.url)
            page.wait_for_function("window.ready === true", timeout=PARSE_TIMEOUT_MS)
            return page.evaluate("blocks => window.parseAll(blocks)", texts)
        finally:
            browser.close()


def parse_problem(block: Fence, message: str) -> str:
    """`file:line: Mermaid: message`, at the diagram line Mermaid names: the block's
    last line when that is past the end (the diagram ended too soon), its first line
    when Mermaid names none."""
    match = MERMAID_LINE.search(message)
    line = block.body_line
    if match and int(match[1]) > 0:
        line = block.body_line + min(int(match[1]), len(block.lines)) - 1
    first, _, rest = message.strip().partition("\n")
    detail = "".join(f"\n    {row}" for row in rest.splitlines())
    return f"{show(block.path)}:{line}: Mermaid: {first}{detail}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[DOCS], help="files or folders")
    args = parser.parse_args(argv)
    if not Path(chromium.CHROMIUM).exists():
        return usage("check_diagrams", f"no Chromium at {chromium.CHROMIUM}: `make chromium`")
    blocks = mermaid_blocks(markdown_files(args.paths))
    messages = parse_in_chromium([block.text for block in blocks]) if blocks else []
    problems = []
    for block, message in zip(blocks, messages, strict=True):
        problems += static_problems(block)
        if message:
            problems.append(parse_problem(block, message))
    return report(
        "check_diagrams",
        problems,
        f"{len(blocks)} diagram(s) parse, with titles and descriptions",
        f"problem(s) in {len(blocks)} diagram(s)",
    )


if __name__ == "__main__":
    raise SystemExit(main())
