import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { CompetenceCode } from '@tdb/contracts';
import { ManagingOrganisation } from './managing-organisation.entity';

/** An ESMS: an établissement or service, identified by its FINESS géographique. */
@Entity('structures')
export class Structure {
  @PrimaryColumn({ type: 'char', length: 9 })
  finess: string;

  @Index()
  @Column({ name: 'og_finess', type: 'char', length: 9 })
  ogFiness: string;

  @ManyToOne(() => ManagingOrganisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'og_finess' })
  og?: ManagingOrganisation;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'short_name', type: 'text', nullable: true })
  shortName: string | null;

  /** Name, long name and city without accents, lower case: what name search matches. */
  @Column({ name: 'search_text', type: 'text' })
  searchText: string;

  @Column({ name: 'category_code', type: 'text' })
  categoryCode: string;

  @Column({ name: 'finess_category_code', type: 'text' })
  finessCategoryCode: string;

  /** A hand correction wins over the FINESS category on later imports. */
  @Column({ name: 'category_corrected', type: 'boolean', default: false })
  categoryCorrected: boolean;

  @Column({ name: 'department_code', type: 'text' })
  departmentCode: string;

  @Column({ name: 'region_code', type: 'text' })
  regionCode: string;

  @Column({ type: 'text' })
  competence: CompetenceCode;

  @Column({ type: 'text', nullable: true })
  street: string | null;

  @Column({ type: 'text', nullable: true })
  complement: string | null;

  @Column({ name: 'postal_code', type: 'text', nullable: true })
  postalCode: string | null;

  @Column({ type: 'text', nullable: true })
  city: string | null;

  @Column({ name: 'commune_code', type: 'text', nullable: true })
  communeCode: string | null;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ type: 'text', nullable: true })
  siret: string | null;

  @Column({ name: 'opened_on', type: 'date', nullable: true })
  openedOn: string | null;

  @Column({ type: 'double precision', nullable: true })
  latitude: number | null;

  @Column({ type: 'double precision', nullable: true })
  longitude: number | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
