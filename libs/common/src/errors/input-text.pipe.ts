import { ArgumentMetadata, HttpStatus, Injectable, PipeTransform } from '@nestjs/common';
import { AppException, FieldError, invalid } from './app.exception';

/** Deeper JSON than any request of this API has; class-transformer recurses into it. */
export const MAX_INPUT_DEPTH = 64;

/** A UTF-16 surrogate without its other half: not a character, and jsonb refuses it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * C0 controls but tab and the line breaks: no one types them, and XML 1.0 cannot hold them, so
 * the XLSX exports (ExcelJS drops them without a word) would not show what is stored.
 */
// eslint-disable-next-line no-control-regex -- exactly the controls it names
export const CONTROL = /[\u0001-\u0008\u000b\u000c\u000e-\u001f]/;
export const CONTROL_REASON =
  'must not contain control characters (U+0001–U+001F but tab and line breaks)';

/** What is wrong with a string no field can hold, or null. */
function textProblem(s: string): string | null {
  if (s.includes('\u0000')) return 'must not contain NUL characters';
  if (CONTROL.test(s)) return CONTROL_REASON;
  if (LONE_SURROGATE.test(s)) return 'must be valid Unicode text (a lone surrogate)';
  return null;
}

const child = (path: string, key: string | number) =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;

/**
 * The first string of `value` that no field can hold (unless `depthOnly`), or the first place
 * nested deeper than MAX_INPUT_DEPTH, named by its path; null when there is none. Iterative,
 * so hostile nesting cannot exhaust the stack.
 */
export function findInputProblem(
  value: unknown,
  root = '',
  { depthOnly = false }: { depthOnly?: boolean } = {},
): FieldError | null {
  const stack: [unknown, string, number][] = [[value, root, 0]];
  while (stack.length) {
    const [v, path, depth] = stack.pop()!;
    const field = path || 'body';
    if (typeof v === 'string') {
      if (depthOnly) continue;
      const reason = textProblem(v);
      if (reason) return { field, reason };
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= MAX_INPUT_DEPTH)
      return { field, reason: `is nested deeper than ${MAX_INPUT_DEPTH} levels` };
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], child(path, i), depth + 1]);
      continue;
    }
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i];
      const reason = depthOnly ? null : textProblem(key);
      if (reason) return { field, reason: `key ${JSON.stringify(key)} ${reason}` };
      stack.push([(v as Record<string, unknown>)[key], child(path, key), depth + 1]);
    }
  }
  return null;
}

/** Where a problem goes: 404 for a path parameter (it names a record, and none has such a key). */
function refuse(problem: FieldError, meta: ArgumentMetadata): never {
  if (meta.type !== 'param') throw invalid([problem]);
  throw new AppException(
    HttpStatus.NOT_FOUND,
    'NOT_FOUND',
    `${problem.field}: ${problem.reason}, so nothing has it`,
    { errors: [problem] },
  );
}

/**
 * Refuses, before validation, JSON nested deeper than MAX_INPUT_DEPTH in a body or query:
 * class-transformer (and any recursive reader) would exhaust the stack on it, a 500.
 */
@Injectable()
export class InputDepthPipe implements PipeTransform {
  transform(value: unknown, meta: ArgumentMetadata): unknown {
    if (meta.type === 'custom' || typeof value !== 'object' || value === null) return value;
    const problem = findInputProblem(value, meta.type === 'body' ? '' : (meta.data ?? ''), {
      depthOnly: true,
    });
    if (problem) refuse(problem, meta);
    return value;
  }
}

/**
 * Refuses, after validation, text PostgreSQL cannot store and no field means: a NUL character
 * (text and jsonb refuse it) or a lone surrogate (jsonb refuses it; text would silently store
 * U+FFFD) in any string or key of a validated body or query, or of a path or query parameter.
 * Answers 400 naming the field, where the database would otherwise fail the request with a
 * 500; a path parameter answers 404 (as an impossible sample number or id does elsewhere),
 * with the same reason. After validation, so that a DTO's own errors come first, all at once.
 * Bodies without a DTO (EPCIS capture, the lab batch) are their route's to check: they answer
 * with their own problem lists.
 */
@Injectable()
export class InputTextPipe implements PipeTransform {
  transform(value: unknown, meta: ArgumentMetadata): unknown {
    if (meta.type === 'custom') return value;
    if (meta.type === 'body' && (meta.metatype === undefined || meta.metatype === Object))
      return value;
    const problem = findInputProblem(value, meta.type === 'body' ? '' : (meta.data ?? ''));
    if (problem) refuse(problem, meta);
    return value;
  }
}
