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

/**
 * The global ValidationPipe, with two refusals of its own for values with a DTO: a body sent
 * that is not a JSON object (Nest would validate `null`, `"text"` or `12` as an empty object,
 * so a DTO without required fields, such as a PATCH, would accept it), and keys named after
 * Object.prototype's members (see PROTOTYPE_KEYS). Both are named with the DTO's own errors.
 */
class AppValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (!metadata.metatype || !this.toValidate(metadata)) return super.transform(value, metadata);
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

export const appValidationPipe = () =>
  new AppValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => invalid(flattenValidationErrors(errors)),
  });
