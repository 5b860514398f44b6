// Astro config for the itsm site. `itsm build` (src/io/site-build.ts) passes root-level overrides
// (outDir, base, site) through Astro's programmatic build(); this file holds what never changes.
import { defineConfig } from 'astro/config';

export default defineConfig({
  output: 'static',
  srcDir: './src/site',
  publicDir: './src/site/public',
  base: process.env.ITSM_SITE_BASE || '/',
  trailingSlash: 'ignore',
  // Pages render while earlier ones are written: the build waits on the disk less.
  build: { format: 'directory', concurrency: 8 },
  devToolbar: { enabled: false },
  telemetry: false,
});
