"""The one error type the importer raises for bad input."""

from __future__ import annotations


class NotesError(Exception):
    """A problem with one input file, reported as ``path:line: message``.

    Compilers and editors understand that shape, so a terminal click jumps to
    the offending line.
    """

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line
        self.message = message
