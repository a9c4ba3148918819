import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ReferentDto } from '@tdb/contracts';
import { authorityName } from './authority-name';

export interface ReferentRow {
  id: string;
  organisation_kind: 'ARS' | 'CD';
  organisation_code: string;
  name: string;
  email: string;
  phone: string | null;
  role_label: string | null;
}

export const toDto = (r: ReferentRow): ReferentDto => ({
  id: r.id,
  organisationKind: r.organisation_kind,
  organisationCode: r.organisation_code,
  organisationName: authorityName(r.organisation_kind, r.organisation_code),
  name: r.name,
  email: r.email,
  phone: r.phone,
  roleLabel: r.role_label,
});

const COLUMNS = 'id, organisation_kind, organisation_code, name, email, phone, role_label';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The `authority_referents` table. */
@Injectable()
export class ReferentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(kind: string, code: string): Promise<ReferentRow[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM authority_referents WHERE organisation_kind = $1 AND organisation_code = $2
        ORDER BY name, email`,
      [kind, code],
    );
  }

  async emailTaken(manager: EntityManager, kind: string, code: string, email: string): Promise<boolean> {
    const existing = await manager.query(
      `SELECT 1 FROM authority_referents WHERE organisation_kind = $1 AND organisation_code = $2 AND lower(email) = $3`,
      [kind, code, email],
    );
    return existing.length > 0;
  }

  async insert(
    manager: EntityManager,
    referent: {
      kind: string;
      code: string;
      name: string;
      email: string;
      phone: string | null;
      roleLabel: string | null;
    },
  ): Promise<ReferentRow> {
    const rows: ReferentRow[] = await manager.query(
      `INSERT INTO authority_referents (organisation_kind, organisation_code, name, email, phone, role_label)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
      [referent.kind, referent.code, referent.name, referent.email, referent.phone, referent.roleLabel],
    );
    return rows[0] as ReferentRow;
  }

  /** The referent, locked for its removal; null for an unknown or malformed id. */
  async lock(manager: EntityManager, id: string): Promise<ReferentRow | null> {
    if (!UUID.test(id)) return null;
    const rows: ReferentRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM authority_referents WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] ?? null;
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`DELETE FROM authority_referents WHERE id = $1`, [id]);
  }
}
