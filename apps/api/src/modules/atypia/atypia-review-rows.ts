import type { AtypiaTableRow } from '@tdb/contracts';
import { findCategory } from '@tdb/reference';
import { type WorkflowRole } from '@tdb/submission-workflow';
import { FLAG_COLUMNS, toFlagDto, type FlagRow } from '../computation/atypia-flags.repository';

/** A flag joined with its structure, submission and assignment (alias f, sub, s, fa, ca). */
export interface TableRowSql extends FlagRow {
  accepted_value: number | null;
  name: string;
  category_code: string;
  department_code: string;
  region_code: string;
  og_finess: string;
  competence: 'ARS' | 'CD' | 'SHARED';
  submission_status: string;
  submission_version: number;
  consulted_by_cd: boolean;
  reopened_by_authority: boolean;
  in_scope: boolean;
  controller_id: string | null;
  controller_name: string | null;
  priority: number;
  messages: number;
  total?: string;
}

export const TABLE_SELECT = `SELECT ${FLAG_COLUMNS}, f.accepted_value, s.name, s.category_code, s.department_code,
    s.region_code, s.og_finess, s.competence, sub.status AS submission_status, sub.version AS submission_version,
    sub.consulted_by_cd, sub.reopened_by_authority, sub.in_scope,
    fa.controller_id, ca.first_name || ' ' || ca.last_name AS controller_name, coalesce(fa.priority, 0)::int AS priority,
    (SELECT count(*)::int FROM atypia_messages m WHERE m.flag_id = f.id) AS messages
  FROM atypia_flags f
  JOIN submissions sub ON sub.campaign_year = f.campaign_year AND sub.finess = f.finess
  JOIN structures s ON s.finess = f.finess
  LEFT JOIN fiabilisation_assignments fa ON fa.campaign_year = f.campaign_year AND fa.finess = f.finess
  LEFT JOIN accounts ca ON ca.id = fa.controller_id`;

export const SEVERITY_RANK = `CASE f.severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 WHEN 'low' THEN 2 ELSE 3 END`;

export const FLAG_STATUS_LABELS: Record<string, string> = {
  OPEN: 'À examiner',
  JUSTIFIED: 'Justifié',
  ACCEPTED: 'Accepté',
  TO_CORRECT: 'À corriger',
  RESOLVED: 'Résolu',
};
export const SEVERITY_LABELS: Record<string, string> = { high: 'Forte', medium: 'Moyenne', low: 'Faible' };

export const DECIDERS: readonly WorkflowRole[] = ['NATIONAL_ADMIN', 'ARS_CONTROLLER', 'CD_CONTROLLER'];
export const JUSTIFIERS: readonly WorkflowRole[] = ['STRUCTURE_ENTRY', 'STRUCTURE_VALIDATION'];

export function toTableRow(row: TableRowSql): AtypiaTableRow {
  return {
    ...toFlagDto(row),
    structureName: row.name,
    categoryCode: row.category_code,
    categoryLabel: findCategory(row.category_code)?.shortLabel ?? row.category_code,
    departmentCode: row.department_code,
    regionCode: row.region_code,
    submissionStatus: row.submission_status,
    controllerId: row.controller_id,
    controllerName: row.controller_name,
    priority: Number(row.priority),
    messages: Number(row.messages),
  };
}

export const ATYPIA_HEADERS = [
  'FINESS',
  'Structure',
  'Catégorie',
  'Département',
  'Région',
  'Statut de la saisie',
  'Code de la règle',
  'Règle',
  'Gravité',
  'Item ou indicateur',
  'Valeur',
  'Constat',
  'Statut du signalement',
  'Contrôleur',
  'Priorité',
  'Messages',
  'Mis à jour le',
] as const;
