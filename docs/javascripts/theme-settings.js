// The theme's settings, changed before its bundle reads them. The `config` block of
// overrides/main.html loads this file right after the theme's `#__config`, deferred
// like the bundle that follows it, so it runs once the page is parsed and before the
// theme starts. A file, not an inline script: the site's Content Security Policy
// allows no inline script of ours (dev/security.md).
//   - Material shows the repository's stars and forks by asking api.github.com from
//     the reader's browser. Readers get every byte from our origin, so the theme finds
//     an empty answer already cached under its own session key, and shows the plain
//     repository link.
//   - Material documents a custom search worker, named in its configuration, as the
//     way to change how search works. Ours (search-worker.js, beside this file) wraps
//     the theme's own worker, whose address it receives in its URL fragment, to find
//     what students type. The same holds in copies opened from file://, where the
//     theme runs the worker through the iframe-worker shim.
//   - A copy opened from file:// (`make offline`) drops instant navigation, which
//     cannot work there: left on, the theme does not start at all from file:// (no
//     diagrams, no search).
// Both MkDocs and Zensical render the block; tests/browser/test_search.py,
// test_pages.py and test_takeaway.py check both builds.
;(() => {
  window.__md_set?.("__source", {}, sessionStorage)

  const element = document.getElementById("__config")
  const config = JSON.parse(element.textContent)
  if (location.protocol === "file:")
    config.features = config.features.filter(feature => !feature.startsWith("navigation.instant"))
  const worker = new URL("search-worker.js", document.currentScript.src).href
  config.search = `${worker}#${encodeURIComponent(new URL(config.search, location.href).href)}`
  element.textContent = JSON.stringify(config)
})()
