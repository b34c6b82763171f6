import { Socket, connect } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes, randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Principal } from '@spotcheck/auth';
import { ADMIN, bearer, bootHttp, multipart } from './support/app';

/**
 * An upload answered before its body was read (413 over the limit, 400 for a record too long)
 * must leave its keep-alive connection usable, or close it: a client that sends its next
 * request on that connection must get an answer, not wait for the keep-alive timeout.
 * Requests go over one raw socket, as a keep-alive client sends them.
 */
let tasks: NestFastifyApplication;
let lab: NestFastifyApplication;
const LIMIT = 64 * 1024;
const IMPORT_LIMIT = 256 * 1024;
beforeAll(async () => {
  process.env.IMPORT_MAX_BYTES = String(IMPORT_LIMIT);
  process.env.LAB_BATCH_MAX_BYTES = String(LIMIT);
  process.env.BODY_LIMIT = String(LIMIT);
  const { InspectionTasksModule } = await import('../apps/inspection-tasks/src/app.module');
  const { LabResultsModule } = await import('../apps/lab-results/src/app.module');
  tasks = await bootHttp(InspectionTasksModule);
  lab = await bootHttp(LabResultsModule);
  await tasks.listen(0, '127.0.0.1');
  await lab.listen(0, '127.0.0.1');
});
afterAll(async () => {
  delete process.env.IMPORT_MAX_BYTES;
  delete process.env.LAB_BATCH_MAX_BYTES;
  delete process.env.BODY_LIMIT;
  await tasks?.close();
  await lab?.close();
});

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One keep-alive connection; `send` writes a whole request and reads one answer. */
class Connection {
  private buffer = Buffer.alloc(0);
  private closed = false;
  private waiter?: () => void;
  private readonly socket: Socket;

  constructor(port: number) {
    this.socket = connect(port, '127.0.0.1');
    this.socket.on('data', (d: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, d]);
      this.waiter?.();
    });
    const end = () => {
      this.closed = true;
      this.waiter?.();
    };
    this.socket.on('end', end);
    this.socket.on('close', end);
    // A reset after the answer was read is how some servers close; the answer still counts.
    this.socket.on('error', end);
  }

  /** Waits at most `ms` for `ready()`; a hung connection fails the test here. */
  private async until(ready: () => boolean, what: string, ms = 10_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!ready()) {
      if (Date.now() > deadline) throw new Error(`no ${what} within ${ms} ms: the connection hung`);
      await new Promise<void>((r) => {
        this.waiter = r;
        setTimeout(r, 50);
      });
    }
  }

  async send(head: string, body: Buffer = Buffer.alloc(0)): Promise<Answer> {
    this.socket.write(Buffer.concat([Buffer.from(head), body]));
    return this.answer();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  async waitClosed(): Promise<void> {
    await this.until(() => this.closed, 'close after Connection: close');
  }

  private async answer(): Promise<Answer> {
    let headEnd = -1;
    await this.until(() => (headEnd = this.buffer.indexOf('\r\n\r\n')) >= 0, 'answer');
    const lines = this.buffer.subarray(0, headEnd).toString('latin1').split('\r\n');
    const status = Number(lines[0].split(' ')[1]);
    const headers: Record<string, string> = {};
    for (const l of lines.slice(1)) {
      const i = l.indexOf(':');
      headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
    }
    const length = Number(headers['content-length'] ?? 0);
    const start = headEnd + 4;
    await this.until(() => this.buffer.length >= start + length, 'answer body');
    const body = this.buffer.subarray(start, start + length).toString();
    this.buffer = this.buffer.subarray(start + length);
    return { status, headers, body };
  }

  destroy(): void {
    this.socket.destroy();
  }
}

const portOf = (app: NestFastifyApplication) =>
  (app.getHttpServer().address() as { port: number }).port;

