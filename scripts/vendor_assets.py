"""Vendor the pinned browser assets the site needs, so readers never fetch them from a CDN.

Each asset comes from the npm registry (`npm pack`), is checked against the
registry's integrity hash, and the files the browser needs are copied under
`docs/assets/vendor/<name>/`, next to a `vendor.json` recording the version, the
licence, the tarball's integrity and the SHA-256 of every file.

    python scripts/vendor_assets.py                    # refresh every asset to its pin
    python scripts/vendor_assets.py mermaid@11.17.2    # move one pin (edit ASSETS too)
    python scripts/vendor_assets.py --check            # verify files, no network

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
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "docs" / "assets" / "vendor"


@dataclass(frozen=True)
class Asset:
    name: str
    version: str
    minimum_safe: str  # never vendor anything older
    files: tuple[str, ...]  # paths in the package to keep
    prefixes: tuple[str, ...] = ()  # folders in the package to keep (no source maps)
    strip: str = ""  # leading folder dropped from kept paths

    @property
    def dest(self) -> Path:
        return VENDOR / self.name


ASSETS = (
    # 11.16.1 is the first 11.x free of every published Mermaid advisory (Nov 2026).
    # The ESM build loads each diagram type lazily from chunks/, so a page downloads
    # only what its diagrams need; the single-file build is for file:// copies, where
    # browsers refuse to load ES modules.
    Asset(
        name="mermaid",
        version="11.17.2",
        minimum_safe="11.16.1",
        files=("dist/mermaid.esm.min.mjs", "dist/mermaid.min.js", "LICENSE"),
        prefixes=("dist/chunks/mermaid.esm.min/",),
        strip="dist/",
    ),
    # Material's offline plugin runs search in an iframe instead of a web worker
    # (browsers refuse workers from file://), with this shim; by default from unpkg.
    Asset(
        name="iframe-worker",
        version="1.0.4",
        minimum_safe="1.0.4",
        files=("shim/index.js", "LICENSE"),
    ),
)
MERMAID = ASSETS[0]


def version_tuple(version: str) -> tuple[int, ...]:
    """`11.17.2` -> (11, 17, 2); pre-release tails are ignored."""
    return tuple(int(part) for part in version.split("-")[0].split("."))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


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
        manifest = {
            "name": asset.name,
            "version": package["version"],
            "license": package["license"],
            "source": f"npm registry, {asset.name}@{package['version']}",
            "integrity": integrity,
            "minimum_safe": asset.minimum_safe,
            "refresh": "python scripts/vendor_assets.py",
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


def check_asset(asset: Asset, dest: Path | None = None) -> list[str]:
    """Problems with one vendored copy, as messages; empty when all is well."""
    dest = dest or asset.dest
    manifest_path = dest / "vendor.json"
    if not manifest_path.exists():
        return [f"{manifest_path}: missing; run python scripts/vendor_assets.py"]
    manifest = json.loads(manifest_path.read_text())
    problems = []
    if manifest["version"] != asset.version:
        problems.append(f"{manifest_path}: version {manifest['version']}, pinned {asset.version}")
    if version_tuple(manifest["version"]) < version_tuple(asset.minimum_safe):
        problems.append(
            f"{manifest_path}: {asset.name} {manifest['version']} is older than the safe "
            f"{asset.minimum_safe}"
        )
    for rel, digest in manifest["files"].items():
        path = dest / rel
        if not path.exists():
            problems.append(f"{path}: listed in vendor.json but missing")
        elif sha256(path) != digest:
            problems.append(f"{path}: SHA-256 differs from vendor.json")
    on_disk = {p.relative_to(dest).as_posix() for p in dest.rglob("*") if p.is_file()}
    for extra in sorted(on_disk - set(manifest["files"]) - {"vendor.json"}):
        problems.append(f"{dest / extra}: not listed in vendor.json")
    return problems


def check() -> list[str]:
    """Problems with every vendored asset; empty when all is well."""
    return [problem for asset in ASSETS for problem in check_asset(asset)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("specs", nargs="*", metavar="NAME@VERSION", help="assets to refresh")
    parser.add_argument("--check", action="store_true", help="verify files, no network")
    args = parser.parse_args(argv)
    if args.check:
        problems = check()
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
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
