"""Vendor the pinned browser assets the site needs, so readers never fetch them from a CDN.

Each asset comes from the npm registry (`npm pack`), is checked against the
registry's integrity hash, and the files the browser needs are copied under
`docs/assets/vendor/<name>/`, next to a `vendor.json` recording the version, the
licence, the tarball's integrity and the SHA-256 of every file.

    python -m scripts.vendor_assets                    # refresh every asset to its pin
    python -m scripts.vendor_assets mermaid@11.17.2    # move one pin (ASSETS: core/vendor.py)
    python -m scripts.vendor_assets --check            # verify files, no network

`--check` needs no network; the tests and the security scan run it.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from .core.paths import ROOT
from .core.report import report
from .core.vendor import ASSETS, Asset, check, sha256, version_tuple


def kept_path(asset: Asset, member: str) -> str | None:
    """The path to keep for a tarball member (relative to the asset's folder), or None."""
    name = member.removeprefix("package/")
    if name.endswith(".map"):
        return None
    if name in asset.files or name.startswith(asset.prefixes):
        return name.removeprefix(asset.strip)
    return None


def npm_pack(spec: str, workdir: Path) -> tuple[Path, str]:
    """Download a release tarball with npm; return its path and npm's integrity string."""
    out = subprocess.run(
        ["npm", "pack", spec, "--json", "--pack-destination", str(workdir)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    info = json.loads(out)[0]
    return workdir / info["filename"], info["integrity"]


def verify_integrity(tarball: Path, integrity: str) -> None:
    algo, _, expected = integrity.partition("-")
    digest = base64.b64encode(hashlib.new(algo, tarball.read_bytes()).digest()).decode()
    if digest != expected:
        raise SystemExit(f"{tarball}: integrity mismatch ({integrity} expected)")


def refresh(asset: Asset, version: str) -> int:
    if version_tuple(version) < version_tuple(asset.minimum_safe):
        print(f"refusing {asset.name} {version}: older than {asset.minimum_safe}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        tarball, integrity = npm_pack(f"{asset.name}@{version}", Path(tmp))
        verify_integrity(tarball, integrity)
        staging = Path(tmp) / "staging"
        files: dict[str, str] = {}
        with tarfile.open(tarball) as tar:
            package = json.load(tar.extractfile("package/package.json"))  # type: ignore[arg-type]
            for member in tar.getmembers():
                rel = kept_path(asset, member.name)
                if rel is None or not member.isfile():
                    continue
                target = staging / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(tar.extractfile(member).read())  # type: ignore[union-attr]
                files[rel] = sha256(target)
        try:
            derived = asset.derive(staging) if asset.derive else {}
        except ValueError as error:
            print(f"{asset.name} {version}: {error}", file=sys.stderr)
            return 1
        for rel, text in derived.items():
            (staging / rel).write_text(text)
            files[rel] = sha256(staging / rel)
        manifest = {
            "name": asset.name,
            "version": package["version"],
            "license": package["license"],
            "source": f"npm registry, {asset.name}@{package['version']}",
            "integrity": integrity,
            "minimum_safe": asset.minimum_safe,
            "refresh": "python -m scripts.vendor_assets",
            "files": dict(sorted(files.items())),
        }
        (staging / "vendor.json").write_text(json.dumps(manifest, indent=2) + "\n")
        # Swap the whole folder at once so a failed refresh never leaves a mix.
        if asset.dest.exists():
            shutil.rmtree(asset.dest)
        asset.dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(staging, asset.dest)
    print(
        f"vendored {asset.name} {version}: {len(files)} files into {asset.dest.relative_to(ROOT)}"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("specs", nargs="*", metavar="NAME@VERSION", help="assets to refresh")
    parser.add_argument("--check", action="store_true", help="verify files, no network")
    args = parser.parse_args(argv)
    if args.check:
        return report("vendor_assets", check(), "every vendored file intact", "problem(s)")
    by_name = {asset.name: asset for asset in ASSETS}
    wanted = [spec.partition("@") for spec in args.specs] or [
        (asset.name, "@", asset.version) for asset in ASSETS
    ]
    for name, _, version in wanted:
        if name not in by_name:
            print(f"unknown asset {name}; known: {', '.join(by_name)}", file=sys.stderr)
            return 2
        status = refresh(by_name[name], version or by_name[name].version)
        if status:
            return status
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
