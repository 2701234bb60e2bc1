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
//   - a diagram is drawn when it comes within a screen of the viewport, so a phone
//     loading a long lesson spends its time on the diagrams being read, not on the
//     ones twenty screens further down. Once the reader does anything (scrolls,
//     clicks, types), the rest are drawn one by one while the browser is idle, so
//     printing finds them drawn; printing itself also asks for all of them.
//   - from then on, the code of every diagram type on the page is fetched at once,
//     not when Mermaid's one-at-a-time queue reaches the first diagram of the type.
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

  // Material asks for a diagram with its source text only; its code block is the
  // first not yet claimed whose text is exactly that (Material goes in page order).
  const claimed = new WeakSet()
  function sourceBlock(text) {
    for (const block of document.querySelectorAll("pre.mermaid"))
      if (!claimed.has(block) && block.textContent === text) {
        claimed.add(block)
        return block
      }
    return null
  }

  // Diagrams waiting to come near the viewport, in page order; printing releases
  // them all, the reader's first action starts releasing them one at a time.
  const waiting = new Set()
  function releaseAll() {
    for (const release of waiting) release()
  }
  addEventListener("beforeprint", releaseAll)
  matchMedia("print").addEventListener("change", event => event.matches && releaseAll())

  let drawingRest = false
  const whenIdle = window.requestIdleCallback || (callback => setTimeout(callback, 200))
  function releaseNextWhenIdle() {
    const release = waiting.values().next().value
    if (release) whenIdle(release, { timeout: 2000 })
  }
  function drawRest() {
    if (drawingRest) return
    drawingRest = true
    releaseNextWhenIdle()
  }
  for (const type of ["scroll", "pointerdown", "keydown"])
    addEventListener(type, drawRest, { once: true, passive: true })

  // Mermaid fetches a diagram type's code (a module and the files it imports) when
  // its queue reaches the first diagram of that type: on Day 1 the gitGraph's 21
  // files start only after seven flowcharts are drawn. Once the reader is reading on,
  // import every type the page uses now, beside the queue; Mermaid's own import then
  // finds the module loaded. diagram-modules.json (type -> module) is made from
  // Mermaid's build by scripts/vendor_assets.py.
  const warmed = new Set()
  let modules
  async function fetchTypesOnPage() {
    if (!drawingRest || !loading || location.protocol === "file:") return
    try {
      const mermaid = await loading
      modules ||= fetch(vendored("diagram-modules.json")).then(response => response.json())
      const byType = await modules
      for (const block of document.querySelectorAll("pre.mermaid")) {
        let type
        try {
          type = await mermaid.detectType(block.textContent)
        } catch {
          continue // not a diagram Mermaid knows: rendering it will say so
        }
        if (warmed.has(type) || !byType[type]) continue
        warmed.add(type)
        import(vendored(byType[type])).catch(() => warmed.delete(type))
      }
    } catch {
      // only a head start: without it, Mermaid fetches what it needs itself
    }
  }

  function nearViewport(block) {
    if (!block || !("IntersectionObserver" in window) || matchMedia("print").matches)
      return Promise.resolve()
    return new Promise(resolve => {
      const observer = new IntersectionObserver(entries => {
        if (entries.some(entry => entry.isIntersecting)) release()
      }, { rootMargin: "100% 0px" })
      function release() {
        observer.disconnect()
        waiting.delete(release)
        resolve()
      }
      waiting.add(release)
      observer.observe(block)
    })
  }

  // A tall diagram (a long top-down flow) printed at full width runs off the page;
  // on paper it shrinks to fit one. The rule travels inside the SVG, since Material
  // puts diagrams in a closed shadow root that page CSS cannot reach.
  function fitPrintedPage(svg, id) {
    const open = svg.indexOf(">") + 1
    const rule = `<style>@media print { #${id} { max-height: 21cm; } }</style>`
    return svg.slice(0, open) + rule + svg.slice(open)
  }

  const standIn = {
    initialize(options) {
      settings = options
    },
    async render(id, text) {
      await nearViewport(sourceBlock(text))
      try {
        const result = await (await load()).render(id, text)
        return { ...result, svg: fitPrintedPage(result.svg, id) }
      } finally {
        if (drawingRest) {
          releaseNextWhenIdle()
          fetchTypesOnPage()
        }
      }
    },
    async parse(text, options) {
      return (await load()).parse(text, options)
    }
  }

  window.mermaid = standIn
})()
