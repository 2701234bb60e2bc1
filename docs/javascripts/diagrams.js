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

  // Browsers refuse ES modules from file:// (the offline copy).
  const fromFile = location.protocol === "file:"
  const here = document.currentScript.src
  const vendored = name => new URL(`../assets/vendor/mermaid/${name}`, here).href

  let settings = {}
  let loading

  // Each Mermaid module imports further files, which the browser finds one level at
  // a time, a round trip each (on a slow phone link, half a second apiece).
  // diagram-modules.json, made from Mermaid's build by scripts/vendor_assets.py,
  // lists them: the entry's ("core") and, per diagram type, the type's module and
  // the files only it needs. Asked for as soon as a page has a diagram to draw (so
  // never on pages without one), it lets us request each set at once.
  let manifest
  function modulesManifest() {
    manifest ||= fetch(vendored("diagram-modules.json"))
      .then(response => response.json())
      .catch(() => ({ core: [], types: {} })) // only a head start: Mermaid finds its files itself
    return manifest
  }
  const preloaded = new Set()
  function preload(files) {
    for (const file of files) {
      const href = vendored(file)
      if (preloaded.has(href)) continue
      preloaded.add(href)
      const link = document.createElement("link")
      link.rel = "modulepreload"
      link.href = href
      document.head.appendChild(link)
    }
  }

  function importModule() {
    modulesManifest().then(({ core }) => preload(core))
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
    loading ||= (fromFile ? loadSingleFile() : importModule())
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

  // Mermaid fetches a diagram type's code when its one-at-a-time queue reaches the
  // first diagram of that type: on Day 1 the gitGraph's 20 files start only after
  // seven flowcharts are drawn. Once the reader is reading on, fetch every type the
  // page uses, beside the queue; Mermaid's own import then finds them loaded.
  const warmed = new Set()
  let firstTypeAsked = false
  async function fetchTypesOnPage() {
    if (!drawingRest || !loading || fromFile) return
    try {
      const [mermaid, { types }] = await Promise.all([loading, modulesManifest()])
      for (const block of document.querySelectorAll("pre.mermaid"))
        preloadType(mermaid, block.textContent, types)
    } catch {
      // only a head start: without it, Mermaid fetches what it needs itself
    }
  }

  // The files of one diagram's type, at once.
  async function preloadType(mermaid, text, types) {
    if (fromFile) return
    let type
    try {
      type = mermaid.detectType(text)
      types ||= (await modulesManifest()).types
    } catch {
      return // not a diagram Mermaid knows: rendering it will say so
    }
    if (warmed.has(type) || !types[type]) return
    warmed.add(type)
    preload(types[type])
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
      if (!fromFile) modulesManifest()
      await nearViewport(sourceBlock(text))
      try {
        const mermaid = await load()
        // The first diagram's type at once too; the others wait for the reader (below),
        // not to compete with it for a slow link.
        if (!firstTypeAsked) {
          firstTypeAsked = true
          preloadType(mermaid, text)
        }
        const result = await mermaid.render(id, text)
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
