import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type StructureHistoryKind = 'IMPORT_CREATED' | 'IMPORT_UPDATED' | 'CATEGORY_CORRECTED';

/** Who changed a structure, when, why and what (field → from/to). */
@Entity('structure_history')
export class StructureHistory {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Index()
  @Column({ name: 'structure_finess', type: 'char', length: 9 })
  structureFiness: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  @Column({ type: 'text' })
  actor: string;

  @Column({ type: 'text' })
  kind: StructureHistoryKind;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'jsonb' })
  changes: Record<string, { from: unknown; to: unknown }>;

  /** What a category correction carried with it, in French (campaigns followed, authorities informed). */
  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  consequences: string[];

  @Column({ name: 'import_id', type: 'integer', nullable: true })
  importId: number | null;
}
