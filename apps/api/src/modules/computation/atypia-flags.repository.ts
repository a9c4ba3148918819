import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AtypiaFlag, PeerReferences, RuleKind } from '@tdb/atypia';
import type { AtypiaFlagDto } from '@tdb/contracts';

interface StoredFlag {
  id: string;
  rule_code: string;
  status: AtypiaFlagDto['status'];
  value: number | null;
  accepted_value: number | null;
}

/** Values equal for a person reading them (an accepted value re-entered identically stays accepted). */
const sameFigure = (a: number | null, b: number | null): boolean =>
  a !== null && b !== null && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

const targetOf = (flag: AtypiaFlag): { kind: 'item' | 'indicator'; code: string } =>
  'item' in flag.target
    ? { kind: 'item', code: String(flag.target.item) }
    : { kind: 'indicator', code: String((flag.target as { indicator: string }).indicator) };

/**
 * The `atypia_flags` table kept in step with what the rules say: a flag keeps its status and thread
 * while its rule still fires; an accepted flag stays accepted while the value is unchanged (this
 * year, and from last year's acceptance); a rule that stops firing resolves its flag. Also the
 * campaign's stored peer references.
 */
/** Changes whenever the row is written (xmin: the writing transaction), so it versions the references. */
const REFERENCES_STAMP = `xmin::text || '@' || computed_at::text`;

@Injectable()
export class AtypiaFlagsRepository {
  async references(manager: EntityManager, year: number): Promise<PeerReferences | null> {
    return (await this.stampedReferences(manager, year))?.references ?? null;
  }

  /**
   * The version of a campaign's stored references (its row version and computing time), without
   * the references: a few bytes where the references are megabytes. Null when none are stored.
   */
  async referencesStamp(manager: EntityManager, year: number): Promise<string | null> {
    const rows: { stamp: string }[] = await manager.query(
      `SELECT ${REFERENCES_STAMP} AS stamp FROM atypia_peer_references WHERE campaign_year = $1`,
      [year],
    );
    return rows[0]?.stamp ?? null;
  }

  /** The references with their stamp (see referencesStamp), or null. */
  async stampedReferences(
    manager: EntityManager,
    year: number,
  ): Promise<{ stamp: string; references: PeerReferences } | null> {
    const rows: { groups: PeerReferences['groups']; stamp: string }[] = await manager.query(
      `SELECT groups, ${REFERENCES_STAMP} AS stamp FROM atypia_peer_references WHERE campaign_year = $1`,
      [year],
    );
    return rows[0] ? { stamp: rows[0].stamp, references: { groups: rows[0].groups } } : null;
  }

  /** Last year's accepted flags of these structures, by FINESS and rule, with the accepted value. */
  async acceptedLastYear(
    manager: EntityManager,
    year: number,
    finesses: readonly string[],
  ): Promise<Map<string, number | null>> {
    const rows: { finess: string; rule_code: string; accepted_value: number | null }[] = await manager.query(
      `SELECT finess, rule_code, accepted_value FROM atypia_flags
        WHERE campaign_year = (SELECT max(year) FROM campaigns WHERE year < $1)
          AND finess = ANY ($2::bpchar[]) AND status = 'ACCEPTED'`,
      [year, finesses],
    );
    return new Map(rows.map((r) => [`${r.finess.trim()}|${r.rule_code}`, r.accepted_value]));
  }

