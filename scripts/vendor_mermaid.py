"""Vendor a pinned Mermaid release into the site, so readers never fetch it from a CDN.

Mermaid comes from the npm registry (`npm pack`), is checked against the registry's
integrity hash, and the files the browser needs are copied under
`docs/assets/vendor/mermaid/`, next to `vendor.json`, which records the version, the
licence, the tarball's integrity and the SHA-256 of every file.

    python scripts/vendor_mermaid.py            # refresh to VERSION
    python scripts/vendor_mermaid.py --check    # verify the files against vendor.json

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

# 11.16.1 is the first 11.x free of every published Mermaid advisory (Nov 2026);
# never vendor anything older.
VERSION = "11.17.2"
MINIMUM_SAFE = "11.16.1"

ROOT = Path(__file__).resolve().parent.parent
DEST = ROOT / "docs" / "assets" / "vendor" / "mermaid"
MANIFEST = DEST / "vendor.json"

# The ESM build loads each diagram type lazily from chunks/, so a page downloads only
# what its diagrams need; the single-file build (mermaid.min.js) is for file:// copies,
# where browsers refuse to load ES modules.
WANTED_PREFIXES = ("dist/chunks/mermaid.esm.min/",)
WANTED_FILES = ("dist/mermaid.esm.min.mjs", "dist/mermaid.min.js", "LICENSE")


def version_tuple(version: str) -> tuple[int, ...]:
    """`11.17.2` -> (11, 17, 2); pre-release tails are ignored."""
    return tuple(int(part) for part in version.split("-")[0].split("."))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def wanted(member: str) -> str | None:
    """The path to keep (relative to the package, without `dist/`), or None to skip."""
    name = member.removeprefix("package/")
    if name.endswith(".map"):
        return None
    if name in WANTED_FILES or name.startswith(WANTED_PREFIXES):
        return name.removeprefix("dist/")
    return None


def npm_pack(version: str, workdir: Path) -> tuple[Path, str]:
    """Download the release tarball with npm; return its path and npm's integrity string."""
    out = subprocess.run(
        ["npm", "pack", f"mermaid@{version}", "--json", "--pack-destination", str(workdir)],
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


def refresh(version: str) -> int:
    if version_tuple(version) < version_tuple(MINIMUM_SAFE):
        print(f"refusing Mermaid {version}: older than {MINIMUM_SAFE}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        tarball, integrity = npm_pack(version, Path(tmp))
        verify_integrity(tarball, integrity)
        staging = Path(tmp) / "staging"
        files: dict[str, str] = {}
        with tarfile.open(tarball) as tar:
            package = json.load(tar.extractfile("package/package.json"))  # type: ignore[arg-type]
            for member in tar.getmembers():
                rel = wanted(member.name)
                if rel is None or not member.isfile():
                    continue
                target = staging / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(tar.extractfile(member).read())  # type: ignore[union-attr]
                files[rel] = sha256(target)
        manifest = {
            "name": "mermaid",
            "version": package["version"],
            "license": package["license"],
            "source": f"npm registry, mermaid@{package['version']}",
            "integrity": integrity,
            "minimum_safe": MINIMUM_SAFE,
            "refresh": "python scripts/vendor_mermaid.py",
            "files": dict(sorted(files.items())),
        }
        (staging / "vendor.json").write_text(json.dumps(manifest, indent=2) + "\n")
        # Swap the whole folder at once so a failed refresh never leaves a mix.
        if DEST.exists():
            shutil.rmtree(DEST)
        DEST.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(staging, DEST)
    print(f"vendored mermaid {version}: {len(files)} files into {DEST.relative_to(ROOT)}")
    return 0


def check(dest: Path = DEST) -> list[str]:
    """Problems with the vendored copy, as messages; empty when all is well."""
    manifest_path = dest / "vendor.json"
    if not manifest_path.exists():
        return [f"{manifest_path}: missing; run python scripts/vendor_mermaid.py"]
    manifest = json.loads(manifest_path.read_text())
    problems = []
    if version_tuple(manifest["version"]) < version_tuple(MINIMUM_SAFE):
        problems.append(
            f"{manifest_path}: Mermaid {manifest['version']} is older than the safe {MINIMUM_SAFE}"
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", default=VERSION, help="Mermaid release to vendor")
    parser.add_argument("--check", action="store_true", help="verify files, no network")
    args = parser.parse_args(argv)
    if args.check:
        problems = check()
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    return refresh(args.version)


if __name__ == "__main__":
    raise SystemExit(main())
