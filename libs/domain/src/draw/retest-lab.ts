/**
 * The retest lab of an accepted objection (复检机构), drawn at random with the draw's
 * commit-and-verify method (docs/draw-algorithm.md §12; Food Safety Law art. 88: 随机确定复检机构,
 * 复检机构与初检机构不得为同一机构). The regulator who accepts the objection records the
 * commitment SHA-256(seed); the draw reveals the seed, checks it, and picks among the labs
 * accredited for the category with capacity left, never the lab that tested the sample. The
 * record holds everything needed to recompute the pick; `verifyRetestDraw` says MATCH or names
 * the first difference.
 */
import { leadingUint32, sha256Hex } from './hash';
import { checkReveal, commitmentOf, validateSeed } from './seed';

export const RETEST_DRAW_VERSION = 'spotcheck-retest-draw/1';

/** An active lab as the draw sees it. */
export interface RetestLabCandidate {
  readonly id: string;
  /** Categories the lab is accredited (CMA) for. */
  readonly categories: readonly string[];
  /** Samples it can still take. */
  readonly capacity: number;
}

export interface RetestDrawInput {
  readonly objectionId: string;
  readonly sampleNo: string;
  readonly category: string;
  /** The lab that tested the sample: never the retest lab. */
  readonly originalLabId: string;
  /** Labs drawn before that refused the backup: never drawn again. */
  readonly refusedLabIds?: readonly string[];
  readonly commitment: string;
  readonly seed: string;
  /** The active labs; the draw keeps those accredited for the category. */
  readonly labs: readonly RetestLabCandidate[];
}

/** The record of a retest-lab draw: its inputs in canonical form and its result. */
export interface RetestDrawRecord {
  readonly algorithmVersion: typeof RETEST_DRAW_VERSION;
  readonly objectionId: string;
  readonly sampleNo: string;
  readonly category: string;
  readonly originalLabId: string;
  /**
   * Labs drawn earlier for this objection that refused the backup, in code-unit order; only
   * present on a redraw (a record without it excludes none).
   */
  readonly refusedLabIds?: readonly string[];
  readonly commitment: string;
  readonly seed: string;
  /** The active labs accredited for the category, by id in code-unit order, with capacity. */
  readonly candidates: readonly { readonly id: string; readonly capacity: number }[];
  /** The candidates with capacity left, less the original and refused labs, in the same order. */
  readonly eligible: readonly string[];
  /** H(eligible joined by "\n"). */
  readonly eligibleDigest: string;
  /** H(seed ":" sampleNo ":retest-lab:0"). */
  readonly key: string;
  /** The position drawn: u32(key) mod |eligible|. */
  readonly index: number;
  /** The retest lab: eligible[index]. */
  readonly lab: string;
}

export type RetestDrawResult =
  | { readonly ok: true; readonly record: RetestDrawRecord }
  | {
      readonly ok: false;
      readonly code: 'SEED_MISMATCH' | 'NO_RETEST_LAB';
      readonly reason: string;
    };

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The key of a retest draw: the first value of its candidate stream. */
export const retestKey = (seed: string, sampleNo: string) =>
  sha256Hex(`${seed}:${sampleNo}:retest-lab:0`);

function eligibleOf(
  candidates: readonly { id: string; capacity: number }[],
  originalLabId: string,
  refused: readonly string[] = [],
): string[] {
  return candidates
    .filter((c) => c.capacity > 0 && c.id !== originalLabId && !refused.includes(c.id))
    .map((c) => c.id);
}

/**
 * Draws the retest lab. Refuses a seed that does not match the commitment (SEED_MISMATCH) and
 * a category no other lab with capacity is accredited for (NO_RETEST_LAB, with the counts).
 */
