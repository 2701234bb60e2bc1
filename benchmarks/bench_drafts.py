#!/usr/bin/env python3
"""Benchmark the drafted diagrams on a labelled corpus (not a test: it prints numbers,
asserts nothing).

    python -m benchmarks.bench_drafts [--baseline REV] [--corpus DIR] [--show]

Drafts the diagrams of every notes file in benchmarks/corpus/ (README.md there says
where the files come from and how they are labelled) and prints, per file and in
total: the labelled flows, the drafts, precision (drafts that match a labelled flow,
over the drafts counted) and recall (labelled flows drafted, over the flows). Then the
drafts that miss (false positives, with the lines they name and their title), the
flows nobody drafted (false negatives), drafts with a malformed label and drafts over
Mermaid's limits.

A draft's lines are the range its first line names (`%% drafted from x:A-B`). It
matches a flow whose labelled range overlaps it; drafts are taken in page order, and a
flow matched once is matched: a second draft of it is a false positive. A draft that
overlaps no flow but an `optional` range is counted neither way.

`--baseline REV` drafts the same corpus with the importer as it is at git revision
REV (a copy of its `scripts/` in a temporary folder, run in a child process), and
prints its numbers beside the working tree's: the before and after of a change, in
one run.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import subprocess
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from scripts.core.diagram_rules import MAX_EDGES, MAX_TEXT_SIZE
from scripts.core.paths import ROOT, show

from .revisions import scripts_at
from .tables import print_table

CORPUS = ROOT / "benchmarks" / "corpus"
NOTES_SUFFIXES = (".txt", ".md")


_WHERE = re.compile(r"^%% drafted from (?P<source>.*):(?P<first>\d+)(?:-(?P<last>\d+))?$")
_FENCE = re.compile(r"(?ms)^( *)```mermaid\n(.*?)^\1```")
_TITLE = re.compile(r"(?m)^\s*accTitle: (.*)$")
_BOX = re.compile(r'\w+\["((?:[^"\\]|\\.)*)"\]')
_EDGE = re.compile(r"-->|==>|-\.-")
_ENTITY = re.compile(r"#(\w+);")
# A box's label is malformed when a reader would see it broken: empty, starting or
# ending with a piece of an arrow or of punctuation that joined it to a neighbour
# ("operate-", "> Build"), unbalanced brackets, or Markdown markup left in it.
_BROKEN_STARTS = tuple("-=>:,;/|+.\u2192\u21d2")
_BROKEN_ENDS = tuple("-=>:,;/|+\u2192\u21d2")  # (a full stop may end a step: "Ship it.")
_MARKUP = re.compile(r"\*\*|`|^#|__")
_ARROW_NOTE = re.compile(r" [\u2192\u21d2]\u00a0")  # "Analysis ⇒ 11 Months": a box's annotation

# The child process of --baseline: the importer of another revision, on the corpus.
_BASELINE_SCRIPT = """
import json, sys
from pathlib import Path
from scripts.importer.pipeline import convert
out = {}
for name in sys.argv[2:]:
    path = Path(sys.argv[1]) / name
    out[name] = convert(path.read_bytes(), "corpus/" + name, path.stem, frame=False).body
print(json.dumps(out))
"""


@dataclass(frozen=True, slots=True)
class Draft:
    first: int
    last: int
    title: str
    boxes: tuple[str, ...]
    size: int  # characters of the diagram's text
    edges: int


@dataclass(slots=True)
class Score:
    """One file's drafts measured against its labels."""

    name: str
    flows: list[tuple[int, int, str]]
    drafts: list[Draft]
    matched: set[int] = field(default_factory=set)  # indices of flows drafted
    right: list[Draft] = field(default_factory=list)
    wrong: list[Draft] = field(default_factory=list)
    ignored: list[Draft] = field(default_factory=list)  # in an optional range

    @property
    def counted(self) -> int:
        return len(self.right) + len(self.wrong)

    def missed(self) -> list[tuple[int, int, str]]:
        return [flow for n, flow in enumerate(self.flows) if n not in self.matched]


def decoded(text: str) -> str:
    """A Mermaid label as the reader sees it: entity codes (#quot;, #35;) decoded."""

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name.isdigit():
            return chr(int(name))
        return html.unescape(f"&{name};")

    return _ENTITY.sub(one, text)