  /**
   * Brings the stored flags of several structures in line with what the rules say now. `kinds`
   * limits the sync to the flags of those rule kinds (the others are left as they are): the
   * campaign job evaluates own rules with the indicators and peer rules after the peers' statistics.
   * `acceptedLastYear`: read beforehand by the caller (see acceptedLastYear), read here when not given.
   */
  async syncMany(
    manager: EntityManager,
    year: number,
    batch: readonly { finess: string; flags: readonly AtypiaFlag[] }[],
    kinds: readonly RuleKind[] | null = null,
    acceptedLastYear?: Map<string, number | null>,
  ): Promise<void> {
    if (batch.length === 0) return;
    const finesses = batch.map((b) => b.finess);
    const existing: (StoredFlag & { finess: string })[] = await manager.query(
      `SELECT id, finess, rule_code, status, value, accepted_value FROM atypia_flags
        WHERE campaign_year = $1 AND finess = ANY ($2::bpchar[]) AND ($3::text[] IS NULL OR kind = ANY ($3::text[]))`,
      [year, finesses, kinds],
    );
    const stored = new Map(existing.map((f) => [`${f.finess.trim()}|${f.rule_code}`, f]));
    const lastYear = acceptedLastYear ?? (await this.acceptedLastYear(manager, year, finesses));
    const upserts: Record<string, unknown>[] = [];
    const firing = new Set<string>();
    for (const { finess, flags } of batch) {
      for (const flag of flags) {
        const key = `${finess}|${flag.ruleCode}`;
        firing.add(key);
        const previous = stored.get(key);
        const value = Number.isFinite(flag.value) ? flag.value : null;
        let status: AtypiaFlagDto['status'] = previous?.status ?? 'OPEN';
        let acceptedValue = previous?.accepted_value ?? null;
        if (!previous && lastYear.has(key) && sameFigure(lastYear.get(key) ?? null, value)) {
          // Accepted last year for the same figure: it does not come back.
          status = 'ACCEPTED';
          acceptedValue = value;
        } else if (previous?.status === 'ACCEPTED' && !sameFigure(previous.accepted_value, value)) {
          status = 'OPEN';
        } else if (previous?.status === 'RESOLVED') {
          status = 'OPEN';
        }
        const target = targetOf(flag);
        upserts.push({
          finess,
          rule_code: flag.ruleCode,
          rule_label: flag.ruleLabel,
          kind: flag.kind,
          severity: flag.severity,
          target_kind: target.kind,
          target_code: target.code,
          value,
          reference: {
            ...flag.reference,
            ...('yearOverYear' in flag ? { yearOverYear: flag.yearOverYear } : {}),
          },
          message: flag.message,
          status,
          accepted_value: acceptedValue,
        });
      }
    }
    if (upserts.length > 0) {
      await manager.query(
        `INSERT INTO atypia_flags (campaign_year, finess, rule_code, rule_label, kind, severity, target_kind, target_code,
                                   value, reference, message, status, accepted_value)
         SELECT $1, f.finess, f.rule_code, f.rule_label, f.kind, f.severity, f.target_kind, f.target_code,
                f.value, f.reference, f.message, f.status, f.accepted_value
           FROM jsonb_to_recordset($2::jsonb) AS f(finess text, rule_code text, rule_label text, kind text, severity text,
                target_kind text, target_code text, value double precision, reference jsonb, message text, status text,
                accepted_value double precision)
         ON CONFLICT (campaign_year, finess, rule_code) DO UPDATE SET
           rule_label = EXCLUDED.rule_label, severity = EXCLUDED.severity, value = EXCLUDED.value,
           reference = EXCLUDED.reference, message = EXCLUDED.message, status = EXCLUDED.status,
           accepted_value = EXCLUDED.accepted_value,
           version = atypia_flags.version + CASE WHEN atypia_flags.status <> EXCLUDED.status THEN 1 ELSE 0 END,
           updated_at = CASE WHEN atypia_flags.status <> EXCLUDED.status OR atypia_flags.value IS DISTINCT FROM EXCLUDED.value
                             THEN now() ELSE atypia_flags.updated_at END`,
        [year, JSON.stringify(upserts)],
      );
    }
    const resolved = existing.filter(
      (f) => !firing.has(`${f.finess.trim()}|${f.rule_code}`) && f.status !== 'RESOLVED',
    );
    if (resolved.length > 0) {
      await manager.query(
        `UPDATE atypia_flags SET status = 'RESOLVED', version = version + 1, updated_at = now() WHERE id = ANY ($1::uuid[])`,
        [resolved.map((f) => f.id)],
      );
    }
  }

  /** The flags of one structure, for its form and for reviewers (resolved ones left out). */
  async ofStructure(manager: EntityManager, year: number, finess: string): Promise<AtypiaFlagDto[]> {
    const rows: FlagRow[] = await manager.query(
      `SELECT ${FLAG_COLUMNS} FROM atypia_flags f
        WHERE f.campaign_year = $1 AND f.finess = $2 AND f.status <> 'RESOLVED'
        ORDER BY f.severity, f.rule_code`,
      [year, finess],
    );
    return rows.map(toFlagDto);
  }
}

export const FLAG_COLUMNS = `f.id, f.campaign_year, f.finess, f.rule_code, f.rule_label, f.kind, f.severity, f.target_kind,
  f.target_code, f.value, f.reference, f.message, f.status, f.version, f.updated_at`;

export interface FlagRow {
  id: string;
  campaign_year: number;
  finess: string;
  rule_code: string;
  rule_label: string;
  kind: AtypiaFlagDto['kind'];
  severity: string;
  target_kind: 'item' | 'indicator';
  target_code: string;
  value: number | null;
  reference: Record<string, unknown>;
  message: string;
  status: AtypiaFlagDto['status'];
  version: number;
  updated_at: Date;
}

export function toFlagDto(row: FlagRow): AtypiaFlagDto {
  return {
    id: row.id,
    campaignYear: row.campaign_year,
    finess: row.finess.trim(),
    ruleCode: row.rule_code,
    ruleLabel: row.rule_label,
    kind: row.kind,
    severity: row.severity,
    targetKind: row.target_kind,
    targetCode: row.target_code,
    value: row.value,
    reference: row.reference,
    message: row.message,
    status: row.status,
    version: row.version,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
