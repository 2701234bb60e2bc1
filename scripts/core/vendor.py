"""The vendored browser assets: what is pinned, and whether the copies are intact.

docs/assets/vendor/<name>/ holds each asset's files beside a vendor.json recording
its version, licence, the npm tarball's integrity and every file's SHA-256.
scripts/vendor_assets.py refreshes them from the npm registry; the security scan
(scripts/check_security.py) and the tests verify them here, with no network.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .paths import VENDOR


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


def check_asset(asset: Asset, dest: Path | None = None) -> list[str]:
    """Problems with one vendored copy, as messages; empty when all is well."""
    dest = dest or asset.dest
    manifest_path = dest / "vendor.json"
    if not manifest_path.exists():
        return [f"{manifest_path}: missing; run python -m scripts.vendor_assets"]
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
