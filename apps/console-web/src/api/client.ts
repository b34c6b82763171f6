import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './tasks.schema';

/** The body of every error answer (libs/common ErrorDto), with the extras some codes add. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  errors?: { field: string; reason: string }[];
  [extra: string]: unknown;
}

/** A refusal from the API (or the network), as the pages handle it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.message);
    this.name = 'ApiError';
  }
  get code() {
    return this.body.code;
  }
  get fieldErrors() {
    return this.body.errors ?? [];
  }
}

export const NETWORK_ERROR = 'NETWORK';

const DEV_TOKEN_KEY = 'spotcheck.devToken';

/**
 * A developer's bearer token (`npm run token`), kept for this tab only. The console's own
 * sign-in uses httpOnly cookies, which no script reads; this is for development and tests.
 */
export const devToken = {
  get: () => sessionStorage.getItem(DEV_TOKEN_KEY),
  set: (t: string) => sessionStorage.setItem(DEV_TOKEN_KEY, t),
  clear: () => sessionStorage.removeItem(DEV_TOKEN_KEY),
};

let refreshing: Promise<boolean> | null = null;
/** One refresh at a time, however many requests found their access token expired. */
function refreshSession(): Promise<boolean> {
  refreshing ??= fetch('/api/v1/auth/refresh', { method: 'POST', credentials: 'same-origin' })
    .then((r) => r.ok)
    .catch(() => false)
    .finally(() => {
      setTimeout(() => (refreshing = null), 0);
    });
  return refreshing;
}

const listeners = new Set<() => void>();
/** Called when the session has ended for good (refresh refused): the shell shows sign-in. */
export const onSessionEnded = (f: () => void) => {
  listeners.add(f);
  return () => {
    listeners.delete(f);
  };
};

/** Adds a developer's bearer token to each request (every app's client uses it). */
export const auth: Middleware = {
  onRequest({ request }) {
    const token = devToken.get();
    if (token && !request.headers.has('authorization'))
      request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
};

/**
 * fetch for the API: same origin, cookies sent, a bearer token when a developer gave one; an
 * answer 401 is retried once after refreshing the session.
 */
export async function apiFetch(input: Request): Promise<Response> {
  const retry = input.clone();
  const res = await fetch(input);
  const path = new URL(input.url).pathname;
  if (res.status !== 401 || devToken.get() || path.startsWith('/api/v1/auth/')) return res;
  if (await refreshSession()) return fetch(retry);
  for (const f of listeners) f();
  return res;
}

export const api = createClient<paths>({
  baseUrl: '',
  credentials: 'same-origin',
  fetch: apiFetch,
});
api.use(auth);

/** The error of an answer as an ApiError (the API's body, or one made for a network failure). */
export function toApiError(error: unknown, response?: Response): ApiError {
  if (error instanceof ApiError) return error;
  if (response && error && typeof error === 'object' && 'code' in error)
    return new ApiError(response.status, error as ErrorBody);
  const status = response?.status ?? 0;
  return new ApiError(status, {
    statusCode: status,
    code: status ? `HTTP_${status}` : NETWORK_ERROR,
    message: error instanceof Error ? error.message : String(error ?? ''),
  });
}

/**
 * The data of an openapi-fetch answer, or an ApiError: `const plan = await ok(api.GET(...))`.
 */
export async function ok<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let r: { data?: T; error?: unknown; response: Response };
  try {
    r = await call;
  } catch (e) {
    throw toApiError(e);
  }
  if (r.error !== undefined || !r.response.ok) throw toApiError(r.error, r.response);
  return r.data as T;
}

/** A multipart upload of one `file` (openapi-fetch serialises JSON only). */
export async function upload<T>(url: string, file: File | Blob, name = 'file.csv'): Promise<T> {
  const form = new FormData();
  form.append('file', file, (file as File).name ?? name);
  const headers: Record<string, string> = {};
  const token = devToken.get();
  if (token) headers.authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await apiFetch(
      new Request(new URL(url, location.origin), {
        method: 'POST',
        body: form,
        headers,
        credentials: 'same-origin',
      }),
    );
  } catch (e) {
    throw toApiError(e);
  }
  const body = (await res.json().catch(() => undefined)) as unknown;
  if (!res.ok) throw toApiError(body ?? new Error(res.statusText), res);
  return body as T;
}

/** Downloads `url` (an export) as a file named by the answer's Content-Disposition. */
export async function download(url: string, fallbackName: string): Promise<void> {
  const headers: Record<string, string> = {};
  const token = devToken.get();
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await apiFetch(
    new Request(new URL(url, location.origin), { headers, credentials: 'same-origin' }),
  );
  if (!res.ok) throw toApiError(await res.json().catch(() => new Error(res.statusText)), res);
  const disposition = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  const name = star ? decodeURIComponent(star[1]) : (plain?.[1] ?? fallbackName);
  const blob = await res.blob();
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/**
 * A request to a path known only at run time (the directory pages share one component); typed
 * by the caller with the generated schema's types. Prefer `api` where the path is fixed.
 */
export async function apiRequest<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  body?: unknown,
): Promise<T> {
  const headers: Record<string, string> = {};
  const token = devToken.get();
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await apiFetch(
      new Request(new URL(url, location.origin), {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
  } catch (e) {
    throw toApiError(e);
  }
  const data =
    res.status === 204 ? undefined : ((await res.json().catch(() => undefined)) as unknown);
  if (!res.ok) throw toApiError(data ?? new Error(res.statusText), res);
  return data as T;
}

/** `?a=1&b=x&b=y` of the defined values (arrays repeat their key). */
export function queryString(q: Record<string, unknown>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === null || v === '') continue;
    for (const item of Array.isArray(v) ? v : [v]) p.append(k, String(item));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}
