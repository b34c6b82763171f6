import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  AccountFields,
  AccountRepository,
  AccountRow,
  Principal,
  SessionRepository,
  generatePassword,
  hashPassword,
  scopeOf,
} from '@spotcheck/auth';
import { Page, recordAudit } from '@spotcheck/common';
import {
  DomainFieldError,
  accountIdentityProblems,
  conflictError,
  encodeCursor,
  invalidError,
  notFoundError,
  passwordProblems,
  userNameProblem,
  type Role,
} from '@spotcheck/domain';
import { cursorKey } from '../directory/directory-table';
import { AccountQuery, CreateAccountDto, ResetPasswordDto } from './account.dto';

export type AccountWithPassword = AccountRow & { initialPassword: string | null };

/** What a create or an import row says of an account, before its checks. */
export interface AccountInput {
  userName?: unknown;
  displayName?: unknown;
  role?: unknown;
  jurisdiction?: unknown;
  org?: unknown;
  staffNo?: unknown;
  disabled?: unknown;
  password?: unknown;
}

const blank = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

/**
 * The fields of an account and the problems of each, named by field: the user name's shape, a
 * display name, the role with what its tokens carry (libs/domain accountIdentityProblems), and
 * a first password if one is given.
 */
export function checkAccount(a: AccountInput): {
  fields?: AccountFields;
  password?: string;
  problems: DomainFieldError[];
} {
  const problems: DomainFieldError[] = [];
  const userName = typeof a.userName === 'string' ? a.userName.trim() : a.userName;
  const nameProblem = userNameProblem(userName);
  if (nameProblem) problems.push({ field: 'userName', reason: nameProblem });
  const displayName = blank(a.displayName);
  if (!displayName) problems.push({ field: 'displayName', reason: 'is required' });
  const identity = {
    role: a.role,
    jurisdiction: blank(a.jurisdiction),
    org: blank(a.org),
    staffNo: blank(a.staffNo),
  };
  problems.push(...accountIdentityProblems(identity));
  let password: string | undefined;
  if (a.password !== undefined && a.password !== null && a.password !== '') {
    password = String(a.password);
    for (const reason of passwordProblems(password, String(userName)))
      problems.push({ field: 'password', reason });
  }
  if (problems.length) return { problems };
  return {
    problems,
    password,
    fields: {
      userName: userName as string,
      displayName: displayName!,
      role: identity.role as Role,
      jurisdiction: identity.jurisdiction,
      // Lab ids as the scope compares them.
      org: identity.role === 'lab' ? identity.org!.toLowerCase() : identity.org,
      staffNo: identity.staffNo,
      disabled: a.disabled === true,
    },
  };
}

/** A generated first password that meets the rules for this user name. */
export function firstPassword(userName: string): string {
  for (;;) {
    const p = generatePassword();
    if (passwordProblems(p, userName).length === 0) return p;
  }
}

/**
 * Accounts, for admins (docs/rules.md §1.1): create, list, disable and enable, reset a
 * password; every change audited with the account's state before and after (never its hash).
 * Disabling an account or resetting its password ends its sessions.
 */
