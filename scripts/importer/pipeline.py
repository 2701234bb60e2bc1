"""The whole conversion, bytes in, page out, with no file system access."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from .decode import decode_notes
from .frontmatter import Field, build_page
from .lex import lex
from .parse import Document, lesson_title, parse
from .render import render


@dataclass(frozen=True, slots=True)
class Page:
    """A generated page and what the CLI needs to know about it."""

    body: str
    document: Document
    source: str  # the notes' path as front matter and messages show it
    source_bytes: bytes
    warnings: tuple[str, ...] = ()  # path:line: messages about the notes (decoding)

    def text_keeping(self, fields: tuple[Field, ...] = ()) -> str:
        """Front matter + body, carrying over `fields` of the page it replaces."""
        return build_page(
            self.body,
            title=lesson_title(self.document),
            date=self.document.date,
            source=self.source,
            source_bytes=self.source_bytes,
            keep=fields,
        )

    @property
    def text(self) -> str:
        """The page as a fresh import writes it: front matter + body."""
        return self.text_keeping()


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building the tree.

    The tree has no cycles, so reference counting frees it; the collector
    would only rescan the millions of new objects of a big file over and
    over (it makes the importer 2-3 times slower).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            # The objects made meanwhile all sit in the youngest generation, and the
            # first allocation after enable() would scan them all at once: move them
            # to the oldest one instead (freeze, then unfreeze), unscanned.
            gc.freeze()
            gc.enable()
            gc.unfreeze()


def convert_text(text: str, stem: str = "notes") -> tuple[Document, str]:
    """Notes text -> (Document, Markdown body). Pure; never raises on text."""
    with _collector_paused():
        document = parse(lex(text), stem)
        return document, render(document)


def convert(data: bytes, source: str, stem: str) -> Page:
    """Raw notes bytes -> Page. `source` is the repo-relative path shown in
    front matter and errors. Raises NotesError on binary/undecodable input."""
    decoded = decode_notes(data, source)
    document, body = convert_text(decoded.text, stem)
    return Page(body, document, source, data, decoded.warnings)
