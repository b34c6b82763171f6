/**
 * The canonical JSON of a list's document in the browser, as libs/domain's `jcs` writes it on
 * the server (docs/publication.md "Canonical form", RFC 8785 for the values a list holds):
 * members sorted by their names' UTF-16 code units, no whitespace, strings and integers as
 * `JSON.stringify` writes them. Anything else has no canonical form and throws.
 */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  if (typeof v === 'number' && !Number.isSafeInteger(v))
    throw new RangeError(`${v} is not an integer`);
  if (v !== null && typeof v !== 'string' && typeof v !== 'boolean' && typeof v !== 'number')
    throw new RangeError(`${typeof v} has no canonical JSON form`);
  return JSON.stringify(v);
}
