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
import posixpath
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

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
    # Files made from the kept ones, {name: text}; recorded and checked like them.
    derive: Callable[[Path], dict[str, str]] | None = None

    @property
    def dest(self) -> Path:
        return VENDOR / self.name


# -- Mermaid's diagram types ------------------------------------------------------
# The ES module build fetches a diagram type's code the first time a diagram of that
# type is drawn, through a loader in mermaid.esm.min.mjs:
#     loader = async () => { let {diagram} = await import("./chunks/.../gitGraphDiagram-X.mjs");
#                            return {id: nr, diagram} }     with  var nr = "gitGraph"
# Each module then imports further files, found one level at a time. So that
# docs/javascripts/diagrams.js can ask for all of them at once (the entry's, and
# early for the types a page uses), this writes diagram-modules.json:
#     {"core": [files the entry imports], "types": {type: [module, files only it imports]}}
DIAGRAM_MODULES = "diagram-modules.json"
# esbuild puts a module's static imports first: `import{a as b}from"./chunk-X.mjs";`.
STATIC_IMPORT = re.compile(r'\s*import\s*(?:[^";]*?from\s*)?"(?P<path>\./[^"]+)";?')
LOADER = re.compile(
    r'await import\("\./(?P<path>[^"]+)"\);'  # the type's module...
    r'return\{id:(?P<id>[\w$]+|"[^"]*"),diagram:'  # ...and its id (a variable or a string)
)
DYNAMIC_IMPORT = re.compile(r"\bimport\(")


def diagram_modules(entry: str) -> dict[str, str]:
    """{diagram type: module path} from the text of mermaid.esm.min.mjs. Raises
    ValueError when the build does not look as expected (a new Mermaid release may
    change it): better a failed refresh than a map that is quietly incomplete."""
    loaders = list(LOADER.finditer(entry))
    if not loaders or len(loaders) != len(DYNAMIC_IMPORT.findall(entry)):
        raise ValueError(
            f"{len(loaders)} diagram loaders recognised among "
            f"{len(DYNAMIC_IMPORT.findall(entry))} dynamic imports in mermaid.esm.min.mjs"
        )
    modules = {}
    for loader in loaders:
        ident = loader["id"]
        if ident.startswith('"'):
            names = [ident.strip('"')]
        else:
            names = re.findall(rf'(?<![\w$.]){re.escape(ident)}="([^"]+)"', entry)
        if len(set(names)) != 1:
            raise ValueError(f"diagram type of {loader['path']}: {ident} is {names or 'unknown'}")
        modules[names[0]] = loader["path"]
    return dict(sorted(modules.items()))


def static_closure(folder: Path, rel: str) -> set[str]:
    """Every file that folder/rel imports statically, directly or not (paths
    relative to folder)."""
    found: set[str] = set()
    waiting = [rel]
    while waiting:
        current = waiting.pop()
        text = (folder / current).read_text()
        position = 0
        while match := STATIC_IMPORT.match(text, position):
            position = match.end()
            target = (PurePosixPath(current).parent / match["path"]).as_posix()
            target = posixpath.normpath(target)
            if target not in found:
                found.add(target)
                waiting.append(target)
    return found


def mermaid_derived(folder: Path) -> dict[str, str]:
    entry = "mermaid.esm.min.mjs"
    core = static_closure(folder, entry)
    types = {
        name: [module, *sorted(static_closure(folder, module) - core - {module})]
        for name, module in diagram_modules((folder / entry).read_text()).items()
    }
    manifest = {"core": sorted(core), "types": types}
    return {DIAGRAM_MODULES: json.dumps(manifest, indent=2) + "\n"}


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
        derive=mermaid_derived,
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
    if asset.derive and not problems:
        try:
            for rel, text in asset.derive(dest).items():
                if (dest / rel).read_text() != text:
                    problems.append(f"{dest / rel}: not what the vendored files give")
        except ValueError as error:
            problems.append(f"{dest}: {error}")
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
