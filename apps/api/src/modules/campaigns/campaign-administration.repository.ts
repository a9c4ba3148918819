import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { CampaignDatesDto, SubmissionStatusCode } from '@tdb/contracts';
import { namedQuery } from '../../database/named-query';
import { CAMPAIGN_COLUMNS, type CampaignRow } from '../campaign-core/campaign-row';

/** The `campaigns` table as the national administration writes it, and the counts of its page. */
@Injectable()
export class CampaignAdministrationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(): Promise<CampaignRow[]> {
    return this.dataSource.query(`SELECT ${CAMPAIGN_COLUMNS} FROM campaigns ORDER BY year DESC`);
  }

  /** Submissions of the campaign by status and scope flag, within a scope condition on `s`. */
  countsByStatus(
    year: number,
    scope: { sql: string; parameters: Record<string, unknown> },
  ): Promise<{ status: SubmissionStatusCode; in_scope: boolean; n: string }[]> {
    return namedQuery<{ status: SubmissionStatusCode; in_scope: boolean; n: string }>(
      this.dataSource,
      `SELECT sub.status, sub.in_scope, count(*) AS n
         FROM submissions sub JOIN structures s ON s.finess = sub.finess
        WHERE sub.campaign_year = :year AND ${scope.sql}
        GROUP BY sub.status, sub.in_scope`,
      { ...scope.parameters, year },
    );
  }

  async exists(manager: EntityManager, year: number): Promise<boolean> {
    return (await manager.query(`SELECT 1 FROM campaigns WHERE year = $1`, [year])).length > 0;
  }

  async latestBefore(manager: EntityManager, year: number): Promise<CampaignRow | undefined> {
    const rows: CampaignRow[] = await manager.query(
      `SELECT ${CAMPAIGN_COLUMNS} FROM campaigns WHERE year < $1 ORDER BY year DESC LIMIT 1`,
      [year],
    );
    return rows[0];
  }

  /** The campaign row, and a submission for every structure of the registry. */
  async insert(
    manager: EntityManager,
    campaign: { year: number; dictionaryVersion: string; threshold: number; dates: CampaignDatesDto },
  ): Promise<void> {
    const { year, dates } = campaign;
    await manager.query(
      `INSERT INTO campaigns (year, dictionary_version, threshold, launch_date, accounts_setup_date, collection_start,
                              collection_end, fiabilisation_start, fiabilisation_end, restitution_start)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        year,
        campaign.dictionaryVersion,
        campaign.threshold,
        dates.launch,
        dates.accountsSetup,
        dates.collectionStart,
        dates.collectionEnd,
        dates.fiabilisationStart,
        dates.fiabilisationEnd,
        dates.restitutionStart,
      ],
    );
    await manager.query(`INSERT INTO submissions (campaign_year, finess) SELECT $1, finess FROM structures`, [
      year,
    ]);
  }

  async updateDates(
    manager: EntityManager,
    year: number,
    dates: CampaignDatesDto,
    threshold: number,
  ): Promise<void> {
    await manager.query(
      `UPDATE campaigns SET launch_date = $2, accounts_setup_date = $3, collection_start = $4, collection_end = $5,
              fiabilisation_start = $6, fiabilisation_end = $7, restitution_start = $8, threshold = $9,
              version = version + 1, updated_at = now()
        WHERE year = $1`,
      [
        year,
        dates.launch,
        dates.accountsSetup,
        dates.collectionStart,
        dates.collectionEnd,
        dates.fiabilisationStart,
        dates.fiabilisationEnd,
        dates.restitutionStart,
        threshold,
      ],
    );
  }

  async setState(
    manager: EntityManager,
    year: number,
    state: 'OPEN' | 'CLOSED',
    closedOn: string | null,
  ): Promise<void> {
    await manager.query(
      `UPDATE campaigns SET state = $2, closed_on = $3, version = version + 1, updated_at = now() WHERE year = $1`,
      [year, state, closedOn],
    );
  }
}
