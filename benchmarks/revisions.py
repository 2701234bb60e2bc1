"""The importer as it is at another git revision, for a benchmark's before-and-after in
one run: that revision's `scripts/` unpacked into a temporary folder, where a child
process imports it instead of the working tree's."""

from __future__ import annotations

import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO
from pathlib import Path

from scripts.core.paths import ROOT


@contextmanager
def scripts_at(revision: str) -> Iterator[Path]:
    """A folder holding `scripts/` as it is at `revision`: run a child process there
    (cwd) and `import scripts...` gets that revision's code."""
    archive = subprocess.run(
        ["git", "archive", "--format=tar", revision, "scripts"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout
    with tempfile.TemporaryDirectory(prefix="bench-rev-") as tmp:
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        yield Path(tmp)
