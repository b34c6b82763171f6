/**
 * Notice numbers (公告号) of published lists, e.g. `内市监公告〔2026〕12号`: a format configured
 * per deployment with the placeholders `{year}` (the year of publication), `{n}` (the list's
 * number within its jurisdiction and year: 1, 2, … without gaps) and optionally
 * `{jurisdiction}` (the GB/T 2260 code). docs/rules.md §3.6.
 */

const PLACEHOLDER = /\{([a-z]+)\}/g;
const KNOWN = new Set(['year', 'n', 'jurisdiction']);

/** Problems with a format, empty when it is usable: `{year}` and `{n}` once each, nothing unknown. */
export function noticeFormatProblems(format: string): string[] {
  if (typeof format !== 'string' || format.trim() === '') return ['must not be empty'];
  const problems: string[] = [];
  const seen = new Map<string, number>();
  for (const [, name] of format.matchAll(PLACEHOLDER)) {
    if (!KNOWN.has(name)) problems.push(`unknown placeholder {${name}}`);
    seen.set(name, (seen.get(name) ?? 0) + 1);
  }
  for (const need of ['year', 'n'])
    if (seen.get(need) !== 1) problems.push(`must contain {${need}} exactly once`);
  return problems;
}

export function formatNoticeNumber(
  format: string,
  v: { year: number; n: number; jurisdiction: string },
): string {
  const problems = noticeFormatProblems(format);
  if (problems.length) throw new RangeError(`notice number format: ${problems.join('; ')}`);
  if (!Number.isSafeInteger(v.n) || v.n < 1) throw new RangeError(`notice number ${v.n}`);
  return format.replace(PLACEHOLDER, (_, name: string) =>
    name === 'year' ? String(v.year) : name === 'n' ? String(v.n) : v.jurisdiction,
  );
}
