import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ADDRESS_RULE, normalisedEmail, throttleKeys, type ThrottleKey } from './login-throttle';

/** A refused attempt while blocked, and whether it is the one to write to the audit log. */
export interface RefusedAttempt {
  blockedUntil: Date;
  /** Attempts refused since the last audit entry, this one included; null when not audited now. */
  auditCount: number | null;
}

/** Throttled attempts reach the audit log at most once a minute per counter, with their count. */
const AUDIT_EVERY = `interval '1 minute'`;

/** The `login_throttles` table: failed sign-ins counted per address typed and per address and IP. */
@Injectable()
export class LoginThrottlesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * When a counter blocks the attempt: counts it as refused and tells whether to audit it. The same
   * statements run whether an account has the address or not.
   */
  async refuseIfBlocked(email: string, ip: string | null): Promise<RefusedAttempt | null> {
    const keys = throttleKeys(email, ip).map((k) => k.key);
    const rows: { blocked_until: Date; audit_count: number | null }[] = await this.dataSource.query(
      // Wrapped in a SELECT: TypeORM answers an UPDATE … RETURNING with [rows, count].
      `WITH refused AS (
       UPDATE login_throttles t
          SET refused = CASE WHEN t.audited_at IS NULL OR t.audited_at < now() - ${AUDIT_EVERY} THEN 0 ELSE t.refused + 1 END,
              audited_at = CASE WHEN t.audited_at IS NULL OR t.audited_at < now() - ${AUDIT_EVERY} THEN now() ELSE t.audited_at END
         FROM login_throttles old
        WHERE t.key = old.key AND t.key = ANY($1) AND t.blocked_until > now()
        RETURNING t.blocked_until,
                  CASE WHEN old.audited_at IS NULL OR old.audited_at < now() - ${AUDIT_EVERY} THEN old.refused + 1 END AS audit_count)
       SELECT * FROM refused`,
      [keys],
    );
    if (rows.length === 0) return null;
    const latest = rows.reduce((a, b) => (a.blocked_until > b.blocked_until ? a : b));
    const audited = rows.find((r) => r.audit_count !== null);
    return { blockedUntil: latest.blocked_until, auditCount: audited ? Number(audited.audit_count) : null };
  }

  /**
   * Counts a failure on every counter of the attempt and blocks those past their rule; answers the
   * longest block now in force (null when none).
   */
  async countFailure(manager: EntityManager, email: string, ip: string | null): Promise<Date | null> {
    let blockedUntil: Date | null = null;
    for (const { key, rule } of throttleKeys(email, ip)) {
      const [row]: { failures: number }[] = await manager.query(
        `INSERT INTO login_throttles AS t (key, failures) VALUES ($1, 1)
         ON CONFLICT (key) DO UPDATE SET
           failures = CASE WHEN t.window_started_at < now() - make_interval(mins => $2) THEN 1 ELSE t.failures + 1 END,
           window_started_at = CASE WHEN t.window_started_at < now() - make_interval(mins => $2) THEN now() ELSE t.window_started_at END
         RETURNING failures`,
        [key, rule.windowMinutes],
      );
      const minutes = rule.blockMinutes(row!.failures);
      if (minutes > 0) {
        const [blocked]: { blocked_until: Date }[] = await manager.query(
          `WITH blocked AS (
             UPDATE login_throttles SET blocked_until = now() + make_interval(mins => $2), window_started_at = now()
              WHERE key = $1 RETURNING blocked_until)
           SELECT blocked_until FROM blocked`,
          [key, minutes],
        );
        if (!blockedUntil || blocked!.blocked_until > blockedUntil) blockedUntil = blocked!.blocked_until;
        // Administrators see the account slowed down ("LOCKED" in their list); no row for an unknown address.
        if (rule === ADDRESS_RULE)
          await manager.query(`UPDATE accounts SET locked_until = $2 WHERE lower(email) = $1`, [
            normalisedEmail(email),
            blocked!.blocked_until,
          ]);
      }
    }
    return blockedUntil;
  }

  /** After a successful sign-in, a reset password or an administrator's reactivation. */
  async clear(manager: EntityManager, email: string, ip?: string | null): Promise<void> {
    const keys: ThrottleKey[] = throttleKeys(email, ip ?? null);
    // Without an IP (reset, reactivation), only the address counter is known: pair counters expire.
    const cleared = ip === undefined ? keys.slice(1) : keys;
    await manager.query(`DELETE FROM login_throttles WHERE key = ANY($1)`, [cleared.map((k) => k.key)]);
  }

  /** The address counter of an account (its password was reset, or an administrator reactivated it). */
  async clearForAccount(manager: EntityManager, accountId: string): Promise<void> {
    const [account]: { email: string }[] = await manager.query(`SELECT email FROM accounts WHERE id = $1`, [
      accountId,
    ]);
    if (account) await this.clear(manager, account.email);
  }

  /** Counters older than a day and no longer blocking: called now and then by sign-ins. */
  async prune(): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM login_throttles
        WHERE window_started_at < now() - interval '1 day' AND (blocked_until IS NULL OR blocked_until < now())`,
    );
  }
}
