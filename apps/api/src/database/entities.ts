import { AccountEntity } from '../modules/identity/account.entity';
import { GrantEntity } from '../modules/identity/grant.entity';
import { AuditEntryEntity } from '../modules/audit/audit-entry.entity';
import { OneTimeTokenEntity } from '../modules/identity/one-time-token.entity';
import { SessionEntity } from '../modules/identity/session.entity';
import { OutboxEmailEntity } from '../modules/mail/outbox-email.entity';
import { FinessImport } from '../modules/structures/finess-import.entity';
import { ManagingOrganisation } from '../modules/structures/managing-organisation.entity';
import { StructureHistory } from '../modules/structures/structure-history.entity';
import { Structure } from '../modules/structures/structure.entity';

export const ENTITIES = [
  ManagingOrganisation,
  Structure,
  StructureHistory,
  FinessImport,
  AccountEntity,
  GrantEntity,
  SessionEntity,
  OneTimeTokenEntity,
  OutboxEmailEntity,
  AuditEntryEntity,
];
