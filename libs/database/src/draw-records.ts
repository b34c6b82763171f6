import { isAscii } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, gunzip, gzip } from 'node:zlib';
import type { PoolClient } from 'pg';
import { EntityManager } from 'typeorm';
import {
  DrawInputError,
  parseEligibleSnapshot,
  sortSnapshot,
  verifyDrawSnapshot,
  type DrawRecord,
} from '@spotcheck/domain';
import type { DrawRecordHeader } from '@spotcheck/domain';
import type { DrawVerification } from '@spotcheck/domain';
import { copyInto } from './copy';
import { storedEligible } from './draw-records.queries';
import { Draw } from './entities';

/**
 * Reading stored draws back as the records docs/draw-algorithm.md §10 defines. The draw row
 * keeps the record without its eligible list (jsonb) and the list as gzipped snapshot text;
 * these put them together. Shared by the regulators' API and the public portal, which show the same
 * record (the portal only once the plan has closed).
 */

const gzipAsync = promisify(gzip);

/**
 * How `draw.eligible` stores the eligible snapshot: gzip (level 2) of its lines, each ending
 * in '\n', in the order the draw's COPY sent them. A million enterprises take about 8 MB
 * instead of 43: sending 43 MB as one statement parameter took PostgreSQL 1.3–3 s however
 * the column was stored. The two halves are compressed at once on the thread pool, one gzip
 * member each (concatenated members are one gzip stream, RFC 1952 §2.2, which gunzip reads
 * whole), into 4 MiB pieces (zlib's 16 KiB ones cost the main thread a callback each): about
 * 80 ms for 43 MB here, against 150 ms in one member. Level 2 costs what level 1 does and
 * saves a tenth; level 3 saves another eighth for a quarter more time.
 */
export async function encodeEligible(text: Uint8Array): Promise<Buffer> {
  let half = text.length >> 1;
  while (half > 0 && half < text.length && text[half - 1] !== 0x0a) half++;
  const parts = await Promise.all(
    [text.subarray(0, half), text.subarray(half)].map((t) =>
      gzipAsync(t, { level: 2, chunkSize: 4 << 20 }),
    ),
  );
  return Buffer.concat(parts);
}

const gunzipAsync = promisify(gunzip);

/** The snapshot bytes (each line ending in '\n') of a stored `draw.eligible`. */
export function eligibleBytes(stored: Buffer): Promise<Buffer> {
  // One 8 MiB output chunk instead of 16 KiB ones halves the time for a 43 MB list.
  return gunzipAsync(stored, { chunkSize: 8 << 20 });
}

/**
 * The snapshot text of a stored `draw.eligible` in ascending USCC order, as the record lists
 * it (without a final '\n'). Draws before 2026-11-26 stored their lines in that order; later
 * ones in the order the COPY sent them.
 */
export async function decodeEligible(stored: Buffer): Promise<string> {
  const lines = await eligibleBytes(stored);
  let sorted: Uint8Array;
  try {
    sorted = sortSnapshot(lines);
  } catch (e) {
    // A list that cannot be sorted (a line without a valid USCC, a USCC twice) is exported as
    // stored, for its verification to show what is wrong, rather than not at all.
    if (!(e instanceof DrawInputError)) throw e;
    sorted = lines;
  }
  const bytes = Buffer.from(sorted.buffer, sorted.byteOffset, sorted.length);
  const end =
    bytes.length > 0 && bytes[bytes.length - 1] === 0x0a ? bytes.length - 1 : bytes.length;
  // ASCII (the usual case) decodes the same as latin1, which is a copy, not a UTF-8 decode.
  return bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8', 0, end);
}

/** A draw row as the draw writes it. */
export interface NewDrawRow {
  planId: string;
  record: DrawRecordHeader;
  /** From encodeEligible. */
  eligible: Buffer;
  drawnAt: Date;
  drawnBy: string;
}

/**
 * Writes a draw row and returns its id. By binary COPY rather than INSERT: the row carries
 * megabytes (the record's tasks, the gzipped list), which as statement parameters cost
 * PostgreSQL about twice the time (text and hex parsing, and a server that logs slow
 * statements writes every parameter into its log — a confidential draw included).
 */
export async function insertDrawRow(client: PoolClient, row: NewDrawRow): Promise<string> {
  const id = randomUUID();
  const r = row.record;
  const text = (v: string) => Buffer.from(v, 'utf8');
  const jsonb = (v: unknown) => Buffer.concat([JSONB_VERSION, text(JSON.stringify(v))]);
  const uuid = (v: string) => Buffer.from(v.replace(/-/g, ''), 'hex');
  const timestamptz = (d: Date) => {
    const b = Buffer.alloc(8);
    b.writeBigInt64BE(BigInt(d.getTime() - PG_EPOCH_MS) * 1000n);
    return b;
  };
  await copyInto(
    client,
    `COPY draw (id, plan_id, algorithm_version, seed, commitment, eligible_digest, strata, record, eligible, drawn_at, drawn_by) FROM STDIN (FORMAT binary)`,
    [
      binaryCopy([
        uuid(id),
        uuid(row.planId),
        text(r.algorithmVersion),
        text(r.seed),
        text(r.commitment),
        text(r.eligibleDigest),
        jsonb(r.strata),
        jsonb(r),
        row.eligible,
        timestamptz(row.drawnAt),
        text(row.drawnBy),
      ]),
    ],
  );
  return id;
}

