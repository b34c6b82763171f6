import type { Scope } from '@spotcheck/auth';
import {
  decodeCursor,
  invalidError,
  isCursorInstant,
  isUuid,
  regionPrefix,
} from '@spotcheck/domain';

/**
 * The area a public list covers: 000000 (the country, national plans' jurisdiction) or no code
 * holds everything; any other code its subtree by GB/T 2260's padding, so 152530 is that county
 * alone, not also 152531.
 */
export function publicArea(jurisdiction: string | undefined): Scope {
  return jurisdiction === undefined || jurisdiction === '000000'
    ? { kind: 'all' }
    : { kind: 'region', prefix: regionPrefix(jurisdiction) };
}

/**
 * The position a public list's cursor names: an instant in milliseconds and a UUID, as the
 * list encoded it after its last item. Anything else is a 400 naming `cursor`.
 */
export function instantUuidCursor(cursor: string | undefined): [string, string] | undefined {
  if (cursor === undefined) return undefined;
  const after = decodeCursor(cursor);
  if (!after || !isCursorInstant(after[0], 3) || typeof after[1] !== 'string' || !isUuid(after[1]))
    throw invalidError([{ field: 'cursor', reason: 'is not a cursor this API issued' }]);
  return [after[0], after[1]];
}
