/** "Did you mean": the known IDs (or handles) closest to one that was not found. */

/** Up to three IDs sharing the longest start with `id` (or containing its slug), best first. */
export function similarIds(id: string, ids: readonly string[]): string[] {
  const lower = id.toLowerCase();
  const slug = lower.replace(/^[a-z]+-/, '');
  const score = (x: string) => {
    const y = x.toLowerCase();
    let i = 0;
    while (i < y.length && i < lower.length && y[i] === lower[i]) i++;
    return i + (slug && y.includes(slug) ? 10 : 0);
  };
  return ids
    .map((x) => ({ x, s: score(x) }))
    .filter((c) => c.s > id.indexOf('-') + 1)
    .sort((a, b) => b.s - a.s || a.x.localeCompare(b.x))
    .slice(0, 3)
    .map((c) => c.x);
}

/** The given IDs that are not among `known`, each with its suggestions. */
export function unknownIds(given: readonly string[], known: readonly string[]): Array<{ id: string; near: string[] }> {
  const set = new Set(known);
  return given.filter((id) => !set.has(id)).map((id) => ({ id, near: similarIds(id, known) }));
}

/**
 * Up to `limit` words close to `word` (case-insensitive): a typo or two away (edit distance at
 * most a quarter of its length, at least 1), or starting with it; closest first.
 */
export function similarWords(word: string, words: readonly string[], limit = 3): string[] {
  const w = word.toLowerCase();
  return words
    .map((x) => ({ x, d: editDistance(x.toLowerCase(), w) }))
    .filter((c) => c.d <= Math.max(1, Math.floor(w.length / 4)) || (w.length >= 4 && c.x.toLowerCase().startsWith(w)))
    .sort((a, b) => a.d - b.d || a.x.localeCompare(b.x))
    .slice(0, limit)
    .map((c) => c.x);
}

/** Edit distance counting a swap of two neighbouring letters as one edit (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}
