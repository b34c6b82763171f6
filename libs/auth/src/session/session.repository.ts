import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Role } from '@spotcheck/domain';

export type RevokeReason =
  'sign-out' | 'reuse' | 'password-changed' | 'password-reset' | 'disabled';

/** A refresh token presented, with its session and account as they are now. */
export interface PresentedToken {
  sessionId: string;
  /** Already used once: a second use means someone else holds it. */
  used: boolean;
  expired: boolean;
  sessionRevoked: boolean;
  sessionExpired: boolean;
  account: SessionAccount;
}

/** What a refresh reads of the account: who it is now, and whether it may go on. */
export interface SessionAccount {
  id: string;
  userName: string;
  displayName: string;
  role: Role;
  jurisdiction: string | null;
  org: string | null;
  staffNo: string | null;
  mustChangePassword: boolean;
  disabled: boolean;
  locked: boolean;
}

const ACCOUNT = `json_build_object('id', a.id, 'userName', a.user_name, 'displayName', a.display_name,
  'role', a.role, 'jurisdiction', a.jurisdiction, 'org', a.org, 'staffNo', a.staff_no,
  'mustChangePassword', a.must_change_password, 'disabled', a.disabled,
  'locked', coalesce(a.locked_until > now(), false))`;

/** `auth_session` and `auth_refresh_token`: browser sessions and their refresh tokens. */
@Injectable()
export class SessionRepository {
  /** A new session of the account, ending at the latest `maxSeconds` from now. */
  async create(
    m: EntityManager,
    accountId: string,
    maxSeconds: number,
    client: { address?: string; userAgent?: string },
  ): Promise<{ id: string; expiresAt: Date }> {
    const [row] = (await m.query(
      `INSERT INTO auth_session (account_id, expires_at, client_address, user_agent)
       VALUES ($1, now() + make_interval(secs => $2), $3, $4)
       RETURNING id, expires_at AS "expiresAt"`,
      [
        accountId,
        maxSeconds,
        client.address?.slice(0, 100) ?? null,
        client.userAgent?.slice(0, 300) ?? null,
      ],
    )) as { id: string; expiresAt: Date }[];
    return row;
  }

  /** Stores a refresh token's hash, expiring in `ttlSeconds` or with its session if sooner. */
  async addToken(
    m: EntityManager,
    tokenHash: string,
    sessionId: string,
    ttlSeconds: number,
  ): Promise<Date> {
    const [row] = (await m.query(
      `INSERT INTO auth_refresh_token (token_hash, session_id, expires_at)
       SELECT $1, s.id, least(now() + make_interval(secs => $3), s.expires_at)
         FROM auth_session s WHERE s.id = $2
       RETURNING expires_at AS "expiresAt"`,
      [tokenHash, sessionId, ttlSeconds],
    )) as { expiresAt: Date }[];
    return row.expiresAt;
  }

  /**
   * The token of this hash with its session and account, the token's row locked until the
   * transaction ends: of two refreshes with the same token, the second sees it used.
   */
  async presented(m: EntityManager, tokenHash: string): Promise<PresentedToken | null> {
    const [row] = (await m.query(
      `SELECT t.session_id AS "sessionId", t.used_at IS NOT NULL AS used,
              t.expires_at <= now() AS expired, s.revoked_at IS NOT NULL AS "sessionRevoked",
              s.expires_at <= now() AS "sessionExpired", ${ACCOUNT} AS account
         FROM auth_refresh_token t
         JOIN auth_session s ON s.id = t.session_id
         JOIN account a ON a.id = s.account_id
        WHERE t.token_hash = $1
        FOR UPDATE OF t`,
      [tokenHash],
    )) as PresentedToken[];
    return row ?? null;
  }

  async markUsed(m: EntityManager, tokenHash: string): Promise<void> {
    await m.query(`UPDATE auth_refresh_token SET used_at = now() WHERE token_hash = $1`, [
      tokenHash,
    ]);
  }

  async touch(m: EntityManager, sessionId: string): Promise<void> {
    await m.query(`UPDATE auth_session SET last_used_at = now() WHERE id = $1`, [sessionId]);
  }

  /** Ends a session early; false when it had already ended. */
  async revoke(m: EntityManager, sessionId: string, reason: RevokeReason): Promise<boolean> {
    const [, n] = (await m.query(
      `UPDATE auth_session SET revoked_at = now(), revoked_reason = $2
        WHERE id = $1 AND revoked_at IS NULL`,
      [sessionId, reason],
    )) as [unknown, number];
    return n === 1;
  }

  /** Ends every open session of an account; how many there were. */
  async revokeAll(m: EntityManager, accountId: string, reason: RevokeReason): Promise<number> {
    const [, n] = (await m.query(
      `UPDATE auth_session SET revoked_at = now(), revoked_reason = $2
        WHERE account_id = $1 AND revoked_at IS NULL AND expires_at > now()`,
      [accountId, reason],
    )) as [unknown, number];
    return n;
  }

  /** The account a session belongs to, by user name; null for a session of nobody's. */
  async owner(m: EntityManager, sessionId: string): Promise<string | null> {
    const [row] = (await m.query(
      `SELECT a.user_name AS "userName" FROM auth_session s JOIN account a ON a.id = s.account_id
        WHERE s.id = $1`,
      [sessionId],
    )) as { userName: string }[];
    return row?.userName ?? null;
  }

  /**
   * Forgets an account's sessions that ended more than a day ago, with their tokens: kept until
   * then so that a stolen token used late is still recognised and refused as such.
   */
  async prune(m: EntityManager, accountId: string): Promise<void> {
    await m.query(
      `DELETE FROM auth_session
        WHERE account_id = $1 AND least(expires_at, coalesce(revoked_at, expires_at)) < now() - interval '1 day'`,
      [accountId],
    );
  }
}