@Injectable()
export class AccountService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly accounts: AccountRepository,
    private readonly sessions: SessionRepository,
  ) {}

  /** Admins only: accounts are no tenant's records. */
  private admin(p: Principal): void {
    scopeOf(p, 'accounts', ['admin']);
  }

  async list(p: Principal, q: AccountQuery): Promise<Page<AccountRow>> {
    this.admin(p);
    const rows = await this.accounts.list(
      this.ds.manager,
      { role: q.role, q: q.q, disabled: q.disabled },
      cursorKey(q.cursor),
      q.limit + 1,
    );
    const items = rows.slice(0, q.limit);
    return {
      items,
      nextCursor: rows.length > q.limit ? encodeCursor([items[items.length - 1].userName]) : null,
    };
  }

  async get(p: Principal, userName: string): Promise<AccountRow> {
    this.admin(p);
    const row = await this.accounts.find(this.ds.manager, userName);
    if (!row) throw notFoundError('account', userName);
    return row;
  }

  async create(p: Principal, dto: CreateAccountDto): Promise<AccountWithPassword> {
    this.admin(p);
    const { fields, password, problems } = checkAccount(dto);
    if (!fields) throw invalidError(problems);
    if ((await this.missingLabs(this.ds.manager, [fields])).length)
      throw invalidError([{ field: 'org', reason: `no lab ${fields.org} in the directory` }]);
    const initial = password ?? firstPassword(fields.userName);
    const hash = await hashPassword(initial);
    const row = await this.ds.transaction(async (m) => {
      if (await this.accounts.find(m, fields.userName))
        throw conflictError(
          'ACCOUNT_EXISTS',
          `userName: an account ${fields.userName} exists already (user names are compared without regard to case)`,
          { errors: [{ field: 'userName', reason: 'is taken' }] },
        );
      const created = await this.accounts.insert(m, fields, hash);
      await this.audit(m, p, 'create', created, null, { passwordGiven: password !== undefined });
      return created;
    });
    return { ...row, initialPassword: password ? null : initial };
  }

  async setDisabled(p: Principal, userName: string, disabled: boolean): Promise<AccountRow> {
    this.admin(p);
    return this.ds.transaction(async (m) => {
      const before = await this.accounts.find(m, userName, true);
      if (!before) throw notFoundError('account', userName);
      if (disabled && before.userName === p.sub)
        throw conflictError('OWN_ACCOUNT', 'an admin may not disable their own account');
      if (before.disabled === disabled) return before;
      const after = await this.accounts.setDisabled(m, before.id, disabled);
      const ended = disabled ? await this.sessions.revokeAll(m, before.id, 'disabled') : 0;
      await this.audit(m, p, disabled ? 'disable' : 'enable', after, before, {
        sessionsEnded: ended,
      });
      return after;
    });
  }

  /**
   * A new first password (given, or generated and answered once), to be changed at the next
   * sign-in; clears a lock and ends the account's sessions.
   */
  async resetPassword(
    p: Principal,
    userName: string,
    dto: ResetPasswordDto,
  ): Promise<AccountWithPassword> {
    this.admin(p);
    const found = await this.get(p, userName);
    if (dto.password !== undefined) {
      const problems = passwordProblems(dto.password, found.userName);
      if (problems.length)
        throw invalidError(problems.map((reason) => ({ field: 'password', reason })));
    }
    const initial = dto.password ?? firstPassword(found.userName);
    const hash = await hashPassword(initial);
    const row = await this.ds.transaction(async (m) => {
      const before = await this.accounts.find(m, userName, true);
      if (!before) throw notFoundError('account', userName);
      const after = await this.accounts.setPassword(m, before.id, hash, true);
      const ended = await this.sessions.revokeAll(m, before.id, 'password-reset');
      await this.audit(m, p, 'reset-password', after, before, {
        passwordGiven: dto.password !== undefined,
        sessionsEnded: ended,
      });
      return after;
    });
    return { ...row, initialPassword: dto.password !== undefined ? null : initial };
  }

  /** The indexes of lab accounts among `fields` whose lab is not in the directory. */
  async missingLabs(m: EntityManager, fields: readonly AccountFields[]): Promise<number[]> {
    const ids = fields.filter((f) => f.role === 'lab').map((f) => f.org!);
    const known = await this.accounts.labsExisting(m, ids);
    return fields.flatMap((f, i) => (f.role === 'lab' && !known.has(f.org!) ? [i] : []));
  }

  audit(
    m: EntityManager,
    p: Principal,
    action: string,
    after: AccountRow,
    before: AccountRow | null,
    detail: Record<string, unknown> = {},
  ) {
    return recordAudit(m, p, [
      { action, entityType: 'account', entityId: after.userName, before, after, detail },
    ]);
  }
}
