// Astro config for the itsm site. `itsm build` (src/io/site-build.ts) passes root-level overrides
// (outDir, base, site) through Astro's programmatic build(); this file holds what never changes.
import { defineConfig } from 'astro/config';

// A base of plain path segments only (BASE_PATH_PATTERN in src/core/urls.ts): `//host` or `/\host`
// would send every link on the site to another host.
const base = process.env.ITSM_SITE_BASE || '/';
if (!/^(?=\/)(\/(?!\.\.?(\/|$))[A-Za-z0-9._~-]+)*\/?$/.test(base)) throw new Error(`ITSM_SITE_BASE "${base}" is not a plain path such as / or /itsm/.`);

// Record pages are routed from outside src/site/pages: a sharded build (`itsm build --shard 2/4`)
// points srcDir at an empty pages folder so that only they render, never the shared pages.
const recordPages = {
  name: 'itsm-record-pages',
  hooks: {
    'astro:config:setup': ({ injectRoute }) =>
      injectRoute({ pattern: '/[folder]/[id]', entrypoint: new URL('./src/site/records/[folder]/[id].astro', import.meta.url), prerender: true }),
  },
};

export default defineConfig({
  output: 'static',
  srcDir: './src/site',
  publicDir: './src/site/public',
  base,
  trailingSlash: 'ignore',
  // Pages render while earlier ones are written: the build waits on the disk less.
  build: { format: 'directory', concurrency: 8 },
  integrations: [recordPages],
  // Asset names by content alone: Vite names a stylesheet after the first page using it, which a
  // shard without the shared pages would name differently from the whole site's build.
  vite: { build: { rolldownOptions: { output: { assetFileNames: '_astro/site.[hash][extname]' } } } },
  devToolbar: { enabled: false },
  telemetry: false,
});
