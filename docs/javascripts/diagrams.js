// Material draws every ```mermaid block itself (shadow DOM, palette-aware theme CSS),
// using the global `mermaid` when one exists and fetching Mermaid from unpkg when not.
// This script is that global: a small stand-in on every page, which loads the vendored
// Mermaid only when Material draws the first diagram. So:
//   - pages without diagrams load no Mermaid at all;
//   - instant navigation from such a page to a diagram page still draws (the stand-in
//     outlives page swaps, and Material looks for `mermaid` only once);
//   - exactly one Mermaid is loaded: over http(s) the ES module build, whose diagram
//     types arrive as lazy chunks; from file:// (the offline copy), where browsers
//     refuse ES modules, the single-file build.
// It is a classic script, not a module, so that it also runs from file://. mermaid2
// adds it again on diagram pages (its `javascript:` setting); the second run does
// nothing. The file name must not contain "mermaid": mermaid2 would take it for the
// library itself.

;(() => {
  if (window.mermaid) return

  const here = document.currentScript.src
  const vendored = name => new URL(`../assets/vendor/mermaid/${name}`, here).href

  let settings = {}
  let loading

  function importModule() {
    return import(vendored("mermaid.esm.min.mjs")).then(module => module.default)
  }

  function loadSingleFile() {
    return new Promise((resolve, reject) => {
      const script = document.createElement("script")
      script.src = vendored("mermaid.min.js")
      script.onload = () => {
        const mermaid = window.mermaid
        window.mermaid = standIn // keep one code path: Material keeps calling us
        resolve(mermaid)
      }
      script.onerror = () => reject(new Error(`cannot load ${script.src}`))
      document.head.appendChild(script)
    })
  }

  function load() {
    loading ||= (location.protocol === "file:" ? loadSingleFile() : importModule())
      .then(mermaid => {
        mermaid.initialize({
          ...window.mermaidConfig?.default, // mermaid2's `arguments` from mkdocs.yml
          ...settings,                      // Material's theme CSS and font sizes
          startOnLoad: false,
          securityLevel: "strict"           // never loosened, whatever a page says
        })
        return mermaid
      })
    return loading
  }

  const standIn = {
    initialize(options) {
      settings = options
    },
    async render(id, text) {
      return (await load()).render(id, text)
    },
    async parse(text, options) {
      return (await load()).parse(text, options)
    }
  }

  window.mermaid = standIn
})()
