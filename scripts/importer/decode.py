"""bytes -> clean text: any encoding an instructor's editor may save, LF line ends.

Order of trust: a byte-order mark says exactly what the file is; strict UTF-8
almost never succeeds by accident; only then do we guess. Guessing uses
charset-normalizer, but between the single-byte Western code pages it cannot
tell apart on short English notes (it often says cp1250) we pick Windows-1252,
which is what Notepad writes on an English Windows.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from .errors import NotesError

# UTF-32 first: its little-endian BOM starts with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Single-byte Latin code pages charset-normalizer confuses with Windows-1252.
_WESTERN = frozenset(
    [
        "cp1252",
        "cp1250",
        "cp1257",
        "latin_1",
        "iso8859_15",
        "iso8859_2",
        "cp437",
        "cp850",
        "cp852",
        "cp775",
        "cp1125",
        "mac_roman",
        "mac_latin2",
    ]
)

# C0/C1 controls other than tab and newline. Python-Markdown uses \x02/\x03 as
# its own placeholders, so none of these may reach it.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Every line ending (CRLF, lone CR, Unicode line/paragraph separators) -> LF.
_NEWLINES = re.compile("\r\n?|[\u2028\u2029]")


def _line_of(data: bytes, offset: int) -> int:
    """1-based line number of a byte offset, for error messages."""
    return data.count(b"\n", 0, offset) + 1


def _decode_bytes(data: bytes, path: str) -> str:
    """Decode raw bytes, or raise NotesError naming the file and line."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as err:
                raise NotesError(
                    path, _line_of(data, err.start), f"invalid {encoding} text ({err.reason})"
                ) from None
    nul = data.find(b"\x00")
    if nul >= 0:
        raise NotesError(path, _line_of(data, nul), "binary file (NUL byte), not text notes")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        first_bad = err.start
    guesses = from_bytes(data)
    best = guesses.best()
    if best is None:
        raise NotesError(
            path, _line_of(data, first_bad), "undecodable: not UTF-8 and no known encoding fits"
        )
    if best.encoding in _WESTERN or any(m.encoding == "cp1252" for m in guesses):
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    return str(best)


def decode(data: bytes, path: str) -> str:
    """Return the notes as text with LF line ends and no control characters.

    Raises NotesError for binary or undecodable input (the CLI exits 2).
    """
    text = _decode_bytes(data, path)
    if "\r" in text or "\u2028" in text or "\u2029" in text:  # (a fast scan)
        text = _NEWLINES.sub("\n", text)
    text, controls = _CONTROL.subn(" ", text)
    # A stray form feed is fine; a file that is mostly control codes is not text.
    if controls > 8 and controls * 50 > len(text):
        raise NotesError(path, 1, "binary file (control characters), not text notes")
    return text
