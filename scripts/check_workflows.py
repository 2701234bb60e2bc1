"""Check the GitHub workflows and Dependabot configuration, offline.

- check-jsonschema validates each file against the schema GitHub's own tooling
  publishes (`vendor.github-workflows`, `vendor.dependabot`, built into it);
- zizmor (`--offline`) audits them: template injection, excessive permissions,
  persisted credentials, dangerous triggers, unpinned actions and more;
- and the house rules: every action pinned by full commit SHA with a `# vX.Y.Z`
  comment (Dependabot keeps both current), never `pull_request_target`, and full
  history (`fetch-depth: 0`) wherever the site is built, for the "Last update" dates.

    python -m scripts.check_workflows            # this repository
    python -m scripts.check_workflows path/to/repo
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

import yaml

from .core.paths import ROOT, show
from .core.report import report, usage

BIN = Path(sys.executable).parent
PRE_COMMIT = (".pre-commit-config.yaml",)
# `uses: owner/repo[/path]@ref  # comment`
USES = re.compile(r"^\s*(?:-\s*)?uses:\s*(?P<action>[^@\s#]+)@(?P<ref>[^\s#]+)(?P<comment>.*)$")
SHA = re.compile(r"^[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"^\s+#\s*v\d+(\.\d+){0,2}\S*\s*$")
# Steps that build the site, and so need the whole history for the dates.
BUILDS_SITE = re.compile(r"\bmake\b[^\n]*\b(build|test|check)\b|\bmkdocs build\b")


def run(command: list[str], cwd: Path) -> tuple[int, str]:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    return result.returncode, (result.stdout + result.stderr).strip()


def schema_problems(root: Path, workflows: list[Path], dependabot: Path) -> list[str]:
    problems = []
    checks = [("vendor.github-workflows", workflows)]
    if dependabot.exists():
        checks.append(("vendor.dependabot", [dependabot]))
    for schema, files in checks:
        if not files:
            continue
        code, output = run(
            [str(BIN / "check-jsonschema"), "--builtin-schema", schema, *map(str, files)], root
        )
        if code:
            problems.append(f"check-jsonschema ({schema}):\n{output}")
    return problems


def zizmor_problems(root: Path) -> list[str]:
    """zizmor on .github/ (workflows, dependabot.yml) and the pre-commit configuration."""
    inputs = [".github"] + [name for name in PRE_COMMIT if (root / name).is_file()]
    command = [str(BIN / "zizmor"), "--offline", "--quiet", "--no-progress", *inputs]
    code, output = run(command, root)
    return [f"zizmor:\n{output}"] if code else []


def triggers(workflow: dict) -> object:
    # YAML 1.1 reads the key `on` as the boolean true.
    return workflow.get("on", workflow.get(True))


def house_problems(path: Path, root: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    where = show(path, root)
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        match = USES.match(line)
        if not match or match["action"].startswith(("./", "docker:")):
            continue
        if not SHA.match(match["ref"]):
            problems.append(
                f"{where}:{number}: {match['action']}@{match['ref']}: pin the action by its full"
                " commit SHA (`git rev-parse 'vX.Y.Z^{commit}'` in the action's repository)"
            )
        elif not VERSION_COMMENT.match(match["comment"]):
            problems.append(
                f"{where}:{number}: {match['action']}: add the release the SHA is, as a"
                " `# vX.Y.Z` comment after it"
            )
    workflow = yaml.safe_load(text) or {}
    on = triggers(workflow)
    names = on if isinstance(on, list) else [on] if isinstance(on, str) else list(on or {})
    if "pull_request_target" in names:
        problems.append(
            f"{where}: `pull_request_target` runs a fork's pull request with this repository's"
            " token and secrets; use `pull_request`"
        )
    for job_name, job in (workflow.get("jobs") or {}).items():
        steps = job.get("steps") or []
        if not any(BUILDS_SITE.search(str(step.get("run", ""))) for step in steps):
            continue
        for step in steps:
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                depth = (step.get("with") or {}).get("fetch-depth")
                if depth != 0:
                    problems.append(
                        f"{where}: job `{job_name}` builds the site from a shallow clone: set"
                        ' `fetch-depth: 0` on actions/checkout (the "Last update" dates'
                        " come from git history)"
                    )
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", type=Path, default=ROOT, help="repository root")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    github = root / ".github"
    workflows = sorted([*github.glob("workflows/*.yml"), *github.glob("workflows/*.yaml")])
    if not workflows:
        return usage("check_workflows", f"no workflows in {github / 'workflows'}")
    problems = schema_problems(root, workflows, github / "dependabot.yml")
    problems += zizmor_problems(root)
    for workflow in workflows:
        problems += house_problems(workflow, root)
    return report(
        "check_workflows",
        problems,
        f"{len(workflows)} workflow(s) and dependabot.yml valid, zizmor clean",
        "problem(s)",
    )


if __name__ == "__main__":
    raise SystemExit(main())
