"""The baseline the benchmarks compare our site with: the same Markdown pages, built by
a plain Material for MkDocs set-up.

Variants (all with `theme: name: material` and nothing else of the theme configured:
Material's default Google Fonts, no custom_dir, no extra CSS or JavaScript, no hooks):

- `baseline` (the comparison for page weight, diagram timing, Lighthouse and live
  reload): the search plugin and mkdocs-mermaid2-plugin with its default settings but
  for `javascript:`, which points at a self-hosted copy of the single-file Mermaid
  (docs/assets/vendor/mermaid/mermaid.min.js, copied to assets/mermaid/ in the
  baseline's docs). Diagrams use mermaid2's fence for Material (fence_mermaid_custom).
- `native` (build time): no mermaid2; Material's native diagram support, the
  superfences custom fence with `pymdownx.superfences.fence_code_format`.
- `mermaid2-default` (build time, for reference): mermaid2 with no settings at all
  (it tries to reach unpkg.com once per build, which fails fast here).

What is kept from the repository's mkdocs.yml, so that the pages read the same: the
project information (site name, description, author, URL, repository, edit link),
the nav, and the Markdown extensions (their settings as they are, except the mermaid
fence's formatter, chosen by the variant; an extension or fence that needs the
repository's own Python code is left out). The pages' Markdown, the snippets they
include (includes/, notes/) and any other files under docs/ are copied as they are;
our own docs/javascripts/, docs/stylesheets/ and docs/assets/vendor/ are not.

    python -m benchmarks.baseline -o /tmp/baseline-site            # build it
    python -m benchmarks.baseline --variant native -o /tmp/native  # another variant
    python -m benchmarks.baseline --serve                          # build and serve (gzip)
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scripts.core import config_edit
from scripts.core.build import BuildError
from scripts.core.paths import CONFIG, ROOT

from .gzip_server import serve_gzip
from .project import PYTHON, copy_project, mkdocs_env

VARIANTS = ("baseline", "native", "mermaid2-default")
SINGLE_FILE_MERMAID = ROOT / "docs" / "assets" / "vendor" / "mermaid" / "mermaid.min.js"
MERMAID_JS = "assets/mermaid/mermaid.min.js"  # in the baseline's docs
FENCE_FORMAT = {
    "baseline": "mermaid2.fence_mermaid_custom",
    "mermaid2-default": "mermaid2.fence_mermaid_custom",
    "native": "pymdownx.superfences.fence_code_format",
}
PROJECT_KEYS = (
    "site_name",
    "site_description",
    "site_author",
    "site_url",
    "repo_name",
    "repo_url",
    "edit_uri",
    "copyright",
)
# Ours, not a plain site's: removed from the copy of the project.
OURS_ONLY = ("overrides", "hooks", "docs/javascripts", "docs/stylesheets", "docs/assets/vendor")


class BaselineBuildError(BuildError):
    """`mkdocs build` of a baseline failed; the message holds MkDocs' output."""


def _outside_repository(module: str) -> bool:
    """Whether a module can be imported by a project that is not this repository."""
    if "." not in module:
        return True  # Python-Markdown's own short names: abbr, tables, toc, ...
    try:
        spec = importlib.util.find_spec(module.split(".")[0])
    except (ImportError, ValueError):
        return False
    if spec is None:
        return False
    origin = Path(spec.origin or next(iter(spec.submodule_search_locations or []), ""))
    return not origin.resolve().is_relative_to(ROOT) or ".venv" in origin.parts


def _usable(value) -> bool:
    names = config_edit.python_names(value)
    return all(_outside_repository(name.rsplit(".", 1)[0]) for name in names)


def markdown_extensions(repo_config: dict, variant: str) -> list:
    """The repository's Markdown extensions for a plain project (see module doc)."""
    fence = {
        "name": "mermaid",
        "class": "mermaid",
        "format": config_edit.python_name(FENCE_FORMAT[variant]),
    }
    result = []
    superfences = False
    for entry in repo_config.get("markdown_extensions") or []:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        if not _outside_repository(name):
            continue
        if name == "pymdownx.superfences":
            superfences = True
            options = dict(options or {})
            fences = [f for f in options.get("custom_fences") or [] if f.get("name") != "mermaid"]
            options["custom_fences"] = [fence] + [f for f in fences if _usable(f)]
        elif not _usable(options):
            continue
        result.append({name: options} if options is not None else name)
    if not superfences:
        result.append({"pymdownx.superfences": {"custom_fences": [fence]}})
    return result


