// Each abbreviation is explained once per page: at its first use.
//
// includes/abbreviations.md is appended to every page (pymdownx.snippets), and the
// `abbr` extension wraps *every* occurrence of every listed term in <abbr title>:
// Day 1 has 72 of them (DevOps alone 25 times). With `content.tooltips`, the theme
// turns each one into a tooltip while the page starts, on a phone's main thread:
// when only first uses kept their <abbr>, Day 1's total blocking time went from
// 267 ms to 156 ms (benchmarks/bench_lighthouse.py). First use is also the usual
// rule in print and in WCAG's technique H28, and it spares screen-reader users who
// have titles read out from hearing "Development and Operations" 25 times. Later
// uses become plain text (both themes underline every <abbr>, with a title or not);
// the glossary and the first use explain them.
//
// The `scripts` block of overrides/main.html (which MkDocs and Zensical both render)
// loads this file deferred, just before the theme's deferred bundle: it runs once the
// page is parsed and before the theme starts, which is when the theme sets up a
// page's tooltips. It acts at two moments:
//   - the page as loaded;
//   - every page instant navigation brings: the theme parses the fetched page with
//     DOMParser before swapping it in, so each page parsed as HTML is handled here
//     first (a private behaviour of the theme, listed in SEAMS.md;
//     tests/browser/test_abbreviations.py trips when it changes).
// A file, not an inline script: the site's Content Security Policy allows no inline
// script of ours (dev/security.md).
;(() => {
  function firstUsesOnly(root) {
    const seen = new Set()
    for (const abbr of root.querySelectorAll("article abbr[title]")) {
      const key = `${abbr.textContent}\u0000${abbr.title}`
      if (seen.has(key)) abbr.replaceWith(...abbr.childNodes)
      else seen.add(key)
    }
  }

  firstUsesOnly(document)

  // Wrap only once, should the theme ever run this script again.
  const parseFromString = DOMParser.prototype.parseFromString
  if (parseFromString.firstUsesOnly) return
  DOMParser.prototype.parseFromString = function (text, type) {
    const parsed = parseFromString.call(this, text, type)
    if (type === "text/html") firstUsesOnly(parsed)
    return parsed
  }
  DOMParser.prototype.parseFromString.firstUsesOnly = true
})()
