import { randomInt } from 'node:crypto';
import { hash, verify, type Algorithm, type Options } from '@node-rs/argon2';

/**
 * argon2id with OWASP's first recommended parameters (19 MiB, 2 passes, 1 lane). The hash is a
 * PHC string that names them, so raising them later leaves existing hashes verifiable.
 */
const ARGON2ID: Options = {
  algorithm: 2 as Algorithm,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

export const hashPassword = (password: string): Promise<string> => hash(password, ARGON2ID);

/**
 * Compared with when the user name is unknown, so that an unknown name takes as long to refuse
 * as a wrong password (no user names learnt from timing). Made once, at first use.
 */
let dummy: Promise<string> | undefined;

/** Whether `password` matches `stored`; against a dummy hash (always false) without one. */
export async function verifyPassword(
  stored: string | undefined,
  password: string,
): Promise<boolean> {
  if (!stored) {
    dummy ??= hashPassword('spotcheck-no-such-account');
    await verify(await dummy, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}

/** Easily told apart when read out or typed: no 0/O, 1/l/I. */
const LETTERS = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';

/**
 * A first password for an admin to hand over: 14 characters in groups, letters and digits, so
 * it meets the password rules (libs/domain passwordProblems); it must be changed at first
 * sign-in.
 */
export function generatePassword(): string {
  const pick = (set: string) => set[randomInt(set.length)];
  const group = () => Array.from({ length: 4 }, () => pick(LETTERS + DIGITS)).join('');
  return `${group()}-${group()}-${pick(DIGITS)}${pick(LETTERS)}${group().slice(0, 2)}`;
}
