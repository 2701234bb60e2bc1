// How the site's search rewrites a query to find what students type: pure functions
// over the words of the search index, with no worker, page or theme in them. The search
// worker (search-worker.js) loads this file with importScripts and rewrites each query
// with it before Material's own worker sees it; tests load it into a blank page and
// call it directly (tests/browser/test_search_rewrite.py).
//
// The index splits words at hyphens and slashes (mkdocs.yml), so "Micro-Services" is
// indexed as "micro" and "services". A query is rewritten word by word:
//   - two words that make one indexed word are joined ("down time" -> "downtime"), as
//     is a word that matches nothing with its neighbour ("super market" -> "supermarket");
//   - a word that matches nothing is split into indexed words ("microservices" ->
//     "micro services", as if typed "micro-services");
//   - singular and plural become one form: "services" -> "service" (which, searched as
//     a prefix, finds both), "policy" and "policies" -> both;
//   - a word still matching nothing gets the closest indexed word added ("deploymnet"
//     -> "deploymnet deployment").
// "Matches" means what Material's prefix search means: the start of an indexed word.
//
// A classic script, not an ES module: a worker started from file:// runs in an iframe
// (the iframe-worker shim), whose importScripts appends <script> elements.

self.SearchRewrite = (() => {
  const MIN_LENGTH = 4 // shorter words have too many neighbours to split or guess from

  // Every word of the index (titles and texts, tags dropped) -> how often it occurs.
  function learn({ config, docs }) {
    const separator = new RegExp(config.separator)
    const words = new Map()
    for (const doc of docs)
      for (const text of [doc.title, doc.text]) {
        const untagged = (text || "").replace(/<[^>]*>/g, " ").toLowerCase()
        for (const word of untagged.split(separator))
          if (/^[a-z][a-z0-9]+$/.test(word)) words.set(word, (words.get(word) || 0) + 1)
      }
    return words
  }

  // A plain word: letters and digits only. Anything else is lunr's query syntax
  // (+must, -not, field:, fuzzy~1, boost^2, wild*card, "phrases") and stays as typed.
  const plain = word => /^[a-z0-9]+$/i.test(word)

  // The "-ies" plural of a word in consonant + "y"; other plurals start with their
  // singular, which prefix search already finds.
  function plural(word) {
    return /[^aeiou]y$/.test(word) ? `${word.slice(0, -1)}ies` : ""
  }

  // Optimal string alignment distance, giving up early once past the limit.
  function edits(a, b, limit) {
    let before = null
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
    for (let i = 1; i <= a.length; i++) {
      const current = [i]
      let rowMin = i
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1
        let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
          value = Math.min(value, before[j - 2] + 1)
        current.push(value)
        rowMin = Math.min(rowMin, value)
      }
      if (rowMin > limit) return limit + 1
      before = previous
      previous = current
    }
    return previous[b.length]
  }

  // The rewriting over one index's words (learn's Map): { rewrite, split, closest }.
  function rewriter(vocabulary) {
    const sorted = [...vocabulary.keys()].sort() // to look prefixes up
    const isWord = word => vocabulary.has(word)

    function matches(prefix) {
      let low = 0
      let high = sorted.length
      while (low < high) {
        const middle = (low + high) >> 1
        if (sorted[middle] < prefix) low = middle + 1
        else high = middle
      }
      return low < sorted.length && sorted[low].startsWith(prefix)
    }

    function rewrite(query) {
      // Material splits "micro-services" and "CI/CD" into their parts anyway; splitting
      // them here first treats each part like any typed word. A leading "-" (not) stays.
      const words = query
        .replace(/([a-z0-9])[-/](?=[a-z0-9])/gi, "$1 ")
        .trim()
        .split(/\s+/)
      const out = []
      for (let i = 0; i < words.length; i++) {
        const word = words[i]
        const next = words[i + 1]
        if (plain(word) && next !== undefined && plain(next)) {
          const joined = (word + next).toLowerCase()
          const unmatched = !matches(word.toLowerCase()) || !matches(next.toLowerCase())
          if (isWord(joined) || (unmatched && matches(joined))) {
            out.push(...forms(joined))
            i++
            continue
          }
        }
        out.push(...(plain(word) ? rewriteWord(word) : [word]))
      }
      return out.join(" ")
    }

    function rewriteWord(word) {
      const lower = word.toLowerCase()
      if (matches(lower)) return forms(lower)
      const single = singular(lower)
      if (single) return forms(single)
      if (isWord(plural(lower))) return forms(lower)
      if (lower.length < MIN_LENGTH) return [word]
      const pieces = split(lower)
      if (pieces) return pieces.flatMap(forms)
      const guess = closest(lower)
      return guess ? [word, ...forms(guess)] : [word]
    }

    // The singular of an indexed plural, when the site has it: searched as a prefix, it
    // finds both forms ("service" finds "services"). "-ies" words keep both forms, since
    // "policy" is no prefix of "policies".
    function forms(word) {
      const base = singular(word) || word
      return isWord(plural(base)) ? [base, plural(base)] : [base]
    }

    function singular(word) {
      if (word.length < MIN_LENGTH) return null
      const candidates = []
      if (word.endsWith("ies")) candidates.push(`${word.slice(0, -3)}y`)
      if (/(s|x|z|ch|sh)es$/.test(word)) candidates.push(word.slice(0, -2)) // "branches"
      if (word.endsWith("s") && !word.endsWith("ss")) candidates.push(word.slice(0, -1))
      return candidates.find(candidate => candidate.length >= 3 && isWord(candidate)) || null
    }

    // The fewest indexed words (two or more) that make up word exactly; among equals,
    // the one whose shortest piece is longest: "micro services" rather than three short pieces.
    function split(word) {
      const best = [{ count: 0, shortest: Infinity, pieces: [] }]
      for (let end = 1; end <= word.length; end++) {
        best[end] = null
        for (let start = Math.max(0, end - 40); start < end - 1; start++) {
          const before = best[start]
          const piece = word.slice(start, end)
          if (!before || !isWord(piece)) continue
          const candidate = {
            count: before.count + 1,
            shortest: Math.min(before.shortest, piece.length),
            pieces: [...before.pieces, piece],
          }
          const current = best[end]
          if (
            !current ||
            candidate.count < current.count ||
            (candidate.count === current.count && candidate.shortest > current.shortest)
          )
            best[end] = candidate
        }
      }
      const found = best[word.length]
      return found && found.count >= 2 ? found.pieces : null
    }

    // The most frequent indexed word within one edit (two for words of 7+ letters),
    // counting a swap of neighbouring letters as one edit.
    function closest(word) {
      const limit = word.length >= 7 ? 2 : 1
      let best = null
      let bestDistance = limit + 1
      let bestCount = 0
      for (const [known, count] of vocabulary) {
        if (Math.abs(known.length - word.length) > limit) continue
        const distance = edits(word, known, limit)
        if (distance < bestDistance || (distance === bestDistance && count > bestCount)) {
          best = known
          bestDistance = distance
          bestCount = count
        }
      }
      return bestDistance <= limit ? best : null
    }

    return { rewrite, split, closest }
  }

  return { learn, rewriter, edits }
})()
