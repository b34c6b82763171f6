import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { precompress } from '../../../scripts/vite-precompress.mts';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * The public web site's scripts (apps/public-portal/site-web), served at /site/<name>.js by the
 * portal (docs/guides/public.md): one entry per page that needs a script, so that a page loads
 * only its own — the charts (Apache ECharts, only the parts used) only on the rates page. ES
 * modules of the same origin: the site's CSP allows `script-src 'self'` and nothing else.
 */
export default defineConfig({
  root: here('.'),
  base: '/site/',
  publicDir: false,
  build: {
    outDir: here('../../../dist/site'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    modulePreload: false,
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      input: {
        'rates-charts': here('src/rates-charts.ts'),
        'list-verify': here('src/list-verify.ts'),
      },
      output: {
        entryFileNames: '[name].js',
        chunkFileNames: '[name]-[hash].js',
        assetFileNames: '[name]-[hash][extname]',
      },
    },
  },
  plugins: [precompress()],
});
