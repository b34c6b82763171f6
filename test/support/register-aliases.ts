import Module from 'node:module';
import { resolve } from 'node:path';

/**
 * `@spotcheck/<lib>` as tsconfig.json's `paths` say, for code Jest runs outside its module
 * registry (globalSetup), where moduleNameMapper does not apply.
 */
const ALIAS = /^@spotcheck\/(domain|database|queue|auth|common)$/;
const LIBS = resolve(__dirname, '../../libs');

type Resolve = (request: string, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: Resolve };
const original = loader._resolveFilename;
loader._resolveFilename = function (request: string, ...rest: unknown[]) {
  const m = ALIAS.exec(request);
  return original.call(this, m ? resolve(LIBS, m[1], 'src') : request, ...rest);
};
