import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { AppException, FieldError, invalid } from './app.exception';

/** Flattens class-validator's tree into `items[0].limit.max: must be ...` entries. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = /^\d+$/.test(e.property)
      ? `${parent}[${e.property}]`
      : parent
        ? `${parent}.${e.property}`
        : e.property;
    for (const reason of Object.values(e.constraints ?? {})) {
      out.push({
        field,
        reason: reason.replace(/^property (\S+) should not exist$/, 'unknown field'),
      });
    }
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

/**
 * The names of Object.prototype's members (`constructor`, `hasOwnProperty`, `toString`, …).
 * class-transformer drops such a key silently and class-validator's whitelist then never sees
 * it, so `forbidNonWhitelisted` alone would accept `{"constructor": 1}`.
 */
const PROTOTYPE_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));

const child = (path: string, key: string | number) =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;

/** Every key of `value` (at any depth) that names a member of Object.prototype, by its path. */
export function prototypeKeys(value: unknown, root = ''): FieldError[] {
  const out: FieldError[] = [];
  // Iterative and in document order; InputDepthPipe has bounded the depth already.
  const stack: [unknown, string, boolean][] = [[value, root, false]];
  while (stack.length) {
    const [v, path, named] = stack.pop()!;
    if (named) {
      out.push({ field: path, reason: 'unknown field' });
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], child(path, i), false]);
      continue;
    }
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--)
      stack.push([
        (v as Record<string, unknown>)[keys[i]],
        child(path, keys[i]),
        PROTOTYPE_KEYS.has(keys[i]),
      ]);
  }
  return out;
}

const isJsonObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validated queries remembered at most, over all DTOs (see AppValidationPipe). */
export const VALIDATED_QUERIES_MAX = 1_000;
/** Queries whose JSON is longer are validated every time rather than remembered. */
const VALIDATED_QUERY_MAX_LENGTH = 2_048;

const isPrimitive = (v: unknown) =>
  v === null || (typeof v !== 'object' && typeof v !== 'function');

/** Whether a validated DTO holds only what `copyOf` copies: primitives, dates, their arrays. */
function copyable(dto: object): boolean {
  return Object.values(dto).every(
    (v) =>
      isPrimitive(v) ||
      v instanceof Date ||
      (Array.isArray(v) && v.every((x) => isPrimitive(x) || x instanceof Date)),
  );
}

const copyValue = (v: unknown): unknown =>
  v instanceof Date ? new Date(v.getTime()) : Array.isArray(v) ? v.map(copyValue) : v;

/** A copy of a copyable DTO, of the same class. */
function copyOf<T extends object>(dto: T): T {
  const out = Object.create(Object.getPrototypeOf(dto) as object | null) as Record<string, unknown>;
  for (const [key, v] of Object.entries(dto)) out[key] = copyValue(v);
  return out as T;
}

/**
 * The global ValidationPipe, with two refusals of its own for values with a DTO: a body sent
 * that is not a JSON object (Nest would validate `null`, `"text"` or `12` as an empty object,
 * so a DTO without required fields, such as a PATCH, would accept it), and keys named after
 * Object.prototype's members (see PROTOTYPE_KEYS). Both are named with the DTO's own errors.
 */
class AppValidationPipe extends ValidationPipe {
  /**
   * Query strings already validated, by DTO and the query's JSON: the DTO they gave. A client
   * asks for the same query again and again (a list's first page), and class-transformer and
   * class-validator were about a tenth of such a request's CPU time. Validation and the
   * transforms of query DTOs depend on the query alone (no clock, no I/O), so the same query
   * gives the same DTO; each request gets its own copy. Refused queries are not remembered, nor
   * DTOs holding objects other than dates and arrays.
   */
  private readonly queries = new Map<string, object>();
  private readonly dtoIds = new WeakMap<object, number>();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (!metadata.metatype || !this.toValidate(metadata)) return super.transform(value, metadata);
    if (metadata.type === 'query') return this.queryOf(value, metadata);
    return this.validated(value, metadata);
  }

  private async queryOf(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const json = JSON.stringify(value);
    if (json === undefined || json.length > VALIDATED_QUERY_MAX_LENGTH)
      return this.validated(value, metadata);
    const type = metadata.metatype as object;
    let id = this.dtoIds.get(type);
    if (id === undefined) {
      id = nextDtoId++;
      this.dtoIds.set(type, id);
    }
    const key = `${id} ${metadata.data ?? ''} ${json}`;
    const hit = this.queries.get(key);
    if (hit) return copyOf(hit);
    const out = await this.validated(value, metadata);
    if (typeof out !== 'object' || out === null || !copyable(out)) return out;
    if (this.queries.size >= VALIDATED_QUERIES_MAX) {
      const oldest = this.queries.keys().next();
      if (!oldest.done) this.queries.delete(oldest.value);
    }
    this.queries.set(key, copyOf(out));
    return out;
  }

  private async validated(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // No body at all is an empty one (`curl -X POST` of an action whose fields are optional).
    if (metadata.type === 'body' && value !== undefined && !isJsonObject(value))
      throw invalid([{ field: 'body', reason: 'must be a JSON object' }]);
    const unknown = prototypeKeys(value, metadata.type === 'body' ? '' : (metadata.data ?? ''));
    let out: unknown;
    try {
      out = await super.transform(value, metadata);
    } catch (e) {
      if (unknown.length === 0 || !(e instanceof AppException)) throw e;
      const res = e.getResponse() as { errors?: FieldError[] };
      throw invalid([...(res.errors ?? []), ...unknown]);
    }
    if (unknown.length) throw invalid(unknown);
    return out;
  }
}

let nextDtoId = 0;

export const appValidationPipe = () =>
  new AppValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => invalid(flattenValidationErrors(errors)),
  });
