import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** An organisme gestionnaire (OG): the legal entity, identified by its FINESS juridique. */
@Entity('managing_organisations')
export class ManagingOrganisation {
  @PrimaryColumn({ type: 'char', length: 9 })
  finess: string;

  /** Null until a `structureej` row of the FINESS extract names it. */
  @Column({ type: 'text', nullable: true })
  name: string | null;

  @Column({ name: 'short_name', type: 'text', nullable: true })
  shortName: string | null;

  @Column({ name: 'legal_status_code', type: 'text', nullable: true })
  legalStatusCode: string | null;

  @Column({ name: 'legal_status_label', type: 'text', nullable: true })
  legalStatusLabel: string | null;

  @Column({ name: 'department_code', type: 'text', nullable: true })
  departmentCode: string | null;

  @Column({ type: 'text', nullable: true })
  siren: string | null;

  @Column({ type: 'text', nullable: true })
  city: string | null;

  @Column({ name: 'search_text', type: 'text', default: '' })
  searchText: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
