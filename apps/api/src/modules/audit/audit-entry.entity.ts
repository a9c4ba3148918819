import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Who did what, on whom, when, from where. The territory columns let APRs read their scope. */
@Entity('audit_log')
export class AuditEntryEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ name: 'actor_email', type: 'text', nullable: true })
  actorEmail: string | null;

  @Column({ type: 'text' })
  action: string;

  @Column({ name: 'target_type', type: 'text', nullable: true })
  targetType: string | null;

  @Column({ name: 'target_id', type: 'text', nullable: true })
  targetId: string | null;

  @Column({ name: 'target_label', type: 'text', nullable: true })
  targetLabel: string | null;

  @Column({ name: 'organisation_kind', type: 'text', nullable: true })
  organisationKind: string | null;

  @Column({ name: 'organisation_code', type: 'text', nullable: true })
  organisationCode: string | null;

  @Column({ name: 'region_code', type: 'text', nullable: true })
  regionCode: string | null;

  @Column({ name: 'department_code', type: 'text', nullable: true })
  departmentCode: string | null;

  @Column({ type: 'text', nullable: true })
  competence: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details: Record<string, unknown>;

  @Column({ name: 'ip_address', type: 'text', nullable: true })
  ipAddress: string | null;
}
