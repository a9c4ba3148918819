import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';
import { CAMPAIGN_COLUMNS, type CampaignRow } from './campaign-row';

/** The `campaigns` row every campaign feature starts from (read, optionally locked). */
@Injectable()
export class CampaignRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The campaign row, or a French 404. */
  async row(
    year: number,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<CampaignRow> {
    const rows: CampaignRow[] = await manager.query(
      `SELECT ${CAMPAIGN_COLUMNS} FROM campaigns WHERE year = $1${lock ? ' FOR UPDATE' : ''}`,
      [year],
    );
    const row = rows[0];
    if (!row) throw new DomainError('NOT_FOUND', `Aucune campagne ${year}.`);
    return row;
  }

  /** The latest campaign, or null when there is none. */
  async latest(manager: EntityManager = this.dataSource.manager): Promise<CampaignRow | null> {
    const rows: CampaignRow[] = await manager.query(
      `SELECT ${CAMPAIGN_COLUMNS} FROM campaigns ORDER BY year DESC LIMIT 1`,
    );
    return rows[0] ?? null;
  }
}
