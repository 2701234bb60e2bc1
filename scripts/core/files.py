"""Writing files so that nobody ever sees half of one: the one way every script
writes a page, mkdocs.yml, the PDF or the offline zip.

A file is written to a temporary file beside it, then renamed over it: readers (and
`mkdocs serve`) see the old file or the new one. Temporaries are named
`.<name>.pid<N>.<random>.import-tmp`: hidden from MkDocs (it skips dot files),
ignored by git (.gitignore), and, if the writer is killed mid-write, removed by the
next run once the process that made them is gone. A read-only file is never
replaced: renaming over it would succeed, though its owner said no.

A read-modify-write of a file that several processes edit (mkdocs.yml, by imports
run side by side) holds `locked(path)`: an OS lock on `.<name>.lock` beside it,
through the filelock package; the OS drops it when its process dies, so a killed
writer never leaves a stale lock behind.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock
from filelock import Timeout as LockTimeout

__all__ = [
    "LockTimeout",
    "atomic_write",
    "locked",
    "remove_stale_temporaries",
    "replacing",
    "write_synced",
]

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
    """Delete temporaries left in folder by writers that died; return them."""
    removed = []
    if not folder.is_dir():
        return removed
    for path in folder.iterdir():
        match = _TEMPORARY.fullmatch(path.name)
        if match and int(match.group(1)) != os.getpid() and not _alive(int(match.group(1))):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def _mode_for(path: Path) -> int:
    """The file's own permissions, or what the umask gives a new file."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary path beside `path` to write to; when the block ends without an
    error, it replaces `path` (keeping its permissions), else it is removed.
    PermissionError (naming `path`) at once when `path` is read-only."""
    if path.exists() and not os.access(path, os.W_OK):
        raise PermissionError(errno.EACCES, "the file is read-only", str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(path)
    handle, name = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.pid{os.getpid()}.", suffix=SUFFIX
    )
    os.close(handle)
    temp = Path(name)
    try:
        yield temp
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_synced(path: Path, data: str | bytes) -> None:
    """Write data (text as UTF-8) to path and sync it to disk (for a temporary
    of replacing(): the rename must never expose an unsynced file)."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(path, "wb") as file:
        file.write(data)
        file.flush()
        os.fsync(file.fileno())


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write data (text as UTF-8) to path, all of it or nothing, synced to disk."""
    with replacing(path) as temp:
        write_synced(temp, data)


# Long enough for any import of a day's notes on a busy machine; a holder that
# dies releases the lock at once (it is the OS's), so this only ends a real hang.
LOCK_TIMEOUT = 300.0


def locked(path: Path, timeout: float = LOCK_TIMEOUT) -> FileLock:
    """A lock to hold across a read-modify-write of `path` (a context manager):
    `.<name>.lock` beside it. Raises LockTimeout after `timeout` seconds."""
    return FileLock(path.parent / f".{path.name}.lock", timeout=timeout)
