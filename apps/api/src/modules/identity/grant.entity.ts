import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { FormDomain, OrganisationKind, Role, UserRight } from '@tdb/contracts';

/** One role of an account in one organisation, with its rights and validity dates. */
@Entity('grants')
export class GrantEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @Column({ name: 'organisation_kind', type: 'text' })
  organisationKind: OrganisationKind;

  @Column({ name: 'organisation_code', type: 'text' })
  organisationCode: string;

  @Column({ type: 'text' })
  role: Role;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  rights: UserRight[];

  @Column({ name: 'entry_domains', type: 'text', array: true, nullable: true })
  entryDomains: FormDomain[] | null;

  @Column({ name: 'valid_from', type: 'date', nullable: true })
  validFrom: string | null;

  @Column({ name: 'valid_until', type: 'date', nullable: true })
  validUntil: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;
}
