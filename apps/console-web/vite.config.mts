import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * Writes a .gz and a .br beside every script, style and document of the bundle: the app that
 * serves the console sends them to browsers that accept them (@fastify/static preCompressed),
 * so nothing is compressed per request.
 */
function precompress(): Plugin {
  return {
    name: 'spotcheck-precompress',
    apply: 'build',
    enforce: 'post',
    // After the files are written: only then is every chunk in its final form (Vite fills in
    // its preload lists in the last steps of generating the bundle).
    writeBundle(options, bundle) {
      const dir = options.dir!;
      for (const name of Object.keys(bundle)) {
        if (!/\.(js|css|html|svg|json)$/.test(name)) continue;
        const buf = readFileSync(join(dir, name));
        if (buf.length < 1024) continue;
        writeFileSync(join(dir, `${name}.gz`), gzipSync(buf, { level: 9 }));
        writeFileSync(
          join(dir, `${name}.br`),
          brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
      }
    },
  };
}

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
