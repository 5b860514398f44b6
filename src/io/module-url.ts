/**
 * The URL of a module beside this one, in the same language: `.ts` when running from the sources,
 * `.js` in the compiled package (tsc rewrites import specifiers, not the strings given to Worker).
 */
export function siblingModule(base: string, stem: string): URL {
  const ext = base.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./${stem}${ext}`, base);
}
