/** Display names on the site. */
/** The title a record shows: its title, or its name for services, CIs and teams. */
export function recordTitle(data: object): string {
  const d = data as { title?: unknown; name?: unknown; id?: unknown };
  return String(d.title ?? d.name ?? d.id ?? '');
}
