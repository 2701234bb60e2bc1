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

// The parts, each a function below: mermaidLibrary (one Mermaid, loaded on demand,
// always strict), mermaidFiles (what to fetch, fetched early), drawingPace (when each
// diagram may be drawn), sourceBlocks (which code block a diagram comes from).
// The private behaviours of Material and mermaid2 leaned on here are listed, with
// the test that trips on each, in dev/seams.md.

;(() => {
  if (window.mermaid) return // the second run, from mermaid2's tag: already in place

  // Browsers refuse ES modules from file:// (the offline copy).
  const fromFile = location.protocol === "file:"
  const here = document.currentScript.src
  const vendored = name => new URL(`../assets/vendor/mermaid/${name}`, here).href

  const files = mermaidFiles()
  const library = mermaidLibrary(files)
  const pace = drawingPace()
  const blocks = sourceBlocks()

  // What Material calls: initialize() with its theme settings, render() per diagram,
  // parse() to check a text. Our own code path also when the single-file build
  // replaces window.mermaid while it loads (mermaidLibrary puts this back).
  window.mermaid = {
    initialize: options => library.configure(options),
    render: drawDiagram,
    parse: async (text, options) => (await library.get()).parse(text, options),
  }

  // One diagram: drawn once the reader nears it, its type's files asked for early,
  // and, once the reader reads on, the next waiting diagram released.
  async function drawDiagram(id, text) {
    if (!fromFile) files.manifest()
    await pace.nearViewport(blocks.claim(text))
    try {
      const mermaid = await library.get()
      // The first diagram's type at once; the others wait until the reader reads
      // on, not to compete with it for a slow link.
      files.preloadFirstType(mermaid, text)
      const result = await mermaid.render(id, text)
      return { ...result, svg: fitPrintedPage(withoutLinks(result.svg), id) }
    } finally {
      if (pace.readingOn()) {
        pace.releaseNext()
        files.preloadTypesOnPage(library.loaded())
      }
    }
  }

  // One Mermaid for the page, loaded when the first diagram is drawn (pages without
  // diagrams load none): the ES module build over http(s), whose diagram types come
  // as lazy chunks; the single-file build from file://. Its configuration is
  // mermaid2's `arguments` from mkdocs.yml and Material's theme settings, then
  // securityLevel "strict" last, so no page setting can loosen it.
  function mermaidLibrary(files) {
    let settings = {}
    let loading = null

    function importModule() {
      files.manifest().then(({ core }) => files.preload(core))
      return import(vendored("mermaid.esm.min.mjs")).then(module => module.default)
    }

    // The single-file build sets window.mermaid itself; Material must keep calling
    // the stand-in, so it is put back.
    function loadSingleFile() {
      return new Promise((resolve, reject) => {
        const standIn = window.mermaid
        const script = document.createElement("script")
        script.src = vendored("mermaid.min.js")
        script.onload = () => {
          const mermaid = window.mermaid
          window.mermaid = standIn
          resolve(mermaid)
        }
        script.onerror = () => reject(new Error(`cannot load ${script.src}`))
        document.head.appendChild(script)
      })
    }

    function configured(mermaid) {
      mermaid.initialize({
        ...window.mermaidConfig?.default, // mermaid2's `arguments` from mkdocs.yml
        ...settings, // Material's theme CSS and font sizes
        startOnLoad: false,
        securityLevel: "strict", // never loosened, whatever a page says
      })
      return mermaid
    }

    return {
      configure(options) {
        settings = options
      },
      get() {
        loading ||= (fromFile ? loadSingleFile() : importModule()).then(configured)
        return loading
      },
      loaded: () => loading,
    }
  }

  // Each Mermaid module imports further files, which the browser finds one level at
  // a time, a round trip each (half a second apiece on a slow phone link).
  // diagram-modules.json, made from Mermaid's build by scripts/vendor_assets.py, lists
  // them: the entry's ("core") and, per diagram type, the type's module and the files
  // only it needs. Asked for only once a page has a diagram to draw, it lets each set
  // be requested at once. It is only a head start: without it, Mermaid still fetches
  // what it needs itself.
  function mermaidFiles() {
    let list
    const preloaded = new Set()
    const typesAsked = new Set()
    let firstTypeAsked = false

    function manifest() {
      list ||= fetch(vendored("diagram-modules.json"))
        .then(response => response.json())
        .catch(() => ({ core: [], types: {} }))
      return list
    }

    function preload(names) {
      for (const name of names) {
        const href = vendored(name)
        if (preloaded.has(href)) continue
        preloaded.add(href)
        const link = document.createElement("link")
        link.rel = "modulepreload"
        link.href = href
        document.head.appendChild(link)
      }
    }

    // The files of one diagram's type, all at once.
    async function preloadType(mermaid, text) {
      if (fromFile) return
      let type
      let types
      try {
        type = mermaid.detectType(text)
        types = (await manifest()).types
      } catch {
        return // not a diagram Mermaid knows: rendering it will say so
      }
      if (typesAsked.has(type) || !types[type]) return
      typesAsked.add(type)
      preload(types[type])
    }

    // Mermaid fetches a type's code when its one-at-a-time queue reaches the first
    // diagram of that type: on Day 1 the gitGraph's 20 files started only after seven
    // flowcharts were drawn. Once the reader reads on, every type on the page is
    // fetched beside the queue; Mermaid's own import then finds it loaded.
    async function preloadTypesOnPage(loading) {
      if (!loading || fromFile) return
      try {
        const mermaid = await loading
        for (const block of document.querySelectorAll("pre.mermaid"))
          preloadType(mermaid, block.textContent)
      } catch {
        // Mermaid did not load: drawing will say so
      }
    }

    return {
      manifest,
      preload,
      preloadFirstType(mermaid, text) {
        if (firstTypeAsked) return
        firstTypeAsked = true
        preloadType(mermaid, text)
      },
      preloadTypesOnPage,
    }
  }

  // A diagram is drawn when it comes within a screen of the viewport, so a phone
  // loading a long lesson spends its time on the diagrams being read, not on those
  // twenty screens further down. Once the reader does anything (scrolls, clicks,
  // types), the rest are released one by one while the browser is idle, so printing
  // finds them drawn; printing itself releases all of them at once.
  function drawingPace() {
    const waiting = new Set() // release functions, in page order
    let readingOn = false
    const whenIdle = window.requestIdleCallback || (callback => setTimeout(callback, 200))

    function releaseAll() {
      for (const release of waiting) release()
    }

    function releaseNext() {
      const release = waiting.values().next().value
      if (release) whenIdle(release, { timeout: 2000 })
    }

    function startReading() {
      if (readingOn) return
      readingOn = true
      releaseNext()
    }

    function nearViewport(block) {
      if (!block || !("IntersectionObserver" in window) || matchMedia("print").matches)
        return Promise.resolve()
      return new Promise(resolve => {
        const observer = new IntersectionObserver(
          entries => {
            if (entries.some(entry => entry.isIntersecting)) release()
          },
          { rootMargin: "100% 0px" },
        )
        function release() {
          observer.disconnect()
          waiting.delete(release)
          resolve()
        }
        waiting.add(release)
        observer.observe(block)
      })
    }

    addEventListener("beforeprint", releaseAll)
    matchMedia("print").addEventListener("change", event => event.matches && releaseAll())
    for (const type of ["scroll", "pointerdown", "keydown"])
      addEventListener(type, startReading, { once: true, passive: true })

    return { nearViewport, releaseNext, readingOn: () => readingOn }
  }

  // Material asks for a diagram by its source text only; its code block is the first
  // not yet claimed whose text is exactly that (Material goes in page order). The
  // block is what the viewport is watched for.
  function sourceBlocks() {
    const claimed = new WeakSet()
    return {
      claim(text) {
        for (const block of document.querySelectorAll("pre.mermaid"))
          if (!claimed.has(block) && block.textContent === text) {
            claimed.add(block)
            return block
          }
        return null
      },
    }
  }

  // A diagram on this site never links: `make diagrams` and `make security` refuse
  // Mermaid's `click ... href`, `link` and the like (scripts/core/diagram_rules.py),
  // and strict mode still draws such links. Should one reach a page anyway, its
  // boxes stay boxes: every <a> of the drawing loses its address before the drawing
  // is shown (parsed in an inert template: nothing in it loads or runs).
  // tests/browser/test_hostile.py clicks one.
  function withoutLinks(svg) {
    if (!/<a[\s>]/i.test(svg)) return svg
    const template = document.createElement("template")
    template.innerHTML = svg
    for (const link of template.content.querySelectorAll("a")) {
      for (const name of ["href", "xlink:href", "target"]) link.removeAttribute(name)
      link.removeAttributeNS("http://www.w3.org/1999/xlink", "href")
    }
    return template.innerHTML
  }

  // A tall diagram (a long top-down flow) printed at full width runs off the page; on
  // paper it shrinks to fit one. The rule travels inside the SVG, since Material puts
  // diagrams in a closed shadow root that page CSS cannot reach.
  function fitPrintedPage(svg, id) {
    const open = svg.indexOf(">") + 1
    const rule = `<style>@media print { #${id} { max-height: 21cm; } }</style>`
    return svg.slice(0, open) + rule + svg.slice(open)
  }
})()
