"""A stand-in for the GitHub CLI, for the drafter's tests (tests/checks/test_drafts.py).

Put on PATH as `gh`, it answers the three commands scripts/draft_lessons.py runs,
from a JSON file of pull requests named by $STAND_IN_GH_STATE, and records every
call (its arguments and what it read on stdin) in the same file:

    gh pr list --head BRANCH --state open|closed|merged|all --json FIELDS
    gh pr create --base BASE --head BRANCH --title TITLE --body-file -
    gh pr comment NUMBER|BRANCH --body-file -

Anything else exits 1, as an unknown command would.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

URL = "https://github.test/course/site/pull/"


def option(argv: list[str], name: str, default: str | None = None) -> str | None:
    return argv[argv.index(name) + 1] if name in argv else default


def find(prs: list[dict], selector: str) -> dict | None:
    """A pull request by number, or the newest one of a branch."""
    for pr in reversed(prs):
        if str(pr["number"]) == selector or pr["headRefName"] == selector:
            return pr
    return None


def main(argv: list[str]) -> int:
    state_file = Path(os.environ["STAND_IN_GH_STATE"])
    state = json.loads(state_file.read_text()) if state_file.exists() else {"prs": [], "calls": []}
    body = sys.stdin.read() if option(argv, "--body-file") == "-" else None
    state["calls"].append({"argv": argv, "stdin": body})
    prs = state["prs"]
    code = 0
    if argv[:2] == ["pr", "list"]:
        wanted = (option(argv, "--state", "open") or "open").upper()
        fields = (option(argv, "--json") or "number").split(",")
        found = [
            {key: pr[key] for key in fields}
            for pr in prs
            if pr["headRefName"] == option(argv, "--head") and wanted in ("ALL", pr["state"])
        ]
        print(json.dumps(found))
    elif argv[:2] == ["pr", "create"]:
        number = len(prs) + 1
        prs.append(
            {
                "number": number,
                "state": "OPEN",
                "url": f"{URL}{number}",
                "headRefName": option(argv, "--head"),
                "baseRefName": option(argv, "--base"),
                "title": option(argv, "--title"),
                "body": body,
                "comments": [],
            }
        )
        print(f"{URL}{number}")
    elif argv[:2] == ["pr", "comment"] and len(argv) > 2 and (pr := find(prs, argv[2])):
        pr["comments"].append(body)
        print(f"{pr['url']}#issuecomment-{len(pr['comments'])}")
    else:
        print(f"stand-in gh: unknown command {argv}", file=sys.stderr)
        code = 1
    state_file.write_text(json.dumps(state, indent=1))
    return code


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
