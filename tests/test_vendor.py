"""The vendored browser assets are the pinned, recorded, safe releases, byte for byte."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from scripts import vendor_assets as refresh
from scripts.core import vendor as vendor_assets


def test_vendored_files_match_their_manifests():
    assert vendor_assets.check() == []


@pytest.mark.parametrize("asset", vendor_assets.ASSETS, ids=lambda a: a.name)
def test_manifest_records_version_licence_and_integrity(asset):
    manifest = json.loads((asset.dest / "vendor.json").read_text())
    assert manifest["version"] == asset.version
    assert manifest["license"] == "MIT"
    assert manifest["integrity"].startswith("sha512-")
    assert "LICENSE" in manifest["files"]


def test_mermaid_is_at_or_above_the_safe_release():
    mermaid = vendor_assets.MERMAID
    assert vendor_assets.version_tuple(mermaid.version) >= (11, 16, 1)
    assert "mermaid.esm.min.mjs" in json.loads((mermaid.dest / "vendor.json").read_text())["files"]


def test_check_reports_a_tampered_file(tmp_path: Path):
    copy = tmp_path / "mermaid"
    shutil.copytree(vendor_assets.MERMAID.dest, copy)
    (copy / "mermaid.esm.min.mjs").write_text("alert(1)")
    (copy / "extra.js").write_text("")
    problems = vendor_assets.check_asset(vendor_assets.MERMAID, copy)
    assert any("mermaid.esm.min.mjs: SHA-256 differs" in p for p in problems)
    assert any("extra.js: not listed" in p for p in problems)


def test_check_reports_an_unsafe_version(tmp_path: Path):
    copy = tmp_path / "mermaid"
    shutil.copytree(vendor_assets.MERMAID.dest, copy)
    manifest = json.loads((copy / "vendor.json").read_text())
    manifest["version"] = "11.4.0"
    (copy / "vendor.json").write_text(json.dumps(manifest))
    problems = vendor_assets.check_asset(vendor_assets.MERMAID, copy)
    assert any("older than the safe 11.16.1" in p for p in problems)


def test_refresh_refuses_an_unsafe_version(capsys):
    assert refresh.main(["mermaid@10.4.0"]) == 2
    assert "older than 11.16.1" in capsys.readouterr().err


def test_diagram_modules_list_what_each_type_needs():
    mermaid = vendor_assets.MERMAID.dest
    manifest = json.loads((mermaid / vendor_assets.DIAGRAM_MODULES).read_text())
    core, types = manifest["core"], manifest["types"]
    assert "flowchart-v2" in types and "sequence" in types
    git = types["gitGraph"]
    assert "gitGraphDiagram" in git[0] and len(git) > 1  # its module, then what it imports
    assert not set(git) & set(core)  # what the entry brings is not listed again
    # The entry's first import, read from the file, is in the core list.
    first = re.search(
        r'import\s*(?:[^";]*?from\s*)?"\./([^"]+)"', (mermaid / "mermaid.esm.min.mjs").read_text()
    )
    assert first[1] in core
    listed = {*core, *(path for files in types.values() for path in files)}
    assert all((mermaid / path).is_file() for path in listed)


def test_diagram_modules_refuse_a_build_they_do_not_recognise():
    loader = (
        'var a="pie",b=async()=>{let{diagram:t}=await import("./chunks/pie.mjs");'
        "return{id:a,diagram:t}};"
    )
    assert vendor_assets.diagram_modules(loader) == {"pie": "chunks/pie.mjs"}
    changed = loader + 'var c=async()=>{let{d:t}=await import("./chunks/new.mjs");return t};'
    with pytest.raises(ValueError, match="1 diagram loaders recognised among 2"):
        vendor_assets.diagram_modules(changed)
    twice = loader + 'a="pie-v2";'
    with pytest.raises(ValueError, match=r"chunks/pie\.mjs: a is \['pie', 'pie-v2'\]"):
        vendor_assets.diagram_modules(twice)


def test_check_reports_a_stale_diagram_module_map(tmp_path: Path):
    copy = tmp_path / "mermaid"
    shutil.copytree(vendor_assets.MERMAID.dest, copy)
    stale = copy / vendor_assets.DIAGRAM_MODULES
    stale.write_text(stale.read_text().replace("gitGraphDiagram", "gitGraphOld"))
    manifest = json.loads((copy / "vendor.json").read_text())
    manifest["files"][vendor_assets.DIAGRAM_MODULES] = vendor_assets.sha256(stale)
    (copy / "vendor.json").write_text(json.dumps(manifest))
    problems = vendor_assets.check_asset(vendor_assets.MERMAID, copy)
    assert problems == [f"{stale}: not what the vendored files give"]
