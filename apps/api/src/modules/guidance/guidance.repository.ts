import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Scope } from '@tdb/access';
import { decisionConditions } from '../../common/auth/decision-conditions';
import { namedQuery } from '../../database/named-query';

/** A scope condition of AccessService on the structures (alias `s`). */
export interface ScopeSql {
  sql: string;
  parameters: Record<string, unknown>;
}

export interface SubmissionCountsRow {
  submissions: string;
  validated: string;
  confirmed: string;
  invalidated: string;
  awaiting_decision: string;
  shared_to_consult: string;
  without_ape: string;
  only_finess: string | null;
}

export interface FlagCountsRow {
  open: string;
  justified: string;
  to_answer: string;
}

/** An APE in force (account not disabled) on `kindCode` ('ESMS', s.finess) or ('OG', s.og_finess). */
const apeOn = (kind: 'ESMS' | 'OG', code: string) => `EXISTS (
  SELECT 1 FROM grants g JOIN accounts a ON a.id = g.account_id AND a.status <> 'DISABLED'
   WHERE g.role = 'APE' AND g.organisation_kind = '${kind}' AND g.organisation_code = ${code}
     AND (g.valid_from IS NULL OR g.valid_from <= :today) AND (g.valid_until IS NULL OR g.valid_until >= :today))`;

/** The counts "Mes étapes" measures its steps with, each read in the caller's scope, in SQL. */
@Injectable()
export class GuidanceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The in-scope submissions of the campaign by what remains to do on them (as the follow-up counts them). */
  async submissionCounts(
    year: number,
    scope: ScopeSql,
    actorScope: Scope,
    today: string,
  ): Promise<SubmissionCountsRow> {
    const { decide, consult } = decisionConditions(actorScope);
    const rows = await namedQuery<SubmissionCountsRow>(
      this.dataSource,
      `SELECT count(*) AS submissions,
              count(*) FILTER (WHERE sub.status IN ('VALIDATED', 'CONFIRMED')) AS validated,
              count(*) FILTER (WHERE sub.status = 'CONFIRMED') AS confirmed,
              count(*) FILTER (WHERE sub.status = 'INVALIDATED') AS invalidated,
              count(*) FILTER (WHERE sub.status = 'VALIDATED' AND ${decide.sql}) AS awaiting_decision,
              count(*) FILTER (WHERE sub.status IN ('VALIDATED', 'CONFIRMED') AND NOT sub.consulted_by_cd
                                 AND ${consult.sql}) AS shared_to_consult,
              count(*) FILTER (WHERE NOT ${apeOn('ESMS', 's.finess')} AND NOT ${apeOn('OG', 's.og_finess')}) AS without_ape,
              CASE WHEN count(*) = 1 THEN min(s.finess) END AS only_finess
         FROM submissions sub JOIN structures s ON s.finess = sub.finess
        WHERE sub.campaign_year = :year AND sub.in_scope AND ${scope.sql}`,
      { ...scope.parameters, ...decide.parameters, ...consult.parameters, year, today },
    );
    return rows[0] as SubmissionCountsRow;
  }

  /** The atypia flags of the campaign in scope, by what remains to do (as the atypia table lists them). */
  async flagCounts(year: number, scope: ScopeSql): Promise<FlagCountsRow> {
    const rows = await namedQuery<FlagCountsRow>(
      this.dataSource,
      `SELECT count(*) FILTER (WHERE f.status = 'OPEN') AS open,
              count(*) FILTER (WHERE f.status = 'JUSTIFIED') AS justified,
              count(*) FILTER (WHERE f.status IN ('OPEN', 'TO_CORRECT')) AS to_answer
         FROM atypia_flags f JOIN structures s ON s.finess = f.finess
        WHERE f.campaign_year = :year AND ${scope.sql}`,
      { ...scope.parameters, year },
    );
    return rows[0] as FlagCountsRow;
  }

  /** Accounts (not disabled) with a USER grant in force on these ESMS or OG, or on the ESMS of these OG. */
  async users(structures: readonly string[], ogs: readonly string[], today: string): Promise<number> {
    if (structures.length === 0 && ogs.length === 0) return 0;
    const rows = await namedQuery<{ n: string }>(
      this.dataSource,
      `SELECT count(DISTINCT g.account_id) AS n
         FROM grants g JOIN accounts a ON a.id = g.account_id AND a.status <> 'DISABLED'
        WHERE g.role = 'USER'
          AND ((g.organisation_kind = 'OG' AND g.organisation_code = ANY(:ogs))
            OR (g.organisation_kind = 'ESMS' AND (g.organisation_code = ANY(:structures)
                 OR g.organisation_code IN (SELECT finess FROM structures WHERE og_finess = ANY(:ogs)))))
          AND (g.valid_from IS NULL OR g.valid_from <= :today) AND (g.valid_until IS NULL OR g.valid_until >= :today)`,
      { structures: [...structures], ogs: [...ogs], today },
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** Of these authorities ("ARS:24", "CD:18"), those with no TDB referent, and those with no launch email. */
  async authoritiesMissing(
    year: number,
    authorities: readonly string[],
  ): Promise<{ referent: number; launch: number }> {
    if (authorities.length === 0) return { referent: 0, launch: 0 };
    const rows = await namedQuery<{ referent: string; launch: string }>(
      this.dataSource,
      `SELECT count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM authority_referents r
                                  WHERE r.organisation_kind || ':' || r.organisation_code = k.key)) AS referent,
              count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM campaign_mailings m
                                  WHERE m.campaign_year = :year AND m.kind = 'LAUNCH'
                                    AND m.organisation_kind || ':' || m.organisation_code = k.key)) AS launch
         FROM unnest(CAST(:authorities AS text[])) AS k(key)`,
      { year, authorities: [...authorities] },
    );
    return { referent: Number(rows[0]?.referent ?? 0), launch: Number(rows[0]?.launch ?? 0) };
  }
}
