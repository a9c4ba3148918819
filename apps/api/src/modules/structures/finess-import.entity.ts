import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ImportReport } from '@tdb/contracts';

/** One run of the FINESS extract import, with its report. */
@Entity('finess_imports')
export class FinessImport {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'file_name', type: 'text' })
  fileName: string;

  @Column({ name: 'file_date', type: 'date', nullable: true })
  fileDate: string | null;

  @Column({ type: 'text' })
  sha256: string;

  @Column({ type: 'text' })
  actor: string;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  report: ImportReport | null;
}
