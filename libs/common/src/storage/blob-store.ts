import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** A stored file's address: the SHA-256 of its bytes, and how many there are. */
export interface StoredBlob {
  sha256: string;
  size: number;
}

/**
 * Where uploaded files (a rectification report's attachments) are kept, by the SHA-256 of their
 * bytes: the same file stored twice is stored once, and what is read back is what was sent, as
 * its address proves. The default keeps them on local disk ({@link LocalDiskBlobStore}); another
 * store (an object store) implements the same two methods.
 */
export interface BlobStore {
  /** Stores `bytes` (again, harmlessly) and answers their address. */
  put(bytes: Buffer): Promise<StoredBlob>;
  /** The bytes stored at `sha256`, or null when none are. */
  get(sha256: string): Promise<Buffer | null>;
}

/** The Nest token of the application's BlobStore. */
export const BLOB_STORE = Symbol('BLOB_STORE');

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * A BlobStore in a directory: `<dir>/<first two hex digits>/<sha256>`. A file is written under a
 * temporary name and renamed into place, so a reader never sees half of one; bytes stored
 * before a transaction that then rolled back are left behind, harmlessly (nothing names them).
 */
export class LocalDiskBlobStore implements BlobStore {
  readonly dir: string;
  constructor(dir: string) {
    this.dir = resolve(dir);
  }

  private pathOf(sha256: string): string {
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  async put(bytes: Buffer): Promise<StoredBlob> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const path = this.pathOf(sha256);
    const there = await stat(path).catch(() => null);
    if (there?.size === bytes.length) return { sha256, size: bytes.length };
    await mkdir(join(this.dir, sha256.slice(0, 2)), { recursive: true });
    const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(tmp, bytes, { flag: 'wx' });
      await rename(tmp, path);
    } catch (e) {
      await unlink(tmp).catch(() => undefined);
      throw e;
    }
    return { sha256, size: bytes.length };
  }

  async get(sha256: string): Promise<Buffer | null> {
    if (!SHA256.test(sha256)) return null;
    try {
      return await readFile(this.pathOf(sha256));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }
}
