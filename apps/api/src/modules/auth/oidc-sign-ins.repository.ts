import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AccountStatusValue } from '../identity/account.entity';

export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
  invitationTokenHash: string | null;
  returnTo: string | null;
}

interface PendingRow {
  state: string;
  nonce: string;
  code_verifier: string;
  invitation_token_hash: string | null;
  return_to: string | null;
}

export interface LinkableAccount {
  id: string;
  email: string;
  status: AccountStatusValue;
  oidcIssuer: string | null;
  oidcSubject: string | null;
}

interface AccountRow {
  id: string;
  email: string;
  status: AccountStatusValue;
  oidc_issuer: string | null;
  oidc_subject: string | null;
}

const toAccount = (row: AccountRow | undefined): LinkableAccount | null =>
  row
    ? {
        id: row.id,
        email: row.email,
        status: row.status,
        oidcIssuer: row.oidc_issuer,
        oidcSubject: row.oidc_subject,
      }
    : null;

const ACCOUNT_COLUMNS = 'id, email, status, oidc_issuer, oidc_subject';

/** The sign-ins in progress at the provider and the identities linked to accounts. */
@Injectable()
export class OidcSignInsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(keyHash: string, pending: PendingSignIn, expiresAt: Date): Promise<void> {
    await this.dataSource.query(`DELETE FROM oidc_sign_ins WHERE expires_at < now()`);
    await this.dataSource.query(
      `INSERT INTO oidc_sign_ins (key_hash, state, nonce, code_verifier, invitation_token_hash, return_to, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        keyHash,
        pending.state,
        pending.nonce,
        pending.codeVerifier,
        pending.invitationTokenHash,
        pending.returnTo,
        expiresAt,
      ],
    );
  }

  /** Takes the sign-in in progress out (single use), or null when unknown or expired. */
  async take(keyHash: string): Promise<PendingSignIn | null> {
    const [rows] = (await this.dataSource.query(
      `DELETE FROM oidc_sign_ins WHERE key_hash = $1
       RETURNING state, nonce, code_verifier, invitation_token_hash, return_to, expires_at > now() AS live`,
      [keyHash],
    )) as [(PendingRow & { live: boolean })[], number];
    const row = rows[0];
    if (!row?.live) return null;
    return {
      state: row.state,
      nonce: row.nonce,
      codeVerifier: row.code_verifier,
      invitationTokenHash: row.invitation_token_hash,
      returnTo: row.return_to,
    };
  }

  async byIdentity(manager: EntityManager, issuer: string, subject: string): Promise<LinkableAccount | null> {
    const rows: AccountRow[] = await manager.query(
      `SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE oidc_issuer = $1 AND oidc_subject = $2`,
      [issuer, subject],
    );
    return toAccount(rows[0]);
  }

  async byEmailForUpdate(manager: EntityManager, email: string): Promise<LinkableAccount | null> {
    const rows: AccountRow[] = await manager.query(
      `SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE lower(email) = lower($1) FOR UPDATE`,
      [email],
    );
    return toAccount(rows[0]);
  }

  async byIdForUpdate(manager: EntityManager, id: string): Promise<LinkableAccount | null> {
    const rows: AccountRow[] = await manager.query(
      `SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return toAccount(rows[0]);
  }

  async link(manager: EntityManager, accountId: string, issuer: string, subject: string): Promise<void> {
    await manager.query(
      `UPDATE accounts SET oidc_issuer = $2, oidc_subject = $3, version = version + 1, updated_at = now()
       WHERE id = $1`,
      [accountId, issuer, subject],
    );
  }

  async signedIn(manager: EntityManager, accountId: string, activate: boolean): Promise<void> {
    await manager.query(
      `UPDATE accounts SET last_login_at = now(), failed_login_count = 0, locked_until = NULL,
         status = CASE WHEN $2 AND status = 'INVITED' THEN 'ACTIVE' ELSE status END
       WHERE id = $1`,
      [accountId, activate],
    );
  }
}
