import { DEV_JWT_SECRET } from '@spotcheck/common';
import { Principal, signToken } from '@spotcheck/auth';
import { completeUscc } from '@spotcheck/domain';
import type { AppProcess } from './stack';

/** Longest any request may take; none should reach it unless its own server is down. */
export const REQUEST_TIMEOUT_MS = 10_000;

/** Where the suite's enterprises are: districts of Hohhot, the regulator's jurisdiction. */
export const REGIONS = ['150102', '150103', '150104', '150105'];
export const CATEGORY = 'FAULTS-CAT';

const REGULATOR: Principal = { sub: 'faults-regulator', role: 'regulator', jurisdiction: '150100' };
export const ADMIN: Principal = { sub: 'faults-admin', role: 'admin' };

export const authorization = (p: Principal) =>
  `Bearer ${signToken(p, { secret: DEV_JWT_SECRET, issuer: 'spotcheck' })}`;

/** What became of one request, from the client's side. */
export interface Outcome {
  uscc: string;
  region: string;
  /** The HTTP status, or how the request failed without one. */
  status: number | 'refused' | 'cut' | 'timeout';
  detail?: string;
  sentAt: number;
  endedAt: number;
}

/** Sends one request with the suite's timeout and classifies how it ended. */
export async function send(
  url: string,
  init: RequestInit,
): Promise<{ status: Outcome['status']; detail?: string; body?: string }> {
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    return { status: res.status, body: await res.text() };
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    if (err.name === 'TimeoutError') return { status: 'timeout' };
    if (err.cause?.code === 'ECONNREFUSED') return { status: 'refused' };
    // The connection was closed or reset under the request (its server was killed).
    return { status: 'cut', detail: err.cause?.code ?? err.cause?.message ?? err.message };
  }
}

/**
 * A stream of enterprise creations against the API, from a few concurrent clients. Each
 * creation is one enterprise row, one audit row and one outbox row (a `directory.changed` job)
 * in one transaction; every attempt and its outcome is kept as the ground truth.
 */
export class WriteStream {
  readonly outcomes: Outcome[] = [];
  private seq = 0;
  private running = false;
  private lanes: Promise<void>[] = [];
  private readonly token = authorization(REGULATOR);

  constructor(
    private readonly api: AppProcess,
    private readonly clients = 3,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.lanes = Array.from({ length: this.clients }, () => this.lane());
  }

  /** Stops sending and waits for the requests in flight. */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.lanes);
  }

  private async lane(): Promise<void> {
    while (this.running) {
      const o = await this.createOne();
      // A server that is down or busy is not hammered; a healthy one gets a steady stream.
      const pause = typeof o.status === 'number' && o.status < 300 ? 20 : 150;
      await new Promise((r) => setTimeout(r, pause));
    }
  }

  private async createOne(): Promise<Outcome> {
    const n = ++this.seq;
    const region = REGIONS[n % REGIONS.length];
    // 9 characters of organisation code: a mark and the sequence number.
    const uscc = completeUscc(`91${region}F${String(n).padStart(8, '0')}`);
    const sentAt = Date.now();
    const r = await send(`${this.api.url}/api/v1/enterprises`, {
      method: 'POST',
      headers: { authorization: this.token, 'content-type': 'application/json' },
      body: JSON.stringify({
        uscc,
        name: `故障演练企业${n}`,
        regionCode: region,
        size: 'small',
        riskClass: 'C',
        categories: [CATEGORY],
      }),
    });
    const o: Outcome = {
      uscc,
      region,
      status: r.status,
      detail: r.detail ?? (typeof r.status === 'number' && r.status >= 300 ? r.body : undefined),
      sentAt,
      endedAt: Date.now(),
    };
    this.outcomes.push(o);
    return o;
  }
}
