import { Account } from '@spotcheck/database';
import { hashPassword } from '@spotcheck/auth';
import type { DataSource } from 'typeorm';
import { unique } from '../support';

/** The password every factory account has. */
export const ACCOUNT_PASSWORD = 'factory-Passw0rd-1';

let hash: Promise<string> | undefined;

/**
 * An account (a regulator of Xincheng, 150102, unless told otherwise) whose password is
 * ACCOUNT_PASSWORD and need not be changed first, unless told otherwise.
 */
export async function makeAccount(ds: DataSource, over: Partial<Account> = {}): Promise<Account> {
  hash ??= hashPassword(ACCOUNT_PASSWORD);
  const repo = ds.getRepository(Account);
  const role = over.role ?? 'regulator';
  return repo.save(
    repo.create({
      userName: unique('acct-'),
      displayName: '测试账号',
      role,
      jurisdiction: role === 'regulator' ? '150102' : null,
      org: null,
      staffNo: null,
      passwordHash: await hash,
      mustChangePassword: false,
      ...over,
    }),
  );
}
