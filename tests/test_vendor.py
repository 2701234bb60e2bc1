"""The vendored Mermaid is the pinned, recorded, safe release, byte for byte."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import vendor_mermaid  # noqa: E402


def test_vendored_files_match_the_manifest():
    assert vendor_mermaid.check() == []


def test_manifest_records_version_licence_and_integrity():
    manifest = json.loads(vendor_mermaid.MANIFEST.read_text())
    assert manifest["version"] == vendor_mermaid.VERSION
    assert manifest["license"] == "MIT"
    assert manifest["integrity"].startswith("sha512-")
    assert vendor_mermaid.version_tuple(manifest["version"]) >= (11, 16, 1)
    assert "mermaid.esm.min.mjs" in manifest["files"]


def test_check_reports_a_tampered_file(tmp_path: Path):
    copy = tmp_path / "mermaid"
    shutil.copytree(vendor_mermaid.DEST, copy)
    (copy / "mermaid.esm.min.mjs").write_text("alert(1)")
    (copy / "extra.js").write_text("")
    problems = vendor_mermaid.check(copy)
    assert any("mermaid.esm.min.mjs: SHA-256 differs" in p for p in problems)
    assert any("extra.js: not listed" in p for p in problems)


def test_check_reports_an_unsafe_version(tmp_path: Path):
    copy = tmp_path / "mermaid"
    shutil.copytree(vendor_mermaid.DEST, copy)
    manifest = json.loads((copy / "vendor.json").read_text())
    manifest["version"] = "11.4.0"
    (copy / "vendor.json").write_text(json.dumps(manifest))
    assert any("older than the safe" in p for p in vendor_mermaid.check(copy))


def test_refresh_refuses_an_unsafe_version(capsys):
    assert vendor_mermaid.main(["--version", "10.4.0"]) == 2
    assert "older than 11.16.1" in capsys.readouterr().err
