import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { CampaignMailing, CampaignMailingKind, OrganisationRef } from '@tdb/contracts';
import { namedQuery } from '../../database/named-query';
import { authorityName } from './authority-name';

interface MailingRow {
  id: string;
  campaign_year: number;
  kind: CampaignMailingKind;
  organisation_kind: 'NATIONAL' | 'ARS' | 'CD';
  organisation_code: string;
  subject: string;
  body: string;
  recipients: number;
  structures: number;
  sent_by: string | null;
  sent_at: Date;
}

const toMailing = (r: MailingRow): CampaignMailing => ({
  id: r.id,
  campaignYear: r.campaign_year,
  kind: r.kind,
  organisationKind: r.organisation_kind,
  organisationCode: r.organisation_code,
  organisationName: authorityName(r.organisation_kind, r.organisation_code),
  subject: r.subject,
  body: r.body,
  recipients: r.recipients,
  structures: r.structures,
  sentBy: r.sent_by,
  sentAt: new Date(r.sent_at).toISOString(),
});

/** The `campaign_mailings` table: what was sent, by whom, to how many. */
@Injectable()
export class MailingsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Newest first; `authorities` ("ARS:24", "CD:45"…) restricts to those senders, null = every mailing. */
  async list(
    year: number,
    authorities: string[] | null,
    kind?: CampaignMailingKind,
  ): Promise<CampaignMailing[]> {
    const filters = ['campaign_year = :year'];
    const parameters: Record<string, unknown> = { year };
    if (authorities !== null) {
      filters.push(`organisation_kind || ':' || organisation_code IN (:...authorities)`);
      parameters['authorities'] = authorities;
    }
    if (kind) {
      filters.push('kind = :kind');
      parameters['kind'] = kind;
    }
    const rows = await namedQuery<MailingRow>(
      this.dataSource,
      `SELECT m.*, (SELECT a.first_name || ' ' || a.last_name FROM accounts a WHERE a.id = m.sent_by) AS sent_by
         FROM campaign_mailings m WHERE ${filters.join(' AND ')} ORDER BY sent_at DESC`,
      parameters,
    );
    return rows.map(toMailing);
  }

  async insert(
    manager: EntityManager,
    mailing: {
      year: number;
      kind: CampaignMailingKind;
      organisation: OrganisationRef;
      subject: string;
      body: string;
      recipients: number;
      structures: number;
      sentBy: string | null;
    },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO campaign_mailings (campaign_year, kind, organisation_kind, organisation_code, subject, body,
                                      recipients, structures, sent_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        mailing.year,
        mailing.kind,
        mailing.organisation.kind,
        mailing.organisation.code,
        mailing.subject,
        mailing.body,
        mailing.recipients,
        mailing.structures,
        mailing.sentBy,
      ],
    );
  }
}
