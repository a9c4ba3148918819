/** The qualitative axes (O04–O06): practices in place at a structure beside its peers' share. */
import type { DistributionLevel, RestitutionStage } from './restitution';

/** The share of one group of peers (same category) having a practice; no figure under 5 peers. */
export interface PracticePeerShareDto {
  level: DistributionLevel;
  territoryCode: string;
  suppressed: boolean;
  /** Peers that answered (null when suppressed). */
  n: number | null;
  /** Percentage of them having the practice, one decimal (null when suppressed). */
  share: number | null;
}

export interface PracticeRow {
  /** The dictionary item. */
  code: string;
  label: string;
  type: 'boolean' | 'date';
  /** True (yes, or a date), false (no), null (not entered). */
  held: boolean | null;
  /** The date entered (ISO) for a dated practice. */
  date: string | null;
  /** « Oui », « Non », « 12/03/2024 » or « Non renseigné ». */
  answer: string;
  /** National, regional, departmental shares; null when peers are not shown (ADR 0013). */
  peers: PracticePeerShareDto[] | null;
}

export interface QualitativeAxisRestitution {
  code: string;
  label: string;
  meaning: string;
  practices: PracticeRow[];
}

export interface StructurePractices {
  campaignYear: number;
  finess: string;
  categoryCode: string;
  regionCode: string | null;
  departmentCode: string | null;
  stage: RestitutionStage;
  axes: QualitativeAxisRestitution[];
}

/** The guide's sheet of a qualitative axis: what it is, and its practices. */
export interface QualitativeAxisSheet {
  code: string;
  label: string;
  meaning: string;
  practices: { code: string; label: string; type: 'boolean' | 'date' }[];
}