const JSONB_VERSION = Buffer.from([1]);
const PG_EPOCH_MS = Date.UTC(2000, 0, 1);
const COPY_SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

/** One row in PostgreSQL's binary COPY format: header, the fields (each length-prefixed), trailer. */
function binaryCopy(fields: Buffer[]): Buffer {
  const parts: Buffer[] = [COPY_SIGNATURE, Buffer.alloc(8)]; // flags 0, no header extension
  const count = Buffer.alloc(2);
  count.writeInt16BE(fields.length);
  parts.push(count);
  for (const f of fields) {
    const len = Buffer.alloc(4);
    len.writeInt32BE(f.length);
    parts.push(len, f);
  }
  parts.push(Buffer.from([0xff, 0xff])); // end of data
  return Buffer.concat(parts);
}

/** The stored eligible snapshot text of a draw ('' for an empty list). */
export async function drawEligibleText(m: EntityManager, drawId: string): Promise<string> {
  const stored = await storedEligible(m, drawId);
  return stored ? decodeEligible(stored) : '';
}

/** The whole record of a stored draw, members in the order of DrawRecord. */
export function fullRecord(d: Draw, eligibleText: string): DrawRecord {
  const { inspectors, labs, previousPairs, ...head } = d.record;
  return {
    ...head,
    eligible: parseEligibleSnapshot(eligibleText),
    inspectors,
    labs,
    previousPairs,
  };
}

/**
 * Recomputes a stored draw from its record: MATCH or MISMATCH with the first difference. The
 * same verdict as verifyDraw on the exported record, computed from the stored list's bytes
 * (verifyDrawSnapshot), ranked while zlib is still inflating them, instead of from a million
 * parsed objects.
 */
export async function verifyStoredDraw(m: EntityManager, d: Draw): Promise<DrawVerification> {
  const stored = await storedEligible(m, d.id);
  let unreadable: string | null = null;
  const verdict = await verifyDrawSnapshot(d.record, async (ranker) => {
    if (stored === null) return;
    try {
      await pipeline(
        Readable.from([stored]),
        createGunzip({ chunkSize: 1 << 20 }),
        async function (pieces: AsyncIterable<Buffer>) {
          for await (const piece of pieces) ranker.push(piece);
        },
      );
    } catch (e) {
      if (!isZlibError(e)) throw e;
      unreadable = e.message;
    }
  });
  // A stored list that no longer inflates (damaged in the database) cannot be the one drawn.
  return unreadable === null
    ? verdict
    : {
        verdict: 'MISMATCH',
        firstDifference: `eligible: the stored eligible list cannot be read (${unreadable})`,
      };
}

/**
 * An error of zlib's inflating (bad header, bad data, a truncated stream): codes Z_…. Not by
 * `instanceof Error`, which fails for errors from another realm (Jest's sandbox, for one).
 */
function isZlibError(e: unknown): e is { code: string; message: string } {
  const { code, message } = (e ?? {}) as { code?: unknown; message?: unknown };
  return typeof code === 'string' && code.startsWith('Z_') && typeof message === 'string';
}

const EXPORT_CHUNK_LINES = 8192;

/**
 * The exported record as JSON text in pieces, so a million-enterprise record (about 80 MB of
 * JSON) streams to the client instead of being built as one string. The result parses to
 * fullRecord(d, eligibleText) plus `drawId` and `planId`, which verifiers ignore.
 */
export function* exportRecordJson(d: Draw, eligibleText: string): Generator<string> {
  const { inspectors, labs, previousPairs, ...head } = d.record;
  const open = JSON.stringify({ drawId: d.id, planId: d.planId, ...head });
  yield `${open.slice(0, -1)},"eligible":[`;
  let start = 0;
  let first = true;
  while (start < eligibleText.length) {
    let end = start;
    for (let i = 0; i < EXPORT_CHUNK_LINES && end < eligibleText.length; i++) {
      const nl = eligibleText.indexOf('\n', end);
      end = nl < 0 ? eligibleText.length : nl + 1;
    }
    const entries = parseEligibleSnapshot(eligibleText.slice(start, end).replace(/\n$/, ''));
    const json = JSON.stringify(entries);
    yield (first ? '' : ',') + json.slice(1, -1);
    first = false;
    start = end;
  }
  yield `],${JSON.stringify({ inspectors, labs, previousPairs }).slice(1)}`;
}
