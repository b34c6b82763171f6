import { createHash, randomBytes } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AppException, recordAudit, type Actor, type Env } from '@spotcheck/common';
import {
  LOCKOUT_ATTEMPTS,
  LOCKOUT_MINUTES,
  invalidError,
  passwordProblems,
} from '@spotcheck/domain';
import { BearerVerifier } from '../bearer';
import { hashPassword, verifyPassword } from '../passwords';
import type { Principal } from '../principal';
import { signToken } from '../token';
import { AccountRepository, type Credentials } from './account.repository';
import { SessionRepository, type SessionAccount } from './session.repository';

/** Where a request came from, for the session and the audit log. */
export interface Client {
  address?: string;
  userAgent?: string;
}

/** A browser signed in: the two tokens for its cookies, and who it is. */
export interface SignedIn {
  principal: Principal;
  accessToken: string;
  accessExpiresAt: Date;
  refreshToken: string;
  refreshExpiresAt: Date;
  sessionExpiresAt: Date;
}

const refused = (status: HttpStatus, code: string, message: string, extra = {}) =>
  new AppException(status, code, message, extra);

const WRONG = () =>
  refused(HttpStatus.UNAUTHORIZED, 'INVALID_CREDENTIALS', 'user name or password is wrong');

const locked = (until: Date | null) =>
  refused(
    HttpStatus.LOCKED,
    'ACCOUNT_LOCKED',
    `the account is locked after ${LOCKOUT_ATTEMPTS} wrong passwords in a row, until ${until?.toISOString() ?? 'later'}`,
    { lockedUntil: until },
  );

const sessionEnded = (code: string, message: string) =>
  refused(HttpStatus.UNAUTHORIZED, code, message);

export const sha256Hex = (token: string) => createHash('sha256').update(token).digest('hex');

/** The principal an account signs in as, in its session `sid`. */
export function accountPrincipal(
  a: Pick<SessionAccount, 'userName' | 'displayName' | 'role' | 'jurisdiction' | 'org' | 'staffNo'>,
  sid?: string,
): Principal {
  const p: Principal = { sub: a.userName, role: a.role, name: a.displayName };
  if (a.jurisdiction) p.jurisdiction = a.jurisdiction;
  if (a.org) p.org = a.org;
  if (a.staffNo) p.staffNo = a.staffNo;
  if (sid) p.sid = sid;
  return p;
}

const actorOf = (a: { userName: string; role: string; org: string | null }): Actor => ({
  sub: a.userName,
  role: a.role,
  ...(a.org ? { org: a.org } : {}),
});

/**
 * Signing in with a password, and the browser sessions that follow (docs/rules.md §1.1, ADR
 * 0022): five wrong passwords in a row lock an account for 15 minutes; a first or reset
 * password must be changed before anything else; each session is a family of refresh tokens,
 * each used once, a second use ending the family. Every sign-in, refusal, lockout, sign-out,
 * password change and token reuse is written to the audit log.
 */