def drafts_in(body: str) -> list[Draft]:
    """Every drafted diagram of a page body, in page order."""
    found = []
    for match in _FENCE.finditer(body):
        indent = match.group(1)
        text = "\n".join(line.removeprefix(indent) for line in match.group(2).splitlines())
        where = _WHERE.match(text.split("\n", 1)[0])
        if where is None:
            continue  # not drafted (a diagram written by hand)
        first = int(where["first"])
        last = int(where["last"] or first)
        title = _TITLE.search(text)
        boxes = tuple(decoded(box) for box in _BOX.findall(text))
        found.append(
            Draft(
                first,
                last,
                decoded(title.group(1)) if title else "",
                boxes,
                len(text),
                len(_EDGE.findall(text)),
            )
        )
    return found


def malformed(label: str) -> bool:
    name = _ARROW_NOTE.split(label, 1)[0].strip()
    if not name or name.startswith(_BROKEN_STARTS) or name.endswith(_BROKEN_ENDS):
        return True
    if name.count("(") != name.count(")") or name.count("[") != name.count("]"):
        return True
    return bool(_MARKUP.search(name))


def load_labels(path: Path) -> dict[str, list[tuple[int, int, str]]]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    labels = {}
    for kind in ("flow", "optional", "quiet"):
        ranges = []
        for entry in data.get(kind, []):
            first, last, why = entry
            if not 1 <= first <= last:
                raise SystemExit(f"{path}: {kind} range {first}-{last} is not a range of lines")
            ranges.append((first, last, why))
        labels[kind] = ranges
    return labels


def overlaps(draft: Draft, first: int, last: int) -> bool:
    return draft.first <= last and first <= draft.last


def score(name: str, labels: dict[str, list[tuple[int, int, str]]], drafts: list[Draft]) -> Score:
    result = Score(name, labels["flow"], drafts)
    for draft in drafts:
        hit = next(
            (
                n
                for n, (first, last, _) in enumerate(result.flows)
                if n not in result.matched and overlaps(draft, first, last)
            ),
            None,
        )
        if hit is not None:
            result.matched.add(hit)
            result.right.append(draft)
        elif not any(overlaps(draft, first, last) for first, last, _ in result.flows) and any(
            overlaps(draft, first, last) for first, last, _ in labels["optional"]
        ):
            result.ignored.append(draft)
        else:
            result.wrong.append(draft)
    return result


def corpus_files(corpus: Path) -> list[Path]:
    files = sorted(p for p in corpus.iterdir() if p.suffix in NOTES_SUFFIXES and p.stem != "README")
    for path in files:
        if not labels_path(path).exists():
            raise SystemExit(f"{path}: no labels beside it ({labels_path(path).name})")
    return files


def labels_path(notes: Path) -> Path:
    return notes.with_name(notes.stem + ".labels.toml")


def bodies_here(files: list[Path]) -> dict[str, str]:
    from scripts.importer.pipeline import convert

    return {
        path.name: convert(path.read_bytes(), f"corpus/{path.name}", path.stem, frame=False).body
        for path in files
    }


def bodies_at(revision: str, corpus: Path, files: list[Path]) -> dict[str, str]:
    """The bodies the importer at `revision` writes for the corpus (a child process)."""
    with scripts_at(revision) as folder:
        result = subprocess.run(
            [sys.executable, "-c", _BASELINE_SCRIPT, str(corpus), *(p.name for p in files)],
            cwd=folder,
            capture_output=True,
            text=True,
            check=True,
        )
    return json.loads(result.stdout)


def measure(
    files: list[Path], bodies: dict[str, str]
) -> tuple[list[Score], dict[str, list[tuple[int, int, str]]]]:
    scores = []
    quiet = {}
    for path in files:
        labels = load_labels(labels_path(path))
        quiet[path.name] = labels["quiet"]
        scores.append(score(path.name, labels, drafts_in(bodies[path.name])))
    return scores, quiet


def ratio(numerator: int, denominator: int) -> str:
    return f"{numerator / denominator:.2f}" if denominator else "-"


def totals(scores: list[Score]) -> tuple[int, int, int, int]:
    """(flows, matched, right drafts, counted drafts)."""
    return (
        sum(len(s.flows) for s in scores),
        sum(len(s.matched) for s in scores),
        sum(len(s.right) for s in scores),
        sum(s.counted for s in scores),
    )


