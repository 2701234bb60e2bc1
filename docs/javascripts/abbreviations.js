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
// This runs where both MkDocs and Zensical put it (extra_javascript), at the two
// moments that come before the theme sets up a page's tooltips:
//   - the page as loaded: the script is deferred, so it runs once the page is parsed
//     and before DOMContentLoaded, which is when the theme starts its components;
//   - every page instant navigation brings: the theme parses the fetched page with
//     DOMParser before swapping it in, so each page parsed as HTML is handled here
//     first (a private behaviour of the theme, listed in README, "Building with
//     Zensical"; tests/browser/test_abbreviations.py trips when it changes).
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

  // Material runs a page's scripts again after instant navigation: wrap only once.
  const parseFromString = DOMParser.prototype.parseFromString
  if (parseFromString.firstUsesOnly) return
  DOMParser.prototype.parseFromString = function (text, type) {
    const parsed = parseFromString.call(this, text, type)
    if (type === "text/html") firstUsesOnly(parsed)
    return parsed
  }
  DOMParser.prototype.parseFromString.firstUsesOnly = true
})()