function post(path: string, p: Principal, type: string, body: Buffer): string {
  const auth = bearer(p).authorization;
  return (
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n` +
    `Authorization: ${auth}\r\nContent-Type: ${type}\r\nContent-Length: ${body.length}\r\n\r\n`
  );
}
const LIVE = 'GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n';

/**
 * Sends the upload, expects `status`, then either the server closed the connection as it said
 * it would (Connection: close), or the next request on it is answered.
 */
async function thenNextRequest(
  app: NestFastifyApplication,
  path: string,
  p: Principal,
  upload: { headers: { 'content-type': string }; payload: Buffer },
  status: number,
  code: string,
): Promise<void> {
  const c = new Connection(portOf(app));
  try {
    const first = await c.send(
      post(path, p, upload.headers['content-type'], upload.payload),
      upload.payload,
    );
    expect({ status: first.status, body: JSON.parse(first.body) as unknown }).toEqual({
      status,
      body: expect.objectContaining({ code }),
    });
    if (first.headers.connection === 'close') {
      await c.waitClosed();
      return;
    }
    const next = await c.send(LIVE);
    expect(next.status).toBe(200);
  } finally {
    c.destroy();
  }
}

/** An XLSX file of at least `bytes`: long random names, which do not compress much. */
async function inspectorWorkbook(bytes: number): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('inspectors');
  sheet.addRow(INSPECTOR_HEADER.trim().split(','));
  for (let n = 0, i = 0; n < bytes * 2; i++) {
    const name = randomBytes(3000).toString('base64');
    sheet.addRow([`KA-X${i}`, name, '150202', '包头市市场监督管理局', '', '是', '']);
    n += name.length;
  }
  const file = Buffer.from(await book.xlsx.writeBuffer());
  expect(file.length).toBeGreaterThan(bytes);
  return file;
}

const big = (bytes: number) => Buffer.alloc(bytes, 'a');
const LAB: Principal = { sub: 'keep-alive-t1', role: 'lab', org: randomUUID() };
const INSPECTOR_HEADER = '执法证号,姓名,行政区划代码,所属单位,可检查类别,是否在岗,回避企业\n';
/** Valid rows, `bytes` of them or a little more: only the size limit stops the import. */
function inspectorRows(bytes: number): string {
  const rows: string[] = [];
  for (let i = 0, n = 0; n < bytes; i++) {
    const row = `KA-${String(i).padStart(7, '0')},检查员${i},150202,包头市市场监督管理局,,是,\n`;
    rows.push(row);
    n += Buffer.byteLength(row);
  }
  return rows.join('');
}

describe('a keep-alive connection after an upload answered early', () => {
  it('answers the next request after a directory import over IMPORT_MAX_BYTES (413)', () =>
    thenNextRequest(
      tasks,
      '/api/v1/inspectors/import',
      ADMIN,
      multipart('inspectors.csv', INSPECTOR_HEADER + inspectorRows(IMPORT_LIMIT * 4)),
      413,
      'FILE_TOO_LARGE',
    ));

  it('answers the next request after a CSV record longer than the reader takes (400)', () =>
    thenNextRequest(
      tasks,
      '/api/v1/inspectors/import',
      ADMIN,
      multipart(
        'inspectors.csv',
        Buffer.concat([Buffer.from(INSPECTOR_HEADER), big(IMPORT_LIMIT / 2)]),
      ),
      400,
      'IMPORT_REJECTED',
    ));

  it('answers the next request after an XLSX import over IMPORT_MAX_BYTES (413)', async () =>
    thenNextRequest(
      tasks,
      '/api/v1/inspectors/import',
      ADMIN,
      multipart('inspectors.xlsx', await inspectorWorkbook(IMPORT_LIMIT * 2)),
      413,
      'FILE_TOO_LARGE',
    ));

  it('answers the next request after a file that is not XLSX (400)', () =>
    thenNextRequest(
      tasks,
      '/api/v1/inspectors/import',
      ADMIN,
      multipart('inspectors.xlsx', big(IMPORT_LIMIT / 2)),
      400,
      'IMPORT_REJECTED',
    ));

  it('answers the next request after a lab file over LAB_BATCH_MAX_BYTES (413)', () =>
    thenNextRequest(
      lab,
      '/api/v1/lab/reports/import',
      LAB,
      multipart('results.csv', big(LIMIT * 8)),
      413,
      'FILE_TOO_LARGE',
    ));

  it('answers the next request after a JSON body over BODY_LIMIT (413)', async () => {
    const body = Buffer.from(JSON.stringify({ name: 'x'.repeat(LIMIT * 8) }));
    await thenNextRequest(
      tasks,
      '/api/v1/inspectors',
      ADMIN,
      { headers: { 'content-type': 'application/json' }, payload: body },
      413,
      'PAYLOAD_TOO_LARGE',
    );
  });
});
