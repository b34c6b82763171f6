import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { DEV_JWT_SECRET, createHttpApp } from '@spotcheck/common';
import { Principal, signToken } from '@spotcheck/auth';
import { DataSource } from 'typeorm';

/** Boots an HTTP app exactly as main.ts does, on an ephemeral port (inject() for requests). */
export async function bootHttp(module: unknown, name = 'test'): Promise<NestFastifyApplication> {
  const app = await createHttpApp(module, { name, title: name, description: name, defaultPort: 0 });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

export const token = (p: Principal, opts: { secret?: string; expiresInSeconds?: number } = {}) =>
  signToken(p, {
    secret: opts.secret ?? DEV_JWT_SECRET,
    issuer: 'spotcheck',
    expiresInSeconds: opts.expiresInSeconds,
  });

export const bearer = (p: Principal) => ({ authorization: `Bearer ${token(p)}` });

export const REGULATOR_HOHHOT: Principal = {
  sub: 'reg-hohhot',
  role: 'regulator',
  jurisdiction: '150100',
};
export const REGULATOR_BAOTOU: Principal = {
  sub: 'reg-baotou',
  role: 'regulator',
  jurisdiction: '150200',
};
export const REGULATOR_PROVINCE: Principal = {
  sub: 'reg-nm',
  role: 'regulator',
  jurisdiction: '150000',
};
export const ADMIN: Principal = { sub: 'admin-1', role: 'admin' };

export { Test };
export const dataSource = (app: NestFastifyApplication) => app.get(DataSource);

/** A multipart/form-data body with one `file` part, for inject(). */
export function multipart(
  filename: string,
  content: Buffer | string,
  contentType = 'application/octet-stream',
) {
  const boundary = `----spotcheck${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** inject() options for uploading `content` as the `file` field, signed in as `p`. */
export function upload(p: Principal, filename: string, content: Buffer | string) {
  const m = multipart(filename, content);
  return { payload: m.payload, headers: { ...bearer(p), ...m.headers } };
}