def print_scores(runs: dict[str, list[Score]]) -> None:
    names = list(runs)
    headers = ["file", "flows"]
    for name in names:
        headers += [f"drafts {name}", f"precision {name}", f"recall {name}"]
    rows = []
    by_file = zip(*runs.values(), strict=True)
    for per_run in by_file:
        row = [per_run[0].name, str(len(per_run[0].flows))]
        for s in per_run:
            extra = f"+{len(s.ignored)}" if s.ignored else ""
            row += [f"{len(s.drafts) - len(s.ignored)}{extra}", ratio(len(s.right), s.counted)]
            row.append(ratio(len(s.matched), len(s.flows)))
        rows.append(row)
    total = ["total", str(totals(next(iter(runs.values())))[0])]
    for scores in runs.values():
        flows, matched, right, counted = totals(scores)
        ignored = sum(len(s.ignored) for s in scores)
        total += [f"{counted}+{ignored}" if ignored else str(counted), ratio(right, counted)]
        total.append(ratio(matched, flows))
    rows.append(total)
    print_table(headers, rows, "Drafts against the labels (drafts: counted+in optional ranges)")
    for name, scores in runs.items():
        flows, matched, right, counted = totals(scores)
        print(
            f"{name}: precision {ratio(right, counted)} ({right}/{counted}),"
            f" recall {ratio(matched, flows)} ({matched}/{flows})"
        )


def print_details(scores: list[Score], quiet: dict[str, list[tuple[int, int, str]]]) -> None:
    print("\nFalse positives (drafts matching no labelled flow):")
    any_wrong = False
    for s in scores:
        for draft in s.wrong:
            any_wrong = True
            inside = [why for first, last, why in quiet[s.name] if overlaps(draft, first, last)]
            where = f"quiet: {inside[0]}" if inside else "unlabelled, or a flow drafted twice"
            print(f"  {s.name}:{draft.first}-{draft.last} {draft.title!r} ({where})")
    if not any_wrong:
        print("  none")
    print("\nFalse negatives (labelled flows not drafted):")
    missed = [(s.name, flow) for s in scores for flow in s.missed()]
    for name, (first, last, why) in missed:
        print(f"  {name}:{first}-{last} {why}")
    if not missed:
        print("  none")
    print("\nDrafts with a malformed label:")
    bad = [(s.name, d, box) for s in scores for d in s.drafts for box in d.boxes if malformed(box)]
    for name, draft, box in bad:
        print(f"  {name}:{draft.first}-{draft.last} box {box!r}")
    if not bad:
        print("  none")
    print(f"\nDrafts over Mermaid's limits ({MAX_TEXT_SIZE:,} characters, {MAX_EDGES} edges):")
    over = [
        (s.name, d)
        for s in scores
        for d in s.drafts
        if d.size > MAX_TEXT_SIZE or d.edges > MAX_EDGES
    ]
    for name, draft in over:
        print(f"  {name}:{draft.first}-{draft.last} {draft.size:,} characters, {draft.edges} edges")
    if not over:
        print("  none")


def print_drafts(scores: list[Score]) -> None:
    print("\nEvery draft:")
    for s in scores:
        for draft in s.drafts:
            mark = "ok" if draft in s.right else "??" if draft in s.ignored else "NO"
            print(f"  [{mark}] {s.name}:{draft.first}-{draft.last} {draft.title!r}")
            print(f"       {' | '.join(draft.boxes)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="notes and labels")
    parser.add_argument("--baseline", metavar="REV", help="also draft with the importer at REV")
    parser.add_argument("--show", action="store_true", help="list every draft and its boxes")
    args = parser.parse_args(argv)

    # Absolute: the --baseline child runs in another directory.
    corpus = args.corpus.resolve()
    files = corpus_files(corpus)
    runs: dict[str, list[Score]] = {}
    quiet: dict[str, list[tuple[int, int, str]]] = {}
    if args.baseline:
        runs[args.baseline], quiet = measure(files, bodies_at(args.baseline, corpus, files))
    runs["now"], quiet = measure(files, bodies_here(files))
    print(f"{len(files)} notes files in {show(args.corpus)}")
    print_scores(runs)
    print_details(runs["now"], quiet)
    if args.show:
        print_drafts(runs["now"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
