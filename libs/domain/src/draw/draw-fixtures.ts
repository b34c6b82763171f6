/**
 * Deterministic synthetic directories for the draw's tests (not exported from the library).
 */
import { INNER_MONGOLIA_PREFECTURES } from '../region';
import { RISK_CLASSES, type RiskClass } from '../enums';
import { USCC_ALPHABET, completeUscc } from '../uscc';
import type { DrawInspector, DrawLab } from './assignment';
import type { EligibleEnterprise } from './draw';

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The i-th synthetic USCC of a prefecture: '91' + region + 9 base-31 digits of i + check. */
export function syntheticUscc(prefecture: string, i: number): string {
  let body = '';
  let x = i;
  for (let j = 0; j < 9; j++) {
    body = USCC_ALPHABET[x % 31] + body;
    x = Math.floor(x / 31);
  }
  return completeUscc(`91${prefecture}${body}`);
}

export interface DirectoryOptions {
  readonly enterprises: number;
  /** Share of each class; default A 60 %, B 25 %, C 10 %, D 5 % (about 12 % drawn). */
  readonly classShares?: Readonly<Record<RiskClass, number>>;
  readonly prefectures?: readonly string[];
  readonly categories?: readonly string[];
  /** Up to this many categories per enterprise (default 1). */
  readonly maxCategoriesEach?: number;
  readonly random?: number;
}

export function syntheticDirectory(o: DirectoryOptions): EligibleEnterprise[] {
  const rnd = prng(o.random ?? 1);
  const shares = o.classShares ?? { A: 0.6, B: 0.25, C: 0.1, D: 0.05 };
  const prefectures = o.prefectures ?? INNER_MONGOLIA_PREFECTURES;
  const categories = o.categories ?? ['C01'];
  const out: EligibleEnterprise[] = [];
  for (let i = 0; i < o.enterprises; i++) {
    const r = rnd();
    let acc = 0;
    let rc: RiskClass = 'D';
    for (const c of RISK_CLASSES) {
      acc += shares[c];
      if (r < acc) {
        rc = c;
        break;
      }
    }
    const prefecture = prefectures[i % prefectures.length];
    const k = 1 + Math.floor(rnd() * Math.min(o.maxCategoriesEach ?? 1, categories.length));
    const cats = new Set<string>();
    while (cats.size < k) cats.add(categories[Math.floor(rnd() * categories.length)]);
    out.push({
      uscc: syntheticUscc(prefecture, i),
      riskClass: rc,
      prefecture,
      categories: [...cats],
    });
  }
  return out;
}

export function syntheticInspectors(
  n: number,
  categories: readonly string[] = ['C01'],
  random = 2,
): DrawInspector[] {
  const rnd = prng(random);
  return Array.from({ length: n }, (_, i) => ({
    staffNo: `S${String(i + 1).padStart(5, '0')}`,
    categories: categories.filter(() => rnd() < 0.7).concat(categories[i % categories.length]),
  }));
}

export function syntheticLabs(
  n: number,
  categories: readonly string[] = ['C01'],
  capacity = 1000,
): DrawLab[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `lab-${String(i + 1).padStart(3, '0')}`,
    categories: [...categories],
    capacity,
  }));
}
