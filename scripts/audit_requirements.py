"""Audit the pinned Python requirements for known vulnerabilities with pip-audit.

pip-audit asks a vulnerability service (PyPI's JSON API, or OSV) about every pin in
requirements.txt, requirements-dev.txt and requirements-zensical.txt. Where neither
service answers, pip-audit would report every package as "not found" and still exit
0; this script asks each service first about a release with published advisories,
and only a service that names them is used. With none reachable it says so plainly:

    pip-audit: SKIPPED, no vulnerability service reachable (...)

and exits 0, or 1 with `--require-service` (the GitHub CI job). It never reports a
pass it did not check: a package pip-audit could not audit fails the run.

    python -m scripts.audit_requirements                     # `make audit`
    python -m scripts.audit_requirements --require-service   # CI
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

from .core.paths import ROOT

REQUIREMENTS = tuple(
    ROOT / name
    for name in ("requirements.txt", "requirements-dev.txt", "requirements-zensical.txt")
)
TIMEOUT = 10  # seconds per probe
# A release with published advisories: a service that knows of none is not answering.
PROBE_NAME, PROBE_VERSION = "jinja2", "2.4.1"
PYPI_URL = f"https://pypi.org/pypi/{PROBE_NAME}/{PROBE_VERSION}/json"
OSV_URL = "https://api.osv.dev/v1/query"


def _fetch(request: urllib.request.Request | str) -> dict:
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
        return json.load(response)


def probe_pypi() -> str | None:
    """None when PyPI's JSON API reports vulnerabilities, else why not."""
    try:
        known = _fetch(PYPI_URL).get("vulnerabilities")
    except (urllib.error.URLError, OSError, ValueError) as error:
        return f"pypi: {error}"
    return None if known else "pypi: answers without vulnerability data"


def probe_osv() -> str | None:
    """None when OSV reports vulnerabilities, else why not."""
    query = {"package": {"name": PROBE_NAME, "ecosystem": "PyPI"}, "version": PROBE_VERSION}
    request = urllib.request.Request(
        OSV_URL, data=json.dumps(query).encode(), headers={"Content-Type": "application/json"}
    )
    try:
        known = _fetch(request).get("vulns")
    except (urllib.error.URLError, OSError, ValueError) as error:
        return f"osv: {error}"
    return None if known else "osv: answers without vulnerability data"


PROBES = {"pypi": probe_pypi, "osv": probe_osv}


def reachable_service() -> tuple[str | None, list[str]]:
    """The first service that answers with vulnerability data, and why others did not."""
    reasons = []
    for service, probe in PROBES.items():
        reason = probe()
        if reason is None:
            return service, reasons
        reasons.append(reason)
    return None, reasons


def pip_audit(service: str, files: list[Path]) -> tuple[int, dict, str]:
    """Run pip-audit on hashed requirement files; its exit code, JSON report, stderr."""
    command = [sys.executable, "-m", "pip_audit", "--disable-pip", "--require-hashes", "--strict"]
    command += ["--vulnerability-service", service, "--format", "json", "--progress-spinner", "off"]
    for path in files:
        command += ["-r", str(path)]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    try:
        report = json.loads(result.stdout or "{}")
    except ValueError:
        report = {}
    return result.returncode, report, result.stderr.strip()


def findings(report: dict) -> tuple[list[str], list[str]]:
    """(vulnerabilities, packages that were not audited), as messages."""
    vulnerable, unaudited = [], []
    for dep in report.get("dependencies", []):
        name = f"{dep.get('name')} {dep.get('version', '')}".strip()
        if dep.get("skip_reason"):
            unaudited.append(f"pip-audit: {name}: NOT AUDITED: {dep['skip_reason']}")
        for vuln in dep.get("vulns", []):
            fixes = ", ".join(vuln.get("fix_versions") or []) or "no fixed release yet"
            aliases = ", ".join(vuln.get("aliases") or [])
            vulnerable.append(
                f"pip-audit: {name}: {vuln.get('id')}"
                + (f" ({aliases})" if aliases else "")
                + f"; fixed in: {fixes}. Raise the pin in requirements*.in, run `make lock`."
            )
    return vulnerable, unaudited


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("requirements", nargs="*", type=Path, default=list(REQUIREMENTS))
    parser.add_argument(
        "--require-service",
        action="store_true",
        help="fail, rather than skip, when no vulnerability service answers (CI)",
    )
    args = parser.parse_args(argv)
    service, reasons = reachable_service()
    if service is None:
        print(f"pip-audit: SKIPPED, no vulnerability service reachable ({'; '.join(reasons)})")
        if args.require_service:
            print("pip-audit: FAILED: --require-service was given", file=sys.stderr)
            return 1
        return 0
    code, report, stderr = pip_audit(service, args.requirements)
    vulnerable, unaudited = findings(report)
    for message in vulnerable + unaudited:
        print(message, file=sys.stderr)
    names = ", ".join(path.name for path in args.requirements)
    if code or vulnerable or unaudited or "dependencies" not in report:
        if not (vulnerable or unaudited):
            print(f"pip-audit: FAILED (exit {code}):\n{stderr}", file=sys.stderr)
        print(f"pip-audit: FAILED on {names} ({service})")
        return 1
    count = len(report["dependencies"])
    print(f"pip-audit: {count} pins in {names}: no known vulnerability ({service})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
