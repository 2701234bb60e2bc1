"""Package the site as a zip that works offline, opened from file:// (`make offline`).

Builds with OFFLINE=true (Material's offline plugin: plain .html links and a search
index that loads without a server) and PRINT_SITE=true (the whole course on one
page, for printing on the train), then zips the result. Diagrams load the
single-file Mermaid from file:// (docs/javascripts/diagrams.js).

    python scripts/build_offline.py [-o PATH]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import zipfile
from pathlib import Path

from local_site import ROOT, BuildError, build

OUTPUT = ROOT / "build" / "mlops-course-offline.zip"
TOP = "mlops-course"  # the folder the zip unpacks into


def zip_folder(folder: Path, output: Path) -> None:
    """Zip folder into output under TOP/, in a stable order, atomically."""
    output.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.")
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                archive.write(path, f"{TOP}/{path.relative_to(folder).as_posix()}")
        os.replace(tmp, output)
    except BaseException:
        os.unlink(tmp)
        raise


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT, help="where to write the zip")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        try:
            build(site, OFFLINE="true", PRINT_SITE="true")
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
