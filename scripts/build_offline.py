"""Package the site as a zip that works offline, opened from file:// (`make offline`).

Builds with OFFLINE=true (the theme's offline plugin: plain .html links and a search
index that loads without a server) and PRINT_SITE=true (the whole course on one
page, for printing on the train; MkDocs only: Zensical has no print-site), then zips
the result. Diagrams load the single-file Mermaid from file://
(docs/javascripts/diagrams.js); overrides/main.html turns instant navigation off
there. The offline plugin, Material's and Zensical's alike, adds the iframe-worker
shim (search from file://) from unpkg: every page gets our vendored copy instead, so
readers get every byte from the zip.

    python -m scripts.build_offline [-o PATH] [--builder zensical]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import zipfile
from pathlib import Path

from .core.build import BUILDERS, BuildError, build
from .core.files import replacing
from .core.paths import ROOT

OUTPUT = ROOT / "build" / "mlops-course-offline.zip"
TOP = "mlops-course"  # the folder the zip unpacks into
# The offline plugin's shim address, and our copy of it (scripts/vendor_assets.py).
UNPKG_SHIM = "https://unpkg.com/iframe-worker/shim"
SHIM = "assets/vendor/iframe-worker/shim/index.js"


def use_our_shim(site: Path) -> None:
    """Point every page's iframe-worker shim at our vendored copy; fail if anything
    else would still be fetched from unpkg."""
    if not (site / SHIM).is_file():
        raise BuildError(f"{SHIM} is missing from the built site")
    for html in site.rglob("*.html"):
        up = Path(os.path.relpath(site, html.parent)).as_posix()
        text = html.read_text(encoding="utf-8").replace(UNPKG_SHIM, f"{up}/{SHIM}")
        if "unpkg.com" in text:
            raise BuildError(f"{html.relative_to(site)} still loads from unpkg.com")
        html.write_text(text, encoding="utf-8")


def zip_folder(folder: Path, output: Path) -> None:
    """Zip folder into output under TOP/, in a stable order, atomically."""
    with (
        replacing(output) as temp,
        zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
    ):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            archive.write(path, f"{TOP}/{path.relative_to(folder).as_posix()}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT, help="where to write the zip")
    parser.add_argument(
        "--builder", choices=BUILDERS, default=BUILDERS[0], help="build with (default: %(default)s)"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        try:
            build(site, builder=args.builder, OFFLINE="true", PRINT_SITE="true")
            use_our_shim(site)
        except BuildError as error:
            print(f"make offline: {error}", file=sys.stderr)
            return 1
        zip_folder(site, args.output)
    print(
        f"{args.output}: {args.output.stat().st_size / 1_000_000:.2f} MB; "
        f"unzip it and open {TOP}/index.html"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
