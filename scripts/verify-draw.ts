import { readFileSync } from 'node:fs';
import {
  DrawVerification,
  RETEST_DRAW_VERSION,
  verifyDraw,
  verifyRetestDraw,
} from '@spotcheck/domain';

/**
 * `npm run verify-draw -- <exported-record.json>`: recomputes a draw from its exported record
 * (docs/draw-algorithm.md) and prints MATCH, or MISMATCH with the first difference; a retest-lab
 * draw's record (§12, `spotcheck-retest-draw/1`) is recomputed by its own rules. Needs no
 * database: anyone with the export can run it.
 */
export function verifyDrawFile(path: string): DrawVerification {
  let record: unknown;
  try {
    record = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    return { verdict: 'MISMATCH', firstDifference: `cannot read ${path}: ${(e as Error).message}` };
  }
  // An API export wraps the record; a bare record works too.
  const inner = (record as { record?: unknown })?.record ?? record;
  if ((inner as { algorithmVersion?: unknown })?.algorithmVersion === RETEST_DRAW_VERSION)
    return verifyRetestDraw(inner);
  return verifyDraw(inner);
}

if (require.main === module) {
  const path = process.argv[2];
  if (!path) {
    console.error('usage: npm run verify-draw -- <exported-record.json>');
    process.exit(2);
  }
  const v = verifyDrawFile(path);
  console.log(v.verdict === 'MATCH' ? 'MATCH' : `MISMATCH: ${v.firstDifference}`);
  process.exit(v.verdict === 'MATCH' ? 0 : 1);
}
