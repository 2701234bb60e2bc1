// Material's search worker, wrapped to find what students type. Material lets a site
// supply its own search worker through its configuration (overrides/main.html points
// it here, online and in file:// copies alike); this one learns every word of the
// index when Material sends it, rewrites each query (search-rewrite.js says how),
// then hands it to Material's own worker, loaded below: prefix matching, ranking and
// highlighting stay Material's.

const SETUP = 0
const QUERY = 2

let rewriter = null // the rewriting for the index Material sent, once it has

// Listeners run in the order they were added: this one sees each message before
// Material's worker does, and may rewrite the query in place. Zensical's worker
// speaks another language (its index as `items`, each query an object) and forgives
// typos itself: there this wrapper learns nothing and only passes messages on.
self.addEventListener("message", ({ data: message }) => {
  const rewrite = self.SearchRewrite
  if (message.type === SETUP && Array.isArray(message.data?.docs)) {
    rewriter = rewrite.rewriter(rewrite.learn(message.data))
  } else if (message.type === QUERY && typeof message.data === "string" && rewriter) {
    message.data = rewriter.rewrite(message.data)
  }
})

// The original worker's address travels in this script's URL fragment. In a web
// worker, that URL is self.location. From file://, Material runs its worker in an
// iframe (the iframe-worker shim), where self.location is the page's own address,
// the script is a <script> element, and the shim appends "?<time>" to its src
// (after our fragment, whose "?" would be encoded): read the element, drop that.
// The rewriting comes first, from beside this file; the shim loads the two in order.
const own = self.document?.currentScript?.src ?? self.location.href
const [address, fragment] = own.split("#")
importScripts(
  new URL("search-rewrite.js", address).href,
  decodeURIComponent(fragment.split("?")[0]),
)