def plain_config(variant: str, *, site_url: str | None = None, nav=None) -> dict:
    """A plain Material mkdocs.yml (as a dict of round-trip values: tags such as `!ENV`
    and `!!python/name:` kept as mkdocs.yml writes them) for the variant; nav defaults
    to the repository's."""
    repo = config_edit.parse(CONFIG.read_text(encoding="utf-8")).data
    config: dict = {key: repo[key] for key in PROJECT_KEYS if key in repo}
    if site_url:
        config["site_url"] = site_url
    config["theme"] = {"name": "material"}
    plugins: list = ["search"]
    if variant == "baseline":
        plugins.append({"mermaid2": {"javascript": MERMAID_JS}})
    elif variant == "mermaid2-default":
        plugins.append("mermaid2")
    config["plugins"] = plugins
    config["markdown_extensions"] = markdown_extensions(repo, variant)
    nav = repo.get("nav") if nav is None else nav
    if nav is not None:
        config["nav"] = nav
    return config


def make_project(project: Path, variant: str = "baseline", *, site_url=None, nav=None) -> Path:
    """A plain Material project in project/: a copy of the repository's working tree
    (pages, snippets) without our theme overrides, hooks, JavaScript, CSS and vendored
    assets, with the variant's mkdocs.yml."""
    if variant not in VARIANTS:
        raise ValueError(f"variant must be one of {VARIANTS}")
    copy_project(project)
    for rel in OURS_ONLY:
        shutil.rmtree(project / rel, ignore_errors=True)
    if variant == "baseline":
        target = project / "docs" / MERMAID_JS
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SINGLE_FILE_MERMAID, target)
    write_config(project, variant, site_url=site_url, nav=nav)
    return project


def config_text(variant: str, *, site_url=None, nav=None) -> str:
    """The variant's mkdocs.yml."""
    header = f"# Benchmark baseline ({variant}), written by benchmarks/baseline.py.\n"
    return config_edit.new_text(plain_config(variant, site_url=site_url, nav=nav), header)


def write_config(project: Path, variant: str, *, site_url=None, nav=None) -> None:
    text = config_text(variant, site_url=site_url, nav=nav)
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")


def build(project: Path, site_dir: Path) -> Path:
    """`mkdocs build` of a project into site_dir (not strict: mermaid2's default set-up
    warns that it cannot check its CDN address offline)."""
    result = subprocess.run(
        [PYTHON, "-m", "mkdocs", "build", "-q", "-d", str(site_dir)],
        cwd=project,
        capture_output=True,
        text=True,
        env=mkdocs_env(),
    )
    if result.returncode != 0:
        raise BaselineBuildError(f"baseline build failed:\n{result.stdout}\n{result.stderr}")
    return site_dir


def build_site(project: Path, site_dir: Path, site_url: str, variant: str = "baseline") -> Path:
    """Make the project for the variant, then build it for site_url into site_dir."""
    make_project(project, variant, site_url=site_url)
    return build(project, site_dir)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--variant", choices=VARIANTS, default="baseline")
    parser.add_argument("-o", "--output", type=Path, help="site folder (default: a temp dir)")
    parser.add_argument("--serve", action="store_true", help="serve it (gzip) until Ctrl-C")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="baseline-") as tmp:
        site = args.output or Path(tmp) / "site"
        site.mkdir(parents=True, exist_ok=True)
        with serve_gzip(site) as server:
            url = server.url if args.serve else None
            start = time.perf_counter()
            try:
                build_site(
                    Path(tmp) / "project", site, url or "http://127.0.0.1:8000/", args.variant
                )
            except BaselineBuildError as error:
                print(error, file=sys.stderr)
                return 1
            print(f"{args.variant}: built into {site} in {time.perf_counter() - start:.1f} s")
            if not args.serve:
                return 0
            print(f"serving on {server.url} (gzip); Ctrl-C stops")
            try:
                while True:
                    time.sleep(3600)
            except KeyboardInterrupt:
                return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
