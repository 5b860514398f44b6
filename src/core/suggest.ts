/** "Did you mean": the known IDs closest to one that was not found. */

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
