// Astro config for the itsm site. `itsm build` (src/io/site-build.ts) passes root-level overrides
// (outDir, base, site) through Astro's programmatic build(); this file holds what never changes.
import { defineConfig } from 'astro/config';

export default defineConfig({
  output: 'static',
  srcDir: './src/site',
  publicDir: './src/site/public',
  base: process.env.ITSM_SITE_BASE || '/',
  trailingSlash: 'ignore',
  build: { format: 'directory' },
  devToolbar: { enabled: false },
  telemetry: false,
});
