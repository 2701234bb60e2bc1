"""bytes -> clean text: any encoding an instructor's editor may save, LF line ends.

Order of trust: a byte-order mark says exactly what the file is; valid UTF-8
is always read as UTF-8 (it almost never happens by accident); notes that are
mostly UTF-8 with a few stray bytes (Windows punctuation pasted in) stay UTF-8
and have those bytes repaired, each reported at its line; only notes with no
UTF-8 in them are guessed, and the guess is reported. Guessing uses
charset-normalizer, but between the single-byte Western code pages it cannot
tell apart on short English notes (it often says cp1250) we pick Windows-1252,
which is what Notepad writes on an English Windows.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

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

_NAMES = {"cp1252": "Windows-1252", "cp1250": "Windows-1250", "cp1251": "Windows-1251"}
# Bytes that were not UTF-8, as errors="surrogateescape" leaves them (U+DC80-U+DCFF).
_STRAY = re.compile("[\udc80-\udcff]+")
_NON_ASCII = re.compile("[^\x00-\x7f]+")
# Warnings about repaired bytes: the first lines only, then a count.
MAX_REPORTED = 5

# C0/C1 controls other than tab and newline. Python-Markdown uses \x02/\x03 as
# its own placeholders, so none of these may reach it.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Every line ending (CRLF, lone CR, Unicode line/paragraph separators) -> LF.
_NEWLINES = re.compile("\r\n?|[\u2028\u2029]")


def _line_of(data: bytes, offset: int) -> int:
    """1-based line number of a byte offset, for error messages."""
    return data.count(b"\n", 0, offset) + 1


@dataclass(frozen=True, slots=True)
class Decoded:
    """The notes as text, and what the reader should be told about decoding."""

    text: str
    warnings: tuple[str, ...] = ()


def _name(encoding: str) -> str:
    """ "cp1252" -> "Windows-1252", for messages."""
    return _NAMES.get(encoding, encoding)


def _repair(data: bytes, path: str) -> Decoded:
    """Mostly-UTF-8 bytes: UTF-8, with each stray byte read as Windows-1252.

    Pasting from a Windows program into UTF-8 notes leaves its punctuation
    (smart quotes 0x93/0x94, dashes 0x96/0x97, the ellipsis 0x85) or a Latin-1
    letter as single bytes among valid UTF-8. Each is repaired and reported at
    its line; a byte Windows-1252 does not define either is refused there.
    """
    text = data.decode("utf-8", errors="surrogateescape")
    out: list[str] = []
    repaired: dict[int, list[str]] = {}  # line -> repaired characters
    last = 0
    line = 1
    for match in _STRAY.finditer(text):
        before = text[last : match.start()]
        line += before.count("\n")
        out.append(before)
        for char in match.group():
            byte = bytes([ord(char) - 0xDC00])
            try:
                fixed = byte.decode("cp1252")
            except UnicodeDecodeError:
                raise NotesError(
                    path,
                    line,
                    f"byte 0x{byte[0]:02X} is not UTF-8, nor a Windows-1252 character;"
                    " save the notes as UTF-8",
                ) from None
            out.append(fixed)
            repaired.setdefault(line, []).append(fixed)
        last = match.end()
    out.append(text[last:])
    warnings = [
        f"{path}:{line}: not UTF-8: {len(chars)} byte(s) read as Windows-1252"
        f" ({' '.join(repr(c) for c in chars[:6])}); check this line"
        for line, chars in list(repaired.items())[:MAX_REPORTED]
    ]
    if len(repaired) > MAX_REPORTED:
        warnings.append(
            f"{path}:{list(repaired)[MAX_REPORTED]}: ... and {len(repaired) - MAX_REPORTED}"
            " more line(s) with bytes read as Windows-1252"
        )
    return Decoded("".join(out), tuple(warnings))


def _mostly_utf8(data: bytes) -> bool:
    """At least as many valid multi-byte UTF-8 characters as stray bytes.

    Legacy code pages almost never form valid UTF-8 sequences by chance, so
    one valid sequence outweighs one stray byte; notes with stray bytes and
    no UTF-8 at all are a legacy encoding, left to the guesser."""
    text = data.decode("utf-8", errors="surrogateescape")
    stray = sum(map(len, _STRAY.findall(text)))
    valid = sum(map(len, _NON_ASCII.findall(text))) - stray
    return valid >= max(stray, 1)


def _decode_bytes(data: bytes, path: str) -> Decoded:
    """Decode raw bytes, or raise NotesError naming the file and line."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(encoding))
            except UnicodeDecodeError as err:
                raise NotesError(
                    path, _line_of(data, err.start), f"invalid {encoding} text ({err.reason})"
                ) from None
    nul = data.find(b"\x00")
    if nul >= 0:
        raise NotesError(path, _line_of(data, nul), "binary file (NUL byte), not text notes")
    try:
        return Decoded(data.decode("utf-8"))  # valid UTF-8 is always read as UTF-8
    except UnicodeDecodeError as err:
        first_bad = err.start
    if _mostly_utf8(data):
        return _repair(data, path)
    guesses = from_bytes(data)
    best = guesses.best()
    if best is None:
        raise NotesError(
            path, _line_of(data, first_bad), "undecodable: not UTF-8 and no known encoding fits"
        )
    encoding = best.encoding
    if any(match.encoding in _WESTERN for match in guesses):
        try:
            text = data.decode("cp1252")
            encoding = "cp1252"
        except UnicodeDecodeError:
            text = str(best)
    else:
        text = str(best)
    return Decoded(
        text,
        (
            f"{path}:{_line_of(data, first_bad)}: not UTF-8: the whole file was read as"
            f" {_name(encoding)} (a guess); save the notes as UTF-8 to be sure",
        ),
    )


def decode_notes(data: bytes, path: str) -> Decoded:
    """The notes as text with LF line ends and no control characters, and the
    warnings to show (an encoding guessed, bytes repaired).

    Raises NotesError for binary or undecodable input (the CLI exits 2).
    """
    decoded = _decode_bytes(data, path)
    text = decoded.text
    if "\r" in text or "\u2028" in text or "\u2029" in text:  # (a fast scan)
        text = _NEWLINES.sub("\n", text)
    text, controls = _CONTROL.subn(" ", text)
    # A stray form feed is fine; a file that is mostly control codes is not text.
    if controls > 8 and controls * 50 > len(text):
        raise NotesError(path, 1, "binary file (control characters), not text notes")
    return Decoded(text, decoded.warnings)


def decode(data: bytes, path: str) -> str:
    """decode_notes() without the warnings."""
    return decode_notes(data, path).text
