"""Writing files so that nobody ever sees half of one.

A page is written to a temporary file beside it, then renamed over it: readers
(and `mkdocs serve`) see the old page or the new one. Temporaries are named
`.<page>.pid<N>.<random>.import-tmp`: hidden from MkDocs (it skips dot files), ignored by
git (.gitignore), and, if the importer is killed mid-write, removed by the next
run once the process that made them is gone.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

SUFFIX = ".import-tmp"
_TEMPORARY = re.compile(r"\..*\.pid(\d+)\.[^.]*" + re.escape(SUFFIX))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Delete temporaries left in folder by importers that died; return them."""
    removed = []
    if not folder.is_dir():
        return removed
    for path in folder.iterdir():
        match = _TEMPORARY.fullmatch(path.name)
        if match and int(match.group(1)) != os.getpid() and not _alive(int(match.group(1))):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def atomic_write(path: Path, text: str) -> None:
    """Write text (UTF-8) to path via a temporary file in the same folder and
    os.replace, keeping the file's permissions."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    handle, temp = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.pid{os.getpid()}.", suffix=SUFFIX
    )
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(text.encode("utf-8"))
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
