import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

/**
 * Writes a .gz and a .br beside every script, style and document of a bundle: the app that
 * serves it sends them to browsers that accept them, so nothing is compressed per request.
 * Used by the console's and the public site's Vite builds.
 */
export function precompress(): Plugin {
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
