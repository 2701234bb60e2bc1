"""Whatever the instructor's editor saved, the page is the same; binary input
is refused with a message naming the file and line, and nothing is written."""

from __future__ import annotations

import codecs

import pytest
from pagecheck import FIXTURES

from scripts.importer.decode import decode, decode_notes
from scripts.importer.errors import NotesError
from scripts.importer.pipeline import convert

# Curly quotes, bullets, dashes and an ellipsis: all in Windows-1252 too.
SOURCE = (FIXTURES / "docker-basics.txt").read_text(encoding="utf-8")


def _variants() -> dict[str, bytes]:
    crlf = SOURCE.replace("\n", "\r\n")
    return {
        "utf-8": SOURCE.encode("utf-8"),
        "utf-8 with BOM": codecs.BOM_UTF8 + SOURCE.encode("utf-8"),
        "utf-16 LE with BOM": codecs.BOM_UTF16_LE + SOURCE.encode("utf-16-le"),
        "utf-16 BE with BOM": codecs.BOM_UTF16_BE + SOURCE.encode("utf-16-be"),
        "utf-32 with BOM": SOURCE.encode("utf-32"),
        "windows-1252": SOURCE.encode("cp1252"),
        "utf-8, CRLF": crlf.encode("utf-8"),
        "utf-8 with BOM, CRLF": codecs.BOM_UTF8 + crlf.encode("utf-8"),
        "utf-16 with BOM, CRLF": crlf.encode("utf-16"),
        "windows-1252, CRLF": crlf.encode("cp1252"),
        "old Mac CR": SOURCE.replace("\n", "\r").encode("utf-8"),
    }


VARIANTS = _variants()


@pytest.mark.parametrize("encoding", list(VARIANTS))
def test_every_encoding_gives_the_same_page(encoding: str) -> None:
    clean = convert(VARIANTS["utf-8"], "notes/x.txt", "x")
    page = convert(VARIANTS[encoding], "notes/x.txt", "x")
    assert page.body == clean.body
    fields = page.text.split("\n---\n")[0]
    assert page.text.replace(fields, "") == clean.text.replace(clean.text.split("\n---\n")[0], "")


def test_windows_1252_is_read_as_such_not_as_a_lookalike() -> None:
    text = "Docker \u2013 it\u2019s \u201clight\u201d \u2022 caf\u00e9 \u2026\n"
    assert decode(text.encode("cp1252"), "x.txt") == text


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 3),
        (b"notes\nmore notes\n\x00\x01\x02binary", 3),
        (b"\x1f\x8b\x08\x00" + bytes(range(256)), 1),
    ],
)
def test_binary_input_is_refused_naming_file_and_line(data: bytes, line: int) -> None:
    with pytest.raises(NotesError) as caught:
        convert(data, "notes/x.bin", "x")
    assert caught.value.line == line
    assert str(caught.value).startswith(f"notes/x.bin:{line}: binary file")


def test_broken_utf16_is_refused() -> None:
    with pytest.raises(NotesError, match=r"^notes/x\.txt:1: invalid utf-16-le text"):
        convert(codecs.BOM_UTF16_LE + b"a\x00b", "notes/x.txt", "x")


def test_control_characters_do_not_reach_markdown() -> None:
    page = convert(b"a\x02b\x03c \x07 bell\x0cform feed\n", "notes/x.txt", "x")
    assert not any(ch in page.text for ch in "\x02\x03\x07\x0c")
    assert "a b c bell form feed" in page.body


@pytest.mark.parametrize("data", [b"", b"\n", b"\t\t\n   \n\t", b"\xef\xbb\xbf", b"\r\n\r\n"])
def test_empty_or_blank_notes_give_an_empty_page_with_front_matter(data: bytes) -> None:
    page = convert(data, "notes/day-05.txt", "day-05")
    assert page.text.startswith("---\n")
    assert page.body == "# Day 5\n"  # the front matter's title; no lesson, no frame
    assert page.document.day == 5


# -- Mixed encodings: valid UTF-8 is UTF-8, stray bytes are repaired and reported --


def test_utf8_with_one_stray_byte_stays_utf8_and_the_byte_is_reported() -> None:
    data = "你好 Docker\n".encode() + b"caf\xe9 au lait\n"
    decoded = decode_notes(data, "notes/x.txt")
    assert decoded.text == "你好 Docker\ncafé au lait\n"
    assert decoded.warnings == (
        "notes/x.txt:2: not UTF-8: 1 byte(s) read as Windows-1252 ('é'); check this line",
    )


def test_pasted_windows_smart_quotes_in_utf8_notes_are_repaired() -> None:
    data = "\u201cUTF-8 quotes\u201d \u2192 ok\n".encode() + b"then \x93pasted\x94 ones\n"
    decoded = decode_notes(data, "notes/x.txt")
    assert decoded.text == "\u201cUTF-8 quotes\u201d \u2192 ok\nthen \u201cpasted\u201d ones\n"
    assert decoded.warnings[0].startswith("notes/x.txt:2: not UTF-8: 2 byte(s)")


def test_a_byte_that_is_neither_utf8_nor_windows_1252_is_refused_at_its_line() -> None:
    with pytest.raises(NotesError, match=r"^notes/x\.txt:3: byte 0x81 is not UTF-8"):
        convert("é\nok\n".encode() + b"bad \x81 byte\n", "notes/x.txt", "x")


def test_a_guessed_legacy_encoding_is_reported() -> None:
    decoded = decode_notes("Priv\u00e9 caf\u00e9 r\u00e9sum\u00e9\n".encode("cp1252"), "n.txt")
    assert decoded.text == "Priv\u00e9 caf\u00e9 r\u00e9sum\u00e9\n"
    assert decoded.warnings == (
        "n.txt:1: not UTF-8: the whole file was read as Windows-1252 (a guess);"
        " save the notes as UTF-8 to be sure",
    )
    assert decode_notes("plain UTF-8 caf\u00e9\n".encode(), "n.txt").warnings == ()


@pytest.mark.parametrize("size", [10, 10_000])
def test_mostly_utf8_is_never_decoded_as_something_else(size: int) -> None:
    good = "Привет, мир. Grüße. 你好. “quoted” — fine…\n" * size
    decoded = decode_notes(good.encode() + b"\x96 dash\n", "n.txt")
    assert decoded.text == good + "\u2013 dash\n"
