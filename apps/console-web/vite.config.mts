import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { precompress } from '../../scripts/vite-precompress.mts';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * The consoles' bundle (apps/console-web), served at /console/ by the app whose API it calls.
 * Vite 8 compiles TSX itself (oxc); no React plugin is needed for a production build.
 */
export default defineConfig({
  root: here('.'),
  base: '/console/',
  resolve: {
    // libs/domain by module, never its index: some of its modules need node:crypto or carry
    // large tables the browser has no use for.
    alias: [
      { find: /^@spotcheck\/domain\/(.*)$/, replacement: `${here('../../libs/domain/src')}/$1` },
    ],
  },
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: here('../../dist/console'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      // antd marks its modules "use client" for React Server Components; a browser bundle has
      // no use for the directive, and dropping it changes nothing.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  plugins: [precompress()],
  server: {
    // `npm run dev:console`: the API of a running inspection-tasks on the same origin.
    proxy: { '/api': process.env.CONSOLE_API ?? 'http://127.0.0.1:3001' },
  },
});
