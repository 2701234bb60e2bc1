// Material's search worker, wrapped to forgive typos. Material lets a site supply its
// own search worker through its configuration (overrides/main.html points it here);
// this one learns every word of the index when Material sends it, and when a query
// word is not the start of any indexed word ("deploymnet"), adds the closest indexed
// word ("deployment") to the query. Then Material's own worker, loaded below, runs
// the query as usual: prefix matching, stemming, ranking and highlighting unchanged.

const SETUP = 0
const QUERY = 2
const MIN_LENGTH = 4 // shorter words have too many neighbours to guess from

let vocabulary = new Map() // indexed word -> how often it occurs

// Listeners run in the order they were added: this one sees each message before
// Material's worker does, and may rewrite the query in place. Zensical's worker
// speaks another language (its index as `items`, each query an object) and forgives
// typos itself: there this wrapper learns nothing and only passes messages on.
self.addEventListener("message", ({ data: message }) => {
  if (message.type === SETUP && Array.isArray(message.data?.docs))
    vocabulary = learn(message.data)
  else if (message.type === QUERY && typeof message.data === "string")
    message.data = forgive(message.data)
})

// The original worker's address travels in this script's URL fragment.
importScripts(decodeURIComponent(self.location.hash.slice(1)))

function learn({ config, docs }) {
  const separator = new RegExp(config.separator)
  const words = new Map()
  for (const doc of docs)
    for (const text of [doc.title, doc.text])
      for (const word of (text || "").replace(/<[^>]*>/g, " ").toLowerCase().split(separator))
        if (/^[a-z][a-z0-9]+$/.test(word))
          words.set(word, (words.get(word) || 0) + 1)
  return words
}

function forgive(query) {
  return query.split(/(\s+)/).map(part => {
    // Leave lunr syntax (+must, -not, field:, fuzzy~1, "phrases") and short words alone.
    if (!/^[a-z]+$/i.test(part) || part.length < MIN_LENGTH) return part
    const word = part.toLowerCase()
    for (const known of vocabulary.keys())
      if (known.startsWith(word)) return part
    const guess = closest(word)
    return guess ? `${part} ${guess}` : part
  }).join("")
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
