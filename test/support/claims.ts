import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Keys that must be unique across the spec files of one run. Jest loads a spec file's modules
 * afresh for every file, so a module-level counter or shuffle restarts in each file and two
 * files can hand out the same key; the files share one database, so their rows then meet.
 * A key is claimed by creating a directory named after it in the run's claims directory
 * (global-setup makes it, global-teardown removes it): mkdir succeeds once per run, whichever
 * file or Jest worker asks first.
 */
function claimsDir(): string {
  const dir =
    process.env.TEST_CLAIMS_DIR ??
    // A run without the global set-up (one file through another config): its own directory.
    join(tmpdir(), `spotcheck-claims-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** True the first time `kind`/`key` is claimed in this run, false ever after. */
export function claim(kind: string, key: string): boolean {
  const dir = join(claimsDir(), kind);
  mkdirSync(dir, { recursive: true });
  try {
    mkdirSync(join(dir, key));
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}
