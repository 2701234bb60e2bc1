"""The words of the built site, as its search sees them, and the pairs of queries
derived from them that must find the same sections: every hyphenated or slashed word
typed as one word, every word made of two site words typed as two, and singular
against plural. Read from the built pages, so a new lesson is covered without
touching a test (test_search.py types some pairs into the real box;
test_search_rewrite.py rewrites all of them on a blank page)."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup

from scripts.core.config import load as load_config

# Inline elements never separate words ("17<sup>th</sup>" is "17th").
INLINE = "a, abbr, b, code, del, em, i, ins, kbd, mark, small, span, strong, sub, sup"
# A word with hyphens or slashes inside: "Micro-Services", "CI/CD", "feature/new-project".
# Each part is a word of two or more characters starting with a letter: the shortest
# piece the search worker splits a joined word into.
JOINED_PARTS = re.compile(r"(?<![\w/-])[A-Za-z][A-Za-z0-9]+(?:[-/][A-Za-z][A-Za-z0-9]+)+(?![\w/-])")
MIN_WORD = 4  # the search worker leaves shorter words alone (MIN_LENGTH)
# Where words split, as mkdocs.yml's search plugin says (both builds read the file).
SEARCH = next(p["search"] for p in load_config()["plugins"] if "search" in p)
SEPARATOR = SEARCH["separator"]


def site_texts(site_dir: Path) -> list[str]:
    """The text of every page's article, as a reader sees it (blocks separated)."""
    texts = []
    for html in sorted(site_dir.rglob("index.html")):
        if html.parent.name == "search":
            continue
        article = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").article
        if article is None:
            continue
        for element in article.select(INLINE):
            if not element.find_parent("pre"):
                element.unwrap()
        article.smooth()
        texts.append(article.get_text(" "))
    return texts


def site_words(site_dir: Path, texts: list[str]) -> set[str]:
    """Every word of the pages as the site's search splits them (mkdocs.yml's separator)."""
    separator = re.compile(SEPARATOR)
    return {
        word
        for text in texts
        for word in separator.split(text.lower())
        if re.fullmatch(r"[a-z][a-z0-9]+", word)
    }


def plural(word: str) -> str:
    if re.search(r"(s|x|z|ch|sh)$", word):
        return word + "es"
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    return word + "s"


def derive_pairs(site_dir: Path) -> dict[str, list[tuple[str, str]]]:
    """Pairs of queries that must find the same sections, read from the built site."""
    texts = site_texts(site_dir)
    words = site_words(site_dir, texts)
    hyphenated = sorted({m.lower() for text in texts for m in JOINED_PARTS.findall(text)})
    compounds = sorted(
        (word[:k] + " " + word[k:], word)
        for word in words
        for k in range(3, len(word) - 2)
        if word[:k] in words and word[k:] in words
    )
    numbers = sorted(
        (word, plural(word)) for word in words if len(word) >= MIN_WORD and plural(word) in words
    )
    return {
        "joined": [(re.sub(r"[-/]", "", word), word) for word in hyphenated],
        "compounds": compounds,
        "numbers": numbers,
    }
