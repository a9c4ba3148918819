import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A refresh-token family: one login on one device. The refresh token is "<session id>.<secret>";
 * only the hash of the current secret is kept. Presenting an older secret of the family means it
 * was stolen or replayed: the whole family is revoked.
 */
@Entity('sessions')
export class SessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @Column({ name: 'token_hash', type: 'text' })
  tokenHash: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', default: () => 'now()' })
  lastUsedAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'revoked_reason', type: 'text', nullable: true })
  revokedReason: string | null;

  @Column({ name: 'user_agent', type: 'text', nullable: true })
  userAgent: string | null;

  @Column({ name: 'ip_address', type: 'text', nullable: true })
  ipAddress: string | null;

  /** The provider's ID token when the session was opened through it: the hint of the logout there. */
  @Column({ name: 'oidc_id_token', type: 'text', nullable: true, select: false })
  oidcIdToken: string | null;
}
