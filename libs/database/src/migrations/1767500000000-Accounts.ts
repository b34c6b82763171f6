import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts and browser sessions (docs/rules.md §1.1, ADR 0022).
 *
 * `account` — one person who signs in with a password: `user_name` (unique without regard to
 * case, and the `sub` of its tokens), `display_name`, `role` with what the role needs
 * (`jurisdiction` for a regulator, optionally its inspector `staff_no`; `org`, the lab id or the
 * enterprise USCC, for a lab or an enterprise), the argon2id `password_hash` (a PHC string that
 * names its parameters), `must_change_password` (set by an admin's first or reset password),
 * `disabled`, and the lockout: `failed_attempts` in a row and `locked_until`.
 *
 * `auth_session` — one signed-in browser: a family of refresh tokens, with its absolute end
 * (`expires_at`) and, once ended early, `revoked_at` and why (signed out, a refresh token used
 * twice, the password changed or reset, the account disabled).
 *
 * `auth_refresh_token` — each refresh token ever handed out, by its SHA-256 (the token itself is
 * never stored): when it expires and when it was used. A token is used once; it is kept after
 * that so that a second use is recognised as theft and ends its session.
 */
export class Accounts1767500000000 implements MigrationInterface {
  name = 'Accounts1767500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE account (
        id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_name            text NOT NULL CHECK (length(user_name) BETWEEN 2 AND 64)
                               CHECK (user_name !~ '[[:space:][:cntrl:]]'),
        display_name         text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
        role                 text NOT NULL CHECK (role IN ('regulator','lab','enterprise','admin')),
        jurisdiction         text COLLATE "C" CHECK (jurisdiction ~ '^[0-9]{6}$'),
        org                  text CHECK (length(org) BETWEEN 1 AND 64),
        staff_no             text CHECK (length(staff_no) BETWEEN 1 AND 64),
        password_hash        text NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
        must_change_password boolean NOT NULL DEFAULT true,
        disabled             boolean NOT NULL DEFAULT false,
        failed_attempts      integer NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
        locked_until         timestamptz,
        password_changed_at  timestamptz,
        last_sign_in_at      timestamptz,
        created_at           timestamptz NOT NULL DEFAULT now(),
        updated_at           timestamptz NOT NULL DEFAULT now(),
        CHECK ((role = 'regulator') = (jurisdiction IS NOT NULL)),
        CHECK (role = 'regulator' OR staff_no IS NULL),
        CHECK ((role IN ('lab','enterprise')) = (org IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX account_user_name_key ON account (lower(user_name))`);
    await q.query(`CREATE INDEX account_list_idx ON account (user_name COLLATE "C", id)`);
    await q.query(`
      CREATE TABLE auth_session (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id     uuid NOT NULL REFERENCES account (id) ON DELETE CASCADE,
        created_at     timestamptz NOT NULL DEFAULT now(),
        last_used_at   timestamptz NOT NULL DEFAULT now(),
        expires_at     timestamptz NOT NULL,
        revoked_at     timestamptz,
        revoked_reason text CHECK (revoked_reason IN
                         ('sign-out','reuse','password-changed','password-reset','disabled')),
        client_address text CHECK (length(client_address) <= 100),
        user_agent     text CHECK (length(user_agent) <= 300),
        CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))
      )`);
    await q.query(
      `CREATE INDEX auth_session_account_idx ON auth_session (account_id) WHERE revoked_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE auth_refresh_token (
        token_hash text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        session_id uuid NOT NULL REFERENCES auth_session (id) ON DELETE CASCADE,
        issued_at  timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at    timestamptz
      )`);
    await q.query(`CREATE INDEX auth_refresh_token_session_idx ON auth_refresh_token (session_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE auth_refresh_token`);
    await q.query(`DROP TABLE auth_session`);
    await q.query(`DROP TABLE account`);
  }
}
