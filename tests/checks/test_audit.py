"""scripts/audit_requirements.py: pip-audit for real where a vulnerability service
answers, a plain SKIPPED where none does, and never a pass that was not checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts import audit_requirements

from .conftest import run_check

VULNERABLE = {
    "dependencies": [
        {
            "name": "jinja2",
            "version": "2.4.1",
            "vulns": [
                {"id": "PYSEC-2014-8", "fix_versions": ["2.7.2"], "aliases": ["CVE-2014-1402"]}
            ],
        },
        {"name": "mkdocs", "version": "1.6.1", "vulns": []},
    ]
}


def run(capsys, *argv: str) -> tuple[int, str]:
    return run_check(audit_requirements.main, capsys, *argv)


@pytest.fixture
def offline(monkeypatch):
    monkeypatch.setattr(audit_requirements, "probe_pypi", lambda: "pypi: HTTP Error 404")
    monkeypatch.setattr(audit_requirements, "probe_osv", lambda: "osv: Name or service not known")
    monkeypatch.setattr(
        audit_requirements,
        "PROBES",
        {"pypi": audit_requirements.probe_pypi, "osv": audit_requirements.probe_osv},
    )


@pytest.fixture
def online(monkeypatch):
    monkeypatch.setattr(audit_requirements, "PROBES", {"osv": lambda: None})


def test_no_service_says_skipped_and_does_not_fail(capsys, offline):
    code, output = run(capsys)
    assert code == 0
    assert "pip-audit: SKIPPED, no vulnerability service reachable" in output
    assert "pypi: HTTP Error 404" in output and "osv:" in output


def test_no_service_fails_where_one_is_required(capsys, offline):
    code, output = run(capsys, "--require-service")
    assert code == 1
    assert "SKIPPED" in output and "FAILED" in output


def test_a_known_vulnerability_fails_naming_package_and_fix(capsys, online, monkeypatch):
    monkeypatch.setattr(audit_requirements, "pip_audit", lambda service, files: (1, VULNERABLE, ""))
    code, output = run(capsys)
    assert code == 1
    assert "pip-audit: jinja2 2.4.1: PYSEC-2014-8 (CVE-2014-1402); fixed in: 2.7.2" in output
    assert "make lock" in output


def test_a_package_not_audited_is_not_a_pass(capsys, online, monkeypatch):
    report = {"dependencies": [{"name": "babel", "skip_reason": "Dependency not found on PyPI"}]}
    monkeypatch.setattr(audit_requirements, "pip_audit", lambda service, files: (0, report, ""))
    code, output = run(capsys)
    assert code == 1
    assert "babel: NOT AUDITED: Dependency not found on PyPI" in output


def test_pip_audit_failing_without_a_report_is_not_a_pass(capsys, online, monkeypatch):
    monkeypatch.setattr(
        audit_requirements, "pip_audit", lambda service, files: (1, {}, "ServiceError: timeout")
    )
    code, output = run(capsys)
    assert code == 1
    assert "ServiceError: timeout" in output


def test_clean_report_passes(capsys, online, monkeypatch):
    report = {"dependencies": [{"name": "mkdocs", "version": "1.6.1", "vulns": []}]}
    monkeypatch.setattr(audit_requirements, "pip_audit", lambda service, files: (0, report, ""))
    code, output = run(capsys)
    assert code == 0
    assert "no known vulnerability (osv)" in output


def test_audits_every_hashed_requirement_file():
    names = [Path(p).name for p in audit_requirements.REQUIREMENTS]
    assert names == ["requirements.txt", "requirements-dev.txt", "requirements-zensical.txt"]
    assert "pip-audit" in (audit_requirements.ROOT / "requirements-dev.in").read_text()
    assert "pip-audit==" in (audit_requirements.ROOT / "requirements-dev.txt").read_text()
