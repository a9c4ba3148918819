import { Injectable } from '@nestjs/common';
import { IsNull, type EntityManager } from 'typeorm';
import { SessionEntity } from './session.entity';

/** Ends sessions: every write that takes an account's access away goes through here. */
@Injectable()
export class SessionsRepository {
  /** Revokes every open session of the account (its refresh tokens stop working at once). */
  async revokeAll(manager: EntityManager, accountId: string, reason: string): Promise<void> {
    await manager
      .getRepository(SessionEntity)
      .update({ accountId, revokedAt: IsNull() }, { revokedAt: new Date(), revokedReason: reason });
  }
}