export function drawRetestLab(input: RetestDrawInput): RetestDrawResult {
  const reveal = checkReveal(input.seed, input.commitment);
  if (!reveal.ok) return { ok: false, code: 'SEED_MISMATCH', reason: reveal.reason };
  const candidates = input.labs
    .filter((l) => l.categories.includes(input.category))
    .map((l) => ({ id: l.id, capacity: Math.max(0, Math.trunc(l.capacity)) }))
    .sort((a, b) => byCodeUnits(a.id, b.id));
  const refused = [...new Set(input.refusedLabIds ?? [])].sort(byCodeUnits);
  const eligible = eligibleOf(candidates, input.originalLabId, refused);
  if (eligible.length === 0) {
    const others = candidates.filter(
      (c) => c.id !== input.originalLabId && !refused.includes(c.id),
    );
    return {
      ok: false,
      code: 'NO_RETEST_LAB',
      reason:
        others.length === 0
          ? `no active lab other than the one that tested the sample${refused.length ? ' and those that refused it' : ''} is accredited for category ${input.category}`
          : `${others.length} other lab(s) accredited for category ${input.category}, none with capacity left`,
    };
  }
  const key = retestKey(input.seed, input.sampleNo);
  const index = leadingUint32(key) % eligible.length;
  return {
    ok: true,
    record: {
      algorithmVersion: RETEST_DRAW_VERSION,
      objectionId: input.objectionId,
      sampleNo: input.sampleNo,
      category: input.category,
      originalLabId: input.originalLabId,
      ...(refused.length > 0 ? { refusedLabIds: refused } : {}),
      commitment: input.commitment,
      seed: input.seed,
      candidates,
      eligible,
      eligibleDigest: sha256Hex(eligible.join('\n')),
      key,
      index,
      lab: eligible[index],
    },
  };
}

export type RetestDrawVerification =
  | { readonly verdict: 'MATCH' }
  | { readonly verdict: 'MISMATCH'; readonly firstDifference: string };

/**
 * Recomputes a retest draw from its record alone, in the order of docs/draw-algorithm.md §12:
 * version, seed and commitment, candidates (sorted, distinct), the eligible list (never the
 * original lab), its digest, the key, the position and the lab.
 */
export function verifyRetestDraw(record: unknown): RetestDrawVerification {
  const miss = (firstDifference: string): RetestDrawVerification => ({
    verdict: 'MISMATCH',
    firstDifference,
  });
  if (typeof record !== 'object' || record === null) return miss('the record is not an object');
  const r = record as Partial<RetestDrawRecord>;
  if (r.algorithmVersion !== RETEST_DRAW_VERSION)
    return miss(`algorithmVersion is ${String(r.algorithmVersion)}, not ${RETEST_DRAW_VERSION}`);
  const seed = validateSeed(r.seed);
  if (!seed.ok) return miss(seed.reason);
  if (commitmentOf(r.seed as string) !== r.commitment)
    return miss(
      `sha256(seed) is ${commitmentOf(r.seed as string)}, the commitment ${String(r.commitment)}`,
    );
  if (typeof r.sampleNo !== 'string' || typeof r.originalLabId !== 'string')
    return miss('sampleNo and originalLabId must be strings');
  if (
    !Array.isArray(r.candidates) ||
    !r.candidates.every(
      (c) => typeof c?.id === 'string' && Number.isSafeInteger(c?.capacity) && c.capacity >= 0,
    )
  )
    return miss('candidates must be a list of { id, capacity }');
  for (let i = 1; i < r.candidates.length; i++)
    if (byCodeUnits(r.candidates[i - 1].id, r.candidates[i].id) >= 0)
      return miss(`candidates are not in code-unit order without repeats at ${r.candidates[i].id}`);
  const refused = r.refusedLabIds ?? [];
  if (!Array.isArray(refused) || !refused.every((id) => typeof id === 'string'))
    return miss('refusedLabIds must be a list of lab ids');
  const eligible = eligibleOf(r.candidates, r.originalLabId, refused);
  if (JSON.stringify(eligible) !== JSON.stringify(r.eligible))
    return miss('eligible is not the candidates with capacity less the original and refused labs');
  if (eligible.length === 0) return miss('no eligible lab: there was nothing to draw');
  const digest = sha256Hex(eligible.join('\n'));
  if (digest !== r.eligibleDigest)
    return miss(`eligibleDigest is ${String(r.eligibleDigest)}, recomputed ${digest}`);
  const key = retestKey(r.seed as string, r.sampleNo);
  if (key !== r.key) return miss(`key is ${String(r.key)}, recomputed ${key}`);
  const index = leadingUint32(key) % eligible.length;
  if (index !== r.index) return miss(`index is ${String(r.index)}, recomputed ${index}`);
  if (eligible[index] !== r.lab)
    return miss(`lab is ${String(r.lab)}, recomputed ${eligible[index]}`);
  if (r.lab === r.originalLabId) return miss('the retest lab is the lab that tested the sample');
  if (refused.includes(r.lab)) return miss('the retest lab is one that refused the backup');
  return { verdict: 'MATCH' };
}
