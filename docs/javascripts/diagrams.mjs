// Material draws every ```mermaid block itself (shadow DOM, palette-aware theme CSS),
// using the global `mermaid` when one exists and fetching Mermaid from unpkg when not.
// This module is that global: a small stand-in on every page, which imports the
// vendored Mermaid only when Material draws the first diagram. So:
//   - pages without diagrams load no Mermaid at all;
//   - instant navigation from such a page to a diagram page still draws (the stand-in
//     outlives page swaps, and Material's lookup happens once);
//   - exactly one Mermaid is loaded: mermaid2's page script imports this same module.
// The file name must not contain "mermaid": mermaid2 would take it for the library.

const MERMAID = new URL("../assets/vendor/mermaid/mermaid.esm.min.mjs", import.meta.url).href

let settings = {}
let loading

function load() {
  loading ||= import(MERMAID).then(({ default: mermaid }) => {
    mermaid.initialize({
      ...window.mermaidConfig?.default,  // mermaid2's `arguments` from mkdocs.yml
      ...settings,                       // Material's theme CSS and font sizes
      startOnLoad: false,
      securityLevel: "strict"            // never loosened, whatever a page says
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
export default standIn