@Injectable()
export class SessionService {
  private readonly bearer: BearerVerifier;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly accounts: AccountRepository,
    private readonly sessions: SessionRepository,
    private readonly config: ConfigService<Env, true>,
  ) {
    this.bearer = BearerVerifier.fromConfig(config);
  }

  private setting<K extends keyof Env>(key: K): Env[K] {
    return this.config.get(key, { infer: true }) as Env[K];
  }

  /** 403 while passwords are off (AUTH_PASSWORD_SIGN_IN=false): single sign-on only. */
  private passwordsOn(): void {
    if (!this.setting('AUTH_PASSWORD_SIGN_IN'))
      throw refused(
        HttpStatus.FORBIDDEN,
        'PASSWORD_SIGN_IN_OFF',
        "signing in with a password is off here; sign in through the province's single sign-on",
      );
  }

  async signIn(userName: string, password: string, client: Client): Promise<SignedIn> {
    this.passwordsOn();
    const account = await this.checkPassword(userName, password, client, 'sign-in');
    if (account.mustChangePassword) {
      await this.ds.transaction(async (m) => {
        await this.accounts.countSuccess(m, account.id, false);
        await this.audit(m, account, 'sign-in-refused', client, {
          reason: 'password-change-required',
        });
      });
      throw refused(
        HttpStatus.FORBIDDEN,
        'PASSWORD_CHANGE_REQUIRED',
        'this password was set by an administrator and must be changed before signing in: POST /api/v1/auth/password',
      );
    }
    const signedIn = await this.ds.transaction(async (m) => {
      if (!(await this.accounts.countSuccess(m, account.id, true))) return undefined;
      await this.sessions.prune(m, account.id);
      const s = await this.openSession(m, account, client);
      await this.audit(m, account, 'sign-in', client, { session: s.principal.sid });
      return s;
    });
    // Locked or disabled between the password check and now.
    if (!signedIn) throw WRONG();
    return signedIn;
  }

  /**
   * Changes a password, the one thing an account whose password must be changed may do; signs
   * in with the new one. Other sessions of the account end (whoever knew the old password).
   */
  async changePassword(
    userName: string,
    current: string,
    next: string,
    client: Client,
  ): Promise<SignedIn> {
    this.passwordsOn();
    const problems = passwordProblems(next, userName);
    if (next === current) problems.push('must differ from the current password');
    if (problems.length)
      throw invalidError(problems.map((reason) => ({ field: 'newPassword', reason })));
    const account = await this.checkPassword(userName, current, client, 'password-change');
    const hash = await hashPassword(next);
    return this.ds.transaction(async (m) => {
      await this.accounts.setPassword(m, account.id, hash, false);
      const ended = await this.sessions.revokeAll(m, account.id, 'password-changed');
      await this.accounts.countSuccess(m, account.id, true);
      const s = await this.openSession(m, account, client);
      await this.audit(m, account, 'password-change', client, {
        session: s.principal.sid,
        sessionsEnded: ended,
        wasRequired: account.mustChangePassword,
      });
      return s;
    });
  }

  /** A new access token and refresh token for a refresh token used once only. */
  async refresh(token: string | undefined, client: Client): Promise<SignedIn> {
    if (!token)
      throw sessionEnded(
        'REFRESH_TOKEN_MISSING',
        'no refresh token (cookie spotcheck_refresh); sign in: POST /api/v1/auth/login',
      );
    const hash = sha256Hex(token);
    const outcome = await this.ds.transaction(async (m) => {
      const t = await this.sessions.presented(m, hash);
      if (!t) return { refused: 'REFRESH_TOKEN_INVALID' as const };
      if (t.used) {
        // Used before: the token was copied. Whoever holds the family now, it ends.
        if (await this.sessions.revoke(m, t.sessionId, 'reuse'))
          await this.audit(m, t.account, 'refresh-reuse', client, { session: t.sessionId });
        return { refused: 'REFRESH_TOKEN_REUSED' as const };
      }
      if (t.sessionRevoked || t.sessionExpired || t.expired)
        return { refused: 'SESSION_ENDED' as const };
      if (t.account.disabled || t.account.mustChangePassword) {
        await this.sessions.revoke(m, t.sessionId, 'disabled');
        return { refused: 'SESSION_ENDED' as const };
      }
      await this.sessions.markUsed(m, hash);
      await this.sessions.touch(m, t.sessionId);
      return { signedIn: await this.issue(m, t.account, t.sessionId) };
    });
    if (outcome.signedIn) return outcome.signedIn;
    const messages = {
      REFRESH_TOKEN_INVALID: 'the refresh token is not known; sign in again',
      REFRESH_TOKEN_REUSED:
        'the refresh token was already used; the session is ended for safety, sign in again',
      SESSION_ENDED: 'the session has ended; sign in again',
    };
    const code = outcome.refused ?? 'SESSION_ENDED';
    throw sessionEnded(code, messages[code]);
  }

  /**
   * Ends the session an access token (however old) or a refresh token names. Quiet when there
   * is none, or it had ended: signing out always succeeds.
   */
  async signOut(
    accessToken: string | undefined,
    refreshToken: string | undefined,
    client: Client,
  ): Promise<void> {
    let sid: string | undefined;
    if (accessToken) {
      const claims = await this.bearer.expiredClaims(accessToken);
      if (typeof claims?.sid === 'string') sid = claims.sid;
    }
    await this.ds.transaction(async (m) => {
      if (!sid && refreshToken)
        sid = (await this.sessions.presented(m, sha256Hex(refreshToken)))?.sessionId;
      if (!sid || !(await this.sessions.revoke(m, sid, 'sign-out'))) return;
      const owner = await this.accounts.find(m, (await this.sessions.owner(m, sid)) ?? '');
      if (owner) await this.audit(m, owner, 'sign-out', client, { session: sid });
    });
  }

  /**
   * The account of a user name if the password is right and it may sign in; otherwise the
   * refusal, audited, and for a wrong password counted towards the lockout.
   */
  private async checkPassword(
    userName: string,
    password: string,
    client: Client,
    via: 'sign-in' | 'password-change',
  ): Promise<Credentials> {
    const account = await this.accounts.credentials(this.ds.manager, userName);
    if (!account) {
      await verifyPassword(undefined, password);
      await this.ds.transaction((m) =>
        recordAudit(m, { sub: 'anonymous', role: 'anonymous' }, [
          {
            action: 'sign-in-refused',
            entityType: 'account',
            entityId: userName.slice(0, 64),
            detail: { reason: 'unknown-user', via, ...clientDetail(client) },
          },
        ]),
      );
      throw WRONG();
    }
    if (account.locked) {
      await this.ds.transaction((m) =>
        this.audit(m, account, 'sign-in-refused', client, { reason: 'locked', via }),
      );
      throw locked(account.lockedUntil);
    }
    if (!(await verifyPassword(account.passwordHash, password))) {
      const count = await this.ds.transaction(async (m) => {
        const c = await this.accounts.countFailure(
          m,
          account.id,
          LOCKOUT_ATTEMPTS,
          LOCKOUT_MINUTES,
        );
        await this.audit(m, account, 'sign-in-refused', client, { reason: 'wrong-password', via });
        if (c.lockedNow)
          await this.audit(m, account, 'lockout', client, {
            lockedUntil: c.lockedUntil,
            attempts: LOCKOUT_ATTEMPTS,
          });
        return c;
      });
      if (count.lockedNow) throw locked(count.lockedUntil);
      throw WRONG();
    }
    if (account.disabled) {
      await this.ds.transaction((m) =>
        this.audit(m, account, 'sign-in-refused', client, { reason: 'disabled', via }),
      );
      throw refused(HttpStatus.FORBIDDEN, 'ACCOUNT_DISABLED', 'the account is disabled');
    }
    return account;
  }

  private async openSession(m: EntityManager, a: SessionAccount, client: Client) {
    const s = await this.sessions.create(m, a.id, this.setting('AUTH_SESSION_MAX_SECONDS'), client);
    return this.issue(m, a, s.id);
  }

  /** A refresh token stored by its hash, and an access token of the account as it is now. */
  private async issue(m: EntityManager, a: SessionAccount, sessionId: string): Promise<SignedIn> {
    const refreshToken = randomBytes(32).toString('base64url');
    const refreshExpiresAt = await this.sessions.addToken(
      m,
      sha256Hex(refreshToken),
      sessionId,
      this.setting('AUTH_REFRESH_TTL_SECONDS'),
    );
    const ttl = this.setting('AUTH_ACCESS_TTL_SECONDS');
    const principal = accountPrincipal(a, sessionId);
    const accessToken = signToken(principal, {
      secret: this.setting('JWT_SECRET'),
      issuer: this.setting('JWT_ISSUER'),
      expiresInSeconds: ttl,
    });
    return {
      principal,
      accessToken,
      accessExpiresAt: new Date(Date.now() + ttl * 1000),
      refreshToken,
      refreshExpiresAt,
      sessionExpiresAt: refreshExpiresAt,
    };
  }

  private audit(
    m: EntityManager,
    a: { userName: string; role: string; org: string | null },
    action: string,
    client: Client,
    detail: Record<string, unknown>,
  ) {
    return recordAudit(m, actorOf(a), [
      {
        action,
        entityType: 'account',
        entityId: a.userName,
        detail: { ...detail, ...clientDetail(client) },
      },
    ]);
  }
}

const clientDetail = (c: Client) => ({
  ...(c.address ? { clientAddress: c.address } : {}),
  ...(c.userAgent ? { userAgent: c.userAgent.slice(0, 300) } : {}),
});
