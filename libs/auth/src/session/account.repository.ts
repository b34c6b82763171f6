import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Role } from '@spotcheck/domain';

/** An account as the admin API shows it: never its password hash. */
export interface AccountRow {
  id: string;
  userName: string;
  displayName: string;
  role: Role;
  jurisdiction: string | null;
  org: string | null;
  staffNo: string | null;
  mustChangePassword: boolean;
  disabled: boolean;
  failedAttempts: number;
  lockedUntil: Date | null;
  passwordChangedAt: Date | null;
  lastSignInAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What signing in needs of an account: its hash, and whether it is locked now. */
export interface Credentials extends AccountRow {
  passwordHash: string;
  locked: boolean;
}

/** The fields of a new account, or of one an import changes. */
export interface AccountFields {
  userName: string;
  displayName: string;
  role: Role;
  jurisdiction: string | null;
  org: string | null;
  staffNo: string | null;
  disabled: boolean;
}

export interface AccountFilter {
  role?: Role;
  /** Part of the user name or display name, without regard to case. */
  q?: string;
  disabled?: boolean;
}

const COLUMNS = `id, user_name AS "userName", display_name AS "displayName", role, jurisdiction,
  org, staff_no AS "staffNo", must_change_password AS "mustChangePassword", disabled,
  failed_attempts AS "failedAttempts", locked_until AS "lockedUntil",
  password_changed_at AS "passwordChangedAt", last_sign_in_at AS "lastSignInAt",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

/** `account`: every statement about accounts, for signing in and for the admins' API. */
@Injectable()
export class AccountRepository {
  /** The account of a user name in any case, with what signing in checks. */
  async credentials(m: EntityManager, userName: string): Promise<Credentials | null> {
    const [row] = (await m.query(
      `SELECT ${COLUMNS}, password_hash AS "passwordHash",
              coalesce(locked_until > now(), false) AS locked
       FROM account WHERE lower(user_name) = lower($1)`,
      [userName],
    )) as Credentials[];
    return row ?? null;
  }

  /**
   * Counts a wrong password. The attempt that reaches `max` in a row locks the account for
   * `minutes` and starts the count again; attempts against a locked account are not counted
   * (they would only lengthen the lock). Returns whether this attempt locked it.
   */
  async countFailure(
    m: EntityManager,
    id: string,
    max: number,
    minutes: number,
  ): Promise<{ lockedNow: boolean; failedAttempts: number; lockedUntil: Date | null }> {
    const [rows] = (await m.query(
      `UPDATE account
          SET failed_attempts = CASE WHEN failed_attempts + 1 >= $2 THEN 0 ELSE failed_attempts + 1 END,
              locked_until = CASE WHEN failed_attempts + 1 >= $2
                                  THEN now() + make_interval(mins => $3) ELSE locked_until END
        WHERE id = $1 AND (locked_until IS NULL OR locked_until <= now())
        RETURNING failed_attempts AS "failedAttempts", locked_until AS "lockedUntil",
                  coalesce(locked_until > now(), false) AS "lockedNow"`,
      [id, max, minutes],
    )) as [{ failedAttempts: number; lockedUntil: Date | null; lockedNow: boolean }[], number];
    return rows[0] ?? { lockedNow: false, failedAttempts: 0, lockedUntil: null };
  }

  /**
   * A right password: the count starts again. With `signedIn`, the sign-in time is noted.
   * False when the account was locked or disabled meanwhile (nothing changes then).
   */
  async countSuccess(m: EntityManager, id: string, signedIn: boolean): Promise<boolean> {
    const [, n] = (await m.query(
      `UPDATE account SET failed_attempts = 0, locked_until = NULL,
              last_sign_in_at = CASE WHEN $2 THEN now() ELSE last_sign_in_at END
        WHERE id = $1 AND NOT disabled AND (locked_until IS NULL OR locked_until <= now())`,
      [id, signedIn],
    )) as [unknown, number];
    return n === 1;
  }

  /** Sets a new password hash; an admin's (reset) must be changed at the next sign-in. */
  async setPassword(
    m: EntityManager,
    id: string,
    passwordHash: string,
    mustChange: boolean,
  ): Promise<AccountRow> {
    const [rows] = (await m.query(
      `UPDATE account SET password_hash = $2, must_change_password = $3, password_changed_at = now(),
              failed_attempts = 0, locked_until = NULL, updated_at = now()
        WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, passwordHash, mustChange],
    )) as [AccountRow[], number];
    return rows[0];
  }

  async find(m: EntityManager, userName: string, lock = false): Promise<AccountRow | null> {
    const [row] = (await m.query(
      `SELECT ${COLUMNS} FROM account WHERE lower(user_name) = lower($1) ${lock ? 'FOR UPDATE' : ''}`,
      [userName],
    )) as AccountRow[];
    return row ?? null;
  }

  async insert(m: EntityManager, a: AccountFields, passwordHash: string): Promise<AccountRow> {
    const [row] = (await m.query(
      `INSERT INTO account (user_name, display_name, role, jurisdiction, org, staff_no, disabled,
                            password_hash, must_change_password)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, true) RETURNING ${COLUMNS}`,
      [
        a.userName,
        a.displayName,
        a.role,
        a.jurisdiction,
        a.org,
        a.staffNo,
        a.disabled,
        passwordHash,
      ],
    )) as AccountRow[];
    return row;
  }

  /**
   * Inserts accounts that do not exist yet, each with its password hash and the must-change
   * mark (demo accounts are seeded without it). Returns the user names inserted.
   */
  async insertMany(
    m: EntityManager,
    rows: readonly (AccountFields & { passwordHash: string; mustChangePassword: boolean })[],
  ): Promise<string[]> {
    if (rows.length === 0) return [];
    const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
    const inserted = (await m.query(
      `INSERT INTO account (user_name, display_name, role, jurisdiction, org, staff_no, disabled,
                            password_hash, must_change_password)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                            $7::boolean[], $8::text[], $9::boolean[])
       ON CONFLICT ((lower(user_name))) DO NOTHING
       RETURNING user_name AS "userName"`,
      [
        col('userName'),
        col('displayName'),
        col('role'),
        col('jurisdiction'),
        col('org'),
        col('staffNo'),
        col('disabled'),
        col('passwordHash'),
        col('mustChangePassword'),
      ],
    )) as { userName: string }[];
    return inserted.map((r) => r.userName);
  }

  /**
   * Sets what an import file says of existing accounts (by user name in any case); the
   * password stays. Returns the user names whose row changed.
   */
  async updateMany(m: EntityManager, rows: readonly AccountFields[]): Promise<string[]> {
    if (rows.length === 0) return [];
    const col = <K extends keyof AccountFields>(k: K) => rows.map((r) => r[k]);
    const changed = (await m.query(
      `UPDATE account a SET display_name = v.display_name, role = v.role,
              jurisdiction = v.jurisdiction, org = v.org, staff_no = v.staff_no,
              disabled = v.disabled, updated_at = now()
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                     $7::boolean[])
           AS v(user_name, display_name, role, jurisdiction, org, staff_no, disabled)
        WHERE lower(a.user_name) = lower(v.user_name)
          AND (a.display_name, a.role, a.jurisdiction, a.org, a.staff_no, a.disabled)
              IS DISTINCT FROM (v.display_name, v.role, v.jurisdiction, v.org, v.staff_no, v.disabled)
       RETURNING a.user_name AS "userName"`,
      [
        col('userName'),
        col('displayName'),
        col('role'),
        col('jurisdiction'),
        col('org'),
        col('staffNo'),
        col('disabled'),
      ],
    )) as [{ userName: string }[], number];
    return changed[0].map((r) => r.userName);
  }

  /** Of `names`, those an account already has (in any case), as the account spells them. */
  async existing(m: EntityManager, names: readonly string[]): Promise<Map<string, AccountRow>> {
    const rows = (await m.query(
      `SELECT ${COLUMNS} FROM account WHERE lower(user_name) = ANY (SELECT lower(n) FROM unnest($1::text[]) n)`,
      [names],
    )) as AccountRow[];
    return new Map(rows.map((r) => [r.userName.toLowerCase(), r]));
  }

  /** Of `ids`, those of labs in the directory. */
  async labsExisting(m: EntityManager, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = (await m.query(`SELECT id FROM lab WHERE id = ANY ($1::uuid[])`, [ids])) as {
      id: string;
    }[];
    return new Set(rows.map((r) => r.id));
  }

  async setDisabled(m: EntityManager, id: string, disabled: boolean): Promise<AccountRow> {
    const [rows] = (await m.query(
      `UPDATE account SET disabled = $2, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, disabled],
    )) as [AccountRow[], number];
    return rows[0];
  }

  /** A page of accounts by user name (byte order), after `after` if given. */
  list(
    m: EntityManager,
    f: AccountFilter,
    after: string | undefined,
    limit: number,
  ): Promise<AccountRow[]> {
    const args: unknown[] = [];
    const arg = (v: unknown) => `$${args.push(v)}`;
    const where: string[] = [];
    if (f.role) where.push(`role = ${arg(f.role)}`);
    if (f.disabled !== undefined) where.push(`disabled = ${arg(f.disabled)}`);
    if (f.q) {
      const like = arg(`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`).toLowerCase()}%`);
      where.push(`(lower(user_name) LIKE ${like} OR lower(display_name) LIKE ${like})`);
    }
    if (after !== undefined) where.push(`user_name COLLATE "C" > ${arg(after)}`);
    return m.query(
      `SELECT ${COLUMNS} FROM account ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY user_name COLLATE "C", id LIMIT ${arg(limit)}`,
      args,
    ) as Promise<AccountRow[]>;
  }
}
